"""The self-assessment's writes: open and close a round, start a take and save its
answers one dimension at a time, share the organisation's result or withdraw it.

Who may act is checked by the views (a learner of the organisation; a contact person for
sharing); these check what must hold whoever acts (one open round, a closed round's
answers never change, levels 1 to 5). None has a side effect beyond its rows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.accounts.models import Organisation
from lms.transition.assessment.blocks import LEVELS
from lms.transition.assessment.models import ResultSharing, Round, SelfAssessmentPage, Take
from lms.transition.assessment.questionnaire import question_keys, questionnaire_copy


def round_open(*, organisation: Organisation, by, questionnaire: SelfAssessmentPage) -> Round:
    """Open the organisation's next round of ``questionnaire``; refused while one is open."""
    try:
        with transaction.atomic():
            # One opening at a time per organisation (the constraint is the last guard).
            Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
            rounds = Round.objects.filter(organisation=organisation)
            if rounds.filter(closed_at__isnull=True).exists():
                raise ValidationError(
                    _("A round is already open: close it before opening another.")
                )
            number = (rounds.aggregate(last=Max("number"))["last"] or 0) + 1
            return Round.objects.create(
                organisation=organisation, questionnaire=questionnaire, number=number, opened_by=by
            )
    except IntegrityError as error:
        raise ValidationError(
            _("A round is already open: close it before opening another.")
        ) from error


def round_close(*, round: Round, by) -> Round:
    """Close ``round``: its takes stay as they are, its result is final."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if locked.closed_at is not None:
            raise ValidationError(_("This round is already closed."))
        locked.closed_at = timezone.now()
        locked.closed_by = by
        locked.save(update_fields=["closed_at", "closed_by"])
    return locked


def _translations(page: SelfAssessmentPage) -> dict:
    """The published translations' streams, by language."""
    others = (
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
        .specific()
    )
    return {other.locale.language_code: other.dimensions for other in others}


def take_start(*, round: Round, learner) -> Take:
    """Return ``learner``'s take in ``round``, started now (with a copy of the questionnaire
    as published) if they had none."""
    if not round.is_open:
        raise ValidationError(_("This round is closed: its answers can no longer change."))
    existing = Take.objects.filter(round=round, learner=learner).first()
    if existing is not None:
        return existing
    page = round.questionnaire
    copy = questionnaire_copy(page.dimensions, _translations(page))
    try:
        with transaction.atomic():
            return Take.objects.create(
                round=round, learner=learner, revision=page.live_revision, questions=copy
            )
    except IntegrityError:
        # Started at the same moment from another tab.
        return Take.objects.get(round=round, learner=learner)


def _level(value) -> int:
    try:
        level = int(str(value).strip())
    except ValueError:
        level = 0
    if not 1 <= level <= LEVELS:
        raise ValidationError(_("Choose a level from 1 to 5."))
    return level


def take_answer(*, take: Take, dimension_key: str, answers: dict) -> Take:
    """Save ``answers`` (``{question key: level}``) to one dimension of ``take``; a question
    left blank keeps its earlier answer. The take is finished once every question is
    answered."""
    with transaction.atomic():
        locked = Take.objects.select_for_update().select_related("round").get(pk=take.pk)
        if not locked.round.is_open:
            raise ValidationError(_("This round is closed: its answers can no longer change."))
        dimension = next((d for d in locked.questions if d["key"] == dimension_key), None)
        if dimension is None:
            raise ValidationError(_("This part of the questionnaire does not exist."))
        for question in dimension["questions"]:
            value = answers.get(question["key"])
            if value not in (None, ""):
                locked.answers[question["key"]] = _level(value)
        if locked.finished_at is None and question_keys(locked.questions) <= set(locked.answers):
            locked.finished_at = timezone.now()
        locked.save(update_fields=["answers", "finished_at", "updated_at"])
    return locked


def sharing_set(*, organisation: Organisation, by, shared: bool) -> ResultSharing:
    """Share the organisation's combined results with its cohorts' facilitators, or stop:
    the next page they ask for already follows it."""
    sharing, _created = ResultSharing.objects.update_or_create(
        organisation=organisation, defaults={"shared": shared, "changed_by": by}
    )
    return sharing
