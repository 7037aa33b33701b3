from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Level


class ReviewRequestForm(forms.Form):
    level = forms.TypedChoiceField(choices=Level.choices, coerce=int, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("What should a person look at again?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
