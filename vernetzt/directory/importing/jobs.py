"""Writes of web imports (``ImportJob``): upload, mapping, dry run and the confirmed import.

The dry run and the import can take a while for large files, so they run in a background
thread that counts its progress in the job row; ``IMPORT_RUN_IN_BACKGROUND = False`` runs
them within the request instead (tests).
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.importing import writer
from vernetzt.directory.importing.columns import MappingError, check_mapping, suggest_mapping
from vernetzt.directory.importing.reading import ImportFileError, file_format, read_table
from vernetzt.directory.importing.validation import validate
from vernetzt.directory.models import ImportJob

logger = logging.getLogger(__name__)

ERRORS = {
    "unreadable": _("The file could not be read any more. Please upload it again."),
    "rejected_now": _(
        "Nothing was imported: since the check, some rows have become invalid "
        "(see the report below). Please correct the file."
    ),
    "failed": _(
        "The import failed and nothing was written. Please try again or ask an administrator."
    ),
}


def create_job(*, actor, file_name, content, default_type=None, visibility):
    """A job for an uploaded file; ``ImportFileError`` when the file cannot be imported."""
    fmt = file_format(file_name)
    table = read_table(content, fmt)
    return ImportJob.objects.create(
        file_name=file_name[:255],
        file_format=fmt,
        content=content,
        headers=table.headers,
        mapping=suggest_mapping(table.headers),
        default_type=default_type,
        visibility=visibility,
        total=len(table.rows),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def save_mapping_and_check(*, job, mapping):
    """Store the column mapping and start the dry run; ``MappingError`` when it is unusable."""
    problems = check_mapping(mapping, has_default_type=job.default_type_id is not None)
    if problems:
        raise MappingError(" ".join(str(problem) for problem in problems))
    job.mapping = mapping
    job.status = ImportJob.Status.VALIDATING
    job.processed = 0
    job.error = ""
    job.save(update_fields=["mapping", "status", "processed", "error", "updated_at"])
    _run(_check, job.pk)


def start_import(*, job, actor):
    """Start the confirmed import once; ``False`` when the job is not ready or already started."""
    started = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.VALIDATED, report__rejected=0
    ).update(status=ImportJob.Status.IMPORTING, processed=0, error="", updated_at=timezone.now())
    if started:
        _run(_import, job.pk, actor.pk)
    return bool(started)


def error_message(job):
    return ERRORS.get(job.error, "")


def _run(function, *args):
    if not getattr(settings, "IMPORT_RUN_IN_BACKGROUND", True):
        function(*args)
        return

    def work():
        try:
            close_old_connections()
            function(*args)
        finally:
            connection.close()  # a thread's connection is never reused: close it

    transaction.on_commit(lambda: threading.Thread(target=work, daemon=True).start())


def _set(job_id, **fields):
    ImportJob.objects.filter(pk=job_id).update(updated_at=timezone.now(), **fields)


def _progress(job_id):
    def report(done, total):
        _set(job_id, processed=done, total=total)

    return report


def _table_and_check(job):
    table = read_table(bytes(job.content), job.file_format)
    return validate(
        table=table,
        mapping=job.mapping,
        default_type=job.default_type,
        progress=_progress(job.pk),
    )


def _fail(job_id, code):
    _set(job_id, status=ImportJob.Status.FAILED, error=code)


def _check(job_id):
    job = ImportJob.objects.select_related("default_type").get(pk=job_id)
    try:
        report, _rows = _table_and_check(job)
    except ImportFileError:
        _fail(job_id, "unreadable")
        return
    except Exception:
        logger.exception("Checking import %s failed", job_id)
        _fail(job_id, "failed")
        return
    _set(job_id, status=ImportJob.Status.VALIDATED, report=report.to_json())


def _import(job_id, actor_id):
    """Check again (the directory may have changed since the dry run), then write all or nothing."""
    from django.contrib.auth import get_user_model

    job = ImportJob.objects.select_related("default_type").get(pk=job_id)
    actor = get_user_model().objects.get(pk=actor_id)
    try:
        report, rows = _table_and_check(job)
        if report.rejected:
            _set(
                job_id,
                status=ImportJob.Status.VALIDATED,
                report=report.to_json(),
                error="rejected_now",
            )
            return
        organisations = writer.write(
            actor=actor,
            rows=rows,
            visibility=job.visibility,
            source=_("Import of %(file)s") % {"file": job.file_name},
        )
    except ImportFileError:
        _fail(job_id, "unreadable")
        return
    except Exception:
        logger.exception("Import %s failed; nothing was written", job_id)
        _fail(job_id, "failed")
        return
    report.created = [{"name": org.name, "slug": org.slug} for org in organisations]
    _set(job_id, status=ImportJob.Status.DONE, report=report.to_json(), content=b"")
