from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demonstration data and its ``load_demo`` command; no models, no pages."""

    name = "lms.demo"
    label = "demo"
