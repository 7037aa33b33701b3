"""Each completion rule on its own, with its edge cases."""

import pytest

from courses.services import module_complete
from lms.pathway.models import BursaryEligibility, LevelCompletion
from lms.pathway.rules import level1_evidence, level2_evidence, level3_evidence
from lms.pathway.services import pathway_evaluate
from tests.factories import OrganisationFactory, UserFactory, course_page, level_page, module_page
from webinars.services import attendance_mark


@pytest.mark.django_db
def test_level1_needs_enough_time_at_a_live_session(learner, staff, awareness_session):
    attendance_mark(
        session=awareness_session,
        learner=learner,
        minutes_present=60,
        recorded_by=staff,
        reason="Présence vérifiée",
    )
    assert level1_evidence(learner) is None

    attendance_mark(
        session=awareness_session,
        learner=learner,
        minutes_present=80,
        recorded_by=staff,
        reason="Présence vérifiée",
    )
    evidence = level1_evidence(learner)
    assert evidence["rule"] == "level1.live_session"
    assert evidence["records"][0]["minutes_present"] == 80
    assert LevelCompletion.objects.get(learner=learner).level == 1


@pytest.mark.django_db
def test_level1_by_replay_past_the_threshold(learner):
    from tests.factories import video_document, webinar_page
    from webinars.models import ReplayProgress

    webinar = webinar_page(replay_video=video_document(), replay_duration_seconds=100,
                           replay_transcript="<p>t</p>")  # fmt: skip
    progress = ReplayProgress.objects.create(learner=learner, webinar=webinar, watched_seconds=95)
    assert level1_evidence(learner) is None  # not marked completed by the replay service
    from django.utils import timezone

    progress.completed_at = timezone.now()
    progress.save()
    assert level1_evidence(learner)["rule"] == "level1.replay"


@pytest.mark.django_db
def test_a_webinar_under_another_level_does_not_count(learner, staff):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import webinar_page

    level2 = level_page(number=2, slug="acceleration")
    start = timezone.now() - timedelta(days=1)
    session = webinar_page(level=level2, sessions=[{"starts_at": start}]).sessions.get()
    attendance_mark(
        session=session,
        learner=learner,
        minutes_present=120,
        recorded_by=staff,
        reason="Présence vérifiée",
    )
    assert level1_evidence(learner) is None


@pytest.mark.django_db
def test_level2_needs_a_seat_every_required_module_and_the_plan(
    learner, acceleration_course, seats_and_plans
):
    first, second = acceleration_course["required"]
    module_complete(learner=learner, module=first)
    module_complete(learner=learner, module=second)
    assert level2_evidence(learner) is None  # no seat

    seats_and_plans["seats"].add(learner.organisation_id)
    assert level2_evidence(learner) is None  # no plan yet

    seats_and_plans["plans"].add(learner.organisation_id)
    evidence = level2_evidence(learner)
    assert [r["kind"] for r in evidence["records"]] == ["module", "module", "transition_plan"]
    assert pathway_evaluate(learner=learner, source="test")[0].level == 2


@pytest.mark.django_db
def test_the_optional_module_is_not_needed_and_one_required_missing_blocks(
    learner, acceleration_course, seats_and_plans
):
    seats_and_plans["seats"].add(learner.organisation_id)
    seats_and_plans["plans"].add(learner.organisation_id)
    first, _second = acceleration_course["required"]
    module_complete(learner=learner, module=first)
    module_complete(learner=learner, module=acceleration_course["optional"])
    assert not LevelCompletion.objects.filter(learner=learner, level=2).exists()


@pytest.mark.django_db
def test_a_module_added_after_completion_takes_nothing_away(
    learner, acceleration_course, seats_and_plans
):
    seats_and_plans["seats"].add(learner.organisation_id)
    seats_and_plans["plans"].add(learner.organisation_id)
    for module in acceleration_course["required"]:
        module_complete(learner=learner, module=module)
    assert LevelCompletion.objects.filter(learner=learner, level=2).exists()

    module_page(acceleration_course["course"], week=4)  # a new required module

    assert level2_evidence(learner) is None  # the rule now asks for it...
    assert LevelCompletion.objects.filter(
        learner=learner, level=2
    ).exists()  # ...but nothing is lost
    assert BursaryEligibility.objects.filter(organisation=learner.organisation, level=2).exists()


@pytest.mark.django_db
def test_a_module_added_before_completion_must_be_done(
    learner, acceleration_course, seats_and_plans
):
    seats_and_plans["seats"].add(learner.organisation_id)
    seats_and_plans["plans"].add(learner.organisation_id)
    first, second = acceleration_course["required"]
    module_complete(learner=learner, module=first)
    added = module_page(acceleration_course["course"], week=5)
    module_complete(learner=learner, module=second)
    assert not LevelCompletion.objects.filter(learner=learner, level=2).exists()
    module_complete(learner=learner, module=added)
    assert LevelCompletion.objects.filter(learner=learner, level=2).exists()


@pytest.mark.django_db
def test_a_revoked_seat_stops_completion_but_not_one_already_made(
    learner, acceleration_course, seats_and_plans
):
    colleague = UserFactory(organisation=learner.organisation, roles=["learner"])
    seats_and_plans["seats"].add(learner.organisation_id)
    seats_and_plans["plans"].add(learner.organisation_id)
    for module in acceleration_course["required"]:
        module_complete(learner=learner, module=module)

    seats_and_plans["seats"].clear()  # the seat is revoked
    for module in acceleration_course["required"]:
        module_complete(learner=colleague, module=module)

    assert LevelCompletion.objects.filter(learner=learner, level=2).exists()
    assert not LevelCompletion.objects.filter(learner=colleague, level=2).exists()


@pytest.mark.django_db
def test_eligibility_goes_to_the_organisation_at_completion_not_a_later_one(
    learner, staff, awareness_session
):
    first_organisation = learner.organisation
    attendance_mark(
        session=awareness_session,
        learner=learner,
        minutes_present=90,
        recorded_by=staff,
        reason="Présence vérifiée",
    )

    learner.organisation = OrganisationFactory(name="Nouvel organisme")
    learner.save()
    attendance_mark(
        session=awareness_session,
        learner=learner,
        minutes_present=95,
        recorded_by=staff,
        reason="Présence vérifiée",
    )

    assert list(BursaryEligibility.objects.values_list("organisation", flat=True)) == [
        first_organisation.pk
    ]
    assert LevelCompletion.objects.get(learner=learner).organisation == first_organisation


@pytest.mark.django_db
def test_level3_needs_admission_and_the_lab_modules(learner, seats_and_plans):
    lab = course_page(level_page(number=3, slug="innovation"), format="lab", slug="labo")
    modules = [module_page(lab, week=1), module_page(lab, week=2)]
    for module in modules:
        module_complete(learner=learner, module=module)
    assert level3_evidence(learner) is None

    seats_and_plans["lab"].add(learner.pk)
    assert level3_evidence(learner)["rule"] == "level3.lab"


@pytest.mark.django_db
def test_a_learner_without_organisation_completes_but_makes_no_one_eligible(
    staff, awareness_session
):
    loner = UserFactory(roles=["learner"])
    attendance_mark(
        session=awareness_session,
        learner=loner,
        minutes_present=100,
        recorded_by=staff,
        reason="Présence vérifiée",
    )
    assert LevelCompletion.objects.filter(learner=loner, level=1).exists()
    assert not BursaryEligibility.objects.exists()
