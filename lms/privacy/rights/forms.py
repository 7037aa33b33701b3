from django import forms
from django.utils.translation import gettext_lazy as _


class PasswordForm(forms.Form):
    """The person types their password again before an action on all their data."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ErasureForm(PasswordForm):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account and my data will be erased, and that this "
            "cannot be undone once done."
        )
    )
