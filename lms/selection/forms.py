"""The application's form: the project and its budget lines (one empty row more; a row
left empty is dropped). What submission needs is listed apart, not required here.

The committees' forms: the admin's committee (the four seats filled, or each seat
missing named), a member's declaration of interests, and their scores; staff's record of
the decision, and the organisation's request for its review."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from lms.selection.models import (
    Application,
    BudgetLine,
    CommitteeMember,
    Outcome,
    composition_errors,
)
from lms.selection.services import committee_roles


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["title", "summary", "description"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "summary": _("In a few sentences: what the project changes, and for whom."),
            "description": _("Plain text, kept as you type it."),
        }


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "description", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft may hold an incomplete row; an untouched extra row is dropped.
        for form_field in self.fields.values():
            form_field.required = False
        self.fields["category"].choices = [("", "—"), *self.fields["category"].choices[1:]]

    def clean(self):
        cleaned = super().clean()
        typed = [cleaned.get(name) not in (None, "") for name in self.fields if name != "DELETE"]
        if any(typed) and not all(typed):
            raise forms.ValidationError(_("Fill in the category, description and amount."))
        return cleaned

    def _post_clean(self):
        """No instance to check: the lines are saved by ``application_save``."""


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=1, can_delete=True, max_num=50)


def budget_initial(lines) -> list[dict]:
    return [
        {"category": line.category, "description": line.description, "amount": line.amount}
        for line in lines
    ]


def typed_lines(formset) -> list[BudgetLine]:
    """The lines the formset holds (deleted or empty rows dropped), unsaved."""
    lines = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or data.get("amount") is None:
            continue
        lines.append(
            BudgetLine(
                category=data["category"], description=data["description"], amount=data["amount"]
            )
        )
    return lines


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What to change"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to the organisation's contact people, and kept."),
    )


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this organisation?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "For example: you work for it or sit on its board, a relative does, or you "
            "help it write this application. Declaring one keeps you away from it for good."
        ),
    )
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class ReviewForm(forms.Form):
    """A score from 0 to 5 and a comment for each of the call's criteria."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("Score (0 to 5)"), min_value=0, max_value=5
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
            )

    def groups(self):
        """Each criterion with its two fields, for the template's fieldsets."""
        return [
            (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def scores(self) -> dict:
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
            for criterion in self.criteria
        }


class CommitteeAdminForm(WagtailAdminModelForm):
    """The admin's committee: refused unless its four seats are each filled once."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("members")
        if formset is not None and formset.is_valid():
            seats = [
                form.cleaned_data.get("seat")
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if errors := composition_errors(seats):
                raise ValidationError([str(error) for error in errors])
        return cleaned

    def save(self, commit=True):
        committee = super().save(commit=commit)
        if commit:
            committee_roles(committee)
        return committee


class DecisionForm(forms.Form):
    """Staff record the committee's decision: outcome, amount, reasons, date, who took
    part (the members without a conflict of interest, all ticked at first)."""

    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    amount = forms.DecimalField(
        label=_("Amount granted ($)"), required=False, min_value=0, max_digits=10,
        decimal_places=2, localize=True,
        help_text=_("For an accepted bursary only."),
    )  # fmt: skip
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In words: the organisation reads them, in the e-mail and on its page."),
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=AdminDateInput)
    participants = forms.ModelMultipleChoiceField(
        label=_("Members who took part"),
        queryset=CommitteeMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_beyond_quota = forms.BooleanField(
        label=_("Record it even though it goes beyond the quota"), required=False
    )

    def __init__(self, *args, members, is_bursary: bool, warned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = CommitteeMember.objects.filter(
            pk__in=[member.pk for member in members]
        ).select_related("person")
        self.fields["participants"].label_from_instance = str
        if not self.is_bound:
            self.initial.setdefault("participants", [member.pk for member in members])
        if not is_bursary:
            del self.fields["amount"]
        if not warned:
            del self.fields["confirm_beyond_quota"]


class DecisionReviewForm(forms.Form):
    message = forms.CharField(
        label=_("Why should the decision be looked at again?"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The DATAide team reads it and answers you by e-mail."),
    )


class MemberInviteForm(forms.Form):
    """Staff open an account for a committee member from outside the programme."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, initial="fr"
    )
