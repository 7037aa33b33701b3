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
    #: The learner's own requests for a review of this level, newest first.
    reviews: list[ReviewRequest]


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
    reviews = {}
    for request in ReviewRequest.objects.filter(
        requested_by=learner, kind=ReviewRequest.Kind.PERSON
    ).order_by("-created_at", "-pk"):
        reviews.setdefault(request.level, []).append(request)
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
                review_open=any(
                    r.status == ReviewRequest.Status.OPEN for r in reviews.get(level.value, [])
                ),
                reviews=reviews.get(level.value, []),
            )
        )
    return standings


def certificate_by_token(*, token: str) -> Certificate | None:
    """Return the certificate a verification address names, with its holder and level."""
    return Certificate.objects.select_related("completion__learner").filter(token=token).first()
