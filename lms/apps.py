from django.apps import AppConfig


class LmsConfig(AppConfig):
    """The project package as an app: base templates, health check, demo data."""

    name = "lms"
    verbose_name = "DATAide"
