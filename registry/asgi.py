"""The ASGI application, which the production server serves (see registry/ops/server.py)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings")

application = get_asgi_application()
