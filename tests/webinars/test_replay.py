import json
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import home_page, translate, video_document, webinar_page
from webinars.models import ReplayProgress
from webinars.replay import covered_seconds, merge_intervals
from webinars.services import replay_record

DURATION = 1000  # seconds


@pytest.fixture
def webinar(db):
    return webinar_page(replay_video=video_document(), replay_duration_seconds=DURATION,
                        replay_transcript="<p>Transcription.</p>")  # fmt: skip


def age(progress, seconds):
    """Pretend the last report came ``seconds`` ago."""
    ReplayProgress.objects.filter(pk=progress.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_union_joins_overlaps_and_keeps_gaps():
    assert merge_intervals([(10, 20), (15, 30), (50, 60), (30, 35)]) == [(10, 35), (50, 60)]
    assert covered_seconds([(0, 10), (5, 15), (100, 110)]) == 25


@pytest.mark.django_db
def test_watching_the_same_part_twice_counts_once(learner, webinar):
    replay_record(learner=learner, webinar=webinar, intervals=[[0, 20]])
    progress = replay_record(learner=learner, webinar=webinar, intervals=[[5, 20]])
    assert progress.watched_seconds == 20
    assert progress.intervals == [[0, 20]]


@pytest.mark.django_db
def test_a_seek_leaves_a_gap_and_reloads_keep_what_was_watched(learner, webinar):
    progress = replay_record(learner=learner, webinar=webinar, intervals=[[0, 25], [400, 420]])
    age(progress, 60)
    # After a reload the page sends from where the learner restarted.
    progress = replay_record(learner=learner, webinar=webinar, intervals=[[20, 60]])
    assert progress.intervals == [[0, 60], [400, 420]]
    assert progress.watched_seconds == 80


@pytest.mark.django_db
def test_skipping_to_the_end_does_not_complete(learner, webinar):
    progress = replay_record(learner=learner, webinar=webinar, intervals=[[980, 1000]])
    assert progress.completed_at is None
    assert progress.watched_seconds == 20


@pytest.mark.django_db
def test_ninety_percent_completes_and_completion_is_never_taken_back(learner, webinar):
    progress = None
    for start in range(0, 890, 30):
        if progress:
            age(progress, 30)
        progress = replay_record(learner=learner, webinar=webinar, intervals=[[start, start + 30]])
    assert progress.watched_seconds >= 900
    assert progress.completed_at is not None
    completed_at = progress.completed_at
    age(progress, 30)
    progress = replay_record(learner=learner, webinar=webinar, intervals=[[0, 5]])
    assert progress.completed_at == completed_at


@pytest.mark.django_db
def test_just_under_the_threshold_does_not_complete(learner, webinar):
    progress = None
    for start in range(0, 870, 30):
        if progress:
            age(progress, 30)
        progress = replay_record(learner=learner, webinar=webinar, intervals=[[start, start + 30]])
    assert progress.watched_seconds == 870
    assert progress.completed_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forged", [[[900, 1200]], [[-5, 10]], [[30, 10]], [["a", 10]], "beaucoup", [[0]]]
)
def test_a_forged_interval_is_refused(learner, webinar, forged):
    with pytest.raises(ValidationError):
        replay_record(learner=learner, webinar=webinar, intervals=forged)
    assert not ReplayProgress.objects.filter(watched_seconds__gt=0).exists()


@pytest.mark.django_db
def test_claiming_more_than_elapsed_time_is_refused(learner, webinar):
    progress = replay_record(learner=learner, webinar=webinar, intervals=[[0, 20]])
    age(progress, 10)
    with pytest.raises(ValidationError):
        replay_record(learner=learner, webinar=webinar, intervals=[[20, 600]])


@pytest.mark.django_db
def test_the_endpoint_takes_a_beacon_with_its_csrf_token(learner, webinar):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    page = client.get(webinar.url)
    token = page.context["csrf_token"]
    url = f"/webinaires/{webinar.pk}/rediffusion/"

    refused = client.post(url, {"intervals": json.dumps([[0, 10]])})
    accepted = client.post(
        url, {"intervals": json.dumps([[0, 10]]), "csrfmiddlewaretoken": str(token)}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert accepted.json() == {"watched_seconds": 10, "percent": 1, "completed": False}


@pytest.mark.django_db
def test_the_endpoint_answers_400_to_a_forged_interval(client, learner, webinar):
    client.force_login(learner)
    response = client.post(
        f"/webinaires/{webinar.pk}/rediffusion/", {"intervals": json.dumps([[0, 5000]])}
    )
    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.django_db
def test_the_endpoint_follows_the_page_unpublished_or_translated(client, learner, webinar):
    client.force_login(learner)
    url = f"/webinaires/{webinar.pk}/rediffusion/"
    assert client.post(url, {"intervals": json.dumps([[0, 10]])}).status_code == 200
    translate(home_page(), title="Home", slug="home")
    translate(webinar.get_parent().specific, title="Level 1")
    english_webinar = translate(webinar, title="Awareness webinar")
    answer = client.post(
        f"/webinaires/{english_webinar.pk}/rediffusion/", {"intervals": json.dumps([[10, 20]])}
    )
    assert answer.json()["watched_seconds"] == 20  # recorded on the French page's progress
    assert ReplayProgress.objects.get(learner=learner).webinar_id == webinar.pk

    webinar.unpublish()
    assert client.post(url, {"intervals": json.dumps([[20, 30]])}).status_code == 404
    plain = webinar_page(slug="sans-rediffusion", level=webinar.get_parent().specific)
    missing = client.post(
        f"/webinaires/{plain.pk}/rediffusion/", {"intervals": json.dumps([[0, 10]])}
    )
    assert missing.status_code == 400
    assert missing.json()["error"] == "Ce webinaire n'a pas de rediffusion à regarder."


@pytest.mark.django_db
def test_the_replay_plays_without_javascript_and_the_transcript_is_readable(client, webinar):
    html = client.get(webinar.url).content.decode()
    assert "<video controls" in html
    assert 'type="video/mp4"' in html
    assert "Transcription." in html


@pytest.mark.django_db
def test_a_report_overtaken_by_another_devices_adds_its_part_to_theirs(client, learner, webinar):
    from webinars import services

    client.force_login(learner)
    url = f"/webinaires/{webinar.pk}/rediffusion/"
    client.post(url, {"intervals": json.dumps([[0, 10]])})
    update = services.row_update_if

    def phone_first(progress, **kwargs):
        # The phone's report is written between this report's read and its write.
        ReplayProgress.objects.filter(learner=learner).update(
            intervals=[[0, 10], [500, 510]], watched_seconds=20, updated_at=timezone.now()
        )
        return update(progress, **kwargs)

    with mock.patch.object(services, "row_update_if", phone_first):
        answer = client.post(url, {"intervals": json.dumps([[10, 20]])})

    assert answer.json() == {"watched_seconds": 30, "percent": 3, "completed": False}
    assert ReplayProgress.objects.get(learner=learner).intervals == [[0, 20], [500, 510]]
