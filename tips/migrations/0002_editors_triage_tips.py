"""Editors triage readers' tips (view, change, delete); reviewers read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editor": ["view_tip", "change_tip", "delete_tip"],
    "Reviewer": ["view_tip"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now so groups can hold them.
    app_config = apps.get_app_config("tips")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="tips", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(content_type__app_label="tips").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tips", "0001_tips"),
        ("claims", "0003_editor_and_reviewer_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
