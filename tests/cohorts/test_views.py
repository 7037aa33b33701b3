"""The facilitators' pages: who reaches what, what they show, the access log, and a
grid whose query count does not grow with the cohort."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Cohort, FacilitatorAccess
from cohorts.services import seat_admit
from lms.accounts.models import Organisation
from tests.cohorts.conftest import answer, complete, learner_of
from tests.factories import OrganisationFactory, UserFactory, module_page


@pytest.fixture
def running(cohort):
    """The known cohort, moved so that today is in its week 2 (no pause yet)."""
    cohort.starts_on = timezone.localdate() - timedelta(days=7)
    cohort.save()
    return cohort


@pytest.fixture
def people(running, kitchen, library, modules):
    alice = learner_of(kitchen, "Alice")
    complete(alice, modules["w1a"])
    complete(alice, modules["w1b"])
    answer(alice, modules["w2"])
    chloe = learner_of(library, "Chloé", "Gagnon")
    return {"alice": alice, "chloe": chloe}


def cohort_urls(cohort, organisation) -> list[str]:
    """Every page and export of a cohort that shows learners' data."""
    return [
        reverse("cohorts_grid", args=[cohort.pk]),
        reverse("cohorts_grid", args=[cohort.pk]) + f"?organisation={organisation.pk}",
        reverse("cohorts_grid_export", args=[cohort.pk]),
        reverse("cohorts_grid_export", args=[cohort.pk]) + f"?organisation={organisation.pk}",
        reverse("cohorts_attendance_export", args=[cohort.pk]),
        reverse("cohorts_attendance_export", args=[cohort.pk]) + f"?organisation={organisation.pk}",
        reverse("cohorts_organisation", args=[cohort.pk, organisation.pk]),
    ]


# --- Who reaches what ------------------------------------------------------------------


def test_the_list_shows_a_facilitator_their_cohorts_only(client, facilitator, cohort, course):
    Cohort.objects.create(name="Cohorte de Québec", course=course, starts_on=cohort.starts_on)
    client.force_login(facilitator)

    html = client.get(reverse("cohorts_list")).content.decode()

    assert "Cohorte Montréal 2026" in html
    assert "Cohorte de Québec" not in html
    assert reverse("cohorts_grid", args=[cohort.pk]) in html


def test_the_list_says_where_each_cohort_stands(client, facilitator, cohort, course):
    today = timezone.localdate()
    cohort.starts_on = today - timedelta(days=15)  # week 2 is over, week 3 after the pause
    cohort.save()
    for name, starts_on in (
        ("Pas commencée", today + timedelta(days=3)),
        ("Finie", today - timedelta(weeks=8)),
    ):
        other = Cohort.objects.create(name=name, course=course, starts_on=starts_on)
        other.facilitators.add(facilitator)
        other.save()
    client.force_login(facilitator)

    html = client.get(reverse("cohorts_list")).content.decode()

    assert "<td>pause après la semaine 2</td>" in html
    assert "<td>pas commencée</td>" in html
    assert "<td>terminée</td>" in html


def test_programme_staff_see_every_cohort(client, staff, cohort, course):
    Cohort.objects.create(name="Cohorte de Québec", course=course, starts_on=cohort.starts_on)
    client.force_login(staff)

    html = client.get(reverse("cohorts_list")).content.decode()
    assert "Cohorte Montréal 2026" in html and "Cohorte de Québec" in html
    assert client.get(reverse("cohorts_grid", args=[cohort.pk])).status_code == 200


def test_the_header_links_facilitators_to_their_cohorts(client, facilitator, learner):
    client.force_login(facilitator)
    assert reverse("cohorts_list") in client.get(reverse("accounts_profile")).content.decode()
    client.force_login(learner)
    assert reverse("cohorts_list") not in client.get(reverse("accounts_profile")).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, cohort, kitchen):
    for url in [reverse("cohorts_list"), *cohort_urls(cohort, kitchen)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


def test_a_learner_is_refused_every_cohort_url(client, cohort, kitchen):
    seated = learner_of(kitchen, "Alice")  # even a learner of this very cohort
    client.force_login(seated)

    for url in [reverse("cohorts_list"), *cohort_urls(cohort, kitchen)]:
        assert client.get(url).status_code == 403, url
    # A cohort that does not exist answers the same: the learner learns nothing.
    assert client.get(reverse("cohorts_grid", args=[999999])).status_code == 403


def test_a_facilitator_of_another_cohort_finds_nothing(client, cohort, kitchen, course):
    other = UserFactory(roles=["facilitator"])
    theirs = Cohort.objects.create(name="Autre cohorte", course=course, starts_on=cohort.starts_on)
    theirs.facilitators.add(other)
    theirs.save()
    client.force_login(other)

    for url in cohort_urls(cohort, kitchen):
        assert client.get(url).status_code == 404, url
    assert "Cohorte Montréal 2026" not in client.get(reverse("cohorts_list")).content.decode()
    assert not FacilitatorAccess.objects.exists()


def test_an_organisation_outside_the_cohort_is_not_found(client, facilitator, cohort, kitchen):
    elsewhere = OrganisationFactory(name="Pas dans la cohorte")
    learner_of(elsewhere, "Xavier")
    client.force_login(facilitator)

    for url in cohort_urls(cohort, elsewhere):
        if "organisation" in url or "organismes" in url:
            assert client.get(url).status_code == 404, url
    for bad in ["abc", "0", "-1", f"{kitchen.pk}x"]:
        url = reverse("cohorts_grid", args=[cohort.pk]) + f"?organisation={bad}"
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("cohorts_grid", args=[999999])).status_code == 404


