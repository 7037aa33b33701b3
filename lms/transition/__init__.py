"""The organisation's digital transition (level 2's deliverable), in two apps:

* ``assessment``: the digital-maturity self-assessment (autodiagnostic), answered by each
  colleague, combined per organisation, round after round.
* ``plan``: the digital transition plan, built over the 12 weeks and submitted; its
  submission answers the level-2 rule.

Both sit above the pathway engine and cohorts: they answer the engine's questions
(``lms.pathway.hooks``), add their steps to "Mon parcours" (``lms.pathway.steps``) and
their states to the facilitators' pages (``cohorts.selectors.plans``).
"""
