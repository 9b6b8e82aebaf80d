"""The record of an OParl import run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vernetzt.council.models.base import URL_LENGTH


class ImportRun(models.Model):
    """One OParl import: its source, progress and report; the audit trail names it."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    source = models.CharField(_("source"), max_length=URL_LENGTH)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RUNNING
    )
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("OParl import")
        verbose_name_plural = _("OParl imports")
        ordering = ["-started"]

    def __str__(self):
        return f"{self.source} ({self.started:%Y-%m-%d %H:%M})"
