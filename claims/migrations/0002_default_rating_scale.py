from django.db import migrations

DEFAULT_SCALE = [
    # label, slug, value, colour, definition
    ("True", "true", 5, "#1a7f37", "The statement is accurate and nothing significant is missing."),
    (
        "Mostly true",
        "mostly-true",
        4,
        "#4d8f1f",
        "Accurate, but needs clarification or additional information.",
    ),
    (
        "Half true",
        "half-true",
        3,
        "#9a6700",
        "Partially accurate but leaves out important details or takes things out of context.",
    ),
    (
        "Mostly false",
        "mostly-false",
        2,
        "#bc4c00",
        "Contains an element of truth but ignores facts that would give a different impression.",
    ),
    ("False", "false", 1, "#cf222e", "The statement is not accurate."),
    (
        "Misleading",
        "misleading",
        None,
        "#8250df",
        "Accurate facts arranged to give a false impression.",
    ),
    (
        "Unverifiable",
        "unverifiable",
        None,
        "#57606a",
        "The available evidence neither confirms nor refutes the statement.",
    ),
]


def add_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for position, (label, slug, value, colour, definition) in enumerate(DEFAULT_SCALE):
        Rating.objects.update_or_create(
            slug=slug,
            defaults={
                "label": label,
                "value": value,
                "colour": colour,
                "definition": definition,
                "position": position,
            },
        )


def remove_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    Rating.objects.filter(
        slug__in=[row[1] for row in DEFAULT_SCALE], verdicts__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(add_scale, remove_scale)]
