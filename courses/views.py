"""Learner-facing views of module pages: show, and take the learner's actions.

A module page answers GET like any Wagtail page, and POST for the learner's actions:
``complete`` (mark it done), ``answer`` (an activity) and ``feedback``. Each action is a
service call; after it the learner is redirected (post/redirect/get), so reloading never
posts twice.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.i18n import source_page
from courses.forms import FeedbackForm
from courses.schedule import learner_cohort_overview
from courses.selectors import (
    course_outline,
    level_next_step,
    level_steps,
    module_responses,
    pathway_levels,
)
from courses.services import (
    ModuleLocked,
    activity_answer,
    module_complete,
    module_feedback_give,
)
from lms.person_cache import fresh_key


def home_context(request, page) -> dict:
    """The pathway's home: its levels, each card leading straight to what to do first."""
    levels = pathway_levels(home=page)
    return {
        "levels": levels,
        "level_cards": [
            (level, level_next_step(level=level, user=request.user)) for level in levels
        ],
    }


def level_context(request, page) -> dict:
    """A level: what it holds, and the learner's next step in it."""
    return {
        "steps": level_steps(level=page),
        "next_step": level_next_step(level=page, user=request.user),
    }


def course_context(request, page) -> dict:
    """A course: its outline with the learner's status, and the learner's own cohort (its
    name, facilitators and weeks; never the others')."""
    return {
        "outline": course_outline(course=page, user=request.user),
        "cohort": (
            learner_cohort_overview(learner=request.user, course=source_page(page))
            if page.pk
            else None
        ),
    }


def serve_module(request, page, *args, **kwargs):
    """Entry point of ``ModulePage.serve``: GET renders, POST takes an action."""
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(page.get_url(request))
        return _take_action(request, page)
    return Page.serve(page, request, *args, **kwargs)


def module_context(request, page) -> dict:
    """What a module's template needs beyond the page: the course, the learner's status,
    their own answers, the next module. Also used by the admin's preview."""
    user = request.user
    parent = page.get_parent() if page.pk or page.path else None
    course = parent.specific if parent is not None else None
    outline = course_outline(course=course, user=user) if course is not None else None
    french = source_page(page) if page.pk else page
    row = outline.row_for(french.pk) if outline else None
    following = outline.following(french.pk) if outline else None
    responses = module_responses(learner=user, module=page) if page.pk else {}
    return {
        "course": course,
        "outline": outline,
        "row": row,
        "locked_until": row.opens_on if row else None,
        "is_done": bool(row and row.is_done),
        "blocks": [(block, responses.get(str(block.id))) for block in page.body],
        "next_module": following.module if following else None,
        "feedback_form": FeedbackForm(),
        "idempotency_key": fresh_key(request),
    }


def render_module(request, page, *, feedback_form, status):
    """Render a module again with a form's errors."""
    context = page.get_context(request)
    context["feedback_form"] = feedback_form
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _back(request, page, anchor: str = ""):
    return redirect(page.get_url(request) + (f"#{anchor}" if anchor else ""))


def _take_action(request, page):
    action = request.POST.get("action")
    try:
        if action == "complete":
            return _complete(request, page)
        if action == "answer":
            block_id = request.POST.get("block_id", "")
            activity_answer(
                learner=request.user,
                module=page,
                block_id=block_id,
                text=request.POST.get("text", ""),
                choices=request.POST.getlist("choice"),
            )
            messages.success(request, _("Your answer has been saved."))
            return _back(request, page, f"activite-{block_id}")
        if action == "feedback":
            form = FeedbackForm(request.POST)
            if not form.is_valid():
                return render_module(request, page, feedback_form=form, status=400)
            module_feedback_give(
                learner=request.user,
                module=page,
                language=translation.get_language(),
                **form.cleaned_data,
            )
            messages.success(request, _("Thank you: your feedback has been sent to the authors."))
            return _back(request, page, "avis")
    except ModuleLocked as locked:
        messages.error(
            request,
            _("This module opens on %(date)s.")
            % {"date": formats.date_format(locked.opens_on, "DATE_FORMAT")},
        )
        return _back(request, page)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        anchor = f"activite-{request.POST.get('block_id', '')}" if action == "answer" else ""
        return _back(request, page, anchor)
    messages.error(request, _("This action is not known."))
    return _back(request, page)


def _complete(request, page):
    _completion, created = module_complete(
        learner=request.user, module=page, idempotency_key=request.POST.get("idempotency_key", "")
    )
    if created:
        messages.success(request, _("Module marked as done."))
    else:
        messages.info(request, _("You had already marked this module as done."))
    outline = course_outline(course=page.get_parent().specific, user=request.user)
    following = outline.following(source_page(page).pk)
    if following is not None:
        return redirect(following.module.get_url(request))
    return redirect(page.get_parent().get_url(request))
