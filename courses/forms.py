from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was this module?"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1: not useful, 5: very useful."),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What helped you, what was missing. Authors read every comment."),
    )
    show_name = forms.BooleanField(
        label=_("Authors may see my name with this comment"),
        required=False,
    )
