from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.privacy.forms import PURPOSE_HELP, ConsentsForm, given_purposes
from lms.privacy.models import PrivacySettings, Purpose
from lms.privacy.registry import Basis, Erasure, entries
from lms.privacy.selectors import consent_latest
from lms.privacy.services import consent_answer_all, consent_give, consent_withdraw


def _page_entries():
    """The registry's entries for the page: one per label (several page models share
    theirs), in erasure order."""
    seen, shown = set(), []
    for entry in entries():
        if str(entry.label) not in seen:
            seen.add(str(entry.label))
            shown.append(entry)
    return shown


def privacy_page(request):
    """The privacy policy, generated from the registry (Law 25, s. 3.2 and 8)."""
    return render(
        request,
        "privacy/privacy_page.html",
        {
            "entries": _page_entries(),
            "basis": Basis,
            "erasure": Erasure,
            "purposes": [(p.label, PURPOSE_HELP[p]) for p in Purpose],
            "providers": settings.PRIVACY_PROVIDERS,
            "privacy_settings": PrivacySettings.load(request_or_site=request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consents(request):
    """Review every consent at once (asked again after a new policy version)."""
    latest = consent_latest(person=request.user)
    answers = {purpose: bool(c and c.given) for purpose, c in latest.items()}
    form = ConsentsForm(request.POST or None, initial_answers=answers)
    if request.method == "POST" and form.is_valid():
        consent_answer_all(person=request.user, given=given_purposes(form.cleaned_data))
        messages.success(request, _("Your choices have been saved."))
        return redirect("accounts_profile")
    return render(
        request,
        "privacy/consents.html",
        {"form": form, "privacy_settings": PrivacySettings.load(request_or_site=request)},
    )


@login_required
@require_POST
def consent_change(request):
    """Give or withdraw one consent from "Mon compte": it takes effect at once."""
    purpose, action = request.POST.get("purpose"), request.POST.get("action")
    if purpose not in Purpose.values or action not in ("give", "withdraw"):
        return HttpResponseBadRequest()
    if action == "give":
        consent_give(person=request.user, purpose=purpose)
        messages.success(request, _("Your consent has been recorded."))
    else:
        consent_withdraw(person=request.user, purpose=purpose)
        messages.success(request, _("Your consent has been withdrawn: it takes effect now."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    return redirect(back or "accounts_profile")
