"""The project's own admin parts pass axe-core like the site does, and the facilitators'
pages fit a 390-pixel phone: only the grid's own region scrolls sideways.

The admin pages are built on Wagtail's; what axe finds inside Wagtail's own chrome, not
ours, is listed in ``WAGTAIL_OWN`` and in the README, never silently ignored."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from tests.browser.test_accessibility import WCAG_21_AA, log_in, report
from tests.factories import OrganisationFactory, UserFactory, course_page, module_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

#: What fails inside Wagtail 8's own widgets, not the project's code: (rule, a class of
#: the element axe reports). Left out of the check here and listed in the README.
WAGTAIL_OWN = {
    # Draftail, Wagtail's rich text editor: its Draft.js editable area has no accessible
    # name, in every rich text field and block.
    ("aria-input-field-name", "public-DraftEditor-content"),
}


def admin_violations(page, url, include: str) -> list[dict]:
    """axe-core's WCAG 2.1 AA violations in ``include`` (the project's part of the page),
    leaving out Wagtail's own widgets listed in ``WAGTAIL_OWN``."""
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    found = Axe().run(page, context={"include": [[include]]}, options=WCAG_21_AA)
    violations = []
    for violation in found.response["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if not any(
                rule == violation["id"] and css in node["html"].split(">")[0]
                for rule, css in WAGTAIL_OWN
            )
        ]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    return violations


def test_the_projects_admin_parts_pass_axe(in_browser, author, staff):
    course = course_page(duration_weeks=4)
    module = module_page(course, week=1)
    staff.is_superuser = True  # to reach every report and viewset in one session
    staff.save()
    urls = [
        "/admin/reports/module-feedback/",
        "/admin/reports/translations/",
        "/admin/pathway/eligibilities/",
        "/admin/pathway/quotas/",
        "/admin/pathway/review-requests/",
    ]

    def visit(page):
        log_in(page, staff.email)
        found = {url: admin_violations(page, url, include="main") for url in urls}
        # The module editor: our blocks (checklist steps, quiz answers) and our panel.
        editor = f"/admin/pages/{module.pk}/edit/"
        found[editor] = admin_violations(page, editor, include="[data-contentpath='body']")
        return found

    results = in_browser(visit)

    assert all(v == [] for v in results.values()), "\n".join(
        report(url, v) for url, v in results.items() if v
    )


def test_the_facilitators_pages_fit_a_phone(in_browser, facilitator, staff):
    from tests.cohorts.builders import admit, make_cohort

    course = course_page(duration_weeks=12)
    for week in range(1, 13):
        module_page(course, week=week, title=f"Module de la semaine {week} au titre assez long")
    cohort = make_cohort(
        course,
        name="Cohorte de Montréal–Laval, automne 2026",
        facilitators=[facilitator],
        starts_on=timezone.localdate() - timedelta(weeks=3),
    )
    for name in ("Centre d'action bénévole de la Haute-Côte-Nord", "Bibliothèque de rue"):
        organisation = OrganisationFactory(name=name)
        admit(cohort, organisation=organisation, by=staff)
        UserFactory(organisation=organisation, roles=["learner"], first_name="Marie-Ève")
    urls = ["/cohortes/", f"/cohortes/{cohort.pk}/", f"/cohortes/{cohort.pk}/messages/",
            f"/cohortes/{cohort.pk}/message/", "/webinaires/seances/"]  # fmt: skip

    def visit(page):
        page.set_viewport_size({"width": 390, "height": 844})
        log_in(page, facilitator.email)
        widths = {}
        for url in urls:
            assert page.goto(url).status == 200, url
            widths[url] = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
        return widths

    widths = in_browser(visit)

    too_wide = {url: w for url, w in widths.items() if w[0] > w[1]}
    assert too_wide == {}, f"pages wider than the phone (scroll width, view width): {too_wide}"
