from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "vernissage.interop"
    label = "interop"
    verbose_name = "Interoperability"
