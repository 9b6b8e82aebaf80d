"""The web import as integration office staff: upload → mapping → report → confirm."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.directory.factories_import import (
    ImportJobFactory,
    csv_bytes,
    organisation_row,
    seed_terms_of_organisation_row,
    xlsx_bytes,
)
from tests.factories import OrganisationFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.directory.importing import jobs
from vernetzt.directory.models import ImportJob, Organisation, Visibility

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def staff(client_as, staff_user):
    client = client_as(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload(client, content, name="liste.xlsx", **fields):
    data = {"file": SimpleUploadedFile(name, content), "visibility": "public", **fields}
    return client.post(reverse("directory:import_start"), data)


def mapping_data(job, **choices):
    return {
        f"column_{position}": choices.get(header, job.mapping.get(header, ""))
        for position, header in enumerate(job.headers)
    }


def test_the_whole_flow(staff, staff_user):
    rows = [organisation_row(1), organisation_row(2), organisation_row(3, Stadtteil="Irgendwo")]
    for row in rows:
        row["Verein"] = row.pop("Name des Vereins")
    content = xlsx_bytes(rows, headers=["Verein", *list(rows[0])[:-1], "Notizen"])
    assert staff.get(reverse("directory:import_start")).status_code == 200

    response = upload(staff, content, visibility="internal")
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:import_mapping", kwargs={"job": job.pk})
    assert job.created_by == staff_user and job.total == 3

    page = staff.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Verein" in html and "Kulturverein Nummer 1 e.V." in html  # the examples
    assert job.mapping["Verein"] == "name" and job.mapping["Notizen"] == ""

    response = staff.post(response["Location"], mapping_data(job))
    report_url = reverse("directory:import_report", kwargs={"job": job.pk})
    assert response.status_code == 302 and response["Location"] == report_url
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED
    assert job.report["rows"] == 3 and job.report["with_warnings"] == 1

    page = staff.get(report_url).content.decode()
    assert "Import 3 organisations" in page
    assert "&quot;Irgendwo&quot; is not a known district and was left out." in page
    assert not Organisation.objects.exists()

    response = staff.post(reverse("directory:import_confirm", kwargs={"job": job.pk}))
    assert response.status_code == 302 and response["Location"] == report_url
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert bytes(job.content) == b""  # the file may name persons: not kept after the import
    assert Organisation.objects.count() == 3
    assert set(Organisation.objects.values_list("visibility", flat=True)) == {Visibility.INTERNAL}
    assert AuditEntry.objects.filter(action="import", actor=staff_user).count() == 3

    page = staff.get(report_url).content.decode()
    slug = Organisation.objects.get(name="Kulturverein Nummer 2 e.V.").slug
    assert reverse("directory:organisation_detail", kwargs={"slug": slug}) in page

    again = staff.post(reverse("directory:import_confirm", kwargs={"job": job.pk}), follow=True)
    assert "cannot be started (again)" in again.content.decode()
    assert Organisation.objects.count() == 3


def test_rejected_rows_offer_no_import_button(staff):
    upload(staff, xlsx_bytes([organisation_row(1), organisation_row(2, **{"E-Mail": "kaputt"})]))
    job = ImportJob.objects.get()
    staff.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))
    page = staff.get(reverse("directory:import_report", kwargs={"job": job.pk})).content.decode()
    assert "1 row has errors" in page
    assert "This is not a valid e-mail address." in page
    assert "Import 1 organisation" not in page
    response = staff.post(reverse("directory:import_confirm", kwargs={"job": job.pk}))
    assert response.status_code == 302
    assert not Organisation.objects.exists()


def test_upload_errors_keep_the_choices(staff):
    response = upload(staff, b"whatever", name="liste.ods", visibility="internal")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please choose a CSV or XLSX file" in html
    assert re.search(
        r'<input type="radio"[^>]* name="visibility" value="internal"[^>]*checked', html
    )
    assert not ImportJob.objects.exists()


def test_unreadable_too_large_and_too_long_files_are_refused(staff, settings):
    assert "cannot be read as an Excel" in upload(staff, b"not a zip").content.decode()
    settings.IMPORT_MAX_ROWS = 2
    content = csv_bytes([organisation_row(n) for n in range(3)])
    assert "more than 2 rows" in upload(staff, content, name="l.csv").content.decode()
    settings.IMPORT_MAX_BYTES = 10
    assert "larger than" in upload(staff, content, name="l.csv").content.decode()
    assert not ImportJob.objects.exists()


def test_mapping_errors_are_shown_and_keep_the_choices(staff):
    upload(staff, xlsx_bytes([organisation_row(1)]))
    job = ImportJob.objects.get()
    url = reverse("directory:import_mapping", kwargs={"job": job.pk})
    response = staff.post(url, mapping_data(job, **{"Name des Vereins": "", "E-Mail": "type"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Assign a column to the name." in html
    assert "Several columns are assigned to Type: Art, E-Mail." in html
    job.refresh_from_db()
    assert job.status == ImportJob.Status.UPLOADED


def test_default_type_from_the_upload_form(staff):
    from tests.factories import term
    from vernetzt.directory.models import OrganisationType

    other = term(OrganisationType, "other")
    upload(staff, csv_bytes([{"Name": "Verein ohne Art"}]), name="l.csv", default_type=other.pk)
    job = ImportJob.objects.get()
    staff.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))
    staff.post(reverse("directory:import_confirm", kwargs={"job": job.pk}))
    assert Organisation.objects.get().type == other


def test_example_files(staff):
    csv_response = staff.get(reverse("directory:import_example", kwargs={"fmt": "csv"}))
    assert csv_response.status_code == 200
    assert csv_response.content.startswith("\ufeffName des Vereins;".encode())
    xlsx_response = staff.get(reverse("directory:import_example", kwargs={"fmt": "xlsx"}))
    assert xlsx_response["Content-Type"] == XLSX and xlsx_response.content.startswith(b"PK")
    assert staff.get(reverse("directory:import_example", kwargs={"fmt": "ods"})).status_code == 404


def test_the_example_files_import_cleanly(staff):
    from vernetzt.directory.importing.example import example_xlsx

    upload(staff, example_xlsx())
    job = ImportJob.objects.get()
    staff.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))
    job.refresh_from_db()
    assert job.report["rejected"] == 0 and job.report["rows"] == 3


def test_progress_while_running_and_redirect_when_done(staff):
    job = ImportJobFactory(status=ImportJob.Status.VALIDATING, processed=50, total=200)
    url = reverse("directory:import_progress", kwargs={"job": job.pk})
    response = staff.get(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert '<progress id="import-progress-bar" max="200" value="50">25 %</progress>' in html
    assert "50 of 200 rows processed" in html and 'hx-trigger="every 1s"' in html

    report_page = staff.get(reverse("directory:import_report", kwargs={"job": job.pk}))
    assert 'hx-trigger="every 1s"' in report_page.content.decode()
    assert "Reload to see whether it has finished" in report_page.content.decode()

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.VALIDATED)
    response = staff.get(url, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("directory:import_report", kwargs={"job": job.pk})
    assert staff.get(url).status_code == 302  # without htmx: to the report page


def test_unknown_jobs_are_not_found(staff):
    url = reverse("directory:import_report", kwargs={"job": "00000000-0000-4000-8000-000000000001"})
    assert staff.get(url).status_code == 404


def test_a_failing_import_writes_nothing_and_says_so(staff, monkeypatch):
    upload(staff, xlsx_bytes([organisation_row(1), organisation_row(2)]))
    job = ImportJob.objects.get()
    staff.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))

    def broken_links(pairs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs.writer, "_link_many", broken_links)
    page = staff.post(reverse("directory:import_confirm", kwargs={"job": job.pk}), follow=True)
    assert "The import failed and nothing was written." in page.content.decode()
    assert not Organisation.objects.exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED

    monkeypatch.undo()  # the index works again: check and import once more
    mapping_url = reverse("directory:import_mapping", kwargs={"job": job.pk})
    assert mapping_url in page.content.decode()
    staff.post(mapping_url, mapping_data(job))
    staff.post(reverse("directory:import_confirm", kwargs={"job": job.pk}))
    assert Organisation.objects.count() == 2


def test_rows_that_became_invalid_since_the_check_stop_the_import(staff):
    upload(staff, xlsx_bytes([organisation_row(1)]))
    job = ImportJob.objects.get()
    staff.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))
    ImportJob.objects.filter(pk=job.pk).update(mapping={**job.mapping, "Art": ""})
    page = staff.post(reverse("directory:import_confirm", kwargs={"job": job.pk}), follow=True)
    assert "some rows have become invalid" in page.content.decode()
    assert not Organisation.objects.exists()


def test_pages_need_few_queries(staff, django_assert_max_num_queries):
    for number in range(15):
        ImportJobFactory(file_name=f"liste-{number}.csv")
    with django_assert_max_num_queries(12):
        assert staff.get(reverse("directory:import_start")).status_code == 200
    OrganisationFactory(name="Kulturverein Nummer 1 e.V.")
    upload(staff, xlsx_bytes([organisation_row(n) for n in range(1, 200)]))
    job = ImportJob.objects.latest("created_at")
    staff.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))
    with django_assert_max_num_queries(12):
        page = staff.get(reverse("directory:import_report", kwargs={"job": job.pk}))
    assert "already in the directory" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_dry_run_and_import_run_as_tasks_of_a_worker(client_as, staff_user, settings):
    """With the database task backend the request only enqueues; a worker does the work."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    seed_terms_of_organisation_row()
    client = client_as(staff_user)
    upload(client, xlsx_bytes([organisation_row(1), organisation_row(2)]))
    job = ImportJob.objects.get()
    client.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATING and job.task_id
    assert DBTaskResult.objects.get(pk=job.task_id).status == "READY"

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED and job.report["rejected"] == 0
    client.post(reverse("directory:import_confirm", kwargs={"job": job.pk}))
    assert not Organisation.objects.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.written == {}
    assert Organisation.objects.count() == 2


