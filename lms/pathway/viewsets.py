"""Wagtail admin of bursaries, for programme staff (menu "Bourses").

``wagtail_hooks.py`` only registers what is defined here.

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

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusFlagColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import LogFormatter

from lms.accounts.models import Region
from lms.pathway.models import BursaryEligibility, Level, PathwaySettings, ReviewRequest
from lms.pathway.services import ALLOWED_MOVES, COUNTED_STATUSES, EligibilityError
from lms.pathway.staff_selectors import (
    eligibilities_for_staff,
    eligibility_for_staff,
    eligibility_history,
    evidence_rows,
    evidence_rule,
    quota_report,
    review_request_organisation,
    review_requests_for_staff,
    status_label,
)
from lms.pathway.staff_services import (
    ELIGIBILITY_STATUS_ACTION,
    REVIEW_CLOSED_ACTION,
    ReviewRequestError,
    eligibility_change_status,
    review_request_close,
)
from lms.spreadsheets import xlsx_bytes

VIEW_ELIGIBILITY = "pathway.view_bursaryeligibility"
ELIGIBLE_ORGANISATIONS = _("Eligible organisations")
#: The eligibilities' URL namespace (``EligibilityViewSet.name``), linked from elsewhere.
ELIGIBILITIES = "pathway_eligibilities"
CHANGE_SETTINGS = "pathway.change_pathwaysettings"


# --- Shared pieces --------------------------------------------------------------------


def person_name(user) -> str:
    if user is None:  # the account was erased since
        return gettext("a deleted account")
    return user.get_full_name() or user.email


def changed_by(change) -> str:
    """Who made a status change: the grant is the platform's."""
    if change.changed_by is None and not change.from_status:
        return gettext("the platform")
    return person_name(change.changed_by)


