"""Editors maintain the transparency pages."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("about")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    editor, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Editor")
    editor.permissions.add(
        *apps.get_model("auth", "Permission").objects.filter(content_type__app_label="about")
    )


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(content_type__app_label="about").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("about", "0002_first_pages"),
        ("claims", "0003_editor_and_reviewer_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
