"""Reads for the body and meeting pages: members, meetings, attachments, attendance and the
action items that stay open from meeting to meeting.

Visibility is the package's one rule (``sees_internal``, ``bodies``, ``meetings``,
``agenda_items``), asked here, never written again. (This module is not called
``selectors/meetings.py``: importing it would replace the package's ``meetings()`` function
with the module.)
"""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Min, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from vernetzt.core.collation import sort_key
from vernetzt.council.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    MeetingAttachment,
    Membership,
)
from vernetzt.council.selectors import agenda_items, bodies, meetings, sees_internal

# Bodies in the order a town presents them, and members in the order of their roles.
KIND_ORDER = [
    Body.Kind.INTEGRATION_COUNCIL,
    Body.Kind.COMMITTEE,
    Body.Kind.STEERING_GROUP,
    Body.Kind.PREPARATION_GROUP,
    Body.Kind.WORKING_GROUP,
    Body.Kind.OTHER,
]
ROLE_ORDER = [
    Membership.Role.CHAIR,
    Membership.Role.DEPUTY,
    Membership.Role.MEMBER,
    Membership.Role.ADVISORY,
    Membership.Role.GUEST,
]


def _rank(field, values):
    return Case(
        *(When(**{field: value}, then=Value(position)) for position, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


# --- bodies --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyGroup:
    kind: str
    label: str
    bodies: list


def body_list(*, user):
    """Bodies ``user`` may see, grouped by kind in the order above, each group by name, each
    with ``next_meeting`` (the start of its next meeting that is not cancelled, or None)."""
    upcoming = Q(meetings__start__gte=timezone.now(), meetings__cancelled=False)
    rows = list(
        bodies(user=user)
        .annotate(
            kind_rank=_rank("kind", KIND_ORDER),
            next_meeting=Min("meetings__start", filter=upcoming),
        )
        .order_by("kind_rank", "name")
    )
    labels = dict(Body.Kind.choices)
    groups = {}
    for body in rows:
        groups.setdefault(body.kind, []).append(body)
    return [BodyGroup(kind, labels.get(kind, kind), members) for kind, members in groups.items()]


def body_for(*, user, pk):
    """The body, or 404 for a body ``user`` may not see (as for one that does not exist)."""
    return get_object_or_404(bodies(user=user), pk=pk)


def may_see_body(user, pk):
    """For the access rule: anyone may open a public body, council and staff every body; a
    body that does not exist is the view's 404."""
    return sees_internal(user) or not Body.objects.filter(pk=pk, is_public=False).exists()


@dataclass(frozen=True)
class Members:
    current: list
    former: list


def members_of(*, body, on=None):
    """The body's memberships: current ones (including those that begin later) by role,
    former ones (ended before ``on``) with the most recently ended first."""
    on = on or timezone.localdate()
    rows = (
        body.memberships.select_related("person", "organisation")
        .annotate(role_rank=_rank("role", ROLE_ORDER))
        .order_by("role_rank", "person__family_name", "person__name", "pk")
    )
    current = [m for m in rows if m.end_date is None or m.end_date >= on]
    former = sorted(
        (m for m in rows if m.end_date is not None and m.end_date < on),
        key=lambda m: m.end_date,
        reverse=True,
    )
    return Members(current=current, former=former)


@dataclass(frozen=True)
class BodyMeetings:
    upcoming: list
    past: list


def meetings_of(*, user, body, now=None, past_limit=50):
    """Upcoming meetings first (soonest first), then past ones (newest first); meetings
    without a date count as past."""
    now = now or timezone.now()
    rows = meetings(user=user, body=body).prefetch_related(None)  # the list needs no agenda
    upcoming = list(rows.filter(start__gte=now).order_by("start", "pk"))
    past = list(
        rows.exclude(start__gte=now).order_by(F("start").desc(nulls_last=True), "-pk")[:past_limit]
    )
    return BodyMeetings(upcoming=upcoming, past=past)


def body_meetings_for_calendar(*, user, body, limit=500):
    """The meetings of an iCal feed: every visible meeting with a date, newest first."""
    return (
        meetings(user=user, body=body)
        .filter(start__isnull=False)
        .order_by("-start")
        .prefetch_related(None)[:limit]
    )


# --- meetings ------------------------------------------------------------------------------


def meeting_for(*, user, pk):
    """The meeting with its body, or 404 for one ``user`` may not see."""
    return get_object_or_404(meetings(user=user).prefetch_related(None), pk=pk)


def may_see_meeting(user, pk):
    """For the access rule: a meeting of an internal body is for council and staff."""
    return sees_internal(user) or not _internal_meeting(pk)


def _internal_meeting(pk):
    return Meeting.objects.filter(pk=pk, body__is_public=False).exists()


def attachments(*, user):
    """Attachments of meetings and agenda items ``user`` may see."""
    rows = MeetingAttachment.objects.filter(meeting__in=meetings(user=user).prefetch_related(None))
    if sees_internal(user):
        return rows
    return rows.filter(is_public=True).filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__in=agenda_items(user=user))
    )


