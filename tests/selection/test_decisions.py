"""Decisions: recorded by staff for the committee, once; the eligibility's status moved in
the same transaction through the engine's status service; a seat admitted; the quota
warning; the organisation told in its language and able to ask for a review."""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.models import CohortSeat
from lms.accounts.models import Organisation
from lms.pathway.models import BursaryEligibility, EligibilityChange, PathwaySettings, ReviewRequest
from lms.selection.models import CallKind, Decision, Outcome, RegionalQuota, Seat
from lms.selection.selectors import latest_decision, members_who_decide
from lms.selection.services import (
    ApplicationError,
    QuotaWarning,
    conflict_declare,
    decision_record,
    decision_review_ask,
)
from tests.cohorts.builders import make_cohort
from tests.factories import UserFactory, region
from tests.pathway.staff_helpers import grant
from tests.selection.builders import (
    completed,
    contact,
    make_call,
    make_committee,
    member,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(roles=["staff"], first_name="Sophie", last_name="Tremblay")


@pytest.fixture
def call(db):
    return make_call(CallKind.SEED)


@pytest.fixture
def committee(call):
    return make_committee(call)


@pytest.fixture
def application(call, committee):
    return submitted_application(call, name="Café & co <b>")


def record(application, staff, outcome=Outcome.ACCEPTED, amount=Decimal("900"), **fields):
    fields.setdefault("participants", members_who_decide(application))
    return decision_record(
        application=application,
        actor=staff,
        outcome=outcome,
        amount=amount if outcome == Outcome.ACCEPTED else None,
        reasons=fields.pop("reasons", "Projet clair & utile."),
        decided_on=fields.pop("decided_on", timezone.localdate()),
        **fields,
    )


def eligibility_of(application, level=1):
    return BursaryEligibility.objects.get(organisation=application.organisation, level=level)


def test_submitting_a_bursary_application_marks_the_eligibility_applied(application):
    eligibility = eligibility_of(application)
    assert eligibility.status == BursaryEligibility.Status.APPLIED
    change = eligibility.changes.get(to_status="applied")
    assert change.from_status == "eligible"
    assert "Appel « Semence » 2026" in change.reason


def test_an_accepted_bursary_is_awarded_with_its_history(application, staff):
    decision = record(application, staff)
    eligibility = eligibility_of(application)
    assert eligibility.status == BursaryEligibility.Status.AWARDED
    assert eligibility.status_changed_by == staff
    assert [(c.from_status, c.to_status) for c in eligibility.changes.order_by("pk")] == [
        ("", "eligible"), ("eligible", "applied"), ("applied", "awarded"),
    ]  # fmt: skip
    assert eligibility.changes.last().reason == "Projet clair & utile."
    assert decision.amount == Decimal("900")
    assert (
        decision.participant_names[0]
        == "Amélie Côté (Équipe DATAide de Centraide du Grand Montréal)"
    )
    assert len(decision.participant_names) == 4


def test_a_refused_bursary_is_declined_and_a_waitlisted_one_stays_applied(call, committee, staff):
    refused = submitted_application(call, name="Refusé")
    waiting = submitted_application(call, name="En attente")
    record(refused, staff, Outcome.REFUSED)
    record(waiting, staff, Outcome.WAITLISTED)
    assert eligibility_of(refused).status == BursaryEligibility.Status.DECLINED
    assert eligibility_of(waiting).status == BursaryEligibility.Status.APPLIED
    # A waitlisted application is decided again later; a refused one never is.
    record(waiting, staff, Outcome.ACCEPTED)
    assert eligibility_of(waiting).status == BursaryEligibility.Status.AWARDED
    with pytest.raises(ApplicationError, match="déjà fait l’objet d’une décision"):
        record(refused, staff, Outcome.ACCEPTED)
    assert latest_decision(refused).outcome == Outcome.REFUSED


def test_a_decision_is_recorded_once(application, staff):
    record(application, staff)
    with pytest.raises(ApplicationError, match="déjà fait l’objet d’une décision"):
        record(application, staff, Outcome.REFUSED)
    assert Decision.objects.filter(application=application).count() == 1
    assert (
        EligibilityChange.objects.filter(
            eligibility=eligibility_of(application), to_status="awarded"
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reasons": "   "}, "Écrivez les motifs"),
        ({"amount": Decimal("1000.01")}, r"ne peut dépasser le montant demandé \(1\xa0000,00 \$\)"),
        ({"amount": Decimal("0")}, "Indiquez le montant accordé"),
        ({"decided_on": "tomorrow"}, "dans le futur"),
    ],
)
def test_a_decision_that_does_not_hold_is_refused_and_nothing_changes(
    application, staff, fields, message
):
    if fields.get("decided_on") == "tomorrow":  # computed now, not when collected
        fields = {"decided_on": timezone.localdate() + timezone.timedelta(days=1)}
    with pytest.raises(ApplicationError, match=message):
        record(application, staff, **fields)
    assert not Decision.objects.exists()
    assert eligibility_of(application).status == BursaryEligibility.Status.APPLIED
    assert not mail.outbox or all("décision" not in m.subject for m in mail.outbox)


def test_a_conflicted_member_takes_no_part_and_the_three_others_decide(
    application, committee, staff
):
    conflicted = member(committee, Seat.COMMUNITY_ORGANISATION)
    conflict_declare(member=conflicted, application=application, has_conflict=True)
    everyone = list(committee.members.all())
    with pytest.raises(ApplicationError, match="aucun conflit d’intérêts"):
        record(application, staff, participants=everyone)
    others = [m for m in everyone if m != conflicted]
    with pytest.raises(ApplicationError, match="au moins trois membres"):
        record(application, staff, participants=others[:2])
    decision = record(application, staff, participants=others)
    assert set(decision.participants.all()) == set(others)
    assert eligibility_of(application).status == BursaryEligibility.Status.AWARDED


def test_members_of_another_committee_take_no_part(application, staff):
    other = make_committee(make_call(CallKind.SEED, title="Autre appel"))
    with pytest.raises(ApplicationError, match="aucun conflit d’intérêts"):
        record(application, staff, participants=list(other.members.all()))


def test_the_quota_warning_comes_before_the_decision_overall_and_in_the_region(
    call, committee, staff
):
    settings = PathwaySettings.load()
    settings.quota_level_1 = 1
    settings.save()
    first = submitted_application(call, name="Premier", region_slug="grand-montreal")
    second = submitted_application(call, name="Second", region_slug="grand-montreal")
    RegionalQuota.objects.create(level=1, region=region("grand-montreal"), planned=1)
    record(first, staff)
    with pytest.raises(QuotaWarning) as caught:
        record(second, staff)
    assert caught.value.warnings == [
        "Bourses de niveau 1 déjà accordées : 1 sur 1 prévue(s) ; celle-ci dépasse le quota.",
        "Bourses de niveau 1 déjà accordées en Grand Montréal : 1 sur 1 prévue(s) dans cette "
        "région ; celle-ci dépasse le quota régional.",
    ]
    assert eligibility_of(second).status == BursaryEligibility.Status.APPLIED
    assert latest_decision(second) is None
    # Refusing goes beyond nothing; confirmed, the acceptance is recorded with its warnings.
    decision = record(second, staff, confirm_beyond_quota=True)
    assert decision.quota_warnings == caught.value.warnings
    assert eligibility_of(second).status == BursaryEligibility.Status.AWARDED


def test_a_refusal_never_warns_of_the_quota(call, committee, staff):
    settings = PathwaySettings.load()
    settings.quota_level_1 = 0
    settings.save()
    decision = record(submitted_application(call, name="Refus"), staff, Outcome.REFUSED)
    assert decision.quota_warnings == []


def test_an_accepted_level2_seat_admits_the_organisation(staff):
    cohort = make_cohort()
    call = make_call(CallKind.LEVEL2_SEAT, cohort=cohort, ceiling=None)
    make_committee(call)
    organisation = grant(level=1).organisation
    completed(organisation, 1)
    application = submitted_application(call, organisation)
    with pytest.raises(ApplicationError, match="Un siège ne reçoit pas de montant"):
        record(application, staff, amount=Decimal("10"))
    record(application, staff, amount=None)
    seat = CohortSeat.objects.get(cohort=cohort, organisation=organisation)
    assert seat.admitted_by == staff


def test_the_organisation_is_told_in_its_language_through_the_outbox(
    call, committee, staff, django_capture_on_commit_callbacks
):
    organisation = grant(level=1, name="Ensemble – 共同").organisation
    english = contact(organisation, language="en", email="jo@example.org")
    application = submitted_application(call, organisation)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record(application, staff, reasons="Clear & useful <project>.")
    sent = {m.to[0]: m for m in mail.outbox}
    message = sent[english.email]
    assert (
        message.subject == "[DATAide] The decision on your application to “Appel « Semence » 2026”"
    )
    assert "Accepted" in message.body
    assert "Amount granted: 900.00 $" in message.body
    assert "Clear & useful <project>." in message.body
    html = message.alternatives[0][0]
    assert "Clear &amp; useful &lt;project&gt;." in html
    french = next(m for to, m in sent.items() if to != english.email)
    assert "Montant accordé : 900,00 $" in french.body
    assert "Acceptée" in french.body


def test_the_organisation_asks_for_a_review_once_and_staff_get_a_task(application, staff):
    decision = record(application, staff, Outcome.REFUSED)
    person = application.organisation.contacts.first().person
    with pytest.raises(ApplicationError, match="Dites pourquoi"):
        decision_review_ask(decision=decision, person=person, message="  ")
    decision = decision_review_ask(
        decision=decision, person=person, message="Nous avons\nun fait nouveau."
    )
    task = ReviewRequest.objects.get()
    assert task.status == ReviewRequest.Status.OPEN
    assert task.requested_by == person
    assert task.eligibility == eligibility_of(application)
    assert task.message.endswith("Nous avons\nun fait nouveau.")
    assert "Refusée" in task.message and "Café & co <b>" in task.message
    with pytest.raises(ApplicationError, match="déjà demandée"):
        decision_review_ask(decision=decision, person=person, message="Encore")
    assert ReviewRequest.objects.count() == 1
    assert Organisation.objects.filter(pk=application.organisation_id).exists()
