"""Council reports that take longer than a request: built by a task of the platform's queue
(django-tasks), stored through Django's storage API, downloaded when done.

A report is asked for with a random token; its file is ``council/reports/<token>.<format>``
and a small JSON beside it says what was asked (body, period, format, language, the task's id
and who asked). The waiting page reads the task's progress (``core.tasks``). Reports hold what
council members and staff see alike (``council.selectors`` gives both the same), so either may
open a finished one by its token; the token is unguessable and never listed.
"""

import json
import uuid
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from django_tasks import task

from vernetzt.core import tasks as platform_tasks

FOLDER = "council/reports"
# A report over more than this many days is built in the queue; a quarter renders in a few
# seconds and is sent at once.
INLINE_DAYS = 92
KEEP = timedelta(days=7)
FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def runs_inline(*, start, end, fmt):
    return fmt == "xlsx" or (end - start).days <= INLINE_DAYS


def _meta_name(token):
    return f"{FOLDER}/{token}.json"


def file_path(token, fmt):
    return f"{FOLDER}/{token}.{fmt}"


def build(*, user, body, start, end, fmt, language, progress=None):
    """(bytes, file name) of the report."""
    from vernetzt.council.reports import data, render

    report = data.collect(user=user, body=body, start=start, end=end, progress=progress)
    if progress:
        progress(3, 4)
    content = (
        render.pdf(report, language=language)
        if fmt == "pdf"
        else render.xlsx(report, language=language)
    )
    return content, render.file_name(report, fmt)


def enqueue(*, user, body, start, end, fmt, language):
    """Ask for a report in the queue; returns its token."""
    token = uuid.uuid4().hex
    meta = {
        "body": body.pk,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "format": fmt,
        "language": language,
        "user": user.pk,
        "created": timezone.now().isoformat(),
        "task_id": "",
        "file_name": "",
    }
    _write_meta(token, meta)
    result = build_report.enqueue(token)
    meta = read_meta(token) or meta  # an immediate backend has finished and written it
    meta["task_id"] = str(result.id)
    _write_meta(token, meta)
    _forget_old()
    return token


def _write_meta(token, meta):
    name = _meta_name(token)
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(json.dumps(meta).encode()))


def read_meta(token):
    """What was asked under ``token``, or ``None``."""
    try:
        uuid.UUID(hex=str(token))
    except ValueError:
        return None
    name = _meta_name(token)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name) as stored:
        return json.loads(stored.read())


def status(token):
    """(meta, ``core.tasks.Progress``, stored file path or "") of a report."""
    meta = read_meta(token)
    if meta is None:
        return None, None, ""
    path = file_path(token, meta["format"]) if meta.get("file_name") else ""
    if path and not default_storage.exists(path):
        path = ""
    progress = platform_tasks.progress_of(token)
    if meta.get("task_id") and not progress.finished:
        task_progress = platform_tasks.progress_of(meta["task_id"])
        if task_progress.status:
            progress = platform_tasks.Progress(
                status=task_progress.status,
                done=progress.done,
                total=progress.total,
                note=progress.note,
                failure=task_progress.failure,
            )
    return meta, progress, path


@task()
def build_report(token):
    """Build the report asked for under ``token`` and store it."""
    from django.contrib.auth import get_user_model

    from vernetzt.council.models import Body

    meta = read_meta(token)
    if meta is None:
        return ""
    user = get_user_model().objects.get(pk=meta["user"])
    body = Body.objects.get(pk=meta["body"])

    def progress(done, total):
        platform_tasks.report_progress(token, done=done, total=4)

    with translation.override(meta["language"]):
        content, name = build(
            user=user,
            body=body,
            start=date.fromisoformat(meta["start"]),
            end=date.fromisoformat(meta["end"]),
            fmt=meta["format"],
            language=meta["language"],
            progress=progress,
        )
    path = file_path(token, meta["format"])
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(content))
    meta = read_meta(token) or meta
    meta["file_name"] = name
    _write_meta(token, meta)
    progress(4, 4)
    return path


def _forget_old():
    """Remove reports older than ``KEEP`` (their files and what was asked)."""
    try:
        _directories, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    limit = timezone.now() - KEEP
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue
