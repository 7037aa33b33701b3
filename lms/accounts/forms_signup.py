"""allauth's sign-up form, made to cost the same for a new and an already used address.

For an address that already has an account, allauth (with enumeration prevention) shows
the same page and sends a notice instead of a confirmation, but skips hashing the
password and creating the account: it answered in a tenth of the time, which told an
attacker who has an account. Here both paths hash the submitted password once and send
one e-mail. Apart from ``lms.accounts.forms`` because allauth imports that module (the
``ACCOUNT_SIGNUP_FORM_CLASS``) while it builds the form this one extends.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The work a new account costs (its password hash), thrown away.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
