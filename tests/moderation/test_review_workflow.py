"""The review workflow: an author's submission is approved by another author, never by
herself; the e-mails go to the authors who can act, in their language."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from lms.accounts.roles import ROLES, role_group, sync_role_groups
from lms.moderation.models import PeerApprovalTask
from lms.moderation.sync import sync_review_workflow
from tests.courses.admin_helpers import add_module, course_tree
from tests.factories import UserFactory


def root_workflow() -> Workflow:
    return WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow


def workflow_tasks() -> list[Task]:
    return [t.specific for t in Task.objects.filter(workflow_tasks__workflow=root_workflow())]


def sync():
    sync_role_groups()
    sync_review_workflow()


def submit(client):
    """Author Sophie writes a module and submits it from the editor, as in the admin."""
    course, _modules = course_tree(modules=0)
    writer = UserFactory(roles=["author"], first_name="Sophie", email="sophie@exemple.test")
    module = add_module(course, title="Gouvernance des données", week=3, live=False)
    module.owner = writer
    module.save()
    client.force_login(writer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[module.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))  # rendered by the admin's JS
    data["action-submit"] = "1"
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    module.refresh_from_db()
    return writer, module


@pytest.fixture
def submitted(client):
    return submit(client)


def approve(client, module):
    task_state = module.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[module.pk, "approve", task_state.pk])
    )


@pytest.mark.django_db
def test_the_root_workflow_is_one_peer_review_by_the_authors_with_french_names():
    (task,) = workflow_tasks()

    assert isinstance(task, PeerApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [ROLES["author"].group_name]
    assert root_workflow().name == "Relecture Nord Ouvert"
    assert task.name == "Relecture par une autre autrice ou un autre auteur"
    assert str(task) == task.name
    with translation.override("en"):
        assert str(task) == "Review by another author"
    # Wagtail's default task, which let an author approve her own page, is retired.
    assert not GroupApprovalTask.objects.filter(active=True).exists()


@pytest.mark.django_db
def test_the_sync_is_idempotent_and_puts_the_authors_back():
    (task,) = workflow_tasks()
    task.groups.remove(role_group("author"))
    task.groups.add(role_group("staff"))

    sync()
    sync()

    assert workflow_tasks() == [task]
    assert list(task.groups.values_list("name", flat=True)) == [ROLES["author"].group_name]
    assert Workflow.objects.filter(active=True).count() == 1


@pytest.mark.django_db
def test_without_a_workflow_on_the_root_the_sync_creates_it():
    WorkflowPage.objects.all().delete()

    sync()
    sync()

    assert root_workflow().name == "Relecture Nord Ouvert"
    assert [type(t) for t in workflow_tasks()] == [PeerApprovalTask]


@pytest.mark.django_db
def test_an_author_cannot_approve_her_own_submission(client, submitted):
    writer, module = submitted
    state = module.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == writer
    task = module.current_workflow_task_state.task.specific

    assert task.get_actions(module, writer) == []
    assert task.locked_for_user(module, writer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert "action-workflow-action" not in html and "data-workflow-action-url" not in html
    assert "action-cancel-workflow" in html  # she can still withdraw it
    assert not task.get_task_states_user_can_moderate(writer).exists()

    approve(client, module)

    module.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not module.live


@pytest.mark.django_db
def test_another_author_approves_and_the_page_is_published(client, submitted):
    _writer, module = submitted
    reviewer = UserFactory(roles=["author"], first_name="Louis")
    client.force_login(reviewer)
    task = module.current_workflow_task_state.task.specific
    assert "approve" in [name for name, _label, _modal in task.get_actions(module, reviewer)]
    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert 'data-workflow-action-name="approve"' in html

    assert approve(client, module).status_code == 302

    module.refresh_from_db()
    assert module.current_workflow_state is None and module.live


@pytest.mark.django_db
def test_a_superuser_keeps_the_override_on_her_own_submission(client):
    course, _modules = course_tree(modules=0)
    admin = UserFactory(is_superuser=True)
    module = add_module(course, title="Sécurité", week=4, live=False)
    module.save_revision(user=admin)
    root_workflow().start(module, admin)
    module.refresh_from_db()
    client.force_login(admin)

    approve(client, module)

    module.refresh_from_db()
    assert module.live


@pytest.mark.django_db
def test_staff_cannot_approve(client):
    course, _modules = course_tree(modules=0)
    writer = UserFactory(roles=["author"])
    module = add_module(course, title="Sécurité", week=4, live=False)
    module.save_revision(user=writer)
    root_workflow().start(module, writer)
    module.refresh_from_db()
    client.force_login(UserFactory(roles=["staff"]))

    approve(client, module)

    module.refresh_from_db()
    assert not module.live


@pytest.mark.django_db
def test_the_submission_e_mail_goes_to_the_other_authors_in_their_language(client, mailoutbox):
    UserFactory(roles=["author"], email="louis@exemple.test", preferred_language="fr")
    UserFactory(roles=["author"], email="lea@exemple.test", preferred_language="en")
    UserFactory(is_superuser=True, email="admin@exemple.test")
    mailoutbox.clear()

    submit(client)

    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"louis@exemple.test", "lea@exemple.test"}
    french, english = by_address["louis@exemple.test"], by_address["lea@exemple.test"]
    assert "DATAide" in french.subject and "DATAide" in french.body
    assert "Gouvernance des données" in french.subject
    assert "relecture" in french.body.lower() and "Sophie" in french.body
    assert "review" in english.body.lower()
