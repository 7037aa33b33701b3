"""The review workflow, brought back to what the code says after every ``migrate``.

The workflow on the root page (so on every page) is "Relecture Nord Ouvert" with one
task, a ``PeerApprovalTask`` whose group is the authors': an author's submission is
approved by another author. Wagtail's default ("Moderators approval", a plain group
approval task that would let an author approve her own page) is taken out of it and
deactivated.
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.utils import OperationalError, ProgrammingError
from wagtail.models import Page, Task, Workflow, WorkflowPage, WorkflowTask

from lms.accounts.roles import REVIEWER_ROLES, ROLES
from lms.moderation.models import TASK_NAME, WORKFLOW_NAME, PeerApprovalTask, stored_name


def sync_review_workflow(sender=None, **kwargs) -> None:
    """Make the root page's workflow one peer approval task by the reviewer groups."""
    # post_migrate fires once per app; permissions and groups exist after the last one.
    with_models = [a for a in apps.get_app_configs() if a.models_module is not None]
    if sender is not None and sender.label != with_models[-1].label:
        return
    try:
        root_page = Page.get_first_root_node()
    except (OperationalError, ProgrammingError):  # tables not there yet
        return
    if root_page is None:
        return
    reviewers = Group.objects.filter(name__in=[ROLES[key].group_name for key in REVIEWER_ROLES])
    with transaction.atomic():
        review_workflow_set(root_page=root_page, reviewer_groups=list(reviewers))


def review_workflow_set(*, root_page: Page, reviewer_groups: list[Group]) -> PeerApprovalTask:
    """Put one peer approval task, by ``reviewer_groups``, in the root page's workflow."""
    assignment = WorkflowPage.objects.filter(page=root_page).select_related("workflow").first()
    if assignment is None:
        workflow, _ = Workflow.objects.get_or_create(name=stored_name(WORKFLOW_NAME))
        WorkflowPage.objects.create(page=root_page, workflow=workflow)
    else:
        workflow = assignment.workflow
    if workflow.name != stored_name(WORKFLOW_NAME) or not workflow.active:
        workflow.name, workflow.active = stored_name(WORKFLOW_NAME), True
        workflow.save(update_fields=["name", "active"])

    task, _ = PeerApprovalTask.objects.get_or_create(name=stored_name(TASK_NAME))
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set(reviewer_groups)

    replaced = list(Task.objects.filter(workflow_tasks__workflow=workflow).exclude(pk=task.pk))
    WorkflowTask.objects.filter(workflow=workflow, task__in=replaced).delete()
    for old in replaced:
        if not old.workflow_tasks.exists():
            old.specific.deactivate()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return task
