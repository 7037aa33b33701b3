"""The production topology on one machine, over plain HTTP (``make topology`` and its
end-to-end test): production's settings, read from the environment as in production,
except what only HTTPS and a mail server give. E-mails are written as files
(``EMAIL_FILE_PATH``) so that what the workers send can be read."""

import os

os.environ.setdefault("EMAIL_HOST", "localhost")  # production requires it; unused here

from .production import *  # noqa: E402, F401, F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
CSRF_TRUSTED_ORIGINS = [f"http://{host}" for host in ALLOWED_HOSTS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))  # noqa: F405
SERVE_MEDIA = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Static files from the apps' folders, without a collectstatic step for a local run.
WHITENOISE_USE_FINDERS = True
