"""Eligible organisations: the listing with its exports, each one's evidence and history,
and the form that changes its status (``services.eligibility_set_status`` decides).
"""

import csv

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import LogFormatter

from courses.models import Level
from lms.accounts.models import Region
from lms.admin_ui import (
    DayColumn,
    FlagColumn,
    LimitedModelViewSet,
    LinkTitleColumn,
    ObjectViewMixin,
    RowsAtOnceTable,
    TagColumn,
    TextColumn,
    local_datetime,
    person_name,
    yes_no,
)
from lms.pathway.models import BursaryEligibility
from lms.pathway.services import ALLOWED_MOVES, COUNTED_STATUSES, EligibilityError
from lms.pathway.staff.selectors import (
    eligibilities_for_staff,
    eligibility_for_staff,
    eligibility_history,
    evidence_rows,
    evidence_rule,
    status_label,
)
from lms.pathway.staff.services import (
    eligibility_change_status,
)
from lms.person_cache import kept_for_person
from lms.spreadsheets import csv_safe, xlsx_bytes

VIEW_ELIGIBILITY = "pathway.view_bursaryeligibility"
ELIGIBLE_ORGANISATIONS = _("Eligible organisations")
#: The eligibilities' URL namespace (``EligibilityViewSet.name``), linked from elsewhere.
ELIGIBILITIES = "pathway_eligibilities"
CHANGE_SETTINGS = "pathway.change_pathwaysettings"
#: How many eligibilities an export reads at a time.
EXPORT_CHUNK = 500


def changed_by(change) -> str:
    """Who made a status change: the grant is the platform's."""
    if change.changed_by is None and not change.from_status:
        return gettext("the platform")
    return person_name(change.changed_by)


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
    table_class = RowsAtOnceTable
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

    def get(self, request, *args, **kwargs):
        if self.is_export:
            # Straight to the file: the listing's page (its table, its filters' form,
            # a count that reads every row into memory) is not built for an export.
            return self.as_spreadsheet(self.get_queryset(), request.GET.get("export"))
        # Kept for the staff member (lms.person_cache) until an eligibility, an
        # organisation, a region or a page changes; filters and pages are its address.
        listing = super().get
        return kept_for_person(request, lambda: listing(request, *args, **kwargs), seconds=300)

    def stream_csv(self, queryset):
        # A byte order mark, so that a spreadsheet opens the accents as UTF-8.
        yield "\ufeff".encode()
        writer = csv.writer(Echo())
        yield writer.writerow([self.get_heading(queryset, field) for field in self.list_export])
        # The columns' values only, a few hundred rows at a time: neither the time nor
        # the memory an export takes grows with more than the number of rows.
        levels = {value: str(label) for value, label in Level.choices}
        statuses = {value: str(label) for value, label in BursaryEligibility.Status.choices}
        yes, no = yes_no(True), yes_no(False)
        rows = queryset.values_list(
            "organisation__name", "organisation__neq", "region__name", "level", "status",
            "granted_at", "over_quota", "rules_version",
        )  # fmt: skip
        for name, neq, region, level, status, granted_at, over_quota, version in rows.iterator(
            chunk_size=EXPORT_CHUNK
        ):
            yield writer.writerow([
                csv_safe(name), csv_safe(neq), csv_safe(region), csv_safe(levels[level]),
                csv_safe(statuses[status]), local_datetime(granted_at),
                yes if over_quota else no, csv_safe(version),
            ])  # fmt: skip

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

    @cached_property
    def _may(self) -> dict[str, bool]:
        """The person's rights here, asked once rather than for every row."""
        return {
            "inspect": bool(self.inspect_url_name)
            and self.user_has_any_permission({"add", "change", "delete", "view"}),
            "change": bool(self.status_url_name) and self.user_has_permission("change"),
        }

    def get_inspect_url(self, instance):
        if self._may["inspect"]:
            return reverse(self.inspect_url_name, args=(quote(instance.pk),))

    def get_status_url(self, instance):
        if self._may["change"]:
            return reverse(self.status_url_name, args=(quote(instance.pk),))

    def get_list_buttons(self, instance):
        return []  # the row's actions are plain links in its title cell

    @cached_property
    def columns(self):
        return [
            LinkTitleColumn(
                "organisation",
                label=_("Organisation"),
                accessor="organisation.name",
                sort_key="organisation__name",
                get_url=self.get_inspect_url,
                get_actions=lambda instance: [
                    (gettext("Change the status"), self.get_status_url(instance))
                ],
            ),
            TextColumn("level", label=_("Level"), accessor="get_level_display", sort_key="level"),
            TextColumn(
                "region", label=_("Region"), accessor="region.name", sort_key="region__name"
            ),
            TagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda eligibility: eligibility.status in COUNTED_STATUSES,
            ),
            DayColumn("granted_at", label=_("Eligible since"), sort_key="granted_at"),
            FlagColumn(
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
    submit_button_label = _("Change the status")
    submit_button_active_label = _("Changing…")

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
    object_views = {"status": EligibilityStatusView}
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
