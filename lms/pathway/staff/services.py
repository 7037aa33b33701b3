"""Writes programme staff make in the admin: an eligibility's status, a review's answer.

A status change itself goes through ``services.eligibility_set_status`` (the one function
that validates moves and keeps the history); here it is wrapped with the admin's audit
log, in the same transaction, so the log never says something the database does not.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.outbox.services import outbox_add
from lms.pathway import effects
from lms.pathway.models import BursaryEligibility, ReviewRequest
from lms.pathway.services import eligibility_set_status

#: The audit log's actions (registered in ``wagtail_hooks.py``).
ELIGIBILITY_STATUS_ACTION = "pathway.eligibility.status"
REVIEW_CLOSED_ACTION = "pathway.review_request.closed"


class ReviewRequestError(Exception):
    """A review request staff cannot close; the message is for them."""


def eligibility_change_status(
    *, eligibility: BursaryEligibility, status: str, actor, reason: str = ""
) -> BursaryEligibility:
    """Move an eligibility to ``status`` for ``actor`` and write it in the audit log.

    Raises ``services.EligibilityError`` (with a message for staff) when the move is not
    allowed or a revocation has no reason.
    """
    with transaction.atomic():
        # Locked as the service will lock it: "from" is what the service moves from.
        previous = (
            BursaryEligibility.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=eligibility.pk)
        )
        eligibility = eligibility_set_status(
            eligibility=eligibility, status=status, actor=actor, reason=reason
        )
        log(
            eligibility,
            ELIGIBILITY_STATUS_ACTION,
            user=actor,
            data={"from": previous, "to": eligibility.status, "reason": eligibility.status_reason},
        )
    return eligibility


def review_request_close(*, review_request: ReviewRequest, actor, answer: str) -> ReviewRequest:
    """Close a review request with staff's answer, once, log it and tell the person."""
    answer = answer.strip()
    if not answer:
        raise ReviewRequestError(_("Write the answer given to the person."))
    with transaction.atomic():
        review_request = ReviewRequest.objects.select_for_update().get(pk=review_request.pk)
        if review_request.status == ReviewRequest.Status.CLOSED:
            raise ReviewRequestError(_("This request has already been closed."))
        review_request.status = ReviewRequest.Status.CLOSED
        review_request.closed_by = actor
        review_request.closed_at = timezone.now()
        review_request.answer = answer
        review_request.save(update_fields=["status", "closed_by", "closed_at", "answer"])
        log(review_request, REVIEW_CLOSED_ACTION, user=actor)
        if review_request.kind == ReviewRequest.Kind.PERSON:  # "evidence" ones are staff's own
            outbox_add(
                kind=effects.REVIEW_ANSWER,
                dedupe_key=f"review_answer:{review_request.pk}",
                payload={"review_request": review_request.pk},
            )
    return review_request
