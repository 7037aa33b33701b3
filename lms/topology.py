"""The production topology, started on one machine: several stateless gunicorn worker
processes, one Celery worker, one Celery beat, sharing one PostgreSQL and one Redis
(``make topology``; ``tests/topology/`` drives a completion through it end to end).

Each process reads the same environment, as each server of a real deployment would;
nothing is shared between them but the database and the broker.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def topology_env(*, port: int, database_url: str, broker_url: str, mail_dir: str) -> dict:
    """The environment of every process: production's variables, for a local run."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.topology",
            "DJANGO_SECRET_KEY": env.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
            "EMAIL_FILE_PATH": mail_dir,
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@dataclass
class Topology:
    port: int
    env: dict
    processes: dict = field(default_factory=dict)

    def start(
        self, *, web_workers: int = 2, worker: bool = True, beat: bool = True,
        log_dir: Path | None = None, access_log: bool = True,
    ):  # fmt: skip
        commands = {
            "web": [
                str(BIN / "gunicorn"), "lms.wsgi", "--workers", str(web_workers),
                "--bind", f"127.0.0.1:{self.port}",
                *(["--access-logfile", "-"] if access_log else []),
            ],
        }  # fmt: skip
        if worker:
            commands["worker"] = [
                str(BIN / "celery"), "-A", "lms", "worker", "--loglevel", "INFO",
                "--concurrency", "1", "--without-gossip", "--without-mingle",
            ]  # fmt: skip
        if beat:
            schedule = Path(self.env["EMAIL_FILE_PATH"]).parent / "celerybeat-schedule"
            commands["beat"] = [
                str(BIN / "celery"), "-A", "lms", "beat", "--loglevel", "INFO",
                "--schedule", str(schedule),
            ]  # fmt: skip
        for name, command in commands.items():
            output = open(log_dir / f"{name}.log", "wb") if log_dir else None  # noqa: SIM115
            # The commands are the fixed lists above: nothing typed by anyone.
            self.processes[name] = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        return self

    def wait_until_serving(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2):
                    return
            except OSError:
                if self.processes["web"].poll() is not None:
                    raise RuntimeError("gunicorn stopped while starting") from None
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer in time")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
