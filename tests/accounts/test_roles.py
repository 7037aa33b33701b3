import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from courses.models import PathwayHomePage
from lms.accounts.roles import ROLES, role_permissions, sync_role_groups, user_roles
from tests.factories import UserFactory

ORGANISATIONS_ADMIN = "/admin/snippets/accounts/organisation/"


def allowed(response) -> bool:
    """Wagtail answers a refused admin page with a redirect (or 403), never a 200."""
    return response.status_code == 200


@pytest.fixture
def home(db):
    return PathwayHomePage.objects.get(locale__language_code="fr")


@pytest.mark.django_db
def test_every_role_has_its_group():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        role.group_name for role in ROLES.values()
    }


@pytest.mark.django_db
def test_facilitator_gets_no_admin_rights(client, facilitator, home):
    client.force_login(facilitator)

    assert not facilitator.has_perm("wagtailadmin.access_admin")
    assert not allowed(client.get("/admin/"))
    assert not allowed(client.get(f"/admin/pages/{home.pk}/edit/"))
    assert not allowed(client.get("/admin/users/"))
    assert not home.permissions_for_user(facilitator).can_edit()


@pytest.mark.django_db
def test_author_edits_and_publishes_pages_but_manages_no_one(client, author, home):
    client.force_login(author)

    assert allowed(client.get("/admin/"))
    assert allowed(client.get(f"/admin/pages/{home.pk}/edit/"))
    assert home.permissions_for_user(author).can_publish()
    assert allowed(client.get("/admin/images/"))
    assert allowed(client.get("/admin/documents/"))
    assert not allowed(client.get("/admin/users/"))
    assert not allowed(client.get("/admin/groups/"))
    assert not allowed(client.get(ORGANISATIONS_ADMIN))
    assert not author.has_perm("accounts.change_user")


@pytest.mark.django_db
def test_staff_manage_organisations_and_read_people_without_editing_them(client, staff, learner):
    client.force_login(staff)

    assert allowed(client.get(ORGANISATIONS_ADMIN))
    assert allowed(client.get(f"{ORGANISATIONS_ADMIN}add/"))
    assert allowed(client.get("/admin/snippets/accounts/region/"))
    assert allowed(client.get("/admin/users/"))
    assert not allowed(client.get(reverse("wagtailusers_users:edit", args=[learner.pk])))
    assert not staff.has_perm("accounts.change_user")
    assert not staff.has_perm("wagtailcore.change_page")


@pytest.mark.django_db
def test_learner_has_no_admin_access(client, learner):
    client.force_login(learner)
    assert not allowed(client.get("/admin/"))
    assert user_roles(learner) == {"learner"}


@pytest.mark.django_db
def test_a_person_can_hold_several_roles(client, home):
    person = UserFactory(roles=["facilitator", "author"])
    client.force_login(person)

    assert user_roles(person) == {"facilitator", "author"}
    assert allowed(client.get(f"/admin/pages/{home.pk}/edit/"))


@pytest.mark.django_db
def test_sync_brings_a_group_back_to_exactly_its_permissions():
    authors = Group.objects.get(name=ROLES["author"].group_name)
    authors.permissions.add(Permission.objects.get(codename="change_user"))

    sync_role_groups()
    sync_role_groups()

    names = {f"{p.content_type.app_label}.{p.codename}" for p in authors.permissions.all()}
    assert names == set(role_permissions(ROLES["author"]))


@pytest.mark.django_db
def test_the_urls_above_exist_for_a_superuser(client, learner, home):
    """Guards the tests above: a refusal must not be a mistyped URL."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    for url in (
        "/admin/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/users/",
        reverse("wagtailusers_users:edit", args=[learner.pk]),
        "/admin/groups/",
        ORGANISATIONS_ADMIN,
        f"{ORGANISATIONS_ADMIN}add/",
    ):
        assert allowed(client.get(url)), url


def test_the_roles_name_no_domain_apps_permission_each_app_declares_its_own():
    """``roles.py`` knows the platform's own permissions; courses, webinars, cohorts and the
    pathway declare theirs on their ``AppConfig``, and the roles hold them all the same."""
    domain_apps = {"courses", "webinars", "cohorts", "pathway"}
    written_here = {
        name.split(".")[0]
        for role in ROLES.values()
        for name in (*role.permissions, *role.page_permissions, *role.collection_permissions)
    }
    assert written_here.isdisjoint(domain_apps)
    assert "courses.view_modulefeedback" in role_permissions(ROLES["author"])
    assert "webinars.change_attendance" in role_permissions(ROLES["facilitator"])
    assert "cohorts.view_cohort" in role_permissions(ROLES["staff"])
    assert role_permissions(ROLES["learner"]) == ()
