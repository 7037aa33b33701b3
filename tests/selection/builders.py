"""Calls, eligible organisations and their contact people, for the selection tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lms.accounts.models import OrganisationContact
from lms.pathway.models import LevelCompletion
from lms.selection.models import Call, CallCriterion, CallKind
from lms.transition.plan.models import PlanVersion, TransitionPlan
from tests.factories import OrganisationFactory, UserFactory, region
from tests.pathway.staff_helpers import grant


def make_call(kind=CallKind.SEED, *, regions=(), ceiling=Decimal("5000"), **fields) -> Call:
    """An open call of ``kind`` (opened yesterday, closing in a month)."""
    today = timezone.localdate()
    call = Call(
        title=fields.pop("title", "Appel « Semence » 2026"),
        kind=kind,
        opens_on=fields.pop("opens_on", today - timedelta(days=1)),
        closes_on=fields.pop("closes_on", today + timedelta(days=30)),
        guide_fr="<p>Le guide de l’appel</p>",
        guide_en="<p>The call’s guide</p>",
        ceiling=ceiling,
        **fields,
    )
    call.criteria = [
        CallCriterion(title="Pertinence", description="1 = faible, 5 = forte", weight=2)
    ]
    call.save()
    call.regions.set([region(slug) for slug in regions])
    return call


def contact(organisation, *, language="fr", **fields):
    """A learner of ``organisation`` who is one of its contact people."""
    person = UserFactory(
        organisation=organisation, roles=["learner"], preferred_language=language, **fields
    )
    OrganisationContact.objects.create(organisation=organisation, person=person)
    return person


def eligible_organisation(level=1, *, region_slug="grand-montreal", **fields):
    """An organisation eligible for ``level``'s bursary, with a contact person."""
    eligibility = grant(level=level, region_slug=region_slug, **fields)
    return eligibility.organisation


def completed(organisation, level):
    """Record that one of ``organisation``'s learners completed ``level``."""
    learner = UserFactory(organisation=organisation, roles=["learner"], verified=False)
    return LevelCompletion.objects.create(
        learner=learner, level=level, completed_at=timezone.now(), rules_version="2026.1",
        organisation=organisation,
    )  # fmt: skip


def submitted_plan(organisation, number=1):
    plan, _ = TransitionPlan.objects.get_or_create(organisation=organisation)
    return PlanVersion.objects.create(plan=plan, number=number, revision=number, content={})


def plain_organisation(**fields):
    return OrganisationFactory(**fields)
