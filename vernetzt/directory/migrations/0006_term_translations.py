"""Names of the seeded managed-list entries in Turkish, Arabic and Ukrainian (and English).

0002 seeded the lists with German names and English translations only, so readers of the
tr/ar/uk interface saw German labels. This adds ``taxonomy_seed.TRANSLATIONS`` and the English
name of each seeded entry that still exists, by key, and only for a language the entry does not
have yet: what staff entered in the admin is kept. It runs after 0002 on every installation, new
or old. Reversing it changes nothing (the names are harmless and may have been edited since).
"""

from django.db import migrations

LISTS = [
    ("OrganisationType", "ORGANISATION_TYPES", "organisation_type"),
    ("FieldOfAction", "FIELDS_OF_ACTION", "field_of_action"),
    ("Category", "CATEGORIES", "category"),
    ("Community", "COMMUNITIES", "community"),
]
REVISION_TABLE = "directory_revision"  # cached public pages are keyed by it (0005, cache.py)


def add_term_translations(apps, schema_editor):
    from vernetzt.directory import taxonomy_seed

    changed = False
    for model_name, entries_name, translations_name in LISTS:
        model = apps.get_model("directory", model_name)
        seeded = {}
        for slug, _name, english, _synonyms in getattr(taxonomy_seed, entries_name):
            seeded[slug] = {"en": english, **taxonomy_seed.TRANSLATIONS[translations_name][slug]}
        for term in model.objects.filter(slug__in=seeded):
            translations = term.translations
            if translations is None:
                translations = {}
            if not isinstance(translations, dict):
                continue  # something staff entered by hand: leave it alone
            missing = {
                code: name for code, name in seeded[term.slug].items() if code not in translations
            }
            if missing:
                term.translations = {**translations, **missing}
                term.save(update_fields=["translations"])
                changed = True
    connection = schema_editor.connection
    if changed and REVISION_TABLE in connection.introspection.table_names():
        schema_editor.execute(f"UPDATE {REVISION_TABLE} SET number = number + 1 WHERE id = 1")


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_search_vector_and_revision")]
    operations = [migrations.RunPython(add_term_translations, migrations.RunPython.noop)]
