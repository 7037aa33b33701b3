"""Committees: the composition rule, conflicts of interest, independent scoring and the
consolidated scores (weighted totals, spread, criteria to discuss)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.accounts.roles import ROLES, user_roles
from lms.selection.models import (
    ApplicationAccess,
    Committee,
    ConflictDeclaration,
    Review,
    Seat,
    composition_errors,
)
from lms.selection.selectors import consolidated, members_who_decide
from lms.selection.services import ApplicationError, conflict_declare, review_submit
from tests.factories import UserFactory
from tests.selection.builders import (
    declare_and_score,
    make_call,
    make_committee,
    member,
    submitted_application,
)

pytestmark = pytest.mark.django_db

CRITERIA = [("Pertinence du projet", 2), ("Capacité de l’organisme", 1), ("Budget", 1)]


@pytest.fixture
def call(db):
    return make_call(criteria=CRITERIA)


@pytest.fixture
def committee(call):
    return make_committee(call)


@pytest.fixture
def application(call):
    return submitted_application(call, name="Café & co <b>")


def test_a_committee_missing_seats_names_each_one():
    assert composition_errors(list(Seat)) == []
    errors = [str(e) for e in composition_errors([Seat.DATAIDE, Seat.DATAIDE])]
    assert errors == [
        "Le siège « Centraide de la région des organismes candidats » est vacant.",
        "Le siège « Organisme spécialisé en technologies de l’information » est vacant.",
        "Le siège « Organisme communautaire » est vacant.",
        "Le siège « Équipe DATAide de Centraide du Grand Montréal » est occupé plus d’une fois.",
    ]


def _admin_data(call, members):
    data = {
        "call": str(call.pk),
        "region": "",
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "4",
        "members-MAX_NUM_FORMS": "4",
    }
    for index, (person, seat) in enumerate(members):
        data.update(
            {
                f"members-{index}-person": str(person.pk),
                f"members-{index}-seat": seat,
                f"members-{index}-ORDER": str(index + 1),
            }
        )
    return data


def test_the_admin_refuses_a_committee_without_its_four_seats(client, staff, call):
    people = [UserFactory(first_name=f"Personne {n}") for n in range(4)]
    seats = [Seat.DATAIDE, Seat.DATAIDE, Seat.IT_ORGANISATION, Seat.COMMUNITY_ORGANISATION]
    client.force_login(staff)
    response = client.post(
        "/admin/selection/committees/new/", _admin_data(call, list(zip(people, seats, strict=True)))
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Centraide de la région des organismes candidats" in page and "est vacant" in page
    assert not Committee.objects.exists()

    seats[1] = Seat.REGIONAL_CENTRAIDE
    response = client.post(
        "/admin/selection/committees/new/", _admin_data(call, list(zip(people, seats, strict=True)))
    )
    assert response.status_code == 302
    committee = Committee.objects.get()
    assert sorted(committee.members.values_list("seat", flat=True)) == sorted(Seat.values)
    # Each member now holds the committee-member role, and no permission.
    assert all(user_roles(person) >= {"committee"} for person in people)
    assert not Group.objects.get(name=ROLES["committee"].group_name).permissions.exists()


def test_a_conflicted_member_is_not_among_those_who_decide(client, committee, application):
    conflicted = member(committee, Seat.IT_ORGANISATION)
    conflict_declare(member=conflicted, application=application, has_conflict=True, note="Au CA")
    deciders = members_who_decide(application)
    assert len(deciders) == 3 and conflicted not in deciders
    client.force_login(conflicted.person)
    for name in [
        "selection_committee_application",
        "selection_committee_declaration",
        "selection_committee_review",
        "selection_committee_consolidated",
    ]:
        assert client.get(reverse(name, args=[application.pk])).status_code == 404, name
    page = client.get(reverse("selection_committee")).content.decode()
    assert "Conflit d’intérêts déclaré" in page
    with pytest.raises(ApplicationError):
        conflict_declare(member=conflicted, application=application, has_conflict=False)


def test_every_declaration_is_kept_with_its_time(client, committee, application):
    person = member(committee).person
    client.force_login(person)
    url = reverse("selection_committee_application", args=[application.pk])
    assert client.get(url).url == reverse("selection_committee_declaration", args=[application.pk])
    declaration_url = reverse("selection_committee_declaration", args=[application.pk])
    for page in [client.get(reverse("selection_committee")), client.get(declaration_url)]:
        html = page.content.decode()
        assert "Café &amp; co &lt;b&gt;" in html and "&amp;amp;" not in html
    page = client.post(declaration_url, {"has_conflict": ""})
    assert page.status_code == 200 and 'aria-invalid="true"' in page.content.decode()
    assert client.post(declaration_url, {"has_conflict": "no"}).url == url
    assert client.get(url).status_code == 200
    assert client.post(declaration_url, {"has_conflict": "yes", "note": "Ma sœur y travaille"})
    assert client.get(url).status_code == 404
    declarations = list(ConflictDeclaration.objects.order_by("pk"))
    assert [d.has_conflict for d in declarations] == [False, True]
    assert declarations[1].note == "Ma sœur y travaille" and declarations[1].declared_at


def test_a_member_sees_the_others_scores_only_after_submitting(client, committee, application):
    declare_and_score(member(committee, Seat.DATAIDE), application, [5, 3, 4], "Très « clair »")
    late = member(committee, Seat.COMMUNITY_ORGANISATION)
    client.force_login(late.person)
    consolidated_url = reverse("selection_committee_consolidated", args=[application.pk])
    assert client.get(consolidated_url).status_code == 404
    client.post(reverse("selection_committee_declaration", args=[application.pk]),
                {"has_conflict": "no"})  # fmt: skip
    for url in [
        reverse("selection_committee_application", args=[application.pk]),
        reverse("selection_committee_review", args=[application.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "Très « clair »" not in page and "Amélie" not in page
    assert client.get(consolidated_url).status_code == 404

    criteria = list(application.call.criteria.all())
    data = {}
    for criterion, value in zip(criteria, [2, 3, 4], strict=True):
        data[f"score_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = "Café & co <b>"
    bad = client.post(reverse("selection_committee_review", args=[application.pk]),
                      {**data, f"score_{criteria[0].pk}": "6"})  # fmt: skip
    assert bad.status_code == 200 and not Review.objects.filter(member=late).exists()
    response = client.post(reverse("selection_committee_review", args=[application.pk]), data)
    assert response.url == consolidated_url
    page = client.get(consolidated_url).content.decode()
    assert "Très « clair »" in page.replace("&laquo;", "«").replace("&raquo;", "»")
    assert "Café &amp; co &lt;b&gt;" in page and "&amp;amp;" not in page
    assert "Amélie Côté" in page and "François Lévesque-Ng" in page
    with pytest.raises(ApplicationError):
        review_submit(member=late, application=application, scores={})


def test_weighted_totals_and_spread(committee, application):
    declare_and_score(member(committee, Seat.DATAIDE), application, [5, 3, 4])
    declare_and_score(member(committee, Seat.IT_ORGANISATION), application, [2, 3, 5])
    declare_and_score(member(committee, Seat.COMMUNITY_ORGANISATION), application, [3, 2, 4])
    summary = consolidated(application)
    # Weights 2, 1, 1: 10+3+4 = 17; 4+3+5 = 12; 6+2+4 = 12.
    assert sorted(m.total for m in summary.members) == [12, 12, 17]
    assert summary.overall == Decimal("13.7") and summary.maximum == 20
    assert [row.spread for row in summary.rows] == [3, 1, 1]
    assert [row.criterion.title for row in summary.disputed] == ["Pertinence du projet"]


def test_scoring_needs_a_declaration_and_every_criterion(committee, application):
    person = member(committee)
    criteria = list(application.call.criteria.all())
    scores = {c.pk: (3, "") for c in criteria}
    with pytest.raises(ApplicationError):
        review_submit(member=person, application=application, scores=scores)
    conflict_declare(member=person, application=application, has_conflict=False)
    with pytest.raises(ApplicationError):
        review_submit(member=person, application=application, scores={criteria[0].pk: (3, "")})
    review_submit(member=person, application=application, scores=scores)
    with pytest.raises(ApplicationError):
        review_submit(member=person, application=application, scores=scores)


def test_a_regional_committee_takes_its_region_and_the_other_the_rest(call):
    general = make_committee(call)
    estrie = make_committee(call, region_slug="estrie")
    montreal_app = submitted_application(call, name="Organisme montréalais")
    estrie_app = submitted_application(call, name="Organisme estrien", region_slug="estrie")
    assert [m.committee for m in members_who_decide(montreal_app)][:1] == [general]
    assert [m.committee for m in members_who_decide(estrie_app)][:1] == [estrie]


def test_staff_see_any_consolidated_view_and_each_view_is_logged(
    client, staff, committee, application
):
    declare_and_score(member(committee), application, [4, 4, 4])
    client.force_login(staff)
    url = reverse("selection_committee_consolidated", args=[application.pk])
    assert client.get(url).status_code == 200
    assert client.get(reverse("selection_committee")).status_code == 200
    client.get(f"/admin/selection/applications/{application.pk}/")
    person = member(committee).person
    client.force_login(person)
    client.get(reverse("selection_committee_application", args=[application.pk]))
    client.get(url)
    logged = list(
        ApplicationAccess.objects.order_by("pk").values_list("person", "application", "view")
    )
    assert logged == [
        (staff.pk, application.pk, "consolidated"),
        (staff.pk, application.pk, "admin"),
        (person.pk, application.pk, "application"),
        (person.pk, application.pk, "consolidated"),
    ]
    client.force_login(staff)
    page = client.get("/admin/selection/accesses/").content.decode()
    assert "Amélie Côté" in page and "Synthèse des notes" in page
