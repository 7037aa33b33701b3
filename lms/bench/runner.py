"""Measuring: each page through gunicorn (one worker) with wrk at four connections,
against the floor in the same run; each page's query count and size in-process; the
work that is not a page, timed in-process with its queries and peak memory."""

import csv
import io
import json
import re
import statistics
import subprocess
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import ModuleCompletion, ModulePage
from courses.selectors import level_path
from courses.services import module_complete
from lms.bench.dataset import IMPORT_SESSION_URL
from lms.bench.scenarios import Page, exports, page_requester
from lms.pathway.models import BursaryEligibility, LevelCompletion
from lms.person_cache import persons_changed
from lms.transition.plan.models import PlanVersion, TransitionPlan
from webinars.models import Attendance, AttendanceImport, ReminderSent, WebinarSession
from webinars.services import attendance_import_run, attendance_import_start, reminders_enqueue

WRK_SCRIPT = """
wrk.method = "{method}"
wrk.body = "{body}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d\\n", latency:percentile(50),
    latency:percentile(95), summary.requests, summary.bytes, summary.errors.status))
end
"""


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    requests: int
    errors: int


@dataclass
class PageResult:
    name: str
    who: str
    path: str
    median_ms: float
    p95_ms: float
    ratio: float
    target: float | None
    queries: int
    queries_small: int | None
    queries_kept: int
    bytes: int
    errors: int


