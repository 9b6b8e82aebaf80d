"""Council papers (motions, resolutions, ...), their consultations and files."""

from django.db import models
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
