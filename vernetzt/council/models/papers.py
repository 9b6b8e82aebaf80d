"""Council papers (motions, resolutions, ...), their consultations and files."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vernetzt.council.models.base import LONG_TEXT_LENGTH, NAME_LENGTH, URL_LENGTH, OParlObject
from vernetzt.directory.models import text_limit


class Paper(OParlObject):
    """A motion, question, draft resolution or notice (OParl: Paper)."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("motion (Antrag)")
        QUESTION = "question", _("question (Anfrage)")
        DRAFT_RESOLUTION = "draft_resolution", _("draft resolution (Beschlussvorlage)")
        NOTICE = "notice", _("notice (Mitteilung)")
        OTHER = "other", _("other paper")

    reference = models.CharField(
        _("reference"), max_length=100, blank=True, db_index=True, help_text=_("e.g. “22-4292”")
    )
    name = models.TextField(_("title"), **text_limit(LONG_TEXT_LENGTH))
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    paper_type = models.CharField(
        _("kind as named"), max_length=200, blank=True, help_text=_("e.g. “Mitteilungsvorlage”")
    )
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    text = models.TextField(_("text"), blank=True, **text_limit(200_000))
    is_public = models.BooleanField(
        pgettext_lazy("council: open to the public", "public"),
        default=True,
        help_text=_(
            "Public papers are shown to everyone unless they were consulted only in internal bodies."
        ),
    )

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ["-date", "reference"]

    def __str__(self):
        return f"{self.reference} {self.name}".strip()[:200]


class Consultation(OParlObject):
    """A paper on the agenda of a body's meeting, and what that body decided."""

    class Result(models.TextChoices):
        NONE = "", _("not recorded")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", pgettext_lazy("council: result of a consultation", "rejected")
        AMENDED = "amended", _("accepted with changes")
        REFERRED = "referred", _("referred")
        POSTPONED = "postponed", _("postponed")

    paper = models.ForeignKey(
        Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="consultations"
    )
    meeting = models.ForeignKey(
        "council.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    agenda_item = models.ForeignKey(
        "council.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    body = models.ForeignKey(
        "council.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    role = models.CharField(
        _("purpose"), max_length=200, blank=True, help_text=_("e.g. “Vorberatung”")
    )
    authoritative = models.BooleanField(_("decides"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, default=Result.NONE, blank=True
    )
    decided_on = models.DateField(
        _("decided on"), null=True, blank=True, help_text=_("When there is no meeting recorded.")
    )
    resolution_text = models.TextField(
        _("resolution"),
        blank=True,
        help_text=_("What was decided, in the words of the minutes."),
        **text_limit(LONG_TEXT_LENGTH),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["paper", "meeting__start"]

    def __str__(self):
        return f"{self.paper} – {self.body or self.meeting or ''}"[:200]


class File(OParlObject):
    """What is known about a document in the council system; its content is not copied."""

    class Role(models.TextChoices):
        MAIN = "main", _("main document")
        AUXILIARY = "auxiliary", _("attachment")
        INVITATION = "invitation", _("invitation")
        RESULTS_PROTOCOL = "results_protocol", _("minutes of results")
        VERBATIM_PROTOCOL = "verbatim_protocol", _("verbatim minutes")
        RESOLUTION = "resolution", _("resolution")

    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    file_name = models.CharField(_("file name"), max_length=300, blank=True)
    mime_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    access_url = models.URLField(_("address"), max_length=URL_LENGTH, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.AUXILIARY)
    paper = models.ForeignKey(
        Paper, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    meeting = models.ForeignKey(
        "council.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    agenda_item = models.ForeignKey(
        "council.AgendaItem", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["name"]

    def __str__(self):
        return self.name


def _upload_name(folder, filename):
    """A random stored name that keeps only a known extension: the uploader's file name is
    kept in the row, never used as a path."""
    suffix = Path(filename or "").suffix.lower()
    suffix = suffix if suffix in {".pdf", ".jpg", ".jpeg", ".png", ".webp"} else ""
    return f"council/{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def attachment_upload_to(instance, filename):
    return _upload_name("papers", filename)


class Submitter(models.Model):
    """Who submitted a paper: a body (also a faction or working group), a council person, a
    directory organisation, or a group named in free text; exactly one of them."""

    paper = models.ForeignKey(
        Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="submitters"
    )
    body = models.ForeignKey(
        "council.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="submitted_papers",
    )
    person = models.ForeignKey(
        "council.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="submitted_papers",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="council_papers",
    )
    name = models.CharField(
        _("group"), max_length=200, blank=True, help_text=_("e.g. “Fraktion Die Grünen”")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("submitter")
        verbose_name_plural = _("submitters")
        ordering = ["paper", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                name="council_submitter_exactly_one",
                condition=(
                    models.Q(
                        body__isnull=False, person__isnull=True, organisation__isnull=True, name=""
                    )
                    | models.Q(
                        body__isnull=True, person__isnull=False, organisation__isnull=True, name=""
                    )
                    | models.Q(
                        body__isnull=True, person__isnull=True, organisation__isnull=False, name=""
                    )
                    | (
                        models.Q(body__isnull=True, person__isnull=True, organisation__isnull=True)
                        & ~models.Q(name="")
                    )
                ),
            )
        ]

    def __str__(self):
        return str(self.body or self.person or self.organisation or self.name)[:200]

    def clean(self):
        chosen = [self.body_id, self.person_id, self.organisation_id, self.name.strip() or None]
        if sum(value is not None for value in chosen) != 1:
            raise ValidationError(
                _("Choose exactly one submitter: a body, a person, an organisation or a group.")
            )


class PaperAttachment(models.Model):
    """A PDF uploaded here for a paper, kept through Django's storage API (File holds only the
    metadata of documents in the town's council system)."""

    MAX_BYTES = 20 * 1024 * 1024

    paper = models.ForeignKey(
        Paper, verbose_name=_("paper"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=300)
    content = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    is_public = models.BooleanField(
        pgettext_lazy("council: open to the public", "public"), default=True
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

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["paper", "created", "pk"]

    def __str__(self):
        return self.title
