from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import MenuItem
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from lms.accounts.models import Organisation, OrganisationJoinRequest, Region
from lms.accounts.services import (
    JoinRequestRefused,
    join_request_accept,
    join_request_decline,
    organisation_status_recorded,
)


class OrganisationEditView(EditView):
    """Staff confirm or decline a proposed organisation by changing its status here."""

    def save_instance(self):
        status_changed = "status" in self.form.changed_data
        with transaction.atomic():
            instance = super().save_instance()
            if status_changed:
                organisation_status_recorded(organisation=instance, actor=self.request.user)
        return instance


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "region", "neq", "status", "created_at"]
    list_filter = ["status", "region"]
    search_fields = ["name", "neq"]
    search_backend_name = None  # plain database filtering: no index to keep
    list_per_page = 50
    edit_view_class = OrganisationEditView

    def get_queryset(self, request):
        return Organisation.objects.select_related("region")


# --- Join requests (staff) --------------------------------------------------------------


class JoinRequestIndexView(IndexView):
    decide_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Accept or decline"),
                url=reverse(self.decide_url_name, args=[instance.pk]),
                icon_name="tick",
                priority=10,
            )
        )
        return buttons


class JoinRequestDecideView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Staff accept or decline a request through the services (which check who acts)."""

    model = OrganisationJoinRequest
    permission_required = "view"
    template_name = "accounts/admin/join_request_decide.html"
    page_title = _("Join request")
    header_icon = "group"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            OrganisationJoinRequest.objects.visible().select_related(
                "person", "organisation__region", "decided_by"
            ),
            pk=kwargs["pk"],
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["join_request"] = self.object
        context["index_url"] = reverse(self.index_url_name)
        return context

    def post(self, request, *args, **kwargs):
        services = {"accept": join_request_accept, "decline": join_request_decline}
        service = services.get(request.POST.get("action"))
        if service is None:
            return self.get(request, *args, **kwargs)
        try:
            service(request=self.object, actor=request.user)
        except JoinRequestRefused:
            messages.error(request, _("This request cannot be decided by you, or no more."))
        else:
            messages.success(
                request, _("Decision recorded: %(request)s.") % {"request": self.object}
            )
        return redirect(self.index_url_name)


class JoinRequestViewSet(SnippetViewSet):
    """Requests to join a listed organisation, waiting for an answer (confirmed e-mail
    addresses only). Read-only in the admin's forms: decided through the services."""

    model = OrganisationJoinRequest
    icon = "user"
    menu_label = _("Join requests")
    index_view_class = JoinRequestIndexView
    copy_view_enabled = False
    list_display = [
        "person",
        Column("email", label=_("E-mail address"), accessor="person.email"),
        "organisation",
        Column("created_at", label=_("Requested on"), sort_key="created_at"),
    ]
    search_fields = ["person__first_name", "person__last_name", "person__email"]
    search_backend_name = None  # plain database filtering: no index to keep
    ordering = ["created_at"]
    list_per_page = 50

    def get_queryset(self, request):
        return (
            OrganisationJoinRequest.objects.pending()
            .visible()
            .select_related("person", "organisation")
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(decide_url_name=self.get_url_name("decide"), **kwargs)

    @property
    def decide_view(self):
        return self.construct_view(JoinRequestDecideView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", self.decide_view, name="decide"),
        ]


class PeopleGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, JoinRequestViewSet, RegionViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"
