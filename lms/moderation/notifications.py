"""Wagtail's workflow e-mails, sent to the people who can act, in their language.

Wagtail's own notifiers (``wagtail.admin.mail``), connected to its workflow signals, stay
the mechanism; two things change. Recipients: a submission goes to the members of the
task's groups (the authors) except the person who submitted it, who cannot approve it;
superusers are not added (``WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS`` off), so
Wagtail's workflow-level "submitted" notice, which goes to superusers only, has nobody
to go to.
Language: each e-mail is rendered in the recipient's ``preferred_language`` (French by
default) unless they chose another admin language in their Wagtail profile, not in
the language of whoever clicked. The text is ours (``templates/wagtailadmin/
notifications/``) and names the platform.
"""

from django.conf import settings
from django.utils import translation
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected


class InRecipientLanguage:
    """Render each recipient's e-mail in their own language."""

    def send_emails(self, template_set, context, recipients, **kwargs):
        sent = True
        for recipient in recipients:
            with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
                sent = super().send_emails(template_set, context, [recipient], **kwargs) and sent
        return sent


class TaskSubmittedNotifier(InRecipientLanguage, GroupApprovalTaskStateSubmissionEmailNotifier):
    """Tell the task's groups a page waits for them, except the person who submitted it."""

    def get_recipient_users(self, task_state, **kwargs):
        recipients = super().get_recipient_users(task_state, **kwargs)
        requested_by = task_state.workflow_state.requested_by_id
        return recipients.exclude(pk=requested_by).distinct() if requested_by else recipients

    def get_context(self, task_state, **kwargs):
        return {
            **super().get_context(task_state, **kwargs),
            "requested_by": task_state.workflow_state.requested_by,
        }


class WorkflowApprovedNotifier(InRecipientLanguage, WorkflowStateApprovalEmailNotifier):
    """Tell the person who submitted a page it was approved."""


class WorkflowRejectedNotifier(InRecipientLanguage, WorkflowStateRejectionEmailNotifier):
    """Tell the person who submitted a page changes were requested."""


#: Kept here: signals hold their receivers by weak reference.
task_submitted_notifier = TaskSubmittedNotifier()
workflow_approved_notifier = WorkflowApprovedNotifier()
workflow_rejected_notifier = WorkflowRejectedNotifier()


def connect() -> None:
    """Connect our notifiers in the place of Wagtail's, on the same signals.

    Our app is ready before ``wagtail.admin``: connected under Wagtail's own dispatch ids,
    they make Wagtail's later connections of its notifiers no-ops.
    """
    task_submitted.connect(
        task_submitted_notifier,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    workflow_approved.connect(
        workflow_approved_notifier,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        workflow_rejected_notifier,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
