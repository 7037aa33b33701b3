"""The Celery application.

Tasks across the project are thin: they load records by id, call a service, and retry
with exponential backoff when something outside us (SMTP, the database) fails. Every
task is enqueued with ``transaction.on_commit`` and must be safe to run twice, since
``acks_late`` gives a task back to the queue when its worker dies.
"""

import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")


class RetryingTask(Task):
    """Base task: retries on any exception, backing off up to ten minutes."""

    autoretry_for = (Exception,)
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 8


app = Celery("lms", task_cls=RetryingTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
