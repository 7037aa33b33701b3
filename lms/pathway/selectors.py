"""Reads behind the learner's pathway page and the certificate check."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from content.i18n import localized_pages
from courses.models import Level, LevelPage
from courses.selectors import level_next_step
from lms.kept import kept_until_pages_change
from lms.pathway.models import (
    BursaryEligibility,
    Certificate,
    LevelCompletion,
    ReviewRequest,
)
from lms.pathway.steps import LevelStep, level_steps


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
    #: What to do next on this level, while it is not completed (``with_next_steps``).
    next_step: Page | None = None
    #: What the level asks beyond its modules (the plan...), from ``steps`` providers.
    steps: list[LevelStep] = field(default_factory=list)


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


def with_next_steps(standings: list[LevelStanding], *, learner) -> list[LevelStanding]:
    """Give each level not completed yet its next thing to do, in the reader's language:
    the level-1 webinar, the course's next module, the lab."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    levels = kept_until_pages_change(
        f"pathway_levels:{language}",
        lambda: {
            level.number: level
            for level in localized_pages(
                LevelPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
            )
        },
    )
    steps = level_steps(learner=learner)
    for standing in standings:
        level = levels.get(standing.level)
        if standing.completion is None and level is not None:
            standing.next_step = level_next_step(level=level, user=learner) or level
        standing.steps = steps.get(standing.level, [])
    return standings


def certificate_by_token(*, token: str) -> Certificate | None:
    """Return the certificate a verification address names, with its holder and level."""
    return Certificate.objects.select_related("completion__learner").filter(token=token).first()
