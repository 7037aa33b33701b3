"""The quotas report: bursaries planned, used and left, and where they go by region."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.accounts.models import Region
from lms.pathway.models import BursaryEligibility, PathwaySettings
from lms.pathway.staff.selectors import quota_report
from tests.pathway.staff_helpers import QUOTAS, grant, set_status

#: The session, the person, their two permission sets and admin profile (5), the report's
#: three (settings, one aggregate, the regions), the admin menu's three.
REPORT_QUERIES = 11


def text(html: str, marker: str) -> str:
    part = html[html.index(marker) :]
    part = part[: part.index("</table>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", part)).split())


def row(html: str, attribute: str) -> str:
    match = re.search(rf"<tr {attribute}>(.*?)</tr>", html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


@pytest.fixture
def logged_in(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.django_db
def test_planned_used_and_remaining_by_level(logged_in):
    settings = PathwaySettings.load()
    settings.quota_level_2 = 2
    settings.save()
    grant(level=1)
    for _ in range(4):
        grant(level=2)
    declined = grant(level=1)
    set_status(declined, BursaryEligibility.Status.DECLINED)
    revoked = grant(level=1)
    set_status(revoked, BursaryEligibility.Status.REVOKED)
    awarded = grant(level=1)
    set_status(awarded, BursaryEligibility.Status.AWARDED)

    html = logged_in.get(QUOTAS).content.decode()

    assert row(html, 'data-level="1"') == "Niveau 1 : Sensibilisation 410 2 408"
    assert row(html, 'data-level="2"') == "Niveau 2 : Accélération 2 4 Dépassement du quota : 2"
    assert row(html, 'data-level="3"') == "Niveau 3 : Innovation 7 0 7"
    assert "Quotas de bourses" in html


@pytest.mark.django_db
def test_counted_eligibilities_by_region_with_totals(logged_in):
    grant(level=1, region_slug="estrie")
    grant(level=1, region_slug="estrie")
    grant(level=2, region_slug="estrie")
    grant(level=3, region_slug="cote-nord")
    grant(level=1, region_slug="outaouais")
    set_status(grant(level=2, region_slug="outaouais"), BursaryEligibility.Status.REVOKED)

    html = logged_in.get(QUOTAS).content.decode()

    regions = re.findall(r'<tr data-region="([\w-]+)">', html)
    assert len(regions) == Region.objects.count() + 1 == 12  # 11 regions and the totals
    assert row(html, 'data-region="estrie"') == "Estrie 2 1 0 3"
    assert row(html, 'data-region="cote-nord"') == "Côte-Nord 0 0 1 1"
    assert row(html, 'data-region="outaouais"') == "Outaouais 1 0 0 1"
    assert row(html, 'data-region="grand-montreal"') == "Grand Montréal 0 0 0 0"
    assert row(html, 'data-region="total"') == "Total 3 1 1 5"
    assert "Niveau 1 : Sensibilisation" in text(html, "data-regions")


@pytest.mark.django_db
def test_the_report_links_to_the_listing_and_to_the_settings(logged_in):
    html = logged_in.get(QUOTAS).content.decode()
    assert 'href="/admin/pathway/eligibilities/"' in html
    assert 'href="/admin/settings/pathway/pathwaysettings/"' in html
    assert "Version des règles : 2026.1" in html


@pytest.mark.django_db
def test_the_selector_counts_in_three_queries(django_assert_num_queries):
    grant(level=1, region_slug="estrie")
    PathwaySettings.load()
    with django_assert_num_queries(3):
        report = quota_report()
    assert report.total == 1
    assert [quota.remaining for quota in report.levels] == [409, 93, 7]


@pytest.mark.django_db
def test_the_report_makes_as_many_queries_for_30_as_for_3(logged_in, django_assert_max_num_queries):
    regions = ["estrie", "outaouais", "grand-montreal", "cote-nord"]
    for n in range(3):
        grant(level=1 + n % 3, region_slug=regions[n % 4])
    logged_in.get(QUOTAS)
    with CaptureQueriesContext(connection) as few:
        logged_in.get(QUOTAS)
    for n in range(27):
        grant(level=1 + n % 3, region_slug=regions[n % 4])

    with django_assert_max_num_queries(REPORT_QUERIES):
        html = logged_in.get(QUOTAS).content.decode()
    with CaptureQueriesContext(connection) as many:
        logged_in.get(QUOTAS)

    assert len(many.captured_queries) == len(few.captured_queries)
    assert row(html, 'data-region="total"') == "Total 10 10 10 30"
