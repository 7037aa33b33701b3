"""The DATAide learning platform: the Django project and its cross-cutting domain."""

from .celery import app as celery_app

__all__ = ["celery_app"]
