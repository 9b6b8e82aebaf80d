from django.db import migrations


def create_default_terms(apps, schema_editor):
    from vernetzt.directory import taxonomy_seed
    from vernetzt.directory.languages import default_languages

    lists = [
        ("OrganisationType", taxonomy_seed.ORGANISATION_TYPES),
        ("FieldOfAction", taxonomy_seed.FIELDS_OF_ACTION),
        ("Category", taxonomy_seed.CATEGORIES),
        ("Community", taxonomy_seed.COMMUNITIES),
    ]
    for model_name, entries in lists:
        model = apps.get_model("directory", model_name)
        for order, (slug, name, english, synonyms) in enumerate(entries):
            model.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "translations": {"en": english},
                    "synonyms": synonyms,
                    "sort_order": order * 10,
                },
            )
    language = apps.get_model("directory", "Language")
    for code, name in default_languages():
        language.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create_default_terms, migrations.RunPython.noop)]
