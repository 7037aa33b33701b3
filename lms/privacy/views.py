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
    """The registry's entries for the page, one per label (several page models share
    theirs): what is about the person (the account first), then what only records what
    someone did in their work (staff, authors, facilitators)."""
    seen, about_you, your_work = set(), [], []
    for entry in sorted(entries(), key=lambda e: e.model != "accounts.User"):
        if str(entry.label) in seen:
            continue
        seen.add(str(entry.label))
        about_you_too = entry.person_fields or entry.erase or entry.model == "accounts.User"
        (about_you if about_you_too else your_work).append(entry)
    return about_you, your_work


def privacy_page(request):
    """The privacy policy, generated from the registry (Law 25, s. 3.2 and 8)."""
    about_you, your_work = _page_entries()
    return render(
        request,
        "privacy/privacy_page.html",
        {
            "about_you": about_you,
            "your_work": your_work,
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
