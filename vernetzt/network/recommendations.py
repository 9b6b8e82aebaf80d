"""Partner recommendations: organisations one does not yet cooperate with and plausibly should,
each with its reasons in words.

Candidates come from four sources, each one indexed query (no whole-network load, so one
organisation's recommendations stay well under 100 ms at 10,000 organisations / 100,000
cooperations, ``bench/network/analysis.py``):

- complementary needs and offers: another organisation currently offers a category this one
  currently needs, or needs what it offers;
- shared fields and districts: active in one of its districts, working on one of its fields;
- a bridge: such an organisation is of a type none of its partners is (Kreis Düren's case: a
  youth-work MSO and the Jugendfeuerwehr of its district), or serves a community neither it
  nor its partners serve;
- partners of its partners: cooperating with two or more of them (one only with another
  reason), through cooperations the viewer may see.

Never the organisation itself, never an existing partner (any cooperation it has not
declined, whatever its status, past ones included), never one dismissed for it
(``PartnerDismissal``), and only organisations the viewer may see
(``Organisation.objects.visible_to``; verified ones for the office).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vernetzt.audit.models import AuditEntry
from vernetzt.audit.services import record
from vernetzt.core.roles import is_council_or_staff
from vernetzt.directory.models import (
    Category,
    Community,
    District,
    FieldOfAction,
    Need,
    Offer,
    Organisation,
    OrganisationType,
)
from vernetzt.network.models import Cooperation, CooperationPartner, PartnerDismissal

LIMIT = 10
MAX_LIMIT = 50
# An organisation with more partners than this reaches nearly everyone in two steps: for it,
# partners of partners are no reason.
TWO_STEP_PARTNER_LIMIT = 150
# Candidates scored in full (names, fields, districts, communities loaded), best first by a
# cheap first score.
PRELIMINARY = 150
# Complementary needs and offers from outside one's districts: at most this many, the newest.
TOWN_WIDE = 200
# A partner in more cooperations than this is a hub: its partners are no reason.
HUB_COOPERATIONS = 40
SCORE = {
    "complementary": 3.0,
    "complementary_nearby": 1.0,
    "shared": 1.5,
    "shared_field": 0.5,
    "bridge_type": 1.5,
    "bridge_community": 1.0,
    "common_partner": 1.0,
    "common_partner_cap": 3,
}


@dataclass
class Recommendation:
    organisation: Organisation
    score: float
    reasons: list = field(default_factory=list)


def existing_partner_ids(organisation_id):
    """Organisations it cooperates or cooperated with (any cooperation it has not declined and
    that was not declined): never recommended."""
    cooperations = (
        CooperationPartner.objects.filter(organisation_id=organisation_id)
        .exclude(decision=CooperationPartner.Decision.DECLINED)
        .exclude(cooperation__status=Cooperation.Status.DECLINED)
        .values("cooperation_id")
    )
    return set(
        CooperationPartner.objects.filter(cooperation_id__in=cooperations)
        .exclude(organisation_id=organisation_id)
        .values_list("organisation_id", flat=True)
    )


def _through_ids(relation, organisation_ids, column):
    through = getattr(Organisation, relation).through
    grouped = defaultdict(set)
    for organisation_id, term_id in through.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("organisation_id", column):
        grouped[organisation_id].add(term_id)
    return grouped


def recommendations_for(organisation, *, viewer, limit=LIMIT, day=None):
    """The best ``limit`` recommended partners for ``organisation``, as ``viewer`` may see them,
    best first, each with its reasons (translated in the active language)."""
    day = day or timezone.localdate()
    limit = max(1, min(int(limit), MAX_LIMIT))
    own = organisation.pk
    partners = existing_partner_ids(own)
    dismissed = set(
        PartnerDismissal.objects.filter(organisation_id=own).values_list(
            "recommended_id", flat=True
        )
    )
    excluded = partners | dismissed | {own}

    own_fields = set(organisation.fields.values_list("pk", flat=True))
    own_districts = set(organisation.districts.values_list("pk", flat=True))
    own_communities = set(organisation.communities.values_list("pk", flat=True))
    need_categories = set(
        Need.objects.current(day).filter(organisation_id=own).values_list("category_id", flat=True)
    )
    offer_categories = set(
        Offer.objects.current(day).filter(organisation_id=own).values_list("category_id", flat=True)
    )

    # Candidates, with what made them one.
    offered, offered_near = _complementary(Offer, need_categories, excluded, own_districts, day)
    needed, needed_near = _complementary(Need, offer_categories, excluded, own_districts, day)
    nearby = Counter()  # candidate → fields shared, active in one of our districts
    if own_fields and own_districts:
        fields_through = Organisation.fields.through
        districts_through = Organisation.districts.through
        nearby.update(
            organisation_id
            for organisation_id in fields_through.objects.filter(
                fieldofaction_id__in=own_fields,
                organisation_id__in=districts_through.objects.filter(
                    district_id__in=own_districts
                ).values("organisation_id"),
            ).values_list("organisation_id", flat=True)
            if organisation_id not in excluded
        )
    common = _common_partners(partners, excluded, viewer)

    # A first, cheap score keeps the most promising candidates: in a large town hundreds of
    # organisations offer what one needs, and only the best few are shown.
    def preliminary(candidate):
        score = SCORE["complementary"] * (len(offered[candidate]) + len(needed[candidate]))
        if candidate in offered_near or candidate in needed_near:
            score += SCORE["complementary_nearby"]
        if nearby[candidate]:
            score += SCORE["shared"] + SCORE["shared_field"] * (nearby[candidate] - 1)
        return score + min(len(common.get(candidate, ())), SCORE["common_partner_cap"])

    candidates = set(offered) | set(needed) | set(nearby) | set(common)
    if not candidates:
        return []
    if len(candidates) > PRELIMINARY:
        candidates = set(sorted(candidates, key=lambda c: (-preliminary(c), c))[:PRELIMINARY])
    visible = Organisation.objects.visible_to(viewer).filter(status=Organisation.Status.VERIFIED)
    candidates = set(visible.filter(pk__in=candidates).values_list("pk", flat=True))
    if not candidates:
        return []

    fields = _through_ids("fields", candidates, "fieldofaction_id")
    districts = _through_ids("districts", candidates, "district_id")
    communities = _through_ids("communities", candidates, "community_id")
    types = dict(Organisation.objects.filter(pk__in=candidates).values_list("pk", "type_id"))
    partner_types = set(
        Organisation.objects.filter(pk__in=partners).values_list("type_id", flat=True)
    ) | {organisation.type_id}
    reached = own_communities | set(
        Organisation.communities.through.objects.filter(organisation_id__in=partners).values_list(
            "community_id", flat=True
        )
    )

    scored = []
    for candidate in candidates:
        shared_districts = districts[candidate] & own_districts
        shared_fields = fields[candidate] & own_fields
        score, parts = 0.0, []
        if offered[candidate] or needed[candidate]:
            score += SCORE["complementary"] * (len(offered[candidate]) + len(needed[candidate]))
            if shared_districts or not districts[candidate]:
                score += SCORE["complementary_nearby"]
            parts.append(("complementary", offered[candidate], needed[candidate]))
        if shared_districts and shared_fields:
            score += SCORE["shared"] + SCORE["shared_field"] * (len(shared_fields) - 1)
            parts.append(("shared", shared_fields, shared_districts))
        mutual = common.get(candidate, ())
        if len(mutual) >= 2 or (mutual and parts):
            score += SCORE["common_partner"] * min(len(mutual), SCORE["common_partner_cap"])
            parts.append(("partners", mutual))
        if not parts:
            continue
        if shared_districts or shared_fields:
            if types[candidate] not in partner_types:
                score += SCORE["bridge_type"]
                parts.append(("bridge_type", types[candidate]))
            new_communities = communities[candidate] - reached
            if new_communities:
                score += SCORE["bridge_community"]
                parts.append(("bridge_community", new_communities))
        scored.append((score, candidate, parts))
    scored.sort(key=lambda item: (-item[0], item[1]))
    top = scored[:limit]
    shown = Organisation.objects.select_related("type").in_bulk([c for _s, c, _p in top])
    names = _Names(top)
    return [
        Recommendation(shown[candidate], round(score, 2), names.reasons(parts))
        for score, candidate, parts in top
    ]


def _complementary(model, categories, excluded, own_districts, day):
    """Organisations with a current ``model`` (offers or needs) in ``categories``: candidate →
    those categories, and the candidates active in one of ``own_districts``. Those nearby
    first; from the rest of the town at most ``TOWN_WIDE`` entries, the newest (in a large
    town hundreds offer rooms)."""
    found, near = defaultdict(set), set()
    if not categories:
        return found, near
    rows = (
        model.objects.current(day)
        .filter(category_id__in=categories)
        .exclude(organisation_id__in=excluded)
    )
    if own_districts:
        districts_through = Organisation.districts.through
        nearby_organisations = districts_through.objects.filter(
            district_id__in=own_districts
        ).values("organisation_id")
        for candidate, category in rows.filter(
            organisation_id__in=nearby_organisations
        ).values_list("organisation_id", "category_id"):
            found[candidate].add(category)
            near.add(candidate)
    for candidate, category in rows.order_by("-valid_from", "-pk").values_list(
        "organisation_id", "category_id"
    )[:TOWN_WIDE]:
        found[candidate].add(category)
    return found, near


def _common_partners(partners, excluded, viewer):
    """Candidate → our partners it cooperates with (two steps), through cooperations the viewer
    may see and that were agreed, active or ended."""
    if not partners or len(partners) > TWO_STEP_PARTNER_LIMIT:
        return {}
    # A hub's partners (the integration centre works with hundreds) say little about fit.
    ties = CooperationPartner.objects.filter(organisation_id__in=partners).values("organisation_id")
    hubs = set(
        ties.annotate(count=Count("pk"))
        .filter(count__gt=HUB_COOPERATIONS)
        .values_list("organisation_id", flat=True)
    )
    partners = partners - hubs
    if not partners:
        return {}
    cooperations = Cooperation.objects.filter(status__in=Cooperation.SHOWN_STATUSES)
    if viewer is None or not is_council_or_staff(viewer):
        cooperations = cooperations.publicly_visible()
    rows = (
        CooperationPartner.objects.filter(
            cooperation__in=cooperations.filter(partners__organisation_id__in=partners),
        )
        .exclude(decision=CooperationPartner.Decision.DECLINED)
        .values_list("cooperation_id", "organisation_id")
    )
    members = defaultdict(set)
    for cooperation_id, organisation_id in rows:
        members[cooperation_id].add(organisation_id)
    common = defaultdict(set)
    for organisations in members.values():
        ours = organisations & partners
        if not ours:
            continue
        for candidate in organisations - excluded:
            common[candidate] |= ours
    return common


class _Names:
    """Puts names on the ids the reasons hold: one query per kind of term."""

    def __init__(self, top):
        wanted = defaultdict(set)
        for _score, _candidate, parts in top:
            for part in parts:
                kind = part[0]
                if kind == "complementary":
                    wanted["category"] |= part[1] | part[2]
                elif kind == "shared":
                    wanted["field"] |= part[1]
                    wanted["district"] |= part[2]
                elif kind == "partners":
                    wanted["organisation"] |= set(part[1])
                elif kind == "bridge_type":
                    wanted["type"].add(part[1])
                elif kind == "bridge_community":
                    wanted["community"] |= part[1]
        self.labels = {
            "category": _labels(Category, wanted["category"]),
            "field": _labels(FieldOfAction, wanted["field"]),
            "district": _labels(District, wanted["district"]),
            "type": _labels(OrganisationType, wanted["type"]),
            "community": _labels(Community, wanted["community"]),
            "organisation": dict(
                Organisation.objects.filter(pk__in=wanted["organisation"]).values_list("pk", "name")
            ),
        }

    def _join(self, kind, ids, most=3):
        names = sorted(self.labels[kind].get(i, "") for i in ids)
        shown = ", ".join(names[:most])
        if len(names) > most:
            shown = _("%(names)s and %(count)s more") % {"names": shown, "count": len(names) - most}
        return shown

    def reasons(self, parts):
        sentences = []
        for part in parts:
            kind = part[0]
            if kind == "complementary":
                if part[1]:
                    sentences.append(
                        _("Offers %(categories)s, which you need.")
                        % {"categories": self._join("category", part[1])}
                    )
                if part[2]:
                    sentences.append(
                        _("Needs %(categories)s, which you offer.")
                        % {"categories": self._join("category", part[2])}
                    )
            elif kind == "shared":
                sentences.append(
                    _("Also works on %(fields)s in %(districts)s.")
                    % {
                        "fields": self._join("field", part[1]),
                        "districts": self._join("district", part[2]),
                    }
                )
            elif kind == "partners":
                count = len(part[1])
                sentences.append(
                    ngettext(
                        "Works with one of your partners: %(names)s.",
                        "Works with %(count)s of your partners: %(names)s.",
                        count,
                    )
                    % {"count": count, "names": self._join("organisation", part[1])}
                )
            elif kind == "bridge_type":
                sentences.append(
                    _(
                        "A bridge to another kind of organisation: %(type)s; none of your "
                        "partners is one."
                    )
                    % {"type": self.labels["type"].get(part[1], "")}
                )
            elif kind == "bridge_community":
                sentences.append(
                    _("A bridge to %(communities)s, which neither you nor your partners serve.")
                    % {"communities": self._join("community", part[1])}
                )
        return sentences


def _labels(model, ids):
    if not ids:
        return {}
    return {term.pk: term.label for term in model.objects.filter(pk__in=ids)}


# --- The one write: dismissing a recommendation ------------------------------------------------


@transaction.atomic
def dismiss(*, actor, organisation, recommended):
    """Remember that ``recommended`` is not to be recommended to ``organisation`` again
    (audited). Dismissing twice changes nothing. The caller has checked that ``actor`` may
    act for ``organisation`` (``network.permissions``)."""
    if recommended.pk == organisation.pk:
        return None
    existing = PartnerDismissal.objects.filter(
        organisation=organisation, recommended=recommended
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            dismissal = PartnerDismissal.objects.create(
                organisation=organisation,
                recommended=recommended,
                dismissed_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:  # dismissed at the same moment by someone else
        return PartnerDismissal.objects.get(organisation=organisation, recommended=recommended)
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=dismissal,
        changes={"recommended": [None, recommended.name]},
        note="partner recommendation dismissed",
    )
    return dismissal


def dismissals_of(organisation):
    """The dismissals of ``organisation``, newest first (for the page's list)."""
    return (
        PartnerDismissal.objects.filter(organisation=organisation)
        .select_related("recommended")
        .order_by("-at")
    )


__all__ = ["Recommendation", "recommendations_for", "dismiss", "existing_partner_ids"]
