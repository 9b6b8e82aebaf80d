"""CSV and XLSX export of the filtered directory list."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.directory.factories_public import (
    HIDDEN_NAMES,
    PUBLIC_NAMES,
    IndexedOrganisationFactory,
    directory_world,
)
from vernetzt.directory import export
from vernetzt.directory.models import Organisation, Visibility

pytestmark = pytest.mark.django_db


def export_url(fmt):
    return reverse("directory:organisation_export", kwargs={"fmt": fmt})


def keyed(header, rows):
    """Rows as dicts keyed by column key, whatever language the (translated) header is in."""
    key_of = {str(label): key for label, key in export.columns(internal=True)}
    keys = [key_of[label] for label in header]
    return [dict(zip(keys, row, strict=True)) for row in rows]


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    return keyed(header, rows)


def read_xlsx(response):
    assert response["Content-Type"] == export.XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return keyed(header, rows)


@pytest.mark.parametrize("reader", [("csv", read_csv), ("xlsx", read_xlsx)])
def test_public_export_has_only_public_organisations_and_fields(client, reader):
    fmt, read = reader
    directory_world()
    rows = read(client.get(export_url(fmt)))
    assert {row["name"] for row in rows} == PUBLIC_NAMES
    assert "status" not in rows[0] and len(rows[0]) == len(export.PUBLIC_COLUMNS)
    nord = next(row for row in rows if row["name"] == "Frauentreff Nord")
    assert nord["fields"] == "Sprache, Frauen"  # in the list's order
    assert nord["type"] == "Migrantenselbstorganisation"
    assert nord["districts"] == "Nord"
    assert nord["public_email"] == "info@frauentreff.example.org"
    content = str(rows)
    for hidden in HIDDEN_NAMES | {"Interne Person", "intern@example.org", "Öffentliche Person"}:
        assert hidden not in content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_is_exactly_the_filtered_list(client, fmt):
    directory_world()
    response = client.get(export_url(fmt), {"q": "Nachhilfe", "district": "sued"})
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    assert [row["name"] for row in rows] == ["Lernhaus"]


def test_staff_export_adds_internal_fields_and_organisations(client_as, staff_user):
    directory_world()
    rows = read_csv(client_as(staff_user).get(export_url("csv")))
    assert {row["name"] for row in rows} == PUBLIC_NAMES | {"Interner Arbeitskreis"}
    internal = next(row for row in rows if row["name"] == "Interner Arbeitskreis")
    assert internal["visibility"] == str(Visibility.INTERNAL.label)
    assert internal["status"] == str(Organisation.Status.VERIFIED.label)


def test_council_can_export_other_statuses(client_as, council_user):
    directory_world()
    rows = read_csv(client_as(council_user).get(export_url("csv"), {"status": "archived"}))
    assert [row["name"] for row in rows] == ["Archivierter Verein"]


def test_editor_export_has_no_internal_fields(client_as, editor_user):
    directory_world(editor=editor_user)
    rows = read_csv(client_as(editor_user).get(export_url("csv")))
    assert "status" not in rows[0]


def test_unknown_format_is_not_found(client):
    assert client.get(export_url("pdf")).status_code == 404
    assert client.get(export_url("CSV")).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formulas_are_neutralised(client, fmt):
    IndexedOrganisationFactory(
        name="=HYPERLINK(\"http://evil\")",
        short_name="+1",
        description="-2+3",
        goals="@SUM(A1)",
        accessibility_notes="\tTab",
    )
    response = client.get(export_url(fmt))
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    row = rows[0]
    assert row["name"] == "'=HYPERLINK(\"http://evil\")"
    assert row["short_name"] == "'+1"
    assert row["description"] == "'-2+3"
    assert row["goals"] == "'@SUM(A1)"
    assert row["accessibility_notes"] == "'\tTab"


def test_safe_cell_leaves_numbers_and_plain_text_alone():
    assert export.safe_cell(-12) == -12
    assert export.safe_cell(None) == ""
    assert export.safe_cell("Verein") == "Verein"
    assert export.safe_cell("a\x00b") == "ab"


def test_list_page_links_the_export_with_its_filters(client):
    directory_world()
    content = client.get(reverse("directory:organisation_list"), {"district": "nord"}).content
    assert f'href="{export_url("csv")}?district=nord"'.encode() in content
    assert f'href="{export_url("xlsx")}?district=nord"'.encode() in content


def test_export_queries_are_batched(client, django_assert_max_num_queries):
    for number in range(30):
        IndexedOrganisationFactory(name=f"Verein {number}")
    export.CHUNK_SIZE, original = 10, export.CHUNK_SIZE
    try:
        # Per chunk: the values and four relations; once: ids, the type and four lists.
        with django_assert_max_num_queries(3 * 5 + 1 + 5):
            rows = read_csv(client.get(export_url("csv")))
    finally:
        export.CHUNK_SIZE = original
    assert len(rows) == 30
