"""An attendance import at programme scale: its cost does not grow with the report.

Reports are written by the benchmark's own writer (``lms.bench.runner.attendance_report``):
every learner present 100 minutes of a 120-minute level-1 session, which counts.
"""

import gc
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import LevelPage
from lms.accounts.models import User
from lms.accounts.roles import role_group
from lms.bench.runner import attendance_report
from lms.outbox.models import OutboxMessage
from lms.pathway.models import BursaryEligibility, LevelCompletion, PathwaySettings
from tests.factories import OrganisationFactory, webinar_page
from webinars.models import Attendance, AttendanceImport
from webinars.services import attendance_import_start

#: Sizes of the reports compared. SQLite takes at most 999 values a statement, so Django
#: splits a larger bulk write in several: the sizes stay under that there.
SMALL, LARGE = (100, 300) if connection.vendor == "postgresql" else (20, 60)


def level1_session(hours_ago: int):
    """A 120-minute session of a new level-1 webinar, held ``hours_ago`` hours ago."""
    start = (timezone.now() - timedelta(hours=hours_ago)).replace(second=0, microsecond=0)
    page = webinar_page(
        level=LevelPage.objects.filter(slug="sensibilisation").first(),
        slug=f"webinaire-{hours_ago}",
        sessions=[{"starts_at": start, "duration_minutes": 120}],
    )
    return page.sessions.get()


def learners(count: int, prefix: str) -> list:
    """``count`` learner accounts, two to an organisation."""
    organisations = OrganisationFactory.create_batch(count // 2)
    User.objects.bulk_create(
        User(
            email=f"{prefix}.{n}@exemple.test",
            first_name="Camille",
            last_name=f"{prefix.title()} {n}",
            organisation=organisations[n // 2],
        )
        for n in range(count)
    )
    made = list(User.objects.filter(email__startswith=f"{prefix}.").order_by("pk"))
    role_group("learner").user_set.add(*made)
    return made


def imported(session, people, staff) -> tuple[AttendanceImport, int]:
    """Import a report of ``people`` at ``session``; return the import and its queries."""
    with CaptureQueriesContext(connection) as queries:
        started = attendance_import_start(
            session=session,
            uploaded_by=staff,
            filename="zoom.csv",
            content=attendance_report(session, people),
        )
    return started.attendance_import, len(queries)


@pytest.mark.django_db
def test_an_import_costs_as_many_queries_for_three_times_the_learners(staff):
    """The first report completes level 1 for each learner present and makes each of their
    organisations eligible; a second report of the same session finds them completed.
    Neither costs more for three times the learners."""
    PathwaySettings.load()  # made on its first reading: not part of either import
    firsts, seconds = [], []
    for size, hours_ago in ((SMALL, 30), (LARGE, 50)):
        session = level1_session(hours_ago)
        people = learners(size, f"apprenant{size}")

        first, queries = imported(session, people, staff)
        firsts.append(queries)
        assert first.status == AttendanceImport.Status.DONE
        assert len(first.report["imported"]) == size
        assert all(row["attended"] and row["minutes"] == 100 for row in first.report["imported"])
        assert [row["who"] for row in first.report["not_matched"]] == [
            first.report["not_matched"][0]["who"]
        ]
        assert Attendance.objects.filter(session=session, attended=True).count() == size
        assert LevelCompletion.objects.filter(learner__in=people, level=1).count() == size
        assert (
            BursaryEligibility.objects.filter(completion__learner__in=people).count() == size // 2
        )

        # The same people in another order: a new file, the same presence.
        second, queries = imported(session, people[::-1], staff)
        seconds.append(queries)
        assert second.status == AttendanceImport.Status.DONE
        assert len(second.report["imported"]) == size

    assert firsts[0] == firsts[1]
    assert seconds[0] == seconds[1]
    certificates = OutboxMessage.objects.filter(kind="pathway.certificate").count()
    assert certificates == SMALL + LARGE
    assert OutboxMessage.objects.filter(kind="pathway.eligibility_contacts").count() == (
        (SMALL + LARGE) // 2
    )


@pytest.mark.django_db
def test_an_import_runs_with_the_cycle_collector_paused_and_leaves_it_running(staff, monkeypatch):
    from webinars import services

    seen = []
    record_many = services._record_many

    def watched(**kwargs):
        seen.append(gc.isenabled())
        return record_many(**kwargs)

    monkeypatch.setattr(services, "_record_many", watched)
    first, _queries = imported(level1_session(30), learners(SMALL, "pause"), staff)
    assert first.status == AttendanceImport.Status.DONE
    assert seen == [False]
    assert gc.isenabled()
