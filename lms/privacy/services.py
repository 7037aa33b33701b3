"""Writes of the privacy records: a person's consents (every change a new row)."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from lms.privacy.models import ConfidentialityIncident, Consent, Purpose
from lms.privacy.selectors import policy_version, review_cache_key


def _forget_review(person, version: str) -> None:
    """Forget whether ``person`` must review their consents: now, and again once the
    answer commits (a page read in between would have cached the old answer)."""
    key = review_cache_key(person.pk, version)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _answer(*, person, purpose: str, given: bool, version: str) -> Consent | None:
    """Record ``person``'s answer about ``purpose``, unless it is already their latest
    under ``version``; return the new row (None: nothing changed)."""
    if purpose not in Purpose.values:
        raise ValueError(f"Unknown consent purpose: {purpose}")
    latest = (
        Consent.objects.select_for_update()
        .filter(person=person, purpose=purpose)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is not None and latest.given == given and latest.policy_version == version:
        return None
    now = timezone.now()
    consent = Consent.objects.create(
        person=person,
        purpose=purpose,
        given=given,
        policy_version=version,
        given_at=now if given else None,
        withdrawn_at=None if given else now,
    )
    _forget_review(person, version)
    return consent


@transaction.atomic
def consent_give(*, person, purpose: str, version: str | None = None) -> Consent | None:
    """Record that ``person`` consents to ``purpose`` (under the current policy)."""
    return _answer(person=person, purpose=purpose, given=True, version=version or policy_version())


@transaction.atomic
def consent_withdraw(*, person, purpose: str, version: str | None = None) -> Consent | None:
    """Record that ``person`` withdraws (or refuses) their consent to ``purpose``: it takes
    effect at once, for every reader of ``has_consent``."""
    return _answer(person=person, purpose=purpose, given=False, version=version or policy_version())


@transaction.atomic
def consent_answer_all(*, person, given: set[str], version: str | None = None) -> list[Consent]:
    """Record ``person``'s answer to every purpose at once (sign-up, review after a new
    policy version): those in ``given`` are given, the others refused."""
    version = version or policy_version()
    written = []
    for purpose in Purpose.values:
        consent = _answer(person=person, purpose=purpose, given=purpose in given, version=version)
        if consent is not None:
            written.append(consent)
    # A purpose already answered the same way under this version needs no new row, but
    # the review is done: the cache forgets the question.
    _forget_review(person, version)
    return written


@transaction.atomic
def incident_record(*, incident: ConfidentialityIncident, actor) -> ConfidentialityIncident:
    """Record a new row of the register of confidentiality incidents, with who wrote it."""
    incident.recorded_by = actor
    incident.save()
    return incident
