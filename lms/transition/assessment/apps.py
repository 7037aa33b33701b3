"""The self-assessment: questionnaire, takes, rounds, the organisation's result."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "lms.transition.assessment"
    label = "assessment"
    verbose_name = _("Digital-maturity self-assessment")

    def ready(self):
        # Imported here: these modules import models, which Django loads only after every
        # app's configuration; ready() is where it says they may be imported.
        from cohorts.selectors.plans import register_transition_state
        from courses.models import LevelPage
        from lms.pathway import steps
        from lms.transition.assessment import integration

        # The level page names its children by type; the questionnaire sits above
        # courses, so it adds itself here rather than courses naming an app above it.
        if "assessment.SelfAssessmentPage" not in LevelPage.subpage_types:
            LevelPage.subpage_types = [*LevelPage.subpage_types, "assessment.SelfAssessmentPage"]
        steps.register(integration.pathway_steps)
        register_transition_state("self_assessment", integration.transition_states)
