"""What the admin lets anyone do with seats and the access log, superusers included.

* A **seat** is admitted and removed, never edited nor deleted, so the history of
  admissions stays: "change" and "delete" are refused to everyone; "remove" is what the
  ``cohorts.change_cohortseat`` permission grants.
* The **access log** is read, never written by hand: only "view" is granted
  (``lms.accounts.permissions.ReadOnlyPermissionPolicy``).

Registered in ``cohorts/wagtail_hooks.py`` before the viewsets.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy


class CohortSeatPermissionPolicy(ModelPermissionPolicy):
    #: Actions nobody may take on a seat in the admin.
    REFUSED = frozenset({"change", "delete"})

    def _actions(self, actions):
        wanted = set(actions) - self.REFUSED
        if "remove" in wanted:
            wanted = (wanted - {"remove"}) | {"change"}
        return wanted

    def user_has_permission(self, user, action):
        if action in self.REFUSED:
            return False
        if action == "remove":
            return super().user_has_permission(user, "change")
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        wanted = self._actions(actions)
        if not wanted:
            return get_user_model().objects.none()
        return super().users_with_any_permission(sorted(wanted))
