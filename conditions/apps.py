from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Decision aid content"

    def ready(self):
        from .caching import connect_signals

        connect_signals()
