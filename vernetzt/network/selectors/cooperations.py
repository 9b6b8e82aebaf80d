"""Reads of cooperations, within what the reader may see (``network.rules``)."""

from copy import copy
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from vernetzt.core.collation import sort_key
from vernetzt.directory.models import Organisation
from vernetzt.network import rules
from vernetzt.network.models import Cooperation, CooperationPartner


def with_partners(queryset):
    """``queryset`` with what a list or a detail shows: partners (their organisation and who
    decided), fields, districts and communities, in a fixed number of queries."""
    return queryset.select_related("proposed_by", "need", "offer").prefetch_related(
        Prefetch(
            "partners",
            queryset=CooperationPartner.objects.select_related("organisation").order_by(
                "organisation__name"
            ),
        ),
        "fields",
        "districts",
        "communities",
    )


@dataclass
class OrganisationCooperations:
    """An organisation's cooperations as ``user`` may see them, grouped for its pages."""

    current: list = field(default_factory=list)  # agreed or active, not past their end
    proposed: list = field(default_factory=list)  # waiting for decisions (partners' editors)
    past: list = field(default_factory=list)  # ended, or past their end date
    declined: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.current or self.proposed or self.past or self.declined)


def _partners_only(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "partners",
            queryset=CooperationPartner.objects.select_related("organisation").order_by(
                "organisation__name"
            ),
        )
    )


def cooperations_of_many(*, organisations, user, day=None):
    """``cooperations_of`` for several organisations at once (the editor's "my
    organisations"): a dict organisation id → ``OrganisationCooperations``, in two queries
    (one when none has a cooperation) whatever their number."""
    day = day or timezone.localdate()
    ids = [organisation.pk for organisation in organisations]
    groups = {pk: OrganisationCooperations() for pk in ids}
    if not ids:
        return groups
    queryset = rules.visible_cooperations(
        user,
        Cooperation.objects.filter(
            pk__in=CooperationPartner.objects.filter(organisation__in=ids).values("cooperation")
        ),
    )
    cooperations = list(_partners_only(queryset).order_by("-start_date", "-pk"))
    proposed = [c.pk for c in cooperations if c.status == Cooperation.Status.PROPOSED]
    decides = (
        set(
            rules.pending_decisions(user)
            .filter(cooperation__in=proposed)
            .values_list("cooperation_id", "organisation_id")
        )
        if proposed and user is not None
        else set()
    )
    for cooperation in cooperations:
        partners = list(cooperation.partners.all())
        for partner in partners:
            if partner.organisation_id not in groups:
                continue
            # A copy per organisation: each sees the others as its partners.
            seen = copy(cooperation)
            seen.own = partner
            seen.others = [p for p in partners if p.organisation_id != partner.organisation_id]
            seen.may_decide = (cooperation.pk, partner.organisation_id) in decides
            _group(groups[partner.organisation_id], seen, day)
    return groups


def _group(groups, cooperation, day):
    status = cooperation.status
    if status == Cooperation.Status.PROPOSED:
        groups.proposed.append(cooperation)
    elif status == Cooperation.Status.DECLINED:
        groups.declined.append(cooperation)
    elif status == Cooperation.Status.ENDED or (
        cooperation.end_date is not None and cooperation.end_date < day
    ):
        groups.past.append(cooperation)
    else:
        groups.current.append(cooperation)


def cooperations_of(*, organisation, user, day=None):
    """The cooperations of ``organisation`` ``user`` may see (``None``: the public), grouped
    into current, proposed, past and declined; each carries ``others`` (the other partners)
    and ``own`` (the organisation's own part, with its decision)."""
    return cooperations_of_many(organisations=[organisation], user=user, day=day)[organisation.pk]


def detail_of(*, pk, user):
    """One cooperation ``user`` may see, with its partners, or ``None``."""
    return with_partners(rules.visible_cooperations(user).filter(pk=pk)).first()


def partner_links(cooperation, user):
    """For each partner of ``cooperation``: whether ``user`` may open its directory profile
    (an internal organisation is named, never linked, for the public)."""
    visible = set(
        Organisation.objects.visible_to(user)
        .filter(pk__in=[partner.organisation_id for partner in cooperation.partners.all()])
        .values_list("pk", flat=True)
    )
    return {
        partner.organisation_id: partner.organisation_id in visible
        for partner in cooperation.partners.all()
    }


def decisions_for(*, user):
    """The cooperations ``user`` must decide on, each with the partner place(s) pending."""
    pending = list(
        rules.pending_decisions(user)
        .select_related("organisation", "cooperation", "cooperation__proposed_by")
        .order_by("-cooperation__created_at", "organisation__name")
    )
    return pending


def public_list(*, user=None, status=None, kind=None, organisation=None):
    """The cooperations the API lists: visible to ``user``, shown statuses only (agreed,
    active, ended), newest first."""
    queryset = rules.visible_cooperations(user).filter(status__in=Cooperation.SHOWN_STATUSES)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if organisation:
        queryset = queryset.filter(partners__organisation__slug=organisation).distinct()
    return with_partners(queryset).order_by("-start_date", "-pk")


def partner_choices(*, user, exclude=None):
    """(pk, name) of the organisations ``user`` may name as partners, sorted as people read."""
    queryset = rules.choosable_partners(user)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    rows = list(queryset.values_list("pk", "name"))
    return sorted(rows, key=lambda row: sort_key(row[1]))


def office_list(*, status=None, query=""):
    """All cooperations for staff, filtered by status and by a title or partner name."""
    queryset = Cooperation.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    query = (query or "").strip()[:200]
    if query:
        queryset = queryset.filter(
            Q(title__icontains=query) | Q(partners__organisation__name__icontains=query)
        ).distinct()
    return with_partners(queryset).order_by("-created_at")


def with_cooperations(organisations, *, user):
    """``organisations`` as a list, each with ``cooperations`` (``cooperations_of``) for the
    editor's "my organisations" page."""
    organisations = list(organisations)
    groups = cooperations_of_many(organisations=organisations, user=user)
    for organisation in organisations:
        organisation.cooperations = groups[organisation.pk]
    return organisations
