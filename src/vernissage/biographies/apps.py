from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BiographiesConfig(AppConfig):
    name = "vernissage.biographies"
    label = "biographies"
    verbose_name = _("Biographies")
