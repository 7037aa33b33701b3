from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "lms.transition.plan"
    label = "plan"
    verbose_name = _("Digital transition plan")

    def ready(self):
        # Imported here: the selectors import models, which Django loads only after every
        # app's configuration; ready() is where it says they may be imported.
        from cohorts.selectors.plans import register_transition_state
        from lms.pathway import hooks, steps
        from lms.transition.plan.selectors import (
            plan_record,
            plan_records,
            plan_steps,
            plan_transition_states,
        )

        # The level-2 rule asks for the organisation's submitted plan.
        hooks.register_record("transition_plan", plan_record, many=plan_records)
        # "Mon parcours" shows the plan's step; the facilitators' pages its state.
        steps.register(plan_steps)
        register_transition_state("transition_plan", plan_transition_states)
