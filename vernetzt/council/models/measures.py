"""Measures a resolution sets in motion, and their budgets."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vernetzt.council.models.base import LONG_TEXT_LENGTH, NAME_LENGTH
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
