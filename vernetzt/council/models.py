"""Council work: the bodies that steer integration work, their members, meetings and papers.

Every object can come from a town's council information system through OParl
(``council/oparl/``): ``oparl_id`` is its key there, so a re-import updates instead of
duplicating. Objects staff create here have no ``oparl_id``; the import never touches them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vernetzt.directory.models import text_limit

# Every text that can come from a foreign system has a limit; the import truncates to it
# and warns (``oparl.mapping``).
NAME_LENGTH = 500
LONG_TEXT_LENGTH = 20_000
URL_LENGTH = 1000


class OParlObject(models.Model):
    """What every council object carries: its OParl key and when it changed where."""

    oparl_id = models.CharField(
        _("OParl ID"),
        max_length=URL_LENGTH,
        unique=True,
        null=True,  # NULL for local objects; unique ignores NULLs on both databases
        blank=True,
        help_text=_("The object's address in the council information system it came from."),
    )
    oparl_modified = models.DateTimeField(_("changed in the council system"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Body(OParlObject):
    """A body that steers integration work (OParl: Organization)."""

    class Kind(models.TextChoices):
        INTEGRATION_COUNCIL = "integration_council", _("integration council")
        COMMITTEE = "committee", _("council committee")
        STEERING_GROUP = "steering_group", _("steering group")
        PREPARATION_GROUP = "preparation_group", _("preparation group")
        WORKING_GROUP = "working_group", _("working group")
        OTHER = "other", _("other body")

    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    is_public = models.BooleanField(
        pgettext_lazy("council: open to the public", "public"),
        default=True,
        help_text=_("Internal bodies are shown to staff only."),
    )
    classification = models.CharField(
        _("type in the council system"),
        max_length=200,
        blank=True,
        help_text=_("As the council information system calls it, e.g. “Ausschuss” or “Fraktion”."),
    )
    start_date = models.DateField(_("founded"), null=True, blank=True)
    end_date = models.DateField(_("dissolved"), null=True, blank=True)
    website = models.URLField(_("web page"), max_length=URL_LENGTH, blank=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(OParlObject):
    """A member of a body. Only the name: council systems' contact details are not copied."""

    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    form_of_address = models.CharField(_("form of address"), max_length=100, blank=True)
    title = models.CharField(_("academic title"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name", "name"]

    def __str__(self):
        return self.name


class Membership(OParlObject):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        DEPUTY = "deputy", _("deputy")
        MEMBER = "member", _("member")
        ADVISORY = "advisory", _("advisory member")
        GUEST = "guest", _("guest")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    role_label = models.CharField(
        _("role as named"), max_length=200, blank=True, help_text=_("e.g. “stellv. Mitglied”")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("sent by organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
    )
    voting_right = models.BooleanField(_("voting right"), null=True, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "role", "person"]

    def __str__(self):
        return f"{self.person} – {self.body} ({self.get_role_display()})"


class Meeting(OParlObject):
    body = models.ForeignKey(
        Body,
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

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]

    def __str__(self):
        return self.name


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

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        indexes = [models.Index(fields=["meeting", "order"])]

    def __str__(self):
        return f"{self.number} {self.name}".strip()[:200]


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
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    role = models.CharField(_("purpose"), max_length=200, blank=True, help_text=_("e.g. “Vorberatung”"))
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
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["name"]

    def __str__(self):
        return self.name


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


class Measure(models.Model):
    """What a resolution sets in motion; created here, never imported (OParl has no measures)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        STOPPED = "stopped", _("stopped")

    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    description = models.TextField(_("description"), blank=True, **text_limit(LONG_TEXT_LENGTH))
    paper = models.ForeignKey(
        Paper,
        verbose_name=_("resolution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a re-import never deletes; staff must unlink first
        related_name="measures",
    )
    responsible_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_measures",
    )
    responsible_person = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    status_reason = models.TextField(
        _("reason for stopping"), blank=True, **text_limit(2000)
    )
    start_date = models.DateField(_("begins"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    is_public = models.BooleanField(
        pgettext_lazy("council: open to the public", "public"), default=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.status == self.Status.STOPPED and not self.status_reason.strip():
            raise ValidationError(
                {"status_reason": _("Say why the measure was stopped.")}
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the beginning.")})


class BudgetLine(models.Model):
    """One amount of a measure's budget: planned, committed (ordered, not yet paid) or spent.
    Amounts are ``Decimal`` with two places, never floats."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("planned")
        COMMITMENT = "commitment", _("commitment")
        EXPENDITURE = "expenditure", _("expenditure")

    class Source(models.TextChoices):
        MUNICIPAL = "municipal", _("municipal budget")
        STATE_KIM = "state_kim", _("state funding (KIM)")
        FEDERAL = "federal", _("federal programme")
        DONATIONS = "donations", _("donations")
        OTHER = "other", _("other source")

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    date = models.DateField(_("date"))
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    funding_source = models.CharField(
        _("funding source"), max_length=16, choices=Source.choices, default=Source.MUNICIPAL
    )
    budget_line = models.CharField(
        _("budget line"), max_length=100, blank=True, help_text=_("e.g. “Produkt 05.01.02”")
    )
    receipt = models.CharField(
        _("receipt"), max_length=200, blank=True, help_text=_("Number or reference of the receipt.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["measure", "date", "pk"]
        indexes = [models.Index(fields=["measure", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} EUR – {self.purpose}"[:200]
