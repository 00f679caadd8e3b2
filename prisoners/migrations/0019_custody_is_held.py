"""Custody periods say whether they are held time in a column of their own, so that the index
behind "held on a day" has a plain condition (a list of kinds in an index condition reads back
differently after a dump and restore)."""

from django.db import migrations, models

# The held kinds, as prisoners.custody.HELD_KINDS had them when this migration was written.
HELD_KINDS = (
    "pre_trial",
    "house_arrest",
    "serving_sentence",
    "psychiatric",
    "incommunicado",
    "disappeared",
)


def fill(apps, schema_editor):
    CustodyPeriod = apps.get_model("prisoners", "CustodyPeriod")
    CustodyPeriod.objects.filter(kind__in=HELD_KINDS).update(is_held=True)


class Migration(migrations.Migration):

    dependencies = [
        ('prisoners', '0018_custody_and_recognition'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='custodyperiod',
            name='custody_public_held_idx',
        ),
        migrations.AddField(
            model_name='custodyperiod',
            name='is_held',
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='custodyperiod',
            index=models.Index(condition=models.Q(('in_public_view', True), ('is_held', True)), fields=['started_on', 'ended_on', 'prisoner'], name='custody_public_held_idx'),
        ),
        migrations.AddConstraint(
            model_name='custodyperiod',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('is_held', True), ('kind__in', ('pre_trial', 'house_arrest', 'serving_sentence', 'psychiatric', 'incommunicado', 'disappeared'))), models.Q(('is_held', False), models.Q(('kind__in', ('pre_trial', 'house_arrest', 'serving_sentence', 'psychiatric', 'incommunicado', 'disappeared')), _negated=True)), _connector='OR'), name='prisoners_custodyperiod_is_held_follows_kind'),
        ),
    ]
