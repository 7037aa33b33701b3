from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from lms.accounts.viewsets import PeopleGroup

register_snippet(PeopleGroup)


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
