"""The integration office's import: upload → column mapping → dry-run report → import.

The access rule (staff only) is enforced by the middleware; these views stay thin.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.directory.importing import jobs, selectors
from vernetzt.directory.importing.columns import MappingError
from vernetzt.directory.importing.example import example_csv, example_xlsx
from vernetzt.directory.importing.forms import (
    DUPLICATE_LABELS,
    DecisionsForm,
    MappingForm,
    UploadForm,
)
from vernetzt.directory.importing.reading import ImportFileError, read_table
from vernetzt.directory.importing.report import (
    EXCLUDED,
    OK,
    REJECTED,
    STATUS_LABELS,
    WARNING,
    Report,
    entry_messages,
)
from vernetzt.directory.importing.report_file import report_xlsx
from vernetzt.directory.importing.validation import Decisions
from vernetzt.directory.models import ImportJob, Visibility

# Enough to fix a file row by row; the XLSX report and the command line have everything.
SHOWN_ROWS = 1000
SHOWN_CREATED = 1000

EXAMPLES = {
    "csv": (example_csv, "text/csv; charset=utf-8"),
    "xlsx": (example_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _job(job_id, *, with_file=False):
    try:
        if with_file:
            return selectors.job_with_table(job_id=job_id)
        return selectors.job_by_id(job_id=job_id)
    except ImportJob.DoesNotExist as error:
        raise Http404 from error


@require_http_methods(["GET", "POST"])
def import_start(request):
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = jobs.create_job(
                actor=request.user,
                file_name=upload.name,
                content=upload.read(),
                default_type=form.cleaned_data["default_type"],
                visibility=form.cleaned_data["visibility"],
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("directory:import_mapping", job=job.pk)
    return render(
        request,
        "directory/imports/start.html",
        {"form": form, "recent_jobs": selectors.recent_jobs()},
    )


@require_GET
def import_example(request, fmt):
    if fmt not in EXAMPLES:
        raise Http404
    build, content_type = EXAMPLES[fmt]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="organisationen-beispiel.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def import_mapping(request, job):
    job = jobs.settle(_job(job, with_file=True))
    if job.is_running or job.status == ImportJob.Status.DONE:
        return redirect("directory:import_report", job=job.pk)
    try:
        table = read_table(bytes(job.content), job.file_format)
    except ImportFileError as error:
        messages.error(request, str(error))
        return redirect("directory:import_start")
    form = MappingForm(
        request.POST if request.method == "POST" else None,
        headers=table.headers,
        samples={header: table.samples(header) for header in table.headers},
        mapping=job.mapping,
        has_default_type=job.default_type_id is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            jobs.save_mapping_and_check(job=job, mapping=form.mapping())
        except MappingError as error:
            form.add_error(None, str(error))
        else:
            return redirect("directory:import_report", job=job.pk)
    return render(
        request,
        "directory/imports/mapping.html",
        {"job": job, "form": form, "row_count": len(table.rows), "header_row": table.header_row},
    )


FILTERS = {
    "": _("All rows"),
    REJECTED: _("Errors"),
    WARNING: _("Warnings"),
    OK: _("OK"),
    EXCLUDED: _("Not imported"),
}


def _row_view(entry, decisions):
    return {
        **entry,
        "label": STATUS_LABELS[entry["status"]],
        "messages": entry_messages(entry),
        "flagged": bool({"row_heading", "row_note"} & set(entry.get("notes", []))),
        "excluded": entry["row"] in decisions.exclude,
        "included": entry["row"] in decisions.include,
    }


def _report_context(job, shown=""):
    report = Report.from_json(job.report)
    shown = shown if shown in FILTERS else ""
    entries = [
        entry for entry in report.sorted_entries(shown or None) if shown or entry["status"] != OK
    ]
    counts = {
        "": report.rows,
        REJECTED: report.rejected,
        WARNING: report.with_warnings,
        OK: report.ok,
        EXCLUDED: report.excluded,
    }
    decisions = Decisions.from_json(job.decisions)
    return {
        "job": job,
        "report": report,
        "rows": [_row_view(entry, decisions) for entry in entries[:SHOWN_ROWS]],
        "more_rows": max(0, len(entries) - SHOWN_ROWS),
        "filters": [(key, label, counts[key], key == shown) for key, label in FILTERS.items()],
        "shown": shown,
        "decisions": decisions,
        "duplicate_choices": DUPLICATE_LABELS,
        "created": report.created[:SHOWN_CREATED],
        "more_created": max(0, len(report.created) - SHOWN_CREATED),
        "updated": report.updated[:SHOWN_CREATED],
        "error_message": jobs.error_message(job),
        "waiting": jobs.is_waiting(job),
        # The file is kept until the import is done (the report download reads it).
        "has_file": job.status in (ImportJob.Status.VALIDATED, ImportJob.Status.FAILED),
        "visibility_choices": Visibility.choices,
        "can_import": (
            job.status == ImportJob.Status.VALIDATED
            and not report.rejected
            and report.importable > 0
        ),
    }


def _settled_job(job_id):
    return jobs.settle(_job(job_id))


@require_GET
def import_report(request, job):
    job = _settled_job(job)
    if job.status == ImportJob.Status.UPLOADED:
        return redirect("directory:import_mapping", job=job.pk)
    return render(
        request,
        "directory/imports/report.html",
        _report_context(job, request.GET.get("zeigen", "")),
    )


@require_GET
def import_progress(request, job):
    """The progress fragment htmx polls; when the work is done, htmx loads the report."""
    job = _settled_job(job)
    if not request.headers.get("HX-Request"):
        return redirect("directory:import_report", job=job.pk)
    if not job.is_running:
        response = HttpResponse()
        response["HX-Redirect"] = reverse("directory:import_report", kwargs={"job": job.pk})
        return response
    return render(
        request,
        "directory/imports/_progress.html",
        {"job": job, "waiting": jobs.is_waiting(job)},
    )


@require_POST
def import_decide(request, job):
    """Staff's choices on the report: rows to leave out or take in, duplicates, visibility."""
    job = _job(job)
    if job.status != ImportJob.Status.VALIDATED:
        messages.error(request, _("The choices can be changed only after the check."))
        return redirect("directory:import_report", job=job.pk)
    form = DecisionsForm(
        request.POST,
        report=Report.from_json(job.report),
        current=Decisions.from_json(job.decisions),
    )
    if form.is_valid():
        jobs.save_decisions(
            job=job, decisions=form.decisions(), visibility=form.cleaned_data["visibility"]
        )
    else:
        messages.error(request, _("The choices could not be saved. Please try again."))
    return redirect("directory:import_report", job=job.pk)


