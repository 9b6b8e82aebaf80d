"""Writes of cooperations: propose, decide, activate, end, record on behalf, update.

Each function is keyword-only, runs in one transaction, leaves an audit entry
(``vernetzt.audit.services.record``) and, through the directory's derived-data contract
(``organisations_changed``, ``@directory_write``), makes the partners' cached public profile
pages stale once the transaction commits. E-mails go through the task queue after the commit
(``network.notifications``).

The rules of who may do what are asked from ``network.rules``; a refused write raises
``PermissionDenied``, a transition the lifecycle does not allow ``TransitionError``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.services import diff, record, snapshot
from vernetzt.directory.derived import directory_write, organisations_changed
from vernetzt.directory.models import Organisation, Visibility
from vernetzt.directory.services import EditConflict, TransitionError, claim_version
from vernetzt.network import notifications, rules
from vernetzt.network.models import Cooperation, CooperationPartner
from vernetzt.network.revision import network_changed

__all__ = [
    "EditConflict",
    "TransitionError",
    "MAX_PARTNERS",
    "propose",
    "decide",
    "activate",
    "end",
    "record_on_behalf",
    "update",
]

# A cooperation names at most this many organisations (a network membership may be large,
# a form or an import row must not be unbounded).
MAX_PARTNERS = 50
COOPERATION_FIELDS = [
    "title",
    "description",
    "kind",
    "fields",
    "districts",
    "communities",
    "start_date",
    "end_date",
    "visibility",
]
AUDITED_FIELDS = [*COOPERATION_FIELDS, "status", "origin"]


def _partner_ids(cooperation):
    return list(cooperation.partners.values_list("organisation_id", flat=True))


def _changed(cooperation):
    """The partners' profiles (directory revision) and the network's derived data (network
    revision) become stale once the transaction commits."""
    organisations_changed(organisation_ids=_partner_ids(cooperation))
    network_changed()


def _create(
    *,
    actor,
    organisations,
    title,
    kind,
    description,
    origin,
    need,
    offer,
    origin_reference,
    fields,
    districts,
    communities,
    start_date,
    end_date,
    visibility,
    status,
    proposed_by,
):
    organisations = list(dict.fromkeys(organisations))  # each once, order kept
    if len(organisations) < 2:
        raise ValidationError(_("A cooperation needs at least two different organisations."))
    if len(organisations) > MAX_PARTNERS:
        raise ValidationError(
            _("A cooperation names at most %(count)d organisations.") % {"count": MAX_PARTNERS}
        )
    cooperation = Cooperation(
        title=(title or "").strip(),
        description=(description or "").strip(),
        kind=kind,
        origin=origin,
        need=need,
        offer=offer,
        origin_reference=(origin_reference or "").strip(),
        start_date=start_date,
        end_date=end_date,
        visibility=visibility,
        status=status,
        proposed_by=proposed_by,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    cooperation.full_clean(exclude=["fields", "districts", "communities"])
    cooperation.save()
    cooperation.fields.set(fields)
    cooperation.districts.set(districts)
    cooperation.communities.set(communities)
    return cooperation, organisations


@directory_write
def propose(
    *,
    actor,
    proposing_organisation,
    partner_organisations,
    title,
    kind,
    description="",
    origin=Cooperation.Origin.MANUAL,
    need=None,
    offer=None,
    origin_reference="",
    fields=(),
    districts=(),
    communities=(),
    start_date=None,
    end_date=None,
    visibility=Visibility.INTERNAL,
    message="",
):
    """``proposing_organisation`` proposes a cooperation to ``partner_organisations``: its own
    part is confirmed at once (by ``actor``, who must edit it), every other partner's is
    pending, and the other organisations' editors are told by e-mail (with ``message``)."""
    if not rules.may_propose_from(actor, proposing_organisation):
        raise PermissionDenied("only an editor of the proposing organisation may propose")
    partners = [org for org in partner_organisations if org.pk != proposing_organisation.pk]
    unknown = {org.pk for org in partners} - set(
        rules.choosable_partners(actor)
        .filter(pk__in=[org.pk for org in partners])
        .values_list("pk", flat=True)
    )
    if unknown:
        raise ValidationError(_("Only verified organisations can be asked to cooperate."))
    cooperation, organisations = _create(
        actor=actor,
        organisations=[proposing_organisation, *partners],
        title=title,
        kind=kind,
        description=description,
        origin=origin,
        need=need,
        offer=offer,
        origin_reference=origin_reference,
        fields=fields,
        districts=districts,
        communities=communities,
        start_date=start_date,
        end_date=end_date,
        visibility=visibility,
        status=Cooperation.Status.PROPOSED,
        proposed_by=proposing_organisation,
    )
    now = timezone.now()
    CooperationPartner.objects.bulk_create(
        [
            CooperationPartner(
                cooperation=cooperation,
                organisation=proposing_organisation,
                decision=CooperationPartner.Decision.CONFIRMED,
                decided_at=now,
                decided_by=actor,
            ),
            *(CooperationPartner(cooperation=cooperation, organisation=org) for org in partners),
        ]
    )
    record(
        actor=actor,
        action="create",
        obj=cooperation,
        changes={
            **diff({}, snapshot(cooperation, AUDITED_FIELDS)),
            "partners": [None, sorted(str(org) for org in organisations)],
        },
        note=_("proposed by %(organisation)s") % {"organisation": proposing_organisation},
    )
    _changed(cooperation)
    notifications.cooperation_proposed(cooperation, message=(message or "").strip()[:2000])
    return cooperation


