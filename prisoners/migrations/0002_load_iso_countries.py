"""Load every ISO 3166-1 country from django-countries' copy of the standard."""

from django.db import migrations


def load_countries(apps, schema_editor):
    from django_countries.data import ALT_CODES, COUNTRIES

    Country = apps.get_model("prisoners", "Country")
    existing = set(Country.objects.values_list("code", flat=True))
    Country.objects.bulk_create(
        Country(code=code, name=str(name), alpha3=ALT_CODES[code][0], is_iso=True)
        for code, name in COUNTRIES.items()
        if code not in existing
    )


def unload_countries(apps, schema_editor):
    apps.get_model("prisoners", "Country").objects.filter(is_iso=True).delete()


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0001_initial")]

    operations = [migrations.RunPython(load_countries, unload_countries)]
