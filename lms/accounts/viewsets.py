from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
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
from wagtail.snippets.widgets import AdminSnippetChooser

from lms.accounts.models import Organisation, OrganisationJoinRequest, Region, User
from lms.accounts.roles import is_programme_staff
from lms.accounts.selectors import staff_waiting_counts
from lms.accounts.services import (
    JoinRequestRefused,
    join_request_accept,
    join_request_decline,
    organisation_status_recorded,
    person_organisation_change,
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


# --- A person's organisation (staff) ------------------------------------------------------


def _is_staff_account(person) -> bool:
    return person.is_staff or is_programme_staff(person)


class PersonOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.selectable(),
        required=False,
        widget=AdminSnippetChooser(Organisation),
        help_text=_("Leave empty if the person no longer belongs to any organisation."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the history; not sent to the person."),
    )


class PersonOrganisationChangeView(WagtailAdminTemplateMixin, FormView):
    """Programme staff move a person to another organisation (``person_organisation_change``)."""

    form_class = PersonOrganisationForm
    template_name = "accounts/admin/person_organisation.html"
    page_title = _("Change organisation")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not is_programme_staff(request.user):
            raise PermissionDenied
        self.person = get_object_or_404(
            User.objects.select_related("organisation"), pk=kwargs["pk"]
        )
        if _is_staff_account(self.person):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.person} ({self.person.email})"

    def get_initial(self):
        return {"organisation": self.person.organisation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)

    def form_valid(self, form):
        try:
            person_organisation_change(
                person=self.person,
                organisation=form.cleaned_data["organisation"],
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied:
            messages.error(self.request, _("This person's organisation cannot be changed here."))
        else:
            messages.success(
                self.request,
                _("Organisation of %(person)s recorded; they are told by e-mail.")
                % {"person": self.person},
            )
        return redirect("wagtailusers_users:index")


def person_urlpatterns():
    return [
        path(
            "personnes/<int:pk>/organisme/",
            PersonOrganisationChangeView.as_view(),
            name="accounts_person_organisation",
        )
    ]


def person_listing_buttons(user, request_user):
    """The people list's "Change organisation" item, for staff, on non-staff accounts."""
    if not is_programme_staff(request_user) or _is_staff_account(user):
        return []
    return [
        MenuItem(
            _("Change organisation"),
            url=reverse("accounts_person_organisation", args=[user.pk]),
            icon_name="group",
            priority=20,
        )
    ]


# --- The dashboard --------------------------------------------------------------------------


class StaffWaitingPanel(Component):
    """The admin dashboard's count of what waits for programme staff."""

    name = "accounts_staff_waiting"
    template_name = "accounts/admin/staff_waiting_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        counts = staff_waiting_counts()
        proposed = reverse("wagtailsnippets_accounts_organisation:list")
        return {
            "proposed": counts["proposed"],
            "join_requests": counts["join_requests"],
            "proposed_url": f"{proposed}?status=proposed",
            "join_requests_url": reverse("wagtailsnippets_accounts_organisationjoinrequest:list"),
        }


def staff_homepage_panels(request, panels):
    if is_programme_staff(request.user):
        panels.append(StaffWaitingPanel())
