"""Builders for the staff admin tests: eligibilities as the engine grants them."""

from django.utils import timezone

from lms.pathway.models import BursaryEligibility, LevelCompletion, ReviewRequest
from lms.pathway.services import eligibility_grant
from tests.factories import OrganisationFactory, UserFactory, region

ELIGIBILITIES = "/admin/pathway/eligibilities/"
QUOTAS = "/admin/pathway/quotas/"
REVIEW_REQUESTS = "/admin/pathway/review-requests/"
SETTINGS = "/admin/settings/pathway/pathwaysettings/"

REPLAY_EVIDENCE = {
    "rule": "level1.replay",
    "records": [{"kind": "replay", "id": 1, "webinar": "Webinaire", "watched_seconds": 900}],
}


def grant(
    *, level=1, organisation=None, region_slug="grand-montreal", learner=None, evidence=None,
    rules_version="2026.1", **organisation_fields,
) -> BursaryEligibility:  # fmt: skip
    """Make an organisation eligible the way the engine does: a learner's completion."""
    organisation = organisation or OrganisationFactory(
        region=region(region_slug), **organisation_fields
    )
    learner = learner or UserFactory(organisation=organisation, roles=["learner"], verified=False)
    completion = LevelCompletion.objects.create(
        learner=learner,
        level=level,
        completed_at=timezone.now(),
        rules_version=rules_version,
        organisation=organisation,
        evidence=evidence if evidence is not None else REPLAY_EVIDENCE,
    )
    eligibility = eligibility_grant(organisation=organisation, completion=completion)
    assert eligibility is not None
    return eligibility


def set_status(eligibility, status):
    """Put an eligibility in ``status`` directly (a test's shortcut, not staff's way)."""
    BursaryEligibility.objects.filter(pk=eligibility.pk).update(status=status)


def review_request(*, level=1, message="Pouvez-vous revoir ma présence ?", person=None, **fields):
    person = person or UserFactory(
        roles=["learner"], verified=False, organisation=OrganisationFactory()
    )
    return ReviewRequest.objects.create(requested_by=person, level=level, message=message, **fields)
