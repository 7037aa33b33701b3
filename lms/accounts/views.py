from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms.accounts.forms import ProfileForm
from lms.accounts.selectors import organisation_search

#: allauth's sign-up, in one transaction: the account, its organisation and its role are
#: written together or not at all.
signup = transaction.atomic(SignupView.as_view())


@require_GET
def organisation_suggestions(request):
    """Suggest confirmed organisations by name while a newcomer types (sign-up helper)."""
    results = organisation_search(query=request.GET.get("q", ""))
    return JsonResponse({"results": results})


@login_required
def profile(request):
    """Show a person what the platform keeps about them and let them correct it."""
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts_profile")
    organisation = user.organisation
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "organisation": organisation},
    )
