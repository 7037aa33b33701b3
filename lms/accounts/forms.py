from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Region, User, validate_neq
from lms.accounts.roles import is_programme_staff
from lms.accounts.selectors import organisation_match
from lms.accounts.services import user_register
from lms.privacy.forms import given_purposes, purpose_fields
from lms.privacy.services import consent_answer_all


class SignupForm(forms.Form):
    """The fields allauth adds to its sign-up form: only what the programme needs."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation_name = forms.CharField(
        label=_("Your organisation"),
        max_length=200,
        help_text=_(
            "Type your organisation's name. If it is listed, you will be asked whether you "
            "want to join it, and the organisation will confirm your request; if not, it "
            "will be proposed to the DATAide team, who will confirm it."
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

    #: Shown once the organisation named matches a listed one: join it, or not.
    organisation_choice = forms.ChoiceField(
        label=_("Is this your organisation?"),
        required=False,
        # Labelled with the organisation's name once one matches (``_offer_choice``).
        choices=[("join", _("Ask to join it")), ("other", _("This is not my organisation"))],
        widget=forms.HiddenInput,
    )
    #: The organisation the choice above was offered for: a choice counts only for it.
    matched_organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = [
        "email",
        "first_name",
        "last_name",
        "organisation_name",
        "region",
        "neq",
        "organisation_choice",
        "matched_organisation",
        "password1",
        "password2",
        # The optional purposes (Law 25, s. 8 and 9.1), unticked.
        *purpose_fields(),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(purpose_fields())

    def clean(self):
        cleaned = super().clean()
        self.organisation_to_join = None
        if "organisation_name" not in cleaned or "region" not in cleaned or "neq" not in cleaned:
            return cleaned
        match = organisation_match(
            name=cleaned["organisation_name"], region=cleaned["region"], neq=cleaned["neq"]
        )
        if match is None:
            return cleaned
        found = match.organisation
        choice = cleaned.get("organisation_choice")
        if cleaned.get("matched_organisation") != found.pk or choice not in ("join", "other"):
            self._offer_choice(found)
            self.add_error("organisation_choice", self._match_message(match))
        elif choice == "join":
            self.organisation_to_join = found
        elif match.by_neq:
            self._offer_choice(found)
            self.add_error(
                "neq",
                _(
                    "This NEQ belongs to %(name)s (%(region)s): a new organisation cannot "
                    "use it. Correct it, leave it empty, or ask to join %(name)s."
                )
                % {"name": found.name, "region": found.region},
            )
        else:
            self._offer_choice(found)
            self.add_error(
                "organisation_name",
                _(
                    "%(name)s already exists in %(region)s: give your organisation's "
                    "exact name if it is another one, or ask to join %(name)s."
                )
                % {"name": found.name, "region": found.region},
            )
        return cleaned

    def _offer_choice(self, organisation):
        """Show the radio buttons that name ``organisation``, for the page shown again."""
        field = self.fields["organisation_choice"]
        names = {"name": organisation.name, "region": organisation.region}
        field.choices = [
            ("join", _("Ask to join %(name)s (%(region)s)") % names),
            ("other", _("This is not my organisation")),
        ]
        field.widget = forms.RadioSelect(choices=field.choices)
        # What the newcomer posted applies to the organisation shown, not to another.
        data = self.data.copy()
        data[self.add_prefix("matched_organisation")] = str(organisation.pk)
        self.data = data

    @staticmethod
    def _match_message(match):
        names = {"name": match.organisation.name, "region": match.organisation.region}
        if match.by_neq:
            return (
                _(
                    "This NEQ is the one of %(name)s (%(region)s), already registered. "
                    "Is it your organisation?"
                )
                % names
            )
        return _("%(name)s (%(region)s) is already registered. Is it your organisation?") % names

    def signup(self, request, user):
        """Called by allauth once the account exists, inside the same transaction."""
        user_register(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            organisation_name=self.cleaned_data["organisation_name"],
            region=self.cleaned_data["region"],
            neq=self.cleaned_data.get("neq", ""),
            organisation_to_join=self.organisation_to_join,
            language=get_language() or "fr",
        )
        # Every purpose answered, ticked or not: dated, under the policy's version.
        consent_answer_all(person=user, given=given_purposes(self.cleaned_data))


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves (and staff, which e-mails they get)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language", "notify_staff_events"]
        labels = {"first_name": _("First name"), "last_name": _("Last name")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_programme_staff(self.instance):
            del self.fields["notify_staff_events"]
