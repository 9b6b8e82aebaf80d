"""The actor directory: organisations, what they need and offer, whom to contact.

Religion or origin are never fields of a person; communities are served by organisations.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def text_limit(characters):
    """A TextField's length limit, enforced by forms *and* by ``full_clean`` in the services
    (Django checks a TextField's ``max_length`` in forms only): one huge text must not hold
    the database's write lock."""
    return {"max_length": characters, "validators": [MaxLengthValidator(characters)]}


_LEGAL_SUFFIXES = re.compile(r"\b(e\s*\.?\s*v|ggmbh|gmbh|ug|gbr)\b\.?", re.IGNORECASE)


def comparable_name(name):
    """A name without case, punctuation and legal-form suffixes such as ``e.V.``: what the
    duplicate check compares (stored, indexed, as ``Organisation.name_key``)."""
    name = _LEGAL_SUFFIXES.sub(" ", name.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", name).split())


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


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal")


class Consent(models.Model):
    """A recorded consent to store personal data: what for, when, how given."""

    class Method(models.TextChoices):
        WEB_FORM = "web_form", _("online form")
        WRITTEN = "written", _("in writing")
        EMAIL = "email", _("by e-mail")
        IN_PERSON = "in_person", _("in person (documented)")
        IMPORT = "import", _("import of a list with documented consent")

    subject = models.CharField(_("whose consent"), max_length=200)
    purpose = models.TextField(_("purpose"), **text_limit(1000))
    # What the person agreed to: a public listing or internal use only. A contact is never
    # shown more widely than this (``allows``).
    scope = models.CharField(
        _("agreed visibility"), max_length=10, choices=Visibility.choices,
        default=Visibility.INTERNAL,
    )
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

    def allows(self, visibility):
        """The one rule of consent scope: may a contact with this consent have ``visibility``?"""
        if visibility == Visibility.INTERNAL:
            return True
        return self.withdrawn_at is None and self.scope == Visibility.PUBLIC


class OrganisationQuerySet(models.QuerySet):
    """The directory's rules of who sees and who edits an organisation, each defined once."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for organisation in objs:
            organisation.set_name_key()  # save() is not called for bulk inserts
        return super().bulk_create(objs, *args, **kwargs)

    def publicly_visible(self):
        """What everyone, anonymous visitors and the open-data API included, may see."""
        return self.filter(**Organisation.PUBLICLY_VISIBLE)

    def editable_by(self, user):
        """The organisations ``user`` may edit: staff every one, editors those they edit."""
        from vernetzt.core.roles import is_staff

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self if is_staff(user) else self.filter(editors=user)

    def visible_to(self, user, *, statuses=None):
        """What ``user`` may see in the directory (``None``: the public). Council and staff see
        internal ones too, verified by default or of ``statuses``; editors additionally see the
        organisations they edit."""
        from vernetzt.core.roles import is_council_or_staff

        if user is not None and is_council_or_staff(user):
            return self.filter(status__in=statuses or [Organisation.Status.VERIFIED])
        visible = models.Q(**Organisation.PUBLICLY_VISIBLE)
        if user is not None and user.is_authenticated and user.is_active:
            visible |= models.Q(pk__in=Organisation.objects.editable_by(user).values("pk"))
        return self.filter(visible)


def may_edit(user, *, slug):
    """Whether ``user`` may edit the organisation ``slug``: the one rule for permissions,
    selectors, views and templates."""
    return Organisation.objects.editable_by(user).filter(slug=slug).exists()


def may_edit_contact(user, contact):
    """Whether ``user`` may change or delete ``contact``: a person listed by several
    organisations is theirs together, so only someone who may edit every one of them (staff
    always) may; an editor of one of them may only unlink the person from it."""
    editable = Organisation.objects.editable_by(user).values("pk")
    return not contact.organisations.exclude(pk__in=editable).exists()


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
    description = models.TextField(_("description"), blank=True, **text_limit(5000))
    goals = models.TextField(_("goals"), blank=True, **text_limit(3000))
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
    status_reason = models.TextField(_("reason for the status"), blank=True, **text_limit(2000))
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
    proposer_language = models.CharField(_("proposer's language"), max_length=10, blank=True)
    proposal_consent = models.ForeignKey(
        Consent, verbose_name=_("consent of the proposer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    # Denormalised text the full-text index is built from; kept current by services.
    search_document = models.TextField(editable=False, blank=True)
    # ``comparable_name(name)`` and its first word, kept by ``save``/``bulk_create``: the
    # duplicate check looks candidates up by index instead of comparing every pair.
    name_key = models.CharField(max_length=200, editable=False, blank=True, db_index=True)
    name_head = models.CharField(max_length=200, editable=False, blank=True, db_index=True)
    # Optimistic locking: a save from an older version is refused (services.claim_version).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # The one definition of "publicly visible"; ``publicly_visible()`` and ``is_public`` use it.
    PUBLICLY_VISIBLE = {"status": Status.VERIFIED, "visibility": Visibility.PUBLIC}

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "visibility", "name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.set_name_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key", "name_head"}
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return all(getattr(self, name) == value for name, value in self.PUBLICLY_VISIBLE.items())

    def clean(self):
        if self.founding_year and self.founding_year > timezone.now().year:
            raise ValidationError({"founding_year": _("The founding year lies in the future.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    def set_name_key(self):
        self.name_key = comparable_name(self.name)[:200]
        self.name_head = self.name_key.split(" ", 1)[0]


def current_on(day, *, through=""):
    """The one rule of a "current" need or offer, as a condition: valid on ``day``.
    ``through``: the relation leading to the needs or offers (e.g. ``"needs__"``)."""
    return models.Q(**{f"{through}valid_from__lte": day}) & (
        models.Q(**{f"{through}valid_until__isnull": True})
        | models.Q(**{f"{through}valid_until__gte": day})
    )


class NeedOrOfferQuerySet(models.QuerySet):
    def current(self, day=None):
        """Those valid on ``day`` (today by default)."""
        return self.filter(current_on(day or timezone.localdate()))


class NeedOrOffer(models.Model):
    """Shared shape of needs and offers, precise enough to match one against the other."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True, **text_limit(3000))
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    districts = models.ManyToManyField(District, verbose_name=_("districts"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NeedOrOfferQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["category__sort_order", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end lies before the start.")})

    def is_valid_on(self, day):
        """``current_on(day)`` for an object at hand (a test holds the two together)."""
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


class ContactPersonQuerySet(models.QuerySet):
    def publicly_visible(self):
        """Contacts anyone may see: marked public, and their recorded consent allows it
        (``Consent.allows`` as a condition; a withdrawn consent allows nothing public)."""
        return self.filter(
            visibility=Visibility.PUBLIC,
            consent__scope=Visibility.PUBLIC,
            consent__withdrawn_at__isnull=True,
        )


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
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.consent_id and not self.consent.allows(self.visibility):
            raise ValidationError(
                {"visibility": _("The person agreed only to internal use, not to being shown "
                                 "publicly.")}
            )


class OrganisationDescription(models.Model):
    """The organisation's self-description in a further language, written by the organisation.

    Readers of ``language`` see it instead of the German ``Organisation.description``; everyone
    else sees the German one. ``language`` is one of the platform's languages other than
    German (``settings.LANGUAGES``, checked by the service, so adding a language needs no
    migration).
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="descriptions",
    )
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("description"), **text_limit(5000))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("description in a further language")
        verbose_name_plural = _("descriptions in further languages")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="one_description_per_language"
            )
        ]

    def __str__(self):
        return f"{self.organisation_id} ({self.language})"


from vernetzt.directory.models_import import ImportJob  # noqa: E402,F401
