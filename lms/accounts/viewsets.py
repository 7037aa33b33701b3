from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.chooser import ChooserViewSet
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
from lms.accounts.selectors import (
    learner_choices,
    member_choices,
    person_search,
    staff_waiting_counts,
)
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


# --- People choosers ---------------------------------------------------------------------------


class PersonSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Name or e-mail address"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or e-mail address")}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = person_search(people=objects, query=query)
        return objects


class PersonChooseMixin:
    """A people chooser: searched by name and e-mail, each shown with both and their
    organisation, to tell two people of the same name apart. Open to those who may read
    the list of people (programme staff), as it shows addresses."""

    filter_form_class = PersonSearchForm
    ordering = ["last_name", "first_name", "pk"]
    per_page = 20

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("accounts.view_user"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return self.people().select_related("organisation__region")

    def people(self):
        raise NotImplementedError

    @property
    def columns(self):
        return [
            self.title_column,
            Column("email", label=_("E-mail address")),
            Column("organisation", label=_("Organisation"), accessor=_organisation_label),
        ]


def _organisation_label(person) -> str:
    organisation = person.organisation
    return f"{organisation} ({organisation.region})" if organisation else "—"


class LearnerChooseMixin(PersonChooseMixin):
    def people(self):
        return learner_choices()


class MemberChooseMixin(PersonChooseMixin):
    def people(self):
        return member_choices(organisation_pk=self.request.GET.get("organisation", ""))


class PersonChooserViewSet(ChooserViewSet):
    """A chooser on people; ``choose_mixin`` says which are listed."""

    model = User
    icon = "user"
    register_widget = False  # not the default widget for every User field
    choose_mixin = PersonChooseMixin

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        name = cls.__name__.removesuffix("ViewSet")
        cls.choose_view_class = type(f"{name}View", (cls.choose_mixin, ChooseView), {})
        cls.choose_results_view_class = type(
            f"{name}ResultsView", (cls.choose_mixin, ChooseResultsView), {}
        )


class LearnerChooserViewSet(PersonChooserViewSet):
    """Active learner accounts (cohort seats, the leadership lab's leaders)."""

    choose_mixin = LearnerChooseMixin
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    page_title = _("Choose a learner")


class MemberChooserViewSet(PersonChooserViewSet):
    """The members of one organisation, given as ``?organisation=<id>`` (contact people)."""

    choose_mixin = MemberChooseMixin
    choose_one_text = _("Choose a member")
    choose_another_text = _("Choose another member")
    page_title = _("Choose a member of the organisation")
    preserve_url_parameters = ["multiple", "organisation"]


learner_chooser_viewset = LearnerChooserViewSet("learner_chooser", url_prefix="choisir/apprenants")
member_chooser_viewset = MemberChooserViewSet("member_chooser", url_prefix="choisir/membres")


class MemberChooser(member_chooser_viewset.widget_class):
    """The member chooser, opened on one organisation's members."""

    def __init__(self, *, organisation_pk=None, **kwargs):
        self.organisation_pk = organisation_pk
        super().__init__(**kwargs)

    def get_chooser_modal_url(self):
        return f"{super().get_chooser_modal_url()}?organisation={self.organisation_pk or ''}"


class OrganisationForm(WagtailAdminModelForm):
    """Contact people are chosen among the organisation's members only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contacts = self.formsets["contacts"]
        members = member_choices(organisation_pk=self.instance.pk or "")
        widget = MemberChooser(organisation_pk=self.instance.pk)
        base = contacts.form

        class ContactForm(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["person"].queryset = members
                self.fields["person"].widget = widget

        contacts.form = ContactForm
        for form in contacts.forms:
            form.fields["person"].queryset = members
            form.fields["person"].widget = widget


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
    edit_handler = ObjectList(Organisation.panels, base_form_class=OrganisationForm)

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
