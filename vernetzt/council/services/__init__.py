"""Writes of council work. Each one is atomic and leaves an audit entry.

The OParl import writes in bulk (``council/oparl/``) and records one audit entry per run
(``import_oparl``): a crawl of 17,000 objects does not become 17,000 entries.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from vernetzt.audit.services import diff, record, redact_history, snapshot
from vernetzt.council.models import (
    AgendaItem,
    Body,
    BudgetLine,
    Consultation,
    ImportRun,
    Measure,
    Meeting,
    Membership,
    Paper,
    Person,
)

NOT_AUDITED = {"id", "created", "updated"}


def audited_fields(obj):
    return [field.name for field in obj._meta.concrete_fields if field.name not in NOT_AUDITED]


@transaction.atomic
def save(*, actor, obj):
    """Validate and store ``obj`` (new or changed), recording what changed."""
    obj.full_clean()
    fields = audited_fields(obj)
    if obj.pk is None:
        obj.save()
        record(actor=actor, action="create", obj=obj, changes=diff({}, snapshot(obj, fields)))
        return obj
    before = snapshot(type(obj).objects.get(pk=obj.pk), fields)
    obj.save()
    changes = diff(before, snapshot(obj, fields))
    if changes:
        record(actor=actor, action="update", obj=obj, changes=changes)
    return obj


@transaction.atomic
def delete(*, actor, obj):
    record(actor=actor, action="delete", obj=obj)
    obj.delete()


PERSONAL_PERSON_FIELDS = {"name", "given_name", "family_name", "form_of_address", "title"}


@transaction.atomic
def erase_person(*, actor, person):
    """Delete ``person`` and their memberships, and blank their name everywhere in the audit
    trail (GDPR erasure). An OParl re-import brings back whom the town's system still lists."""
    label = gettext("erased person")
    redact_history(obj=person, fields=PERSONAL_PERSON_FIELDS, label=label)
    person.name = label  # from here on, the entries written name no one
    for membership in person.memberships.select_related("body"):
        membership.person = person
        redact_history(obj=membership, fields={"person"}, label=str(membership))
        record(actor=actor, action="delete", obj=membership)
    record(actor=actor, action="delete", obj=person)
    person.delete()


def create_body(*, actor, name, kind=Body.Kind.OTHER, is_public=True, **fields):
    return save(actor=actor, obj=Body(name=name, kind=kind, is_public=is_public, **fields))


def create_person(*, actor, name, **fields):
    return save(actor=actor, obj=Person(name=name, **fields))


def add_member(*, actor, body, person, role=Membership.Role.MEMBER, **fields):
    """``fields``: organisation (from the directory), start_date, end_date, role_label."""
    return save(actor=actor, obj=Membership(body=body, person=person, role=role, **fields))


def create_meeting(*, actor, body, name, start, **fields):
    return save(actor=actor, obj=Meeting(body=body, name=name, start=start, **fields))


@transaction.atomic
def add_agenda_item(*, actor, meeting, name, is_public=True, number=""):
    """Appends the item to the meeting's agenda."""
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem(
        meeting=meeting, name=name, is_public=is_public, number=number, order=last + 1
    )
    return save(actor=actor, obj=item)


def create_paper(*, actor, reference, name, kind=Paper.Kind.OTHER, **fields):
    return save(actor=actor, obj=Paper(reference=reference, name=name, kind=kind, **fields))


def add_consultation(*, actor, paper, **fields):
    """``fields``: meeting, agenda_item, body, role, authoritative, result."""
    return save(actor=actor, obj=Consultation(paper=paper, **fields))


def record_result(*, actor, consultation, result):
    """The result alone; with the resolution's text and date:
    ``council.services.papers.record_resolution``."""
    from vernetzt.council.services.papers import record_resolution

    return record_resolution(
        actor=actor, paper=consultation.paper, consultation=consultation, result=result
    )


# --- measures and their budgets ------------------------------------------------------


def create_measure(*, actor, title, **fields):
    """``fields``: description, paper (the resolution), responsible_organisation,
    responsible_person, start_date, end_date, is_public. Lists and the automatic followers:
    ``council.services.measures.save_measure``."""
    from vernetzt.council.services.measures import follow_automatically

    measure = save(actor=actor, obj=Measure(title=title, **fields))
    follow_automatically(measure)
    return measure


@transaction.atomic
def change_measure_status(*, actor, measure, status, reason=""):
    """Status with its reason (required for stopped); recorded as a status change."""
    before = {"status": measure.status, "status_reason": measure.status_reason}
    measure.status = status
    measure.status_reason = reason if status == Measure.Status.STOPPED else ""
    measure.full_clean()
    measure.save(update_fields=["status", "status_reason", "updated"])
    after = {"status": measure.status, "status_reason": measure.status_reason}
    changes = diff(before, after)
    record(actor=actor, action="status", obj=measure, changes=changes)
    if changes:
        from vernetzt.council import notifications  # tells the followers after the commit

        notifications.measure_changed(measure, event="status")
    return measure


def add_budget_line(*, actor, measure, kind, amount, date, **fields):
    """``amount`` as ``Decimal`` or text ("5000.00"): a float would carry binary rounding
    into the treasury's numbers, so it is refused."""
    if isinstance(amount, float):
        raise TypeError("budget amounts are Decimal or str, never float")
    line = BudgetLine(measure=measure, kind=kind, amount=Decimal(str(amount)), date=date, **fields)
    return save(actor=actor, obj=line)


# --- OParl import runs ----------------------------------------------------------------


def start_import_run(*, actor, source):
    user = actor if getattr(actor, "is_authenticated", False) else None
    return ImportRun.objects.create(source=source[:1000], started_by=user)


def set_import_stage(*, run, stage):
    run.stage = str(stage)[:100]
    ImportRun.objects.filter(pk=run.pk).update(stage=run.stage)


def finish_import_run(*, actor, run, report, error=""):
    """Store the report and record the run in the audit trail: counts per object type."""
    run.status = ImportRun.Status.FAILED if error else ImportRun.Status.DONE
    run.error = str(error)
    run.report = report.as_dict()
    run.finished = timezone.now()
    run.stage = ""
    with transaction.atomic():
        run.save()
        record(
            actor=actor,
            action="import",
            obj=run,
            changes={name: [None, counts] for name, counts in report.counts.items()},
            note=run.error or f"{run.source}: {report.changes}",
        )
    return run
