"""The registrations: a person's own (by token or account) and the office's lists."""

from django.db.models import Count, Q, Sum
from django.http import Http404

from vernetzt.core.collation import sorted_by
from vernetzt.events.models import Registration

S = Registration.Status
# The groups the office counts answers in: who comes, who waits.
GROUPS = {"coming": Registration.HOLDS_A_PLACE, "waiting": (S.WAITLISTED,)}
MAX_CHECKIN_MATCHES = 30


def registration_by_token(token):
    registration = (
        Registration.objects.select_related("event", "interpreting_language")
        .filter(token=token)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def registrations_of_user(user):
    return (
        Registration.objects.filter(user=user)
        .exclude(status=S.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )


def participants_of(event, *, status=None):
    """Everyone registered (cancelled last), with the names of their answers."""
    queryset = event.registrations.select_related("interpreting_language", "organisation")
    if status:
        queryset = queryset.filter(status=status)
    order = {
        S.CHECKED_IN: 0,
        S.CONFIRMED: 1,
        S.OFFERED: 2,
        S.WAITLISTED: 3,
        S.PENDING: 4,
        S.CANCELLED: 5,
    }
    rows = sorted_by(queryset, lambda registration: registration.name)
    return sorted(rows, key=lambda registration: order[registration.status])


def _per_group(queryset, **aggregates):
    result = {}
    for group, statuses in GROUPS.items():
        result[group] = queryset.filter(status__in=statuses).aggregate(**aggregates)
    return result


def answer_counts(event):
    """What the office plans with, for those coming and those waiting: per status; how many
    need interpreting, per language; childcare and the number of children; food; accessibility."""
    registrations = event.registrations.all()
    by_status = dict(registrations.values_list("status").annotate(n=Count("pk")).order_by())
    totals = _per_group(
        registrations,
        people=Count("pk"),
        interpreting=Count("pk", filter=Q(interpreting_needed=True)),
        childcare=Count("pk", filter=Q(childcare_needed=True)),
        children=Sum("children", filter=Q(childcare_needed=True), default=0),
        accessibility=Count("pk", filter=~Q(accessibility_needs="")),
    )
    languages = {}
    for group, statuses in GROUPS.items():
        rows = (
            registrations.filter(status__in=statuses, interpreting_needed=True)
            .values_list("interpreting_language__code", "interpreting_language__name")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for code, name, count in rows:
            languages.setdefault((code, name), {"coming": 0, "waiting": 0})[group] = count
    dietary = {}
    for group, statuses in GROUPS.items():
        rows = (
            registrations.filter(status__in=statuses)
            .exclude(dietary="")
            .values_list("dietary")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for value, count in rows:
            dietary.setdefault(value, {"coming": 0, "waiting": 0})[group] = count
    from vernetzt.directory.models import Language

    language_rows = [
        {"label": Language(code=code, name=name).label if code else "—", **counts}
        for (code, name), counts in languages.items()
    ]
    dietary_rows = [
        {"label": Registration.Dietary(value).label, **counts} for value, counts in dietary.items()
    ]
    return {
        "by_status": [(status, label, by_status.get(status, 0)) for status, label in S.choices],
        "totals": totals,
        "languages": sorted_by(language_rows, lambda row: row["label"]),
        "dietary": sorted_by(dietary_rows, lambda row: row["label"]),
    }


def checkin_matches(event, query):
    """People with a place (or checked in) whose name or e-mail contains ``query``."""
    queryset = event.registrations.filter(
        status__in=[S.CONFIRMED, S.OFFERED, S.CHECKED_IN]
    ).select_related("interpreting_language")
    query = (query or "").strip()[:100]
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(email__icontains=query))
    rows = sorted_by(queryset[:500], lambda registration: registration.name)
    return rows[:MAX_CHECKIN_MATCHES], len(rows)