def test_an_organisation_whose_seat_was_removed_is_not_found(
    client, facilitator, cohort, kitchen, staff
):
    from cohorts.services import seat_remove

    seat_remove(seat=cohort.seats.get(organisation=kitchen), actor=staff)
    client.force_login(facilitator)

    url = reverse("cohorts_organisation", args=[cohort.pk, kitchen.pk])
    assert client.get(url).status_code == 404


def test_the_facilitator_reaches_every_url_of_their_cohort(client, facilitator, cohort, kitchen):
    client.force_login(facilitator)

    for url in cohort_urls(cohort, kitchen):
        assert client.get(url).status_code == 200, url


# --- The access log --------------------------------------------------------------------


def test_every_view_of_learners_data_is_logged(client, facilitator, people, running, kitchen):
    client.force_login(facilitator)
    client.get(reverse("cohorts_list"))
    assert not FacilitatorAccess.objects.exists()  # the list shows no learner

    client.get(reverse("cohorts_grid", args=[running.pk]))
    client.get(reverse("cohorts_grid", args=[running.pk]) + f"?organisation={kitchen.pk}")
    client.get(reverse("cohorts_organisation", args=[running.pk, kitchen.pk]))
    b"".join(client.get(reverse("cohorts_grid_export", args=[running.pk])).streaming_content)
    b"".join(client.get(reverse("cohorts_attendance_export", args=[running.pk])).streaming_content)

    log = FacilitatorAccess.objects.order_by("accessed_at", "pk")
    assert [(a.facilitator, a.cohort, a.view, a.organisation) for a in log] == [
        (facilitator, running, "grid", None),
        (facilitator, running, "grid", kitchen),
        (facilitator, running, "organisation", kitchen),
        (facilitator, running, "export_grid", None),
        (facilitator, running, "export_attendance", None),
    ]


# --- What the grid page shows ----------------------------------------------------------


def test_the_grid_page(client, facilitator, people, running, kitchen, modules):
    client.force_login(facilitator)

    html = client.get(reverse("cohorts_grid", args=[running.pk])).content.decode()

    assert '<table class="grid">' in html and "<caption>" in html
    assert 'tabindex="0" role="region" aria-label="Grille de progression' in html
    assert html.count('<th scope="col" class="grid-module') == 6
    assert html.count("(semaine en cours)") == 1  # week 2 has one module
    assert html.count('<th scope="rowgroup"') == 2
    assert (
        'href="{}"'.format(reverse("cohorts_organisation", args=[running.pk, kitchen.pk])) in html
    )
    assert '<th scope="row" class="grid-name">Alice Tremblay</th>' in html
    assert "✓ Terminé" in html and "En cours" in html and "Pas commencé" in html
    # Chloé has done nothing of the three required modules due by week 2.
    assert "En retard" in html
    assert "Semaine en cours : 2." in html
    for label in ('for="filter-organisation"', 'for="filter-status"', 'for="filter-sort"'):
        assert label in html
    # The grid leads to the cohort's messages.
    assert reverse("cohorts_message", args=[running.pk]) in html


def test_the_grid_page_filters_by_get_parameters(client, facilitator, people, running, kitchen):
    client.force_login(facilitator)
    url = reverse("cohorts_grid", args=[running.pk])

    html = client.get(url, {"status": "behind"}).content.decode()
    assert "Chloé Gagnon" in html and "Alice Tremblay" not in html

    html = client.get(url, {"organisation": kitchen.pk}).content.decode()
    assert "Alice Tremblay" in html and "Chloé Gagnon" not in html
    assert f'<option value="{kitchen.pk}" selected>' in html

    # An unknown status or sort falls back to everyone, by name.
    response = client.get(url, {"status": "tout", "sort": "au-hasard"})
    assert response.status_code == 200
    assert "Alice Tremblay" in response.content.decode()


def test_the_grid_page_in_english(client, facilitator, people, running):
    client.force_login(facilitator)

    html = client.get("/en" + reverse("cohorts_grid", args=[running.pk])).content.decode()

    assert "(current week)" in html and "✓ Done" in html and "Behind" in html


def test_an_inactive_learner_is_flagged_with_the_days(client, facilitator, running, kitchen):
    running.starts_on = timezone.localdate() - timedelta(days=20)
    running.save()
    learner_of(kitchen, "Alice")
    client.force_login(facilitator)

    html = client.get(reverse("cohorts_grid", args=[running.pk])).content.decode()

    assert "Inactive ou inactif depuis 20 j" in html


