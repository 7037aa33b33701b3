"""Test settings: fast password hashing, e-mails kept in memory."""

from .base import *  # noqa: F401

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tasks run in-process in tests, even when CELERY_BROKER_URL points at a real Redis:
# the tests that prove the broker round trip start a worker of their own.
CELERY_TASK_ALWAYS_EAGER = True
