"""A cooperation between two or more organisations and each partner's part in it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.models import Visibility, text_limit


class CooperationQuerySet(models.QuerySet):
    def publicly_visible(self):
        """The one rule of what the public sees: public cooperations in force or past, whose
        partners are all publicly visible organisations."""
        from vernetzt.directory.models import Organisation

        hidden_partner = CooperationPartner.objects.filter(
            cooperation=models.OuterRef("pk")
        ).exclude(organisation__in=Organisation.objects.publicly_visible())
        return self.filter(
            visibility=Visibility.PUBLIC, status__in=Cooperation.SHOWN_STATUSES
        ).exclude(models.Exists(hidden_partner))

    def current_on(self, day=None):
        """In force on ``day``: agreed or active, begun (or no start) and not ended."""
        day = day or timezone.localdate()
        return self.filter(
            status__in=[Cooperation.Status.AGREED, Cooperation.Status.ACTIVE],
        ).filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=day),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day),
        )


class Cooperation(models.Model):
    class Kind(models.TextChoices):
        PUNCTUAL = "punctual", _("punctual (one event or project)")
        LASTING = "lasting", _("lasting (partnership or agreement)")
        NETWORK = "network", _("network membership")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        AGREED = "agreed", _("agreed")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")
        DECLINED = "declined", _("declined")

    class Origin(models.TextChoices):
        MATCH = "match", _("a need and an offer")
        RECOMMENDATION = "recommendation", _("a partner recommendation")
        EVENT = "event", _("an event")
        MANUAL = "manual", _("entered by hand")
        IMPORT = "import", _("an imported list")

    # Cooperations the network shows (map, profiles, analysis); proposed and declined ones
    # are seen only by the partners' editors and staff.
    SHOWN_STATUSES = (Status.AGREED, Status.ACTIVE, Status.ENDED)

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, **text_limit(5000))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PUNCTUAL)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    status_reason = models.TextField(_("reason"), blank=True, **text_limit(2000))
    fields = models.ManyToManyField(
        "directory.FieldOfAction",
        verbose_name=_("fields of action"),
        blank=True,
        related_name="cooperations",
    )
    districts = models.ManyToManyField(
        "directory.District", verbose_name=_("districts"), blank=True, related_name="cooperations"
    )
    communities = models.ManyToManyField(
        "directory.Community",
        verbose_name=_("communities reached"),
        blank=True,
        related_name="cooperations",
    )
    start_date = models.DateField(_("since"), null=True, blank=True, db_index=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    origin = models.CharField(
        _("came from"), max_length=16, choices=Origin.choices, default=Origin.MANUAL
    )
    need = models.ForeignKey(
        "directory.Need",
        verbose_name=_("need"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperations",
    )
    offer = models.ForeignKey(
        "directory.Offer",
        verbose_name=_("offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperations",
    )
    # Where it came from beyond needs and offers (an event's session, a recommendation):
    # a short reference the originating app sets, shown as text until that app links it.
    origin_reference = models.CharField(_("origin reference"), max_length=200, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    proposed_by = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = CooperationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["-start_date", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the start.")})


class CooperationPartner(models.Model):
    """One organisation's part in a cooperation, and whether it has agreed."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("not yet decided")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.CASCADE,
        related_name="partners",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="cooperation_parts",
    )
    contact = models.ForeignKey(
        "directory.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"), max_length=16, choices=Decision.choices, default=Decision.PENDING
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "organisation"], name="network_partner_once_per_cooperation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "cooperation"])]

    def __str__(self):
        return f"{self.organisation} – {self.cooperation}"
