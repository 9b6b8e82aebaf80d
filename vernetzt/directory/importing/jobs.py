"""Writes of web imports (``ImportJob``): upload, mapping, decisions, dry run and the import.

The dry run and the import run as tasks of the platform's task queue (django-tasks; a worker
runs them, tests run them at once). Each counts its progress in the job's row. A job whose task
was interrupted (the worker stopped: ``core.tasks`` marks the task failed) or that made no
progress for ``STALLED_AFTER`` is settled by ``settle``: whatever the import had written is
undone from the job's write log, and the job ends as failed with a clear message.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, task

from vernetzt.core import tasks as platform_tasks
from vernetzt.directory import derived, managed_lists
from vernetzt.directory.importing import writer
from vernetzt.directory.importing.columns import MappingError, check_mapping, suggest_mapping
from vernetzt.directory.importing.reading import ImportFileError, file_format, read_table
from vernetzt.directory.importing.report import Report
from vernetzt.directory.importing.validation import Decisions, validate
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
    "interrupted": _(
        "The work was interrupted (for example because the server restarted) and did not "
        "finish. Anything it had written was removed. Please start it again."
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
    job.save(update_fields=["mapping", "updated_at"])
    start_check(job=job)


def start_check(*, job):
    """(Re)start the dry run, e.g. after staff changed decisions or added districts."""
    # The previous task's id goes in the same write: ``settle`` must not read the old, finished
    # task as this run's.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.VALIDATING,
        processed=0,
        error="",
        task_id="",
        updated_at=timezone.now(),
    )
    _enqueue(job.pk, check_import)


def save_decisions(*, job, decisions, visibility=None):
    """Staff's choices per row (exclude, take in, per duplicate), then a fresh dry run."""
    job.decisions = decisions.to_json()
    fields = ["decisions", "updated_at"]
    if visibility:
        job.visibility = visibility
        fields.append("visibility")
    job.save(update_fields=fields)
    start_check(job=job)


def add_districts(*, job, names, actor):
    """Add the town's districts the dry run did not know to the managed list, then check again.

    Only districts: they are the town's own; fields of action and communities stay curated.
    """
    known = set(job.report.get("unknown_districts", []))
    wanted = [name for name in names if name in known]
    if wanted:
        _add_districts(actor=actor, names=wanted)
    start_check(job=job)
    return wanted


def _add_districts(*, actor, names):
    from vernetzt.audit.services import record_many
    from vernetzt.directory import slugs

    model = managed_lists.DISTRICTS.model
    taken = set(model.objects.values_list("slug", flat=True))
    with transaction.atomic():
        created = []
        for name in names:
            name = name[: model._meta.get_field("name").max_length]
            existing = model.objects.filter(name__iexact=name).first()
            if existing is not None:  # switched off once: switch it on again
                model.objects.filter(pk=existing.pk).update(is_active=True)
                continue
            slug = slugs.first_free(slugs.slug_base(name)[:70], taken.__contains__)
            taken.add(slug)
            created.append(model.objects.create(name=name, slug=slug))
        record_many(
            actor=actor,
            action="create",
            objects=[(district, {"name": [None, district.name]}) for district in created],
            note=str(_("added from an import's dry run")),
        )
        derived.lists_changed()
    return created


def start_import(*, job, actor):
    """Start the confirmed import once; ``False`` when the job is not ready or already started."""
    started = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.VALIDATED, report__rejected=0
    ).update(
        status=ImportJob.Status.IMPORTING,
        processed=0,
        error="",
        task_id="",
        updated_at=timezone.now(),
    )
    if started:
        _enqueue(job.pk, run_import, actor.pk)
    return bool(started)


def error_message(job):
    return ERRORS.get(job.error, job.error)


def _enqueue(job_id, the_task, *args):
    result = the_task.enqueue(str(job_id), *args)
    # An immediate backend has finished by now; a worker may have started: touch no status.
    ImportJob.objects.filter(pk=job_id).update(task_id=str(result.id))


def settle(job):
    """End a job whose task can no longer finish: undo its writes, mark it failed.

    Returns the job as it is now. Asked by the pages that show a job, so a job never stays
    "running" after its worker stopped.
    """
    if job.status not in ImportJob.RUNNING:
        return job
    progress = platform_tasks.progress_of(job.task_id) if job.task_id else None
    task_gone = progress is not None and progress.status in (
        TaskResultStatus.FAILED,
        TaskResultStatus.SUCCESSFUL,
    )
    if not (task_gone or job.is_stalled):
        return job
    claimed = ImportJob.objects.filter(pk=job.pk, status=job.status, updated_at=job.updated_at)
    if not claimed.update(status=ImportJob.Status.FAILED, error="interrupted"):
        return ImportJob.objects.get(pk=job.pk)
    log = writer.WriteLog.from_json(job.written)
    if not log.empty:
        writer.undo(log)
        ImportJob.objects.filter(pk=job.pk).update(written={})
    return ImportJob.objects.get(pk=job.pk)


def is_waiting(job):
    """Whether the job's task waits in the queue for a worker (none started it yet)."""
    if job.status not in ImportJob.RUNNING or not job.task_id:
        return False
    return platform_tasks.progress_of(job.task_id).status == TaskResultStatus.READY


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
        decisions=Decisions.from_json(job.decisions),
        progress=_progress(job.pk),
    )


def _fail(job_id, code):
    _set(job_id, status=ImportJob.Status.FAILED, error=code)


def _claim(job_id, status):
    """The job if it is (still) in ``status``: a task started twice, or after ``settle``
    gave it up, does nothing."""
    return ImportJob.objects.select_related("default_type").filter(pk=job_id, status=status).first()


@task()
def check_import(job_id):
    """The dry run of a web import, as a task."""
    job = _claim(job_id, ImportJob.Status.VALIDATING)
    if job is None:
        return
    try:
        report, _rows = _table_and_check(job)
    except ImportFileError:
        _fail(job_id, "unreadable")
        return
    except Exception:
        logger.exception("Checking import %s failed", job_id)
        _fail(job_id, "failed")
        return
    ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.VALIDATING).update(
        status=ImportJob.Status.VALIDATED, report=report.to_json(), updated_at=timezone.now()
    )


@task()
def run_import(job_id, actor_id):
    """Check again (the directory may have changed since the dry run), then write in short
    batches, all or nothing (``writer``)."""
    from django.contrib.auth import get_user_model

    job = _claim(job_id, ImportJob.Status.IMPORTING)
    if job is None:
        return
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
        created, updated = writer.write(
            actor=actor,
            rows=rows,
            visibility=job.visibility,
            source=_("Import of %(file)s") % {"file": job.file_name},
            save_log=lambda log: _set(job_id, written=log.to_json()),
            progress=_progress(job_id),
        )
    except ImportFileError:
        _fail(job_id, "unreadable")
        return
    except Exception:
        logger.exception("Import %s failed; nothing was written", job_id)
        _set(job_id, status=ImportJob.Status.FAILED, error="failed", written={})
        return
    report.created = [{"name": org.name, "slug": org.slug} for org in created]
    report.updated = [{"name": org.name, "slug": org.slug} for org in updated]
    _set(
        job_id,
        status=ImportJob.Status.DONE,
        report=report.to_json(),
        content=b"",
        written={},
    )


def report_of(job):
    return Report.from_json(job.report)