def _lock(cooperation):
    """The cooperation as stored, locked for this transaction where the database can."""
    return Cooperation.objects.select_for_update().get(pk=cooperation.pk)


@directory_write
def decide(*, actor, cooperation, organisation, confirm, reason=""):
    """``organisation`` confirms or declines ``cooperation`` (``actor`` edits it). When every
    partner has confirmed, the cooperation is agreed; one decline declines it."""
    if not rules.may_decide(actor, cooperation, organisation):
        raise PermissionDenied("only an editor of a partner with a pending decision may decide")
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise ValidationError(_("The reason is too long (at most 2,000 characters)."))
    current = _lock(cooperation)
    if current.status != Cooperation.Status.PROPOSED:
        raise TransitionError(_("This cooperation is no longer waiting for decisions."))
    partner = CooperationPartner.objects.get(cooperation=current, organisation=organisation)
    partner.decision = (
        CooperationPartner.Decision.CONFIRMED if confirm else CooperationPartner.Decision.DECLINED
    )
    partner.decided_at = timezone.now()
    partner.decided_by = actor
    partner.save(update_fields=["decision", "decided_at", "decided_by"])
    old_status = current.status
    if not confirm:
        current.status = Cooperation.Status.DECLINED
        current.status_reason = reason
    elif not current.partners.exclude(decision=CooperationPartner.Decision.CONFIRMED).exists():
        current.status = Cooperation.Status.AGREED
    current.version += 1
    current.save(update_fields=["status", "status_reason", "version", "updated_at"])
    changes = {f"decision:{organisation}": [CooperationPartner.Decision.PENDING, partner.decision]}
    if current.status != old_status:
        changes["status"] = [old_status, current.status]
    record(actor=actor, action="status", obj=current, changes=changes, note=reason)
    _changed(current)
    notifications.cooperation_decided(
        current, organisation=organisation, confirmed=bool(confirm), reason=reason
    )
    _refresh(cooperation, current)
    return cooperation


def _refresh(cooperation, current):
    for name in ("status", "status_reason", "version", "start_date", "end_date", "updated_at"):
        setattr(cooperation, name, getattr(current, name))


@directory_write
def activate(*, actor, cooperation):
    """An agreed cooperation becomes active (its work has begun); without a start date it
    starts today."""
    if not rules.may_edit(actor, cooperation):
        raise PermissionDenied("only staff and the partners' editors may activate")
    current = _lock(cooperation)
    if current.status != Cooperation.Status.AGREED:
        raise TransitionError(_("Only an agreed cooperation can become active."))
    changes = {"status": [current.status, Cooperation.Status.ACTIVE]}
    current.status = Cooperation.Status.ACTIVE
    if current.start_date is None:
        current.start_date = timezone.localdate()
        changes["start_date"] = [None, str(current.start_date)]
    current.version += 1
    current.save(update_fields=["status", "start_date", "version", "updated_at"])
    record(actor=actor, action="status", obj=current, changes=changes)
    _changed(current)
    _refresh(cooperation, current)
    return cooperation


@directory_write
def end(*, actor, cooperation, reason, end_date=None):
    """An agreed or active cooperation ends, with a reason; its end date becomes ``end_date``
    (today by default) unless it already ended earlier."""
    if not rules.may_edit(actor, cooperation):
        raise PermissionDenied("only staff and the partners' editors may end a cooperation")
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("Please give a reason."))
    if len(reason) > 2000:
        raise ValidationError(_("The reason is too long (at most 2,000 characters)."))
    current = _lock(cooperation)
    if current.status not in rules.RUNNING_STATUSES:
        raise TransitionError(_("Only an agreed or active cooperation can be ended."))
    end_date = end_date or timezone.localdate()
    if current.start_date and end_date < current.start_date:
        raise ValidationError({"end_date": _("The end lies before the start.")})
    changes = {"status": [current.status, Cooperation.Status.ENDED]}
    if current.end_date is None or current.end_date > end_date:
        changes["end_date"] = [current.end_date and str(current.end_date), str(end_date)]
        current.end_date = end_date
    current.status = Cooperation.Status.ENDED
    current.status_reason = reason
    current.version += 1
    current.save(update_fields=["status", "status_reason", "end_date", "version", "updated_at"])
    record(actor=actor, action="status", obj=current, changes=changes, note=reason)
    _changed(current)
    notifications.cooperation_ended(current, actor=actor, reason=reason)
    _refresh(cooperation, current)
    return cooperation


