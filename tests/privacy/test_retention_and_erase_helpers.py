"""The registry's own purge and erase functions (the lead's retention task and erasure
pipeline call them): unconfirmed sign-ups, attendance reports' files and unmatched
addresses, outbox payloads, decisions' participant names, cohorts' facilitators."""

from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from cohorts.privacy import erase_facilitator
from lms.accounts.models import User
from lms.accounts.privacy import purge_unconfirmed_signups
from lms.outbox.models import OutboxMessage
from lms.outbox.privacy import erase_messages, purge_payloads
from lms.selection.models import CallKind, Outcome
from lms.selection.privacy import erase_from_decisions
from lms.selection.selectors import members_who_decide
from lms.selection.services import decision_record
from tests.cohorts.builders import make_cohort
from tests.factories import UserFactory, webinar_page
from tests.selection.builders import make_call, make_committee, submitted_application
from webinars.models import AttendanceImport, WebinarSession
from webinars.privacy import erase_from_imports, purge_imports

pytestmark = pytest.mark.django_db


def test_unconfirmed_sign_ups_go_after_30_days_and_confirmed_ones_stay():
    now = timezone.now()
    stale = UserFactory(email="oublie@exemple.test", verified=False)
    recent = UserFactory(email="recent@exemple.test", verified=False)
    confirmed = UserFactory(email="confirmee@exemple.test")
    EmailAddress.objects.create(user=stale, email=stale.email, verified=False, primary=True)
    User.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(
        date_joined=now - timedelta(days=31)
    )

    assert purge_unconfirmed_signups(now) == 1
    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk__in=[recent.pk, confirmed.pk]).count() == 2


@pytest.fixture
def session(db):
    page = webinar_page()
    return WebinarSession.objects.create(
        webinar=page, starts_at=timezone.now(), duration_minutes=60, capacity=100
    )


def _import(session, created_at):
    attendance_import = AttendanceImport.objects.create(
        session=session,
        filename="présences.csv",
        sha256="0" * 64,
        content=b"Nom,Courriel\nZo\xc3\xab Ng,zoe@exemple.test",
        status=AttendanceImport.Status.DONE,
        report={
            "imported": [{"name": "Chloé Bélanger", "minutes": 55, "attended": True}],
            "not_matched": [{"line": 3, "who": "inconnu@exemple.test", "reason": "Inconnu"}],
            "problems": [{"line": 4, "reason": "Colonne manquante", "content": "王芳;;"}],
        },
    )
    AttendanceImport.objects.filter(pk=attendance_import.pk).update(created_at=created_at)
    return attendance_import


def test_attendance_reports_lose_their_file_and_names_after_90_days(session):
    now = timezone.now()
    old = _import(session, now - timedelta(days=91))
    recent = _import(session, now - timedelta(days=2))

    assert purge_imports(now) == 1
    old.refresh_from_db()
    assert old.content is None
    assert old.report["not_matched"] == [{"line": 3, "who": "", "reason": "Inconnu"}]
    assert old.report["imported"][0]["name"] == ""
    assert old.report["imported"][0]["minutes"] == 55  # the figures stay
    assert old.report["problems"][0]["content"] == ""
    recent.refresh_from_db()
    assert recent.report["not_matched"][0]["who"] == "inconnu@exemple.test"
    assert purge_imports(now) == 0  # twice changes nothing


def test_erasure_removes_the_person_from_the_reports(session):
    attendance_import = _import(session, timezone.now())
    person = UserFactory(first_name="Chloé", last_name="Bélanger")
    erase_from_imports(person)
    attendance_import.refresh_from_db()
    assert attendance_import.report["imported"][0]["name"] == ""
    assert attendance_import.report["not_matched"][0]["who"] == "inconnu@exemple.test"


def test_outbox_payloads_are_emptied_30_days_after_they_were_sent():
    now = timezone.now()
    sent = OutboxMessage.objects.create(
        kind="accounts.email", dedupe_key="a", payload={"to": ["zoe@exemple.test"]},
        processed_at=now - timedelta(days=31),
    )  # fmt: skip
    waiting = OutboxMessage.objects.create(
        kind="accounts.email", dedupe_key="b", payload={"to": ["zoe@exemple.test"]}
    )
    assert purge_payloads(now) == 1
    sent.refresh_from_db()
    waiting.refresh_from_db()
    assert sent.payload == {} and sent.dedupe_key == "a"
    assert waiting.payload == {"to": ["zoe@exemple.test"]}


def test_erasure_empties_the_sent_e_mails_that_hold_the_address():
    person = UserFactory(email="zoe@exemple.test")
    mine = OutboxMessage.objects.create(
        kind="accounts.email", dedupe_key="a", payload={"to": ["zoe@exemple.test"]},
        processed_at=timezone.now(),
    )  # fmt: skip
    other = OutboxMessage.objects.create(
        kind="accounts.email", dedupe_key="b", payload={"to": ["lan@exemple.test"]},
        processed_at=timezone.now(),
    )  # fmt: skip
    erase_messages(person)
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.payload == {}
    assert other.payload == {"to": ["lan@exemple.test"]}


def test_a_decision_keeps_its_seats_but_not_an_erased_member_s_name():
    call = make_call(CallKind.SEED)
    make_committee(call)
    application = submitted_application(call, name="Café & co")
    participants = members_who_decide(application)
    decision = decision_record(
        application=application,
        actor=UserFactory(roles=["staff"]),
        outcome=Outcome.ACCEPTED,
        amount=Decimal("900"),
        reasons="Projet clair.",
        decided_on=timezone.localdate(),
        participants=participants,
    )
    erased = participants[0].person
    others = list(decision.participant_names[1:])

    erase_from_decisions(erased)
    decision.refresh_from_db()
    assert decision.participant_names[0].startswith("Membre (compte effacé) (")
    assert erased.get_full_name() not in decision.participant_names[0]
    assert decision.participant_names[1:] == others


def test_a_facilitator_leaves_the_cohorts_which_stay():
    facilitator = UserFactory(roles=["facilitator"], first_name="Ngozi", last_name="Adébayo")
    colleague = UserFactory(roles=["facilitator"])
    cohort = make_cohort(facilitators=[facilitator, colleague])
    erase_facilitator(facilitator)
    cohort.refresh_from_db()
    assert list(cohort.facilitators.all()) == [colleague]
