import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vernissage.config.settings")

django_application = get_wsgi_application()

# Anonymous IIIF image requests for public images this process already knows are answered
# in front of Django's handler (vernissage.images.early); everything else goes to Django.
from vernissage.images.early import ImageFastPath  # noqa: E402

application = ImageFastPath(django_application)

# In the web server, worker processes already cover the cores: libvips' own thread pool per
# request would only add memory (bench/iiif.py). Ingest and the demo keep libvips' threads.
import pyvips  # noqa: E402

pyvips.concurrency_set(1)

# The views loaded and everything so far frozen, out of the cyclic collector's way: a full
# collection no longer walks it in the middle of a request (config/process.py).
from vernissage.config.process import process_ready  # noqa: E402

process_ready()
