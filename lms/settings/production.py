"""Production settings: every value that differs between deployments comes from the
environment, read here and nowhere else.

Required: ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` (comma-separated),
``DATABASE_URL``, ``CELERY_BROKER_URL``, ``WAGTAILADMIN_BASE_URL`` (the platform's
address, such as ``https://apprendre.example.org``: every absolute link in e-mails,
calendar files and certificates starts with it), ``EMAIL_URL``-style settings below
(``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``).
Optional: ``REDIS_CACHE_URL`` (defaults to the broker's Redis), ``MEDIA_S3_BUCKET`` (and
``MEDIA_S3_ENDPOINT_URL``, ``MEDIA_S3_REGION``, ``AWS_ACCESS_KEY_ID``,
``AWS_SECRET_ACCESS_KEY``: media on S3-compatible object storage),
``DEFAULT_FROM_EMAIL``, ``DJANGO_SERVE_MEDIA`` (1 when no web server or object storage
serves ``/media/``).

App servers keep no state of their own: sessions live in the database, the cache and
rate limits in Redis, so several servers and Celery workers can share one PostgreSQL
and one broker.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
_required("DATABASE_URL")  # read by base through dj-database-url
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CELERY_BROKER_URL = _required("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = False
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_CACHE_URL", CELERY_BROKER_URL),
    }
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = _required("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_BASE_URL = _required("WAGTAILADMIN_BASE_URL")

# Media (the replay's video, documents) at their media address, served by the web server
# or object storage in front, which answer byte ranges (seeking; Safari needs them).
# Without one, DJANGO_SERVE_MEDIA=1 lets the app serve them with ranges (lms/media.py).
WAGTAILDOCS_SERVE_METHOD = "direct"
SERVE_MEDIA = os.environ.get("DJANGO_SERVE_MEDIA", "0") == "1"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Optional: media (videos, documents, images) on S3-compatible object storage, for several
# app servers without a shared disk (``pip install -e ".[s3]"``: django-storages and
# boto3). The bucket stays private; each link is signed and expires.
if MEDIA_S3_BUCKET := os.environ.get("MEDIA_S3_BUCKET", "").strip():
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 3600,
            "file_overwrite": False,
        },
    }

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# Load balancers probe the health endpoint over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# The service providers named on the privacy page: "name|where" each.
_PROVIDER_VARIABLES = ("PRIVACY_HOSTING", "PRIVACY_EMAIL_PROVIDER")
for _provider, _variable in zip(PRIVACY_PROVIDERS, _PROVIDER_VARIABLES, strict=True):
    if os.environ.get(_variable):
        _provider["name"], _, _provider["where"] = os.environ[_variable].partition("|")
