"""A partner recommendation an organisation's editor (or staff) dismissed: never shown again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerDismissal(models.Model):
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="dismissed_recommendations",
    )
    recommended = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("recommended organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("dismissed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dismissed partner recommendation")
        verbose_name_plural = _("dismissed partner recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "recommended"], name="network_dismissal_once"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.recommended}"
