"""Reads behind the pathway's pages. Each runs a fixed number of queries, whatever the
number of levels, courses or modules."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Avg, Case, CharField, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat, Trim
from django.utils import translation
from wagtail.models import Page

from content.i18n import localized_pages, source_page
from courses.models import (
    ActivityResponse,
    CoursePage,
    LevelPage,
    ModuleCompletion,
    ModuleFeedback,
    ModulePage,
    PathwayHomePage,
)
from courses.schedule import course_calendar, module_opens_on
from lms.kept import kept_until_pages_change


def level_path(number: int) -> str:
    """Return the tree path of the French level page ``number``, to select what lies under
    it; a path no page has when that level does not exist."""
    level = LevelPage.objects.filter(number=number, locale__language_code="fr").first()
    return level.path if level else "∅"


def pathway_levels(*, home: PathwayHomePage) -> list[LevelPage]:
    """Return the live levels under the pathway home, in the reader's language."""
    source = source_page(home)
    levels = LevelPage.objects.child_of(source).live().order_by("number")
    return localized_pages(levels)


def level_steps(*, level: LevelPage) -> list[Page]:
    """Return what a level holds, webinars and courses, live, in the tree's order, in the
    reader's language (the same for every reader: kept until a page changes)."""
    source = source_page(level)
    language = translation.get_language() or settings.LANGUAGE_CODE
    return kept_until_pages_change(
        f"level_steps:{source.pk}:{language}",
        lambda: localized_pages(source.get_children().live().specific()),
    )


def level_next_step(*, level: LevelPage, user) -> Page | None:
    """Return the next thing to do on ``level``: its course's next module for a learner
    who follows it, otherwise its first webinar or course; None when it holds nothing."""
    steps = level_steps(level=level)
    if not steps:
        return None
    first = steps[0]
    if isinstance(first, CoursePage) and user is not None and user.is_authenticated:
        outline = course_outline(course=first, user=user)
        begun = any(row.status in ("done", "in_progress") for row in outline.rows)
        if begun and outline.next_row is not None:
            return outline.next_row.module
    return first


@dataclass
class ModuleRow:
    """One module as a learner sees it in a course outline."""

    module: ModulePage  # in the reader's language where translated
    source_id: int  # the French page's id, which records point at
    status: str  # "done", "in_progress", "not_started" or "locked"
    opens_on: date | None = None

    @property
    def is_done(self) -> bool:
        return self.status == "done"


@dataclass
class CourseOutline:
    weeks: list[tuple[int, list[ModuleRow]]] = field(default_factory=list)
    rows: list[ModuleRow] = field(default_factory=list)
    next_row: ModuleRow | None = None
    required_total: int = 0
    required_done: int = 0

    def row_for(self, source_id: int) -> ModuleRow | None:
        return next((r for r in self.rows if r.source_id == source_id), None)

    def following(self, source_id: int) -> ModuleRow | None:
        """Return the module after the given one in the course's order."""
        ids = [r.source_id for r in self.rows]
        if source_id in ids and ids.index(source_id) + 1 < len(ids):
            return self.rows[ids.index(source_id) + 1]
        return None


def _outline_modules(source: CoursePage) -> tuple[list[ModulePage], list[ModulePage]]:
    """The course's live modules in order, and each as the reader's language shows it."""
    modules = list(
        ModulePage.objects.child_of(source)
        .live()
        .defer("body", "objectives", "search_description")
        .order_by("path")
    )
    return modules, localized_pages(modules)


