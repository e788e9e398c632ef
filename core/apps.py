from django.apps import AppConfig
from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.checks import check_admin_app, check_dependencies
from django.core import checks


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site plumbing"


class AdminConfig(SimpleAdminConfig):
    """Django's admin, its apps' admin modules imported with the URLconf (config/urls.py)
    instead of at start-up: a process that serves no page, such as ``extract_claims``, starts
    without every admin module and what it imports (the ingest pipeline, forms, DRF)."""

    def ready(self):
        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(check_discovered_admin, checks.Tags.admin)


def check_discovered_admin(app_configs, **kwargs):
    """The admin's own checks, with every admin module registered first: system checks run in
    no fixed order, so the URLconf may not have loaded them yet."""
    from django.contrib import admin

    admin.autodiscover()
    return check_admin_app(app_configs, **kwargs)
