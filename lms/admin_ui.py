"""Wagtail admin building blocks that the apps' admin areas share.

* ``PermissionMenuItem``: a menu entry shown to the holders of one permission.
* ``ObjectViewMixin``: a view about one record under a listing (permission, then record).
* ``LimitedModelViewSet``: a listing and an inspect page only, for records that services
  change (no add, edit or delete routed).
* ``person_name``, ``yes_no``, ``local_datetime``: how a listing or an export shows a
  person, a yes/no and a moment.
* ``TextColumn``, ``TagColumn``, ``FlagColumn``, ``DayColumn``, ``LinkTitleColumn``:
  listing columns whose cells are written without a template each, and
  ``RowsAtOnceTable``, a listing table whose rows are.
"""

from datetime import datetime

from django.contrib.admin.utils import quote
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.forms.utils import flatatt
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusFlagColumn,
    StatusTagColumn,
    Table,
    TitleColumn,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet


class PermissionMenuItem(MenuItem):
    """A menu entry shown to the holders of ``permission`` (given, or a class attribute)."""

    permission = ""

    def __init__(self, *args, permission: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if permission:
            self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def person_name(user) -> str:
    if user is None:  # the account was erased since
        return gettext("a deleted account")
    return user.get_full_name() or user.email


def yes_no(value) -> str:
    return gettext("Yes") if value else gettext("No")


def local_datetime(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class ObjectViewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A view about one record, under a listing: permission first, then the record."""

    index_url_name = None
    inspect_url_name = None
    index_label = ""
    #: The form's button, and what it says while the form is sent (a form view's).
    submit_button_label = ""
    submit_button_active_label = ""

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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if form := context.get("form"):
            context.update(
                {
                    "action_url": self.request.path,
                    "submit_button_label": self.submit_button_label,
                    "submit_button_active_label": self.submit_button_active_label,
                    "has_unsaved_changes": form.is_bound,
                    "media": form.media,
                }
            )
        return context

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
    #: The views about one record (``ObjectViewMixin``), routed at ``<pk>/<name>/``; every
    #: view of the set is told their URL names as ``<name>_url_name``.
    object_views: dict[str, type] = {}

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                **{f"{name}_url_name": self.get_url_name(name) for name in self.object_views},
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
            *(
                path(f"<int:pk>/{name}/", self.object_view(view_class), name=name)
                for name, view_class in self.object_views.items()
            ),
        ]

    def object_view(self, view_class):
        return self.construct_view(
            view_class,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
        )

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


# --- Listings' cells, written at once ---------------------------------------------------
# Wagtail's columns render a template for every cell, and a dropdown of buttons (itself a
# few templates) for every row: at 50 rows the staff's listings spent most of their time
# there (issue 16). These columns write the same markup with ``format_html``.


def _td(column, content) -> str:
    if column.classname:
        return format_html('<td class="{}">{}</td>', column.classname, content)
    return format_html("<td>{}</td>", content)


def _status_tag(label, primary: bool) -> str:
    return format_html(
        '<span class="w-status{}">{}</span>', " w-status--primary" if primary else "", label
    )


class TextColumn(Column):
    """A value as text."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        return _td(self, "" if value is None else value)


class TagColumn(StatusTagColumn):
    """A value as a status tag, primary where ``primary(instance)`` says so."""

    def render_cell_html(self, instance, parent_context):
        primary = self.primary(instance) if callable(self.primary) else bool(self.primary)
        return _td(self, _status_tag(self.get_value(instance), primary))


class FlagColumn(StatusFlagColumn):
    """``true_label`` as a tag where the value is true, ``false_label`` otherwise."""

    def render_cell_html(self, instance, parent_context):
        label = self.true_label if self.get_value(instance) else self.false_label
        return _td(self, _status_tag(label, True) if label else "")


class DayColumn(DateColumn):
    """A moment as its day in Quebec (``<time>``), without the relative tooltip."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if value is None:
            return _td(self, "")
        day = timezone.localdate(value) if isinstance(value, datetime) else value
        return _td(
            self,
            format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day)),
        )


class LinkTitleColumn(TitleColumn):
    """The row's title as a link, followed by its actions as plain links:
    ``get_actions(instance)`` gives (label, url) pairs."""

    def __init__(self, *args, get_actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.get_actions = get_actions

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        url = self.get_link_url(instance, parent_context)
        title = format_html('<a href="{}">{}</a>', url, value) if url else value
        actions = [
            format_html(
                '<li><a class="button button-small button-secondary" href="{}">{}</a></li>',
                action_url,
                label,
            )
            for label, action_url in (self.get_actions(instance) if self.get_actions else [])
            if action_url
        ]
        return format_html(
            '<td class="{}title"><div class="title-wrapper">{}</div>{}</td>',
            f"{self.classname} " if self.classname else "",
            title,
            format_html('<ul class="actions">{}</ul>', mark_safe("".join(actions)))  # noqa: S308
            if actions
            else "",
        )


class RowsAtOnceTable(Table):
    """Wagtail's listing table, its rows written at once: a component, a template per
    cell and an include of attributes per row were most of a listing's time. Cells are
    the columns' own (``render_cell_html``); the markup is Wagtail's table's."""

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context or {})
        columns = list(self.columns.values())
        parts = [format_html("<table{}>", flatatt(self.attrs))]
        if caption := self.get_caption():
            parts.append(format_html('<caption class="w-sr-only">{}</caption>', caption))
        if self.has_column_widths():
            parts += [
                format_html("<col{}>", flatatt({"width": c.width} if c.width else {}))
                for c in columns
            ]
        header_class = (
            format_html(' class="{}"', self.header_row_classname)
            if self.header_row_classname
            else ""
        )
        parts.append(format_html("<thead><tr{}>", header_class))
        parts += [column.render_header_html(context) for column in columns]
        parts.append(mark_safe("</tr></thead><tbody>"))  # noqa: S308
        for index, instance in enumerate(self.data):
            row = {**context, "row": Table.Row(self, instance, index)}
            parts.append(format_html("<tr{}>", flatatt(self.get_row_attrs(instance))))
            parts += [column.render_cell_html(instance, row) for column in columns]
            parts.append(mark_safe("</tr>"))  # noqa: S308
        parts.append(mark_safe("</tbody></table>"))  # noqa: S308
        return mark_safe("".join(parts))  # noqa: S308
