from django.apps import AppConfig


class WorksConfig(AppConfig):
    name = "vernissage.works"
    label = "works"
    verbose_name = "Works"
