"""The site's pages of calls and applications: the public call page, starting an
application, and the application's page (save the draft, submit). An application is its
organisation's contact people's only: anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from lms.selection.eligibility import facts_for, may_apply
from lms.selection.forms import ApplicationForm, BudgetFormSet, budget_initial, typed_lines
from lms.selection.models import Application
from lms.selection.selectors import (
    application_for,
    call_for_page,
    contact_organisation,
    version_content,
)
from lms.selection.services import (
    ApplicationError,
    application_missing,
    application_save,
    application_start,
    application_submit,
    budget_total,
    ceiling_error,
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
    """The application: its draft's form and what is missing, or the submitted version."""
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
    versions = list(application.versions.all())
    return render(
        request,
        "selection/application.html",
        {
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
