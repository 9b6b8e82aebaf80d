"""The directory revision counter (one row) and, on PostgreSQL, a stored search vector.

``directory_revision`` holds one number that every write to the directory increases
(``vernetzt.directory.cache.bump``); cached public pages are keyed by it. It is a plain table,
not a model: nothing but ``cache.py`` reads or writes it.

On PostgreSQL ``search_vector`` is a generated column, ``to_tsvector('german',
search_document)`` stored with the row and indexed with GIN, so queries no longer recompute the
vector per candidate row (prefix queries need a recheck, ``ts_rank`` needs the vector). It
replaces the expression index of 0003. It is not a model field; ``search.py`` queries it by
name.
"""

from django.db import migrations

POSTGRES_OLD_INDEX = "directory_organisation_search_gin"
POSTGRES_INDEX = "directory_organisation_search_vector_gin"
REVISION_TABLE = "directory_revision"


def forwards(apps, schema_editor):
    execute = schema_editor.execute
    execute(f"CREATE TABLE {REVISION_TABLE} (id integer PRIMARY KEY, number bigint NOT NULL)")
    execute(f"INSERT INTO {REVISION_TABLE} (id, number) VALUES (1, 1)")
    if schema_editor.connection.vendor == "postgresql":
        execute(
            "ALTER TABLE directory_organisation ADD COLUMN search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('german'::regconfig, search_document)) STORED"
        )
        execute(
            f"CREATE INDEX {POSTGRES_INDEX} ON directory_organisation USING gin (search_vector)"
        )
        execute(f"DROP INDEX IF EXISTS {POSTGRES_OLD_INDEX}")


def backwards(apps, schema_editor):
    execute = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        execute(
            f"CREATE INDEX IF NOT EXISTS {POSTGRES_OLD_INDEX} ON directory_organisation "
            "USING gin (to_tsvector('german'::regconfig, search_document))"
        )
        execute(f"DROP INDEX IF EXISTS {POSTGRES_INDEX}")
        execute("ALTER TABLE directory_organisation DROP COLUMN IF EXISTS search_vector")
    execute(f"DROP TABLE IF EXISTS {REVISION_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_import_job")]
    operations = [migrations.RunPython(forwards, backwards)]
