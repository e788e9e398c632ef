from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Editor"
REVIEWER = "Reviewer"

EDITOR_MODELS = {
    "sources": ["source", "sourcealias"],
    "articles": ["article"],
    "claims": [
        "claim",
        "attribution",
        "evidence",
        "verdict",
        "rating",
        "correction",
        "topic",
        "claimevent",
    ],
}
# Reviewers see everything and edit their assigned claims; row-level limits live in the admin
# and API, which ask claims.workflow.
REVIEWER_PERMISSIONS = [
    "view_source", "add_source", "view_sourcealias", "add_sourcealias",
    "view_article",
    "view_claim", "change_claim",
    "view_attribution", "add_attribution", "change_attribution", "delete_attribution",
    "view_evidence", "add_evidence", "change_evidence", "delete_evidence",
    "view_verdict", "add_verdict", "change_verdict",
    "view_rating", "view_correction", "view_topic", "view_claimevent",
]  # fmt: skip


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now so groups can hold them.
    for app_label in EDITOR_MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    for app_label, models in EDITOR_MODELS.items():
        editor.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        )
    reviewer, _ = Group.objects.get_or_create(name=REVIEWER)
    reviewer.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=list(EDITOR_MODELS), codename__in=REVIEWER_PERMISSIONS
        )
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, REVIEWER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_default_rating_scale"),
        ("sources", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
