import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# A web worker loads its URLconf, the views and the admin's modules (core.apps.AdminConfig) as it
# starts, not while its first reader waits.
get_resolver().url_patterns  # noqa: B018