def test_the_organisation_page_shows_statuses_never_content(
    client, facilitator, people, running, kitchen
):
    client.force_login(facilitator)

    html = client.get(
        reverse("cohorts_organisation", args=[running.pk, kitchen.pk])
    ).content.decode()

    assert "<h1>Cuisine collective, Saint-Jérôme</h1>" in html
    assert "Autodiagnostic" in html and "Plan de transition numérique" in html
    assert html.count('<span class="tag">Pas commencé</span>') == 2
    assert "Alice Tremblay" in html and "Chloé Gagnon" not in html
    assert "Une réponse." not in html  # learners' answers never show


def test_organisation_plan_status_is_not_started_until_the_plans_exist(kitchen):
    from cohorts.selectors.plans import organisation_plan_status

    assert organisation_plan_status(kitchen) == {
        "self_assessment": "not_started",
        "transition_plan": "not_started",
    }


# --- Queries ---------------------------------------------------------------------------


def seat_learners(cohort, staff, modules, count):
    """Seat ``count`` learners, two per organisation, each with some progress."""
    for index in range(count):
        if index % 2 == 0:
            organisation = OrganisationFactory()
            seat_admit(cohort=cohort, actor=staff, organisation=organisation)
        person = learner_of(organisation, f"Personne {index}")
        complete(person, modules["w1a"])
        answer(person, modules["w2"])


def test_the_grid_query_count_does_not_grow_with_the_cohort(
    client, facilitator, staff, running, modules, course, django_assert_max_num_queries
):
    """5 learners or 60 (in 30 organisations), 6 modules or 24: the same queries."""
    bigger = Cohort.objects.create(
        name="Grande cohorte", course=course, starts_on=running.starts_on
    )
    bigger.facilitators.add(facilitator)
    bigger.save()
    seat_learners(running, staff, modules, 5)
    seat_learners(bigger, staff, modules, 60)
    client.force_login(facilitator)
    small, large = (reverse("cohorts_grid", args=[c.pk]) for c in (running, bigger))
    client.get(small)  # warm the caches (site root, locales) that the first request fills

    with CaptureQueriesContext(connection) as few:
        assert client.get(small).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(large)
    assert response.content.decode().count('<th scope="row" class="grid-name">Personne') == 60
    assert response.content.decode().count('<th scope="rowgroup"') == 30

    for week in range(5, 23):
        module_page(course, week=week % 12 + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(large)
    assert response.content.decode().count('<th scope="col" class="grid-module') == 24

    exports = [
        reverse(name, args=[c.pk])
        for name in ("cohorts_grid_export", "cohorts_attendance_export")
        for c in (running, bigger)
    ]
    for small_export, large_export in (exports[:2], exports[2:]):
        with CaptureQueriesContext(connection) as few:
            b"".join(client.get(small_export).streaming_content)
        with django_assert_max_num_queries(len(few.captured_queries)):
            b"".join(client.get(large_export).streaming_content)


@pytest.mark.django_db
def test_the_grid_shows_names_as_typed_escaped_once(client, facilitator, running, kitchen, staff):
    Organisation.objects.filter(pk=kitchen.pk).update(name="Café & fils <Laval>")
    learner_of(kitchen, "Zoé", "D'Amour & Liu 刘")
    client.force_login(facilitator)
    html = client.get(reverse("cohorts_grid", args=[running.pk])).content.decode()
    assert "Café &amp; fils &lt;Laval&gt;" in html
    assert "D&#x27;Amour &amp; Liu 刘" in html
    assert "&amp;amp;" not in html


# --- The grid kept for its reader (lms.person_cache) -----------------------------------


def test_the_kept_grid_follows_a_learner_at_once_and_every_view_is_still_logged(
    client, facilitator, people, running, modules
):
    client.force_login(facilitator)
    url = reverse("cohorts_grid", args=[running.pk])
    client.get(url)
    client.get(url)  # the first visit also wrote the site's privacy settings, once
    with CaptureQueriesContext(connection) as kept:
        html = client.get(url).content.decode()
    writes = [q["sql"] for q in kept.captured_queries if not q["sql"].startswith("SELECT")]
    # Who may see it is asked, and the view logged, each time; the grid is not read.
    assert len(kept.captured_queries) == 3  # the user, who may see it, the log
    assert not [q for q in kept.captured_queries if "modulecompletion" in q["sql"]]
    assert any("cohorts_facilitatoraccess" in q for q in writes)
    assert html.count("✓ Terminé") == 2

    complete(people["chloe"], modules["w1a"])  # a learner's completion, as a module page
    html = client.get(url).content.decode()
    assert html.count("✓ Terminé") == 3
    assert FacilitatorAccess.objects.filter(view="grid").count() == 4


def test_the_kept_grid_is_never_another_readers(client, facilitator, people, running):
    other = UserFactory(roles=["facilitator"])
    client.force_login(facilitator)
    url = reverse("cohorts_grid", args=[running.pk])
    client.get(url)
    client.force_login(other)  # same browser, a facilitator of another cohort
    assert client.get(url).status_code == 404
