import pytest
from django.urls import reverse
from django.utils import translation

from courses.selectors import TranslationStatus, translation_gaps
from tests.courses.admin_helpers import (
    add_module,
    course_tree,
    english_of,
    french_home,
    publish,
    queries_for,
    translate,
)
from tests.factories import UserFactory

REPORT = "/admin/reports/translations/"


def statuses() -> dict[str, str]:
    return {page.title: page.translation_status for page in translation_gaps()}


@pytest.fixture
def tree(db):
    """Home, level and course translated and up to date; two French modules."""
    course, modules = course_tree(modules=2)
    for page in (french_home(), course.get_parent().specific, course):
        translate(page)
    return course, modules


def test_the_report_lives_where_authors_look_for_it():
    with translation.override("fr"):
        assert reverse("courses_reports:translations") == REPORT


@pytest.mark.django_db
def test_lists_missing_unpublished_and_outdated_english_versions(tree):
    course, (first, second) = tree
    third = add_module(course, title="Module 3", week=3)
    fourth = add_module(course, title="Module 4", week=4)
    translate(first)  # published after the French page: up to date
    translate(second, publish_it=False)  # a draft: learners get French
    translate(third)
    publish(third)  # French changed after the English version was published
    translate(fourth)
    publish(english_of(fourth))

    assert statuses() == {
        "Module 2": TranslationStatus.UNPUBLISHED,
        "Module 3": TranslationStatus.OUTDATED,
    }


@pytest.mark.django_db
def test_a_french_page_without_english_page_is_missing_and_drafts_are_ignored(tree):
    course, (first, second) = tree
    add_module(course, title="Brouillon", week=3, live=False)

    assert statuses() == {
        "Module 1": TranslationStatus.MISSING,
        "Module 2": TranslationStatus.MISSING,
    }


@pytest.mark.django_db
def test_an_unpublished_english_page_counts_as_not_published(tree):
    course, (first, second) = tree
    translate(second)
    english = translate(first)
    english.unpublish()

    assert statuses() == {"Module 1": TranslationStatus.UNPUBLISHED}


@pytest.mark.django_db
def test_author_sees_statuses_with_translate_and_edit_links(client, author, tree):
    course, (first, second) = tree
    english = translate(second, publish_it=False)
    client.force_login(author)

    html = client.get(REPORT).content.decode()

    assert "Aucune version anglaise" in html
    assert "Version anglaise non publiée" in html
    assert "Module" in html  # the type
    assert reverse("simple_translation:submit_page_translation", args=[first.pk]) in html
    assert f'href="/admin/pages/{english.pk}/edit/"' in html
    assert f'href="/admin/pages/{first.pk}/edit/"' in html
    assert "Formation de 12 semaines" not in html  # up to date


@pytest.mark.django_db
def test_outdated_english_version_is_labelled_to_update(client, author, tree):
    course, (first, second) = tree
    english = translate(first)
    translate(second)
    publish(first)
    client.force_login(author)

    html = client.get(REPORT).content.decode()

    assert "Version anglaise à mettre à jour" in html
    assert f'href="/admin/pages/{english.pk}/edit/"' in html
    assert "Module 2" not in html


@pytest.mark.django_db
def test_filters_by_status_and_type(client, author, tree):
    course, (first, second) = tree
    translate(second, publish_it=False)
    client.force_login(author)

    html = client.get(REPORT, {"status": TranslationStatus.MISSING}).content.decode()
    assert "Module 1" in html and "Module 2" not in html

    html = client.get(REPORT, {"content_type": first.content_type_id}).content.decode()
    assert "Module 1" in html and "Module 2" in html


@pytest.mark.django_db
def test_everything_translated_says_so(client, author, tree):
    course, (first, second) = tree
    translate(first)
    translate(second)
    client.force_login(author)

    html = client.get(REPORT).content.decode()

    assert "Toutes les pages publiées du parcours ont une version anglaise à jour." in html


@pytest.mark.django_db
def test_staff_read_the_report_without_edit_or_translate_links(client, staff, tree):
    course, (first, second) = tree
    client.force_login(staff)

    html = client.get(REPORT).content.decode()

    assert "Module 1" in html
    assert reverse("simple_translation:submit_page_translation", args=[first.pk]) not in html
    assert f"/admin/pages/{first.pk}/edit/" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["author", "staff"])
def test_authors_and_staff_find_it_in_the_reports_menu(client, role):
    client.force_login(UserFactory(roles=[role]))
    assert f'"url": "{REPORT}"' in client.get("/admin/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["learner", "facilitator"])
def test_learners_and_facilitators_are_refused(client, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(REPORT).status_code != 200


@pytest.mark.django_db
def test_the_pages_are_read_in_one_query(tree, django_assert_num_queries):
    course, _modules = tree
    for week in range(3, 15):
        add_module(course, title=f"Module {week}", week=week)

    with django_assert_num_queries(1):
        gaps = list(translation_gaps())

    assert len(gaps) == 14


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_pages(client, author, tree):
    course, _modules = tree
    client.force_login(author)
    few = queries_for(client, REPORT)
    for week in range(3, 30):
        add_module(course, title=f"Module {week}", week=week)

    many = queries_for(client, REPORT)

    assert many == few
    print(f"translation report: {few} queries for 2 pages and for 29 pages")
