"""The register of confidentiality incidents in the admin, for the person in charge of
the protection of personal information only (Law 25, s. 3.8)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lms.accounts.roles import ROLES
from lms.privacy.models import ConfidentialityIncident
from lms.privacy.services import incident_record


class PrivacyOfficerPolicy(ModelPermissionPolicy):
    """The model's permissions, held through the privacy officer's role: a superuser or
    programme staff without that role see nothing (a superuser who must keep the register
    joins the role, which the admin shows)."""

    group_name = ROLES["privacy_officer"].group_name

    def _is_officer(self, user) -> bool:
        if not (user.is_active and user.is_authenticated):
            return False
        cached = getattr(user, "_privacy_officer", None)
        if cached is None:
            cached = user.groups.filter(name=self.group_name).exists()
            user._privacy_officer = cached
        return cached

    def user_has_permission(self, user, action):
        # The register is kept whole: nobody deletes a row.
        if action == "delete":
            return False
        return self._is_officer(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        actions = [action for action in actions if action != "delete"]
        return self._is_officer(user) and super().user_has_any_permission(user, actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(actions).filter(groups__name=self.group_name)


class IncidentCreateView(CreateView):
    def save_instance(self):
        return incident_record(incident=self.form.save(commit=False), actor=self.request.user)


class IncidentViewSet(ModelViewSet):
    model = ConfidentialityIncident
    icon = "warning"
    menu_label = _("Confidentiality incidents")
    add_to_admin_menu = True
    menu_order = 900
    url_prefix = "confidentialite/incidents"
    name = "confidentiality_incidents"
    add_view_class = IncidentCreateView
    list_display = ["known_on", "occurred_on", "__str__", "risk", "commission_notified_on"]
    list_filter = ["risk"]
    inspect_view_enabled = True
    exclude_form_fields = ["recorded_by"]


incident_viewset = IncidentViewSet()
