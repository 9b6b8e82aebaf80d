"""The actor directory: organisations, what they need and offer, whom to contact.

Religion or origin are never fields of a person; communities are served by organisations.
"""

import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ManagedTerm(models.Model):
    """An entry of a list the integration office manages (types, fields, districts, …).

    ``name`` is German; ``translations`` maps a language code to the name in that language.
    """

    slug = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, help_text=_('e.g. {"en": "Culture"}')
    )
    synonyms = models.CharField(
        _("synonyms"),
        max_length=400,
        blank=True,
        help_text=_("Comma-separated other words for this entry, used by the import."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.translations.get(get_language() or "de") or self.name


class OrganisationType(ManagedTerm):
    class Meta(ManagedTerm.Meta):
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class FieldOfAction(ManagedTerm):
    class Meta(ManagedTerm.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")


class Community(ManagedTerm):
    """An origin or language community an organisation serves."""

    class Meta(ManagedTerm.Meta):
        verbose_name = _("community")
        verbose_name_plural = _("communities")


class District(ManagedTerm):
    class Meta(ManagedTerm.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Category(ManagedTerm):
    """What a need or an offer is about: rooms, funding, volunteers, interpreting, …"""

    class Meta(ManagedTerm.Meta):
        verbose_name = _("need/offer category")
        verbose_name_plural = _("need/offer categories")


class Language(models.Model):
    """An ISO 639-1 language; its display name comes from Babel in the reader's language."""

    code = models.CharField(_("ISO 639 code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        from vernetzt.directory.languages import language_name

        return language_name(self.code, fallback=self.name)


class Consent(models.Model):
    """A recorded consent to store personal data: what for, when, how given."""

    class Method(models.TextChoices):
        WEB_FORM = "web_form", _("online form")
        WRITTEN = "written", _("in writing")
        EMAIL = "email", _("by e-mail")
        IN_PERSON = "in_person", _("in person (documented)")
        IMPORT = "import", _("import of a list with documented consent")

    subject = models.CharField(_("whose consent"), max_length=200)
    purpose = models.TextField(_("purpose"))
    method = models.CharField(_("how given"), max_length=16, choices=Method.choices)
    given_at = models.DateTimeField(_("when given"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.subject}: {self.purpose[:60]}"


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal")


class OrganisationQuerySet(models.QuerySet):
    def publicly_visible(self):
        return self.filter(
            status=Organisation.Status.VERIFIED, visibility=Visibility.PUBLIC
        )


class Organisation(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        VERIFIED = "verified", _("verified")
        REJECTED = "rejected", _("rejected")
        ARCHIVED = "archived", _("archived")

    class LegalForm(models.TextChoices):
        REGISTERED_ASSOCIATION = "ev", _("registered association (e.V.)")
        NON_REGISTERED = "unregistered", _("non-registered association or initiative")
        NONPROFIT_COMPANY = "ggmbh", _("non-profit limited company (gGmbH)")
        COMPANY = "company", _("company (GmbH, UG, …)")
        FOUNDATION = "foundation", _("foundation")
        PUBLIC_BODY = "public", _("public body")
        RELIGIOUS_BODY = "religious", _("religious community (public law)")
        OTHER = "other", _("other")

    class Accessibility(models.TextChoices):
        UNKNOWN = "unknown", _("not known")
        FULL = "full", _("step-free access")
        PARTIAL = "partial", _("partly accessible")
        NONE = "none", _("not accessible")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("web address"), max_length=220, unique=True)
    type = models.ForeignKey(
        OrganisationType, verbose_name=_("type"), on_delete=models.PROTECT
    )
    description = models.TextField(_("description"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    legal_form = models.CharField(
        _("legal form"), max_length=16, choices=LegalForm.choices, blank=True
    )
    member_count = models.PositiveIntegerField(_("approximate number of members"), null=True, blank=True)
    fields = models.ManyToManyField(FieldOfAction, verbose_name=_("fields of action"), blank=True)
    communities = models.ManyToManyField(
        Community, verbose_name=_("communities served"), blank=True
    )
    languages = models.ManyToManyField(Language, verbose_name=_("languages spoken"), blank=True)
    districts = models.ManyToManyField(District, verbose_name=_("districts active in"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    public_phone = models.CharField(_("public phone"), max_length=40, blank=True)
    accessibility = models.CharField(
        _("accessibility of the premises"),
        max_length=10,
        choices=Accessibility.choices,
        default=Accessibility.UNKNOWN,
    )
    accessibility_notes = models.CharField(_("notes on accessibility"), max_length=300, blank=True)
    status = models.CharField(
        _("verification status"), max_length=10, choices=Status.choices, default=Status.PROPOSED,
        db_index=True,
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editors"),
        blank=True,
        related_name="edited_organisations",
    )
    proposer_name = models.CharField(_("proposed by"), max_length=200, blank=True)
    proposer_email = models.EmailField(_("proposer's e-mail"), blank=True)
    proposal_consent = models.ForeignKey(
        Consent, verbose_name=_("consent of the proposer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    # Denormalised text the full-text index is built from; kept current by services.
    search_document = models.TextField(editable=False, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "visibility", "name"])]

    def __str__(self):
        return self.name

    @property
    def is_public(self):
        return self.status == self.Status.VERIFIED and self.visibility == Visibility.PUBLIC

    def clean(self):
        if self.founding_year and self.founding_year > timezone.now().year:
            raise ValidationError({"founding_year": _("The founding year lies in the future.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))


class NeedOrOffer(models.Model):
    """Shared shape of needs and offers, precise enough to match one against the other."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    districts = models.ManyToManyField(District, verbose_name=_("districts"), blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["category__sort_order", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end lies before the start.")})

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class Need(NeedOrOffer):
    class Meta(NeedOrOffer.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        default_related_name = "needs"


class Offer(NeedOrOffer):
    class Meta(NeedOrOffer.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        default_related_name = "offers"


class ContactPerson(models.Model):
    """A person to contact; stored only with a recorded consent."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=120, blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), related_name="contacts"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    consent = models.OneToOneField(
        Consent, verbose_name=_("consent"), on_delete=models.PROTECT, related_name="contact"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name



class PublishedProfile(models.Model):
    """An organisation's public profile (the page's article, as anonymous visitors see it) in
    one language, rendered ahead of the visit.

    A derived read model, never edited: ``vernetzt.directory.published`` writes and reads it,
    drops an organisation's rows whenever its data changes and ignores rows whose ``stamp``
    (the templates, translations and managed lists they were rendered with) is not today's or
    whose ``fresh_until`` day has come (a need or an offer starts or ends). Public data only.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="published_profiles"
    )
    language = models.CharField(max_length=10)
    stamp = models.CharField(max_length=64)
    fresh_until = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=200)  # the organisation's name, for the page title
    # zlib-compressed UTF-8: a third of the size, so a row fits one SQLite page
    compressed_html = models.BinaryField()

    class Meta:
        verbose_name = _("published profile")
        verbose_name_plural = _("published profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="published_profile_per_language"
            )
        ]

    def __str__(self):
        return f"{self.organisation_id} ({self.language})"

    @staticmethod
    def compress(html):
        return zlib.compress(html.encode())

    @staticmethod
    def decompress(compressed_html):
        return zlib.decompress(compressed_html).decode()

    @property
    def html(self):
        return self.decompress(self.compressed_html)


from vernetzt.directory.models_import import ImportJob  # noqa: E402,F401
