from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Decision aid content"
