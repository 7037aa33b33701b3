"""Wagtail admin of bursaries, for programme staff (menu "Bourses").

``wagtail_hooks.py`` only registers what is defined here: one module per area
(``eligibilities``, ``quotas``, ``review_requests``), grouped in one menu below.

* **Eligibilities** (``/admin/pathway/eligibilities/``): the organisations eligible for
  a bursary, filterable by level, status, region and quota, searchable by name, exported
  as CSV or XLSX (the filtered list). Each one has a page with its evidence and the
  history of its status (``<id>/``) and a form to change its status (``<id>/status/``),
  which goes through ``services.eligibility_set_status``. Eligibility is granted by the
  pathway engine only: there is no "add", no "edit" of the record, and no "delete".
* **Quotas** (``/admin/pathway/quotas/``): per level, the bursaries planned, used and
  left; per region, the eligibilities that use the quota.
* **Review requests** (``/admin/pathway/review-requests/``): people asking staff to
  look at an automatic decision again; open ones first, each closed with an answer
  (``<id>/close/``).

Access is the model permissions, which only the "Équipe DATAide" role holds
(``lms/accounts/roles.py``): ``pathway.view_bursaryeligibility`` to read eligibilities
and quotas, ``pathway.change_bursaryeligibility`` to change a status,
``pathway.view_reviewrequest`` and ``pathway.change_reviewrequest`` for review requests.
The planned numbers and the rules' version are the "Pathway settings" in the Settings
menu (``pathway.change_pathwaysettings``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from lms.pathway.staff.services import ELIGIBILITY_STATUS_ACTION, REVIEW_CLOSED_ACTION
from lms.pathway.viewsets.eligibilities import EligibilityStatusLogFormatter, EligibilityViewSet
from lms.pathway.viewsets.quotas import QuotaReportViewSet
from lms.pathway.viewsets.review_requests import ReviewRequestViewSet


class BursariesGroup(ViewSetGroup):
    """The "Bourses" menu: eligibilities, quotas, review requests."""

    items = (EligibilityViewSet, QuotaReportViewSet, ReviewRequestViewSet)
    menu_label = _("Bursaries")
    menu_icon = "tasks"
    menu_name = "bursaries"
    add_to_admin_menu = True


def register_log_actions(actions):
    """``register_log_actions``: the audit log's words for what staff do here."""
    actions.register_action(ELIGIBILITY_STATUS_ACTION)(EligibilityStatusLogFormatter)
    actions.register_action(
        REVIEW_CLOSED_ACTION, _("Close a review request"), _("Review request closed")
    )
