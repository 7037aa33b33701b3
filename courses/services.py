"""Writes a learner makes on the pathway's pages: done, answers, feedback.

Every write points at the French (source) module page, so the same module followed in
English or in French counts once. Recording the engine's completion rules and bursary
eligibility on top of these is the pathway engine's work (``lms/pathway``).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.i18n import source_page
from content.sanitize import sanitize_html
from courses.models import (
    ActivityResponse,
    ModuleCompletion,
    ModuleFeedback,
    ModulePage,
    RequestKey,
)
from courses.schedule import course_calendar, module_opens_on
from lms.learning_events import LearningEvent, announce


class ModuleLocked(Exception):
    """The module is not open yet for this learner."""

    def __init__(self, opens_on):
        super().__init__(opens_on)
        self.opens_on = opens_on


def module_opening(*, learner, module: ModulePage):
    """Return the day ``module`` opens for ``learner`` if still to come, else None."""
    source = source_page(module)
    course = source.get_parent().specific
    return module_opens_on(
        calendar=course_calendar(learner=learner, course=course), week=source.week
    )


def _ensure_open(*, learner, module: ModulePage) -> None:
    opens_on = module_opening(learner=learner, module=module)
    if opens_on is not None:
        raise ModuleLocked(opens_on)


def request_key_claim(*, learner, key: str) -> bool:
    """Claim an idempotency key inside the caller's transaction; False if already used.

    The key is written with the event it guards, so a request that fails leaves its key
    free for the retry.
    """
    if not key:
        return True
    try:
        with transaction.atomic():
            RequestKey.objects.create(learner=learner, key=key[:64])
    except IntegrityError:
        return False
    return True


def module_complete(
    *, learner, module: ModulePage, source: str = "module_page", idempotency_key: str = ""
) -> tuple[ModuleCompletion, bool]:
    """Record that ``learner`` finished ``module``; once only, however often it is asked.

    ``idempotency_key`` comes from the form: the same key twice is the same request.
    Returns the completion and whether this call created it. A completion keeps the
    revision and title the learner completed, and is never changed afterwards.
    """
    _ensure_open(learner=learner, module=module)
    french = source_page(module)
    with transaction.atomic():
        if not request_key_claim(learner=learner, key=idempotency_key):
            existing = ModuleCompletion.objects.filter(learner=learner, module=french).first()
            if existing is not None:
                return existing, False
        # get_or_create retries the read when a concurrent request wins the insert.
        completion, created = ModuleCompletion.objects.get_or_create(
            learner=learner,
            module=french,
            defaults={
                "revision_id": french.live_revision_id,
                "module_title": french.title,
                "source": source,
            },
        )
        if created:
            # In the same transaction: a level completed here is recorded with it, or not at all.
            announce(LearningEvent(learner=learner, source=f"module:{french.pk}"))
    return completion, created


def _find_block(module: ModulePage, block_id: str):
    for block in module.body:
        if str(block.id) == str(block_id):
            return block
    raise ValidationError(_("This activity is no longer part of the module."))


def _parse_indexes(values, *, limit: int) -> list[int]:
    try:
        indexes = sorted({int(v) for v in values})
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Choose among the answers shown.")) from exc
    if any(i < 0 or i >= limit for i in indexes):
        raise ValidationError(_("Choose among the answers shown."))
    return indexes


def activity_answer(
    *, learner, module: ModulePage, block_id: str, text: str = "", choices=()
) -> ActivityResponse:
    """Keep ``learner``'s answer to one activity of a module (reflection, checklist, quiz).

    ``module`` is the page the learner answered on (their language); the answer is kept
    against its French source with the block's id, shared by translations.
    """
    _ensure_open(learner=learner, module=module)
    block = _find_block(module, block_id)
    defaults: dict = {"kind": block.block_type}
    if block.block_type == "reflection":
        answer = sanitize_html(text).strip()
        if not answer:
            raise ValidationError(_("Write an answer before saving it."))
        defaults["answer_html"] = answer
        defaults["data"] = {}
    elif block.block_type == "checklist":
        defaults["data"] = {"checked": _parse_indexes(choices, limit=len(block.value["items"]))}
    elif block.block_type == "quiz":
        selected = _parse_indexes(choices, limit=len(block.value["choices"]))
        if not selected:
            raise ValidationError(_("Choose an answer."))
        if not block.value["multiple"] and len(selected) > 1:
            raise ValidationError(_("Choose only one answer."))
        correct = [i for i, c in enumerate(block.value["choices"]) if c["correct"]]
        defaults["data"] = {"selected": selected, "correct": selected == correct}
    else:
        raise ValidationError(_("This part of the module takes no answer."))
    response, _created = ActivityResponse.objects.update_or_create(
        learner=learner, module=source_page(module), block_id=block.id, defaults=defaults
    )
    return response


#: Longest feedback comment kept, in characters (the form's limit too).
COMMENT_MAX_LENGTH = ModuleFeedback._meta.get_field("comment").max_length


def module_feedback_give(
    *, learner, module: Page, rating: int, comment: str, show_name: bool, language: str
) -> ModuleFeedback:
    """Keep ``learner``'s rating and comment on a module (or a webinar); a second one
    replaces the first."""
    if rating not in range(1, 6):
        raise ValidationError(_("Choose a rating from 1 to 5."))
    feedback, _created = ModuleFeedback.objects.update_or_create(
        learner=learner,
        module=source_page(module),
        defaults={
            "rating": rating,
            # Plain text, kept as typed: templates escape it once when they show it.
            "comment": (comment or "").strip()[:COMMENT_MAX_LENGTH],
            "show_name": show_name,
            "language": language,
        },
    )
    return feedback
