"""What the self-assessment tells the apps below it, through the providers they expose
(registered in ``AssessmentConfig.ready``):

* "Mon parcours" (``lms.pathway.steps``): the level-2 step "Autodiagnostic", where the
  learner's organisation and own take stand, and the link to continue or to the result.
* The facilitators' pages and the grid's exports (``cohorts.selectors.plans``): the
  "self_assessment" state of each organisation, never its content:

  - NOT_STARTED: the organisation has opened no round;
  - STARTED: it opened a round, and no colleague has finished a take yet;
  - SUBMITTED: at least one colleague finished a take, so a combined result exists (an
    open round keeps it, and every later round too);

  with its rounds in a few words, and the address of the shared result only where the
  organisation shares it with the cohort's facilitators.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cohorts.selectors.plans import PlanStatus, TransitionState
from content.i18n import localized_pages
from courses.models import Level
from lms.pathway.steps import LevelStep
from lms.transition.assessment.models import ResultSharing, Round, Take
from lms.transition.assessment.selectors import questionnaire_page, take_progress
from lms.transition.assessment.words import day


def _rounds():
    """Rounds with how many of their takes are finished (``finished``)."""
    return Round.objects.annotate(
        finished=Count("takes", filter=Q(takes__finished_at__isnull=False))
    )


def pathway_steps(*, learner) -> list[LevelStep]:
    """Return the "Autodiagnostic" step of level 2 for ``learner`` (none without an
    organisation or a published questionnaire). At most five queries."""
    page = questionnaire_page()
    if page is None or not learner.organisation_id:
        return []
    url = localized_pages([page])[0].url
    latest = _rounds().filter(organisation_id=learner.organisation_id).order_by("-number").first()
    status, url, action, done = _where(learner, latest, url)
    return [
        LevelStep(
            level=Level.ACCELERATION,
            title=_("Digital-maturity self-assessment"),
            status=status,
            url=url,
            action=action,
            done=done,
        )
    ]


def _where(learner, latest: Round | None, url: str) -> tuple[str, str, str, bool]:
    """The step's status, link, link text and whether it is done."""
    if latest is None:
        return (
            _("Your organisation has not started it yet."),
            url,
            _("Start the self-assessment"),
            False,
        )
    result_url = reverse("assessment_result", args=[latest.pk])
    done = (
        latest.finished > 0
        or Take.objects.filter(
            round__organisation_id=learner.organisation_id, finished_at__isnull=False
        ).exists()
    )
    if not latest.is_open:
        status = _("Round %(number)s closed on %(date)s.") % {
            "number": latest.number,
            "date": day(latest.closed_at),
        }
        if latest.finished:
            return status, result_url, _("See the result"), done
        return status, url, _("Open a round"), done
    take = Take.objects.filter(round=latest, learner=learner).first()
    if take is None:
        status = _("Round %(number)s is open: your answers are expected.")
        return status % {"number": latest.number}, url, _("Answer the questionnaire"), done
    if take.finished_at is None:
        progress = take_progress(take)
        status = _("Your answers: %(answered)s of %(total)s questions.") % {
            "answered": progress.answered,
            "total": progress.total,
        }
        return (
            status,
            reverse("assessment_step", args=[progress.next_step or 1]),
            _("Continue"),
            done,
        )
    status = _("Your answers are saved; round %(number)s is open.") % {"number": latest.number}
    return status, result_url, _("See the result"), done


def transition_states(*, cohort, organisations: list) -> dict[int, TransitionState]:
    """Return each organisation's self-assessment state (module docstring). Two queries."""
    ids = [organisation.pk for organisation in organisations]
    rounds: dict[int, list[Round]] = {}
    for found in _rounds().filter(organisation_id__in=ids).order_by("number"):
        rounds.setdefault(found.organisation_id, []).append(found)
    shared = set(
        ResultSharing.objects.filter(organisation_id__in=ids, shared=True).values_list(
            "organisation_id", flat=True
        )
    )
    states = {}
    for organisation_id, found in rounds.items():
        last = found[-1]
        submitted = any(r.finished for r in found)
        detail = ngettext(
            "%(count)s round, the last on %(date)s",
            "%(count)s rounds, the last on %(date)s",
            len(found),
        ) % {"count": len(found), "date": day(last.closed_at or last.opened_at)}
        if last.is_open:
            detail += " " + _("(open)")
        states[organisation_id] = TransitionState(
            status=PlanStatus.SUBMITTED if submitted else PlanStatus.STARTED,
            detail=detail,
            shared_url=(
                reverse("assessment_shared", args=[cohort.pk, organisation_id])
                if cohort is not None and submitted and organisation_id in shared
                else ""
            ),
        )
    return states
