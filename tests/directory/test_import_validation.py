"""The dry run: which rows are rejected, which get warnings, and the messages."""

import pytest
from django.utils import timezone, translation

from tests.directory.factories_import import culture_type, district, organisation_row, xlsx_bytes
from tests.factories import DistrictFactory, OrganisationFactory, term
from vernetzt.directory.importing.columns import suggest_mapping
from vernetzt.directory.importing.reading import read_table
from vernetzt.directory.importing.report import render
from vernetzt.directory.importing.validation import Decisions, validate
from vernetzt.directory.models import Community, FieldOfAction, OrganisationType

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def check(rows, *, default_type=None, headers=None):
    table = read_table(xlsx_bytes(rows, headers=headers), "xlsx")
    return validate(table=table, mapping=suggest_mapping(table.headers), default_type=default_type)


def messages(report, level=None):
    return [
        (problem["row"], problem["column"], render(problem))
        for problem in report.problems
        if level in (None, problem["level"])
    ]


def test_a_good_row_is_parsed_into_model_values():
    report, rows = check(
        [
            organisation_row(
                1,
                **{
                    "Webseite": "www.verein1.de",
                    "Mitglieder": "ca. 1.200",
                    "Stadtteil": "",
                    "Sprachen": "Deutsch, tr, Arabic, Persisch",
                },
            )
        ]
    )
    assert (report.rows, report.ok, report.with_warnings, report.rejected) == (1, 1, 0, 0)
    values, many = rows[0].values, rows[0].many
    assert values["name"] == "Kulturverein Nummer 1 e.V."
    assert values["type"] == culture_type()
    assert values["founding_year"] == 1991
    assert values["member_count"] == 1200
    assert values["website"] == "https://www.verein1.de"
    assert {term.slug for term in many["fields"]} == {"culture", "education"}
    assert {language.code for language in many["languages"]} == {"de", "tr", "ar", "fa"}


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        ({"Name des Vereins": ""}, "Name des Vereins", "The name is missing."),
        ({"Art": ""}, "Art", "The type is missing"),
        ({"Art": "Raumstation"}, "Art", '"Raumstation" is not a known type.'),
        ({"E-Mail": "info(at)verein.de"}, "E-Mail", "not a valid e-mail address"),
        ({"Webseite": "http://"}, "Webseite", "not a valid web address"),
        ({"Gründungsjahr": "neunzehnhundert"}, "Gründungsjahr", "This is not a year"),
        ({"Gründungsjahr": timezone.localdate().year + 1}, "Gründungsjahr", "in the future"),
        ({"Gründungsjahr": 1492}, "Gründungsjahr", "before 1800"),
        ({"Mitglieder": "viele"}, "Mitglieder", "not a whole number"),
        ({"Mitglieder": 12.5}, "Mitglieder", "not a whole number"),
        ({"Name des Vereins": "x" * 201}, "Name des Vereins", "at most 200 characters"),
    ],
)
def test_row_errors_reject_the_row(overrides, column, message):
    report, rows = check([organisation_row(1), organisation_row(2, **overrides)])
    assert rows and len(rows) == 1
    assert report.rejected == 1
    errors = messages(report, "error")
    assert len(errors) == 1
    assert errors[0][:2] == (3, column)
    assert message in errors[0][2]


def test_unknown_type_suggests_the_closest():
    report, _rows = check([organisation_row(1, Art="Kulturvrein")])
    [(_row, _column, message)] = messages(report, "error")
    assert message == '"Kulturvrein" is not a known type. Did you mean: Kulturverein?'


def test_default_type_replaces_missing_and_unknown_types():
    default = term(OrganisationType, "other")
    report, rows = check(
        [organisation_row(1, Art=""), organisation_row(2, Art="Raumstation")], default_type=default
    )
    assert report.rejected == 0
    assert [row.values["type"] for row in rows] == [default, default]
    [(row, _column, message)] = messages(report, "warning")
    assert row == 3 and "default type" in message


def test_duplicate_names_within_the_file_are_rejected():
    report, rows = check(
        [
            organisation_row(1, **{"Name des Vereins": "Kulturverein Sonne e.V."}),
            organisation_row(2, **{"Name des Vereins": "kulturverein sonne eV"}),
        ]
    )
    assert len(rows) == 1
    [(row, _column, message)] = messages(report, "error")
    assert row == 3 and message == "The same name already appears in row 2."


def test_unknown_taxonomy_values_are_warnings_with_suggestions_and_not_created():
    count = FieldOfAction.objects.count()
    report, rows = check(
        [
            organisation_row(
                1,
                **{
                    "Tätigkeitsfelder": "Kulter / Sprachkurs\nFrauen",
                    "Sprachen": "Klingonisch, Tuerkisch",
                },
            )
        ]
    )
    assert report.with_warnings == 1 and report.rejected == 0
    assert {term.slug for term in rows[0].many["fields"]} == {"language", "women"}
    assert {language.code for language in rows[0].many["languages"]} == {"tr"}
    warnings = [message for _row, _column, message in messages(report, "warning")]
    assert (
        '"Kulter" is not a known field of action and was left out. Did you mean: Kultur?'
        in warnings
    )
    assert any(message.startswith('"Klingonisch" is not a known language') for message in warnings)
    assert FieldOfAction.objects.count() == count


def test_terms_match_by_name_translation_slug_and_synonym_ignoring_case_and_umlauts():
    report, rows = check(
        [
            organisation_row(
                1,
                **{
                    "Herkunft": "türkisch; UKRAINE; Syrian community; russian_speaking; "
                    "Tuerkeistaemmige Community",
                    "Tätigkeitsfelder": "",
                },
            )
        ]
    )
    assert report.problems == []
    assert {term.slug for term in rows[0].many["communities"]} == {
        "turkish",
        "ukrainian",
        "syrian",
        "russian_speaking",
    }
    assert Community.objects.filter(slug="turkish").exists()


