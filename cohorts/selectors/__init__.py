"""Reads on cohorts, one concern a module; import from the module that holds the function.

* ``access``: who may follow which cohorts (facilitators, programme staff).
* ``calendar``: a cohort's weeks and pauses, and where a day falls in them.
* ``learner``: a learner's own cohort and calendar; the engine's questions about seats.
* ``people``: the cohort's learners (their one definition, ``cohort_learners``), who a
  message to the whole cohort reaches, its organisations, a session's learners.
* ``grid``: the facilitators' progress grid, its flags and its completion by week.
* ``attendance``: attendance to the cohort's live sessions.
* ``plans``: where an organisation stands on its self-assessment and transition plan.
"""
