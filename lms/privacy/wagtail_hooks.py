"""Registers the privacy admin: the account erasures (``rights/viewsets.py``) and the
register of confidentiality incidents (``viewsets.py``)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from lms.privacy.models import ConfidentialityIncident
from lms.privacy.rights.viewsets import ErasureViewSet
from lms.privacy.viewsets import PrivacyOfficerPolicy, incident_viewset

# Before the viewset, which would otherwise get Wagtail's default policy.
register_permission_policy(ConfidentialityIncident, PrivacyOfficerPolicy(ConfidentialityIncident))

hooks.register("register_admin_viewset", ErasureViewSet)


@hooks.register("register_admin_viewset")
def register_incident_register():
    return incident_viewset
