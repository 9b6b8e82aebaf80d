"""Platform-wide records of the task queue that django-tasks-db does not keep itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskProgress(models.Model):
    """How far a background task has come, for the page that waits for it (``core.tasks``)."""

    task_id = models.CharField(_("task"), max_length=64, primary_key=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")

    def __str__(self):
        return f"{self.task_id}: {self.done}/{self.total or '?'}"


class WorkerHeartbeat(models.Model):
    """A task worker says it is alive; a task whose worker fell silent was interrupted."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self):
        return self.worker_id
