"""The benchmark (``make bench``): build or reuse the programme-scale dataset, then
measure each page against the floor, the query counts at two sizes, and the work that is
not a page; write ``var/bench/bench.md`` and ``bench.json``."""

import os
import socket
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.bench.dataset import FULL, SMALL, bench_dataset_build
from lms.bench.profile import page_profile
from lms.bench.runner import (
    PageResult,
    counted,
    measure_work,
    session_cookie,
    timed,
    write_report,
)
from lms.bench.scenarios import Page, pages
from lms.topology import Topology, topology_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Command(BaseCommand):
    help = "Measure the platform's pages against the floor on a programme-scale dataset."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=5, help="per wrk run")
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "var" / "bench"))
        parser.add_argument("--small-only", action="store_true", help="a quick check")
        parser.add_argument(
            "--profile", metavar="PAGE", help="profile one page (its name, or part of it)"
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._run(**options)

    def _run(self, *, seconds, runs, output, small_only, profile, **options):
        if settings.ROOT_URLCONF != "lms.bench.urls":
            raise CommandError(_("Run it with DJANGO_SETTINGS_MODULE=lms.settings.bench."))
        call_command("migrate", interactive=False, verbosity=0)
        if not User.objects.filter(email="autrice@dataide.test").exists():
            call_command("load_demo", verbosity=0)
        if profile:
            self._profile(profile, Path(output))
            return
        self.stdout.write(_("Dataset: a tenth of the programme…"))
        data = bench_dataset_build(SMALL)
        small = {page.name: counted(page, self._user(data, page)) for page in pages(data)}
        if not small_only:
            self.stdout.write(_("Dataset: the programme's scale…"))
            data = bench_dataset_build(FULL)
        data["learners"] = list(User.objects.filter(email__startswith="apprenant.banc.")[:5000])
        full = {page.name: counted(page, self._user(data, page)) for page in pages(data)}
        results, floor = self._timed(data, small, full, seconds=seconds, runs=runs)
        work = measure_work(data)
        meta = {
            "database": connection.vendor,
            "scale": "small" if small_only else "full",
            "description": _(
                "gunicorn, one worker, production's settings over HTTP; wrk, 4 connections, "
                "%(runs)s runs of %(seconds)s s, medians; %(database)s."
            )
            % {"runs": runs, "seconds": seconds, "database": connection.vendor},
        }
        self.stdout.write(write_report(Path(output), results, floor, work, meta))

    def _profile(self, name: str, output: Path):
        data = bench_dataset_build(FULL)
        found = [page for page in pages(data) if name.lower() in page.name.lower()]
        if not found:
            raise CommandError(
                _("No page is named like “%(name)s”: %(names)s.")
                % {"name": name, "names": ", ".join(page.name for page in pages(data))}
            )
        page = found[0]
        text = page_profile(page, self._user(data, page))
        output.mkdir(parents=True, exist_ok=True)
        (output / f"profile-{slugify(page.name)}.txt").write_text(text)
        self.stdout.write(text)

    def _user(self, data, page: Page):
        return None if page.who == "anonymous" else data[page.who]

    def _timed(self, data, small, full, *, seconds, runs):
        cookies = {who: session_cookie(data[who]) for who in ("learner", "facilitator", "staff")}
        cookies["anonymous"] = ""
        port = free_port()
        run_dir = Path(tempfile.mkdtemp(prefix="dataide-bench-"))
        env = topology_env(
            port=port,
            database_url=os.environ["DATABASE_URL"],
            broker_url=os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
            mail_dir=str(run_dir),
        )
        env["DJANGO_SETTINGS_MODULE"] = "lms.settings.bench"
        topology = Topology(port=port, env=env)
        topology.start(web_workers=1, worker=False, beat=False, log_dir=run_dir, access_log=False)
        try:
            topology.wait_until_serving()
            base = f"http://127.0.0.1:{port}"
            floor = timed(base, Page("floor", "anonymous", "/banc/plancher/"), "",
                          runs=runs, seconds=seconds)  # fmt: skip
            results = []
            for page in pages(data):
                timing = timed(base, page, cookies[page.who], runs=runs, seconds=seconds)
                queries = full[page.name]
                results.append(
                    PageResult(
                        name=page.name, who=page.who, path=page.path,
                        median_ms=timing.median_ms, p95_ms=timing.p95_ms,
                        ratio=round(timing.median_ms / floor.median_ms, 1), target=page.target,
                        queries=queries.rendered, queries_small=small[page.name].rendered,
                        queries_kept=queries.kept, bytes=queries.size,
                        errors=timing.errors,
                    )
                )  # fmt: skip
        finally:
            topology.stop()
        return results, floor
