"""Cooperations for the demo town Musterstadt, drawn from one seed and written in bulk.

Realistic in the ways the map and the analysis look at:
- clustered: a partner is most often drawn from the same home district, else from an
  organisation sharing a field of action, rarely from anywhere;
- a few hubs: the Kommunales Integrationszentrum (KI), welfare associations and the
  administration draw many more ties than a sports club; migrant self-organisations (MSOs) far
  fewer (the under-connection Kreis Düren asks about), and some organisations none at all;
- network memberships with three to seven partners around a hub, besides pairs;
- kinds, statuses (proposed, agreed, active, ended with a reason, declined), origins and
  visibility mixed; start dates over 2018-2025, more in later years, so growth per quarter
  shows.

``plan_cooperations`` is pure (plain data in, plans out, no database); ``seed_cooperations``
reads the directory's verified organisations, plans and writes in batches with
``bulk_create`` (100,000 cooperations in about a minute), audited with ``record_many``.
The home district of an organisation is its district with the lowest id (as the map's layout
uses it).
"""

import itertools
import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from vernetzt.audit.services import record_many
from vernetzt.directory.models import Organisation
from vernetzt.network.models import Cooperation, CooperationPartner
from vernetzt.network.revision import network_changed

REFERENCE_DATE = date(2026, 1, 1)  # the directory demo's reference date
FIRST_DATE = date(2018, 1, 1)
AUDIT_NOTE = "demo data: cooperations"
BATCH = 2000
COOPERATIONS_PER_ORGANISATION = 2  # the default size: twice as many cooperations as organisations

# How strongly each type of organisation draws ties (a hub draws many); MSOs are under-connected.
TYPE_PULL = {
    "mso": 0.35,
    "welfare": 6.0,
    "administration": 4.0,
    "religious": 0.8,
    "school": 1.3,
    "kita": 0.9,
    "civil_protection": 1.2,
    "sports": 0.8,
    "culture": 1.0,
    "initiative": 1.1,
    "company": 0.5,
}
KI_PULL = 60.0  # the Kommunales Integrationszentrum: the town's integration hub (not drawn)
# Share of organisations of a type with no tie at all.
ISOLATED = {"mso": 0.25}
ISOLATED_DEFAULT = 0.06

KIND_WEIGHTS = [("punctual", 45), ("lasting", 40), ("network", 15)]
ORIGIN_WEIGHTS = [
    ("manual", 45),
    ("match", 20),
    ("event", 15),
    ("import", 12),
    ("recommendation", 8),
]
TITLE_WORDS = {
    "punctual": [
        "Aktionstag",
        "Workshop",
        "Stadtteilfest",
        "Infoabend",
        "Projektwoche",
        "Ferienprogramm",
        "Fachtag",
    ],
    "lasting": [
        "Kooperation",
        "Partnerschaft",
        "Patenschaftsprogramm",
        "Vereinbarung",
        "Tandemprojekt",
    ],
    "network": ["Netzwerk", "Runder Tisch", "Arbeitskreis", "Stadtteilkonferenz"],
}
ENDED_REASONS = [
    "Projekt abgeschlossen",
    "Förderung ausgelaufen",
    "Ansprechperson gewechselt",
    "Ziel erreicht",
    "Kein Bedarf mehr",
]
DECLINED_REASONS = [
    "Keine Kapazitäten in diesem Jahr",
    "Passt nicht zu unseren Zielen",
    "Anderer Partner gefunden",
]


@dataclass(frozen=True)
class Actor:
    """What the planner needs of an organisation (ids only)."""

    id: int
    type: str  # the organisation type's slug
    name: str
    home: int | None  # a district id
    fields: tuple = ()
    districts: tuple = ()
    communities: tuple = ()


@dataclass
class CooperationPlan:
    title: str
    kind: str
    status: str
    visibility: str
    origin: str
    partners: list  # actor ids, the proposer first
    decisions: list  # one Decision value per partner
    start_date: date | None
    end_date: date | None
    status_reason: str = ""
    fields: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    communities: list = field(default_factory=list)


def default_count(organisations):
    return COOPERATIONS_PER_ORGANISATION * organisations


class _Pool:
    """Actors with cumulative pull weights, to draw from quickly (bisect)."""

    def __init__(self, members, pull):
        self.members = [member for member in members if pull[member.id] > 0]
        self.cumulative = list(itertools.accumulate(pull[member.id] for member in self.members))

    def draw(self, rng):
        if not self.members:
            return None
        return rng.choices(self.members, cum_weights=self.cumulative)[0]


