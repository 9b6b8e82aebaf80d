"""Meetings of a body, their agenda items and what happens at them: attendance, minutes,
attachments and action items."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vernetzt.council.models.base import LONG_TEXT_LENGTH, NAME_LENGTH, OParlObject
from vernetzt.directory.models import text_limit


class Meeting(OParlObject):
    body = models.ForeignKey(
        "council.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    start = models.DateTimeField(_("begins"), null=True, blank=True, db_index=True)
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=NAME_LENGTH, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    invitation_text = models.TextField(
        _("invitation"),
        blank=True,
        help_text=_("The text of the invitation, above the agenda."),
        **text_limit(LONG_TEXT_LENGTH),
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end lies before the beginning.")})


class AgendaItem(OParlObject):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=50, blank=True)
    name = models.TextField(_("subject"), **text_limit(LONG_TEXT_LENGTH))
    is_public = models.BooleanField(
        pgettext_lazy("council: open to the public", "public"), default=True
    )
    result_text = models.TextField(_("result"), blank=True, **text_limit(LONG_TEXT_LENGTH))
    minutes = models.TextField(
        _("minutes"),
        blank=True,
        help_text=_("What was discussed under this item."),
        **text_limit(LONG_TEXT_LENGTH),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        indexes = [models.Index(fields=["meeting", "order"])]

    def __str__(self):
        return f"{self.number} {self.name}".strip()[:200]


# --- what happens at a meeting: attendance, attachments, action items ------------------------

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_pdf(upload):
    """A PDF up to ``ATTACHMENT_MAX_BYTES``: checked by its first bytes, not by its name or the
    type the browser claims."""
    size = getattr(upload, "size", None)
    if size is not None and size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.")
            % {"limit": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(16)
    finally:
        upload.seek(position)
    if not head.lstrip(b"\x00\t\n\r ").startswith(PDF_MAGIC):
        raise ValidationError(_("Only PDF files can be attached."), code="not_pdf")


def attachment_path(instance, filename):
    """Stored under a random name: the uploaded name is kept in ``file_name`` only, never in
    a path."""
    return f"council/meetings/{instance.meeting_id or 0}/{uuid.uuid4().hex}.pdf"


class Attendance(models.Model):
    """Whether a person was at a meeting (one row per person and meeting)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "council.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "person__family_name", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="council_attendance_once")
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}: {self.get_status_display()}"[:200]


class MeetingAttachment(models.Model):
    """A PDF uploaded here for a meeting or one of its agenda items, stored through Django's
    storage API (``File`` holds only metadata of documents in the town's council system)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("PDF file"), upload_to=attachment_path, max_length=300, validators=[validate_pdf]
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    is_public = models.BooleanField(
        pgettext_lazy("council: open to the public", "public"),
        default=True,
        help_text=_("Non-public attachments are shown to council members and staff only."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting attachment")
        verbose_name_plural = _("meeting attachments")
        ordering = ["meeting", "agenda_item__order", "title", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("The agenda item belongs to another meeting.")})


class ActionItem(models.Model):
    """What someone is to do by when, agreed at a meeting. It stays on every later meeting of
    the body until it is done."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    text = models.TextField(_("what"), **text_limit(2000))
    responsible_person = models.ForeignKey(
        "council.Person",
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    responsible_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_action_items",
    )
    responsible_text = models.CharField(
        _("responsible (other)"),
        max_length=200,
        blank=True,
        help_text=_("Whoever is neither a member nor an organisation in the directory."),
    )
    due_date = models.DateField(_("due"), null=True, blank=True, db_index=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["done", "due_date"], name="council_action_open_due")]

    def __str__(self):
        return self.text[:200]

    @property
    def responsible(self):
        """Who is to do it, as text: the person, the organisation or the free text."""
        return str(
            self.responsible_person or self.responsible_organisation or self.responsible_text
        )

    def is_overdue(self, on):
        return not self.done and self.due_date is not None and self.due_date < on

    def clean(self):
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("The agenda item belongs to another meeting.")})
        if self.done and self.done_at is None:
            raise ValidationError({"done_at": _("Say when it was done.")})
