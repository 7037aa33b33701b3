"""The form a facilitator writes a message to their cohort with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMessage


class CohortMessageForm(forms.ModelForm):
    """A facilitator's message: to whom, a subject and plain text."""

    class Meta:
        model = CohortMessage
        fields = ["audience", "subject", "body"]
        widgets = {
            "audience": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 10}),
        }
        labels = {"audience": _("Send to")}
        help_texts = {"body": _("Plain text, sent as you type it.")}

    def __init__(self, *args, counts: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        audience = self.fields["audience"]
        audience.initial = CohortMessage.Audience.ALL
        if counts is not None:
            # Say how many learners each choice reaches (a number, never who).
            audience.choices = [
                (value, _("%(audience)s (%(count)s)") % {"audience": label, "count": counts[value]})
                for value, label in CohortMessage.Audience.choices
            ]
