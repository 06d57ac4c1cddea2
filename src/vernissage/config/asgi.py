import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vernissage.config.settings")

application = get_asgi_application()

# As in wsgi.py: the views loaded, and what is loaded frozen out of the collector's way.
from vernissage.config.process import process_ready  # noqa: E402

process_ready()
