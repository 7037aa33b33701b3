"""Reads of calls and applications: the public call page, the organisation's application,
"Mon parcours" steps and the staff listings, each in a fixed number of queries."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from lms.accounts.models import Organisation
from lms.pathway.steps import LevelStep
from lms.selection.eligibility import facts_for, may_apply
from lms.selection.models import Application, ApplicationVersion, Call
from lms.transition.plan.models import BursaryCategory


def call_for_page(*, pk: int) -> Call | None:
    """Return a call with its criteria and regions, for its public page."""
    return (
        Call.objects.select_related("cohort")
        .prefetch_related("criteria", "regions")
        .filter(pk=pk)
        .first()
    )


def contact_organisation(user) -> Organisation | None:
    """Return the organisation ``user`` is a contact person of (their own first)."""
    if not user.is_authenticated:
        return None
    found = list(Organisation.objects.filter(contacts__person=user).order_by("pk"))
    for organisation in found:
        if organisation.pk == user.organisation_id:
            return organisation
    return found[0] if found else None


def application_for(*, user, pk: int) -> Application | None:
    """Return the application ``pk`` if ``user`` is a contact of its organisation."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.select_related("call", "organisation", "plan_version", "leader")
        .prefetch_related(
            "budget_lines", Prefetch("versions", queryset=ApplicationVersion.objects.all())
        )
        .filter(pk=pk, organisation__contacts__person=user)
        .first()
    )


def open_calls(*, today=None):
    today = today or timezone.localdate()
    return (
        Call.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .prefetch_related("regions")
        .order_by("closes_on", "pk")
    )


def _state_words(application: Application) -> str:
    if application.state == Application.State.SUBMITTED:
        return gettext("Submitted on %(date)s") % {
            "date": formats.date_format(timezone.localtime(application.submitted_at))
        }
    if application.state == Application.State.RETURNED:
        return gettext("Returned for changes")
    return gettext("Draft saved on %(date)s") % {
        "date": formats.date_format(timezone.localtime(application.updated_at))
    }


def call_steps(*, learner) -> list[LevelStep]:
    """ "Mon parcours": the open calls the learner's organisation may apply to, and its
    applications with their state (seven queries at most, whatever the calls)."""
    organisation = learner.organisation
    if organisation is None:
        return []
    applications = list(
        Application.objects.filter(organisation=organisation).select_related("call")
    )
    # The application's page is its contact people's; the others read the call.
    is_contact = organisation.contacts.filter(person=learner).exists()
    steps = [
        LevelStep(
            level=application.call.level,
            title=gettext("Application: %(call)s") % {"call": application.call.title},
            status=_state_words(application),
            url=reverse("selection_application", args=[application.pk])
            if is_contact
            else reverse("selection_call", args=[application.call_id]),
            action=gettext("See the application") if is_contact else gettext("Read the call"),
            done=application.state == Application.State.SUBMITTED,
        )
        for application in applications
    ]
    applied = {application.call_id for application in applications}
    calls = [call for call in open_calls() if call.pk not in applied]
    if calls:
        facts = facts_for(organisation=organisation, person=learner)
        steps += [
            LevelStep(
                level=call.level,
                title=gettext("Call for applications: %(call)s") % {"call": call.title},
                status=gettext("Open until %(date)s")
                % {"date": formats.date_format(call.closes_on)},
                url=reverse("selection_call", args=[call.pk]),
                action=gettext("Read the call"),
            )
            for call in calls
            if may_apply(call, facts)
        ]
    return steps


def version_content(version: ApplicationVersion | None) -> dict | None:
    """A version's content as pages show it: each budget line with its category's name."""
    if version is None:
        return None
    labels = dict(BursaryCategory.choices)
    content = dict(version.content)
    content["budget"] = [
        {**line, "category_label": labels.get(line["category"], line["category"])}
        for line in content.get("budget", [])
    ]
    return content


def applications_for_staff():
    """Every application, with what the staff listing shows."""
    return Application.objects.select_related("call", "organisation")


def application_for_staff(*, pk: int) -> Application | None:
    return (
        Application.objects.select_related(
            "call", "organisation", "plan_version", "leader", "created_by"
        )
        .prefetch_related(
            "budget_lines",
            Prefetch(
                "versions", queryset=ApplicationVersion.objects.select_related("submitted_by")
            ),
        )
        .filter(pk=pk)
        .first()
    )