def plan_cooperations(*, seed, actors, count, field_names=None, district_names=None):
    """``count`` cooperation plans among ``actors`` (a list of ``Actor``)."""
    rng = random.Random(f"network-{seed}")
    field_names = field_names or {}
    district_names = district_names or {}
    actors = sorted(actors, key=lambda actor: actor.id)
    if len(actors) < 2 or count < 1:
        return []
    pull = {actor.id: _pull(rng, actor) for actor in actors}
    if sum(1 for value in pull.values() if value > 0) < 2:
        pull = {actor.id: 1.0 for actor in actors}
    everyone = _Pool(actors, pull)
    by_district, by_field = {}, {}
    for actor in actors:
        by_district.setdefault(actor.home, []).append(actor)
        for field_id in actor.fields:
            by_field.setdefault(field_id, []).append(actor)
    district_pools = {key: _Pool(members, pull) for key, members in by_district.items()}
    field_pools = {key: _Pool(members, pull) for key, members in by_field.items()}
    hubs = _Pool(
        [actor for actor in actors if actor.type in {"welfare", "administration"}] or actors,
        pull,
    )

    plans = []
    for _number in range(count):
        kind = _weighted(rng, KIND_WEIGHTS)
        first = hubs.draw(rng) if kind == "network" else everyone.draw(rng)
        size = rng.randint(3, 7) if kind == "network" else (3 if rng.random() < 0.05 else 2)
        partners = [first]
        for _attempt in range(size * 4):
            if len(partners) >= size:
                break
            candidate = _partner_for(rng, first, everyone, district_pools, field_pools)
            if candidate is not None and all(candidate is not chosen for chosen in partners):
                partners.append(candidate)
        if len(partners) < 2:
            continue
        plans.append(_plan(rng, kind, partners, field_names, district_names))
    return plans


def _pull(rng, actor):
    isolated = ISOLATED.get(actor.type, ISOLATED_DEFAULT)
    if actor.type in {"welfare", "administration"}:
        isolated = 0
    if rng.random() < isolated:
        return 0.0
    spread = min(rng.paretovariate(2.2), 8.0)
    if "Integrationszentrum" in actor.name:
        return KI_PULL
    return TYPE_PULL.get(actor.type, 1.0) * spread


def _partner_for(rng, first, everyone, district_pools, field_pools):
    roll = rng.random()
    if roll < 0.55 and first.home in district_pools:
        return district_pools[first.home].draw(rng)
    if roll < 0.85 and first.fields:
        return field_pools[rng.choice(first.fields)].draw(rng)
    return everyone.draw(rng)


def _weighted(rng, pairs):
    values, cumulative = _CUMULATIVE.get(id(pairs)) or _CUMULATIVE.setdefault(
        id(pairs),
        (
            [value for value, _w in pairs],
            list(itertools.accumulate(weight for _v, weight in pairs)),
        ),
    )
    return rng.choices(values, cum_weights=cumulative)[0]


_CUMULATIVE = {}


def _start(rng):
    """Later years more often (density rising linearly to the reference date)."""
    span = (REFERENCE_DATE - FIRST_DATE).days
    return FIRST_DATE + timedelta(days=int(span * math.sqrt(rng.random())))


def _plan(rng, kind, partners, field_names, district_names):
    ids = [partner.id for partner in partners]
    shared = set(partners[0].fields).intersection(*(set(p.fields) for p in partners[1:]))
    fields = sorted(shared) or sorted({f for p in partners for f in p.fields})[:2]
    districts = sorted({p.home for p in partners if p.home is not None})[:3]
    communities = sorted({c for p in partners for c in p.communities})[:3]
    start = _start(rng)
    end = None
    confirmed, pending, declined = "confirmed", "pending", "declined"
    decisions = [confirmed] * len(ids)
    reason = ""
    roll = rng.random()
    if roll < 0.05:
        status = "proposed"
        decisions = [confirmed] + [pending] * (len(ids) - 1)
        start = (
            REFERENCE_DATE + timedelta(days=rng.randint(10, 120)) if rng.random() < 0.7 else None
        )
    elif roll < 0.09:
        status = "declined"
        decisions = [confirmed, declined] + [pending] * (len(ids) - 2)
        reason = rng.choice(DECLINED_REASONS)
    elif roll < 0.12:
        status = "agreed"
        start = REFERENCE_DATE + timedelta(days=rng.randint(5, 150))
    else:
        status = "active"
        if kind == "punctual":
            end = start + timedelta(days=rng.randint(1, 120))
        elif rng.random() < (0.25 if kind == "lasting" else 0.1):
            end = start + timedelta(days=rng.randint(180, 1500))
        if end is not None and end < REFERENCE_DATE:
            status = "ended"
            reason = rng.choice(ENDED_REASONS)
    word = rng.choice(TITLE_WORDS[kind])
    topic = field_names.get(fields[0], "") if fields else ""
    place = district_names.get(partners[0].home, "")
    title = " ".join(part for part in [word, topic, place] if part)[:200]
    return CooperationPlan(
        title=title,
        kind=kind,
        status=status,
        visibility="internal" if rng.random() < 0.12 else "public",
        origin=_weighted(rng, ORIGIN_WEIGHTS),
        partners=ids,
        decisions=decisions,
        start_date=start,
        end_date=end,
        status_reason=reason,
        fields=fields,
        districts=districts,
        communities=communities,
    )


