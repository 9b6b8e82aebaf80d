"""Full-text index of the directory, understanding German word forms on both databases.

``search_document`` holds the organisation's searchable text; ``reindex`` rebuilds it (and the
database's full-text index) for the given organisations. Services call ``reindex`` after every
write that changes searchable text; bulk writers call it once with all their ids.

PostgreSQL stems with its ``german`` text-search configuration: the generated column
``search_vector`` (``to_tsvector('german', search_document)``, stored, GIN-indexed; migration
0005, not a model field) is matched and ranked without recomputing the vector per row.
SQLite has no German stemming, so we stem in Python with the Snowball German stemmer and keep
the stemmed text in an FTS5 table (rowid = organisation id). Every query term matches as a
prefix of a stem, so "Frauen" (stem "frau") finds "Frauengruppe"; query words are stemmed repeatedly (``stem_prefix``) so "Sprachkurse"
also finds "Sprachkurs". Migrations 0003 and 0005 create the indexes.

``reindex`` runs after a write has committed (``derived``), and builds the text (and, for
SQLite, its stems) before it opens the short transaction that stores it: stemming a long
description takes seconds, which SQLite's single write lock must not wait for.

Queries are prepared in Python for both databases alike (German stop words dropped, words
stemmed to prefixes, all of them required), so both find the same organisations.
"""

import json
import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from vernetzt.directory import managed_lists
from vernetzt.directory.models import Organisation

FTS_TABLE = "directory_organisation_fts"
POSTGRES_INDEX = "directory_organisation_search_vector_gin"
POSTGRES_VECTOR = "search_vector"  # generated column, migration 0005
SEARCH_CONFIG = "german"
REINDEX_BATCH_SIZE = 500
# Enough for any real search; bounds the work a hostile query can cause.
MAX_QUERY_TERMS = 12
MAX_TERM_LENGTH = 60

# Letters and digits only: no tsquery or FTS5 operator can pass, whatever the user typed.
_TOKEN = re.compile(r"[^\W_]+")


# --- Search document -----------------------------------------------------------------------

ORGANISATION_TEXT = ["name", "short_name", "description", "goals", "type__name"]
# Relation from an organisation → the text it contributes; read as plain values, no models.
RELATED_TEXT = {
    **{
        managed.field: [f"{managed.field}__name"]
        for managed in managed_lists.MANY_LISTS
        if managed.searched
    },
    "needs": ["needs__title", "needs__description"],
    "offers": ["offers__title", "offers__description"],
}


def build_search_document(organisation):
    """The searchable text of one organisation (for a single object at hand)."""
    documents, _stored = _documents([organisation.pk])
    return documents.get(organisation.pk, "")


def _documents(ids):
    """(id → search text, id → the text stored now) for these organisations: one query per
    relation, whatever their number."""
    parts, stored = {}, {}
    for pk, current, *texts in Organisation.objects.filter(pk__in=ids).values_list(
        "pk", "search_document", *ORGANISATION_TEXT
    ):
        parts[pk], stored[pk] = list(texts), current
    for columns in RELATED_TEXT.values():
        rows = (
            Organisation.objects.filter(pk__in=ids, **{f"{columns[0]}__isnull": False})
            .order_by("pk", columns[0])
            .values_list("pk", *columns)
        )
        for pk, *texts in rows:
            parts[pk].append(" ".join(text for text in texts if text))
    documents = {pk: "\n".join(part for part in texts if part) for pk, texts in parts.items()}
    return documents, stored


def reindex(*, organisation_ids):
    """Rebuild the search text and index of these organisations, in batches.

    Ids of deleted organisations are welcome: their index entries are removed. Each batch's
    text is built first, then stored in a short transaction of its own; an organisation whose
    text changed meanwhile (a write racing this one) is built again inside it.
    """
    ids = sorted(set(organisation_ids))
    for start in range(0, len(ids), REINDEX_BATCH_SIZE):
        _reindex_batch(ids[start : start + REINDEX_BATCH_SIZE])


def _reindex_batch(ids):
    documents, _stored = _documents(ids)
    stems = _stems(documents) if connection.vendor == "sqlite" else {}
    with transaction.atomic():
        current, stored = _documents(ids)
        stale = {pk: text for pk, text in current.items() if documents.get(pk) != text}
        stems.update(_stems(stale) if connection.vendor == "sqlite" else {})
        changed = [(text, pk) for pk, text in current.items() if text != stored[pk]]
        table = connection.ops.quote_name(Organisation._meta.db_table)
        with connection.cursor() as cursor:
            if changed:
                cursor.executemany(
                    f"UPDATE {table} SET search_document = %s WHERE id = %s", changed
                )
            if connection.vendor == "sqlite":
                # Rewrite every row of the batch: cheap, and repairs an index out of step.
                _write_fts_rows(cursor, ids, {pk: stems[pk] for pk in current})


def _stems(documents):
    return {pk: stem_text(document) for pk, document in documents.items()}


