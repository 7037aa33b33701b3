"""Every page passes axe-core's WCAG 2.1 AA rules, and the login works from the keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLIC_PAGES = [
    "/",
    "/en/",
    "/comptes/login/",
    "/comptes/signup/",
    "/comptes/password/reset/",
    "/confidentialite/",
    "/en/confidentialite/",
]
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page, url) -> list[dict]:
    """Open `url` and return axe-core's WCAG 2.1 AA violations there."""
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    assert page.url.endswith(url), f"{url} led to {page.url}"
    return Axe().run(page, options=WCAG_21_AA).response["violations"]


def report(url: str, violations: list[dict]) -> str:
    """One line per violation: rule, impact, what it asks, the elements at fault."""
    return f"{url}:\n" + "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}; "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"])
        for v in violations
    )


def focused(page) -> str:
    """The focused element as `tag#id.class[href="..."]`, for assertions and messages."""
    return page.evaluate(
        """() => {
            const e = document.activeElement, href = e.getAttribute("href");
            return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                + [...e.classList].map(c => "." + c).join("")
                + (href ? `[href="${href}"]` : "");
        }"""
    )


def tab(page) -> str:
    """Press Tab and describe the element that has the focus then."""
    page.keyboard.press("Tab")
    return focused(page)


def log_in(page, email):
    page.goto("/comptes/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("/")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_has_no_wcag_21_aa_violation(in_browser, url):
    violations = in_browser(lambda page: axe_violations(page, url))

    assert violations == [], report(url, violations)


def test_my_account_page_has_no_wcag_21_aa_violation(in_browser, learner):
    url = "/comptes/mon-compte/"

    def logged_in_visit(page):
        log_in(page, learner.email)
        return axe_violations(page, url)

    violations = in_browser(logged_in_visit)

    assert violations == [], report(url, violations)


def test_login_with_the_keyboard_only(in_browser):
    user = UserFactory()

    def keyboard_only(page):
        page.goto("/comptes/login/")

        assert tab(page) == 'a.skip-link[href="#contenu"]'
        box = page.locator(".skip-link").bounding_box()
        viewport = page.viewport_size
        assert box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= viewport["width"]
        assert box["y"] + box["height"] <= viewport["height"]

        page.keyboard.press("Enter")
        assert focused(page) == "main#contenu"

        # In main, the introduction's "sign up" link comes first, then the e-mail field.
        assert [tab(page), tab(page)] == ['a[href="/comptes/signup/"]', "input#id_login"]
        page.keyboard.type(user.email)
        # The password's help (the "forgotten password" link) comes before its field.
        assert [tab(page), tab(page)] == [
            'a[href="/comptes/password/reset/"]',
            "input#id_password",
        ]
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")

        page.wait_for_url("/")
        expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()

    in_browser(keyboard_only)


def test_pathway_pages_have_no_wcag_21_aa_violation(in_browser, learner):
    """The level, course and module pages, with every interactive block, logged in."""
    from courses.models import ModuleCompletion
    from tests.factories import course_page, module_page

    course = course_page()
    first = module_page(course, week=1)
    second = module_page(
        course,
        week=2,
        kind="experimentation",
        body=[
            ("callout", {"kind": "privacy", "title": "", "body": "<p>Le minimum.</p>"}),
            ("embed", {"url": "https://www.youtube.com/watch?v=abc123", "title": "Vidéo"}),
            ("checklist", {"title": "À essayer", "items": ["Un", "Deux"]}),
        ],
    )
    ModuleCompletion.objects.create(learner=learner, module=first, module_title=first.title)
    urls = [course.get_parent().url, course.url, first.url, second.url]

    def visit_all(page):
        log_in(page, learner.email)
        return {url: axe_violations(page, url) for url in urls}

    results = in_browser(visit_all)

    assert all(v == [] for v in results.values()), "\n".join(
        report(url, v) for url, v in results.items() if v
    )


def test_webinar_page_has_no_wcag_21_aa_violation(in_browser, learner):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import video_document, webinar_page
    from webinars.services import session_register

    webinar = webinar_page(
        sessions=[
            {"starts_at": timezone.now() + timedelta(days=2), "capacity": 1},
            {"starts_at": timezone.now() + timedelta(days=9)},
        ],
        replay_video=video_document(),
        replay_duration_seconds=600,
        replay_transcript="<p>Transcription.</p>",
        replay_chapters=[("chapter", {"start": "0:00", "title": "Début"})],
    )
    session_register(learner=learner, session=webinar.sessions.order_by("starts_at").first())

    def visit(page):
        log_in(page, learner.email)
        return axe_violations(page, webinar.url)

    violations = in_browser(visit)

    assert violations == [], report(webinar.url, violations)


def test_cohort_grid_page_has_no_wcag_21_aa_violation(in_browser, facilitator, staff):
    """The facilitators' progress grid: row groups, sticky headers, the chart, the form."""
    from datetime import timedelta

    from django.utils import timezone

    from cohorts.models import Cohort, CohortPause
    from cohorts.services import seat_admit
    from courses.models import ActivityResponse, ModuleCompletion
    from tests.factories import OrganisationFactory, block_id, course_page, module_page

    course = course_page(duration_weeks=4)
    modules = [module_page(course, week=week) for week in (1, 1, 2, 3, 4)]
    cohort = Cohort.objects.create(
        name="Cohorte Montréal", course=course, starts_on=timezone.localdate() - timedelta(days=8)
    )
    CohortPause.objects.create(cohort=cohort, after_week=3)
    cohort.facilitators.add(facilitator)
    cohort.save()
    for name in ("Cuisine collective, Saint-Jérôme", "Bibliothèque de rue"):
        organisation = OrganisationFactory(name=name)
        seat_admit(cohort=cohort, actor=staff, organisation=organisation)
        done, started = (
            UserFactory(organisation=organisation, roles=["learner"], first_name=first)
            for first in ("Alice", "Béatrice")
        )
        ModuleCompletion.objects.create(learner=done, module=modules[0], module_title="M")
        ActivityResponse.objects.create(
            learner=started,
            module=modules[0],
            block_id=block_id(modules[0], "reflection"),
            kind="reflection",
        )
    url = f"/cohortes/{cohort.pk}/"

    def visit(page):
        log_in(page, facilitator.email)
        return axe_violations(page, url)

    violations = in_browser(visit)

    assert violations == [], report(url, violations)


def test_attendance_pages_have_no_wcag_21_aa_violation(in_browser, facilitator, staff):
    """The attendance sheet (both figures, the hand-mark form) and an import's report
    (lines not matched, shown to the facilitator who imported it)."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from tests.factories import OrganisationFactory, webinar_page
    from tests.webinars import reports
    from tests.webinars.test_attendance_import import facilitate
    from webinars.services import attendance_import_start, attendance_mark

    start = timezone.localtime(timezone.now() - timedelta(days=1)).replace(
        minute=0, second=0, microsecond=0
    )
    session = webinar_page(sessions=[{"starts_at": start, "duration_minutes": 90}]).sessions.get()
    organisation = OrganisationFactory(name="Maison des jeunes")
    learners = [
        UserFactory(organisation=organisation, roles=["learner"], first_name=first)
        for first in ("Alice", "Béatrice")
    ]
    facilitate(session, facilitator, organisations=[organisation])
    attendance_mark(
        session=session, learner=learners[0], minutes_present=80, recorded_by=staff, reason="Tél."
    )
    local = datetime(start.year, start.month, start.day, start.hour)
    result = attendance_import_start(
        session=session,
        uploaded_by=facilitator,
        filename="zoom.csv",
        content=reports.zoom_en(
            [
                ("Béatrice", learners[1].email, local, local + timedelta(minutes=70)),
                ("+1 514 555 0199", "", local, local + timedelta(minutes=60)),
            ],
            meeting=(local, local + timedelta(minutes=90)),
        ),
    ).attendance_import
    urls = [
        f"/webinaires/seances/{session.pk}/presences/",
        f"/webinaires/importations/{result.pk}/",
    ]

    def visit(page):
        log_in(page, facilitator.email)
        return {url: axe_violations(page, url) for url in urls}

    results = in_browser(visit)

    assert all(v == [] for v in results.values()), "\n".join(
        report(url, v) for url, v in results.items() if v
    )
