"""Webinar pages for learners, and attendance screens for facilitators and staff."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from wagtail.models import Page

from content.blocks import PrivacyEmbedBlock
from content.i18n import source_page
from courses.services import module_feedback_give
from lms.csp import allow_video_frames
from lms.links import absolute_url
from webinars.attendance import MAX_BYTES, AttendanceFileError, too_large_message
from webinars.forms import (
    AttendanceUploadForm,
    CappedUploadHandler,
    ManualAttendanceForm,
    WebinarFeedbackForm,
)
from webinars.ics import session_ics
from webinars.models import (
    AttendanceImport,
    ChapterBlock,
    WebinarPage,
    WebinarSession,
    chapter_seconds,
)
from webinars.scope import recordable_learners, sheet_viewed
from webinars.selectors import (
    attendance_sessions,
    replay_kept,
    session_attendance_sheet,
    session_imports,
    webinar_sessions,
    webinar_status,
)
from webinars.services import (
    RegistrationError,
    already_imported_message,
    attendance_import_start,
    attendance_mark,
    replay_record,
    replay_share,
    session_cancel,
    session_register,
)

#: The permission that lets facilitators and programme staff record attendance.
ATTENDANCE_PERMISSION = "webinars.change_attendance"


def webinar_context(request, page: WebinarPage) -> dict:
    """What a webinar's template needs: sessions, the learner's status, the replay."""
    embed_url = (
        PrivacyEmbedBlock.player_url(page.replay_embed_url) if page.replay_embed_url else None
    )
    if embed_url:
        allow_video_frames(request)  # the external copy's player, in this response only
    french = source_page(page) if page.pk else page
    chapters = [
        {
            "title": c.value["title"],
            "start": c.value["start"],
            "seconds": chapter_seconds(c.value["start"]),
        }
        for c in page.replay_chapters
        if isinstance(c.block, ChapterBlock)
    ]
    return {
        "sessions": webinar_sessions(webinar=page, learner=request.user) if page.pk else [],
        "status": webinar_status(webinar=page, learner=request.user) if page.pk else None,
        "chapters": chapters,
        "replay_duration": french.replay_duration_seconds,
        "embed_url": embed_url,
        "tracking_page_id": french.pk,
        "feedback_form": WebinarFeedbackForm(),
    }


def serve_webinar(request, page: WebinarPage, *args, **kwargs):
    """Entry point of ``WebinarPage.serve``: GET renders, POST registers or cancels."""
    if request.method != "POST":
        return Page.serve(page, request, *args, **kwargs)
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    action = request.POST.get("action")
    if action == "feedback":
        return _webinar_feedback(request, page)
    session = WebinarSession.objects.filter(
        pk=request.POST.get("session") or 0, webinar=source_page(page)
    ).first()
    if session is None:
        raise Http404
    if action == "register":
        try:
            session_register(learner=request.user, session=session)
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("You are registered. A confirmation e-mail with a calendar file is on its way."),
            )
    elif action == "cancel":
        session_cancel(learner=request.user, session=session)
        messages.success(
            request, _("Your registration is cancelled: the seat is free for someone else.")
        )
    return redirect(page.get_url(request) + "#seances")


def session_calendar(request, session_id: int):
    """The calendar file of a live session of a published webinar, in the reader's
    language: the same as the confirmation e-mail's (no videoconference link in it)."""
    session = get_object_or_404(
        WebinarSession.objects.select_related("webinar").filter(webinar__live=True),
        pk=session_id,
    )
    page_url = absolute_url(session.webinar.url or "/")
    response = HttpResponse(
        session_ics(session, page_url=page_url, language=get_language() or "fr"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="webinaire-dataide.ics"'
    return response


def _webinar_feedback(request, page: WebinarPage):
    """A learner who attended or watched the replay rates the webinar, as for a module."""
    status = webinar_status(webinar=page, learner=request.user)
    if status is None or not status.completed:
        messages.error(
            request, _("You can give your feedback once you have attended or watched it.")
        )
        return redirect(page.get_url(request))
    form = WebinarFeedbackForm(request.POST)
    if not form.is_valid():
        context = page.get_context(request)
        context["feedback_form"] = form
        return render(request, page.get_template(request), context, status=400)
    module_feedback_give(
        learner=request.user, module=page, language=get_language(), **form.cleaned_data
    )
    messages.success(request, _("Thank you: your feedback has been sent to the authors."))
    return redirect(page.get_url(request) + "#avis")


@require_POST
def replay_progress(request, page_id: int):
    """Receive the parts of the replay a learner watched (from the player's script)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login required"}, status=403)
    # What the record needs of the page, kept until pages change: this is posted every
    # few seconds by every learner watching.
    replay = replay_kept(page_id)
    if replay is None:
        raise Http404
    try:
        intervals = json.loads(request.POST.get("intervals", "[]"))
        progress = replay_record(learner=request.user, webinar=replay, intervals=intervals)
    except (ValueError, ValidationError) as error:
        message = (
            error.messages[0]
            if isinstance(error, ValidationError)
            else _("The watched parts could not be read.")
        )
        return JsonResponse({"error": message}, status=400)
    return JsonResponse(
        {
            "watched_seconds": progress.watched_seconds,
            "percent": replay_share(progress, replay.duration),
            "completed": progress.completed_at is not None,
        }
    )


def _require_attendance_permission(user) -> None:
    # Facilitators and programme staff record attendance; ``attendance_sessions`` then
    # narrows facilitators to their own cohorts' sessions (any other one is a 404).
    if not user.has_perm(ATTENDANCE_PERMISSION):
        raise PermissionDenied


@login_required
def session_list(request):
    """Sessions whose attendance can be recorded, newest first."""
    _require_attendance_permission(request.user)
    sessions = attendance_sessions(user=request.user).order_by("-starts_at")[:100]
    return render(request, "webinars/session_list.html", {"sessions": sessions})


@csrf_exempt  # checked by ``_session_attendance``, once the upload's size is capped
@login_required
def session_attendance(request, session_id: int):
    """A session's attendance: import a report, or mark people by hand."""
    _require_attendance_permission(request.user)
    session = get_object_or_404(attendance_sessions(user=request.user), pk=session_id)
    # A report that is too large is refused before it is read: by its announced length,
    # or, when the length is not announced, as soon as the upload grows past the limit.
    handler = CappedUploadHandler(request)
    request.upload_handlers = [handler]
    if request.method == "POST" and _announced_length(request) > MAX_BYTES + 64 * 1024:
        return _attendance_page(request, session, status=413, error=too_large_message())
    return _session_attendance(request, session, handler)


def _announced_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_protect
def _session_attendance(request, session, handler: CappedUploadHandler):
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "import":
        if handler.too_large:
            return _attendance_page(request, session, status=413, error=too_large_message())
        upload_form = AttendanceUploadForm(request.POST, request.FILES)
        if not upload_form.is_valid():
            return _attendance_page(request, session, upload_form=upload_form, status=400)
        report = upload_form.cleaned_data["report"]
        try:
            started = attendance_import_start(
                session=session,
                uploaded_by=request.user,
                filename=report.name,
                content=report.read(),
            )
        except AttendanceFileError as error:
            return _attendance_page(request, session, status=400, error=str(error))
        if started.already_imported:
            messages.info(request, already_imported_message(started.attendance_import))
        return redirect("webinars_import_detail", import_id=started.attendance_import.pk)
    if action == "mark":
        form = ManualAttendanceForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the minutes present and why you mark them by hand."))
            return redirect("webinars_session_attendance", session_id=session.pk)
        learner = get_object_or_404(
            recordable_learners(user=request.user, session=session), pk=form.cleaned_data["learner"]
        )
        try:
            attendance_mark(
                session=session,
                learner=learner,
                minutes_present=form.cleaned_data["minutes_present"],
                recorded_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attendance recorded."))
        return redirect("webinars_session_attendance", session_id=session.pk)
    return _attendance_page(request, session)


def _attendance_page(request, session, *, upload_form=None, status=200, error=""):
    # An attendance sheet shows learners' names: cohorts logs facilitators' views of it.
    sheet_viewed(user=request.user, session=session)
    return render(
        request,
        "webinars/session_attendance.html",
        {
            "session": session,
            "started": session.starts_at <= timezone.now(),
            "rows": session_attendance_sheet(session=session, user=request.user),
            "imports": session_imports(session=session),
            "upload_form": upload_form or AttendanceUploadForm(),
            "upload_error": error,
        },
        status=status,
    )


@login_required
def import_detail(request, import_id: int):
    """The report of one attendance import; refreshes itself while a worker runs it.

    The addresses that matched nobody come from the file: only the person who imported
    it sees them; anyone else sees how many there were."""
    _require_attendance_permission(request.user)
    attendance_import = get_object_or_404(
        AttendanceImport.objects.select_related("session__webinar", "uploaded_by").filter(
            session__in=attendance_sessions(user=request.user)
        ),
        pk=import_id,
    )
    return render(
        request,
        "webinars/import_detail.html",
        {
            "import": attendance_import,
            "show_addresses": attendance_import.uploaded_by_id == request.user.pk,
        },
    )