def _write_fts_rows(cursor, ids, stems):
    placeholders = ", ".join("%s" for _ in ids)
    cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", ids)
    cursor.executemany(
        f"INSERT INTO {FTS_TABLE} (rowid, document) VALUES (%s, %s)", list(stems.items())
    )


# --- Stemming (SQLite) -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer(SEARCH_CONFIG)


def tokens(text):
    return [token.lower() for token in _TOKEN.findall(text or "")]


@lru_cache(maxsize=50_000)
def stem(word):
    return _stemmer().stemWord(word)


def stem_text(text):
    """The text as space-separated German stems, as stored in the SQLite FTS5 table."""
    return " ".join(stem(token) for token in tokens(text))


@lru_cache(maxsize=10_000)
def stem_prefix(word):
    """The word stemmed until it no longer changes: a prefix of the stems of its other forms.

    One pass turns "Sprachkurse" into "sprachkurs" but "Sprachkurs" into "sprachkur"; the
    repeated stem "sprachkur" is a prefix of both, so either query finds either form.
    """
    shorter = stem(word)
    while shorter != word:
        word, shorter = shorter, stem(shorter)
    return word


@lru_cache(maxsize=1)
def stop_words():
    path = Path(__file__).with_name("german_stopwords.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def query_terms(query):
    """The words of a user's query that carry meaning ("der", "und" do not), safe to put into
    any query language, at most a dozen."""
    words = [token for token in tokens(query) if token not in stop_words()]
    return [word[:MAX_TERM_LENGTH] for word in words][:MAX_QUERY_TERMS]


# --- Querying ----------------------------------------------------------------------------


def _postgres_query(terms):
    # Passed as a parameter; the terms are letters and digits only, ":*" makes them prefixes.
    # Already stemmed here, as for SQLite: "simple" only lowercases, it must not stem again.
    return " & ".join(f"{stem_prefix(term)}:*" for term in terms)


_TSQUERY = "to_tsquery('simple'::regconfig, %s)"


def _fts_match(terms):
    return " AND ".join(f'"{stem_prefix(term)}"*' for term in terms)


def filter_matching(queryset, query, *, ids=None):
    """Organisations of ``queryset`` whose text contains every term of ``query`` (all if none).

    Adds no annotation, so the result can serve as a subquery (facet counts, exports).
    ``ids``: the result of ``matched_ids(query)`` when the caller has it already.
    """
    terms = query_terms(query)
    if not terms:
        return queryset
    if ids is not None:
        # One parameter, not thousands: Django prepares each member of an IN list.
        if connection.vendor == "postgresql":
            return queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
        return queryset.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)]))
    table = Organisation._meta.db_table
    if connection.vendor == "postgresql":
        # A subquery on the stored, indexed vector: valid inside further subqueries too.
        return queryset.filter(
            pk__in=RawSQL(
                f"SELECT id FROM {table} WHERE {POSTGRES_VECTOR} @@ {_TSQUERY}",
                [_postgres_query(terms)],
            )
        )
    return queryset.filter(
        pk__in=RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [_fts_match(terms)]
        )
    )


def order_by_relevance(queryset, query):
    """Best matches first (then by name); annotates ``search_rank``, higher is better.

    Apply it last: on SQLite it joins the FTS5 table by name, which a subquery would not see.
    """
    terms = query_terms(query)
    if not terms:
        return queryset.order_by("name", "pk")
    table = Organisation._meta.db_table
    if connection.vendor == "postgresql":
        # The stored vector; fixed SQL, the user's words only ever travel as a parameter.
        return queryset.extra(
            select={"search_rank": f"ts_rank({table}.{POSTGRES_VECTOR}, {_TSQUERY})"},
            select_params=[_postgres_query(terms)],
        ).order_by("-search_rank", "name", "pk")
    # A join, so FTS5 runs the match once; a correlated subquery would run it once per row.
    # bm25() is lower for better matches; negate it so both backends sort the same way.
    # Fixed SQL; the user's words only ever travel as a parameter.
    return queryset.extra(
        select={"search_rank": f"-bm25({FTS_TABLE})"},
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {table}.id", f"{FTS_TABLE} MATCH %s"],
        params=[_fts_match(terms)],
    ).order_by("-search_rank", "name", "pk")


def matched_ids(query):
    """The ids matching ``query`` as a list (None without terms), for callers that filter by
    it many times in one request (the count and the facet counts): matched once.

    Common words match a third of the directory; each repeated match would read every
    candidate's vector (PostgreSQL) or run FTS5 again (SQLite).
    """
    terms = query_terms(query)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        table = Organisation._meta.db_table
        sql = f"SELECT id FROM {table} WHERE {POSTGRES_VECTOR} @@ {_TSQUERY}"
        params = [_postgres_query(terms)]
    else:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        params = [_fts_match(terms)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def search(queryset, query):
    """Filter and order by relevance in one step, for callers that need nothing else."""
    return order_by_relevance(filter_matching(queryset, query), query)


def matching_ids(query):
    """Ids of all organisations (any status) whose text matches ``query``."""
    return filter_matching(Organisation.objects.all(), query).values_list("pk", flat=True)
