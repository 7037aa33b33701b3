"""Edit-view panels for the pathway's pages."""

from urllib.parse import urlencode

from django.db.models import Avg, Count
from django.urls import reverse
from wagtail.admin.panels import Panel

from content.i18n import source_page
from courses.permissions import VIEW_MODULE_FEEDBACK


class ModuleFeedbackPanel(Panel):
    """A module's ratings at a glance ("N ratings, average X/5"), next to its content,
    with a link to the feedback report filtered to it.

    Shown to people who may read feedback, on a module that exists. An English module
    shows its French page's feedback: that is where learners' records point.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/panels/module_feedback.html"

        def is_shown(self):
            user = getattr(self.request, "user", None)
            return (
                self.instance is not None
                and self.instance.pk is not None
                and user is not None
                and user.has_perm(VIEW_MODULE_FEEDBACK)
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = source_page(self.instance)
            # Feedback points at the French page (``ModuleFeedback.module``).
            summary = source.learner_feedback.aggregate(count=Count("pk"), average=Avg("rating"))
            context["count"] = summary["count"]
            context["average"] = summary["average"]
            context["report_url"] = "{}?{}".format(
                reverse("courses_reports:module_feedback"), urlencode({"module": source.pk})
            )
            return context
