"""The plan's pages: the organisation's draft (save, submit, share), its submitted
versions (read, compare, PDF), and the facilitators' reading of a shared plan with their
comments. Views parse, check who acts for which organisation, and call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cohorts.models import FacilitatorAccess
from cohorts.services import facilitator_access_log
from lms.transition.plan.document import (
    EMPTY,
    Section,
    budget_of,
    differences_by_section,
)
from lms.transition.plan.forms import CommentForm, PlanForms
from lms.transition.plan.models import TransitionPlan
from lms.transition.plan.pdf import plan_pdf
from lms.transition.plan.selectors import (
    bursary_ceiling,
    is_plan_contact,
    is_plan_writer,
    own_organisation,
    plan_changes_since,
    plan_page,
    plan_version,
    shared_plan_for,
    situation_prefill,
)
from lms.transition.plan.services import (
    PlanIncomplete,
    PlanOutdated,
    plan_comment_add,
    plan_save,
    plan_share_set,
    plan_submit,
)

#: Where each "save and add a row" button brings the person back.
ANCHORS = {value: value for value in Section.values}


def _edit_url(anchor: str = "") -> str:
    return reverse("plan_edit") + (f"#{anchor}" if anchor else "")


@never_cache
@login_required
def plan_edit(request):
    """The organisation's plan: its draft form, comments, versions, sharing, submission."""
    organisation = own_organisation(request.user)
    writer = is_plan_writer(request.user, organisation)
    page = plan_page(organisation=organisation)
    content = page.content if page.plan else {**EMPTY, "situation": situation_prefill(organisation)}
    changes = None
    status = 200
    if request.method == "POST":
        if not writer:
            raise Http404
        forms = PlanForms(content=content, revision=page.revision, data=request.POST)
        if forms.is_valid():
            try:
                plan = plan_save(
                    organisation=organisation,
                    user=request.user,
                    base_revision=forms.base_revision,
                    content=forms.content(),
                )
            except PlanOutdated as outdated:
                # Nothing was written: show what changed since, and keep what this
                # person typed, now based on the current revision.
                plan = TransitionPlan.objects.get(organisation=organisation)
                changes = plan_changes_since(plan=plan, base_revision=outdated.base_revision)
                data = request.POST.copy()
                data["revision"] = str(outdated.revision)
                page = plan_page(organisation=organisation)
                forms = PlanForms(content=page.content, revision=page.revision, data=data)
                forms.is_valid()
                status = 409
            else:
                return _after_save(request, organisation=organisation, plan=plan)
        else:
            status = 400
    else:
        forms = PlanForms(content=content, revision=page.revision)
    return render(
        request,
        "plan/plan_edit.html",
        {
            "page": page,
            "forms": forms,
            "writer": writer,
            "contact": is_plan_contact(request.user, organisation),
            "changes": changes,
            "sections": Section,
        },
        status=status,
    )


def _after_save(request, *, organisation, plan):
    then = request.POST.get("then", "")
    if then != "submit":
        messages.success(request, _("Draft saved."))
        return redirect(_edit_url(ANCHORS.get(then, "")))
    try:
        submission = plan_submit(
            organisation=organisation, user=request.user, base_revision=plan.revision
        )
    except PlanIncomplete:
        messages.error(
            request, _("Draft saved, but the plan cannot be submitted yet: see what is missing.")
        )
        return redirect(_edit_url("soumettre"))
    except PlanOutdated:
        messages.error(
            request, _("A colleague saved the plan in the meantime: read it again, then submit.")
        )
        return redirect(_edit_url("soumettre"))
    version = submission.version
    if submission.created:
        messages.success(
            request, _("Plan submitted: version %(number)s.") % {"number": version.number}
        )
    else:
        messages.info(
            request,
            _("This draft was already submitted (version %(number)s).")
            % {"number": version.number},
        )
    return redirect("plan_version", number=version.number)


@never_cache
@login_required
@require_POST
def plan_share(request):
    """A contact person shares the plan with the cohorts' facilitators, or withdraws it."""
    organisation = own_organisation(request.user)
    if not is_plan_contact(request.user, organisation):
        raise Http404
    shared = request.POST.get("shared") == "1"
    plan_share_set(organisation=organisation, user=request.user, shared=shared)
    messages.success(
        request,
        _("The plan is shared with your cohort's facilitators.")
        if shared
        else _("The plan is no longer shared: the facilitators cannot read it any more."),
    )
    return redirect(_edit_url("partage"))