def test_an_import_whose_task_failed_is_undone_and_says_so(staff, monkeypatch):
    """The worker died midway (the platform marked its task failed): what the import had
    written is removed from its log, and the job ends failed, never "running" forever."""
    from vernetzt.core import tasks as platform_tasks

    upload(staff, xlsx_bytes([organisation_row(1)]))
    job = ImportJob.objects.get()
    staff.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))
    half_written = OrganisationFactory(name="Halb geschrieben")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.IMPORTING,
        task_id="abc",
        written={"created": [half_written.pk], "contacts": [], "consents": [], "updated": {}},
    )
    monkeypatch.setattr(
        platform_tasks,
        "progress_of",
        lambda task_id: platform_tasks.Progress(status="FAILED", failure="interrupted"),
    )
    page = staff.get(reverse("directory:import_report", kwargs={"job": job.pk})).content.decode()
    assert "was interrupted" in page
    assert not Organisation.objects.filter(pk=half_written.pk).exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.written == {}


def test_a_stalled_job_can_be_checked_again(staff):
    upload(staff, xlsx_bytes([organisation_row(1)]))
    job = ImportJob.objects.get()
    long_ago = timezone.now() - timedelta(hours=1)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.IMPORTING, updated_at=long_ago
    )
    page = staff.get(reverse("directory:import_report", kwargs={"job": job.pk})).content.decode()
    assert "was interrupted" in page and 'hx-trigger="every 1s"' not in page
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.error == "interrupted"
    mapping_url = reverse("directory:import_mapping", kwargs={"job": job.pk})
    staff.post(mapping_url, mapping_data(job))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED


def test_staff_publish_from_the_report_page(staff):
    upload(staff, xlsx_bytes([organisation_row(1), organisation_row(2)]), visibility="internal")
    job = ImportJob.objects.get()
    staff.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping_data(job))
    page = staff.get(reverse("directory:import_report", kwargs={"job": job.pk})).content.decode()
    assert 'name="visibility" value="public"' in page  # also when every row is fine
    staff.post(
        reverse("directory:import_decide", kwargs={"job": job.pk}),
        {"visibility": "public", "shown": [3], "exclude": [3]},
    )
    job.refresh_from_db()
    assert job.visibility == Visibility.PUBLIC and job.report["excluded"] == 1
    staff.post(reverse("directory:import_confirm", kwargs={"job": job.pk}))
    assert list(Organisation.objects.values_list("name", "visibility")) == [
        ("Kulturverein Nummer 1 e.V.", Visibility.PUBLIC)
    ]