@require_POST
def import_add_districts(request, job):
    """Add the districts the check did not know to the managed list, then check again."""
    job = _job(job)
    if job.status != ImportJob.Status.VALIDATED:
        return redirect("directory:import_report", job=job.pk)
    added = jobs.add_districts(job=job, names=request.POST.getlist("district"), actor=request.user)
    if added:
        messages.success(
            request,
            _("Added to the districts: %(names)s. The rows were checked again.")
            % {"names": ", ".join(added)},
        )
    return redirect("directory:import_report", job=job.pk)


@require_GET
def import_report_file(request, job):
    """The report as XLSX: the list with a status and a message column."""
    job = _job(job, with_file=True)
    if not job.content or job.status not in (ImportJob.Status.VALIDATED, ImportJob.Status.FAILED):
        raise Http404
    try:
        table = read_table(bytes(job.content), job.file_format)
    except ImportFileError as error:
        raise Http404 from error
    content = report_xlsx(table=table, report=Report.from_json(job.report))
    response = HttpResponse(content, content_type=EXAMPLES["xlsx"][1])
    name = job.file_name.rsplit(".", 1)[0]
    response["Content-Disposition"] = f'attachment; filename="{_ascii_name(name)}-pruefung.xlsx"'
    return response


def _ascii_name(name):
    return slugify(name)[:80] or "import"


@require_POST
def import_confirm(request, job):
    job = _job(job)
    if not jobs.start_import(job=job, actor=request.user):
        messages.error(request, _("This import cannot be started (again)."))
    return redirect("directory:import_report", job=job.pk)
