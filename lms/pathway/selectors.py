"""Reads behind the learner's pathway page and the certificate check."""

from dataclasses import dataclass

from lms.pathway.models import (
    BursaryEligibility,
    Certificate,
    Level,
    LevelCompletion,
    ReviewRequest,
)


@dataclass
class LevelStanding:
    level: int
    label: str
    completion: LevelCompletion | None
    certificate: Certificate | None
    eligibility: BursaryEligibility | None
    review_open: bool


def learner_pathway(*, learner) -> list[LevelStanding]:
    """Return, for each level, what ``learner`` completed and what their organisation is
    eligible for. Three queries, whatever the history."""
    completions = {
        c.level: c
        for c in LevelCompletion.objects.filter(learner=learner).select_related("certificate")
    }
    eligibilities = (
        {
            e.level: e
            for e in BursaryEligibility.objects.filter(organisation_id=learner.organisation_id)
        }
        if learner.organisation_id
        else {}
    )
    open_reviews = set(
        ReviewRequest.objects.filter(
            requested_by=learner,
            kind=ReviewRequest.Kind.PERSON,
            status=ReviewRequest.Status.OPEN,
        ).values_list("level", flat=True)
    )
    standings = []
    for level in Level:
        completion = completions.get(level.value)
        standings.append(
            LevelStanding(
                level=level.value,
                label=level.label,
                completion=completion,
                certificate=getattr(completion, "certificate", None) if completion else None,
                eligibility=eligibilities.get(level.value),
                review_open=level.value in open_reviews,
            )
        )
    return standings


def certificate_by_token(*, token: str) -> Certificate | None:
    """Return the certificate a verification address names, with its holder and level."""
    return Certificate.objects.select_related("completion__learner").filter(token=token).first()
