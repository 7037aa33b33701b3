"""The decision's pages: staff record it in the admin (the committee's scores in view, the
quota warning confirmed before anything is written); the organisation reads it on its
application's page and on "Mon parcours" and asks for a review; every route walked by each
role, with 404 (site) or no access (admin) where the record is not theirs."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.pathway.models import BursaryEligibility, PathwaySettings, ReviewRequest
from lms.selection.models import ApplicationAccess, Decision, Seat
from lms.selection.selectors import members_who_decide
from lms.selection.services import conflict_declare, decision_record
from tests.factories import UserFactory
from tests.selection.builders import (
    contact,
    declare_and_score,
    eligible_organisation,
    make_call,
    make_committee,
    member,
    submitted_application,
)

pytestmark = pytest.mark.django_db

CRITERIA = [("Pertinence", 2), ("Faisabilité", 1)]


@pytest.fixture
def call(db):
    return make_call(criteria=CRITERIA)


@pytest.fixture
def committee(call):
    return make_committee(call)


@pytest.fixture
def application(call, committee):
    application = submitted_application(call, name="Organisme « Les Voisin·es » 共同")
    declare_and_score(member(committee, Seat.DATAIDE), application, [5, 4])
    declare_and_score(member(committee, Seat.IT_ORGANISATION), application, [2, 4])
    return application


def decision_url(application):
    return f"/admin/selection/applications/{application.pk}/decision/"


def decision_data(committee, **fields):
    data = {
        "outcome": "accepted",
        "amount": "900,50",
        "reasons": "Un projet clair & utile.\nBudget <réaliste>.",
        "decided_on": timezone.localdate().isoformat(),
        "participants": [m.pk for m in committee.members.all()],
    }
    data.update(fields)
    return data


def test_staff_record_the_decision_with_the_scores_in_view(client, staff, application, committee):
    client.force_login(staff)
    consolidated = reverse("selection_committee_consolidated", args=[application.pk])
    assert decision_url(application) in client.get(consolidated).content.decode()
    page = client.get(f"/admin/selection/applications/{application.pk}/").content.decode()
    assert decision_url(application) in page
    page = client.get(decision_url(application)).content.decode()
    assert "Pertinence\xa0: les notes s’écartent de 3 points" in page
    assert "Amélie Côté" in page  # each member who may take part, ticked
    response = client.post(decision_url(application), decision_data(committee))
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get()
    assert str(decision.amount) == "900.50"
    assert decision.reasons == "Un projet clair & utile.\nBudget <réaliste>."
    eligibility = BursaryEligibility.objects.get(organisation=application.organisation)
    assert eligibility.status == BursaryEligibility.Status.AWARDED
    page = client.get(f"/admin/selection/applications/{application.pk}/").content.decode()
    assert "Budget &lt;réaliste&gt;." in page and "900,50 $" in page
    assert decision_url(application) not in page  # decided: no second decision offered
    assert decision_url(application) not in client.get(consolidated).content.decode()
    assert client.get(decision_url(application)).status_code == 200
    response = client.post(
        decision_url(application), decision_data(committee, outcome="refused", amount="")
    )
    assert "Cette candidature a déjà fait l’objet d’une décision." in response.content.decode()
    assert Decision.objects.count() == 1
    assert ApplicationAccess.objects.filter(person=staff, view="admin").exists()


def test_a_bad_decision_is_refused_in_words_and_nothing_is_written(
    client, staff, application, committee
):
    client.force_login(staff)
    response = client.post(decision_url(application), decision_data(committee, amount="99999"))
    assert response.status_code == 200
    assert "ne peut dépasser le montant demandé" in response.content.decode()
    response = client.post(
        decision_url(application), decision_data(committee, decided_on="2026-02-30")
    )
    assert "Saisissez une date valide." in response.content.decode()
    assert not Decision.objects.exists()


def test_the_quota_warning_is_confirmed_before_the_decision_is_recorded(
    client, staff, application, committee
):
    settings = PathwaySettings.load()
    settings.quota_level_1 = 0
    settings.save()
    client.force_login(staff)
    response = client.post(decision_url(application), decision_data(committee))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cette décision dépasse un quota." in page
    assert "Bourses de niveau 1 déjà accordées : 0 sur 0 prévue(s)" in page
    assert 'name="confirm_beyond_quota"' in page
    assert not Decision.objects.exists()
    response = client.post(
        decision_url(application), decision_data(committee, confirm_beyond_quota="on")
    )
    assert response.status_code == 302
    assert Decision.objects.get().quota_warnings


def test_the_organisation_reads_the_decision_and_asks_for_a_review(
    client, staff, application, committee
):
    decision_record(
        application=application, actor=staff, outcome="refused", amount=None,
        reasons="Le projet ne touche pas\nles données des personnes.",
        decided_on=timezone.localdate(), participants=members_who_decide(application),
    )  # fmt: skip
    person = application.organisation.contacts.first().person
    client.force_login(person)
    page = client.get(reverse("selection_application", args=[application.pk])).content.decode()
    assert "La décision du comité : Refusée" in page
    assert "Le projet ne touche pas<br>les données des personnes." in page
    dashboard = client.get(reverse("pathway_dashboard")).content.decode()
    assert "Décision du " in dashboard and "Refusée" in dashboard
    url = reverse("selection_decision_review", args=[application.pk])
    response = client.post(url, {"message": ""})
    assert response.status_code == 200 and "Champ requis." in response.content.decode()
    response = client.post(url, {"message": "Nous avons un fait nouveau & important."})
    assert response.status_code == 302
    task = ReviewRequest.objects.get()
    assert task.message.endswith("Nous avons un fait nouveau & important.")
    page = client.get(reverse("selection_application", args=[application.pk])).content.decode()
    assert "Vous avez demandé une révision le" in page and "Envoyer la demande" not in page
    client.force_login(staff)
    assert "nouveau &amp; important" in client.get(
        "/admin/pathway/review-requests/"
    ).content.decode() or (
        client.get(f"/admin/pathway/review-requests/{task.pk}/").status_code == 200
    )


@pytest.fixture(
    params=["anonymous", "learner_of_organisation", "learner_elsewhere", "member_assigned",
            "member_not_assigned", "facilitator", "author", "staff"]
)  # fmt: skip
def who(request, application, committee, facilitator, author, staff):
    organisation = application.organisation
    people = {
        "anonymous": None,
        "learner_of_organisation": UserFactory(organisation=organisation, roles=["learner"]),
        "learner_elsewhere": contact(eligible_organisation(1, name="Ailleurs")),
        "member_assigned": member(committee, Seat.COMMUNITY_ORGANISATION).person,
        "member_not_assigned": member(
            make_committee(make_call(title="Autre")), Seat.DATAIDE
        ).person,
        "facilitator": facilitator,
        "author": author,
        "staff": staff,
    }
    return request.param, people[request.param]


def test_every_decision_route_walked_by_each_role(client, who, application, committee, staff):
    name, person = who
    if person is not None:
        client.force_login(person)
    # The admin's decision page: staff only.
    response = client.get(decision_url(application))
    if name == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        response = client.post(decision_url(application), decision_data(committee))
        assert response.status_code in (302, 403)
        assert not Decision.objects.exists()
    decision_record(
        application=application, actor=staff, outcome="waitlisted", amount=None,
        reasons="En attente", decided_on=timezone.localdate(),
        participants=members_who_decide(application),
    )  # fmt: skip
    # The organisation's page and its review request: its contact people only.
    response = client.post(
        reverse("selection_decision_review", args=[application.pk]), {"message": "Revoir"}
    )
    page = client.get(reverse("selection_application", args=[application.pk]))
    if name == "anonymous":
        assert response.status_code == 302 and "/login/" in response.url
    else:
        assert response.status_code == 404 and page.status_code == 404
    assert not ReviewRequest.objects.exists()


def test_a_conflicted_member_is_away_and_the_three_others_decide_through_the_admin(
    client, staff, call, committee
):
    application = submitted_application(call, name="Conflit")
    conflicted = member(committee, Seat.COMMUNITY_ORGANISATION)
    conflict_declare(member=conflicted, application=application, has_conflict=True)
    client.force_login(conflicted.person)
    assert (
        client.get(reverse("selection_committee_application", args=[application.pk])).status_code
        == 404
    )
    client.force_login(staff)
    page = client.get(decision_url(application)).content.decode()
    assert f'value="{conflicted.pk}"' not in page
    others = [m.pk for m in committee.members.exclude(pk=conflicted.pk)]
    response = client.post(decision_url(application), decision_data(committee, participants=others))
    assert response.status_code == 302
    assert set(Decision.objects.get().participants.values_list("pk", flat=True)) == set(others)
