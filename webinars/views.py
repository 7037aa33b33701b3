"""Webinar pages for learners, and attendance screens for facilitators and staff."""

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from content.blocks import PrivacyEmbedBlock
from courses.selectors import source_page
from webinars.forms import AttendanceUploadForm, ManualAttendanceForm
from webinars.models import (
    AttendanceImport,
    ChapterBlock,
    WebinarPage,
    WebinarSession,
    chapter_seconds,
)
from webinars.selectors import (
    attendance_sessions,
    session_attendance_sheet,
    session_imports,
    webinar_sessions,
    webinar_status,
)
from webinars.services import (
    RegistrationError,
    attendance_import_start,
    attendance_mark,
    replay_record,
    session_cancel,
    session_register,
)

#: The permission that lets facilitators and programme staff record attendance.
ATTENDANCE_PERMISSION = "webinars.change_attendance"


def webinar_context(request, page: WebinarPage) -> dict:
    """What a webinar's template needs: sessions, the learner's status, the replay."""
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
        "embed_url": PrivacyEmbedBlock.player_url(page.replay_embed_url)
        if page.replay_embed_url
        else None,
        "tracking_page_id": french.pk,
    }


def serve_webinar(request, page: WebinarPage, *args, **kwargs):
    """Entry point of ``WebinarPage.serve``: GET renders, POST registers or cancels."""
    if request.method != "POST":
        return Page.serve(page, request, *args, **kwargs)
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    session = WebinarSession.objects.filter(
        pk=request.POST.get("session") or 0, webinar=source_page(page)
    ).first()
    if session is None:
        raise Http404
    action = request.POST.get("action")
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


@require_POST
def replay_progress(request, page_id: int):
    """Receive the parts of the replay a learner watched (from the player's script)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login required"}, status=403)
    webinar = get_object_or_404(WebinarPage.objects.live(), pk=page_id)
    try:
        intervals = json.loads(request.POST.get("intervals", "[]"))
        progress = replay_record(learner=request.user, webinar=webinar, intervals=intervals)
    except (ValueError, ValidationError) as error:
        message = (
            error.messages[0]
            if isinstance(error, ValidationError)
            else _("The watched parts could not be read.")
        )
        return JsonResponse({"error": message}, status=400)
    duration = source_page(webinar).replay_duration_seconds
    return JsonResponse(
        {
            "watched_seconds": progress.watched_seconds,
            "percent": min(100, int(100 * progress.watched_seconds / duration)),
            "completed": progress.completed_at is not None,
        }
    )


def _require_attendance_permission(user) -> None:
    # Facilitators and programme staff record attendance; ``attendance_sessions`` then
    # narrows facilitators to their own cohorts' sessions (any other one is a 404).
    if not user.has_perm(ATTENDANCE_PERMISSION):
        raise PermissionDenied


def _log_facilitator_access(user, session) -> None:
    """An attendance sheet shows learners' names: facilitators' views of it are logged
    for programme staff, like the cohort pages."""
    from cohorts.selectors import is_programme_staff
    from cohorts.services import facilitator_access_log

    if is_programme_staff(user):
        return
    for cohort in session.cohorts.filter(facilitators=user):
        facilitator_access_log(user=user, cohort=cohort, view="attendance")


@login_required
def session_list(request):
    """Sessions whose attendance can be recorded, newest first."""
    _require_attendance_permission(request.user)
    sessions = attendance_sessions(user=request.user).order_by("-starts_at")[:100]
    return render(request, "webinars/session_list.html", {"sessions": sessions})


@login_required
def session_attendance(request, session_id: int):
    """A session's attendance: import a report, or mark people by hand."""
    _require_attendance_permission(request.user)
    session = get_object_or_404(attendance_sessions(user=request.user), pk=session_id)
    upload_form = AttendanceUploadForm()
    if request.method == "POST" and request.POST.get("action") == "import":
        upload_form = AttendanceUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            report = upload_form.cleaned_data["report"]
            attendance_import = attendance_import_start(
                session=session,
                uploaded_by=request.user,
                filename=report.name,
                content=report.read(),
            )
            return redirect("webinars_import_detail", import_id=attendance_import.pk)
    elif request.method == "POST" and request.POST.get("action") == "mark":
        form = ManualAttendanceForm(request.POST)
        if form.is_valid():
            learner = get_object_or_404(get_user_model(), pk=form.cleaned_data["learner"])
            attendance_mark(
                session=session,
                learner=learner,
                minutes_present=form.cleaned_data["minutes_present"],
                recorded_by=request.user,
            )
            messages.success(request, _("Attendance recorded."))
        else:
            messages.error(request, _("Give the minutes present as a whole number."))
        return redirect("webinars_session_attendance", session_id=session.pk)
    _log_facilitator_access(request.user, session)
    return render(
        request,
        "webinars/session_attendance.html",
        {
            "session": session,
            "rows": session_attendance_sheet(session=session),
            "imports": session_imports(session=session),
            "upload_form": upload_form,
        },
    )


@login_required
def import_detail(request, import_id: int):
    """The report of one attendance import; refreshes itself while a worker runs it."""
    _require_attendance_permission(request.user)
    attendance_import = get_object_or_404(
        AttendanceImport.objects.select_related("session__webinar").filter(
            session__in=attendance_sessions(user=request.user)
        ),
        pk=import_id,
    )
    return render(request, "webinars/import_detail.html", {"import": attendance_import})
