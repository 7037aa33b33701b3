"""The site's pages of calls and applications: the public call page, starting an
application, and the application's page (save the draft, submit). An application is its
organisation's contact people's only: anyone else gets a 404.

The committees' pages (``/candidatures/comite/``): a member's applications, each one
read-only, the declaration of interests, the scores, and the consolidated scores (once
their own are submitted; staff see any). An application is its committee's members'
only, and never of a member who declared a conflict with it: anyone else gets a 404.
Each view of an application there is written to the access log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from lms.accounts.roles import is_programme_staff
from lms.selection.eligibility import facts_for, may_apply
from lms.selection.forms import (
    ApplicationForm,
    BudgetFormSet,
    DecisionReviewForm,
    DeclarationForm,
    ReviewForm,
    budget_initial,
    typed_lines,
)
from lms.selection.models import Application, ApplicationAccess
from lms.selection.selectors import (
    MemberState,
    application_for,
    application_for_committee_staff,
    assignment_for,
    call_for_page,
    committee_for,
    committees_overview,
    consolidated,
    contact_organisation,
    decided,
    declared_conflict,
    latest_decision,
    member_applications,
    version_content,
)
from lms.selection.services import (
    ApplicationError,
    application_access_log,
    application_missing,
    application_save,
    application_start,
    application_submit,
    budget_total,
    ceiling_error,
    conflict_declare,
    decision_review_ask,
    review_submit,
)


def call_view(request, pk: int):
    """The call's public page: what it gives, its dates, guide and criteria."""
    call = call_for_page(pk=pk)
    if call is None:
        raise Http404
    organisation = contact_organisation(request.user)
    application = eligible = None
    if organisation is not None:
        application = Application.objects.filter(call=call, organisation=organisation).first()
        eligible = may_apply(call, facts_for(organisation=organisation, person=request.user))
    return render(
        request,
        "selection/call.html",
        {
            "call": call,
            "organisation": organisation,
            "application": application,
            "eligible": eligible,
        },
    )


@login_required
@require_POST
def call_apply(request, pk: int):
    """Open the organisation's application to the call (a contact person only)."""
    call = call_for_page(pk=pk)
    organisation = contact_organisation(request.user)
    if call is None or organisation is None:
        raise Http404
    try:
        application = application_start(call=call, organisation=organisation, person=request.user)
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("selection_call", pk=call.pk)
    return redirect("selection_application", pk=application.pk)


@login_required
def application_view(request, pk: int):
    """The application: its draft's form and what is missing, or the submitted version
    and, once decided, the decision with its reasons and the form to ask for a review."""
    application = application_for(user=request.user, pk=pk)
    if application is None:
        raise Http404
    lines = list(application.budget_lines.all())
    form = formset = None
    if application.editable:
        if request.method == "POST":
            form = ApplicationForm(request.POST, instance=application)
            formset = BudgetFormSet(request.POST, prefix="budget")
            if form.is_valid() and formset.is_valid():
                try:
                    application = application_save(
                        application=application,
                        person=request.user,
                        title=form.cleaned_data["title"],
                        summary=form.cleaned_data["summary"],
                        description=form.cleaned_data["description"],
                        lines=typed_lines(formset),
                    )
                    if request.POST.get("then") == "submit":
                        application_submit(application=application, person=request.user)
                        messages.success(request, gettext("The application is submitted."))
                    else:
                        messages.success(request, gettext("The draft is saved."))
                except ApplicationError as error:
                    messages.error(request, str(error))
                return redirect("selection_application", pk=application.pk)
        else:
            form = ApplicationForm(instance=application)
            formset = BudgetFormSet(prefix="budget", initial=budget_initial(lines))
    elif request.method == "POST":
        raise Http404
    return _application_page(request, application, lines, form, formset)


def _application_page(request, application, lines, form=None, formset=None, review_form=None):
    versions = list(application.versions.all())
    decision = latest_decision(application)
    return render(
        request,
        "selection/application.html",
        {
            "decision": decision,
            "review_form": (review_form or DecisionReviewForm()) if decision else None,
            "application": application,
            "call": application.call,
            "form": form,
            "formset": formset,
            "lines": lines,
            "total": budget_total(lines),
            "over_ceiling": ceiling_error(application.call, budget_total(lines)),
            "missing": application_missing(application=application, lines=lines),
            "versions": versions,
            "latest": versions[-1] if versions else None,
            "latest_content": version_content(versions[-1] if versions else None),
        },
    )


