"""Demonstration content for the pathway, loaded by ``load_demo`` into an empty database.

Under the French home (``accueil``): the three levels, the level-2 course (13 modules over
12 weeks, alternating learning modules and experimentation periods), the level-3
leadership lab (4 modules), a self-hosted captioned video and downloadable templates
(``lms/demo/media/``, uploaded as Wagtail documents). English translations cover the
home, the levels, both courses and the course's first three weeks; the other pages fall
back to French, as they would while authors translate.

This is content, i.e. data written in French and English, not interface strings: none of
it goes through gettext. Long text is written wrapped and squashed to single spaces.
"""

from wagtail.documents.models import Document
from wagtail.models import Locale

from courses.models import CoursePage, Level, LevelPage, ModulePage, PathwayHomePage
from lms.demo import course_weeks_1_to_4, course_weeks_5_to_12, lab_modules
from lms.demo.blocks import Module
from lms.demo.documents import documents_upload, stream
from lms.demo.levels import COURSE, LAB, LEVELS
from lms.demo.pages import publish, squash, translate
from lms.demo.webinars import webinar_demo_load

COURSE_MODULES = course_weeks_1_to_4.MODULES + course_weeks_5_to_12.MODULES
LAB_MODULES = lab_modules.MODULES


def home_demo_translate() -> None:
    """Give the French home an English translation, unless it has one."""
    english = Locale.objects.get(language_code="en")
    for home in PathwayHomePage.objects.filter(locale__language_code="fr"):
        if home.get_translation_or_none(english) is None:
            translation = home.copy_for_translation(english)
            translation.title = "DATAide pathway"
            translation.intro = (
                "<p>Learn to lead your organisation's digital transition: an awareness "
                "webinar, a 12-week course and a leadership lab.</p>"
            )
            translation.save_revision().publish()


def pathway_demo_load(*, author=None) -> None:
    """Load the demo levels, courses, modules, media and English translations, once."""
    home = PathwayHomePage.objects.get(locale__language_code="fr", slug="accueil")
    if LevelPage.objects.child_of(home).exists():
        return
    english = Locale.objects.get(language_code="en")
    documents = documents_upload(author)
    levels = {}
    for spec in LEVELS:
        level = publish(home, LevelPage(**_fields(spec)), author)
        translate(level, english, spec["english"], author)
        levels[level.number] = level
    webinar_demo_load(level=levels[Level.AWARENESS], documents=documents, author=author)
    for parent, course_spec, modules in (
        (levels[Level.ACCELERATION], COURSE, COURSE_MODULES),
        (levels[Level.INNOVATION], LAB, LAB_MODULES),
    ):
        course = publish(parent, CoursePage(**_fields(course_spec)), author)
        translate(course, english, course_spec["english"], author)
        for spec in modules:
            module = publish(course, _module_page(spec, documents), author)
            if spec.english:
                english_fields = dict(spec.english)
                english_fields["body"] = _translated_body(
                    module, english_fields.pop("body"), documents
                )
                translate(module, english, english_fields, author)


def _fields(spec: dict) -> dict:
    fields = {key: value for key, value in spec.items() if key != "english"}
    return {key: squash(v) if isinstance(v, str) else v for key, v in fields.items()}


def _module_page(spec: Module, documents: dict[str, Document]) -> ModulePage:
    return ModulePage(
        title=spec.title,
        slug=spec.slug,
        week=spec.week,
        kind=spec.kind,
        duration_minutes=spec.duration_minutes,
        required=spec.required,
        objectives=spec.objectives,
        body=stream(spec.body, documents),
    )


def _translated_body(source: ModulePage, blocks: list[tuple], documents) -> list[dict]:
    """Return the English body, block for block, under the French blocks' ids.

    Learners' answers are keyed by block id: a translated block must keep its source's.
    """
    source_blocks = list(source.body.raw_data)
    types = [block["type"] for block in source_blocks]
    if types != [block_type for block_type, _value in blocks]:
        raise ValueError(f"The English body of {source.slug!r} does not match the French one.")
    return stream(blocks, documents, ids=[block["id"] for block in source_blocks])
