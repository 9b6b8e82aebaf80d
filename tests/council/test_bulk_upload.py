"""Status and progress of many measures from a CSV/XLSX file: the dry run's exact row errors,
nothing written while one row is wrong, and the write through the services."""

import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from tests.factories import StaffFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council import services
from vernetzt.council.bulk import upload
from vernetzt.council.models import Measure, ProgressUpdate

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def measures():
    create = services.create_measure
    return {
        "outreach": create(actor=None, title="Öffentlichkeitsarbeit des Integrationsrates"),
        "open_space": create(actor=None, title="Open Space Vernetzung"),
        "cafe": create(actor=None, title="Sprachcafé Nordstadt"),
        "twin_a": create(actor=None, title="Frühstück"),
        "twin_b": create(actor=None, title="Frühstück"),
        "internal": create(actor=None, title="Interne Planung", is_public=False),
    }


def csv_bytes(lines, encoding="utf-8-sig"):
    return "\r\n".join(lines).encode(encoding)


def check(content, name="stand.csv", user=None):
    table = upload.read(content, name)
    return upload.check(table, user=user or StaffFactory(), today=TODAY)


def errors_by_row(checked):
    return {row.row: [message for _column, message in row.errors] for row in checked.error_rows}


def test_messy_rows_give_exact_errors_and_nothing_is_written(measures):
    outreach, cafe = measures["outreach"], measures["cafe"]
    content = csv_bytes(
        [
            "Stand der Maßnahmen, Integrationsbüro, März 2026;;;;;;",
            ";;;;;;",
            "Maßnahme-ID;Maßnahme;Status;Grund;Fortschritt-Datum;Fortschritt-Text;Teilnehmende",
            f"{outreach.pk};Öffentlichkeitsarbeit des Integrationsrates;läuft;;15.03.2026;Zeitung verteilt;1.250",
            ";open space vernetzung;Erledigt;;;;",
            f"{cafe.pk};;in Prüfung;;;;",
            f"{cafe.pk};;gestoppt;;;;",
            ";Sprachcafé Nordstadt;;;;Zehn Treffen;12,5",
            "99999;;läuft;;;;",
            ";Frühstück;läuft;;;;",
            ";Open Space Vernetzung;;;31.02.2026;Bericht;",
            ";Sprachcafé Nordstadt;;;01.07.2026;Später;",
            ";Interne Planung;läuft;;;;",
        ]
    )
    checked = check(content)
    assert checked.header_row == 3
    # Staff see the internal measure (row 13); the other rows have exactly these errors.
    assert errors_by_row(checked) == {
        6: ["Unknown status “in Prüfung”. Use one of: geplant, läuft, erledigt, gestoppt."],
        7: ["A stopped measure needs a reason (column “Grund”)."],
        8: ["“12,5” is not a whole number of people."],
        9: ["There is no measure with the ID 99999."],
        10: ["Several measures are titled “Frühstück”; please give the Maßnahme-ID."],
        11: ["“31.02.2026” is not a date (e.g. 15.03.2026)."],
        12: ["The progress date 01.07.2026 lies in the future."],
    }
    first = checked.rows[0]
    assert (first.row, first.status, first.participants, first.date) == (
        4,
        Measure.Status.RUNNING,
        1250,
        datetime.date(2026, 3, 15),
    )
    assert checked.rows[1].measure == measures["open_space"]  # found by its title, any case
    assert not checked.may_write
    with pytest.raises(ValueError):
        upload.write(checked, actor=StaffFactory())
    assert not ProgressUpdate.objects.exists()
    assert set(Measure.objects.values_list("status", flat=True)) == {Measure.Status.PLANNED}


def test_what_the_public_may_not_see_is_not_found(measures):
    content = csv_bytes(["Maßnahme;Status", "Interne Planung;läuft"])
    checked = check(content, user=AnonymousUser())
    assert errors_by_row(checked) == {2: ["There is no measure titled “Interne Planung”."]}


