"""Cohorts: groups of organisations (level 2) or leaders (level 3) that follow one course
together on a weekly calendar, guided by their facilitators.

Nothing is stored here yet. The cohorts issue adds the cohort, its calendar, its seats
and its facilitators; the facilitator role already exists (``lms/accounts/roles.py``)
and has no Wagtail admin rights, by design.
"""
