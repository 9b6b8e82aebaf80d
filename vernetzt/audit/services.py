"""The only way audit entries are written. Every domain service calls ``record``."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext, gettext_noop

from vernetzt.audit.models import AuditEntry

# Recorded in the writer's language; the history shows it in the reader's (audit.display).
PUBLIC_ACTOR = gettext_noop("public (not logged in)")


class SystemActor:
    """A non-person acting: a management command or a scheduled job, named in the trail."""

    is_authenticated = False

    def __init__(self, label):
        self.label = label


def actor_label(actor):
    if isinstance(actor, SystemActor):
        return actor.label
    if actor is None or not getattr(actor, "is_authenticated", False):
        return gettext(PUBLIC_ACTOR)
    return actor.get_username()


def record(*, actor, action, obj, changes=None, note=""):
    """Write one audit entry for ``obj``; ``changes`` maps field → [old, new]."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        note=str(note),
    )


def record_many(*, actor, action, objects, note=""):
    """One entry per object, in bulk (imports write thousands)."""
    label = actor_label(actor)
    user = actor if getattr(actor, "is_authenticated", False) else None
    entries = [
        AuditEntry(
            actor=user,
            actor_label=label,
            action=action,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            changes=changes,
            note=str(note),
        )
        for obj, changes in objects
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=500)


def plain(value):
    """A value as the audit trail stores it (names for objects, sorted names for lists)."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return sorted(str(item) for item in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def snapshot(obj, fields):
    """The auditable state of ``obj``: plain values, many-to-many fields as sorted names."""
    state = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            state[name] = plain(list(getattr(obj, name).all())) if obj.pk else []
        else:
            state[name] = plain(getattr(obj, name))
    return state


def _same(old, new):
    """Equal values, counting every kind of nothing (None, "", []) as the same nothing."""
    empty = (None, "", [])
    return old == new or (old in empty and new in empty)


def diff(before, after):
    """Field → [old, new] for every field whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if not _same(before.get(name), value)
    }


REDACTED = "[redacted]"


def redact_history(*, obj, fields, label):
    """Blank the recorded values of personal ``fields`` in ``obj``'s trail (GDPR erasure).

    What was changed, by whom and when stays; the personal values themselves go.
    """
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    )
    for entry in entries:
        entry.changes = {
            name: [REDACTED, REDACTED] if name in fields else values
            for name, values in entry.changes.items()
        }
        entry.object_repr = label
        entry.save(update_fields=["changes", "object_repr"])
