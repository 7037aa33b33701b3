"""The demo of issue 14: an open acceleration call with its committee and three
applications in different states, and a decided seed-bursary application."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms.accounts.models import User
from lms.accounts.roles import user_roles
from lms.demo.people import DEMO_PASSWORD
from lms.outbox.models import OutboxMessage
from lms.pathway.models import BursaryEligibility
from lms.selection.eligibility import call_is_open
from lms.selection.models import (
    Application,
    Call,
    CallKind,
    Committee,
    ConflictDeclaration,
    Decision,
    Outcome,
    Review,
    Seat,
    composition_errors,
)
from lms.selection.selectors import consolidated

COMMITTEE = {
    "helene.desrosiers@dataide.test": Seat.DATAIDE,
    "jean-francois.belanger@dataide.test": Seat.REGIONAL_CENTRAIDE,
    "melanie.ouellet@dataide.test": Seat.IT_ORGANISATION,
    "rejean.thibodeau@dataide.test": Seat.COMMUNITY_ORGANISATION,
}


def load():
    call_command("load_demo", stdout=open("/dev/null", "w"))


def application(name, kind=CallKind.ACCELERATION):
    return Application.objects.select_related("call", "organisation").get(
        organisation__name=name, call__kind=kind
    )


@pytest.mark.django_db
def test_the_demo_has_an_open_acceleration_call_judged_by_a_complete_committee_once():
    load()
    load()

    call = Call.objects.get(kind=CallKind.ACCELERATION)
    assert call_is_open(call) and call.closes_on > timezone.localdate()
    assert (call.ceiling, call.budget, call.regions.count()) == (15000, 465000, 0)
    assert "Qui peut déposer une demande" in call.guide_fr
    assert "Who may apply" in call.guide_en
    criteria = list(call.criteria.all())
    assert [c.weight for c in criteria] == [3, 3, 2, 2]
    assert all("5 =" in c.description for c in criteria)

    assert Call.objects.filter(kind=CallKind.SEED).count() == 1
    assert Committee.objects.count() == 2
    for committee in Committee.objects.all():
        members = list(committee.members.select_related("person"))
        assert composition_errors(m.seat for m in members) == []
        assert {m.person.email: m.seat for m in members} == COMMITTEE
    for email in COMMITTEE:
        assert user_roles(User.objects.get(email=email)) == {"committee"}
    assert Application.objects.filter(call=call).count() == 3
    assert Decision.objects.count() == 1


@pytest.mark.django_db
def test_the_demo_applications_are_in_their_states():
    load()

    draft = application("Alphabétisation Saint-Hyacinthe")
    assert draft.state == Application.State.DRAFT and draft.budget_lines.exists()
    assert BursaryEligibility.objects.get(organisation=draft.organisation, level=2).status == (
        BursaryEligibility.Status.ELIGIBLE
    )

    scored = application("Centre d'action bénévole de Rimouski")
    assert scored.state == Application.State.SUBMITTED
    assert scored.plan_version is not None
    summary = consolidated(scored)
    assert len(summary.members) == 2
    assert [row.criterion.title for row in summary.disputed] == [
        "Retombées pour les personnes servies"
    ]
    assert summary.disputed[0].spread == 3
    assert BursaryEligibility.objects.get(organisation=scored.organisation, level=2).status == (
        BursaryEligibility.Status.APPLIED
    )

    conflicted = application("Popote roulante de Saint-Jérôme")
    declaration = ConflictDeclaration.objects.get(application=conflicted, has_conflict=True)
    assert declaration.member.person.get_full_name() == "Réjean Thibodeau"
    assert "conseil d'administration" in declaration.note
    assert Review.objects.filter(application=conflicted).count() == 1
    assert consolidated(conflicted).conflicted == [declaration.member]

    seed = application("Réseau d'entraide d'Hochelaga", CallKind.SEED)
    decision = Decision.objects.get(application=seed)
    assert (decision.outcome, decision.amount) == (Outcome.ACCEPTED, 2800)
    assert "Le comité accorde" in decision.reasons
    assert decision.participants.count() == 4
    assert BursaryEligibility.objects.get(organisation=seed.organisation, level=1).status == (
        BursaryEligibility.Status.AWARDED
    )
    # The organisation's contact is told of the decision, as a real one would be.
    assert OutboxMessage.objects.filter(dedupe_key__startswith="selection.decided:").exists()


@pytest.mark.django_db
def test_each_committee_member_logs_in_and_sees_the_applications_assigned(client):
    load()

    expected = {
        "helene.desrosiers@dataide.test": ["Notée", "Déclarer vos intérêts", "Notée"],
        "jean-francois.belanger@dataide.test": ["Notée", "Déclarer vos intérêts", "Notée"],
        "melanie.ouellet@dataide.test": ["Notée", "Notée", "Déclarer vos intérêts"],
        "rejean.thibodeau@dataide.test": [
            "Déclarer vos intérêts", "Conflit d’intérêts déclaré", "Déclarer vos intérêts"
        ],
    }  # fmt: skip
    for email, states in expected.items():
        client.logout()
        response = client.post("/comptes/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        page = client.get("/candidatures/comite/")
        assert page.status_code == 200, email
        rows = page.context["assigned"]
        assert [row.state_label for row in rows if row.application.call.kind == "seed"] == [
            states[0]
        ], email
        by_organisation = {
            row.application.organisation.name: row.state_label
            for row in rows
            if row.application.call.kind == CallKind.ACCELERATION
        }
        assert by_organisation == {
            "Centre d'action bénévole de Rimouski": states[2],
            "Popote roulante de Saint-Jérôme": states[1],
        }, email
        text = page.content.decode()
        assert "Candidatures qui vous sont confiées" in text
        assert "Popote roulante de Saint-Jérôme" in text
        assert "Alphabétisation Saint-Hyacinthe" not in text  # a draft is no one's yet

    # The member in conflict does not reach the application; a member who scored reads
    # the consolidated scores, with the criterion to discuss.
    popote = application("Popote roulante de Saint-Jérôme")
    rimouski = application("Centre d'action bénévole de Rimouski")
    client.force_login(User.objects.get(email="rejean.thibodeau@dataide.test"))
    assert client.get(f"/candidatures/comite/{popote.pk}/").status_code == 404
    client.force_login(User.objects.get(email="jean-francois.belanger@dataide.test"))
    page = client.get(f"/candidatures/comite/{rimouski.pk}/synthese/")
    assert page.status_code == 200
    assert "Retombées pour les personnes servies" in page.content.decode()
