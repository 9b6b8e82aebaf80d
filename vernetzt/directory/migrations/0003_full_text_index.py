"""The full-text index: a GIN expression index on PostgreSQL, an FTS5 table on SQLite.

See vernetzt/directory/search.py for how each is queried; the names must stay in step.
"""

from django.db import migrations

POSTGRES_INDEX = "directory_organisation_search_gin"
FTS_TABLE = "directory_organisation_fts"
BATCH_SIZE = 500


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON directory_organisation "
            "USING gin (to_tsvector('german'::regconfig, search_document))"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "document, tokenize = 'unicode61 remove_diacritics 2')"
        )
        _fill_fts_table(apps, schema_editor)


def _fill_fts_table(apps, schema_editor):
    from vernetzt.directory.search import stem_text

    organisation = apps.get_model("directory", "Organisation")
    rows = organisation.objects.order_by("pk").values_list("pk", "search_document")
    batch = []
    with schema_editor.connection.cursor() as cursor:
        for pk, document in rows.iterator(chunk_size=BATCH_SIZE):
            batch.append((pk, stem_text(document)))
            if len(batch) == BATCH_SIZE:
                _insert(cursor, batch)
                batch = []
        _insert(cursor, batch)


def _insert(cursor, rows):
    if rows:
        cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, document) VALUES (%s, %s)", rows)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {POSTGRES_INDEX}")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_default_terms")]
    operations = [migrations.RunPython(create_index, drop_index)]
