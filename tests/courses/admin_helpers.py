"""Builders for the admin tests: a small French pathway tree, translations, records."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from courses.models import (
    CoursePage,
    LevelPage,
    ModuleCompletion,
    ModuleFeedback,
    ModulePage,
    PathwayHomePage,
)
from tests.factories import UserFactory


def french_home() -> PathwayHomePage:
    return PathwayHomePage.objects.get(locale__language_code="fr")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_level(parent=None, *, number=2, title="Niveau 2 : accélération", live=True):
    level = LevelPage(
        title=title,
        number=number,
        audience="<p>Les organismes.</p>",
        bursary_name="Bourse d'accélération",
        bursary_ceiling=5000,
        completion="<p>Terminer les modules.</p>",
        live=False,
    )
    (parent or french_home()).add_child(instance=level)
    return publish(level) if live else level


def add_course(parent, *, title="Formation de 12 semaines", live=True):
    course = CoursePage(title=title, live=False)
    parent.add_child(instance=course)
    return publish(course) if live else course


def add_module(parent, *, title="Module", week=1, live=True):
    module = ModulePage(title=title, week=week, duration_minutes=45, live=False)
    parent.add_child(instance=module)
    return publish(module) if live else module


def course_tree(*, modules=1):
    """A published level, course and ``modules`` modules under the French home."""
    level = add_level()
    course = add_course(level)
    return course, [add_module(course, title=f"Module {n}", week=n) for n in range(1, modules + 1)]


def english_of(page):
    """Return the English translation of ``page`` (it must exist)."""
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def translate(page, *, publish_it=True):
    """Return the English translation of ``page``; its untranslated parents are
    translated (and published) first."""
    english = Locale.objects.get(language_code="en")
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(english) is None:
            translate(ancestor)
    translation = page.copy_for_translation(english)
    translation.title = f"{page.title} (EN)"
    if publish_it:
        translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


def learner(**kwargs):
    return UserFactory(roles=["learner"], verified=False, **kwargs)


def feedback(module, *, rating=4, comment="Très utile.", show_name=False, person=None, **kwargs):
    return ModuleFeedback.objects.create(
        learner=person or learner(),
        module=module,
        rating=rating,
        comment=comment,
        show_name=show_name,
        **kwargs,
    )


def completion(module, person=None):
    return ModuleCompletion.objects.create(
        learner=person or learner(), module=module, module_title=module.title
    )


def queries_for(client, url) -> int:
    """Run a GET and return how many queries it made (the response must be a 200)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)