def test_districts_synonyms():
    district("nord", "Nordstadt", "Norden")
    report, rows = check([organisation_row(1, Stadtteil="norden")])
    assert report.problems == []
    assert [term.slug for term in rows[0].many["districts"]] == ["nord"]


def test_an_existing_organisation_is_skipped_unless_staff_choose_otherwise():
    existing = OrganisationFactory(name="Kulturverein Nummer 1 e.V.")
    row = organisation_row(1, **{"Name des Vereins": "KULTURVEREIN NUMMER 1"})
    report, rows = check([row])
    assert rows == [] and report.excluded == 1
    [entry] = report.entries
    assert entry["decision"] == "skip" and entry["duplicate"]["slug"] == existing.slug
    [problem] = report.problems
    assert render(problem) == (
        'An organisation with this name is already in the directory: "Kulturverein Nummer 1 e.V.".'
    )
    assert "skipped" in report.as_data()["rows"][0]["messages"][0]

    table = read_table(xlsx_bytes([row]), "xlsx")
    for choice, update_pk in (("update", existing.pk), ("new", None)):
        report, rows = validate(
            table=table,
            mapping=suggest_mapping(table.headers),
            decisions=Decisions(duplicates={2: choice}),
        )
        assert report.with_warnings == 1 and rows[0].update_pk == update_pk


def test_similar_spelling_in_the_same_district_is_a_warning_elsewhere_not():
    """The directory's duplicate finder decides (``selectors.duplicates``): a near-identical
    spelling counts within the row's district."""
    north = district("nord", "Nordstadt")
    south = DistrictFactory(slug="sued", name="Südstadt")
    OrganisationFactory(name="Kulturverein Sonnenschein e.V.", districts=[north])
    near = {"Name des Vereins": "Kulturverein Sonnenschain", "Stadtteil": "Nordstadt"}
    far = {"Name des Vereins": "Kulturverein Sonnenschien", "Stadtteil": south.name}
    report, _rows = check([organisation_row(1, **near), organisation_row(2, **far)])
    warnings = messages(report, "warning")
    assert len(warnings) == 1
    assert warnings[0][0] == 2
    assert "Possibly already in the directory" in warnings[0][2]


CONTACT_HEADERS = ["Name des Vereins", "Art", "Ansprechpartner/in", "E-Mail Ansprechpartner/in"]


def test_contacts_without_a_consent_column_are_skipped_with_a_warning():
    report, rows = check(
        [
            {
                "Name des Vereins": "Verein",
                "Art": "Kulturverein",
                "Ansprechpartner/in": "Erika Muster",
            }
        ],
        headers=CONTACT_HEADERS,
    )
    assert rows[0].contact is None
    [(_row, column, message)] = messages(report, "warning")
    assert column == "Ansprechpartner/in" and "no column recording their consent" in message


def test_contacts_are_taken_only_with_recorded_consent():
    headers = [*CONTACT_HEADERS, "Einwilligung"]
    base = {"Art": "Kulturverein", "Ansprechpartner/in": "Erika Muster"}
    report, rows = check(
        [
            {
                **base,
                "Name des Vereins": "A",
                "Einwilligung": "ja, 12.03.2024",
                "E-Mail Ansprechpartner/in": "erika@example.org",
            },
            {**base, "Name des Vereins": "B", "Einwilligung": "nein"},
            {**base, "Name des Vereins": "C", "Einwilligung": ""},
        ],
        headers=headers,
    )
    contacts = [row.contact for row in rows]
    assert contacts[0]["name"] == "Erika Muster"
    assert contacts[0]["email"] == "erika@example.org"
    assert contacts[0]["given_on"].isoformat() == "2024-03-12"
    assert contacts[1] is None and contacts[2] is None
    assert [row for row, _column, _message in messages(report, "warning")] == [3, 4]


def test_legal_form_and_accessibility_words():
    headers = ["Name des Vereins", "Art", "Rechtsform", "Barrierefreiheit", "PLZ"]
    report, rows = check(
        [
            {
                "Name des Vereins": "A",
                "Art": "Kulturverein",
                "Rechtsform": "e. V.",
                "Barrierefreiheit": "teilweise",
                "PLZ": 1067,
            },
            {
                "Name des Vereins": "B",
                "Art": "Kulturverein",
                "Rechtsform": "Genossenschaft",
                "Barrierefreiheit": "ja",
                "PLZ": "12345",
            },
        ],
        headers=headers,
    )
    assert rows[0].values["legal_form"] == "ev"
    assert rows[0].values["accessibility"] == "partial"
    assert rows[0].values["postcode"] == "01067"
    assert rows[1].values["accessibility"] == "full"
    [(row, _column, message)] = messages(report, "warning")
    assert row == 3 and "legal form" in message


def test_an_organisation_whose_id_equals_the_row_number_is_still_found():
    """The finder must not take the stored entry for the row itself."""
    OrganisationFactory(name="Ganz anderer Verein")  # row 1 is the header: start at pk 2+
    existing = OrganisationFactory(name="Kulturverein Nummer 1 e.V.")
    rows = [organisation_row(n) for n in range(2, existing.pk + 2)]
    rows[existing.pk - 2] = organisation_row(1)  # at the spreadsheet row number == existing.pk
    report, _rows = check(rows)
    entry = next(entry for entry in report.entries if entry["row"] == existing.pk)
    assert entry["duplicate"]["pk"] == existing.pk and entry["status"] == "excluded"
