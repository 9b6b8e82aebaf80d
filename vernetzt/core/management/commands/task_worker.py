"""``manage.py task_worker``: django-tasks-db's ``db_worker`` (same options) that also says it
is alive and marks tasks interrupted by a stopped worker as failed (``core.tasks``)."""

import logging
import os
import threading

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from vernetzt.core import tasks

logger = logging.getLogger(__name__)


def _keep_alive(worker_id, stop):
    beats_per_reaping = max(1, tasks.REAP_EVERY_SECONDS // tasks.HEARTBEAT_SECONDS)
    beats = 0
    while not stop.wait(tasks.HEARTBEAT_SECONDS):
        try:
            tasks.beat(worker_id)
            beats += 1
            if beats % beats_per_reaping == 0:
                tasks.reap_interrupted_tasks()
        except Exception:  # a locked or restarting database must not end the worker
            logger.exception("Heartbeat of task worker %s failed", worker_id)
        finally:
            close_old_connections()


class Command(DBWorkerCommand):
    help = (
        "Runs background tasks from the database queue. Marks tasks whose worker stopped, or "
        "that ran past VERNETZT_TASK_TIME_LIMIT, as failed: at start and every minute."
    )

    def handle(self, *args, **options):
        reloading_parent = options.get("reload") and os.environ.get("RUN_MAIN") != "true"
        if reloading_parent:  # the autoreloader's parent only watches files; its child works
            return super().handle(*args, **options)
        worker_id = options["worker_id"]
        tasks.beat(worker_id)
        reaped = tasks.reap_interrupted_tasks()
        if reaped:
            logger.warning("%d interrupted task(s) marked failed", reaped)
        stop = threading.Event()
        threading.Thread(
            target=_keep_alive, args=(worker_id, stop), name="task-heartbeat", daemon=True
        ).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
