import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vernissage.config.settings")

application = get_wsgi_application()

# In the web server, worker processes already cover the cores: libvips' own thread pool per
# request would only add memory (bench/iiif.py). Ingest and the demo keep libvips' threads.
import pyvips  # noqa: E402

pyvips.concurrency_set(1)
