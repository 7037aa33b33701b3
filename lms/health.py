"""Probes behind ``/healthz``: is the database reachable, is the broker reachable."""

from django.conf import settings
from django.db import DatabaseError, connection
from kombu import Connection

#: Seconds a probe may wait before the service counts as down.
PROBE_TIMEOUT = 2


def database_status() -> dict:
    """Return the database's state, running one trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def broker_status() -> dict:
    """Return the Celery broker's state; in eager mode there is no broker to reach."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager"}
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=PROBE_TIMEOUT) as conn:
            conn.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT)
    except Exception as exc:  # kombu raises transport-specific errors
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "mode": "broker"}
