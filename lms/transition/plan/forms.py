"""The plan's form: the situation and one formset a section, each with one empty row
more (a row left empty is dropped), read back into a content dict
(``lms.transition.plan.document``). The facilitators' comment form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.transition.plan.document import MAX_PRIORITIES, content_from, editable
from lms.transition.plan.models import (
    BursaryCategory,
    PlanAction,
    PlanComment,
    PlanIndicator,
    PlanPriority,
    PlanRisk,
    Section,
    TransitionPlan,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class PlanForm(forms.ModelForm):
    #: The revision the page showed: a save based on an older one is refused.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = TransitionPlan
        fields = ["situation"]
        widgets = {"situation": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "situation": _(
                "Where the organisation stands today: its tools, its skills, how it uses the "
                "data of the people it serves. Leave a blank line between paragraphs; start "
                "a line with “- ” for a list."
            )
        }


class PriorityForm(forms.ModelForm):
    class Meta:
        model = PlanPriority
        fields = ["text"]


class ActionForm(forms.ModelForm):
    category = forms.ChoiceField(
        label=_("bursary category"),
        choices=[("", "—"), *BursaryCategory.choices],
        required=False,
    )

    class Meta:
        model = PlanAction
        fields = ["title", "responsible", "starts_on", "ends_on", "budget", "category"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}


class RiskForm(forms.ModelForm):
    class Meta:
        model = PlanRisk
        fields = ["description", "mitigation", "about_people_data"]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = PlanIndicator
        fields = ["name", "baseline", "target", "source", "frequency"]


def _row_form(form_class):
    """Make every field optional in a draft (what submission needs is listed apart)."""

    class RowForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for form_field in self.fields.values():
                form_field.required = False

        def clean(self):
            cleaned = super().clean()
            starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
            if starts and ends and ends < starts:
                self.add_error("ends_on", _("The end cannot come before the start."))
            return cleaned

        def _post_clean(self):
            """No model instance to check: the rows are saved by ``plan_save``."""

    RowForm.__name__ = form_class.__name__
    return RowForm


FORMSETS = {
    "priorities": forms.formset_factory(
        _row_form(PriorityForm),
        extra=1,
        can_delete=True,
        max_num=MAX_PRIORITIES,
        validate_max=True,
        absolute_max=MAX_PRIORITIES,
    ),
    "actions": forms.formset_factory(_row_form(ActionForm), extra=1, can_delete=True),
    "risks": forms.formset_factory(_row_form(RiskForm), extra=1, can_delete=True),
    "indicators": forms.formset_factory(_row_form(IndicatorForm), extra=1, can_delete=True),
}


def _initial(content: dict, section: str) -> list[dict]:
    if section == "priorities":
        return [{"text": text} for text in content["priorities"]]
    return content[section]


class PlanForms:
    """The whole form of the plan's page: ``form`` and one formset a section."""

    def __init__(self, *, content: dict, revision: int, data=None):
        self.form = PlanForm(
            data, initial={"situation": editable(content["situation"]), "revision": revision}
        )
        self.formsets = {
            # Bound, a formset reads its rows from the data alone: an added row is then
            # never taken for an unchanged one, whatever the current content holds.
            section: formset(
                data,
                prefix=section,
                initial=None if data is not None else _initial(content, section),
            )
            for section, formset in FORMSETS.items()
        }

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        # Every formset is checked, so that all their errors show at once.
        results = [formset.is_valid() for formset in self.formsets.values()]
        return valid and all(results)

    @property
    def base_revision(self) -> int:
        return self.form.cleaned_data["revision"]

    def content(self) -> dict:
        """Return the content typed (rows marked for deletion or left empty dropped)."""
        rows = {}
        for section, formset in self.formsets.items():
            kept = []
            for form in formset.forms:
                data = form.cleaned_data
                if not data or data.get("DELETE"):
                    continue
                values = {k: v for k, v in data.items() if k != "DELETE"}
                if not any(v not in (None, "", False) for v in values.values()):
                    continue
                kept.append(values)
            rows[section] = kept
        return content_from(situation=self.form.cleaned_data["situation"], rows=rows)


class CommentForm(forms.ModelForm):
    section = forms.ChoiceField(label=_("section"), choices=Section.choices)

    class Meta:
        model = PlanComment
        fields = ["section", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
