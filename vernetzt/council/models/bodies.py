"""Bodies that steer integration work, the people in them and their memberships."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vernetzt.council.models.base import LONG_TEXT_LENGTH, NAME_LENGTH, URL_LENGTH, OParlObject
from vernetzt.directory.models import text_limit


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
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the body does and who may take part."),
        **text_limit(LONG_TEXT_LENGTH),
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the beginning.")})


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

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end lies before the beginning.")})
