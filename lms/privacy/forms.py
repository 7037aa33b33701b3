from django import forms
from django.utils.translation import gettext_lazy as _

from lms.privacy.models import Purpose

#: What each purpose means, in plain words, under its checkbox.
PURPOSE_HELP = {
    Purpose.PROGRESS_NAMED: _(
        "Your organisation's contact people may see which modules you completed, with your "
        "name. Without it, your name is never shown next to your progress to them."
    ),
    Purpose.ASSESSMENT_SHARED: _(
        "If your organisation shares its self-assessment results with its facilitators, "
        "your answers count in them (never with your name)."
    ),
    Purpose.NEWS: _("About one e-mail a month on the programme's webinars and calls."),
}


def purpose_fields(initial: dict[str, bool] | None = None) -> dict[str, forms.BooleanField]:
    """One checkbox per optional purpose, unticked unless ``initial`` says otherwise."""
    initial = initial or {}
    return {
        f"consent_{purpose.value}": forms.BooleanField(
            label=purpose.label,
            help_text=PURPOSE_HELP[purpose],
            required=False,
            initial=initial.get(purpose.value, False),
        )
        for purpose in Purpose
    }


def given_purposes(cleaned_data: dict) -> set[str]:
    """The purposes ticked in a form built with ``purpose_fields``."""
    return {purpose for purpose in Purpose.values if cleaned_data.get(f"consent_{purpose}")}


class ConsentsForm(forms.Form):
    """The review of every consent at once (after a new policy version)."""

    def __init__(self, *args, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(purpose_fields(initial_answers))
