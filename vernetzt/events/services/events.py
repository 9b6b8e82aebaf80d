"""Staff write events, their rooms and time slots here; every write is audited."""

from django.db import transaction

from vernetzt.audit.services import diff, record, snapshot
from vernetzt.directory import slugs
from vernetzt.events.models import Event, Room, TimeSlot
from vernetzt.events.services.registration import capacity_changed

EVENT_FIELDS = [
    "kind",
    "title",
    "theme_question",
    "description",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "visibility",
    "organisers",
    "invited",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "offer_hours",
    "further_languages",
]
ROOM_FIELDS = ["name", "capacity", "step_free", "projector", "kitchen", "childcare_corner"]
SLOT_FIELDS = ["starts_at", "ends_at", "label"]
# Words of the app's fixed routes under ``veranstaltungen/``: never an event's address.
RESERVED_SLUGS = {"neu", "anmeldung", "meine"}


def unique_slug(title, *, exclude_pk=None):
    others = Event.objects.exclude(pk=exclude_pk)
    base = slugs.slug_base(title)
    slug, counter = base, 2
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _apply(obj, data):
    many = {name: value for name, value in data.items() if obj._meta.get_field(name).many_to_many}
    for name, value in data.items():
        if name not in many:
            setattr(obj, name, value)
    obj.full_clean(exclude=list(many))
    obj.save()
    for name, values in many.items():
        getattr(obj, name).set(values)


def _save(*, actor, obj, data, fields):
    created = obj.pk is None
    before = {} if created else snapshot(type(obj).objects.get(pk=obj.pk), fields)
    _apply(obj, data)
    changes = diff(before, snapshot(obj, fields))
    if created or changes:
        record(actor=actor, action="create" if created else "update", obj=obj, changes=changes)
    return obj


@transaction.atomic
def save_event(*, actor, data, event=None):
    """Create (``event=None``) or change an event. More places go to those waiting."""
    if event is None:
        event = Event(slug=unique_slug(data["title"]), created_by=actor)
    _save(actor=actor, obj=event, data=data, fields=EVENT_FIELDS)
    capacity_changed(event)
    return event


@transaction.atomic
def save_room(*, actor, event, data, room=None):
    room = room or Room(event=event)
    return _save(actor=actor, obj=room, data=data, fields=ROOM_FIELDS)


@transaction.atomic
def save_slot(*, actor, event, data, slot=None):
    slot = slot or TimeSlot(event=event)
    return _save(actor=actor, obj=slot, data=data, fields=SLOT_FIELDS)


@transaction.atomic
def delete(*, actor, obj):
    """Delete a room or a time slot (events are not deleted: their registrations matter)."""
    record(actor=actor, action="delete", obj=obj)
    obj.delete()


# The admin writes through these (``events/admin.py``).


def _concrete_fields(obj, *, many):
    return [
        field.name
        for field in obj._meta.get_fields()
        if field.concrete and not field.auto_created and bool(field.many_to_many) == many
    ]


@transaction.atomic
def save_in_admin(*, actor, obj, change, save):
    fields = _concrete_fields(obj, many=False)
    before = snapshot(type(obj).objects.get(pk=obj.pk), fields) if change else {}
    if not change and isinstance(obj, Event) and not obj.slug:
        obj.slug = unique_slug(obj.title)
    save()
    changes = diff(before, snapshot(obj, fields))
    if changes or not change:
        record(actor=actor, action="update" if change else "create", obj=obj, changes=changes)
    if isinstance(obj, Event):
        capacity_changed(obj)


@transaction.atomic
def save_relations_in_admin(*, actor, obj, change, save):
    names = _concrete_fields(obj, many=True)
    before = snapshot(obj, names) if change else dict.fromkeys(names, [])
    save()
    changes = diff(before, snapshot(obj, names))
    if changes:
        record(actor=actor, action="update", obj=obj, changes=changes)


@transaction.atomic
def delete_in_admin(*, actor, obj):
    record(actor=actor, action="delete", obj=obj)
    obj.delete()
