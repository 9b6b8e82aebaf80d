"""The directory revision moved into the cache (``directory/cache.py``): its table goes."""

from django.db import migrations

REVISION_TABLE = "directory_revision"


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0010_term_translations_ru'),
    ]

    operations = [
        migrations.RunSQL(
            f"DROP TABLE IF EXISTS {REVISION_TABLE}",
            reverse_sql=[
                f"CREATE TABLE {REVISION_TABLE} (id integer PRIMARY KEY, number bigint NOT NULL)",
                f"INSERT INTO {REVISION_TABLE} (id, number) VALUES (1, 1)",
            ],
        ),
    ]
