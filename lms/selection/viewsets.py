"""Wagtail admin of calls and applications, for programme staff (menu "Candidatures").

* **Calls** (``/admin/selection/calls/``): staff open and edit calls (kind, cohort,
  dates, guide in French and English, criteria, ceiling, regions). Each call's report
  (``<id>/report/``, from the listing's "Report" item; ``reports.call_report``): its
  applications by state and its amounts against its budget and quotas, per region,
  aggregates only, downloadable as CSV and XLSX (``?export=csv``, ``?export=xlsx``).
* **Applications** (``/admin/selection/applications/``): a read-only listing, filterable
  by call and state; each one's page shows its content and its submitted versions, and a
  submitted one can be returned for changes (``<id>/return/``, through
  ``services.application_return``).
  Once its committee has scored it, staff record the committee's decision
  (``<id>/decision/``, through ``services.decision_record``): the consolidated scores are
  on the page, a quota gone beyond is warned of and confirmed before anything is written.
* **Regional quotas** (``/admin/selection/regional-quotas/``): how many of a level's
  bursaries are planned per region, for the decisions' warning.
* **Committees** (``/admin/selection/committees/``): staff form a call's committee (and
  its region's) from four members, one per seat (``forms.CommitteeAdminForm`` refuses
  a seat missing); each member gets the committee-member role. The consolidated scores
  are on the site (``/candidatures/comite/``).
* **Access log** (``/admin/selection/accesses/``): read-only, each view of an
  application by a committee member or staff.

Access is the model permissions, which only the "Équipe DATAide" role holds
(``SelectionConfig.role_permissions``).
"""

from decimal import Decimal

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from cohorts.exports import csv_response
from lms.admin_ui import LimitedModelViewSet, ObjectViewMixin, person_name
from lms.privacy.aggregate import HIDDEN, SMALL_GROUP
from lms.selection.forms import CommitteeAdminForm, DecisionForm, MemberInviteForm, ReturnForm
from lms.selection.models import (
    FINAL_OUTCOMES,
    Application,
    ApplicationAccess,
    Call,
    Committee,
    RegionalQuota,
)
from lms.selection.reports import (
    NOT_SHOWN,
    call_report,
    count_labels,
    report_rows,
)
from lms.selection.selectors import (
    application_for_staff,
    applications_for_staff,
    consolidated,
    decisions_of,
    members_who_decide,
    version_content,
)
from lms.selection.services import (
    MEMBER_INVITED_ACTION,
    ApplicationError,
    QuotaWarning,
    application_access_log,
    application_return,
    budget_total,
    committee_member_invite,
    decision_record,
)
from lms.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes

APPLICATIONS = _("Applications")
CALLS = _("Calls for applications")
#: Who reads a call's report: the staff who read its applications.
VIEW_APPLICATION = "selection.view_application"


class CallIndexView(IndexView):
    report_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.report_url_name and self.request.user.has_perm(VIEW_APPLICATION):
            url = reverse(self.report_url_name, args=(quote(instance.pk),))
            buttons.append(MenuItem(_("Report"), url=url, icon_name="table", priority=5))
        return buttons


def _csv_cell(value):
    """An amount as a French spreadsheet reads it ("1500,00"); anything else as it is."""
    if isinstance(value, Decimal):
        return formats.number_format(value, 2, use_l10n=True)
    return value


class CallReportView(ObjectViewMixin, TemplateView):
    """A call's applications by state and its amounts, per region, aggregates only; as a
    page, or as CSV or XLSX (``?export=``) with the same figures."""

    #: The report reads applications: their permission, not the call's, opens it.
    model = Application
    permission_required = "view"
    template_name = "selection/admin/call_report.html"
    page_title = _("Report")
    header_icon = "table"
    index_label = CALLS
    edit_url_name = None

    def load_object(self, pk):
        return Call.objects.filter(pk=pk).first()

    @cached_property
    def report(self):
        return call_report(self.object, request=self.request)

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export not in (None, "csv", "xlsx"):
            raise Http404
        if export is None:
            return super().get(request, *args, **kwargs)
        rows = report_rows(self.report)
        name = f"rapport-appel-{self.object.pk}"
        if export == "csv":
            rows = [[_csv_cell(cell) for cell in row] for row in rows]
            return csv_response(rows, filename=f"{name}.csv")
        response = HttpResponse(
            xlsx_bytes(rows, title=gettext("Call %(id)s") % {"id": self.object.pk}),
            content_type=XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton("CSV", url="?export=csv", icon_name="download"),
            HeaderButton("XLSX", url="?export=xlsx", icon_name="download"),
        ]

    def get_breadcrumbs_items(self):
        call_url = ""
        if self.request.user.has_perm("selection.change_call"):
            call_url = reverse(self.edit_url_name, args=(quote(self.object.pk),))
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": call_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        labels = count_labels()
        context.update(
            {
                "report": report,
                "groups": [
                    {
                        "figures": group,
                        "counts": [(label, getattr(group, name)) for name, label in labels],
                    }
                    for group in [report.total, *report.regions]
                ],
                "hidden": HIDDEN,
                "not_shown": NOT_SHOWN,
                "small_group": SMALL_GROUP,
            }
        )
        return context