@never_cache
@login_required
def version_view(request, number: int):
    """One submitted version, as it was frozen."""
    organisation = own_organisation(request.user)
    version = plan_version(organisation=organisation, number=number)
    page = plan_page(organisation=organisation)
    return render(
        request,
        "plan/plan_version.html",
        {
            "page": page,
            "version": version,
            "content": version.content,
            "budget": budget_of(version.content, ceiling=page.budget.ceiling),
        },
    )


@never_cache
@login_required
def compare_view(request):
    """Two submitted versions (``?de=`` and ``?a=``, or the draft), section by section."""
    organisation = own_organisation(request.user)
    page = plan_page(organisation=organisation)
    if not page.versions:
        raise Http404
    numbers = [v.number for v in page.versions]
    # By default, the last two versions, or the only one and the draft.
    before_number = _number(request.GET.get("de"), default=numbers[-2 if len(numbers) > 1 else -1])
    after_number = _number(
        request.GET.get("a"),
        default=numbers[-1] if len(numbers) > 1 and not request.GET.get("de") else None,
    )
    before = plan_version(organisation=organisation, number=before_number)
    if after_number is None:
        after, after_content = None, page.content
    else:
        after = plan_version(organisation=organisation, number=after_number)
        after_content = after.content
    return render(
        request,
        "plan/plan_compare.html",
        {
            "page": page,
            "before": before,
            "after": after,
            "sections": differences_by_section(before.content, after_content),
        },
    )


def _number(value, *, default):
    if value in (None, "", "brouillon"):
        return default
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


def _pdf_response(request, *, organisation, content, label, moment, filename):
    with translation.override(request.user.preferred_language or "fr"):
        pdf = plan_pdf(
            organisation=organisation,
            content=content,
            budget=budget_of(content, ceiling=bursary_ceiling()),
            label=str(label),
            moment=moment,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@never_cache
@login_required
def version_pdf(request, number: int):
    """A submitted version as a PDF, in the reader's language."""
    organisation = own_organisation(request.user)
    version = plan_version(organisation=organisation, number=number)
    with translation.override(request.user.preferred_language or "fr"):
        label = _("Version %(number)s") % {"number": version.number}
    return _pdf_response(
        request,
        organisation=organisation,
        content=version.content,
        label=label,
        moment=version.submitted_at,
        filename=f"plan-{slugify(organisation.name)}-v{version.number}",
    )


@never_cache
@login_required
def draft_pdf(request):
    """The draft as it is saved, as a PDF, in the reader's language."""
    organisation = own_organisation(request.user)
    page = plan_page(organisation=organisation)
    with translation.override(request.user.preferred_language or "fr"):
        label = _("Draft")
    return _pdf_response(
        request,
        organisation=organisation,
        content=page.content,
        label=label,
        moment=page.plan.updated_at if page.plan else timezone.now(),
        filename=f"plan-{slugify(organisation.name)}-brouillon",
    )


@never_cache
@login_required
def shared_view(request, cohort_id: int, organisation_id: int):
    """A plan its organisation shares, read by its cohort's facilitators, who comment."""
    cohort, organisation = shared_plan_for(
        user=request.user, cohort_id=cohort_id, organisation_id=organisation_id
    )
    page = plan_page(organisation=organisation)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan_comment_add(
            plan=page.plan,
            cohort=cohort,
            author=request.user,
            section=form.cleaned_data["section"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("Comment added; the organisation sees it beside its plan."))
        return redirect(
            reverse("plan_shared", args=[cohort.pk, organisation.pk])
            + f"#{form.cleaned_data['section']}"
        )
    facilitator_access_log(
        user=request.user,
        cohort_id=cohort.pk,
        view=FacilitatorAccess.View.TRANSITION_PLAN,
        organisation=organisation,
    )
    return render(
        request,
        "plan/plan_shared.html",
        {
            "cohort": cohort,
            "page": page,
            "content": page.content,
            "budget": page.budget,
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )
