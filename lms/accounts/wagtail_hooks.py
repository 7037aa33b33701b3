from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from lms.accounts.models import OrganisationJoinRequest
from lms.accounts.permissions import ReadOnlyPermissionPolicy
from lms.accounts.viewsets import (
    PeopleGroup,
    learner_chooser_viewset,
    member_chooser_viewset,
    person_listing_buttons,
    person_urlpatterns,
    staff_homepage_panels,
)

# Before the viewsets, which would otherwise get Wagtail's default policy.
register_permission_policy(
    OrganisationJoinRequest, ReadOnlyPermissionPolicy(OrganisationJoinRequest)
)
register_snippet(PeopleGroup)
hooks.register("register_admin_urls", person_urlpatterns)
hooks.register("register_user_listing_buttons", person_listing_buttons)
hooks.register("construct_homepage_panels", staff_homepage_panels)


@hooks.register("register_admin_viewset")
def register_people_choosers():
    return [learner_chooser_viewset, member_chooser_viewset]


@hooks.register("register_log_actions")
def register_organisation_log_actions(actions):
    actions.register_action(
        "accounts.organisation.proposed", _("Propose organisation"), _("Organisation proposed")
    )
    actions.register_action(
        "accounts.organisation.confirmed", _("Confirm organisation"), _("Organisation confirmed")
    )
    actions.register_action(
        "accounts.organisation.declined", _("Decline organisation"), _("Organisation declined")
    )
    actions.register_action(
        "accounts.organisation.contact_added", _("Name a contact person"), _("Contact person named")
    )
    actions.register_action(
        "accounts.person.organisation_changed",
        _("Change a person's organisation"),
        _("Organisation changed"),
    )


@hooks.register("register_log_actions")
def register_join_request_log_actions(actions):
    actions.register_action(
        "accounts.join_request.accepted", _("Accept a join request"), _("Join request accepted")
    )
    actions.register_action(
        "accounts.join_request.declined", _("Decline a join request"), _("Join request declined")
    )
