"""The application's form: the project and its budget lines (one empty row more; a row
left empty is dropped). What submission needs is listed apart, not required here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.selection.models import Application, BudgetLine


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
