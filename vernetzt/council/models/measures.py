"""Measures a resolution sets in motion, and their budgets."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vernetzt.council.models.base import LONG_TEXT_LENGTH, NAME_LENGTH
from vernetzt.council.models.papers import _upload_name
from vernetzt.directory.models import text_limit


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
        "council.Paper",
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
        "council.Person",
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    status_reason = models.TextField(_("reason for stopping"), blank=True, **text_limit(2000))
    start_date = models.DateField(_("begins"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    is_public = models.BooleanField(
        pgettext_lazy("council: open to the public", "public"), default=True
    )
    fields_of_action = models.ManyToManyField(
        "directory.FieldOfAction",
        verbose_name=_("fields of action"),
        blank=True,
        related_name="council_measures",
    )
    districts = models.ManyToManyField(
        "directory.District",
        verbose_name=_("districts"),
        blank=True,
        related_name="council_measures",
    )
    communities = models.ManyToManyField(
        "directory.Community",
        verbose_name=_("communities and target groups"),
        blank=True,
        related_name="council_measures",
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
            raise ValidationError({"status_reason": _("Say why the measure was stopped.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the beginning.")})


def receipt_upload_to(instance, filename):
    return _upload_name("receipts", filename)


def evidence_upload_to(instance, filename):
    return _upload_name("evidence", filename)


class Milestone(models.Model):
    """A step on a measure's timeline: due on a date, done when ``done_on`` is set."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=300)
    due_date = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["measure", models.F("due_date").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["due_date", "done_on"])]

    def __str__(self):
        return self.title

    def is_overdue(self, today):
        return self.done_on is None and self.due_date is not None and self.due_date < today


class ProgressUpdate(models.Model):
    """What has been done: a dated report with evidence (a photo or a PDF) and indicators."""

    MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
    MAX_INDICATORS = 10
    INDICATOR_KEY_LENGTH = 80
    INDICATOR_VALUE_LENGTH = 200

    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("what has been done"), **text_limit(10_000))
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_upload_to, max_length=200, blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("evidence type"), max_length=50, blank=True)
    participants_reached = models.PositiveIntegerField(
        _("participants reached"), null=True, blank=True
    )
    volunteers_won = models.PositiveIntegerField(_("volunteers won"), null=True, blank=True)
    indicators = models.JSONField(
        _("further indicators"),
        default=dict,
        blank=True,
        help_text=_("Name and value, e.g. “Sprachcafés held”: “12”."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["measure", "-date", "-pk"]
        indexes = [models.Index(fields=["measure", "-date"])]

    def __str__(self):
        return f"{self.date}: {self.text}"[:200]

    @property
    def evidence_is_image(self):
        return self.evidence_type.startswith("image/")

    def clean(self):
        indicators = self.indicators
        if not isinstance(indicators, dict):
            raise ValidationError({"indicators": _("Indicators are pairs of name and value.")})
        if len(indicators) > self.MAX_INDICATORS:
            raise ValidationError(
                {"indicators": _("At most %(count)d indicators.") % {"count": self.MAX_INDICATORS}}
            )
        for key, value in indicators.items():
            if (
                not isinstance(key, str)
                or not isinstance(value, str)
                or not key.strip()
                or len(key) > self.INDICATOR_KEY_LENGTH
                or len(value) > self.INDICATOR_VALUE_LENGTH
            ):
                raise ValidationError(
                    {"indicators": _("Each indicator needs a short name and a short value.")}
                )


class Follow(models.Model):
    """Someone follows a paper or a measure and hears of status changes and progress.
    Editors of the responsible organisation follow automatically (``automatic``); an
    unfollowed row stays (``active`` false) so the automatic follow does not come back."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="council_follows",
    )
    paper = models.ForeignKey(
        "council.Paper", null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    active = models.BooleanField(_("active"), default=True)
    automatic = models.BooleanField(_("automatic"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.CheckConstraint(
                name="council_follow_one_object",
                condition=models.Q(paper__isnull=False, measure__isnull=True)
                | models.Q(paper__isnull=True, measure__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "paper"],
                name="council_follow_paper_once",
                condition=models.Q(paper__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "measure"],
                name="council_follow_measure_once",
                condition=models.Q(measure__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.paper or self.measure}"[:200]

    @property
    def target(self):
        return self.paper or self.measure


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
    receipt_file = models.FileField(
        _("scanned receipt"), upload_to=receipt_upload_to, max_length=200, blank=True
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
