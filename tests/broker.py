"""A real Redis broker of a test's own, which the test can stop and start again.

It runs ``redis-server`` on a free port (never the shared 6379), points the Celery app
at it with tasks no longer eager, and hands queued tasks to a real worker. Used through
the ``redis_broker`` fixture (``tests/conftest.py``).
"""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections
from kombu import pools

from lms.celery import app
from lms.outbox.services import outbox_relay

#: How long starting Redis, or emptying its queue, may take before the test fails.
WAIT_SECONDS = 30


def redis_server_path() -> str | None:
    """Return the path of ``redis-server``, or None when it is not installed."""
    return shutil.which("redis-server")


def _free_port() -> int:
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port != 6379:
            return port


def _wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up waiting: {what}")
        time.sleep(0.05)


def _close_db_connections(**kwargs) -> None:
    """The worker thread's connections, closed after each task (the test database is
    dropped at the end of the run)."""
    connections.close_all()


class RedisBroker:
    """A ``redis-server`` on a port of its own, without persistence."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None
        self.client = redis.Redis(port=self.port, socket_timeout=2)

    def start(self) -> None:
        """Start the server (again, on the same port) and wait until it answers; nothing
        if it runs already."""
        if self.process is not None and self.process.poll() is None:
            return
        command = [redis_server_path(), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        _wait_until(self._answers, f"redis-server on port {self.port}")

    def stop(self) -> None:
        """Stop the server: what it held is gone, as after a crash without persistence."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=WAIT_SECONDS)
            self.process = None

    def queued(self) -> int:
        """Return how many tasks wait in the queue or are taken but not acknowledged."""
        return self.client.llen("celery") + self.client.hlen("unacked")

    def work(self) -> None:
        """Run a real worker (solo pool, in a thread) until every queued task is done."""
        task_postrun.connect(_close_db_connections, weak=False)
        try:
            with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
                _wait_until(self._drained, "the worker to empty the queue")
        finally:
            task_postrun.disconnect(_close_db_connections)

    def recover(self) -> int:
        """Start the server again, run the outbox relay, then a worker; return how many
        messages the relay handed over."""
        self.start()
        relayed = outbox_relay()
        self.work()
        return relayed

    def _drained(self) -> bool:
        if self.queued():
            return False
        time.sleep(0.2)  # a task just taken is briefly in neither place: look again
        return self.queued() == 0

    def _answers(self) -> bool:
        try:
            return bool(self.client.ping())
        except redis.exceptions.ConnectionError:
            return False


def _reset_connections() -> None:
    """Drop the Celery app's pooled broker connections, so the next use reads the URL."""
    pools.reset()
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextmanager
def celery_using(broker: RedisBroker):
    """Point the Celery app at ``broker``, tasks sent to it (not eager); restore after."""
    saved = {"broker_url": app.conf.broker_url, "task_always_eager": app.conf.task_always_eager}
    _reset_connections()
    app.conf.update(broker_url=broker.url, task_always_eager=False)
    try:
        yield broker
    finally:
        _reset_connections()
        app.conf.update(saved)
