from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "vernissage.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from vernissage.search import signals

        signals.connect()
