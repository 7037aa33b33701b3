from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "lms.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        # Imported here: these modules import models, which Django loads only after every
        # app's configuration; ready() is where it says they may be imported.
        from lms.moderation import notifications
        from lms.moderation.sync import sync_review_workflow

        # After the role groups' sync (lms.accounts, connected before): the authors'
        # group exists by then.
        post_migrate.connect(sync_review_workflow, dispatch_uid="moderation.sync_review_workflow")
        notifications.connect()
