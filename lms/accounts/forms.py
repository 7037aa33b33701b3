from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Region, User, validate_neq
from lms.accounts.services import user_register


class SignupForm(forms.Form):
    """The fields allauth adds to its sign-up form: only what the programme needs."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation_name = forms.CharField(
        label=_("Your organisation"),
        max_length=200,
        help_text=_(
            "Type your organisation's name. If it is listed, your request to join it will "
            "be confirmed by the organisation; if not, it will be proposed to the DATAide "
            "team, who will confirm it."
        ),
        widget=forms.TextInput(
            attrs={"list": "organisation-suggestions", "autocomplete": "organization"}
        ),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        empty_label=_("Choose your organisation's region"),
    )
    neq = forms.CharField(
        label=_("Organisation's NEQ (optional)"),
        required=False,
        max_length=14,
        validators=[validate_neq],
        help_text=_("Quebec enterprise number: 10 digits."),
    )

    field_order = [
        "email",
        "first_name",
        "last_name",
        "organisation_name",
        "region",
        "neq",
        "password1",
        "password2",
    ]

    def signup(self, request, user):
        """Called by allauth once the account exists, inside the same transaction."""
        user_register(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            organisation_name=self.cleaned_data["organisation_name"],
            region=self.cleaned_data["region"],
            neq=self.cleaned_data.get("neq", ""),
            language=get_language() or "fr",
        )


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]
        labels = {"first_name": _("First name"), "last_name": _("Last name")}
