"""Run the production topology on this machine: gunicorn with two worker processes, a
Celery worker and beat, on PostgreSQL and Redis (``make topology``)."""

import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from lms.topology import Topology, topology_env


class Command(BaseCommand):
    help = (
        "Start gunicorn (two workers), a Celery worker and Celery beat with production's "
        "settings over HTTP, on DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--web-workers", type=int, default=2)

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._run(**options)

    def _run(self, *, port, web_workers, **options):
        database_url = os.environ.get("DATABASE_URL", "")
        if not database_url.startswith("postgres"):
            raise CommandError(_("DATABASE_URL must name a PostgreSQL database, as in production."))
        broker = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
        run_dir = Path(tempfile.mkdtemp(prefix="dataide-topology-"))
        (run_dir / "mail").mkdir()
        call_command("migrate", interactive=False, verbosity=0)
        topology = Topology(
            port=port,
            env=topology_env(
                port=port, database_url=database_url, broker_url=broker,
                mail_dir=str(run_dir / "mail"),
            ),
        )  # fmt: skip
        topology.start(web_workers=web_workers, log_dir=run_dir)
        try:
            topology.wait_until_serving()
            self.stdout.write(
                _(
                    "DATAide: http://127.0.0.1:%(port)s/ — %(workers)s gunicorn processes, a "
                    "Celery worker, Celery beat.\nLogs and e-mails written: %(dir)s\n"
                    "Ctrl-C stops everything."
                )
                % {"port": port, "workers": web_workers, "dir": run_dir}
            )
            while all(process.poll() is None for process in topology.processes.values()):
                time.sleep(1)
            raise CommandError(_("A process stopped: see %(dir)s") % {"dir": run_dir})
        except KeyboardInterrupt:
            pass
        finally:
            topology.stop()
