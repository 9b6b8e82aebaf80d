"""The full-text search, run identically against SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest
from django.db import connection

from tests.directory.factories_public import IndexedOrganisationFactory
from tests.factories import NeedFactory, OrganisationFactory
from vernetzt.directory import search
from vernetzt.directory.models import Organisation

pytestmark = pytest.mark.django_db


def found(query):
    return set(
        search.search(Organisation.objects.all(), query).values_list("name", flat=True)
    )


@pytest.fixture
def organisations():
    return {
        "kurs": IndexedOrganisationFactory(
            name="Lernhaus", description="Wir bieten einen Sprachkurs für Erwachsene an."
        ),
        "frauen": IndexedOrganisationFactory(
            name="Treffpunkt Nord", description="Unsere Frauengruppe trifft sich dienstags."
        ),
        "verein": IndexedOrganisationFactory(
            name="Kulturverein Süd", description="Ein Verein für Musik und Tanz."
        ),
        "türkisch": IndexedOrganisationFactory(
            name="Elternnetz", description="Türkisch sprechende Eltern, Bildungsberatung."
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Sprachkurse", {"Lernhaus"}),
        ("sprachkurs", {"Lernhaus"}),
        ("Frauen", {"Treffpunkt Nord"}),
        ("Vereine", {"Kulturverein Süd"}),
        ("Türkisch", {"Elternnetz"}),
        ("türkischen", {"Elternnetz"}),
        ("Bildungsberatung", {"Elternnetz"}),
        ("Bildung", {"Elternnetz"}),
        ("Musik Tanz", {"Kulturverein Süd"}),
    ],
)
def test_german_word_forms_and_prefixes_match(organisations, query, expected):
    assert found(query) == expected


def test_every_term_must_match(organisations):
    assert found("Frauengruppe dienstags") == {"Treffpunkt Nord"}
    assert found("Frauengruppe Musik") == set()


def test_empty_or_blank_query_returns_everything(organisations):
    everyone = set(Organisation.objects.values_list("name", flat=True))
    assert found("") == everyone
    assert found("   ") == everyone
    assert found("!!! ***") == everyone


@pytest.mark.parametrize(
    "query",
    [
        '"', "'", "Frauen'", 'Frau" OR 1=1 --', "a & b | !c", "sprach:* & (", "NEAR(a b)",
        "col:Frau", "*", "\\", "%_", "x" * 500, "Frau " * 50, "\x00Frau",
    ],
)
def test_special_characters_never_crash(organisations, query):
    result = found(query)
    assert result <= set(Organisation.objects.values_list("name", flat=True))


def test_quotes_around_a_word_still_find_it(organisations):
    assert found('"Frauen"') == {"Treffpunkt Nord"}


def test_better_matches_rank_first():
    IndexedOrganisationFactory(name="Beiläufig", description="Auch ein Chor.")
    IndexedOrganisationFactory(name="Chor der Nationen", description="Chor, Chor und Chorproben.")
    names = list(search.search(Organisation.objects.all(), "Chor").values_list("name", flat=True))
    assert names == ["Chor der Nationen", "Beiläufig"]


def test_reindex_follows_changes_of_needs():
    organisation = IndexedOrganisationFactory(name="Stadtteiltreff", description="")
    assert found("Abendtreffen") == set()
    NeedFactory(organisation=organisation, title="Raum für Abendtreffen")
    search.reindex(organisation_ids=[organisation.pk])
    assert found("Abendtreffen") == {"Stadtteiltreff"}


def test_reindex_of_a_deleted_organisation_removes_it(organisations):
    organisation = organisations["kurs"]
    pk = organisation.pk
    organisation.delete()
    search.reindex(organisation_ids=[pk])
    assert pk not in set(search.matching_ids("Sprachkurs"))


def test_reindex_many_organisations_in_batches(django_assert_max_num_queries):
    organisations = OrganisationFactory.create_batch(30, description="Hausaufgabenhilfe")
    ids = [organisation.pk for organisation in organisations]
    search.REINDEX_BATCH_SIZE, original = 10, search.REINDEX_BATCH_SIZE
    try:
        # Per batch: organisations and five relations, read once to build the text outside the
        # transaction and once more inside it (a write racing this one is noticed); the
        # transaction (here a savepoint and its release), one update, (SQLite) delete + insert.
        with django_assert_max_num_queries(3 * 17):
            search.reindex(organisation_ids=ids)
    finally:
        search.REINDEX_BATCH_SIZE = original
    assert set(search.matching_ids("Hausaufgaben")) == set(ids)


def test_filter_matching_works_as_a_subquery(organisations):
    matching = search.filter_matching(Organisation.objects.all(), "Frauen")
    outer = Organisation.objects.filter(pk__in=matching.values("pk"))
    assert set(outer.values_list("name", flat=True)) == {"Treffpunkt Nord"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_postgres_search_can_use_the_gin_index(organisations):
    queryset = search.filter_matching(Organisation.objects.all(), "Frauen")
    with connection.cursor() as cursor:
        # A handful of rows: without both, a scan of the primary key looks as cheap.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_indexscan = on")
        cursor.execute("SET enable_seqscan = on")
    assert search.POSTGRES_INDEX in plan


def test_stop_words_are_ignored_on_both_databases(organisations):
    assert found("die Frauen und der Dienstag") == found("Frauen dienstags")
    everyone = set(Organisation.objects.values_list("name", flat=True))
    assert found("der die das") == everyone


def test_a_word_whose_stem_is_a_stop_word_is_still_searched():
    IndexedOrganisationFactory(name="Lindenallee", description="Treffpunkt an der Allee")
    IndexedOrganisationFactory(name="Anderswo", description="Nichts")
    assert found("Allee") == {"Lindenallee"}
