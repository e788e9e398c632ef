"""Editors register endpoints on consumers' behalf and read and replay their deliveries."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = ["add_endpoint", "change_endpoint", "delete_endpoint", "view_endpoint", "view_delivery"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now so groups can hold them.
    app_config = apps.get_app_config("webhooks")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    editor, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Editor")
    editor.permissions.add(
        *apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="webhooks", codename__in=GRANTS
        )
    )


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(content_type__app_label="webhooks").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_endpoints_and_deliveries"),
        ("claims", "0003_editor_and_reviewer_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
