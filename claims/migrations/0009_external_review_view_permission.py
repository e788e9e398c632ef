from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editor", "Reviewer"]


def external_review_view(apps):
    # Permissions are normally created after all migrations; make them now so groups can hold them.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="claims", codename="view_externalreview"
    )


def grant(apps, schema_editor):
    permission = external_review_view(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = external_review_view(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    """Editors and reviewers read other organisations' imported fact checks (browse only)."""

    dependencies = [("claims", "0008_published_list_indexes")]
    operations = [migrations.RunPython(grant, revoke)]
