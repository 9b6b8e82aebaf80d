"""Import of needs and offers: header recognition, messy rows reported exactly, all or nothing,
on the command line and on the web."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import DistrictFactory, OrganisationFactory, term
from vernetzt.directory.importing.reading import read_table
from vernetzt.directory.models import Category, Language, Need, Offer
from vernetzt.network import importing_needs

pytestmark = pytest.mark.django_db

HEADER = "Organisation;Art;Kategorie;Beschreibung;Sprachen;Stadtteile;Gültig ab;Gültig bis\n"


@pytest.fixture
def directory():
    term(Category, "rooms", "Räume").__class__.objects.filter(slug="rooms").update(
        synonyms="Raum,Räumlichkeiten,Saal"
    )
    term(Category, "interpreting", "Dolmetschen und Übersetzen")
    Language.objects.get_or_create(code="ti", defaults={"name": "Tigrinya"})
    Language.objects.get_or_create(code="ar", defaults={"name": "Arabisch"})
    DistrictFactory(slug="nordviertel", name="Nordviertel")
    return {
        "verein": OrganisationFactory(name="Eritreischer Kulturverein e.V.", slug="eritrea"),
        "kirche": OrganisationFactory(name="Kirchengemeinde Nord", slug="kirche"),
    }


def table(text, fmt="csv"):
    return read_table(text.encode("utf-8"), fmt)


def check(text):
    with translation.override("en"):
        report = importing_needs.check(table(text), today=datetime.date(2026, 11, 29))
        return report, {entry["row"]: entry for entry in report.entries}


def test_a_clean_list_below_a_title_row(directory):
    report, entries = check(
        "Bedarfe und Angebote Musterstadt, Stand 11/2026;;;;;;;\n"
        + HEADER
        + "Eritreischer Kulturverein;Bedarf;Räume;Raum für Elterncafé. Einmal im Monat.;"
        "Tigrinya, Arabisch;Nordviertel;01.12.2026;\n"
        "KIRCHENGEMEINDE NORD;angebot;Saal;Gemeindesaal mit Küche;;;;31.03.2027\n"
    )
    assert report.header_row == 2 and not report.errors
    assert [entries[3]["status"], entries[4]["status"]] == ["ok", "ok"]
    need, offer = report.rows
    assert need.kind == "need" and need.organisation == directory["verein"]
    assert need.title == "Raum für Elterncafé."
    assert {language.code for language in need.languages} == {"ti", "ar"}
    assert [district.name for district in need.districts] == ["Nordviertel"]
    assert need.valid_from == datetime.date(2026, 12, 1) and need.valid_until is None
    assert offer.kind == "offer" and offer.category.slug == "rooms"
    assert offer.valid_from == datetime.date(2026, 11, 29)
    assert offer.valid_until == datetime.date(2027, 3, 31)


def test_messy_rows_are_reported_exactly_and_nothing_is_written(directory):
    report, entries = check(
        HEADER
        + "Eritreischer Kulturverein;Bedarf;Räume;Raum gesucht;;;;\n"
        + "Eritreischer Kulturverien;Bedarf;Räume;Raum gesucht;;;;\n"
        + "Kirchengemeinde Nord;Spende;Räume;Saal;;;;\n"
        + "Kirchengemeinde Nord;Angebot;Rüme;Saal;;;;\n"
        + "Kirchengemeinde Nord;Angebot;Räume;;;;;\n"
        + "Kirchengemeinde Nord;Angebot;Räume;Saal frei;;;31.02.2027;\n"
        + "Kirchengemeinde Nord;Angebot;Räume;Saal groß;;;01.03.2027;01.01.2027\n"
        + "Kirchengemeinde Nord;Angebot;Räume;Kleiner Saal;Klingonisch;Mondviertel;;\n"
        + "Kirchengemeinde Nord;Angebot;Räume;Alter Saal;;;01.01.2026;30.06.2026\n"
        + "Eritreischer Kulturverein;Bedarf;Räume;Raum gesucht;;;;\n"
    )
    assert entries[2]["status"] == "ok"
    assert entries[3]["problems"] == [
        'Column "Organisation", value "Eritreischer Kulturverien": There is no organisation of '
        "this name in the directory. Did you mean: Eritreischer Kulturverein e.V.?"
    ]
    assert entries[4]["problems"] == [
        'Column "Art", value "Spende": Write "Bedarf" (a need) or "Angebot" (an offer).'
    ]
    assert entries[5]["problems"][0].startswith(
        'Column "Kategorie", value "Rüme": This is not a known category. Did you mean:'
    )
    assert entries[6]["problems"] == ['Column "Beschreibung": The description is missing.']
    assert entries[7]["problems"] == [
        'Column "Gültig ab", value "31.02.2027": This is not a date of the form TT.MM.JJJJ '
        "(e.g. 01.03.2027)."
    ]
    assert entries[8]["problems"] == [
        'Column "Gültig bis", value "01.01.2027": The end lies before the start.'
    ]
    assert entries[9]["status"] == "warning"
    language, district = entries[9]["problems"]
    assert language.startswith(
        'Column "Sprachen", value "Klingonisch": "Klingonisch" is not a known language and '
        "was left out."
    )
    assert district == (
        'Column "Stadtteile", value "Mondviertel": "Mondviertel" is not a known district and '
        "was left out. Did you mean: Nordviertel?"
    )
    assert entries[10]["status"] == "warning"
    assert entries[11]["status"] == "rejected"
    assert "already appears in row 2" in entries[11]["problems"][0]
    assert [entry["status"] for entry in report.entries].count("rejected") == 7
    with pytest.raises(ValueError):
        importing_needs.write(actor=None, report=report, source="test")
    assert not Need.objects.exists() and not Offer.objects.exists()


def test_missing_columns_are_named(directory):
    report, _entries = check("Organisation;Beschreibung;Sprachen\nKirchengemeinde Nord;Saal;\n")
    assert report.missing == ["kind", "category"]
    with translation.override("en"):
        assert 'No column for "Category" (e.g. a column headed "Kategorie").' in report.text_lines()


def test_the_command_dry_run_writes_nothing_and_the_import_writes_all(directory, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(
        HEADER + "Eritreischer Kulturverein;Bedarf;Räume;Raum für Elterncafé;Tigrinya;;;\n"
        "Kirchengemeinde Nord;Angebot;Saal;Gemeindesaal;;Nordviertel;;\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_needs_offers", str(path), "--dry-run", "--language", "en", stdout=out)
    assert "Dry run: nothing was written." in out.getvalue()
    assert not Need.objects.exists()
    call_command("import_needs_offers", str(path), "--language", "en", stdout=io.StringIO())
    need = Need.objects.get()
    assert need.organisation == directory["verein"] and need.title == "Raum für Elterncafé"
    assert list(need.languages.values_list("code", flat=True)) == ["ti"]
    offer = Offer.objects.get()
    assert list(offer.districts.values_list("name", flat=True)) == ["Nordviertel"]
    from vernetzt.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="create", object_id=str(need.pk)).exists()


def test_the_command_refuses_a_list_with_errors(directory, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(
        HEADER
        + "Eritreischer Kulturverein;Bedarf;Räume;Raum;;;;\nNiemand e.V.;Bedarf;Räume;Raum;;;;\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_needs_offers", str(path), "--json", stdout=out)
    assert '"status": "rejected"' in out.getvalue()
    assert not Need.objects.exists()


def test_xlsx_with_date_cells(directory, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Organisation", "Art", "Kategorie", "Beschreibung", "Gültig ab", "Gültig bis"])
    sheet.append(
        ["Kirchengemeinde Nord", "Angebot", "Räume", "Saal", datetime.datetime(2026, 1, 5), None]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = importing_needs.check(read_table(buffer.getvalue(), "xlsx"))
    assert not report.errors and report.rows[0].valid_from == datetime.date(2026, 1, 5)


def test_the_web_import_checks_then_writes(client_as, staff_user, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as(staff_user)
    url = reverse("network:needs_offers_import")
    upload = SimpleUploadedFile(
        "liste.csv",
        (HEADER + "Kirchengemeinde Nord;Angebot;Räume;Gemeindesaal;;;;\n").encode("utf-8"),
    )
    response = client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and not Offer.objects.exists()
    token = response.context["token"]
    assert token
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    assert Offer.objects.get().title == "Gemeindesaal"
    # The token is used up: a second post imports nothing twice.
    client.post(url, {"token": token})
    assert Offer.objects.count() == 1
