"""The baseline: a minimal Django project whose one view returns saved bytes.

Same gunicorn, same worker count, same Python as the real app; no middleware, no database, no
templates. bench_http.py compares each Veracity page with this view returning that page's exact
bytes, so the ratio is what Veracity's own work costs. BENCH_COPIES names the folder of copies
(`claim.html`, `api.json`, ...), served at `/claim`, `/api`, ...
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

COPIES = Path(os.environ["BENCH_COPIES"])
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json"}
BODIES = {
    copy.stem: (copy.read_bytes(), CONTENT_TYPES[copy.suffix])
    for copy in COPIES.iterdir()
    if copy.suffix in CONTENT_TYPES
}

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-only-minimal-app-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def saved(request, name: str):
    body, content_type = BODIES[name]
    return HttpResponse(body, content_type=content_type)


def healthz(request):
    return HttpResponse("ok")


urlpatterns = [path("healthz", healthz), path("<str:name>", saved)]
application = get_wsgi_application()
