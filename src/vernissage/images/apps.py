from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "vernissage.images"
    label = "images"
    verbose_name = _("Images")

    def ready(self) -> None:
        import pyvips

        # libvips keeps the last 100 operations by default, and with them every opened
        # pyramid page and the regions cut from it: a server worker grew by ~110 MB per pass
        # over a thousand regions, without bound (bench/iiif.py).
        pyvips.cache_set_max(10)
