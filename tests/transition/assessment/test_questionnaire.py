"""The questionnaire authored in Wagtail: where it goes, the programme's required
dimension, and the revision and copy each take keeps."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks.stream_block import StreamBlockValidationError

from courses.models import LevelPage
from lms.transition.assessment.blocks import DimensionsBlock
from lms.transition.assessment.models import SelfAssessmentPage
from lms.transition.assessment.selectors import latest_result, organisation_results
from tests.factories import level_page, translate
from tests.transition.assessment.conftest import (
    answer,
    close,
    colleague,
    dimension,
    finished_round,
    open_round,
)

REQUIRED = "La formation exige une dimension sur l’utilisation des données des personnes servies"


def test_the_questionnaire_goes_under_the_level_2_page_only(questionnaire):
    level_2 = questionnaire.get_parent().specific
    level_1 = level_page(number=1, slug="sensibilisation", bursary_ceiling=5000)

    assert SelfAssessmentPage in LevelPage.allowed_subpage_models()
    assert not SelfAssessmentPage.can_create_at(level_2)  # one per level page
    level_2_other = level_page(number=2, slug="niveau-2-bis")
    assert SelfAssessmentPage.can_create_at(level_2_other)
    assert not SelfAssessmentPage.can_create_at(level_1)


def test_a_questionnaire_without_the_data_use_dimension_is_refused_in_french(questionnaire):
    questionnaire.dimensions = [dimension("Culture et leadership"), dimension("Sécurité")]

    with pytest.raises(ValidationError) as raised:
        questionnaire.full_clean()

    assert REQUIRED in " ".join(raised.value.message_dict["dimensions"])


def test_the_admin_form_refuses_it_too_and_a_second_data_use_dimension():
    block = DimensionsBlock()
    with pytest.raises(StreamBlockValidationError) as raised:
        block.clean(block.to_python([{"type": "dimension", "value": dimension("Sécurité")[1]}]))
    assert REQUIRED in str(raised.value.non_block_errors)

    twice = [
        {"type": "dimension", "value": dimension(title, data_use=True)[1]}
        for title in ("Données", "Données encore")
    ]
    with pytest.raises(StreamBlockValidationError) as raised:
        block.clean(block.to_python(twice))
    assert "Une seule dimension" in str(raised.value.non_block_errors)


def republish(page, **changes):
    """Edit the questionnaire as an author would, and publish the new revision."""
    page = SelfAssessmentPage.objects.get(pk=page.pk)
    stream = page.dimensions.raw_data
    for index, title in changes.get("titles", {}).items():
        stream[index]["value"]["title"] = title
    for index, question in changes.get("questions", {}).items():
        stream[index]["value"]["questions"].append(
            {
                "type": "item",
                "value": {**stream[index]["value"]["questions"][0]["value"], "text": question},
            }  # fmt: skip
        )
    page.dimensions = stream
    page.save_revision().publish()
    return SelfAssessmentPage.objects.get(pk=page.pk)


def test_a_take_keeps_its_revision_and_questions_and_an_edit_never_changes_past_results(
    organisation, questionnaire
):
    first = finished_round(organisation, questionnaire, [[2, 4, 1], [4, 4, 3]])
    before = [(d.key, d.title, d.median, d.spread) for d in latest_result(organisation).dimensions]
    old_revision = questionnaire.live_revision

    edited = republish(
        questionnaire,
        titles={1: "Sécurité informatique"},
        questions={1: "Faites-vous des copies de sauvegarde ?"},
    )
    assert edited.live_revision != old_revision

    second = open_round(organisation, edited)
    take = answer(second, colleague(organisation), [3, [5, 1], 3])

    assert {t.revision for t in first.takes.all()} == {old_revision}
    assert take.revision == edited.live_revision
    assert len(take.questions[1]["questions"]) == 2
    close(second)
    results = organisation_results(organisation)
    # Round 1 reads as it was answered: its titles, its questions, its medians.
    assert [(d.key, d.title, d.median, d.spread) for d in results[0].dimensions] == before
    # Round 2 reads the new wording; the dimension keys stay, so the rounds compare.
    assert results[1].dimensions[1].title == "Sécurité informatique"
    assert results[1].dimensions[1].key == before[1][0]
    assert results[1].dimensions[1].median == 3


def test_a_take_copies_the_english_wording_and_an_english_reader_sees_it(
    client, organisation, questionnaire, learner
):
    english_level = translate(questionnaire.get_parent().get_parent().specific)
    translate(questionnaire.get_parent().specific)
    english = translate(questionnaire)
    stream = english.dimensions.raw_data
    stream[0]["value"]["title"] = "Culture and leadership"
    english.dimensions = stream
    english.save_revision().publish()
    assert english_level.pk

    found = open_round(organisation, questionnaire)
    take = answer(found, learner, 3)
    assert take.questions[0]["title"] == {
        "fr": "Culture et leadership",
        "en": "Culture and leadership",
    }

    client.force_login(learner)
    url = reverse("assessment_result", args=[found.pk])
    english_page = client.get("/en" + url)
    french_page = client.get(url)

    assert "Culture and leadership" in english_page.text
    assert "Culture et leadership" in french_page.text
