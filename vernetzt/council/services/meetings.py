"""Writes of bodies, memberships and meetings: the agenda, attendance, minutes, attachments
and action items. Each is atomic and leaves an audit entry (through ``services.save`` or
``record``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from vernetzt.audit.services import diff, record, snapshot
from vernetzt.council.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    MeetingAttachment,
    Person,
)
from vernetzt.council.services import add_agenda_item, add_member, save

BODY_FIELDS = (
    "name",
    "short_name",
    "kind",
    "is_public",
    "description",
    "start_date",
    "end_date",
    "website",
)
MEETING_FIELDS = ("name", "start", "end", "place", "cancelled", "invitation_text")
AGENDA_ITEM_FIELDS = ("number", "name", "is_public", "minutes", "result_text")
ACTION_ITEM_FIELDS = (
    "text",
    "agenda_item",
    "responsible_person",
    "responsible_organisation",
    "responsible_text",
    "due_date",
)


def _update(*, actor, obj, allowed, fields):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, value)
    return save(actor=actor, obj=obj)


# --- bodies and members ---------------------------------------------------------------------


def create_body(*, actor, **fields):
    return _update(actor=actor, obj=Body(), allowed=BODY_FIELDS, fields=fields)


def update_body(*, actor, body, **fields):
    return _update(actor=actor, obj=body, allowed=BODY_FIELDS, fields=fields)


@transaction.atomic
def add_membership(*, actor, body, person=None, person_name="", **fields):
    """A member by an existing ``person`` or a new one named ``person_name``. ``fields``:
    role, role_label, organisation, start_date, end_date, voting_right."""
    if person is None:
        name = " ".join(person_name.split())
        if not name:
            raise ValidationError({"person": gettext("Choose a person or enter a name.")})
        person = save(actor=actor, obj=Person(name=name, family_name=name.rsplit(" ", 1)[-1]))
    return add_member(actor=actor, body=body, person=person, **fields)


@transaction.atomic
def end_membership(*, actor, membership, end_date):
    """The member leaves the body on ``end_date``; they stay listed among former members."""
    membership.end_date = end_date
    return save(actor=actor, obj=membership)


def update_membership(*, actor, membership, **fields):
    allowed = ("role", "role_label", "organisation", "start_date", "end_date", "voting_right")
    return _update(actor=actor, obj=membership, allowed=allowed, fields=fields)


# --- meetings and their agenda --------------------------------------------------------------


def create_meeting(*, actor, body, **fields):
    return _update(actor=actor, obj=Meeting(body=body), allowed=MEETING_FIELDS, fields=fields)


def update_meeting(*, actor, meeting, **fields):
    return _update(actor=actor, obj=meeting, allowed=MEETING_FIELDS, fields=fields)


def add_item(*, actor, meeting, name, is_public=True, number="", **fields):
    """Appends an agenda item; ``fields`` may already carry minutes and result."""
    item = add_agenda_item(
        actor=actor, meeting=meeting, name=name, is_public=is_public, number=number
    )
    if fields:
        item = update_agenda_item(actor=actor, item=item, **fields)
    return item


def update_agenda_item(*, actor, item, **fields):
    """Subject, number, public part, and what was said (minutes) and decided (result)."""
    return _update(actor=actor, obj=item, allowed=AGENDA_ITEM_FIELDS, fields=fields)


@transaction.atomic
def move_agenda_item(*, actor, item, step):
    """Swaps the item with its neighbour above (``step`` −1) or below (+1)."""
    siblings = list(AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("order", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other_index = index + (1 if step > 0 else -1)
    if not 0 <= other_index < len(siblings):
        return item
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    changes = {}
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            changes[str(sibling)] = [sibling.order, position]
            AgendaItem.objects.filter(pk=sibling.pk).update(order=position)
    record(actor=actor, action="reorder", obj=item.meeting, changes=changes)
    item.refresh_from_db()
    return item


# --- attendance -----------------------------------------------------------------------------


@transaction.atomic
def record_attendance(*, actor, meeting, entries):
    """``entries``: person → (status, note); an empty status removes the person's entry.
    One audit entry on the meeting lists every change."""
    existing = {row.person_id: row for row in Attendance.objects.filter(meeting=meeting)}
    changes = {}
    for person, (status, note) in entries.items():
        note = (note or "").strip()
        row = existing.get(person.pk)
        before = [row.status, row.note] if row else [None, None]
        if not status:
            if row:
                row.delete()
                changes[str(person)] = [before, None]
            continue
        if row is None:
            row = Attendance(meeting=meeting, person=person)
        if row.pk and [row.status, row.note] == [status, note]:
            continue
        row.status, row.note = status, note
        row.full_clean()
        row.save()
        changes[str(person)] = [before, [status, note]]
    if changes:
        record(actor=actor, action="attendance", obj=meeting, changes=changes)
    return changes


# --- attachments ----------------------------------------------------------------------------


def add_attachment(*, actor, meeting, upload, title="", agenda_item=None, is_public=True):
    """Stores the PDF through the default storage (validated: PDF by its first bytes, at most
    ``ATTACHMENT_MAX_BYTES``). A failed write leaves no file behind."""
    attachment = MeetingAttachment(
        meeting=meeting,
        agenda_item=agenda_item,
        title=(title or upload.name or "")[:300].strip() or "PDF",
        file=upload,
        file_name=(upload.name or "")[-255:],
        size=upload.size or 0,
        is_public=is_public,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.full_clean()  # before anything is stored
    try:
        with transaction.atomic():
            attachment.save()  # the storage writes the file here
            fields = ["meeting", "agenda_item", "title", "file_name", "size", "is_public"]
            record(
                actor=actor,
                action="create",
                obj=attachment,
                changes=diff({}, snapshot(attachment, fields)),
            )
    except Exception:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def remove_attachment(*, actor, attachment):
    name, storage = attachment.file.name, attachment.file.storage
    record(
        actor=actor,
        action="delete",
        obj=attachment,
        changes={"file_name": [attachment.file_name, None]},
    )
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- action items ---------------------------------------------------------------------------


def add_action_item(*, actor, meeting, text, **fields):
    """``fields``: agenda_item, responsible_person / responsible_organisation /
    responsible_text, due_date."""
    item = ActionItem(meeting=meeting)
    return _update(
        actor=actor, obj=item, allowed=ACTION_ITEM_FIELDS, fields={"text": text, **fields}
    )


def update_action_item(*, actor, item, **fields):
    return _update(actor=actor, obj=item, allowed=ACTION_ITEM_FIELDS, fields=fields)


@transaction.atomic
def mark_action_item_done(*, actor, item, done=True, when=None):
    """Done (now, or ``when``) by ``actor``, or open again with ``done=False``."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if item.done == done:
        return item
    fields = ["done", "done_at"]
    before = snapshot(item, fields)
    item.done = done
    item.done_at = (when or timezone.now()) if done else None
    item.done_by = actor if done and getattr(actor, "is_authenticated", False) else None
    item.full_clean()
    item.save(update_fields=["done", "done_at", "done_by", "updated"])
    changes = diff(before, snapshot(item, fields))
    record(actor=actor, action="done" if done else "reopened", obj=item, changes=changes)
    return item