def may_see_attachment(user, pk):
    """For the access rule: a non-public attachment, one of an internal body's meeting or of a
    non-public agenda item is for council and staff."""
    if sees_internal(user):
        return True
    hidden = (
        Q(is_public=False) | Q(meeting__body__is_public=False) | Q(agenda_item__is_public=False)
    )
    return not MeetingAttachment.objects.filter(hidden, pk=pk).exists()


def attachment_for(*, user, pk):
    return get_object_or_404(attachments(user=user).select_related("meeting"), pk=pk)


def action_items(*, user):
    """Action items of meetings ``user`` may see, except those of a hidden agenda item."""
    rows = ActionItem.objects.filter(meeting__in=meetings(user=user).prefetch_related(None))
    if sees_internal(user):
        return rows
    return rows.filter(Q(agenda_item__isnull=True) | Q(agenda_item__in=agenda_items(user=user)))


def _with_people(rows):
    return rows.select_related(
        "meeting", "meeting__body", "agenda_item", "responsible_person", "responsible_organisation"
    )


def _due_first(rows):
    return rows.order_by(F("due_date").asc(nulls_last=True), "meeting__start", "pk")


def open_action_items(*, user, body=None, overdue_on=None):
    """Action items not yet done that ``user`` may see, the soonest due first; of one
    ``body`` only, or only those due before the date ``overdue_on`` (the overdue ones)."""
    rows = action_items(user=user).filter(done=False)
    if body is not None:
        rows = rows.filter(meeting__body=body)
    if overdue_on is not None:
        rows = rows.filter(due_date__lt=overdue_on)
    return _due_first(_with_people(rows))


def carried_over(*, user, meeting):
    """Action items from earlier meetings of the same body that were still open when
    ``meeting`` began: those not done, and those done only after it (shown as done since)."""
    if meeting.body_id is None or meeting.start is None:
        return ActionItem.objects.none()
    rows = action_items(user=user).filter(
        meeting__body_id=meeting.body_id, meeting__start__lt=meeting.start
    )
    rows = rows.filter(Q(done=False) | Q(done_at__gte=meeting.start))
    return _due_first(_with_people(rows))


@dataclass(frozen=True)
class MeetingPage:
    meeting: object
    public_items: list
    non_public_items: list
    attachments: list  # of the meeting itself, not of an agenda item
    attendance: list  # (status label, attendances) present, excused, absent
    action_items: list  # agreed at this meeting
    carried_over: list  # open from earlier meetings


def meeting_page(*, user, meeting):
    """Everything the meeting page shows, in a fixed number of queries."""
    visible_attachments = attachments(user=user).filter(meeting=meeting).order_by("title", "pk")
    visible_actions = _with_people(action_items(user=user).filter(meeting=meeting)).order_by(
        F("due_date").asc(nulls_last=True), "pk"
    )
    items = list(
        agenda_items(user=user)
        .filter(meeting=meeting)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=visible_attachments.filter(agenda_item__isnull=False),
                to_attr="visible_attachments",
            ),
            Prefetch("action_items", queryset=visible_actions, to_attr="visible_action_items"),
        )
    )
    rows = Attendance.objects.filter(meeting=meeting).select_related("person")
    by_status = {}
    for row in sorted(
        rows, key=lambda row: sort_key(f"{row.person.family_name} {row.person.name}")
    ):
        by_status.setdefault(row.status, []).append(row)
    attendance = [
        (label, by_status[status])
        for status, label in Attendance.Status.choices
        if status in by_status
    ]
    return MeetingPage(
        meeting=meeting,
        public_items=[item for item in items if item.is_public],
        non_public_items=[item for item in items if not item.is_public],
        attachments=list(visible_attachments.filter(agenda_item__isnull=True)),
        attendance=attendance,
        action_items=list(visible_actions),
        carried_over=list(carried_over(user=user, meeting=meeting)),
    )


def attendance_members(*, meeting):
    """Whom the attendance form lists: the body's members on the day of the meeting, and
    anyone already recorded (a guest, a member since left), each once, by name."""
    day = timezone.localdate(meeting.start) if meeting.start else timezone.localdate()
    persons = {}
    if meeting.body_id:
        rows = (
            meeting.body.memberships.select_related("person")
            .exclude(start_date__gt=day)
            .exclude(end_date__lt=day)
        )
        for membership in rows:
            persons.setdefault(membership.person_id, membership.person)
    for row in Attendance.objects.filter(meeting=meeting).select_related("person"):
        persons.setdefault(row.person_id, row.person)
    return sorted(persons.values(), key=lambda p: sort_key(f"{p.family_name} {p.name}"))


def agenda_item_for(*, meeting, pk):
    return get_object_or_404(AgendaItem.objects.filter(meeting=meeting), pk=pk)


def action_item_for(*, user, pk):
    return get_object_or_404(_with_people(action_items(user=user)), pk=pk)
