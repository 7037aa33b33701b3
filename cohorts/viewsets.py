"""Programme staff's admin for cohorts: cohorts, their seats, and the facilitators' access log.

* **Cohorts**: name, course, start date, pause weeks, regions, facilitators, live
  sessions and the thresholds that flag a learner.
* **Seats**: admitted through ``seat_admit`` (the admission rules and their messages live
  there) and removed through ``seat_remove``; never edited nor deleted
  (``cohorts.permissions.CohortSeatPermissionPolicy``), so the history stays.
* **Access log**: read only.

Access: the permissions of the staff role (``lms/accounts/roles.py``); facilitators have
no admin rights at all.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import Button
from wagtail.admin.widgets.button import MenuItem
from wagtail.snippets.views.snippets import (
    CreateView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from cohorts.models import Cohort, CohortSeat, FacilitatorAccess
from cohorts.services import seat_admit, seat_remove
from lms.accounts.models import Organisation, User
from lms.accounts.selectors import learner_choices
from lms.accounts.viewsets import learner_chooser_viewset

# --- Cohorts ---------------------------------------------------------------------------


def _facilitator_names(cohort) -> str:
    return ", ".join(str(person) for person in cohort.facilitators.all())


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    list_display = [
        "name",
        "course",
        "starts_on",
        Column(
            "active_seats",
            label=_("Active seats"),
            accessor="active_seats",
            sort_key="active_seats",
        ),
        Column("facilitator_names", label=_("Facilitators"), accessor=_facilitator_names),
    ]
    list_filter = ["course", "regions", "facilitators"]
    search_fields = ["name"]
    search_backend_name = None  # plain database filtering: no index to keep
    ordering = ["-starts_on", "name"]
    list_per_page = 50

    def get_queryset(self, request):
        return (
            Cohort.objects.select_related("course")
            .prefetch_related("facilitators")
            .annotate(active_seats=Count("seats", filter=Q(seats__removed_at__isnull=True)))
        )


# --- Seats -----------------------------------------------------------------------------

#: Labels of the seat's fields that have no translated verbose name on the model.
SEAT_LABELS = {
    "cohort": _("Cohort"),
    "admitted_at": _("Admitted on"),
    "admitted_by": _("Admitted by"),
    "removed_at": _("Removed on"),
    "removed_by": _("Removed by"),
}


class SeatAdmitForm(WagtailAdminModelForm):
    """Admit an organisation (level 2) or a leader (the lab) to a cohort.

    The admission rules (one active seat per organisation or leader, organisations for
    level 2 and leaders for the lab) are ``seat_admit``'s to check, with its own
    messages; the form only checks that one of the two is given.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].label = SEAT_LABELS["cohort"]
        self.fields["organisation"].queryset = Organisation.objects.filter(
            status=Organisation.Status.CONFIRMED
        ).order_by("name")
        self.fields["leader"].queryset = learner_choices()
        self.fields["leader"].widget = learner_chooser_viewset.widget_class()

    def _get_validation_exclusions(self):
        # Leave the database constraints to seat_admit, whose messages staff can read.
        return super()._get_validation_exclusions() | {"cohort", "organisation", "leader"}


class SeatAdmitView(CreateView):
    """The "add" view: admits the seat through ``seat_admit``, by the person signed in."""

    def save_instance(self):
        self.new_revision = None
        data = self.form.cleaned_data
        return seat_admit(
            cohort=data["cohort"],
            actor=self.request.user,
            organisation=data.get("organisation"),
            leader=data.get("leader"),
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_buttons(self):
        return []  # a seat is not edited


class SeatStatusFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(
        label=SEAT_LABELS["cohort"], queryset=Cohort.objects.order_by("-starts_on", "name")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("active", _("Active")), ("removed", _("Removed"))],
        method="filter_status",
        empty_label=_("All"),
    )

    class Meta:
        model = CohortSeat
        fields = ["cohort", "status"]

    def filter_status(self, queryset, name, value):
        if value == "active":
            return queryset.filter(removed_at__isnull=True)
        if value == "removed":
            return queryset.filter(removed_at__isnull=False)
        return queryset


class _RemoveUrlMixin:
    remove_url_name = None

    def get_remove_url(self, seat):
        if seat.removed_at is None and self.user_has_permission("remove"):
            return reverse(self.remove_url_name, args=[seat.pk])
        return None


