"""Writes on cohorts: admitting and removing seats, logging facilitators' access."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cohorts.models import Cohort, CohortSeat, FacilitatorAccess
from lms.accounts.roles import is_programme_staff
from lms.bulk import row_insert


def seat_admit(*, cohort: Cohort, actor, organisation=None, leader=None) -> CohortSeat:
    """Admit an organisation (level 2) or a leader (the lab) to ``cohort``, logged."""
    if cohort.is_lab and organisation is not None:
        raise ValidationError(_("The leadership lab admits leaders, not organisations."))
    if not cohort.is_lab and leader is not None:
        raise ValidationError(_("A level-2 cohort admits organisations, not people."))
    try:
        with transaction.atomic():
            seat = CohortSeat.objects.create(
                cohort=cohort, organisation=organisation, leader=leader, admitted_by=actor
            )
            data = {
                "seat": seat.pk,
                "organisation": getattr(organisation, "pk", None),
                "leader": getattr(leader, "pk", None),
            }
            log(cohort, "cohorts.seat.admitted", user=actor, data=data)
    except IntegrityError as error:
        raise ValidationError(_("This seat is already taken in this cohort.")) from error
    return seat


@transaction.atomic
def seat_remove(*, seat: CohortSeat, actor) -> CohortSeat:
    """Remove a seat, keeping who admitted it and who removed it, and when."""
    seat = CohortSeat.objects.select_for_update().get(pk=seat.pk)
    if seat.removed_at is None:
        seat.removed_at = timezone.now()
        seat.removed_by = actor
        seat.save(update_fields=["removed_at", "removed_by"])
        log(seat.cohort, "cohorts.seat.removed", user=actor, data={"seat": seat.pk})
    return seat


def facilitator_access_log(*, user, cohort_id: int, view: str, organisation=None) -> None:
    """Record that ``user`` looked at learners' data of the cohort (staff read the log)."""
    # Written on every visit of the grid, kept copy or not: its SQL is written once.
    row_insert(
        FacilitatorAccess(
            facilitator=user, cohort_id=cohort_id, view=view, organisation=organisation
        )
    )


def attendance_sheet_viewed(*, user, session) -> None:
    """Log a facilitator's view of an attendance sheet, for each of their cohorts the
    session belongs to (staff's views are not logged)."""
    if is_programme_staff(user):
        return
    for cohort in Cohort.objects.filter(sessions=session, facilitators=user):
        facilitator_access_log(
            user=user, cohort_id=cohort.pk, view=FacilitatorAccess.View.ATTENDANCE
        )
