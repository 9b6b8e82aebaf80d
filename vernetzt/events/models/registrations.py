"""Registrations: a person's place (or place on the waiting list) at an event.

A place is held by a registration that is ``confirmed``, ``offered`` (a freed place offered to
the first person waiting, until its deadline) or ``checked_in``: ``HOLDS_A_PLACE``, the one
definition the services count with. The waiting list is ordered by ``waitlisted_at`` (then
``pk``); a person's position is derived from it (``waitlist_position``), never stored.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.models import text_limit

MAX_CHILDREN = 10


def new_token():
    return secrets.token_urlsafe(32)  # 43 characters, 256 bits


class RegistrationQuerySet(models.QuerySet):
    def holding_places(self):
        return self.filter(status__in=Registration.HOLDS_A_PLACE)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("waitlisted_at", "pk")

    def active(self):
        """Everyone who has not cancelled (and has confirmed their e-mail address)."""
        return self.exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.PENDING])


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("place confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        OFFERED = "offered", _("place offered, waiting for acceptance")
        CANCELLED = "cancelled", _("cancelled")
        CHECKED_IN = "checked_in", _("checked in")

    class Dietary(models.TextChoices):
        NONE = "", _("no special needs")
        VEGETARIAN = "vegetarian", _("vegetarian")
        VEGAN = "vegan", _("vegan")
        HALAL = "halal", _("halal")
        KOSHER = "kosher", _("kosher")
        OTHER = "other", _("other (please describe)")

    class CancelledBecause(models.TextChoices):
        PERSON = "person", _("cancelled by the person")
        STAFF = "staff", _("cancelled by the organisers")
        OFFER_EXPIRED = "offer_expired", _("the offered place was not accepted in time")

    HOLDS_A_PLACE = (Status.CONFIRMED, Status.OFFERED, Status.CHECKED_IN)

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    # The address as compared: one registration per address and event (unless cancelled).
    email_key = models.CharField(max_length=254, editable=False)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language of e-mails"), max_length=10, blank=True)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("accept the offered place by"), null=True, blank=True)
    cancelled_because = models.CharField(
        max_length=16, choices=CancelledBecause.choices, blank=True
    )

    interpreting_needed = models.BooleanField(_("interpreting needed"), default=False)
    interpreting_language = models.ForeignKey(
        "directory.Language",
        verbose_name=_("interpreting into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    childcare_needed = models.BooleanField(_("childcare needed"), default=False)
    children = models.PositiveSmallIntegerField(
        _("number of children"), default=0, validators=[MaxValueValidator(MAX_CHILDREN)]
    )
    dietary = models.CharField(
        _("food"), max_length=12, choices=Dietary.choices, blank=True, default=Dietary.NONE
    )
    dietary_notes = models.CharField(_("other food needs"), max_length=200, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, **text_limit(500))

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consent = models.ForeignKey(
        "directory.Consent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    created_at = models.DateTimeField(auto_now_add=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_key"],
                condition=~models.Q(status="cancelled"),
                name="events_one_registration_per_address",
            ),
            models.CheckConstraint(
                condition=models.Q(children__lte=MAX_CHILDREN),
                name="events_registration_children_limit",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waitlisted_at"], name="events_reg_status_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.event})"

    def save(self, *args, **kwargs):
        self.email_key = self.email.strip().casefold()
        super().save(*args, **kwargs)

    @property
    def holds_a_place(self):
        return self.status in self.HOLDS_A_PLACE

    @property
    def is_active(self):
        return self.status not in (self.Status.CANCELLED,)

    def waitlist_position(self):
        """1 for the first person waiting; None when not on the waiting list."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = (
            Registration.objects.waiting()
            .filter(event_id=self.event_id)
            .filter(
                models.Q(waitlisted_at__lt=self.waitlisted_at)
                | models.Q(waitlisted_at=self.waitlisted_at, pk__lt=self.pk)
            )
        )
        return ahead.count() + 1
