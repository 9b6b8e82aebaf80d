from django.contrib.contenttypes.models import ContentType

from vernetzt.audit.models import AuditEntry


def history_of(*, obj, limit=200):
    """The audit trail of one object, newest first."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )


def history_of_many(*, model, object_ids, limit=500):
    """The audit trail of several objects of one model (e.g. an organisation's needs)."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id__in=[str(pk) for pk in object_ids],
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
