from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "vernissage.site"
    label = "site"
    verbose_name = "Web pages"