def csv_safe(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (organisation names are typed by
    people signing up)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def yes_no(value) -> str:
    return gettext("Yes") if value else gettext("No")


def local_datetime(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class ObjectViewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A view about one record, under a listing: permission first, then the record."""

    index_url_name = None
    inspect_url_name = None
    index_label = ""

    def load_object(self, pk):
        raise NotImplementedError

    @cached_property
    def object(self):
        instance = self.load_object(self.kwargs["pk"])
        if instance is None:
            raise Http404
        return instance

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]


class LimitedModelViewSet(ModelViewSet):
    """A model viewset with only a listing, an inspect page and the views added to it.

    ``ModelViewSet`` always routes "add", "edit", "delete", "copy", "history" and
    "usage"; the records here are changed by services only, so those are not routed
    and no view links to them.
    """

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    #: The permissions offered in the groups' editor (others mean nothing here).
    permission_actions = ("view", "change")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]

    @property
    def url_finder_class(self):
        # Links to a record (the audit log's, say) open its inspect page.
        return type(
            "_InspectURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_permissions_to_register(self):
        codenames = [get_permission_codename(a, self.model_opts) for a in self.permission_actions]
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), codename__in=codenames
        )


# --- Eligibilities --------------------------------------------------------------------


def regions(request):
    return Region.objects.order_by("sort_order", "name")


class EligibilityFilterSet(WagtailFilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Level"),
        choices=Level.choices,
        empty_label=_("All levels"),
        widget=forms.RadioSelect,
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=BursaryEligibility.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=regions, empty_label=_("All regions")
    )
    over_quota = django_filters.BooleanFilter(
        label=_("Beyond the quota"), widget=BooleanRadioSelect
    )

    class Meta:
        model = BursaryEligibility
        fields = ["level", "status", "region", "over_quota"]


class EligibilityIndexView(IndexView):
    status_url_name = None
    page_title = ELIGIBLE_ORGANISATIONS
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: csv_safe},
    }
    custom_field_preprocess = {
        "over_quota": {"csv": yes_no, "xlsx": yes_no},
        # Quebec's time, not UTC (Wagtail's default for spreadsheets).
        "granted_at": {"csv": local_datetime, "xlsx": timezone.make_naive},
    }

    def get_base_queryset(self):
        return eligibilities_for_staff()

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate().isoformat()}"

    def stream_csv(self, queryset):
        # A byte order mark, so that a spreadsheet opens the accents as UTF-8.
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)

    def write_xlsx(self, queryset, output):
        # A named sheet with readable columns, rather than Wagtail's "Sheet1".
        rows = [[self.get_heading(queryset, field) for field in self.list_export]]
        for item in queryset:
            rows.append(
                [
                    self.preprocess_field_value(field, value, self.FORMAT_XLSX)
                    for field, value in self.to_row_dict(item).items()
                ]
            )
        output.write(xlsx_bytes(rows, title=self.page_title))

    def get_status_url(self, instance):
        if self.status_url_name and self.user_has_permission("change"):
            return reverse(self.status_url_name, args=(quote(instance.pk),))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if url := self.get_status_url(instance):
            buttons.append(
                MenuItem(_("Change the status"), url=url, icon_name="resubmit", priority=15)
            )
        return buttons

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
            Column("level", label=_("Level"), accessor="get_level_display", sort_key="level"),
            Column("region", label=_("Region"), accessor="region.name", sort_key="region__name"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda eligibility: eligibility.status in COUNTED_STATUSES,
            ),
            DateColumn("granted_at", label=_("Eligible since"), sort_key="granted_at"),
            StatusFlagColumn(
                "over_quota",
                label=_("Beyond the quota"),
                true_label=_("Beyond the quota"),
                sort_key="over_quota",
            ),
        ]


class EligibilityInspectView(InspectView):
    template_name = "pathway/admin/eligibility_inspect.html"
    page_title = _("Eligibility")
    status_url_name = None

    def get_object(self, queryset=None):
        eligibility = eligibility_for_staff(pk=self.pk)
        if eligibility is None:
            raise Http404
        return eligibility

    def get_fields(self):
        return []  # the template lays the record out itself

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": ELIGIBLE_ORGANISATIONS},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_status_url(self):
        if self.status_url_name and self.user_has_permission("change"):
            return reverse(self.status_url_name, args=(quote(self.object.pk),))

    @cached_property
    def header_buttons(self):
        if url := self.get_status_url():
            return [HeaderButton(_("Change the status"), url=url, icon_name="resubmit")]
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        eligibility = self.object
        learner = eligibility.completion.learner
        context.update(
            {
                "eligibility": eligibility,
                "status_url": self.get_status_url(),
                "learner_name": learner.get_full_name()
                or eligibility.evidence.get("learner_name", ""),
                "rule": evidence_rule(eligibility.evidence),
                "records": evidence_rows(eligibility.evidence),
                "history": [
                    {
                        "from": status_label(change.from_status),
                        "to": status_label(change.to_status),
                        "by": changed_by(change),
                        "at": change.changed_at,
                        "reason": change.reason,
                    }
                    for change in eligibility_history(eligibility=eligibility)
                ],
            }
        )
        return context


class EligibilityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to revoke an eligibility. Kept in its history."),
    )

    def __init__(self, *args, eligibility, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_MOVES.get(eligibility.status, set())
        self.fields["status"].choices = [
            (status.value, status.label)
            for status in BursaryEligibility.Status
            if status.value in allowed
        ]


class EligibilityStatusView(ObjectViewMixin, FormView):
    """Staff move an eligibility along its life; the service says which moves are allowed."""

    model = BursaryEligibility
    permission_required = "change"
    form_class = EligibilityStatusForm
    template_name = "pathway/admin/eligibility_status.html"
    page_title = _("Change the status")
    header_icon = "resubmit"
    index_label = ELIGIBLE_ORGANISATIONS

    def load_object(self, pk):
        return eligibility_for_staff(pk=pk)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "eligibility": self.object}

    def form_valid(self, form):
        status = form.cleaned_data["status"]
        try:
            eligibility = eligibility_change_status(
                eligibility=self.object,
                status=status,
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except EligibilityError as error:
            # A revocation without a reason belongs to the reason's field.
            blank_reason = not form.cleaned_data["reason"].strip()
            revoking = status == BursaryEligibility.Status.REVOKED
            form.add_error("reason" if revoking and blank_reason else None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("%(eligibility)s: the status is now “%(status)s”.")
            % {"eligibility": eligibility, "status": eligibility.get_status_display()},
        )
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "eligibility": self.object,
                "action_url": self.request.path,
                "submit_button_label": _("Change the status"),
                "submit_button_active_label": _("Changing…"),
                "has_unsaved_changes": context["form"].is_bound,
                "media": context["form"].media,
            }
        )
        return context


class EligibilityViewSet(LimitedModelViewSet):
    model = BursaryEligibility
    name = ELIGIBILITIES
    url_prefix = "pathway/eligibilities"
    icon = "tasks"
    menu_label = _("Eligibilities")
    index_view_class = EligibilityIndexView
    inspect_view_class = EligibilityInspectView
    status_view_class = EligibilityStatusView
    filterset_class = EligibilityFilterSet
    search_fields = ["organisation__name", "organisation__neq"]
    search_backend_name = None  # plain database filtering: no index to keep
    ordering = "-granted_at"
    list_per_page = 50
    list_export = [
        "organisation.name",
        "organisation.neq",
        "region.name",
        "get_level_display",
        "get_status_display",
        "granted_at",
        "over_quota",
        "rules_version",
    ]
    export_headings = {
        "organisation.name": _("Organisation"),
        "organisation.neq": _("NEQ"),
        "region.name": _("Region"),
        "get_level_display": _("Level"),
        "get_status_display": _("Status"),
        "granted_at": _("Eligible since"),
        "over_quota": _("Beyond the quota"),
        "rules_version": _("Rules' version"),
    }
    export_filename = "admissibilites"

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(status_url_name=self.get_url_name("status"), **kwargs)

    @property
    def status_view(self):
        return self.construct_view(
            self.status_view_class,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/status/", self.status_view, name="status"),
        ]


class EligibilityStatusLogFormatter(LogFormatter):
    label = _("Change an eligibility's status")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return gettext("Status changed from “%(from)s” to “%(to)s”") % {
            "from": status_label(data.get("from", "")),
            "to": status_label(data.get("to", "")),
        }

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


# --- Quotas ---------------------------------------------------------------------------


class QuotaReportView(WagtailAdminTemplateMixin, TemplateView):
    """Bursaries planned, used and left per level; eligibilities counted per region."""

    permission = VIEW_ELIGIBILITY
    template_name = "pathway/admin/quotas.html"
    page_title = _("Bursary quotas")
    header_icon = "table"
    eligibilities_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = quota_report(request=self.request)
        context.update(
            {
                "report": report,
                "levels": report.levels,
                "eligibilities_url": reverse(self.eligibilities_url_name),
                "settings_url": (
                    reverse("wagtailsettings:edit", args=["pathway", "pathwaysettings"])
                    if self.request.user.has_perm(CHANGE_SETTINGS)
                    else None
                ),
                "rules_version": PathwaySettings.load(request_or_site=self.request).rules_version,
            }
        )
        return context


class PermissionMenuItem(AdminMenuItem):
    permission = ""

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class QuotaReportViewSet(ViewSet):
    name = "pathway_quotas"
    url_prefix = "pathway/quotas"
    icon = "table"
    menu_label = _("Quotas")
    menu_item_class = type("QuotaMenuItem", (PermissionMenuItem,), {"permission": VIEW_ELIGIBILITY})

    def get_urlpatterns(self):
        view = QuotaReportView.as_view(eligibilities_url_name=f"{ELIGIBILITIES}:index")
        return [path("", view, name="index")]


# --- Review requests ------------------------------------------------------------------


class ReviewRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ReviewRequest.Status.choices,
        empty_label=_("All requests"),
        widget=forms.RadioSelect,
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"),
        choices=Level.choices,
        empty_label=_("All levels"),
        widget=forms.RadioSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=ReviewRequest.Kind.choices,
        empty_label=_("All kinds"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ReviewRequest
        fields = ["status", "level", "kind"]


REVIEW_REQUESTS = _("Review requests")


class ReviewRequestIndexView(IndexView):
    page_title = REVIEW_REQUESTS
    verbose_name = _("review request")
    verbose_name_plural = _("review requests")

    def get_base_queryset(self):
        return review_requests_for_staff()

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        if self.is_explicitly_ordered:
            return queryset
        # Open requests first (the work to do), newest first within each.
        open_first = Case(
            When(status=ReviewRequest.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return queryset.order_by(open_first, "-created_at", "-pk")

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column(
                "requested_by",
                label=_("Person"),
                accessor=lambda request: person_name(request.requested_by),
                sort_key="requested_by__last_name",
                get_url=self.get_inspect_url,
            ),
            Column(
                "organisation",
                label=_("Organisation"),
                accessor=lambda request: getattr(review_request_organisation(request), "name", ""),
            ),
            Column("level", label=_("Level"), accessor="get_level_display", sort_key="level"),
            Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            Column(
                "message",
                label=_("Message"),
                accessor=lambda request: Truncator(request.message).chars(90),
            ),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda request: request.status == ReviewRequest.Status.OPEN,
            ),
            DateColumn("created_at", label=_("Sent on"), sort_key="created_at"),
        ]

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class ReviewRequestInspectView(InspectView):
    template_name = "pathway/admin/review_request_inspect.html"
    page_title = _("Review request")
    close_url_name = None

    def get_object(self, queryset=None):
        review_request = review_requests_for_staff().filter(pk=self.pk).first()
        if review_request is None:
            raise Http404
        return review_request

    def get_fields(self):
        return []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": REVIEW_REQUESTS},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_close_url(self):
        if (
            self.close_url_name
            and self.object.status == ReviewRequest.Status.OPEN
            and self.user_has_permission("change")
        ):
            return reverse(self.close_url_name, args=(quote(self.object.pk),))

    @cached_property
    def header_buttons(self):
        if url := self.get_close_url():
            return [HeaderButton(_("Close with an answer"), url=url, icon_name="check")]
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review_request = self.object
        eligibility_url = None
        if review_request.eligibility_id and self.request.user.has_perm(VIEW_ELIGIBILITY):
            eligibility_url = reverse(
                f"{ELIGIBILITIES}:inspect", args=[review_request.eligibility_id]
            )
        context.update(
            {
                "review_request": review_request,
                "person": person_name(review_request.requested_by),
                "organisation": review_request_organisation(review_request),
                "closed_by": person_name(review_request.closed_by),
                "eligibility_url": eligibility_url,
                "close_url": self.get_close_url(),
            }
        )
        return context


class ReviewRequestCloseForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was looked at again and what was decided. Kept with the request."),
    )


class ReviewRequestCloseView(ObjectViewMixin, FormView):
    """Staff close a review request, saying what they found."""

    model = ReviewRequest
    permission_required = "change"
    form_class = ReviewRequestCloseForm
    template_name = "pathway/admin/review_request_close.html"
    page_title = _("Close with an answer")
    header_icon = "check"
    index_label = REVIEW_REQUESTS

    def load_object(self, pk):
        return review_requests_for_staff().filter(pk=pk).first()

    def get(self, request, *args, **kwargs):
        if self.object.status == ReviewRequest.Status.CLOSED:
            messages.warning(request, gettext("This request has already been closed."))
            return redirect(self.inspect_url)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            review_request_close(
                review_request=self.object,
                actor=self.request.user,
                answer=form.cleaned_data["answer"],
            )
        except ReviewRequestError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The review request is closed."))
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "review_request": self.object,
                "person": person_name(self.object.requested_by),
                "action_url": self.request.path,
                "submit_button_label": _("Close the request"),
                "submit_button_active_label": _("Closing…"),
                "has_unsaved_changes": context["form"].is_bound,
                "media": context["form"].media,
            }
        )
        return context


class ReviewRequestViewSet(LimitedModelViewSet):
    model = ReviewRequest
    name = "pathway_review_requests"
    url_prefix = "pathway/review-requests"
    icon = "help"
    menu_label = REVIEW_REQUESTS
    index_view_class = ReviewRequestIndexView
    inspect_view_class = ReviewRequestInspectView
    close_view_class = ReviewRequestCloseView
    filterset_class = ReviewRequestFilterSet
    search_fields = ["requested_by__first_name", "requested_by__last_name", "message"]
    search_backend_name = None
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(close_url_name=self.get_url_name("close"), **kwargs)

    @property
    def close_view(self):
        return self.construct_view(
            self.close_view_class,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/close/", self.close_view, name="close"),
        ]


# --- Menu -----------------------------------------------------------------------------


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
