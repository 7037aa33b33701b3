"""A facilitator's messages to their cohort: write one, read the list of those sent.

Reached through ``cohort_for``: another facilitator's cohort is a 404; programme staff
reach every cohort.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from cohorts.messages.forms import CohortMessageForm
from cohorts.messages.selectors import cohort_messages
from cohorts.messages.services import cohort_message_recipient_ids, cohort_message_send
from cohorts.models import CohortMessage
from cohorts.selectors.access import cohort_for


@login_required
def message_write(request, cohort_id: int):
    """Write to the whole cohort or to its flagged learners."""
    cohort = cohort_for(user=request.user, cohort_id=cohort_id)
    counts = {
        audience: len(cohort_message_recipient_ids(cohort=cohort, audience=audience))
        for audience in CohortMessage.Audience.values
    }
    form = CohortMessageForm(request.POST or None, counts=counts)
    if request.method == "POST" and form.is_valid():
        try:
            message = cohort_message_send(
                cohort=cohort,
                sender=request.user,
                audience=form.cleaned_data["audience"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(message.recipients)
            messages.success(
                request,
                ngettext(
                    "Your message is on its way to %(count)s learner.",
                    "Your message is on its way to %(count)s learners.",
                    count,
                )
                % {"count": count},
            )
            return redirect("cohorts_message_list", cohort_id=cohort.pk)
    return render(
        request,
        "cohorts/message_form.html",
        {"cohort": cohort, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def message_list(request, cohort_id: int):
    """The messages already sent to the cohort: subject, date, audience, how many."""
    cohort = cohort_for(user=request.user, cohort_id=cohort_id)
    return render(
        request,
        "cohorts/message_list.html",
        {"cohort": cohort, "sent": cohort_messages(cohort)},
    )