@directory_write
def record_on_behalf(
    *,
    actor,
    organisations,
    title,
    kind,
    status=Cooperation.Status.AGREED,
    description="",
    origin=Cooperation.Origin.MANUAL,
    origin_reference="",
    fields=(),
    districts=(),
    communities=(),
    start_date=None,
    end_date=None,
    visibility=Visibility.INTERNAL,
    note="",
    reason="",
):
    """Staff record a cooperation the organisations already agreed (a paper list, a meeting):
    every partner confirmed by ``actor``, the cooperation agreed, active or (with ``reason``)
    ended at once. No e-mails: the partners told the office themselves."""
    if not rules.may_record_on_behalf(actor):
        raise PermissionDenied("only staff record cooperations on behalf of organisations")
    allowed = {Cooperation.Status.AGREED, Cooperation.Status.ACTIVE, Cooperation.Status.ENDED}
    if status not in allowed:
        raise TransitionError(_("A recorded cooperation is agreed, active or ended."))
    not_verified = [org for org in organisations if org.status != Organisation.Status.VERIFIED]
    if not_verified:
        raise ValidationError(_("Only verified organisations can cooperate."))
    cooperation, organisations = _create(
        actor=actor,
        organisations=organisations,
        title=title,
        kind=kind,
        description=description,
        origin=origin,
        need=None,
        offer=None,
        origin_reference=origin_reference,
        fields=fields,
        districts=districts,
        communities=communities,
        start_date=start_date,
        end_date=end_date,
        visibility=visibility,
        status=status,
        proposed_by=None,
    )
    if status == Cooperation.Status.ENDED:
        cooperation.status_reason = (reason or "").strip()[:2000]
        cooperation.save(update_fields=["status_reason"])
    now = timezone.now()
    CooperationPartner.objects.bulk_create(
        CooperationPartner(
            cooperation=cooperation,
            organisation=org,
            decision=CooperationPartner.Decision.CONFIRMED,
            decided_at=now,
            decided_by=actor,
        )
        for org in organisations
    )
    record(
        actor=actor,
        action="create",
        obj=cooperation,
        changes={
            **diff({}, snapshot(cooperation, AUDITED_FIELDS)),
            "partners": [None, sorted(str(org) for org in organisations)],
        },
        note=note or _("recorded on behalf of the organisations"),
    )
    _changed(cooperation)
    return cooperation


@directory_write
def update(*, actor, cooperation, data, version):
    """Change what a cooperation is (``COOPERATION_FIELDS`` in ``data``), refused with
    ``EditConflict`` when someone saved it since ``version`` was loaded."""
    if not rules.may_edit(actor, cooperation):
        raise PermissionDenied("only staff and the partners' editors may change a cooperation")
    unknown = set(data) - set(COOPERATION_FIELDS)
    if unknown:
        raise ValueError(f"not a field a cooperation's editors change: {sorted(unknown)}")
    if cooperation.status in (Cooperation.Status.DECLINED,):
        raise TransitionError(_("A declined cooperation is not changed any more."))
    claim_version(cooperation, version)
    before = snapshot(cooperation, list(data))
    many = {name for name in data if Cooperation._meta.get_field(name).many_to_many}
    for name, value in data.items():
        if name not in many:
            setattr(cooperation, name, value.strip() if isinstance(value, str) else value)
    cooperation.full_clean(exclude=["fields", "districts", "communities"])
    cooperation.save()
    for name in many:
        getattr(cooperation, name).set(data[name])
    changes = diff(before, snapshot(cooperation, list(data)))
    if changes:
        record(actor=actor, action="update", obj=cooperation, changes=changes)
        _changed(cooperation)
    return cooperation


# --- The admin's writes (audited like every other write; partners' pages become stale) ------


@directory_write
def save_in_admin(*, actor, obj, change, save):
    """``save()`` (the admin's own saving of a cooperation), audited field by field."""
    fields = [name for name in AUDITED_FIELDS if not obj._meta.get_field(name).many_to_many]
    before = snapshot(Cooperation.objects.get(pk=obj.pk), fields) if change else {}
    if change:
        claim_version(obj, None)  # a form loaded before this save must not overwrite it
    save()
    changes = diff(before, snapshot(obj, fields))
    if changes or not change:
        record(actor=actor, action="update" if change else "create", obj=obj, changes=changes)
    _changed(obj)


@directory_write
def save_relations_in_admin(*, actor, obj, change, save):
    """``save()`` (the admin's saving of the many-to-many links), audited."""
    names = ["fields", "districts", "communities"]
    before = snapshot(obj, names) if change else dict.fromkeys(names, [])
    save()
    changes = diff(before, snapshot(obj, names))
    if changes:
        record(actor=actor, action="update", obj=obj, changes=changes)
    _changed(obj)


@directory_write
def delete(*, actor, cooperation, note=""):
    """Delete a cooperation (staff: e.g. entered twice); the audit trail keeps it."""
    if not rules.may_record_on_behalf(actor):
        raise PermissionDenied("only staff delete cooperations")
    partner_ids = _partner_ids(cooperation)
    record(
        actor=actor,
        action="delete",
        obj=cooperation,
        changes=diff(snapshot(cooperation, AUDITED_FIELDS), {}),
        note=note,
    )
    cooperation.delete()
    organisations_changed(organisation_ids=partner_ids)
    network_changed()
