import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vernissage.config.settings")

application = get_asgi_application()

# As in wsgi.py: what is loaded at start lives as long as the process, out of the collector's way.
import gc  # noqa: E402

gc.freeze()
