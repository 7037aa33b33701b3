"""Reads on cohort messages: those sent to a cohort."""

from cohorts.models import Cohort


def cohort_messages(cohort: Cohort):
    """Return the messages sent to the cohort, newest first."""
    return cohort.messages.select_related("sender").order_by("-created_at")
