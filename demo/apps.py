from django.apps import AppConfig


class DemoConfig(AppConfig):
    """An app only for its `seed_demo` command; it has no models."""

    name = "demo"
