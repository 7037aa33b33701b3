"""The person's pages about their data: "Mes données" (prepare the download, ask for the
account's erasure or cancel it) and the download link (once, after the password)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.privacy.models import DataExport
from lms.privacy.registry import entries
from lms.privacy.rights.forms import ErasureForm, PasswordForm
from lms.privacy.rights.services import (
    RightsError,
    entry_rows,
    erasure_cancel,
    erasure_pending,
    erasure_request,
    export_download,
    export_for_link,
    export_request,
)


def kept_about(person) -> list[dict]:
    """For each kind of record the registry lists, how many the platform keeps about
    ``person`` (one query each; the kinds are a fixed list)."""
    kept = []
    for entry in entries():
        # A count, not the rows: only an entry whose own export says whose rows are
        # whose (no person field) is read whole.
        if entry.export and not entry.person_fields:
            count = len(entry_rows(entry, person))
        else:
            count = entry.rows_of(person).count()
        if count:
            kept.append({"entry": entry, "count": count})
    return kept


@login_required
def my_data(request, erasure_form=None):
    """What the platform keeps about the person, what they can do with it, and where
    their requests stand."""
    exports = DataExport.objects.filter(person=request.user).only(
        "status", "requested_at", "ready_at", "expires_at", "downloaded_at"
    )[:5]
    return render(
        request,
        "privacy/my_data.html",
        {
            "exports": exports,
            "kept": kept_about(request.user),
            "now": timezone.now(),
            "erasure": erasure_pending(request.user),
            "erasure_form": erasure_form or ErasureForm(),
        },
    )


@login_required
@require_POST
def export_ask(request):
    export_request(person=request.user)
    messages.success(
        request,
        gettext(
            "Your data is being prepared: you will receive an e-mail with a link to download "
            "it, in a few minutes."
        ),
    )
    return redirect("privacy_my_data")


@never_cache
@login_required
def export_download_view(request, secret: str):
    """The e-mailed link: the person types their password again, then gets the ZIP once."""
    export = export_for_link(secret=secret, person=request.user)
    if export is None:
        return render(request, "privacy/export_gone.html", status=410)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            content = export_download(
                secret=secret, person=request.user, password=form.cleaned_data["password"]
            )
        except RightsError as error:
            form.add_error("password", str(error))
        else:
            response = HttpResponse(content, content_type="application/zip")
            name = f"mes-donnees-dataide-{timezone.localdate().isoformat()}.zip"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return render(request, "privacy/export_download.html", {"form": form, "export": export})


@login_required
@require_POST
def erasure_ask(request):
    form = ErasureForm(request.POST)
    if form.is_valid():
        if not request.user.check_password(form.cleaned_data["password"]):
            form.add_error("password", gettext("This is not your password."))
        else:
            try:
                erasure_request(person=request.user)
            except RightsError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    gettext("Your account will be erased: you can cancel until the date shown."),
                )
            return redirect("privacy_my_data")
    return my_data(request, erasure_form=form)


@login_required
@require_POST
def erasure_cancel_view(request):
    try:
        erasure_cancel(person=request.user)
    except RightsError as error:
        raise Http404 from error
    messages.success(request, gettext("The erasure of your account is cancelled."))
    return redirect("privacy_my_data")
