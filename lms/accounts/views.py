from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lms.accounts.forms import ProfileForm
from lms.accounts.selectors import (
    contact_organisations,
    join_request_waiting,
    join_requests_to_decide,
    organisation_search,
)
from lms.accounts.services import join_request_accept, join_request_decline
from lms.privacy.models import Purpose
from lms.privacy.selectors import consent_latest

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
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "organisation": user.organisation,
            "join_request": join_request_waiting(person=user),
            "is_contact": contact_organisations(person=user).exists(),
            "consents": [
                (purpose, latest)
                for purpose, latest in zip(
                    Purpose, consent_latest(person=user).values(), strict=True
                )
            ],
        },
    )


#: The buttons of the join requests page: the service each calls and what it says after.
JOIN_REQUEST_ACTIONS = {
    "accept": (
        join_request_accept,
        gettext_lazy("%(person)s is now a member of %(organisation)s."),
    ),
    "decline": (
        join_request_decline,
        gettext_lazy("The request of %(person)s has been declined."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def join_requests(request):
    """Contact people accept or decline the requests to join their organisation."""
    if not contact_organisations(person=request.user).exists():
        raise PermissionDenied
    pending = join_requests_to_decide(actor=request.user)
    if request.method == "POST":
        action = JOIN_REQUEST_ACTIONS.get(request.POST.get("action", ""))
        pk = request.POST.get("request", "")
        if action is None or not pk.isdigit():
            return HttpResponseBadRequest()
        join_request = get_object_or_404(pending, pk=pk)
        service, done = action
        service(request=join_request, actor=request.user)
        names = {"person": join_request.person, "organisation": join_request.organisation}
        messages.success(request, done % names)
        return redirect("accounts_join_requests")
    return render(request, "accounts/join_requests.html", {"join_requests": pending})
