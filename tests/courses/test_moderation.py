import pytest
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from lms.accounts.roles import REVIEW_WORKFLOW_NAME, ROLES, role_group, sync_role_groups
from tests.courses.admin_helpers import add_module, course_tree
from tests.factories import UserFactory


def root_workflow() -> Workflow:
    return WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow


def approval_tasks() -> list[GroupApprovalTask]:
    return list(GroupApprovalTask.objects.filter(workflow_tasks__workflow=root_workflow()))


@pytest.mark.django_db
def test_wagtail_default_moderation_task_includes_the_authors():
    (task,) = approval_tasks()

    assert task.name == "Moderators approval"
    assert set(task.groups.values_list("name", flat=True)) == {
        "Moderators",
        ROLES["author"].group_name,
    }


@pytest.mark.django_db
def test_the_sync_is_idempotent():
    sync_role_groups()
    sync_role_groups()

    (task,) = approval_tasks()
    assert task.groups.filter(name=ROLES["author"].group_name).count() == 1
    assert task.groups.count() == 2
    assert Workflow.objects.count() == 1


@pytest.mark.django_db
def test_the_sync_puts_the_authors_back_if_removed():
    (task,) = approval_tasks()
    task.groups.remove(role_group("author"))

    sync_role_groups()

    assert task.groups.filter(name=ROLES["author"].group_name).exists()


@pytest.mark.django_db
def test_without_a_workflow_on_the_root_the_sync_creates_one_for_the_authors():
    WorkflowPage.objects.all().delete()

    sync_role_groups()
    sync_role_groups()

    workflow = root_workflow()
    (task,) = approval_tasks()
    assert workflow.name == task.name == REVIEW_WORKFLOW_NAME
    assert list(task.groups.values_list("name", flat=True)) == [ROLES["author"].group_name]
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).count() == 1


@pytest.mark.django_db
def test_an_author_submits_a_module_and_another_author_approves_it(client):
    course, _modules = course_tree(modules=0)
    writer = UserFactory(roles=["author"], first_name="Sophie")
    reviewer = UserFactory(roles=["author"], first_name="Louis")
    module = add_module(course, title="Gouvernance des données", week=3, live=False)
    module.owner = writer
    module.save()

    # The writer submits the draft from the editor, as in the admin.
    client.force_login(writer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[module.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))  # rendered by the admin's JS
    data["action-submit"] = "1"
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    module.refresh_from_db()
    state = module.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == writer
    assert not module.live

    # Another author approves it from the workflow action the admin shows them.
    client.force_login(reviewer)
    task_state = module.current_workflow_task_state
    assert "approve" in [
        name for name, _label, _modal in task_state.task.specific.get_actions(module, reviewer)
    ]
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[module.pk, "approve", task_state.pk])
    )
    assert response.status_code == 302

    module.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert module.live


@pytest.mark.django_db
def test_staff_cannot_approve(client):
    course, _modules = course_tree(modules=0)
    writer = UserFactory(roles=["author"])
    module = add_module(course, title="Sécurité", week=4, live=False)
    module.save_revision(user=writer)
    module.get_workflow().start(module, writer)
    task_state = module.current_workflow_task_state
    staff = UserFactory(roles=["staff"])
    client.force_login(staff)

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[module.pk, "approve", task_state.pk])
    )

    module.refresh_from_db()
    assert not module.live
    assert not GroupApprovalTask.objects.filter(groups__name=ROLES["staff"].group_name).exists()