def test_the_same_measure_twice_is_an_error(measures):
    cafe = measures["cafe"]
    content = csv_bytes(["Maßnahme-ID;Status", f"{cafe.pk};läuft", f"{cafe.pk};erledigt"])
    assert errors_by_row(check(content)) == {3: ["The measure is already updated in row 2."]}


def test_a_file_without_the_columns_is_refused_as_a_whole(measures):
    checked = check(csv_bytes(["Name;Ort", "A;B"]))
    assert checked.file_errors and not checked.rows and not checked.may_write


def test_a_clean_xlsx_is_written_through_the_services(measures):
    outreach, cafe = measures["outreach"], measures["cafe"]
    book = Workbook()
    sheet = book.active
    sheet.append(["Stand der Maßnahmen"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["ID", "Titel", "Stand", "Begründung", "Datum", "Fortschritt", "Teilnehmer:innen"])
    sheet.append(
        [outreach.pk, None, "erledigt", None, datetime.datetime(2026, 3, 15), "Abschluss", 45.0]
    )
    sheet.append([cafe.pk, None, "gestoppt", "Kein Raum", None, None, None])
    sheet.append([None, "Open Space Vernetzung", None, None, 46096, "Zweites Treffen", "1.200"])
    buffer = io.BytesIO()
    book.save(buffer)
    staff = StaffFactory()
    checked = check(buffer.getvalue(), name="stand.xlsx", user=staff)
    assert not checked.error_rows and checked.may_write
    assert upload.write(checked, actor=staff) == (2, 2)
    outreach.refresh_from_db()
    cafe.refresh_from_db()
    assert outreach.status == Measure.Status.DONE
    assert (cafe.status, cafe.status_reason) == (Measure.Status.STOPPED, "Kein Raum")
    progress = {update.measure_id: update for update in ProgressUpdate.objects.all()}
    assert progress[outreach.pk].participants_reached == 45
    assert progress[outreach.pk].date == datetime.date(2026, 3, 15)
    later = progress[measures["open_space"].pk]
    assert (later.date, later.participants_reached) == (datetime.date(2026, 3, 15), 1200)
    assert AuditEntry.objects.filter(action="status", actor=staff).count() == 2


def test_the_pages_check_then_write(client, measures):
    staff = StaffFactory()
    client.force_login(staff)
    cafe = measures["cafe"]
    content = csv_bytes(["Maßnahme-ID;Status;Fortschritt-Text", f"{cafe.pk};läuft;Begonnen"])
    response = client.post(
        reverse("council:bulk_upload"),
        {"file": SimpleUploadedFile("stand.csv", content, content_type="text/csv")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    token = response.context["token"]
    assert token and "Write 1 change" in response.content.decode()
    cafe.refresh_from_db()
    assert cafe.status == Measure.Status.PLANNED  # the dry run wrote nothing
    other = StaffFactory()
    client.force_login(other)
    assert client.post(reverse("council:bulk_upload_confirm", args=[token])).status_code == 404
    client.force_login(staff)
    response = client.post(reverse("council:bulk_upload_confirm", args=[token]))
    assert response.status_code == 302
    cafe.refresh_from_db()
    assert cafe.status == Measure.Status.RUNNING
    assert ProgressUpdate.objects.get(measure=cafe).text == "Begonnen"


def test_the_page_shows_row_errors(client, measures):
    client.force_login(StaffFactory())
    content = csv_bytes(["Maßnahme;Status", "Sprachcafé Nordstadt;vielleicht"])
    response = client.post(
        reverse("council:bulk_upload"),
        {"file": SimpleUploadedFile("stand.csv", content)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "1 row has errors" in page and "Unknown status “vielleicht”" in page
    assert response.context["token"] == ""


def test_a_file_that_is_no_spreadsheet_is_refused(client):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("council:bulk_upload"),
        {"file": SimpleUploadedFile("stand.xlsx", b"not a zip")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "cannot be read as an Excel (XLSX) file" in response.content.decode()
