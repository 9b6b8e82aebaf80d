"""The platform's background work on django-tasks: progress users can see, and no task left
"running" forever.

A task reports how far it has come with ``report_progress`` (the waiting page reads it with
``progress_of``). Workers started with ``manage.py task_worker`` say every few seconds that
they are alive (``WorkerHeartbeat``); ``reap_interrupted_tasks`` (run by every worker at start
and then every minute) marks a task failed when the worker that ran it fell silent (stopped,
killed, the machine restarted) or when it has run longer than ``VERNETZT_TASK_TIME_LIMIT``.
Such a task is never retried by itself: the person who started it sees a clear message and
starts it again (repeating an import or an e-mail without being asked would do more harm).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, task_backends
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_finished

from vernetzt.core.models import TaskProgress, WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
# A worker silent for this long is gone (a busy worker still beats: from its own thread).
WORKER_SILENT_AFTER = timedelta(seconds=6 * HEARTBEAT_SECONDS)
REAP_EVERY_SECONDS = 60
KEEP_PROGRESS = timedelta(days=7)


class TaskInterrupted(Exception):
    """The worker running the task stopped before the task finished."""


class TaskTimedOut(Exception):
    """The task ran longer than the platform's time limit."""


def _path(exception_class):
    return f"{exception_class.__module__}.{exception_class.__qualname__}"


FAILURE_MESSAGES = {
    _path(TaskInterrupted): _(
        "The work was interrupted because the server stopped or restarted, and it did not "
        "finish. Nothing more will happen with it; please start it again."
    ),
    _path(TaskTimedOut): _(
        "The work took longer than allowed and was stopped. Please start it again, perhaps "
        "with less data at once."
    ),
}
GENERIC_FAILURE = _("The work failed because of an error on the server. It has been logged.")


def time_limit():
    return timedelta(seconds=settings.TASK_TIME_LIMIT)


# --- Progress ---------------------------------------------------------------------------------


def report_progress(task_id, *, done, total=None, note=""):
    """Record how far task ``task_id`` has come (``context.task_result.id`` inside a task that
    takes its context). One short write of its own, so a waiting page sees it at once."""
    TaskProgress.objects.update_or_create(
        task_id=str(task_id),
        defaults={"done": max(done, 0), "total": total, "note": note[:200]},
    )


@dataclass(frozen=True)
class Progress:
    status: str  # a TaskResultStatus value, or "" when the backend cannot tell
    done: int = 0
    total: int | None = None
    note: str = ""
    failure: str = ""  # a translated sentence for a failed task

    @property
    def percent(self):
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @property
    def finished(self):
        return self.status in {TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED}


def failure_message(result):
    """A translated sentence for a failed ``TaskResult``: interrupted, timed out or an error."""
    paths = [error.exception_class_path for error in result.errors]
    for path in reversed(paths):
        if path in FAILURE_MESSAGES:
            return FAILURE_MESSAGES[path]
    return GENERIC_FAILURE


def progress_of(task_id, *, backend="default"):
    """Status and progress of the task ``task_id`` as the waiting page shows them."""
    status, failure = "", ""
    try:
        result = task_backends[backend].get_result(str(task_id))
    except (NotImplementedError, TaskResultDoesNotExist, ImportError):
        result = None  # no such task, a backend that keeps no results, or its code is gone
    if result is not None:
        status = result.status
        if status == TaskResultStatus.FAILED:
            failure = str(failure_message(result))
    stored = TaskProgress.objects.filter(task_id=str(task_id)).first()
    if stored is None:
        return Progress(status=status, failure=failure)
    return Progress(
        status=status, done=stored.done, total=stored.total, note=stored.note, failure=failure
    )


# --- Workers and the reaper -------------------------------------------------------------------


def beat(worker_id, *, now=None):
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": now or timezone.now()}
    )


def _interruption(result, *, alive, now):
    """Why the running ``result`` cannot finish any more, or None."""
    if result.started_at and result.started_at < now - time_limit():
        return TaskTimedOut
    last_worker = result.worker_ids[-1] if result.worker_ids else None
    if last_worker not in alive:
        return TaskInterrupted
    return None


def reap_interrupted_tasks(*, now=None):
    """Mark every running task whose worker fell silent or whose time is up as failed; returns
    how many. Safe to run from several workers at once (each row changes only once)."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - WORKER_SILENT_AFTER).values_list(
            "worker_id", flat=True
        )
    )
    reaped = 0
    for result in DBTaskResult.objects.running():
        reason = _interruption(result, alive=alive, now=now)
        if reason is None:
            continue
        with transaction.atomic():
            changed = DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING
            ).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=_path(reason),
                traceback=f"{reason.__name__}: {reason.__doc__}",
                return_value=None,
            )
        if changed:
            reaped += 1
            logger.warning("Task %s (%s) marked failed: %s", result.pk, result.task_path, reason.__doc__)
            _announce_failure(DBTaskResult.objects.get(pk=result.pk))
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    TaskProgress.objects.filter(updated_at__lt=now - KEEP_PROGRESS).delete()
    return reaped


def _announce_failure(db_result):
    """Tell whoever listens to django-tasks' ``task_finished`` (as a failing worker would)."""
    try:
        task_result = db_result.task_result
    except ImportError:  # the task's code is gone since it was enqueued
        return
    task_finished.send(sender=type(task_result.task.get_backend()), task_result=task_result)
