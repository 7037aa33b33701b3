"""Applications and selection committees: calls, applications, committees of four,
scores, decisions (issue 14). Above the pathway engine, cohorts and the transition apps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "lms.selection"
    label = "selection"
    verbose_name = _("Applications and selection")
    #: What this app's permissions give to the roles (``lms.accounts.roles``): programme
    #: staff open and edit calls, read applications and return them for changes, form
    #: committees, record decisions (changing an application), set the regional quotas
    #: and read the access log.
    #: Applicants hold no permission: being a contact of the organisation is the rule.
    role_permissions = {
        "staff": (
            "selection.add_call",
            "selection.change_call",
            "selection.view_call",
            "selection.view_application",
            "selection.change_application",
            "selection.add_committee",
            "selection.change_committee",
            "selection.view_committee",
            "selection.view_applicationaccess",
            "selection.add_regionalquota",
            "selection.change_regionalquota",
            "selection.delete_regionalquota",
            "selection.view_regionalquota",
        ),
    }

    def ready(self):
        # Imported here: these modules import models, which Django loads only after every
        # app's configuration; ready() is where it says they may be imported.
        from lms import outbox
        from lms.pathway import steps
        from lms.selection import effects
        from lms.selection.selectors import call_steps

        # "Mon parcours" shows the open calls and the organisation's applications.
        steps.register(call_steps)
        # Each contact's e-mail about an application's state is an outbox message.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
