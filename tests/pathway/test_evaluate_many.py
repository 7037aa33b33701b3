"""The engine for many learners at once (an attendance import): the same decisions as one
learner after the other, in a number of queries that does not grow with the learners."""

import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import ModuleCompletion
from lms.accounts.models import Organisation
from lms.outbox.models import OutboxMessage
from lms.pathway.models import (
    BursaryEligibility,
    EligibilityChange,
    LevelCompletion,
    PathwaySettings,
    ReviewRequest,
)
from lms.pathway.services import pathway_evaluate, pathway_evaluate_many
from tests.factories import OrganisationFactory, UserFactory
from webinars.models import Attendance, ReplayProgress


class Undo(Exception):
    """Raised to roll back what one way of evaluating wrote, once it is read."""


def attended(learner, session, minutes):
    """An attendance as an import leaves it, without telling the engine."""
    return Attendance.objects.create(
        session=session,
        learner=learner,
        minutes_present=minutes,
        imported_seconds=minutes * 60,
        attended=minutes >= 75,
        source=Attendance.Source.IMPORT,
    )


def modules_done(learner, modules):
    for module in modules:
        ModuleCompletion.objects.create(learner=learner, module=module, module_title=module.title)


def described(message: OutboxMessage) -> tuple:
    """An outbox message by what it is about, not by ids that a rollback may reuse."""
    if "completion" in message.payload:
        completion = LevelCompletion.objects.get(pk=message.payload["completion"])
        return (message.kind, completion.learner.email, completion.level)
    eligibility = BursaryEligibility.objects.get(pk=message.payload["eligibility"])
    return (message.kind, eligibility.organisation.name, eligibility.level)


def outcome() -> dict:
    """What the engine decided and wrote, comparable between two runs."""

    def evidence(value):
        return json.dumps({k: v for k, v in value.items() if k != "completed_at"}, sort_keys=True)

    return {
        "completions": sorted(
            (c.learner.email, c.level, c.organisation_id, evidence(c.evidence))
            for c in LevelCompletion.objects.select_related("learner")
        ),
        "eligibilities": sorted(
            (
                e.organisation.name,
                e.level,
                e.completion.learner.email,
                e.over_quota,
                e.status,
                evidence(e.evidence),
            )
            for e in BursaryEligibility.objects.select_related("organisation", "completion")
        ),  # fmt: skip
        "changes": EligibilityChange.objects.count(),
        "reviews": sorted(
            (r.kind, r.requested_by.email, r.level, r.eligibility.organisation.name)
            for r in ReviewRequest.objects.select_related("eligibility__organisation")
        ),
        "outbox": sorted(described(m) for m in OutboxMessage.objects.all()),
    }


def evaluated(evaluate) -> dict:
    """Run ``evaluate``, read what it wrote, and roll it back."""
    try:
        with transaction.atomic():
            evaluate()
            result = outcome()
            raise Undo
    except Undo:
        return result


