from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwayConfig(AppConfig):
    name = "lms.pathway"
    label = "pathway"
    verbose_name = _("Completion and bursaries")
    #: What this app's permissions give to the roles (``lms.accounts.roles``). Staff read
    #: eligibilities and quotas, change a status, answer review requests, and set the
    #: planned numbers and the rules' version (the one permission wagtail.contrib.settings
    #: asks for a generic setting).
    role_permissions = {
        "staff": (
            "pathway.view_bursaryeligibility",
            "pathway.change_bursaryeligibility",
            "pathway.view_reviewrequest",
            "pathway.change_reviewrequest",
            "pathway.change_pathwaysettings",
        ),
    }

    def ready(self):
        # Imported here: these modules import models, which Django loads only after every
        # app's configuration; ready() is where it says they may be imported.
        from lms import learning_events, outbox
        from lms.pathway import effects
        from lms.pathway.services import pathway_evaluate_many, pathway_on_learning_event

        # Notices and certificates are outbox messages, carried out by these handlers.
        for kind, handler in effects.HANDLERS.items():
            outbox.register(kind, handler)
        # The engine hears every learning event, in the transaction that records it, and
        # the learners of an attendance import all at once.
        learning_events.listen(pathway_on_learning_event, many=pathway_evaluate_many)
