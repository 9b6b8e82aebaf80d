"""State of an import started on the web: the uploaded file, its mapping and the report."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.models import OrganisationType, Visibility

STALLED_AFTER = timedelta(minutes=10)


class ImportJob(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("waiting for the column mapping")
        VALIDATING = "validating", _("checking the rows")
        VALIDATED = "validated", _("checked, not yet imported")
        IMPORTING = "importing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    RUNNING = (Status.VALIDATING, Status.IMPORTING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8)
    # Kept in the database so that every worker and thread sees it; emptied after the import
    # because such lists may name persons.
    content = models.BinaryField(_("file content"), blank=True)
    headers = models.JSONField(_("columns"), default=list, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    default_type = models.ForeignKey(
        OrganisationType,
        verbose_name=_("default type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    # Staff's choices on the report page (``validation.Decisions``).
    decisions = models.JSONField(_("decisions"), default=dict, blank=True)
    # What the running import has written so far, to undo it if it is interrupted
    # (``writer.WriteLog``); empty once the import has finished or been undone.
    written = models.JSONField(_("written so far"), default=dict, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED
    )
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    total = models.PositiveIntegerField(_("rows"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_running(self):
        return self.status in self.RUNNING and not self.is_stalled

    @property
    def is_stalled(self):
        """Running without progress for long: its task will not finish (``jobs.settle``)."""
        return (
            self.status in self.RUNNING
            and self.updated_at is not None
            and timezone.now() - self.updated_at > STALLED_AFTER
        )

    @property
    def percent(self):
        return round(100 * self.processed / self.total) if self.total else 0