@pytest.mark.django_db
def test_many_learners_at_once_get_what_one_after_the_other_would(
    awareness_session, acceleration_course, seats_and_plans
):
    session, source = awareness_session, f"session:{awareness_session.pk}"
    settings = PathwaySettings.load()
    settings.quota_level_1 = 1  # taken by the eligibility made before, below
    settings.save()
    first, second = OrganisationFactory(name="Premier"), OrganisationFactory(name="Second")
    declined = OrganisationFactory(name="Refusé", status=Organisation.Status.DECLINED)
    people = {
        name: UserFactory(email=f"{name}@exemple.test", organisation=organisation,
                          roles=["learner"])
        for name, organisation in (
            ("a1", first), ("a2", first), ("a3", first), ("b1", second), ("b2", second),
            ("c1", declined), ("d1", None),
        )
    }  # fmt: skip
    not_a_learner = UserFactory(email="n1@exemple.test", organisation=first)
    for name in ("a1", "a2", "c1", "d1"):
        attended(people[name], session, 95)
    attended(people["a3"], session, 50)  # too short
    attended(not_a_learner, session, 95)
    ReplayProgress.objects.create(
        learner=people["b1"], webinar=session.webinar, watched_seconds=95,
        completed_at=timezone.now(),
    )  # fmt: skip
    # Level 2 for a2: the organisation's seat and plan, and every required module.
    seats_and_plans["seats"].add(first.pk)
    seats_and_plans["plans"].add(first.pk)
    modules_done(people["a2"], acceleration_course["required"])
    # b2 completed level 1 before; the attendance it rested on was since lowered.
    lowered = attended(people["b2"], session, 40)
    LevelCompletion.objects.create(
        learner=people["b2"], level=1, completed_at=timezone.now(), rules_version="2026.1",
        organisation=second, evidence={"rule": "level1.live_session", "records": []},
    )  # fmt: skip
    BursaryEligibility.objects.create(
        organisation=second, level=1, granted_at=timezone.now(), rules_version="2026.1",
        completion=LevelCompletion.objects.get(learner=people["b2"]), region=second.region,
    )  # fmt: skip
    order = [not_a_learner, *people.values()]

    one_by_one = evaluated(
        lambda: [pathway_evaluate(learner=learner, source=source) for learner in order]
    )
    at_once = evaluated(lambda: pathway_evaluate_many(learners=order, source=source))

    assert at_once == one_by_one
    assert [(email, level) for email, level, *_ in at_once["completions"]] == [
        ("a1@exemple.test", 1), ("a2@exemple.test", 1), ("a2@exemple.test", 2),
        ("b1@exemple.test", 1), ("b2@exemple.test", 1), ("c1@exemple.test", 1),
        ("d1@exemple.test", 1),
    ]  # fmt: skip
    # Once per organisation and level, to its first completion; the declined one none.
    assert [e[:4] for e in at_once["eligibilities"]] == [
        ("Premier", 1, "a1@exemple.test", True),  # beyond the quota of 1
        ("Premier", 2, "a2@exemple.test", False),
        ("Second", 1, "b2@exemple.test", False),  # the one made before, untouched
    ]
    assert at_once["changes"] == 2
    assert at_once["reviews"] == [("evidence", "b2@exemple.test", 1, "Second")]
    assert at_once["outbox"] == sorted(
        [("pathway.certificate", f"{n}@exemple.test", 1) for n in ("a1", "a2", "b1", "c1", "d1")]
        + [("pathway.certificate", "a2@exemple.test", 2)]
        + [(kind, "Premier", level) for kind in ("pathway.eligibility_contacts",
           "pathway.eligibility_staff") for level in (1, 2)]
    )  # fmt: skip
    assert lowered.attended is False


@pytest.mark.django_db
def test_the_quota_is_counted_in_order_when_many_organisations_become_eligible_at_once(
    awareness_session,
):
    settings = PathwaySettings.load()
    settings.quota_level_1 = 2
    settings.save()
    learners = [
        UserFactory(organisation=OrganisationFactory(), roles=["learner"]) for _ in range(4)
    ]
    for learner in learners:
        attended(learner, awareness_session, 95)

    pathway_evaluate_many(learners=learners, source=f"session:{awareness_session.pk}")

    eligibilities = BursaryEligibility.objects.order_by("completion__learner")
    assert [(e.completion.learner, e.over_quota) for e in eligibilities] == [
        (learners[0], False), (learners[1], False), (learners[2], True), (learners[3], True),
    ]  # fmt: skip


@pytest.mark.django_db
def test_evaluating_30_learners_costs_as_many_queries_as_10(
    awareness_session, acceleration_course, seats_and_plans
):
    """Every rule read to its end for each learner (a level-1 attendance too short, a
    level-2 seat and modules without a plan, the lab without its course): nothing is
    completed, and three times the learners cost no more."""
    counts = []
    for size in (10, 30):
        learners = []
        for _ in range(size):
            organisation = OrganisationFactory()
            learner = UserFactory(organisation=organisation, roles=["learner"])
            attended(learner, awareness_session, 50)
            modules_done(learner, acceleration_course["required"])
            seats_and_plans["seats"].add(organisation.pk)
            seats_and_plans["lab"].add(learner.pk)
            learners.append(learner)
        with CaptureQueriesContext(connection) as queries:
            completed = pathway_evaluate_many(
                learners=learners, source=f"session:{awareness_session.pk}"
            )
        assert completed == []
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert not LevelCompletion.objects.exists()
