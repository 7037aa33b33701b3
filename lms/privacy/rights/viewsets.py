"""Staff's admin of account erasures (``/admin/privacy/erasures/``): the list of
erasures asked for, and the form to ask for one on behalf of a person who wrote to the
programme (same cooling-off period and steps as when the person asks)."""

from django import forms
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from lms.admin_ui import LimitedModelViewSet
from lms.privacy.models import AccountErasure
from lms.privacy.rights.services import RightsError, erasure_request

ERASURES = _("Account erasures")


class StaffErasureForm(forms.Form):
    email = forms.EmailField(
        label=_("The person's e-mail address"),
        help_text=_("As the person wrote it in their request; their account is looked up by it."),
    )
    confirm = forms.BooleanField(
        label=_(
            "The person asked for it in writing; their account is erased after the "
            "cooling-off period, during which they can cancel."
        )
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No active account has this address."))
        self.person = person
        return email


class ErasureIndexView(IndexView):
    page_title = ERASURES
    add_url_name = None
    ask_url_name = None

    @cached_property
    def columns(self):
        return [
            Column("person", label=_("Account"), accessor="person.email"),
            Column("status", label=_("State"), accessor="get_status_display"),
            DateColumn("requested_at", label=_("Asked on"), sort_key="requested_at"),
            DateColumn("erase_after", label=_("Erased after"), sort_key="erase_after"),
            Column(
                "requested_by_staff",
                label=_("Asked by"),
                accessor=lambda row: (
                    row.requested_by_staff.get_full_name()
                    if row.requested_by_staff
                    else gettext("The person")
                ),
            ),
        ]

    @cached_property
    def header_buttons(self):
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            return [
                HeaderButton(
                    _("Erase a person's account"), url=reverse(self.ask_url_name), icon_name="bin"
                )
            ]
        return []


class StaffErasureView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    permission_policy = ModelPermissionPolicy(AccountErasure)
    permission_required = "add"
    form_class = StaffErasureForm
    template_name = "privacy/admin/erasure_ask.html"
    page_title = _("Erase a person's account")
    header_icon = "bin"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": ERASURES},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "action_url": self.request.path,
                "submit_button_label": _("Ask for the erasure"),
                "submit_button_active_label": _("Asking…"),
            }
        )
        return context

    def form_valid(self, form):
        try:
            erasure_request(person=form.person, requested_by_staff=self.request.user)
        except RightsError as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("The erasure is asked for; the person is told by e-mail and can cancel."),
        )
        return redirect(self.index_url_name)


class ErasureViewSet(LimitedModelViewSet):
    model = AccountErasure
    name = "privacy_erasures"
    url_prefix = "privacy/erasures"
    icon = "bin"
    menu_label = ERASURES
    add_to_admin_menu = True
    menu_order = 900
    index_view_class = ErasureIndexView
    inspect_view_enabled = False
    permission_actions = ("add", "view")
    ordering = "-requested_at"
    list_per_page = 50

    def get_queryset(self, request=None):
        return AccountErasure.objects.select_related("person", "requested_by_staff")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(ask_url_name=self.get_url_name("ask"), **kwargs)

    def get_urlpatterns(self):
        ask = StaffErasureView.as_view(index_url_name=self.get_url_name("index"))
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("ask/", ask, name="ask"),
        ]
