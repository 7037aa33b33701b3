"""Moderation: pages an author submits are approved by another author.

* A **PeerApprovalTask** is Wagtail's group approval task (the members of its groups
  approve or request changes) with one more rule: the person who submitted the revision
  (``WorkflowState.requested_by``) cannot approve it. She can still see it, and cancel
  the workflow to withdraw it, but her editor is locked while it waits: she can neither
  approve it nor publish it past the review. Superusers keep their override.
* The workflow on the root page (every page) has one such task, whose group is the
  authors' (``lms.moderation.sync``). Workflow and task names are data in Wagtail:
  they are stored in French, the platform's language, and the task shows its name in the
  reader's language (``__str__``).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

#: The names of the review workflow and its task (English msgids, stored in French).
WORKFLOW_NAME = _("Nord Ouvert review")
TASK_NAME = _("Review by another author")


def stored_name(name) -> str:
    """Return ``name`` as stored: in the platform's language (French)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(name)


class PeerApprovalTask(AbstractGroupApprovalTask):
    def _is_requester(self, obj, user) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        return (
            not user.is_superuser
            and state is not None
            and state.requested_by_id is not None
            and state.requested_by_id == user.pk
        )

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or self._is_requester(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and not self._is_requester(obj, user)

    def get_actions(self, obj, user):
        if self._is_requester(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        return states.exclude(workflow_state__requested_by=user)

    def __str__(self):
        # The default name in the reader's language; a name an admin typed, as typed.
        return str(TASK_NAME) if self.name == stored_name(TASK_NAME) else self.name

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, except the person who submitted")

    class Meta:
        verbose_name = _("peer approval task")
        verbose_name_plural = _("peer approval tasks")
