from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lms.pathway.certificates import (
    certificate_filename,
    certificate_pdf,
    certificate_verify_url,
)
from lms.pathway.forms import ReviewRequestForm
from lms.pathway.selectors import certificate_by_token, learner_pathway, with_next_steps
from lms.pathway.services import review_request_create
from lms.person_cache import person_page


@login_required
@person_page(seconds=60)  # the calls it lists open and close at a time of day
def dashboard(request):
    """A learner's pathway: levels completed, certificates, the organisation's eligibility,
    how each decision was made, and a way to ask a person to review it."""
    form = ReviewRequestForm()
    if request.method == "POST":
        form = ReviewRequestForm(request.POST)
        if form.is_valid():
            review_request_create(
                learner=request.user,
                level=form.cleaned_data["level"],
                message=form.cleaned_data["message"],
            )
            messages.success(
                request,
                _("Your request has been sent: a member of the DATAide team will review it."),
            )
            return redirect("pathway_dashboard")
    return render(
        request,
        "pathway/dashboard.html",
        {
            "standings": with_next_steps(
                learner_pathway(learner=request.user), learner=request.user
            ),
            "review_form": form,
        },
    )


@never_cache
def certificate_verify(request, token: str):
    """Public: show that a certificate is genuine, to whoever holds its address."""
    certificate = certificate_by_token(token=token)
    if certificate is None:
        raise Http404
    return render(
        request,
        "pathway/certificate_verify.html",
        {"certificate": certificate, "is_holder": _holds(request.user, certificate)},
    )


@never_cache
@login_required
def certificate_download(request, token: str):
    """The certificate as a PDF, for its holder only (anyone else: not found)."""
    certificate = certificate_by_token(token=token)
    if certificate is None or not _holds(request.user, certificate):
        raise Http404
    pdf = certificate_pdf(certificate, verify_url=certificate_verify_url(certificate))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate)}"'
    return response


def _holds(user, certificate) -> bool:
    return user.is_authenticated and certificate.completion.learner_id == user.pk
