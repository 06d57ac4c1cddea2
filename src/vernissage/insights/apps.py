from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "vernissage.insights"
    label = "insights"
    verbose_name = _("Careers: timeline, figures and CV")
