import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "requests_cms.settings")
application = get_wsgi_application()

# Each gunicorn worker imports this module when it starts (or the master once, with --preload, before forking):
# the letter fonts are read here instead of by the first letter PDF a user asks for.
from letters.layout.fonts import preload  # noqa: E402 - after Django is set up

preload()
