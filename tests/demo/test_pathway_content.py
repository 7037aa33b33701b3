import io

import pytest
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.models import Locale, Page, Revision

from content.blocks import QuizQuestionBlock
from courses.models import CoursePage, Level, LevelPage, ModulePage
from lms.accounts.models import User
from webinars.models import WebinarPage, WebinarSession


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def french(model):
    return model.objects.filter(locale__language_code="fr")


def course_modules(course_format: str) -> list[ModulePage]:
    course = french(CoursePage).get(format=course_format)
    return list(ModulePage.objects.child_of(course).order_by("path"))


def demo_modules() -> list[ModulePage]:
    return list(french(ModulePage).order_by("path"))


def test_three_levels_with_their_bursaries(demo):
    levels = {level.number: level for level in french(LevelPage).live()}

    assert {n: level.bursary_ceiling for n, level in levels.items()} == {
        1: 5000,
        2: 15000,
        3: 50000,
    }
    assert levels[1].bursary_name == "Bourse d'amorçage"
    assert levels[2].bursary_name == "Bourse d'accélération"
    assert levels[3].bursary_name == "Bourse d'innovation"
    assert all(level.get_parent().slug == "accueil" for level in levels.values())
    assert all(level.revisions.exists() for level in levels.values())


def test_the_course_alternates_learning_and_experimentation_over_twelve_weeks(demo):
    course = french(CoursePage).get(format=CoursePage.Format.COURSE)
    modules = course_modules(CoursePage.Format.COURSE)

    assert course.get_parent().specific.number == Level.ACCELERATION
    assert (course.duration_weeks, course.lock_by_week) == (
        12,
        True,
    )  # the cohort calendar opens weeks
    weeks = [m.week for m in modules]
    assert set(weeks) == set(range(1, 13))
    assert weeks == sorted(weeks)
    kinds = [m.kind for m in modules]
    assert kinds[0] == ModulePage.Kind.LEARNING
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))
    assert any(not m.required for m in modules)
    assert all(m.live and m.revisions.exists() for m in modules)


def test_the_leadership_lab_has_four_modules_under_level_three(demo):
    lab = french(CoursePage).get(format=CoursePage.Format.LAB)

    assert lab.get_parent().specific.number == Level.INNOVATION
    assert len(course_modules(CoursePage.Format.LAB)) == 4


def test_module_bodies_are_valid_and_hold_quizzes_and_a_captioned_video(demo):
    blocks = [block for module in demo_modules() for block in module.body]
    for module in demo_modules():
        module.body.stream_block.clean(module.body)  # the blocks' own rules

    quizzes = [block.value for block in blocks if block.block_type == "quiz"]
    assert any(not q["multiple"] for q in quizzes)
    assert any(q["multiple"] and len(QuizQuestionBlock.correct_indexes(q)) > 1 for q in quizzes)
    videos = [block.value for block in blocks if block.block_type == "video"]
    assert len(videos) == 1
    video = videos[0]
    assert video["video"].file_extension == "mp4"
    assert video["captions_fr"].file_extension == "vtt"
    assert video["captions_en"].file_extension == "vtt"
    with video["captions_fr"].open_file() as captions:
        assert captions.read().startswith(b"WEBVTT")
    first = course_modules(CoursePage.Format.COURSE)[0]
    assert first.body[0].block_type == "video"
    assert {b.block_type for b in blocks} >= {
        "text",
        "heading",
        "callout",
        "resource",
        "reflection",
        "checklist",
    }
    assert any(b.block_type == "callout" and b.value["kind"] == "privacy" for b in blocks)


def test_the_first_three_weeks_are_translated_with_the_same_block_ids(demo):
    english = Locale.objects.get(language_code="en")
    for module in course_modules(CoursePage.Format.COURSE)[:3]:
        translation = module.get_translation(english)

        assert translation.live
        assert translation.title != module.title
        assert translation.week == module.week
        assert [(b.block_type, b.id) for b in translation.body] == [
            (b.block_type, b.id) for b in module.body
        ]
    for level in french(LevelPage):
        assert level.get_translation(english).live


def test_loading_twice_changes_nothing(demo):
    def counts():
        return [m.objects.count() for m in (Page, Revision, Document, User)]

    before = counts()
    call_command("load_demo", stdout=io.StringIO())

    assert counts() == before


def test_every_demo_page_renders_in_french_and_its_translation_under_en(demo, client):
    english = Locale.objects.get(language_code="en")
    pages = [*french(LevelPage), *french(CoursePage), *demo_modules()]
    translated = 0
    for page in pages:
        url = page.get_url()
        assert not url.startswith("/en/")
        assert client.get(url).status_code == 200, url
        translation = page.get_translation_or_none(english)
        if translation is not None:
            url = translation.get_url()
            assert url.startswith("/en/")
            assert client.get(url).status_code == 200, url
            translated += 1

    assert translated >= 3 + 2 + 3  # levels, courses, the first three modules


@pytest.mark.django_db
def test_demo_has_the_awareness_webinar_with_sessions_and_a_replay(client):
    call_command("load_demo", stdout=io.StringIO())
    webinar = WebinarPage.objects.get(locale__language_code="fr")
    english = WebinarPage.objects.get(locale__language_code="en")

    assert webinar.get_parent().specific.number == 1
    assert WebinarSession.objects.count() == 4  # the translation shares the French sessions
    assert webinar.replay_video and webinar.replay_captions_fr and webinar.replay_captions_en
    assert client.get(webinar.url).status_code == 200
    page = client.get(english.url).content.decode()
    assert "Live sessions" in page and page.count("Log in to register") == 3  # last week's is past
