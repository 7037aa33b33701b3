"""Reads of the privacy records: a person's consents, whether they must review them."""

from django.core.cache import cache
from django.db import transaction

from lms.privacy.models import Consent, PrivacySettings, Purpose


def consent_latest(*, person) -> dict[str, Consent | None]:
    """Return each purpose's latest answer of ``person`` (None: never asked), in one query."""
    latest: dict[str, Consent | None] = dict.fromkeys(Purpose.values)
    for consent in Consent.objects.filter(person=person).order_by("purpose", "-created_at", "-pk"):
        if latest[consent.purpose] is None:
            latest[consent.purpose] = consent
    return latest


def has_consent(*, person, purpose: str) -> bool:
    """Whether ``person`` consents to ``purpose`` now (their latest answer gives it)."""
    if person is None or not getattr(person, "pk", None):
        return False
    latest = (
        Consent.objects.filter(person=person, purpose=purpose)
        .order_by("-created_at", "-pk")
        .values_list("given", flat=True)
        .first()
    )
    return bool(latest)


POLICY_VERSION_KEY = "privacy-policy-version"


def policy_version(*, request=None) -> str:
    """The privacy policy's current version (``PrivacySettings``), which every page asks
    for: kept in the cache until the settings are saved (``apps``)."""
    version = cache.get(POLICY_VERSION_KEY)
    if version is None:
        version = PrivacySettings.load(request_or_site=request).policy_version
        cache.set(POLICY_VERSION_KEY, version, None)
    return version


def policy_version_forget(**kwargs) -> None:
    """Forget the kept version now, and again once the saving transaction commits (a
    page may have read the former one in between)."""
    cache.delete(POLICY_VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(POLICY_VERSION_KEY))


def review_cache_key(person_id: int, version: str) -> str:
    return f"privacy-review:{person_id}:{version}"


def consent_review_needed(*, person, version: str) -> bool:
    """Whether ``person``'s latest answers are for another policy version than
    ``version`` (or they never answered): they are asked to review their consents.
    Cached per person and version; the consent services forget it."""
    key = review_cache_key(person.pk, version)
    needed = cache.get(key)
    if needed is None:
        latest: dict[str, str] = {}
        rows = Consent.objects.filter(person=person).order_by("-created_at", "-pk")
        for purpose, answered_under in rows.values_list("purpose", "policy_version"):
            latest.setdefault(purpose, answered_under)
        needed = set(latest) != set(Purpose.values) or any(
            answered_under != version for answered_under in latest.values()
        )
        cache.set(key, needed, 24 * 3600)
    return needed
