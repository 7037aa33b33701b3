"""Programme staff's admin for cohorts, seats and the access log; nobody else's."""

import html as htmllib
from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cohorts.models import Cohort, CohortSeat, FacilitatorAccess
from cohorts.services import facilitator_access_log
from lms.accounts.roles import ROLES, role_permissions
from tests.cohorts.builders import admit, lab_course, make_cohort
from tests.factories import OrganisationFactory, UserFactory, region

COHORTS = "/admin/snippets/cohorts/cohort/"
SEATS = "/admin/snippets/cohorts/cohortseat/"
ACCESSES = "/admin/snippets/cohorts/facilitatoraccess/"


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def results(response) -> str:
    """The listing's results, without the filters' choices above them."""
    page = text(response)
    return page[page.index('id="listing-results"') :]


def allowed(response) -> bool:
    """Wagtail answers a refused admin page with a redirect (or 403), never a 200."""
    return response.status_code == 200


@pytest.fixture
def cohort(organisation):
    cohort = make_cohort(facilitators=[UserFactory(first_name="Léa", last_name="Roy")])
    admit(cohort, organisation=organisation)
    return cohort


def test_staff_role_holds_exactly_the_cohort_permissions():
    cohort_permissions = {p for p in role_permissions(ROLES["staff"]) if p.startswith("cohorts.")}
    assert cohort_permissions == {
        "cohorts.add_cohort",
        "cohorts.change_cohort",
        "cohorts.view_cohort",
        "cohorts.add_cohortseat",
        "cohorts.change_cohortseat",
        "cohorts.view_cohortseat",
        "cohorts.view_facilitatoraccess",
    }
    assert not any(p.startswith("cohorts.") for p in role_permissions(ROLES["facilitator"]))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,expected",
    [("staff", True), ("author", False), ("facilitator", False), ("learner", False)],
)
def test_only_programme_staff_reach_the_cohorts_admin(client, cohort, role, expected):
    seat = cohort.seats.get()
    facilitator_access_log(user=cohort.facilitators.get(), cohort_id=cohort.pk, view="grid")
    client.force_login(UserFactory(roles=[role]))

    urls = [
        COHORTS,
        f"{COHORTS}add/",
        f"{COHORTS}edit/{cohort.pk}/",
        SEATS,
        f"{SEATS}add/",
        f"{SEATS}inspect/{seat.pk}/",
        f"{SEATS}remove/{seat.pk}/",
        ACCESSES,
    ]
    for url in urls:
        assert allowed(client.get(url)) is expected, url


@pytest.mark.django_db
def test_the_cohort_list_shows_active_seats_and_facilitators(client, staff, cohort):
    removed = admit(cohort, organisation=OrganisationFactory())
    from cohorts.services import seat_remove

    seat_remove(seat=removed, actor=staff)
    client.force_login(staff)

    page = results(client.get(COHORTS))

    assert "Cohorte automne 2026" in page
    assert "Formation de 12 semaines" in page
    assert "Léa Roy" in page
    row = page[page.index("Cohorte automne 2026") :]
    assert "<td>1</td>" in "".join(row.split())  # one active seat of two


@pytest.mark.django_db
def test_staff_create_a_cohort_with_its_pause_weeks(client, staff):
    from tests.cohorts.builders import level2_course

    course = level2_course()
    facilitator = UserFactory(roles=["facilitator"])
    client.force_login(staff)

    response = client.post(
        f"{COHORTS}add/",
        nested_form_data(
            {
                "name": "Cohorte hiver 2027",
                "course": course.pk,
                "starts_on": "2027-01-11",
                "pauses": inline_formset([{"after_week": 6}]),
                "behind_modules": 2,
                "inactive_days": 14,
            }
        )
        | {"regions": [region().pk], "facilitators": [facilitator.pk]},
    )

    assert response.status_code == 302, text(response)[-3000:]
    cohort = Cohort.objects.get(name="Cohorte hiver 2027")
    assert list(cohort.facilitators.all()) == [facilitator]
    assert [p.after_week for p in cohort.pauses.all()] == [6]
    assert cohort.week_starts()[7] == date(2027, 3, 1)  # weeks 1-6, a pause, then week 7


@pytest.mark.django_db
def test_only_facilitators_can_be_chosen_as_facilitators(client, staff):
    from tests.cohorts.builders import level2_course

    course = level2_course()
    learner = UserFactory(roles=["learner"])
    client.force_login(staff)

    response = client.post(
        f"{COHORTS}add/",
        nested_form_data(
            {
                "name": "Cohorte",
                "course": course.pk,
                "starts_on": "2027-01-11",
                "pauses": inline_formset([]),
                "behind_modules": 2,
                "inactive_days": 14,
            }
        )
        | {"facilitators": [learner.pk]},
    )

    assert response.status_code == 200
    assert not Cohort.objects.exists()


@pytest.mark.django_db
def test_adding_a_seat_admits_it_in_the_name_of_the_staff_member(client, staff):
    cohort = make_cohort()
    organisation = OrganisationFactory()
    client.force_login(staff)

    response = client.post(f"{SEATS}add/", {"cohort": cohort.pk, "organisation": organisation.pk})

    assert response.status_code == 302
    seat = CohortSeat.objects.get()
    assert (seat.cohort, seat.organisation, seat.admitted_by) == (cohort, organisation, staff)
    assert ModelLogEntry.objects.filter(action="cohorts.seat.admitted", user=staff).exists()


@pytest.mark.django_db
def test_a_seat_taken_twice_is_refused_with_the_reason(client, staff, cohort, organisation):
    client.force_login(staff)

    response = client.post(f"{SEATS}add/", {"cohort": cohort.pk, "organisation": organisation.pk})

    assert response.status_code == 200
    assert "Cette place est déjà prise dans cette cohorte." in text(response)
    assert CohortSeat.objects.count() == 1