def session_cookie(user) -> str:
    """A logged-in session for ``user``, as the login form would have made it."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def wrk(url: str, *, cookie: str, method: str, body: str, seconds: int) -> Timing:
    csrf = _get_new_csrf_string()
    headers = [f"Cookie: csrftoken={csrf}" + (f"; sessionid={cookie}" if cookie else "")]
    if method == "POST":
        headers.append(f"X-CSRFToken: {csrf}")
        headers.append(f"Referer: {url}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT.format(method=method, body=body.replace('"', '\\\\"')))
    command = ["wrk", "-t1", "-c4", f"-d{seconds}s", "--timeout", "30s", "-s", script.name]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(  # noqa: S603 (wrk, with the benchmark's own arguments)
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"BENCH (\d+) (\d+) (\d+) (\d+) (\d+)", output)
    p50, p95, requests, _bytes, errors = (int(x) for x in found.groups())
    return Timing(p50 / 1000, p95 / 1000, requests, errors)


def timed(base: str, page: Page, cookie: str, *, runs: int, seconds: int) -> Timing:
    body = "&".join(f"{k}={v}" for k, v in page.body.items())
    results = [
        wrk(base + page.path, cookie=cookie, method=page.method, body=body, seconds=seconds)
        for _ in range(runs)
    ]
    return Timing(
        statistics.median(r.median_ms for r in results),
        statistics.median(r.p95_ms for r in results),
        sum(r.requests for r in results),
        sum(r.errors for r in results),
    )


class Counted(NamedTuple):
    rendered: int  # queries when the page is rendered
    kept: int  # queries when it is served again (its person's copy kept: lms.person_cache)
    size: int


def counted(page: Page, user) -> Counted:
    """The page's query count and size, requested in-process as ``user``: rendered once
    the first request has passed (a first report of watched seconds creates the record
    the next ones update, a page's route is found), then served again, as the steady
    state that wrk measures."""
    request = page_requester(page, user)
    request()
    if user is not None:
        persons_changed([user.pk])  # what was kept for the person goes: it is rendered
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = request()
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
        if response.status_code >= 400:
            raise RuntimeError(
                f"{page.name}: {page.path} answered {response.status_code}: {content[:300]!r}"
            )
        counts.append(len(queries))
    return Counted(rendered=counts[0], kept=counts[1], size=len(content))


def measure_work(data: dict) -> list[dict]:
    """What is not a page: a completion, an attendance import, the reminders, exports.

    Each piece of work is done twice, each time prepared afresh (``make``): once timed,
    with its queries; once with its peak memory traced, which slows Python down too much
    to time it in the same run."""
    results = []

    def run(name, make):
        work = make()
        # Counted as they reach the database (the connection's log is emptied by each
        # request of the test client and holds at most 9,000).
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            detail = work()
        elapsed = time.perf_counter() - started
        work = make()
        peak = None
        if work is not None:
            tracemalloc.start()
            work()
            peak = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        results.append({
            "name": name, "seconds": round(elapsed, 3), "queries": len(queries),
            "peak_mb": peak, "detail": detail,
        })  # fmt: skip

    learner, modules = data["learner"], data["modules"]
    last = modules[-1]

    def completion():
        # The course's other modules done and the organisation's plan submitted, its last
        # module (and the level it completed, with its certificate and eligibility) taken
        # back: each run completes level 2, as the learner's last module does.
        plan, _created = TransitionPlan.objects.get_or_create(
            organisation=learner.organisation, defaults={"situation": "Banc d'essai."}
        )
        if not plan.versions.exists():
            PlanVersion.objects.create(
                plan=plan, number=1, revision=plan.revision, content={}, submitted_by=learner
            )
        required = ModulePage.objects.live().filter(
            path__startswith=level_path(2), required=True, locale__language_code="fr"
        )
        for module in required.exclude(pk=last.pk):
            ModuleCompletion.objects.get_or_create(
                learner=learner, module=module, defaults={"module_title": module.title}
            )
        ModuleCompletion.objects.filter(learner=learner, module=last).delete()
        made = LevelCompletion.objects.filter(learner=learner, level=2)
        BursaryEligibility.objects.filter(completion__in=made).delete()
        made.delete()
        return lambda: str(module_complete(learner=learner, module=last, source="bench")[1])

    run("completing level 2's last module (outbox included)", completion)
    session = WebinarSession.objects.get(meeting_url=IMPORT_SESSION_URL)

    def import_whole():
        # The session's first report, each time: what earlier runs imported into it is
        # taken out (its attendances too), so that every run measures the same work.
        # Read by a worker, as a report this size is (outbox): the start, then the run.
        AttendanceImport.objects.filter(session=session).delete()
        Attendance.objects.filter(session=session).delete()
        # And what it made: the level-1 completions resting on this session (with their
        # certificates and the organisations' eligibilities), so that each run's learners
        # complete the level, as a session's first report makes them.
        made = LevelCompletion.objects.filter(evidence__source=f"session:{session.pk}")
        BursaryEligibility.objects.filter(completion__in=made).delete()
        made.delete()
        report = attendance_report(session, data["learners"][:5000])

        def work():
            started = attendance_import_start(
                session=session, uploaded_by=data["staff"], filename="zoom-banc.csv",
                content=report,
            )  # fmt: skip
            attendance_import = started.attendance_import
            if attendance_import.status == AttendanceImport.Status.PENDING:
                attendance_import = attendance_import_run(attendance_import=attendance_import)
            return attendance_import.status

        return work

    run("attendance import of 5,000 rows", import_whole)
    # The exports, read to the end as a browser downloads them.
    for name, who, path in exports(data):
        client = Client()
        client.force_login(data[who])
        client.get(path)  # the steady state, as for the pages

        def download(client=client, path=path):
            response = client.get(path)
            chunks = response.streaming_content if response.streaming else [response.content]
            return f"{sum(len(chunk) for chunk in chunks) // 1024} KB"

        run(name, lambda download=download: download)
    first = (
        WebinarSession.objects.filter(meeting_url__contains="banc-")
        .exclude(meeting_url=IMPORT_SESSION_URL)
        .order_by("starts_at")
        .first()
    )

    def reminders():
        # Twelve hours before the first of the 40: all are in the day-before window.
        ReminderSent.objects.filter(registration__session__meeting_url__contains="banc-").delete()
        return lambda: reminders_enqueue(now=first.starts_at - timedelta(hours=12))

    run("reminders for a day of 40 sessions", reminders)
    return results


def attendance_report(session, learners) -> bytes:
    """Zoom's participants report as French Excel re-saves it: BOM, semicolons, CRLF
    (with the moment it was written, so that each run imports a new file)."""
    start = timezone.localtime(session.starts_at).replace(tzinfo=None)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Nom (nom d'origine)", "E-mail de l'utilisateur", "Heure d'arrivée",
                     "Heure de départ", "Durée (minutes)", "Invité"])  # fmt: skip
    for learner in learners:
        leave = start + timedelta(minutes=100)
        writer.writerow([learner.get_full_name(), learner.email, f"{start:%d/%m/%Y %H:%M:%S}",
                         f"{leave:%d/%m/%Y %H:%M:%S}", 100, "Oui"])  # fmt: skip
    # A guest without an address, named with the moment: each run imports a new file.
    writer.writerow([f"Invité·e {time.time_ns()}", "", f"{start:%d/%m/%Y %H:%M:%S}",
                     f"{start + timedelta(minutes=30):%d/%m/%Y %H:%M:%S}", 30, "Oui"])  # fmt: skip
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def write_report(output: Path, pages: list[PageResult], floor: Timing, work: list[dict], meta):
    output.mkdir(parents=True, exist_ok=True)
    (output / "bench.json").write_text(
        json.dumps(
            {
                "meta": meta,
                "floor": asdict(floor),
                "pages": [asdict(p) for p in pages],
                "work": work,
            },
            ensure_ascii=False,
            indent=2,
        )  # fmt: skip
    )
    lines = [
        f"Floor (a minimal Django view, same server): median {floor.median_ms:.2f} ms, "
        f"p95 {floor.p95_ms:.2f} ms. {meta['description']}",
        "",
        "| page | median ms | p95 ms | × floor | target | queries (small / full; kept) | KB |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in pages:
        target = f"≤ {p.target:g}" if p.target else ""
        lines.append(
            f"| {p.name} | {p.median_ms:.1f} | {p.p95_ms:.1f} | {p.ratio:.1f} | {target} | "
            f"{p.queries_small} / {p.queries}; {p.queries_kept} | {p.bytes / 1024:.0f} |"
        )
    lines += ["", "| work | seconds | queries | peak MB |", "|---|---|---|---|"]
    for w in work:
        peak = "—" if w["peak_mb"] is None else w["peak_mb"]
        lines.append(f"| {w['name']} | {w['seconds']} | {w['queries']} | {peak} |")
    (output / "bench.md").write_text("\n".join(lines) + "\n")
    return "\n".join(lines)
