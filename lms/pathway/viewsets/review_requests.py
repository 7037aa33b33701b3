"""Review requests: people asking staff to look at an automatic decision again; open ones
first, each closed with an answer.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton

from courses.models import Level
from lms.admin_ui import (
    LimitedModelViewSet,
    ObjectViewMixin,
    person_name,
)
from lms.pathway.models import ReviewRequest
from lms.pathway.staff.selectors import (
    review_request_organisation,
    review_requests_for_staff,
)
from lms.pathway.staff.services import (
    ReviewRequestError,
    review_request_close,
)
from lms.pathway.viewsets.eligibilities import ELIGIBILITIES, VIEW_ELIGIBILITY


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
    submit_button_label = _("Close the request")
    submit_button_active_label = _("Closing…")

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
    object_views = {"close": ReviewRequestCloseView}
    filterset_class = ReviewRequestFilterSet
    search_fields = ["requested_by__first_name", "requested_by__last_name", "message"]
    search_backend_name = None
    list_per_page = 50
