"""The integration office's import: upload → column mapping → dry-run report → import.

The access rule (staff only) is enforced by the middleware; these views stay thin.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.directory.importing import jobs, selectors
from vernetzt.directory.importing.columns import MappingError
from vernetzt.directory.importing.example import example_csv, example_xlsx
from vernetzt.directory.importing.forms import MappingForm, UploadForm
from vernetzt.directory.importing.reading import ImportFileError, read_table
from vernetzt.directory.importing.report import ERROR, Report
from vernetzt.directory.importing.report import render as render_problem
from vernetzt.directory.models import ImportJob

# Enough to fix a file row by row; the command line prints everything.
SHOWN_PROBLEMS = 1000
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
    job = _job(job, with_file=True)
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
        {"job": job, "form": form, "row_count": len(table.rows)},
    )


def _report_context(job):
    report = Report.from_json(job.report)
    problems = [
        {**problem, "message": render_problem(problem), "is_error": problem["level"] == ERROR}
        for problem in report.problems[:SHOWN_PROBLEMS]
    ]
    return {
        "job": job,
        "report": report,
        "problems": problems,
        "more_problems": max(0, len(report.problems) - SHOWN_PROBLEMS),
        "created": report.created[:SHOWN_CREATED],
        "more_created": max(0, len(report.created) - SHOWN_CREATED),
        "error_message": jobs.error_message(job),
        "can_import": (
            job.status == ImportJob.Status.VALIDATED
            and not report.rejected
            and report.importable > 0
        ),
    }


@require_GET
def import_report(request, job):
    job = _job(job)
    if job.status == ImportJob.Status.UPLOADED:
        return redirect("directory:import_mapping", job=job.pk)
    return render(request, "directory/imports/report.html", _report_context(job))


@require_GET
def import_progress(request, job):
    """The progress fragment htmx polls; when the work is done, htmx loads the report."""
    job = _job(job)
    if not request.headers.get("HX-Request"):
        return redirect("directory:import_report", job=job.pk)
    if not job.is_running:
        response = HttpResponse()
        response["HX-Redirect"] = reverse("directory:import_report", kwargs={"job": job.pk})
        return response
    return render(request, "directory/imports/_progress.html", {"job": job})


@require_POST
def import_confirm(request, job):
    job = _job(job)
    if not jobs.start_import(job=job, actor=request.user):
        messages.error(request, _("This import cannot be started (again)."))
    return redirect("directory:import_report", job=job.pk)
