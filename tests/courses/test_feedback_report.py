import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission, Page

from courses.models import ModuleFeedback
from tests.courses.admin_helpers import course_tree, feedback, learner, queries_for, translate
from tests.factories import UserFactory

REPORT = "/admin/reports/module-feedback/"


def rows(html: str) -> int:
    return html.count('<td class="title">')


@pytest.fixture
def modules(db):
    return course_tree(modules=2)[1]


def test_the_report_lives_where_authors_look_for_it():
    with translation.override("fr"):
        assert reverse("courses_reports:module_feedback") == REPORT


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["author", "staff"])
def test_authors_and_staff_read_the_report_and_find_it_in_the_reports_menu(client, role):
    client.force_login(UserFactory(roles=[role]))

    assert client.get(REPORT).status_code == 200
    assert f'"url": "{REPORT}"' in client.get("/admin/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["learner", "facilitator"])
def test_learners_and_facilitators_are_refused(client, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(REPORT).status_code != 200


@pytest.mark.django_db
def test_admin_access_alone_is_not_enough(client):
    """Access is the permission, not the admin: someone without it sees no entry either."""
    group = Group.objects.create(name="Admin seulement")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    person = UserFactory()
    person.groups.add(group)
    client.force_login(person)

    assert client.get(REPORT).status_code != 200
    assert REPORT not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_row_says_module_rating_comment_language_and_the_name_only_if_agreed(
    client, author, modules
):
    agreed = learner(first_name="Josée", last_name="Lavoie", email="josee@exemple.test")
    hidden = learner(first_name="Marc", last_name="Bérubé", email="marc@exemple.test")
    feedback(modules[0], rating=5, comment="Clair et concret.", show_name=True, person=agreed)
    feedback(modules[1], rating=2, comment="Trop long.\nMoins de théorie.", person=hidden)
    client.force_login(author)

    html = client.get(REPORT).content.decode()

    assert rows(html) == 2
    assert "Module 1" in html and "Module 2" in html
    assert "5/5" in html and "2/5" in html
    assert "Clair et concret." in html
    assert "Trop long.<br>Moins de théorie." in html
    assert "Josée Lavoie" in html
    assert "Anonyme" in html
    assert "Marc" not in html and "Bérubé" not in html
    assert "@exemple.test" not in html
    assert "Français" in html


@pytest.mark.django_db
def test_filters_by_module_and_dates_with_count_and_average(client, author, modules):
    first, second = modules
    feedback(first, rating=5)
    feedback(first, rating=2)
    old = feedback(first, rating=1)
    feedback(second, rating=4)
    ModuleFeedback.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=60)
    )
    client.force_login(author)

    html = client.get(REPORT).content.decode()
    assert rows(html) == 4
    assert "4 avis, moyenne 3,0/5" in html

    html = client.get(REPORT, {"module": first.pk}).content.decode()
    assert rows(html) == 3
    assert "3 avis, moyenne 2,7/5" in html

    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    html = client.get(REPORT, {"module": first.pk, "created_at_from": since}).content.decode()
    assert rows(html) == 2
    assert "2 avis, moyenne 3,5/5" in html

    until = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    html = client.get(REPORT, {"created_at_to": until}).content.decode()
    assert rows(html) == 1
    assert "1 avis, moyenne 1,0/5" in html

    results = client.get(reverse("courses_reports:module_feedback_results"), {"module": second.pk})
    assert "1 avis, moyenne 4,0/5" in results.content.decode()


@pytest.mark.django_db
def test_filters_by_language(client, author, modules):
    feedback(modules[0], rating=5, language="en")
    feedback(modules[0], rating=3)
    client.force_login(author)

    html = client.get(REPORT, {"language": "en"}).content.decode()

    assert rows(html) == 1
    assert "English" in html


@pytest.mark.django_db
def test_staff_read_feedback_without_links_to_the_page_editor(client, staff, modules):
    feedback(modules[0])
    client.force_login(staff)

    html = client.get(REPORT).content.decode()

    assert rows(html) == 1
    assert f"/admin/pages/{modules[0].pk}/edit/" not in html


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_rows(client, author, django_assert_max_num_queries):
    course, (module,) = course_tree(modules=1)
    client.force_login(author)
    for _ in range(5):
        feedback(module, show_name=True)
    few = queries_for(client, REPORT)
    for _ in range(35):
        feedback(module, show_name=True)

    with django_assert_max_num_queries(few):
        html = client.get(REPORT).content.decode()

    assert rows(html) == 40
    assert queries_for(client, REPORT) == few
    print(f"module feedback report: {few} queries for 5 rows and for 40 rows")


@pytest.mark.django_db
def test_the_module_editor_shows_its_ratings_with_a_link_to_the_report(client, author, modules):
    module = modules[0]
    feedback(module, rating=5)
    feedback(module, rating=4)
    client.force_login(author)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()

    assert "2 avis, moyenne 4,5/5" in html
    assert f'href="{REPORT}?module={module.pk}"' in html


@pytest.mark.django_db
def test_an_english_module_editor_shows_the_french_module_ratings(client, author, modules):
    module = modules[0]
    feedback(module, rating=3)
    english = translate(module)
    client.force_login(author)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()

    assert "1 avis, moyenne 3,0/5" in html
    assert f'href="{REPORT}?module={module.pk}"' in html


@pytest.mark.django_db
def test_a_module_without_feedback_says_so(client, author, modules):
    client.force_login(author)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[modules[0].pk])).content.decode()
    assert "Aucun apprenant n'a encore noté ce module." in html


@pytest.mark.django_db
def test_the_panel_is_only_for_people_who_may_read_feedback(client, modules):
    module = modules[0]
    feedback(module)
    editors = Group.objects.create(name="Rédaction sans avis")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    editor = UserFactory()
    editor.groups.add(editors)
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))

    assert response.status_code == 200
    assert "Avis des apprenants" not in response.content.decode()
    assert REPORT not in response.content.decode()


@pytest.mark.django_db
def test_a_new_module_has_no_feedback_panel(client, author, modules):
    course = modules[0].get_parent()
    client.force_login(author)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    )

    assert response.status_code == 200
    assert "Avis des apprenants" not in response.content.decode()


#: Typed by a learner: an ampersand, markup and quotes that must survive as typed.
TYPED = 'Café & <b>"jeunes"</b> d\'ici'
#: The same, escaped once, as Django's templates write it.
SHOWN = "Café &amp; &lt;b&gt;&quot;jeunes&quot;&lt;/b&gt; d&#x27;ici"


@pytest.mark.django_db
def test_a_comment_is_stored_as_typed_and_shown_escaped_once(client, author, modules):
    from courses.services import module_feedback_give

    feedback = module_feedback_give(
        learner=learner(),
        module=modules[0],
        rating=4,
        comment=f"  {TYPED}\n",
        show_name=False,
        language="fr",
    )

    feedback.refresh_from_db()
    assert feedback.comment == TYPED
    client.force_login(author)
    html = client.get(REPORT).content.decode()
    assert SHOWN in html
    assert "&amp;amp;" not in html and '<b>"jeunes"' not in html
