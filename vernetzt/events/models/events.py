"""Events, their rooms and time slots."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.models import text_limit

TITLE_LENGTH = 200
MAX_CAPACITY = 100_000
DEFAULT_OFFER_HOURS = 48


class EventQuerySet(models.QuerySet):
    """Who may see an event: the one rule, asked by selectors and ``permissions``."""

    def visible_to(self, user):
        from vernetzt.core.roles import is_staff

        if is_staff(user):
            return self
        public = models.Q(visibility=Event.Visibility.PUBLIC)
        if not getattr(user, "is_authenticated", False):
            return self.filter(public)
        invited = models.Q(invited=user)
        registered = models.Q(registrations__user=user)
        return self.filter(models.Q(pk__in=self.filter(public | invited | registered).values("pk")))

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


class Event(models.Model):
    class Kind(models.TextChoices):
        OPEN_SPACE = "open_space", _("Open Space")
        CONFERENCE = "conference", _("conference")
        WORKSHOP_SERIES = "workshop_series", _("workshop series")
        OTHER = "other", _("other event")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public: everyone may see it and register")
        INVITATION = "invitation", _("by invitation only")

    slug = models.SlugField(_("web address"), max_length=TITLE_LENGTH, unique=True)
    kind = models.CharField(_("kind of event"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    theme_question = models.CharField(
        _("theme question"),
        max_length=300,
        blank=True,
        help_text=_("The question the event works on, e.g. “How do we welcome new neighbours?”"),
    )
    description = models.TextField(_("description"), blank=True, **text_limit(5000))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address of the venue"), max_length=300, blank=True)
    visibility = models.CharField(
        _("who may take part"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    organisers = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("organised by"),
        blank=True,
        related_name="organised_events",
    )
    invited = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited accounts"),
        blank=True,
        related_name="event_invitations",
        help_text=_("For events by invitation only: who may see the event and register."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: open until the event starts."),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a freed place"),
        default=DEFAULT_OFFER_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=_(
            "When a place frees, the first person on the waiting list is offered it "
            "and has this long to accept."
        ),
    )
    further_languages = models.ManyToManyField(
        "directory.Language",
        verbose_name=_("further languages of the event"),
        blank=True,
        related_name="+",
        help_text=_("Besides German: languages the event is held or documented in."),
    )
    # When the people still waiting were told that the event is full for good (once).
    waitlist_closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_event_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if (
            self.registration_closes_at
            and self.ends_at
            and self.registration_closes_at > self.ends_at
        ):
            errors["registration_closes_at"] = _("Registration cannot close after the event ends.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.starts_at

    def registration_state(self, now=None):
        """ "open", "not_yet" or "closed": the one rule of when people may register."""
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        closes = self.registration_closes_at or self.starts_at
        if now >= closes or now >= self.starts_at:
            return "closed"
        return "open"


class Room(models.Model):
    """A room of the event's venue."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    projector = models.BooleanField(_("projector"), default=False)
    kitchen = models.BooleanField(_("kitchen"), default=False)
    childcare_corner = models.BooleanField(_("childcare corner"), default=False)

    FEATURES = ["step_free", "projector", "kitchen", "childcare_corner"]

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="events_room_unique_name"),
        ]

    def __str__(self):
        return self.name

    def feature_labels(self):
        return [
            self._meta.get_field(name).verbose_name for name in self.FEATURES if getattr(self, name)
        ]


class TimeSlot(models.Model):
    """A time slot of the event's programme (a workshop phase, a session round)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("e.g. “Workshops, first round”")
    )

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_slot_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.label or f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The slot must end after it starts.")})
