import pytest
from django.contrib.messages import get_messages
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import Page

from tests.courses.admin_helpers import completion, course_tree, translate
from tests.factories import UserFactory


def delete_url(page) -> str:
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def error_messages(response) -> list[str]:
    return [str(m).strip() for m in get_messages(response.wsgi_request) if "error" in m.tags]


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def tree(db):
    return course_tree(modules=2)


@pytest.mark.django_db
def test_a_completed_module_cannot_be_deleted(admin_client, tree):
    course, (module, _other) = tree
    completion(module)
    completion(module)

    expected = "Ce module a été terminé par 2 apprenants : dépubliez-le plutôt que de le supprimer."
    for method in (admin_client.get, admin_client.post):
        response = method(delete_url(module))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[module.pk])
        assert error_messages(response)[-1] == expected
    assert Page.objects.filter(pk=module.pk).exists()


@pytest.mark.django_db
def test_the_refusal_goes_back_to_where_the_author_came_from(admin_client, tree):
    course, (module, _other) = tree
    completion(module)
    listing = reverse("wagtailadmin_explore", args=[course.pk])

    response = admin_client.post(f"{delete_url(module)}?next={listing}")

    assert response["Location"] == listing


@pytest.mark.django_db
def test_a_course_holding_a_completed_module_cannot_be_deleted(admin_client, tree):
    course, (module, _other) = tree
    completion(module)

    response = admin_client.post(delete_url(course))

    assert response.status_code == 302
    assert error_messages(response) == [
        "Des modules de cette page ont été terminés par 1 apprenant : "
        "dépubliez-la plutôt que de la supprimer."
    ]
    assert Page.objects.filter(pk=course.pk).exists()


@pytest.mark.django_db
def test_a_module_nobody_completed_can_be_deleted(admin_client, tree):
    course, (module, other) = tree
    completion(other)

    assert admin_client.get(delete_url(module)).status_code == 200
    admin_client.post(delete_url(module))

    assert not Page.objects.filter(pk=module.pk).exists()


@pytest.mark.django_db
def test_the_english_translation_of_a_completed_module_can_be_deleted(admin_client, tree):
    """Records point at the French page: deleting the translation loses nothing."""
    course, (module, _other) = tree
    completion(module)
    english = translate(module)

    admin_client.post(delete_url(english))

    assert not Page.objects.filter(pk=english.pk).exists()
    assert Page.objects.filter(pk=module.pk).exists()
    assert admin_client.post(delete_url(module)).status_code == 302
    assert Page.objects.filter(pk=module.pk).exists()


@pytest.mark.django_db
def test_bulk_deletion_is_refused_too(admin_client, tree):
    course, (module, other) = tree
    completion(module)
    listing = reverse("wagtailadmin_explore", args=[course.pk])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])

    response = admin_client.post(f"{url}?id={module.pk}&id={other.pk}&next={listing}")

    assert response.status_code == 302
    assert response["Location"] == listing
    assert error_messages(response) == [
        "Module 1 : Ce module a été terminé par 1 apprenant : "
        "dépubliez-le plutôt que de le supprimer."
    ]
    assert Page.objects.filter(pk__in=[module.pk, other.pk]).count() == 2


@pytest.mark.django_db
def test_the_database_refuses_as_a_backstop(tree):
    course, (module, _other) = tree
    completion(module)

    with pytest.raises(ProtectedError):
        module.delete()
