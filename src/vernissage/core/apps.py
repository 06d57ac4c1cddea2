from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vernissage.core"
    label = "core"
    verbose_name = _("Records and audit")

    def ready(self) -> None:
        from vernissage.core import signals

        signals.connect()