@login_required
@require_POST
def decision_review(request, pk: int):
    """A contact of the organisation asks for a review of the decision (a staff task)."""
    application = application_for(user=request.user, pk=pk)
    decision = latest_decision(application) if application else None
    if decision is None:
        raise Http404
    form = DecisionReviewForm(request.POST)
    if not form.is_valid():
        lines = list(application.budget_lines.all())
        return _application_page(request, application, lines, review_form=form)
    try:
        decision_review_ask(
            decision=decision, person=request.user, message=form.cleaned_data["message"]
        )
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, gettext("Your request is sent: the DATAide team will answer you by e-mail.")
        )
    return redirect("selection_application", pk=pk)


# Committees ------------------------------------------------------------------------------


@login_required
def committee_home(request):
    """A member's applications with their state; staff: every committee's."""
    assigned = member_applications(request.user)
    staff = is_programme_staff(request.user)
    if not assigned and not staff:
        # A member of a committee with no application yet still gets the page.
        if not request.user.committee_seats.exists():
            raise Http404
    return render(
        request,
        "selection/committee_home.html",
        {"assigned": assigned, "overview": committees_overview() if staff else None},
    )


def _assignment(request, pk):
    assignment = assignment_for(user=request.user, pk=pk)
    if assignment is None:
        raise Http404
    return assignment


def _latest(application):
    version = application.versions.order_by("-number").first()
    return version, version_content(version)


@login_required
def committee_application(request, pk: int):
    """The application, read-only, for a member who declared no conflict with it."""
    assignment = _assignment(request, pk)
    if assignment.state == MemberState.TO_DECLARE:
        return redirect("selection_committee_declaration", pk=pk)
    application = assignment.application
    application_access_log(
        person=request.user, application=application, view=ApplicationAccess.View.APPLICATION
    )
    latest, content = _latest(application)
    return render(
        request,
        "selection/committee_application.html",
        {"assignment": assignment, "application": application, "latest": latest,
         "content": content},
    )  # fmt: skip


@login_required
def committee_declaration(request, pk: int):
    """Before reading an application: does the member have a conflict of interest?"""
    assignment = _assignment(request, pk)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conflict_declare(
                member=assignment.member,
                application=assignment.application,
                has_conflict=form.cleaned_data["has_conflict"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            messages.error(request, str(error))
            return redirect("selection_committee")
        if form.cleaned_data["has_conflict"]:
            messages.success(
                request,
                gettext(
                    "Your conflict of interest is recorded: the application is no longer "
                    "shown to you, and the other members decide on it."
                ),
            )
            return redirect("selection_committee")
        messages.success(request, gettext("Your declaration is recorded."))
        return redirect("selection_committee_application", pk=pk)
    return render(
        request,
        "selection/committee_declaration.html",
        {"assignment": assignment, "application": assignment.application, "form": form},
    )


@login_required
def committee_review(request, pk: int):
    """The member's scores of each criterion, submitted once, before seeing the others'."""
    assignment = _assignment(request, pk)
    if assignment.state == MemberState.TO_DECLARE:
        return redirect("selection_committee_declaration", pk=pk)
    if assignment.state == MemberState.SCORED:
        return redirect("selection_committee_consolidated", pk=pk)
    application = assignment.application
    form = ReviewForm(request.POST or None, criteria=application.call.criteria.all())
    if request.method == "POST" and form.is_valid():
        try:
            review_submit(member=assignment.member, application=application, scores=form.scores())
        except ApplicationError as error:
            messages.error(request, str(error))
            return redirect("selection_committee")
        messages.success(request, gettext("Your scores are submitted."))
        return redirect("selection_committee_consolidated", pk=pk)
    return render(
        request,
        "selection/committee_review.html",
        {"assignment": assignment, "application": application, "form": form},
    )


@login_required
def committee_consolidated(request, pk: int):
    """Every member's scores: for a member once theirs are submitted; for staff, any."""
    assignment = assignment_for(user=request.user, pk=pk)
    if assignment is not None and assignment.state == MemberState.SCORED:
        application = assignment.application
    elif assignment is None and is_programme_staff(request.user):
        application = application_for_committee_staff(pk=pk)
        if application is None or committee_for(application) is None:
            raise Http404
        if declared_conflict(user=request.user, application=application):
            raise Http404
    else:
        raise Http404
    application_access_log(
        person=request.user, application=application, view=ApplicationAccess.View.CONSOLIDATED
    )
    return render(
        request,
        "selection/committee_consolidated.html",
        {"application": application, "summary": consolidated(application),
         "is_member": assignment is not None,
         # Staff record the committee's decision in the admin, from here.
         "decision_url": (
             reverse("selection_applications:decision", args=[application.pk])
             if assignment is None and request.user.has_perm("selection.change_application")
             and not decided(application) else None
         )},
    )  # fmt: skip