def course_outline(*, course: CoursePage, user) -> CourseOutline:
    """Return a course's modules week by week with ``user``'s status on each.

    The modules' bodies are not read: an outline shows titles, weeks, kinds, durations
    (24 bodies of text, videos and quizzes were most of what a course page loaded). The
    modules are the same for every reader: kept until a page changes."""
    source = source_page(course)
    language = translation.get_language() or settings.LANGUAGE_CODE
    modules, shown = kept_until_pages_change(
        f"course_outline:{source.pk}:{language}", lambda: _outline_modules(source)
    )
    ids = [m.pk for m in modules]
    done: set[int] = set()
    started: set[int] = set()
    if user is not None and user.is_authenticated and ids:
        done = set(
            ModuleCompletion.objects.filter(learner=user, module_id__in=ids).values_list(
                "module_id", flat=True
            )
        )
        started = set(
            ActivityResponse.objects.filter(learner=user, module_id__in=ids).values_list(
                "module_id", flat=True
            )
        )
    calendar = course_calendar(learner=user, course=source)
    outline = CourseOutline()
    by_week: dict[int, list[ModuleRow]] = {}
    for module, localized in zip(modules, shown, strict=True):
        opens_on = module_opens_on(calendar=calendar, week=module.week)
        if module.pk in done:
            status = "done"
        elif opens_on is not None:
            status = "locked"
        elif module.pk in started:
            status = "in_progress"
        else:
            status = "not_started"
        row = ModuleRow(module=localized, source_id=module.pk, status=status, opens_on=opens_on)
        outline.rows.append(row)
        by_week.setdefault(module.week, []).append(row)
        if module.required:
            outline.required_total += 1
            outline.required_done += status == "done"
    outline.weeks = sorted(by_week.items())
    outline.next_row = next(
        (r for r in outline.rows if r.status in ("in_progress", "not_started")), None
    )
    return outline


def module_responses(*, learner, module: ModulePage) -> dict[str, ActivityResponse]:
    """Return ``learner``'s own answers on a module, by block id. Nobody else's."""
    if learner is None or not learner.is_authenticated:
        return {}
    rows = ActivityResponse.objects.filter(learner=learner, module=source_page(module))
    return {str(r.block_id): r for r in rows}


def feedback_report_rows():
    """Return learners' feedback for the authors' report, newest first, in one query.

    The module's title and the learner's name come as annotations of that query. The
    name is there only when the learner agreed (``show_name``), and is empty otherwise:
    anonymity holds in the data, not just in the template. No e-mail is ever read.
    """
    return (
        ModuleFeedback.objects.annotate(
            module_title=F("module__title"),
            learner_name=Case(
                When(
                    show_name=True,
                    then=Trim(
                        Concat(
                            "learner__first_name",
                            Value(" "),
                            "learner__last_name",
                            output_field=CharField(),
                        )
                    ),
                ),
                default=Value(""),
                output_field=CharField(),
            ),
        )
        .only("pk", "module_id", "rating", "comment", "show_name", "language", "created_at")
        .order_by("-created_at", "-pk")
    )


def feedback_totals(rows) -> dict:
    """Return the number of rows and their average rating (``None`` when there are none)."""
    return rows.order_by().aggregate(count=Count("pk"), average=Avg("rating"))


class TranslationStatus:
    """Where a French page's English version stands."""

    MISSING = "missing"  # no English page at all
    UNPUBLISHED = "unpublished"  # an English page that is not live: learners get French
    OUTDATED = "outdated"  # published before the French page's last published change
    CURRENT = "current"


def translation_gaps(*, language: str = "en"):
    """Return the live French pages of the pathway whose ``language`` version is missing,
    unpublished or older than the French page's last publication, in the tree's order.

    One query whatever the number of pages: the translation (same ``translation_key``)
    is read by subqueries. Each page carries ``translation_id``, ``translation_status``
    (a ``TranslationStatus`` value) and its ``content_type``.
    """
    translations = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    )
    return (
        Page.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, content_type__app_label="courses")
        .select_related("content_type")
        .annotate(
            translation_id=Subquery(translations.values("pk")[:1]),
            translation_live=Subquery(translations.values("live")[:1]),
            translation_published_at=Subquery(translations.values("last_published_at")[:1]),
        )
        .annotate(
            translation_status=Case(
                When(translation_id__isnull=True, then=Value(TranslationStatus.MISSING)),
                When(
                    Q(translation_live=False) | Q(translation_published_at__isnull=True),
                    then=Value(TranslationStatus.UNPUBLISHED),
                ),
                When(
                    translation_published_at__lt=F("last_published_at"),
                    then=Value(TranslationStatus.OUTDATED),
                ),
                default=Value(TranslationStatus.CURRENT),
                output_field=CharField(),
            )
        )
        .exclude(translation_status=TranslationStatus.CURRENT)
        .order_by("path")
    )


def learners_who_completed(page: Page) -> int:
    """Return how many learners completed the module ``page`` or a module under it.

    Records point at French pages, so an English page (and its subtree) counts none.
    """
    return (
        ModuleCompletion.objects.filter(
            module__path__startswith=page.path, module__depth__gte=page.depth
        )
        .values("learner_id")
        .distinct()
        .count()
    )