class CallViewSet(ModelViewSet):
    model = Call
    name = "selection_calls"
    url_prefix = "selection/calls"
    icon = "doc-full"
    menu_label = CALLS
    index_view_class = CallIndexView
    list_display = ["title", "kind", "opens_on", "closes_on"]
    list_filter = ["kind"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(report_url_name=self.get_url_name("report"), **kwargs)

    @property
    def report_view(self):
        return CallReportView.as_view(
            index_url_name=self.get_url_name("index"), edit_url_name=self.get_url_name("edit")
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/report/", self.report_view,
                                                 name="report")]  # fmt: skip


class ApplicationFilterSet(WagtailFilterSet):
    call = django_filters.ModelChoiceFilter(
        label=_("Call"), queryset=lambda request: Call.objects.all(), empty_label=_("All calls")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=Application.State.choices,
        empty_label=_("All states"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Application
        fields = ["call", "state"]


class ApplicationIndexView(IndexView):
    page_title = APPLICATIONS

    def get_base_queryset(self):
        return applications_for_staff()

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column(
                "organisation",
                label=_("Organisation"),
                accessor="organisation.name",
                sort_key="organisation__name",
                get_url=self.get_inspect_url,
            ),
            Column("call", label=_("Call"), accessor="call.title", sort_key="call__title"),
            Column("title", label=_("Project"), accessor="title"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda application: application.state == Application.State.SUBMITTED,
            ),
            DateColumn("submitted_at", label=_("Submitted on"), sort_key="submitted_at"),
        ]


class ApplicationInspectView(InspectView):
    template_name = "selection/admin/application_inspect.html"
    page_title = _("Application")
    return_url_name = None
    decision_url_name = None

    def get_object(self, queryset=None):
        application = application_for_staff(pk=self.pk)
        if application is None:
            raise Http404
        return application

    def get_fields(self):
        return []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": APPLICATIONS},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_decision_url(self):
        decisions = self.decisions
        if (
            self.decision_url_name
            and self.object.state == Application.State.SUBMITTED
            and not (decisions and decisions[-1].outcome in FINAL_OUTCOMES)
            and self.user_has_permission("change")
        ):
            return reverse(self.decision_url_name, args=(quote(self.object.pk),))

    @cached_property
    def decisions(self):
        return decisions_of(self.object)

    def get_return_url(self):
        if (
            self.return_url_name
            and self.object.state == Application.State.SUBMITTED
            and self.user_has_permission("change")
        ):
            return reverse(self.return_url_name, args=(quote(self.object.pk),))

    @cached_property
    def header_buttons(self):
        buttons = []
        if url := self.get_decision_url():
            buttons.append(HeaderButton(_("Record the decision"), url=url, icon_name="success"))
        if url := self.get_return_url():
            buttons.append(HeaderButton(_("Return for changes"), url=url, icon_name="resubmit"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        application_access_log(
            person=self.request.user, application=application, view=ApplicationAccess.View.ADMIN
        )
        context.update(
            {
                "application": application,
                "lines": list(application.budget_lines.all()),
                "versions": [
                    {
                        "version": version,
                        "content": version_content(version),
                        "by": person_name(version.submitted_by),
                    }
                    for version in application.versions.all()
                ],
                "return_url": self.get_return_url(),
                "decisions": self.decisions,
            }
        )
        return context


class ApplicationReturnView(ObjectViewMixin, FormView):
    """Staff return a submitted application for changes, saying what to change."""

    model = Application
    permission_required = "change"
    form_class = ReturnForm
    template_name = "selection/admin/application_return.html"
    page_title = _("Return for changes")
    header_icon = "resubmit"
    index_label = APPLICATIONS
    submit_button_label = _("Return the application")
    submit_button_active_label = _("Returning…")

    def load_object(self, pk):
        return applications_for_staff().filter(pk=pk).first()

    def form_valid(self, form):
        try:
            application_return(
                application=self.object,
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The application is returned for changes."))
        return redirect(self.inspect_url)


class ApplicationDecisionView(ObjectViewMixin, FormView):
    """Staff record the committee's decision on a submitted application. Before anything
    is written, a decision beyond the level's quota (overall or in the region) is shown
    with its warnings and must be confirmed."""

    model = Application
    permission_required = "change"
    form_class = DecisionForm
    template_name = "selection/admin/application_decision.html"
    page_title = _("Record the decision")
    header_icon = "success"
    index_label = APPLICATIONS
    submit_button_label = _("Record the decision")
    submit_button_active_label = _("Recording…")

    def load_object(self, pk):
        application = application_for_staff(pk=pk)
        if application is None or application.state != Application.State.SUBMITTED:
            return None
        return application

    @cached_property
    def members(self):
        return members_who_decide(self.object)

    #: The quota warnings of the decision just sent, to confirm (none at first).
    warnings = ()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "members": self.members,
            "is_bursary": self.object.call.is_bursary,
            "warned": bool(self.warnings) or "confirm_beyond_quota" in self.request.POST,
        }

    def get_initial(self):
        return {"decided_on": timezone.localdate()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            decision_record(
                application=self.object,
                actor=self.request.user,
                outcome=data["outcome"],
                amount=data.get("amount"),
                reasons=data["reasons"],
                decided_on=data["decided_on"],
                participants=list(data["participants"]),
                confirm_beyond_quota=data.get("confirm_beyond_quota", False),
            )
        except QuotaWarning as warning:
            self.warnings = warning.warnings
            form = self.get_form()
            form.is_valid()
            return self.form_invalid(form)
        except ApplicationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("The decision is recorded; the organisation's contact people are told."),
        )
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        application_access_log(
            person=self.request.user, application=application, view=ApplicationAccess.View.ADMIN
        )
        context.update(
            {
                "application": application,
                "summary": consolidated(application),
                "requested": budget_total(application.budget_lines.all()),
                "members": self.members,
                "warnings": self.warnings,
                "decisions": decisions_of(application),
            }
        )
        return context


class ApplicationViewSet(LimitedModelViewSet):
    model = Application
    name = "selection_applications"
    url_prefix = "selection/applications"
    icon = "form"
    menu_label = APPLICATIONS
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    object_views = {"return": ApplicationReturnView, "decision": ApplicationDecisionView}
    filterset_class = ApplicationFilterSet
    search_fields = ["organisation__name", "title"]
    search_backend_name = None
    ordering = "-updated_at"
    list_per_page = 50


class MemberInviteView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Staff open an account for a committee member from outside the programme; the
    person receives an e-mail to choose their password."""

    permission_policy = ModelPermissionPolicy(Committee)
    permission_required = "add"
    form_class = MemberInviteForm
    template_name = "selection/admin/member_invite.html"
    page_title = _("Invite a committee member from outside")
    header_icon = "user"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Committees")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "action_url": self.request.path,
                "submit_button_label": _("Open the account and send the invitation"),
                "submit_button_active_label": _("Sending…"),
            }
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            person = committee_member_invite(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                language=data["language"],
                actor=self.request.user,
            )
        except ApplicationError as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext(
                "The account of %(name)s is open and the invitation sent: choose them in a "
                "committee's form."
            )
            % {"name": person.get_full_name()},
        )
        return redirect(self.index_url_name)


class CommitteeIndexView(IndexView):
    invite_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons = [
                *buttons,
                HeaderButton(
                    _("Invite a member from outside"),
                    url=reverse(self.invite_url_name),
                    icon_name="user",
                ),
            ]
        return buttons


class CommitteeViewSet(ModelViewSet):
    model = Committee
    name = "selection_committees"
    url_prefix = "selection/committees"
    icon = "group"
    menu_label = _("Committees")
    list_display = ["__str__", "created_at"]
    list_filter = ["call"]
    search_fields = ["call__title"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    edit_handler = ObjectList(Committee.panels, base_form_class=CommitteeAdminForm)
    index_view_class = CommitteeIndexView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(invite_url_name=self.get_url_name("invite"), **kwargs)

    def get_urlpatterns(self):
        invite = MemberInviteView.as_view(index_url_name=self.get_url_name("index"))
        return [*super().get_urlpatterns(), path("invite/", invite, name="invite")]


class RegionalQuotaViewSet(ModelViewSet):
    model = RegionalQuota
    name = "selection_regional_quotas"
    url_prefix = "selection/regional-quotas"
    icon = "table"
    menu_label = _("Regional quotas")
    list_display = ["region", "level", "planned"]
    list_filter = ["level"]
    form_fields = ["level", "region", "planned"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    search_backend_name = None


class ApplicationAccessViewSet(LimitedModelViewSet):
    model = ApplicationAccess
    name = "selection_accesses"
    url_prefix = "selection/accesses"
    icon = "view"
    menu_label = _("Access log")
    permission_actions = ("view",)
    inspect_view_enabled = False
    list_display = [
        "person",
        "application",
        Column("view", label=_("What was seen"), accessor="get_view_display"),
        "at",
    ]
    list_filter = ["view"]
    ordering = "-at"
    list_per_page = 100

    def get_queryset(self, request=None):
        return ApplicationAccess.objects.select_related(
            "person", "application__organisation", "application__call"
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


def register_log_actions(actions):
    """``register_log_actions``: the audit log's words for what staff do here."""
    actions.register_action(
        MEMBER_INVITED_ACTION,
        _("Invite a committee member from outside"),
        _("Committee member invited"),
    )


class SelectionGroup(ViewSetGroup):
    """The "Candidatures" menu: calls, applications, committees, access log."""

    items = (
        CallViewSet,
        ApplicationViewSet,
        CommitteeViewSet,
        RegionalQuotaViewSet,
        ApplicationAccessViewSet,
    )
    menu_label = _("Applications")
    menu_icon = "form"
    menu_name = "selection"
    add_to_admin_menu = True
