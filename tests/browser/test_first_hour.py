"""A learner's and a facilitator's first hour, in a real browser (the system Chromium):
the webinar one click from the home page, week 12 locked for a learner in week 4, a
chapter link that moves the replay, the grid downloaded as XLSX."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import log_in
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    course_page,
    level_page,
    module_page,
    video_document,
    webinar_page,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEMO_VIDEO = (
    Path(__file__).resolve().parents[2] / "lms" / "demo" / "media" / "culture-des-donnees.mp4"
)


def test_the_webinar_is_one_click_from_the_home_page(in_browser):
    awareness = level_page(number=1, slug="sensibilisation", bursary_ceiling=5000)
    webinar = webinar_page(level=awareness, title="Webinaire de sensibilisation")

    def visit(page):
        page.goto("/")
        page.get_by_role("link", name="Commencer ici : Webinaire de sensibilisation").click()
        page.wait_for_url(webinar.url)
        return page.locator("h1").inner_text()

    assert in_browser(visit) == "Webinaire de sensibilisation"


def test_a_learner_in_week_4_finds_week_12_locked(in_browser, staff):
    from tests.cohorts.builders import admit, make_cohort

    course = course_page(duration_weeks=12, lock_by_week=True)
    week4 = module_page(course, week=4, title="Semaine quatre")
    week12 = module_page(course, week=12, title="Semaine douze")
    cohort = make_cohort(course, starts_on=timezone.localdate() - timedelta(weeks=3, days=1))
    organisation = OrganisationFactory()
    admit(cohort, organisation=organisation, by=staff)
    learner = UserFactory(organisation=organisation, roles=["learner"])

    def visit(page):
        log_in(page, learner.email)
        page.goto(week12.url)
        locked = page.locator("main").inner_text()
        page.goto(week4.url)
        return locked, page.locator("main").inner_text()

    locked, open_week = in_browser(visit)

    assert "Ce module ouvrira le" in locked
    assert "ouvrira" not in open_week


def test_a_chapter_link_moves_the_replay(in_browser, learner):
    video = video_document(name="rediffusion.mp4", content=DEMO_VIDEO.read_bytes())
    webinar = webinar_page(
        replay_video=video,
        replay_duration_seconds=12,
        replay_transcript="<p>Transcription.</p>",
        replay_chapters=[
            ("chapter", {"start": "0:00", "title": "Début"}),
            ("chapter", {"start": "0:07", "title": "Collecter le minimum"}),
        ],
    )

    def visit(page):
        log_in(page, learner.email)
        page.goto(webinar.url)
        page.wait_for_function(
            "document.getElementById('replay-video').readyState >= 1", timeout=10_000
        )
        page.get_by_role("link", name="0:07 · Collecter le minimum").click()
        page.wait_for_function(
            "document.getElementById('replay-video').currentTime >= 6.5", timeout=10_000
        )
        return page.evaluate("document.getElementById('replay-video').currentTime")

    assert in_browser(visit) >= 6.5


def test_a_facilitator_downloads_the_grid_as_xlsx(in_browser, facilitator, staff):
    from openpyxl import load_workbook

    from tests.cohorts.builders import admit, make_cohort

    course = course_page(duration_weeks=4)
    module_page(course, week=1, title="La culture des données")
    cohort = make_cohort(
        course, facilitators=[facilitator], starts_on=timezone.localdate() - timedelta(weeks=1)
    )
    organisation = OrganisationFactory(name="Maison des jeunes")
    admit(cohort, organisation=organisation, by=staff)
    UserFactory(organisation=organisation, roles=["learner"], first_name="Noémie")

    def visit(page):
        log_in(page, facilitator.email)
        page.goto(f"/cohortes/{cohort.pk}/")
        with page.expect_download() as download:
            page.get_by_role("link", name="Excel (XLSX)").first.click()
        return download.value.suggested_filename, Path(download.value.path()).read_bytes()

    name, content = in_browser(visit)
    sheet = load_workbook(io.BytesIO(content)).active

    assert name.endswith(".xlsx")
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["Organisme", "Personne", "Semaine 1 : La culture des données"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Noémie Tremblay"]
