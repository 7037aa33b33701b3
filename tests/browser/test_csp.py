"""The Content-Security-Policy in a real browser: a script injected into a page does not
run (and the browser reports the violation), and Wagtail's page editor works under the
policy, without one violation in its console."""

import pytest

from tests.browser.test_accessibility import log_in
from tests.factories import UserFactory, course_page, module_page, webinar_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INJECT = """() => new Promise(resolve => {
    const violations = [];
    document.addEventListener("securitypolicyviolation", e => violations.push(
        e.violatedDirective + " " + e.blockedURI));
    const script = document.createElement("script");
    script.textContent = "window.pwned = 1";
    document.body.appendChild(script);
    const div = document.createElement("div");
    div.innerHTML = '<img src="/static/nothing.png" onerror="window.pwned = 2">';
    document.body.appendChild(div);
    setTimeout(() => resolve({pwned: window.pwned ?? null, violations}), 500);
})"""


def test_an_injected_inline_script_does_not_run(in_browser, learner):
    def scenario(page):
        log_in(page, learner.email)
        page.goto("/comptes/mon-compte/")
        return page.evaluate(INJECT)

    result = in_browser(scenario)

    assert result["pwned"] is None
    assert any(v.startswith("script-src") for v in result["violations"]), result


def test_the_page_editor_works_under_the_policy(in_browser):
    author = UserFactory(roles=["author"], first_name="Noémie", last_name="Tremblay")
    webinar = webinar_page(sessions=[{"starts_at": "2026-03-03T14:00:00-05:00"}])
    module = module_page(course_page())

    def scenario(page):
        messages = []
        page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
        log_in(page, author.email)
        page.goto(f"/admin/pages/{webinar.pk}/edit/")
        page.wait_for_selector("footer")
        sessions = page.locator("#id_sessions-FORMS > *").count()
        page.get_by_role("button", name="Ajouter Séance").or_(
            page.locator("#id_sessions-ADD")
        ).first.click()
        added = page.locator("#id_sessions-FORMS > *").count()
        # A StreamField's editor (its blocks are built by scripts), the image uploads.
        page.goto(f"/admin/pages/{module.pk}/edit/")
        page.wait_for_selector("[data-streamfield-stream-container]", state="attached")
        page.goto("/admin/images/multiple/add/")
        page.goto("/admin/documents/")
        page.goto("/admin/")
        return sessions, added, messages

    sessions, added, messages = in_browser(scenario)

    policy_errors = [m for m in messages if "Content Security Policy" in m]
    assert policy_errors == []
    assert added == sessions + 1, messages
