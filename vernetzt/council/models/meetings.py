"""Meetings of a body and their agenda items."""

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
