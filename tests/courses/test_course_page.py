import html as htmllib

import pytest

from courses.models import ActivityResponse, ModuleCompletion
from tests.factories import (
    block_id,
    course_page,
    home_page,
    level_page,
    module_page,
    translate,
)


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.mark.django_db
def test_course_lists_modules_week_by_week_with_status_and_next(client, learner):
    course = course_page()
    first = module_page(course, week=1)
    module_page(course, week=2, kind="experimentation", required=False)
    third = module_page(course, week=3)
    ModuleCompletion.objects.create(learner=learner, module=first, module_title=first.title)
    ActivityResponse.objects.create(
        learner=learner, module=third, block_id=block_id(third, "quiz"), kind="quiz"
    )
    client.force_login(learner)

    page = text(client.get(course.url))

    assert page.index("Semaine 1") < page.index("Semaine 2") < page.index("Semaine 3")
    assert "Période d'expérimentation" in page
    assert "facultatif" in page
    assert "1 module obligatoire terminé sur 2" in page
    assert "À suivre : Module de la semaine 2" in page
    assert page.count("Terminé") == 1
    assert "En cours" in page
    assert "Pas commencé" in page


@pytest.mark.django_db
def test_course_page_query_count_does_not_grow_with_modules(
    client, learner, django_assert_max_num_queries
):
    course = course_page()
    module_page(course, week=1)
    client.force_login(learner)
    client.get(course.url)  # warm caches (site root, locales)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(course.url).status_code == 200
    count = len(few)  # before another request empties the connection's log
    for week in range(2, 16):
        module_page(course, week=week)
    client.get(course.url)  # publishing dropped what was kept: kept again
    with django_assert_max_num_queries(count):
        assert client.get(course.url).status_code == 200


@pytest.mark.django_db
def test_level_page_states_audience_bursary_and_completion(client):
    level = level_page(number=2)
    course_page(level)
    page = text(client.get(level.url))
    assert "Niveau 2 : Accélération" in page
    assert "Bourse d'accélération : jusqu'à 15\u00a0000 $ pour votre organisme." in page
    assert "Terminer les modules obligatoires." in page
    assert "Formation de 12 semaines" in page


@pytest.mark.django_db
def test_home_lists_the_levels_in_order(client):
    level_page(number=3, slug="innovation", title="Innovation")
    level_page(number=1, slug="sensibilisation", title="Sensibilisation")
    page = text(client.get("/"))
    assert page.index("Sensibilisation") < page.index("Innovation")


@pytest.mark.django_db
def test_an_english_course_falls_back_to_french_for_untranslated_modules(client):
    level = level_page()
    course = course_page(level)
    first = module_page(course, week=1)
    module_page(course, week=2, title="Gouvernance des données")
    translate(home_page(), title="Home", slug="home")
    translate(level, title="Level 2")
    english_course = translate(course, title="12-week course")
    translate(first, title="Data culture")

    page = text(client.get(english_course.url))

    assert '<html lang="en">' in page
    assert "Data culture" in page
    assert "Gouvernance des données" in page  # no translation yet: the French module
    assert "Week 2" in page


@pytest.mark.django_db
def test_an_untranslated_page_is_read_in_french_under_english(client):
    level = level_page()
    course = course_page(level)
    module = module_page(course, week=1, title="Gouvernance des données")
    translate(home_page(), title="Home", slug="home")

    response = client.get("/en" + module.url)

    page = text(response)
    assert response.status_code == 200
    # The interface is English, the module's own words French: each marked.
    assert '<html lang="en">' in page
    assert '<main id="contenu" tabindex="-1">' in page
    assert '<h1 lang="fr">Gouvernance des données</h1>' in page
    assert '<div class="module-body" lang="fr">' in page
    assert "Week 1" in page


@pytest.mark.django_db
def test_a_path_that_exists_in_no_language_is_still_404(client):
    translate(home_page(), title="Home", slug="home")
    assert client.get("/en/nulle-part/").status_code == 404
    assert client.get("/nulle-part/").status_code == 404
