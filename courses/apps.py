from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from courses.permissions import VIEW_MODULE_FEEDBACK, VIEW_TRANSLATION_REPORT


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Pathway and courses")
    #: What this app's permissions give to the roles (``lms.accounts.roles``): authors and
    #: staff read learners' feedback on modules and the translation report.
    role_permissions = {
        "author": (VIEW_MODULE_FEEDBACK, VIEW_TRANSLATION_REPORT),
        "staff": (VIEW_MODULE_FEEDBACK, VIEW_TRANSLATION_REPORT),
    }

    def ready(self):
        # Imported here: models load only after every app's configuration.
        from courses.models import ActivityResponse, ModuleCompletion, ModuleFeedback, RequestKey
        from lms.person_cache import person_cache_ignore, person_cache_scope

        # A learner's completions, answers and feedback show on their own pages, and in
        # the facilitators' grid ("learning").
        for model in (ModuleCompletion, ActivityResponse, ModuleFeedback):
            person_cache_scope(model, "learner", tags=("learning",))
        # Idempotency keys show on no page.
        person_cache_ignore(RequestKey)