@pytest.mark.django_db
def test_the_lab_admits_leaders_and_refuses_organisations(client, staff, organisation):
    lab = make_cohort(lab_course(), name="Labo 2027")
    leader = UserFactory(first_name="Inès", last_name="Gagnon", roles=["learner"])
    client.force_login(staff)

    refused = client.post(f"{SEATS}add/", {"cohort": lab.pk, "organisation": organisation.pk})
    assert refused.status_code == 200
    assert "Le laboratoire de leadership admet des leaders, pas des organismes." in text(refused)

    neither = client.post(f"{SEATS}add/", {"cohort": lab.pk})
    assert neither.status_code == 200
    assert "Une place va à un organisme ou à un leader" in text(neither)

    assert client.post(f"{SEATS}add/", {"cohort": lab.pk, "leader": leader.pk}).status_code == 302
    assert CohortSeat.objects.get().leader == leader


@pytest.mark.django_db
def test_staff_remove_a_seat_and_its_history_stays(client, staff, cohort):
    seat = cohort.seats.get()
    client.force_login(staff)
    listing = text(client.get(SEATS))
    assert f"{SEATS}remove/{seat.pk}/" in listing

    response = client.post(f"{SEATS}remove/{seat.pk}/")

    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.removed_at is not None and seat.removed_by == staff
    assert ModelLogEntry.objects.filter(action="cohorts.seat.removed", user=staff).exists()
    assert f"{SEATS}remove/{seat.pk}/" not in text(client.get(SEATS))
    assert "Cuisines collectives du Plateau" in results(client.get(SEATS, {"status": "removed"}))
    assert "Cuisines collectives du Plateau" not in results(client.get(SEATS, {"status": "active"}))


@pytest.mark.django_db
def test_seats_are_filtered_by_cohort(client, staff, cohort):
    other = make_cohort(cohort.course, name="Cohorte printemps")
    admit(other, organisation=OrganisationFactory(name="Maison des jeunes"))
    client.force_login(staff)

    page = results(client.get(SEATS, {"cohort": other.pk}))

    assert "Maison des jeunes" in page
    assert "Cuisines collectives du Plateau" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_nobody_edits_or_deletes_a_seat(client, cohort, who):
    seat = cohort.seats.get()
    person = (
        UserFactory(roles=["staff"])
        if who == "staff"
        else UserFactory(is_superuser=True, is_staff=True)
    )
    client.force_login(person)

    assert not allowed(client.get(f"{SEATS}edit/{seat.pk}/"))
    assert not allowed(client.get(f"{SEATS}delete/{seat.pk}/"))
    client.post(f"{SEATS}delete/{seat.pk}/")
    assert CohortSeat.objects.filter(pk=seat.pk).exists()
    assert f"{SEATS}delete/{seat.pk}/" not in text(client.get(SEATS))


@pytest.mark.django_db
def test_the_access_log_is_read_only_and_filtered(client, staff, cohort):
    mine = cohort.facilitators.get()
    other = UserFactory(first_name="Noé", last_name="Bouchard", roles=["facilitator"])
    other_cohort = make_cohort(cohort.course, name="Cohorte printemps", facilitators=[other])
    facilitator_access_log(user=mine, cohort_id=cohort.pk, view="grid")
    facilitator_access_log(user=other, cohort_id=other_cohort.pk, view="export_grid")
    superuser = UserFactory(is_superuser=True, is_staff=True)

    client.force_login(staff)
    page = text(client.get(ACCESSES))
    assert "Léa Roy" in page and "Noé Bouchard" in page
    by_cohort = results(client.get(ACCESSES, {"cohort": other_cohort.pk}))
    assert "export_grid" not in page  # the log reads in words, not codes
    assert "Export de la progression" in by_cohort and "Léa Roy" not in by_cohort
    by_facilitator = results(client.get(ACCESSES, {"facilitator": mine.pk}))
    assert "Grille de progression" in by_facilitator and "Noé Bouchard" not in by_facilitator

    entry = FacilitatorAccess.objects.first()
    for person in (staff, superuser):
        client.force_login(person)
        assert not allowed(client.get(f"{ACCESSES}add/"))
        assert not allowed(client.get(f"{ACCESSES}edit/{entry.pk}/"))
        assert not allowed(client.get(f"{ACCESSES}delete/{entry.pk}/"))
    assert FacilitatorAccess.objects.count() == 2


@pytest.mark.django_db
def test_the_cohorts_menu_shows_for_staff_only(client, staff, author):
    client.force_login(staff)
    assert reverse("wagtailsnippets_cohorts_cohort:list") in text(client.get("/admin/"))
    client.force_login(author)
    assert reverse("wagtailsnippets_cohorts_cohort:list") not in text(client.get("/admin/"))


@pytest.mark.django_db
def test_the_cohort_and_seat_lists_query_count_does_not_grow(
    client, staff, cohort, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff)
    client.get(COHORTS)
    with CaptureQueriesContext(connection) as cohorts:
        client.get(COHORTS)
    with CaptureQueriesContext(connection) as seats:
        client.get(SEATS)
    for n in range(5):
        more = make_cohort(cohort.course, name=f"Cohorte {n}", facilitators=[UserFactory()])
        admit(more, organisation=OrganisationFactory(), by=staff)
    with django_assert_max_num_queries(len(cohorts.captured_queries)):
        client.get(COHORTS)
    with django_assert_max_num_queries(len(seats.captured_queries)):
        client.get(SEATS)
