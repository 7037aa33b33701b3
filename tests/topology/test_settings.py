"""Production's settings read the deployment from the environment: media on S3-compatible
object storage when a bucket is named, on the local disk otherwise."""

import importlib
import sys


def test_production_reads_object_storage_from_the_environment(monkeypatch):
    for name, value in {
        "DJANGO_SECRET_KEY": "x", "DJANGO_ALLOWED_HOSTS": "apprendre.example.org",
        "DATABASE_URL": "postgres://u@h/db", "CELERY_BROKER_URL": "redis://h:6379/0",
        "EMAIL_HOST": "smtp.example.org", "WAGTAILADMIN_BASE_URL": "https://apprendre.example.org",
        "MEDIA_S3_BUCKET": "dataide-media", "MEDIA_S3_ENDPOINT_URL": "https://s3.ca-central-1.example",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    sys.modules.pop("lms.settings.production", None)
    production = importlib.import_module("lms.settings.production")
    storage = production.STORAGES["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "dataide-media"
    assert storage["OPTIONS"]["default_acl"] == "private" and storage["OPTIONS"]["querystring_auth"]
    monkeypatch.delenv("MEDIA_S3_BUCKET")
    sys.modules.pop("lms.settings.production", None)
    production = importlib.import_module("lms.settings.production")
    assert production.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    sys.modules.pop("lms.settings.production", None)
