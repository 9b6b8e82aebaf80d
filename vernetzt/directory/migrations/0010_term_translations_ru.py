"""Russian names of the seeded managed-list entries, for installations that ran 0006 before
``taxonomy_seed.TRANSLATIONS`` had them.

0006's step adds, by key, every language a seeded entry does not have yet and keeps what staff
entered; running it again now adds Russian only. Reversing it changes nothing.
"""

import importlib

from django.db import migrations

term_translations = importlib.import_module("vernetzt.directory.migrations.0006_term_translations")


class Migration(migrations.Migration):
    dependencies = [("directory", "0009_organisation_description")]
    operations = [
        migrations.RunPython(term_translations.add_term_translations, migrations.RunPython.noop)
    ]