class SeatIndexView(_RemoveUrlMixin, IndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            if column.name in SEAT_LABELS:
                column.label = SEAT_LABELS[column.name]
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if url := self.get_remove_url(instance):
            buttons.append(MenuItem(_("Remove"), url=url, icon_name="bin", priority=30))
        return buttons


class SeatInspectView(_RemoveUrlMixin, InspectView):
    def get_field_label(self, field_name, field):
        if field_name in SEAT_LABELS:
            return SEAT_LABELS[field_name]
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None else value

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if url := self.get_remove_url(self.object):
            buttons.append(Button(_("Remove"), url=url, icon_name="bin", priority=30))
        return buttons


class SeatRemoveView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then remove a seat through ``seat_remove`` (it stays in the history)."""

    model = CohortSeat
    permission_required = "remove"
    template_name = "cohorts/admin/seat_remove.html"
    page_title = _("Remove a seat")
    header_icon = "bin"
    index_url_name = None
    inspect_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            CohortSeat.objects.select_related("cohort", "organisation", "leader", "removed_by"),
            pk=kwargs["pk"],
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": CohortSeat._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["seat"] = self.object
        context["index_url"] = reverse(self.index_url_name)
        return context

    def post(self, request, *args, **kwargs):
        seat_remove(seat=self.object, actor=request.user)
        messages.success(request, _("Seat removed: %(seat)s.") % {"seat": self.object})
        return redirect(self.index_url_name)


def _seat_holder(seat):
    return seat.organisation or seat.leader


class CohortSeatViewSet(SnippetViewSet):
    model = CohortSeat
    icon = "user"
    menu_label = _("Seats")
    add_view_class = SeatAdmitView
    index_view_class = SeatIndexView
    inspect_view_class = SeatInspectView
    inspect_view_enabled = True
    copy_view_enabled = False  # a copy would not go through seat_admit
    inspect_view_fields = [
        "cohort",
        "organisation",
        "leader",
        "admitted_at",
        "admitted_by",
        "removed_at",
        "removed_by",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldPanel("organisation"),
            FieldPanel("leader", help_text=_("For the leadership lab: the person admitted.")),
        ],
        base_form_class=SeatAdmitForm,
    )
    list_display = [
        "cohort",
        Column("holder", label=_("Organisation or leader"), accessor=_seat_holder),
        Column("admitted_at", label=SEAT_LABELS["admitted_at"], sort_key="admitted_at"),
        Column("admitted_by", label=SEAT_LABELS["admitted_by"]),
        Column("removed_at", label=SEAT_LABELS["removed_at"], sort_key="removed_at"),
        Column("removed_by", label=SEAT_LABELS["removed_by"]),
    ]
    filterset_class = SeatStatusFilterSet
    ordering = ["-admitted_at"]
    list_per_page = 50

    def get_queryset(self, request):
        return CohortSeat.objects.select_related(
            "cohort", "organisation", "leader", "admitted_by", "removed_by"
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(remove_url_name=self.get_url_name("remove"), **kwargs)

    @property
    def remove_view(self):
        return self.construct_view(SeatRemoveView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("remove/<int:pk>/", self.remove_view, name="remove"),
        ]


# --- Access log ------------------------------------------------------------------------


def _logged_facilitators(request):
    return User.objects.filter(pk__in=FacilitatorAccess.objects.values("facilitator")).order_by(
        "last_name", "first_name"
    )


class FacilitatorAccessFilterSet(WagtailFilterSet):
    facilitator = django_filters.ModelChoiceFilter(
        label=_("facilitator"), queryset=_logged_facilitators
    )

    class Meta:
        model = FacilitatorAccess
        fields = ["cohort", "facilitator"]


class FacilitatorAccessViewSet(SnippetViewSet):
    model = FacilitatorAccess
    icon = "view"
    # A line of the log is no content another uses: Wagtail's "usage" need not index it
    # (four queries more on each view of a grid).
    add_to_reference_index = False
    menu_label = _("Access log")
    list_display = [
        "facilitator",
        "cohort",
        Column("view", label=_("What was seen"), accessor="get_view_display"),
        "organisation",
        "accessed_at",
    ]
    filterset_class = FacilitatorAccessFilterSet
    ordering = ["-accessed_at"]
    list_per_page = 100

    def get_queryset(self, request):
        return FacilitatorAccess.objects.select_related("facilitator", "cohort", "organisation")


class CohortsGroup(SnippetViewSetGroup):
    items = (CohortViewSet, CohortSeatViewSet, FacilitatorAccessViewSet)
    menu_icon = "group"
    menu_label = _("Cohorts")
    menu_name = "cohorts"
