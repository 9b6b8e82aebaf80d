"""CSV and XLSX export of the filtered directory list."""

import csv
import datetime
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
from tests.factories import NeedFactory, OfferFactory, term
from vernetzt.directory import export
from vernetzt.directory.models import Category, Organisation, Visibility

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
    # CSV has no types: a leading apostrophe keeps a spreadsheet from running the text.
    # XLSX cells are typed as text, so they need (and show) no apostrophe.
    prefix = "'" if fmt == "csv" else ""
    assert row["name"] == prefix + "=HYPERLINK(\"http://evil\")"
    assert row["short_name"] == prefix + "+1"
    assert row["description"] == prefix + "-2+3"
    assert row["goals"] == prefix + "@SUM(A1)"
    assert row["accessibility_notes"] == prefix + "\tTab"


def test_xlsx_text_cells_are_typed_text_never_formulas(client):
    IndexedOrganisationFactory(name="=HYPERLINK(\"http://evil\")", public_phone="+49 171 2345678")
    sheet = load_workbook(io.BytesIO(client.get(export_url("xlsx")).content)).active
    cells = {cell.value: cell for cell in sheet[2]}
    assert cells["=HYPERLINK(\"http://evil\")"].data_type == "s"
    assert cells["+49 171 2345678"].data_type == "s"  # no visible apostrophe


def test_xlsx_has_a_frozen_header_a_filter_and_column_widths(client):
    for number in range(3):
        IndexedOrganisationFactory(name=f"Verein {number}")
    sheet = load_workbook(io.BytesIO(client.get(export_url("xlsx")).content)).active
    width = len(export.PUBLIC_COLUMNS)
    last = sheet.cell(row=1, column=width).column_letter
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{last}4"
    assert sheet.column_dimensions["A"].width == export.WIDTHS["name"]
    assert all(sheet.column_dimensions[sheet.cell(row=1, column=n).column_letter].width
               for n in range(1, width + 1))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_has_the_profile_url_and_current_needs_and_offers(client, fmt, settings):
    settings.BASE_URL = "https://vernetzt.example.de"
    organisation = IndexedOrganisationFactory(name="Elterncafé", slug="elterncafe")
    category = term(Category, "rooms")
    NeedFactory(organisation=organisation, category=category, title="Raum am Abend")
    NeedFactory(organisation=organisation, category=category, title="Beamer, leihweise")
    NeedFactory(
        organisation=organisation, category=category, title="Vergangen",
        valid_from=datetime.date(2020, 1, 1), valid_until=datetime.date(2020, 12, 31),
    )
    OfferFactory(organisation=organisation, title="Dolmetschen Arabisch")

    response = client.get(export_url(fmt))
    row = (read_csv(response) if fmt == "csv" else read_xlsx(response))[0]

    assert row["profile_url"] == "https://vernetzt.example.de/verzeichnis/elterncafe/"
    assert row["current_needs"] == "Beamer, leihweise; Raum am Abend"
    assert row["current_offers"] == "Dolmetschen Arabisch"


def test_safe_cell_leaves_numbers_and_plain_text_alone():
    assert export.plain_cell("=1") == "=1"
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
        # Per chunk: the values, four relations, current needs and offers; once: ids, the
        # type and four lists.
        with django_assert_max_num_queries(3 * 7 + 1 + 5):
            rows = read_csv(client.get(export_url("csv")))
    finally:
        export.CHUNK_SIZE = original
    assert len(rows) == 30
