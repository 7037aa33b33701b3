"""The register of confidentiality incidents in the admin, for the person in charge of
the protection of personal information only (Law 25, s. 3.8)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
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
        # The permissions first: already loaded for the admin's menu, they spare anyone
        # but the officer (and superusers) the role's query.
        return super().user_has_permission(user, action) and self._is_officer(user)

    def user_has_any_permission(self, user, actions):
        actions = [action for action in actions if action != "delete"]
        return super().user_has_any_permission(user, actions) and self._is_officer(user)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(actions).filter(groups__name=self.group_name)


def officer_only(view, policy: PrivacyOfficerPolicy):
    """``view``, answering 403 to anyone but the person in charge (Wagtail would send
    them back to the dashboard: the register says plainly that it is not theirs)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not policy.user_has_any_permission(request.user, ["add", "change", "view"]):
            # Answered here: Wagtail's admin turns a PermissionDenied into a redirect.
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


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

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = officer_only(pattern.callback, self.permission_policy)
        return patterns


incident_viewset = IncidentViewSet()
