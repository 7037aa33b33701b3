"""Calls, eligible organisations and their contact people, submitted applications and
complete committees, for the selection tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lms.accounts.models import OrganisationContact
from lms.pathway.models import LevelCompletion
from lms.selection.models import (
    BudgetLine,
    Call,
    CallCriterion,
    CallKind,
    Committee,
    CommitteeMember,
    Seat,
)
from lms.selection.services import (
    application_save,
    application_start,
    application_submit,
    conflict_declare,
    review_submit,
)
from lms.transition.plan.models import BursaryCategory, PlanVersion, TransitionPlan
from tests.factories import OrganisationFactory, UserFactory, region
from tests.pathway.staff_helpers import grant


def make_call(
    kind=CallKind.SEED, *, regions=(), ceiling=Decimal("5000"), criteria=None, **fields
) -> Call:
    """An open call of ``kind`` (opened yesterday, closing in a month); ``criteria``:
    ``(title, weight)`` pairs."""
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
        CallCriterion(title=title, description="1 = faible, 5 = forte", weight=weight)
        for title, weight in (criteria or [("Pertinence", 2)])
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


def submitted_application(call, organisation=None, *, name="Café & co <b>", region_slug=None):
    """A submitted application of ``organisation`` (a new eligible one by default)."""
    if organisation is None:
        fields = {"name": name}
        if region_slug:
            fields["region_slug"] = region_slug
        organisation = eligible_organisation(1, **fields)
    person = contact(organisation)
    application = application_start(call=call, organisation=organisation, person=person)
    application = application_save(
        application=application, person=person, title="Projet « Données »",
        summary="Un résumé", description="Une description",
        lines=[BudgetLine(category=BursaryCategory.choices[0][0], description="Portables",
                          amount=Decimal("1000"))],
    )  # fmt: skip
    application_submit(application=application, person=person)
    application.refresh_from_db()
    return application


MEMBER_NAMES = {
    Seat.DATAIDE: ("Amélie", "Côté"),
    Seat.REGIONAL_CENTRAIDE: ("Ηλέκτρα", "Παπαδοπούλου"),
    Seat.IT_ORGANISATION: ("Đức", "Nguyễn"),
    Seat.COMMUNITY_ORGANISATION: ("François", "Lévesque-Ng"),
}


def make_committee(call, *, region_slug=None) -> Committee:
    """A complete committee of four for ``call`` (and a region), each with the role."""
    committee = Committee(call=call, region=region(region_slug) if region_slug else None)
    committee.members = [
        CommitteeMember(
            person=UserFactory(roles=["committee"], first_name=first, last_name=last),
            seat=seat,
        )
        for seat, (first, last) in MEMBER_NAMES.items()
    ]
    committee.save()
    return committee


def member(committee, seat=Seat.DATAIDE) -> CommitteeMember:
    return committee.members.get(seat=seat)


def declare_and_score(committee_member, application, values, comment="Bien"):
    """``committee_member`` declares no conflict, then scores the criteria ``values``."""
    conflict_declare(member=committee_member, application=application, has_conflict=False)
    criteria = list(application.call.criteria.all())
    return review_submit(
        member=committee_member,
        application=application,
        scores={c.pk: (value, comment) for c, value in zip(criteria, values, strict=True)},
    )
