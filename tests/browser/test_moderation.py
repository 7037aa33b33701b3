"""In the real admin, in Chromium: an author cannot approve her own submission; another
author can."""

import pytest
from wagtail.models import Page, WorkflowPage

from tests.browser.test_accessibility import log_in
from tests.courses.admin_helpers import add_module, course_tree
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

APPROVE = '[data-workflow-action-name="approve"]'


def editor_actions(page, email, module_pk) -> tuple[int, str]:
    """Log in as ``email``, open the module's editor; return how many approve actions it offers
    and the text of its action menu."""
    log_in(page, email)
    page.goto(f"/admin/pages/{module_pk}/edit/")
    page.wait_for_selector("footer")
    return page.locator(APPROVE).count(), page.locator("footer").inner_text()


def test_an_author_cannot_approve_her_own_submission(in_browser):
    course, _modules = course_tree(modules=0)
    writer = UserFactory(roles=["author"], email="sophie@exemple.test")
    UserFactory(roles=["author"], email="louis@exemple.test")
    module = add_module(course, title="Gouvernance des données", week=3, live=False)
    module.save_revision(user=writer)
    workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    workflow.start(module, writer)

    own_count, own_menu = in_browser(lambda page: editor_actions(page, writer.email, module.pk))
    other_count, _menu = in_browser(
        lambda page: editor_actions(page, "louis@exemple.test", module.pk)
    )

    assert own_count == 0, own_menu
    assert "Approuver" not in own_menu
    assert other_count > 0
