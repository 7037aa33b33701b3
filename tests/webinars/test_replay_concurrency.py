"""Two devices reporting the same replay at the same moment (PostgreSQL: CI runs it)."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from lms.pathway.models import LevelCompletion
from tests.concurrency import run_together
from tests.factories import OrganisationFactory, UserFactory, video_document, webinar_page
from webinars.models import ReplayProgress

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"
    ),
]


@pytest.fixture
def webinar():
    return webinar_page(replay_video=video_document(), replay_duration_seconds=1000,
                        replay_transcript="<p>Transcription.</p>")  # fmt: skip


@pytest.fixture
def learner():
    return UserFactory(organisation=OrganisationFactory(), roles=["learner"])


def report(learner, webinar, start, end):
    def post():
        client = Client()
        client.force_login(learner)
        response = client.post(
            f"/webinaires/{webinar.pk}/rediffusion/", {"intervals": json.dumps([[start, end]])}
        )
        assert response.status_code == 200, response.content

    return post


def watched_before(learner, webinar, intervals, seconds_ago=600):
    ReplayProgress.objects.create(
        learner=learner,
        webinar=webinar,
        intervals=intervals,
        watched_seconds=sum(end - start for start, end in intervals),
    )
    ReplayProgress.objects.filter(learner=learner).update(
        updated_at=timezone.now() - timedelta(seconds=seconds_ago)
    )


def test_first_reports_of_two_devices_at_once_make_one_row_with_both_parts(learner, webinar):
    errors = run_together([report(learner, webinar, 0, 10), report(learner, webinar, 100, 110)])

    assert errors == []
    progress = ReplayProgress.objects.get(learner=learner)
    assert progress.intervals == [[0, 10], [100, 110]]
    assert progress.watched_seconds == 20


def test_six_reports_at_once_all_count(learner, webinar):
    watched_before(learner, webinar, [[0, 10]])

    errors = run_together(
        [report(learner, webinar, start, start + 10) for start in range(100, 700, 100)]
    )

    assert errors == []
    progress = ReplayProgress.objects.get(learner=learner)
    assert progress.intervals == [[0, 10]] + [[s, s + 10] for s in range(100, 700, 100)]
    assert progress.watched_seconds == 70


def test_two_devices_crossing_the_threshold_together_complete_the_level_once(learner, webinar):
    watched_before(learner, webinar, [[0, 880]])

    errors = run_together([report(learner, webinar, 880, 895), report(learner, webinar, 895, 910)])

    assert errors == []
    progress = ReplayProgress.objects.get(learner=learner)
    assert progress.intervals == [[0, 910]]
    assert progress.completed_at is not None
    assert LevelCompletion.objects.filter(learner=learner, level=1).count() == 1
