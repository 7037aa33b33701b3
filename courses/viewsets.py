"""Wagtail admin views of the pathway: the authors' reports and the page deletion guard.

``wagtail_hooks.py`` only registers what is defined here.

* **Module feedback** (``/admin/reports/module-feedback/``): learners' ratings and
  comments, filterable by module, date and language, with the count and average of what
  is listed. For people with ``courses.view_modulefeedback``.
* **Translations** (``/admin/reports/translations/``): live French pages of the pathway
  whose English version is missing, unpublished or older than the French page's last
  publication. For people with ``courses.view_translation_report``.
* A module that learners have completed (or a page above such modules) cannot be
  deleted: authors unpublish it instead, and learners' records keep their page.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import ContentTypeFilter, DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, get_page_models
from wagtail.permissions import policy_registry

from courses.models import ModuleFeedback, ModulePage
from courses.permissions import VIEW_MODULE_FEEDBACK, VIEW_TRANSLATION_REPORT
from courses.selectors import (
    TranslationStatus,
    feedback_report_rows,
    feedback_totals,
    learners_who_completed,
    translation_gaps,
)
from lms.admin_ui import PermissionMenuItem

# --- Shared pieces --------------------------------------------------------------------


class PermissionReportView(ReportView):
    """A report for the holders of one model permission (``permission``)."""

    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def can_edit_pages(self) -> bool:
        """Whether to link titles to the page editor (staff read reports, edit no page)."""
        return policy_registry.get_by_type(Page).user_has_permission(self.request.user, "change")


class TextColumn(Column):
    """Plain text kept on several lines (a learner's comment)."""

    cell_template_name = "courses/admin/cells/text.html"


class LinkColumn(Column):
    """A link whose address and label depend on the row; ``get_link`` returns both."""

    cell_template_name = "courses/admin/cells/link.html"

    def __init__(self, name, get_link, **kwargs):
        super().__init__(name, **kwargs)
        self.get_link = get_link

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["link_url"], context["link_label"] = self.get_link(instance) or (None, None)
        return context


class StatusColumn(Column):
    """A status tag; ``primary`` rows get Wagtail's primary (highlighted) tag."""

    cell_template_name = "wagtailadmin/tables/status_tag_cell.html"

    def __init__(self, name, primary, **kwargs):
        super().__init__(name, **kwargs)
        self.primary = primary

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["primary"] = self.primary(instance)
        return context


def page_type_label(page) -> str:
    model = page.content_type.model_class()
    return capfirst(model._meta.verbose_name) if model else page.content_type.model


def edit_page_url(page_id) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


# --- Module feedback report -----------------------------------------------------------


class ModuleChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        week = getattr(obj, "week", None)
        if week is None:  # a webinar
            return obj.title
        return gettext("%(title)s (week %(week)s)") % {"title": obj.title, "week": week}


class ModuleFilter(django_filters.ModelChoiceFilter):
    field_class = ModuleChoiceField


def feedback_modules(request):
    """The pages feedback can point at, French, in the tree's order: every module, and
    the webinars learners rated."""
    modules = ModulePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return (
        Page.objects.filter(
            Q(pk__in=modules.values("pk")) | Q(pk__in=ModuleFeedback.objects.values("module"))
        )
        .defer_streamfields()
        .specific()
        .order_by("path")
    )


class ModuleFeedbackFilterSet(WagtailFilterSet):
    module = ModuleFilter(
        label=_("Module"), queryset=feedback_modules, empty_label=_("All modules")
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Sent between"), widget=DateRangePickerWidget
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        empty_label=_("All languages"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ModuleFeedback
        fields = ["module", "created_at", "language"]


class ModuleFeedbackReportView(PermissionReportView):
    """Learners' feedback, one row each; the learner's name only if they agreed."""

    permission = VIEW_MODULE_FEEDBACK
    page_title = _("Module feedback")
    header_icon = "comment"
    results_template_name = "courses/admin/module_feedback_results.html"
    filterset_class = ModuleFeedbackFilterSet
    index_url_name = "courses_reports:module_feedback"
    index_results_url_name = "courses_reports:module_feedback_results"
    default_ordering = "-created_at"
    verbose_name = _("feedback entry")
    verbose_name_plural = _("feedback entries")

    def get_queryset(self):
        self.queryset = feedback_report_rows()
        return super().get_queryset()

    @cached_property
    def columns(self):
        languages = dict(settings.LANGUAGES)
        can_edit = self.can_edit_pages
        return [
            TitleColumn(
                "module_title",
                label=_("Module"),
                sort_key="module_title",
                get_url=lambda row: edit_page_url(row.module_id) if can_edit else None,
            ),
            Column(
                "rating",
                label=_("Rating"),
                sort_key="rating",
                accessor=lambda row: f"{row.rating}/5",
            ),
            TextColumn("comment", label=_("Comment")),
            Column(
                "learner_name",
                label=_("Learner"),
                accessor=lambda row: row.learner_name or gettext("Anonymous"),
            ),
            Column(
                "language",
                label=_("Language"),
                accessor=lambda row: languages.get(row.language, row.language),
            ),
            DateColumn("created_at", label=_("Sent on"), sort_key="created_at"),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["totals"] = feedback_totals(self.object_list)
        return context


# --- Translation report ----------------------------------------------------------------

TRANSLATION_STATUS_LABELS = {
    TranslationStatus.MISSING: _("No English version"),
    TranslationStatus.UNPUBLISHED: _("English version not published"),
    TranslationStatus.OUTDATED: _("English version to update"),
}


def pathway_page_types(request):
    names = [m._meta.model_name for m in get_page_models() if m._meta.app_label == "courses"]
    return ContentType.objects.filter(app_label="courses", model__in=names).order_by("model")


class TranslationReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("English version"),
        field_name="translation_status",
        choices=list(TRANSLATION_STATUS_LABELS.items()),
        empty_label=_("All pages"),
        widget=forms.RadioSelect,
    )
    content_type = ContentTypeFilter(label=_("Type"), queryset=pathway_page_types)

    class Meta:
        model = Page
        fields = ["status", "content_type"]

    def _add_locale_filter(self):
        """Every page listed is French: no locale filter."""


class TranslationReportView(PermissionReportView):
    """French pages whose English version learners would miss or find out of date."""

    permission = VIEW_TRANSLATION_REPORT
    page_title = _("Pages to translate")
    header_icon = "globe"
    results_template_name = "courses/admin/translation_results.html"
    filterset_class = TranslationReportFilterSet
    index_url_name = "courses_reports:translations"
    index_results_url_name = "courses_reports:translations_results"
    verbose_name = _("page to translate")
    verbose_name_plural = _("pages to translate")

    def get_queryset(self):
        self.queryset = translation_gaps()
        return super().get_queryset()

    @cached_property
    def can_translate(self) -> bool:
        return self.request.user.has_perm("simple_translation.submit_translation")

    def translation_link(self, page):
        if page.translation_id is None:
            if self.can_translate:
                url = reverse("simple_translation:submit_page_translation", args=[page.pk])
                return url, gettext("Translate")
        elif self.can_edit_pages:
            return edit_page_url(page.translation_id), gettext("Edit the English version")
        return None

    @cached_property
    def columns(self):
        can_edit = self.can_edit_pages
        return [
            TitleColumn(
                "title",
                label=_("French page"),
                get_url=lambda page: edit_page_url(page.pk) if can_edit else None,
            ),
            Column("type", label=_("Type"), accessor=page_type_label),
            DateColumn(
                "last_published_at",
                label=_("Published in French"),
                sort_key="last_published_at",
            ),
            StatusColumn(
                "translation_status",
                label=_("English version"),
                accessor=lambda page: TRANSLATION_STATUS_LABELS[page.translation_status],
                primary=lambda page: page.translation_status == TranslationStatus.OUTDATED,
            ),
            LinkColumn("action", label=_("Action"), get_link=self.translation_link),
        ]


# --- URLs and menu ----------------------------------------------------------------------


def report_urlpatterns():
    patterns = [
        path(
            "reports/module-feedback/",
            ModuleFeedbackReportView.as_view(),
            name="module_feedback",
        ),
        path(
            "reports/module-feedback/results/",
            ModuleFeedbackReportView.as_view(results_only=True),
            name="module_feedback_results",
        ),
        path("reports/translations/", TranslationReportView.as_view(), name="translations"),
        path(
            "reports/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="translations_results",
        ),
    ]
    return [path("", include((patterns, "courses_reports")))]


def module_feedback_menu_item():
    return PermissionMenuItem(
        _("Module feedback"),
        reverse("courses_reports:module_feedback"),
        name="module-feedback",
        icon_name="comment",
        order=1300,
        permission=VIEW_MODULE_FEEDBACK,
    )


def translation_menu_item():
    return PermissionMenuItem(
        _("Pages to translate"),
        reverse("courses_reports:translations"),
        name="pages-to-translate",
        icon_name="globe",
        order=1400,
        permission=VIEW_TRANSLATION_REPORT,
    )


# --- Deleting pages ---------------------------------------------------------------------


def deletion_refusal(page) -> str | None:
    """Return why ``page`` cannot be deleted, or ``None`` if it can.

    A module that learners have completed, or a page holding such modules, keeps its
    learners' records: it is unpublished, not deleted. English pages hold no records
    (they point at the French page), so deleting a translation is always allowed.
    """
    count = learners_who_completed(page)
    if not count:
        return None
    if page.specific_class is ModulePage:
        message = ngettext(
            "This module has been completed by %(count)s learner: "
            "unpublish it instead of deleting it.",
            "This module has been completed by %(count)s learners: "
            "unpublish it instead of deleting it.",
            count,
        )
    else:
        message = ngettext(
            "Modules under this page have been completed by %(count)s learner: "
            "unpublish it instead of deleting it.",
            "Modules under this page have been completed by %(count)s learners: "
            "unpublish it instead of deleting it.",
            count,
        )
    return message % {"count": count}


def refuse_deleting_completed_page(request, page):
    """``before_delete_page``: back to the page's editor with the reason."""
    refusal = deletion_refusal(page)
    if refusal is None:
        return None
    messages.error(request, refusal)
    return redirect(get_valid_next_url_from_request(request) or edit_page_url(page.pk))


def refuse_bulk_deleting_completed_pages(request, action_type, objects, action_class_instance):
    """``before_bulk_action``: the same rule when pages are deleted from a listing."""
    if action_type != "delete":
        return None
    refusals = [
        (page, refusal)
        for page in objects
        if isinstance(page, Page) and (refusal := deletion_refusal(page)) is not None
    ]
    if not refusals:
        return None
    for page, refusal in refusals:
        messages.error(
            request,
            gettext("%(title)s: %(reason)s")
            % {"title": page.get_admin_display_title(), "reason": refusal},
        )
    return redirect(action_class_instance.next_url)
