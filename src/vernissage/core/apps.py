from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vernissage.core"
    label = "core"
    verbose_name = "Records and audit"
