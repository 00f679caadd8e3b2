"""Split each release's kind into its legal basis and its movement, without loss: every old kind
maps to a pair no other kind maps to, so the old kind can be read back from the pair."""

from django.db import migrations

# kind -> (legal basis, movement when the release names a destination, movement otherwise)
SPLIT = {
    "exchange": ("exchange", "transferred", "unknown"),
    "pardon": ("pardon", "unknown", "unknown"),
    "deportation": ("unknown", "deported", "deported"),
    "sentence_served": ("sentence_served", "unknown", "unknown"),
    "acquittal": ("acquittal", "unknown", "unknown"),
    "amnesty": ("amnesty", "unknown", "unknown"),
    "other": ("other", "unknown", "unknown"),
}


def split(apps, schema_editor):
    Release = apps.get_model("releases", "Release")
    for kind, (basis, with_destination, without) in SPLIT.items():
        releases = Release.objects.filter(kind=kind)
        releases.filter(destination__isnull=False).update(
            legal_basis=basis, movement=with_destination
        )
        releases.filter(destination__isnull=True).update(legal_basis=basis, movement=without)


def join(apps, schema_editor):
    Release = apps.get_model("releases", "Release")
    for kind, (basis, with_destination, without) in SPLIT.items():
        Release.objects.filter(legal_basis=basis, movement__in={with_destination, without}).update(
            kind=kind
        )


class Migration(migrations.Migration):
    dependencies = [("releases", "0009_legal_record")]

    operations = [migrations.RunPython(split, join)]
