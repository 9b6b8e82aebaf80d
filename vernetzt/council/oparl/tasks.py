"""The OParl import as a task of the platform's queue (django-tasks), for scheduled re-imports:
``manage.py import_oparl SOURCE --enqueue`` from cron, run by a task worker (``manage.py task_worker``)."""

from django.contrib.auth import get_user_model
from django_tasks import task

from vernetzt.audit.services import SystemActor
from vernetzt.council.oparl.importer import import_oparl


@task()
def import_oparl_task(source: str, user_id: int | None = None) -> dict:
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    run = import_oparl(source=source, actor=user or SystemActor("OParl import (task queue)"))
    return {"run": run.pk, "status": run.status, "error": run.error, **run.report}
