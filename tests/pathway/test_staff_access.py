"""Who reaches the bursaries' admin: programme staff only (and superusers)."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission

from lms.accounts.roles import STAFF, role_group
from lms.pathway.models import PathwaySettings
from tests.factories import UserFactory
from tests.pathway.staff_helpers import (
    ELIGIBILITIES,
    QUOTAS,
    REVIEW_REQUESTS,
    SETTINGS,
    grant,
    review_request,
)

BURSARY_PERMISSIONS = {
    "pathway.view_bursaryeligibility",
    "pathway.change_bursaryeligibility",
    "pathway.view_reviewrequest",
    "pathway.change_reviewrequest",
    "pathway.change_pathwaysettings",
}


@pytest.fixture
def records(db):
    eligibility = grant()
    request = review_request()
    settings = PathwaySettings.load()
    return eligibility, request, settings


def every_url(records) -> list[str]:
    eligibility, request, settings = records
    return [
        ELIGIBILITIES,
        f"{ELIGIBILITIES}results/",
        f"{ELIGIBILITIES}?export=csv",
        f"{ELIGIBILITIES}?export=xlsx",
        f"{ELIGIBILITIES}{eligibility.pk}/",
        f"{ELIGIBILITIES}{eligibility.pk}/status/",
        QUOTAS,
        REVIEW_REQUESTS,
        f"{REVIEW_REQUESTS}results/",
        f"{REVIEW_REQUESTS}{request.pk}/",
        f"{REVIEW_REQUESTS}{request.pk}/close/",
        SETTINGS,
        f"{SETTINGS}{settings.pk}/",
    ]


@pytest.mark.django_db
def test_staff_hold_exactly_the_bursary_permissions_they_need():
    held = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in role_group(STAFF.key).permissions.select_related("content_type")
    }
    assert BURSARY_PERMISSIONS <= held
    assert not {p for p in held if p.startswith("pathway.")} - BURSARY_PERMISSIONS


@pytest.mark.django_db
def test_staff_reach_every_view_and_find_the_menu(client, staff, records):
    client.force_login(staff)
    for url in every_url(records):
        response = client.get(url, follow=url == SETTINGS)
        assert response.status_code == 200, url

    menu = client.get("/admin/").content.decode()
    for url in (ELIGIBILITIES, QUOTAS, REVIEW_REQUESTS, SETTINGS):
        assert f'"url": "{url}"' in menu, url
    assert '"label": "Bourses"' in menu
    assert '"label": "Admissibilit\\u00e9s"' in menu


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["author", "facilitator", "learner"])
def test_other_roles_are_refused_everywhere(client, role, records):
    client.force_login(UserFactory(roles=[role]))
    for url in every_url(records):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        if response.status_code == 302:
            target = urlsplit(response["Location"]).path
            if target.startswith("/admin/settings/"):
                # Wagtail sends the settings' address to the record's own, refused there.
                assert client.get(response["Location"]).status_code in (302, 403), url
            else:
                # Out of the admin, to log in: never to one of the views above.
                assert not target.startswith("/admin/pathway/"), url

    eligibility, request, settings = records
    posts = [
        (f"{ELIGIBILITIES}{eligibility.pk}/status/", {"status": "revoked", "reason": "x"}),
        (f"{REVIEW_REQUESTS}{request.pk}/close/", {"answer": "Vu."}),
        (f"{SETTINGS}{settings.pk}/", {"rules_version": "X", "quota_level_1": 1,
                                        "quota_level_2": 1, "quota_level_3": 1}),
    ]  # fmt: skip
    for url, data in posts:
        assert client.post(url, data).status_code in (302, 403), url
    eligibility.refresh_from_db()
    request.refresh_from_db()
    assert eligibility.status == "eligible"
    assert request.status == "open"
    assert PathwaySettings.load().rules_version == "2026.1"


@pytest.mark.django_db
def test_authors_see_no_bursaries_menu(client, author):
    client.force_login(author)
    menu = client.get("/admin/").content.decode()
    for url in (ELIGIBILITIES, QUOTAS, REVIEW_REQUESTS, SETTINGS):
        assert url not in menu


@pytest.mark.django_db
def test_admin_access_alone_is_not_enough(client, records):
    group = Group.objects.create(name="Admin seulement")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    person = UserFactory()
    person.groups.add(group)
    client.force_login(person)
    for url in every_url(records):
        assert client.get(url).status_code != 200, url


@pytest.mark.django_db
def test_staff_edit_the_planned_numbers_and_the_rules_version(client, staff):
    settings = PathwaySettings.load()
    client.force_login(staff)

    response = client.post(
        f"{SETTINGS}{settings.pk}/",
        {"rules_version": "2026.2", "quota_level_1": 420, "quota_level_2": 93, "quota_level_3": 7},
    )

    assert response.status_code == 302
    settings.refresh_from_db()
    assert (settings.rules_version, settings.quota_level_1) == ("2026.2", 420)


@pytest.mark.django_db
def test_no_add_edit_or_delete_exists(client, records):
    """Eligibility is granted by the engine only, and never deleted: not even a superuser
    finds a form for that."""
    eligibility, request, _ = records
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for base, pk in ((ELIGIBILITIES, eligibility.pk), (REVIEW_REQUESTS, request.pk)):
        for url in (f"{base}new/", f"{base}edit/{pk}/", f"{base}delete/{pk}/",
                    f"{base}copy/{pk}/", f"{base}history/{pk}/"):  # fmt: skip
            assert client.get(url).status_code == 404, url
        assert client.get(f"{base}{pk}/").status_code == 200
