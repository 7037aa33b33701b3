"""The self-assessment's pages.

Learners of an organisation (``selectors.learner_organisation``) open and close rounds,
answer their own take one dimension per step (a plain form per step: no script needed,
each step saved as they go, resumable), read their own answers and their organisation's
combined result, and export it. A contact person shares the result with the cohorts'
facilitators, or withdraws it. A facilitator of a cohort the organisation is seated in
reads a shared result (logged); programme staff read only aggregates. Whoever must not
see a page gets a 404: it does not exist as far as they can tell.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cohorts.selectors.access import cohort_for
from cohorts.selectors.people import cohort_organisations, find_organisation
from cohorts.services import facilitator_access_log
from content.i18n import localized_pages
from lms.accounts.roles import is_programme_staff
from lms.transition.assessment import exports
from lms.transition.assessment.chart import result_chart
from lms.transition.assessment.models import Round, Take
from lms.transition.assessment.selectors import (
    AssessmentResult,
    compare,
    dimension_modules,
    is_contact,
    is_shared,
    learner_organisation,
    organisation_overview,
    organisation_results,
    questionnaire_page,
    staff_aggregates,
    take_progress,
)
from lms.transition.assessment.services import (
    round_close,
    round_open,
    sharing_set,
    take_answer,
    take_start,
)
from lms.transition.assessment.words import level_number

#: About how long a take lasts, as the page says.
MINUTES = 15


def page_context(request, page) -> dict:
    """The questionnaire's page: for a learner of an organisation, its rounds, the open
    one and their own take, and (for a contact person) the sharing choice."""
    organisation = learner_organisation(request.user) if page.pk else None
    context = {"organisation": organisation, "minutes": MINUTES}
    if organisation is not None:
        context.update(organisation_overview(organisation=organisation, learner=request.user))
        context["is_contact"] = is_contact(user=request.user, organisation=organisation)
        context["shared"] = is_shared(organisation)
    return context


def _organisation(request):
    """The organisation the person answers for, or 404 (not a learner of one)."""
    organisation = learner_organisation(request.user)
    if organisation is None:
        raise Http404
    return organisation


def _questionnaire(request):
    """The published questionnaire and its address in the reader's language, or 404."""
    page = questionnaire_page()
    if page is None:
        raise Http404
    return page, localized_pages([page])[0].url


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@never_cache
@login_required
def home(request):
    """``/autodiagnostic/`` leads to the questionnaire's page."""
    return redirect(_questionnaire(request)[1])


@require_POST
@login_required
def round_open_view(request):
    organisation = _organisation(request)
    page, url = _questionnaire(request)
    try:
        opened = round_open(organisation=organisation, by=request.user, questionnaire=page)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("Round %(number)s is open: each colleague can now answer on their own.")
            % {"number": opened.number},
        )
    return redirect(url)