# Writing


def actors_from_directory():
    """The verified organisations (public and internal) as ``Actor``s, in four queries."""
    rows = Organisation.objects.filter(status=Organisation.Status.VERIFIED).values_list(
        "pk", "type__slug", "name"
    )
    links = {}
    for name in ("fields", "districts", "communities"):
        through = Organisation._meta.get_field(name).remote_field.through
        owner = Organisation._meta.get_field(name).m2m_field_name()
        target = Organisation._meta.get_field(name).m2m_reverse_field_name()
        per = {}
        for left, right in through.objects.values_list(f"{owner}_id", f"{target}_id"):
            per.setdefault(left, []).append(right)
        links[name] = per
    return [
        Actor(
            id=pk,
            type=type_slug or "",
            name=name,
            home=min(links["districts"].get(pk, []), default=None),
            fields=tuple(sorted(links["fields"].get(pk, []))),
            districts=tuple(sorted(links["districts"].get(pk, []))),
            communities=tuple(sorted(links["communities"].get(pk, []))),
        )
        for pk, type_slug, name in rows
    ]


def seed_cooperations(*, seed=1, count=None):
    """Plan and write cooperations among the directory's verified organisations; returns how
    many were written. ``count`` defaults to twice the number of organisations."""
    from vernetzt.directory.models import District, FieldOfAction

    actors = actors_from_directory()
    count = default_count(len(actors)) if count is None else count
    plans = plan_cooperations(
        seed=seed,
        actors=actors,
        count=count,
        field_names=dict(FieldOfAction.objects.values_list("pk", "name")),
        district_names=dict(District.objects.values_list("pk", "name")),
    )
    written = 0
    for start in range(0, len(plans), BATCH):
        with transaction.atomic():
            written += len(_write(plans[start : start + BATCH]))
            network_changed()
    return written


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _write(plans):
    rows = Cooperation.objects.bulk_create(
        [
            Cooperation(
                title=plan.title,
                kind=plan.kind,
                status=plan.status,
                visibility=plan.visibility,
                origin=plan.origin,
                start_date=plan.start_date,
                end_date=plan.end_date,
                status_reason=plan.status_reason,
                proposed_by_id=plan.partners[0],
            )
            for plan in plans
        ]
    )
    decided_day = REFERENCE_DATE - timedelta(days=1)
    CooperationPartner.objects.bulk_create(
        [
            CooperationPartner(
                cooperation_id=row.pk,
                organisation_id=organisation_id,
                decision=decision,
                decided_at=None
                if decision == "pending"
                else _moment(min(plan.start_date or decided_day, decided_day)),
            )
            for row, plan in zip(rows, plans, strict=True)
            for organisation_id, decision in zip(plan.partners, plan.decisions, strict=True)
        ],
        batch_size=BATCH,
    )
    for name in ("fields", "districts", "communities"):
        _link(
            name,
            [
                (row.pk, target)
                for row, plan in zip(rows, plans, strict=True)
                for target in getattr(plan, name)
            ],
        )
    record_many(
        actor=None,
        action="create",
        note=AUDIT_NOTE,
        objects=[(row, {"title": [None, row.title], "status": [None, row.status]}) for row in rows],
    )
    return rows


def _link(field_name, pairs):
    model_field = Cooperation._meta.get_field(field_name)
    through = model_field.remote_field.through
    owner, target = model_field.m2m_field_name(), model_field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{owner}_id": left, f"{target}_id": right}) for left, right in pairs],
        batch_size=BATCH,
    )
