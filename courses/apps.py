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