@require_POST
@login_required
def round_close_view(request, round_id: int):
    organisation = _organisation(request)
    found = get_object_or_404(Round, pk=round_id, organisation=organisation)
    try:
        round_close(round=found, by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The round is closed; its result is final."))
    return redirect(_questionnaire(request)[1])


def _open_take(request, organisation):
    """The person's take in the organisation's open round, or None."""
    return (
        Take.objects.filter(round__organisation=organisation, round__closed_at__isnull=True)
        .filter(learner=request.user)
        .select_related("round")
        .first()
    )


@require_POST
@login_required
def take_start_view(request):
    organisation = _organisation(request)
    _page, url = _questionnaire(request)
    found = Round.objects.filter(organisation=organisation, closed_at__isnull=True).first()
    if found is None:
        messages.error(request, _("No round is open: open one first."))
        return redirect(url)
    try:
        take = take_start(round=found, learner=request.user)
    except ValidationError as error:
        _errors(request, error)
        return redirect(url)
    return redirect("assessment_step", take_progress(take).next_step or 1)


@never_cache
@login_required
def step_view(request, step: int):
    """One dimension of the person's take: GET shows it with their answers so far, POST
    saves them and goes on (``go``: ``next``, ``previous`` or ``later``)."""
    organisation = _organisation(request)
    take = _open_take(request, organisation)
    if take is None:
        messages.info(request, _("Start the self-assessment from its page."))
        return redirect(_questionnaire(request)[1])
    progress = take_progress(take)
    if not 1 <= step <= len(progress.steps):
        raise Http404
    dimension = progress.steps[step - 1]
    status = 200
    if request.method == "POST":
        try:
            take = take_answer(
                take=take,
                dimension_key=dimension.key,
                answers={q.key: request.POST.get(f"q-{q.key}", "") for q in dimension.questions},
            )
        except ValidationError as error:
            _errors(request, error)
            status = 400
        else:
            return _after_step(request, take, step, len(progress.steps))
    return render(
        request,
        "assessment/step.html",
        {
            "take": take,
            "progress": progress,
            "dimension": dimension,
            "step": step,
            "step_count": len(progress.steps),
            "questions": [(q, take.answers.get(q.key)) for q in dimension.questions],
        },
        status=status,
    )


def _after_step(request, take, step: int, step_count: int):
    go = request.POST.get("go", "next")
    if go == "previous" and step > 1:
        return redirect("assessment_step", step - 1)
    if go == "later":
        messages.success(request, _("Your answers are saved: come back whenever you like."))
        return redirect(_questionnaire(request)[1])
    if go != "previous" and step < step_count:
        return redirect("assessment_step", step + 1)
    if take.finished_at is not None:
        messages.success(request, _("Thank you: your answers are saved."))
        return redirect("assessment_result", take.round_id)
    messages.info(request, _("Some questions are still unanswered: they are listed below."))
    return redirect("assessment_take", take.pk)


@never_cache
@login_required
def take_view(request, take_id: int):
    """The person's own answers in a round, and what is left; nobody else's."""
    take = get_object_or_404(Take.objects.select_related("round"), pk=take_id, learner=request.user)
    progress = take_progress(take)
    return render(
        request,
        "assessment/take.html",
        {
            "take": take,
            "progress": progress,
            "steps": [
                (index, dimension, [(q, take.answers.get(q.key)) for q in dimension.questions])
                for index, dimension in enumerate(progress.steps, start=1)
            ],
        },
    )


def _results(organisation, round_id: int, compare_to: str = ""):
    """The organisation's results, the round asked for (or 404) and the round it is
    compared with: the one asked for, or the latest earlier round with a result."""
    results = organisation_results(organisation)
    current = next((r for r in results if r.round.pk == round_id), None)
    if current is None:
        raise Http404
    others = [r for r in results if r.takes and r is not current]
    previous = next((r for r in others if str(r.round.pk) == compare_to.strip()), None)
    if previous is None and not compare_to:
        earlier = [r for r in others if r.round.number < current.round.number]
        previous = earlier[-1] if earlier else None
    return results, current, previous, others


def result_context(current: AssessmentResult, previous: AssessmentResult | None) -> dict:
    """What a result's page shows: the table, the chart, the talking points, the weakest
    dimensions with their modules, and the comparison with ``previous``."""
    changes = compare(current, previous)
    modules = dimension_modules([d.key for d in current.weakest])
    return {
        "result": current,
        "previous": previous,
        "changes": [(c, current.dimension(c.key)) for c in changes],
        "chart": result_chart(
            changes,
            current_name=exports.round_name(current),
            previous_name=exports.round_name(previous) if previous else "",
        ),
        "weakest": [(d, modules.get(d.key, [])) for d in current.weakest],
    }


@never_cache
@login_required
def result_view(request, round_id: int):
    """The organisation's combined result for a round, compared with another round."""
    organisation = _organisation(request)
    results, current, previous, others = _results(
        organisation, round_id, request.GET.get("avec", "")
    )
    context = result_context(current, previous)
    context.update(
        {
            "organisation": organisation,
            "others": others,
            "own_take": Take.objects.filter(round=current.round, learner=request.user).first(),
            "page_url": _questionnaire(request)[1],
        }
    )
    return render(request, "assessment/result.html", context)


def _export(request, round_id: int):
    organisation = _organisation(request)
    _results_, current, previous, _others = _results(
        organisation, round_id, request.GET.get("avec", "")
    )
    if not current.takes:
        raise Http404
    return current, previous, exports.result_rows(current, compare(current, previous), previous)


@never_cache
@login_required
def result_csv(request, round_id: int):
    current, _previous, rows = _export(request, round_id)
    return exports.csv_response(rows, result=current)


@never_cache
@login_required
def result_pdf(request, round_id: int):
    current, _previous, rows = _export(request, round_id)
    modules = dimension_modules([d.key for d in current.weakest])
    return exports.pdf_response(exports.result_pdf(current, rows, modules=modules), result=current)


@require_POST
@login_required
def sharing_view(request):
    """A contact person shares the result with the cohorts' facilitators, or withdraws it."""
    organisation = _organisation(request)
    if not is_contact(user=request.user, organisation=organisation):
        raise Http404
    shared = request.POST.get("shared") == "1"
    sharing_set(organisation=organisation, by=request.user, shared=shared)
    messages.success(
        request,
        _("Your cohorts' facilitators can now read your organisation's combined result.")
        if shared
        else _("Your organisation's result is no longer shared with the facilitators."),
    )
    return redirect(_questionnaire(request)[1])


@never_cache
@login_required
def shared_view(request, cohort_id: int, organisation_id: int):
    """A shared result, read by a facilitator of a cohort the organisation is seated in
    (written to the access log); a 404 for anyone else, or once sharing is withdrawn."""
    cohort = cohort_for(user=request.user, cohort_id=cohort_id)
    if not cohort.facilitators.filter(pk=request.user.pk).exists():
        raise Http404  # programme staff read aggregates only
    organisation = find_organisation(
        cohort_organisations(cohort=cohort, members=[]), organisation_id
    )
    if not is_shared(organisation):
        raise Http404
    results = [r for r in organisation_results(organisation) if r.takes]
    if not results:
        raise Http404
    facilitator_access_log(
        user=request.user, cohort_id=cohort.pk, view="self_assessment", organisation=organisation
    )
    context = result_context(results[-1], results[-2] if len(results) > 1 else None)
    context.update({"organisation": organisation, "cohort": cohort})
    return render(request, "assessment/shared.html", context)


@never_cache
@login_required
def staff_view(request):
    """Programme staff: aggregates per region and per cohort, small groups hidden."""
    if not is_programme_staff(request.user):
        raise Http404
    aggregates = staff_aggregates()
    return render(
        request,
        "assessment/staff.html",
        {
            "aggregates": aggregates,
            "regions": [(g, [level_number(m) for m in g.medians]) for g in aggregates.regions],
            "cohorts": [(g, [level_number(m) for m in g.medians]) for g in aggregates.cohorts],
        },
    )
