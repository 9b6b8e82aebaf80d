"""Reads for needs ↔ offers matching: the market of current needs and offers as plain data,
and the questions the pages, the API and ``manage.py recommend`` ask of it.

Two scopes, each rule defined once (``scope_for``):

- ``OFFICE``: every verified organisation, public or internal (staff, council, the command);
- ``PUBLIC``: the publicly visible organisations only (everyone else, the API for the public).

An editor's own organisation takes part in its matches even when it is not (yet) public:
``matches_of_organisation`` adds its needs and offers to the market of what the editor sees.

The market is loaded with a few queries of plain values (no model instances) and kept in this
process for the data it was built from: the directory revision (moved by every directory write,
``directory/derived``) and a fingerprint of the needs, offers and organisations (count and last
change), so a write that bypasses the services (tests, the shell) is seen too. At 10,000
organisations building it takes about a second; every question after that is answered in
milliseconds.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import Count, Max
from django.utils import timezone

from vernetzt.core.roles import is_council_or_staff
from vernetzt.directory import cache as directory_cache
from vernetzt.directory.models import (
    Category,
    Community,
    District,
    FieldOfAction,
    Need,
    Offer,
    Organisation,
    current_on,
)
from vernetzt.network.matching import GOOD_MATCH, Entry, Market
from vernetzt.network.matching import Organisation as OrganisationData
from vernetzt.network.matching.reasons import NEED, OFFER, Labels, render_all
from vernetzt.network.matching.text import concept_terms

OFFICE, PUBLIC = "office", "public"
# Categories whose subject is language: a need's languages count twice there.
LANGUAGE_CATEGORY_SLUGS = ("interpreting",)
KEPT_MARKETS = 4
MAX_LIMIT = 50

_markets = OrderedDict()
_lock = threading.Lock()


def scope_for(user):
    """What a user's matches may show: the office's every verified organisation for council
    and staff, else the publicly visible ones (the directory's ``visible_to`` rule, minus the
    editor's own organisations, which ``matches_of_organisation`` adds where they belong)."""
    if user is not None and is_council_or_staff(user):
        return OFFICE
    return PUBLIC


def organisations_in(scope):
    verified = Organisation.objects.filter(status=Organisation.Status.VERIFIED)
    return verified.publicly_visible() if scope == PUBLIC else verified


# --- Loading ---------------------------------------------------------------------------------


def _fingerprint(day):
    parts = []
    for model in (Need, Offer, Organisation):
        summary = model.objects.aggregate(
            count=Count("pk"), changed=Max("updated_at"), last=Max("pk")
        )
        parts.append((summary["count"], summary["changed"], summary["last"]))
    return (directory_cache.revision(), tuple(parts), day)


def _many(through, owner, target, owners):
    """owner id → frozenset of target values, from a many-to-many table."""
    found = {}
    rows = through.objects.filter(**{f"{owner}__in": owners}).values_list(f"{owner}_id", target)
    for pk, value in rows:
        found.setdefault(pk, set()).add(value)
    return {pk: frozenset(values) for pk, values in found.items()}


def _organisations(queryset):
    ids = queryset.values("pk")
    rows = list(queryset.values_list("pk", "name", "slug"))
    fields = _many(Organisation.fields.through, "organisation", "fieldofaction_id", ids)
    communities = _many(Organisation.communities.through, "organisation", "community_id", ids)
    districts = _many(Organisation.districts.through, "organisation", "district_id", ids)
    languages = _many(Organisation.languages.through, "organisation", "language__code", ids)
    empty = frozenset()
    return {
        pk: OrganisationData(
            id=pk,
            name=name,
            slug=slug,
            fields=fields.get(pk, empty),
            communities=communities.get(pk, empty),
            districts=districts.get(pk, empty),
            languages=languages.get(pk, empty),
        )
        for pk, name, slug in rows
    }


def _entries(model, queryset):
    owner = model._meta.model_name
    ids = queryset.values("pk")
    languages = _many(model.languages.through, owner, "language__code", ids)
    districts = _many(model.districts.through, owner, "district_id", ids)
    empty = frozenset()
    return [
        Entry(
            id=pk,
            organisation_id=organisation_id,
            category_id=category_id,
            title=title,
            description=description,
            languages=languages.get(pk, empty),
            districts=districts.get(pk, empty),
            valid_from=valid_from,
            valid_until=valid_until,
        )
        for pk, organisation_id, category_id, title, description, valid_from, valid_until in (
            queryset.values_list(
                "pk",
                "organisation_id",
                "category_id",
                "title",
                "description",
                "valid_from",
                "valid_until",
            )
        )
    ]


def _concepts():
    """The managed lists' names, translations and synonyms as concept terms."""
    groups = {}
    for prefix, model in (("c", Category), ("f", FieldOfAction), ("k", Community)):
        for pk, name, translations, synonyms in model.objects.values_list(
            "pk", "name", "translations", "synonyms"
        ):
            names = [name, *(translations or {}).values(), *synonyms.split(",")]
            groups[f"~{prefix}{pk}"] = [value.strip() for value in names if value.strip()]
    return concept_terms(groups)


def _build(scope, day):
    organisations = organisations_in(scope)
    current = current_on(day)
    return Market(
        needs=_entries(
            Need, Need.objects.filter(current, organisation__in=organisations.values("pk"))
        ),
        offers=_entries(
            Offer, Offer.objects.filter(current, organisation__in=organisations.values("pk"))
        ),
        organisations=_organisations(organisations),
        day=day,
        concepts=_concepts(),
        language_categories=Category.objects.filter(slug__in=LANGUAGE_CATEGORY_SLUGS).values_list(
            "pk", flat=True
        ),
    )


def market(scope=OFFICE, *, day=None):
    """The market of ``scope`` today (or ``day``), built once per change of the data."""
    day = day or timezone.localdate()
    alias = router.db_for_read(Need)
    key = (connections[alias].settings_dict.get("NAME"), scope, _fingerprint(day))
    with _lock:
        found = _markets.get(key)
        if found is not None:
            _markets.move_to_end(key)
            return found
    built = _build(scope, day)
    with _lock:
        _markets[key] = built
        while len(_markets) > KEPT_MARKETS:
            _markets.popitem(last=False)
    return built


def forget_markets():
    with _lock:
        _markets.clear()


# --- Labels and rows ---------------------------------------------------------------------------


def labels():
    """Names of the managed lists' entries in the active language, for the reasons."""
    return Labels(
        categories={term.pk: term.label for term in Category.objects.all()},
        districts={term.pk: term.label for term in District.objects.all()},
        fields={term.pk: term.label for term in FieldOfAction.objects.all()},
        communities={term.pk: term.label for term in Community.objects.all()},
    )


@dataclass
class Side:
    """A need or an offer as the pages and the JSON show it."""

    id: int
    kind: str  # "need" / "offer"
    title: str
    description: str
    organisation_id: int
    organisation: str
    organisation_slug: str
    category_id: int
    category: str
    languages: list
    districts: list
    valid_from: object
    valid_until: object


@dataclass
class Row:
    """One match as shown: the other side, its score and reasons in words."""

    need: Side
    offer: Side
    score: float
    reasons: list = field(default_factory=list)

    @property
    def is_good(self):
        return self.score >= GOOD_MATCH


def _side(entry, kind, the_market, names):
    from vernetzt.directory.languages import language_name

    organisation = the_market.organisations.get(entry.organisation_id)
    return Side(
        id=entry.id,
        kind=kind,
        title=entry.title,
        description=entry.description,
        organisation_id=entry.organisation_id,
        organisation=organisation.name if organisation else "",
        organisation_slug=organisation.slug if organisation else "",
        category_id=entry.category_id,
        category=str(names.categories.get(entry.category_id, "")),
        languages=sorted(language_name(code, fallback=code) for code in entry.languages),
        districts=sorted(str(names.districts.get(pk, pk)) for pk in entry.districts),
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
    )


def _rows(matches, the_market, names, perspective=NEED):
    return [
        Row(
            need=_side(match.need, "need", the_market, names),
            offer=_side(match.offer, "offer", the_market, names),
            score=match.score,
            reasons=render_all(match.reasons, names, perspective=perspective),
        )
        for match in matches
    ]


# --- Questions ---------------------------------------------------------------------------------


def recommendations(*, scope=OFFICE, need_id=None, limit=10, day=None, start=0, count=None):
    """[(need side, [rows])] for every current need of ``scope`` (or the one ``need_id``),
    each with its best offers; ``manage.py recommend`` and the API (a page: ``start``,
    ``count``, by need id) print them."""
    the_market = market(scope, day=day)
    names = labels()
    if need_id is not None:
        need_ids = [need_id] if need_id in the_market.needs else []
    else:
        need_ids = sorted(the_market.needs)[start : None if count is None else start + count]
    result = []
    for pk in need_ids:
        matches = the_market.offers_for(pk, limit=limit)
        result.append(
            (
                _side(the_market.needs[pk], "need", the_market, names),
                _rows(matches, the_market, names),
            )
        )
    return result


def _with_organisation(the_market, organisation, day):
    """The market, or for an organisation outside it (internal, not yet verified) a market of
    its needs and offers beside those of the market (built for this one page)."""
    if organisation.pk in the_market.organisations:
        return the_market
    extra = _organisations(Organisation.objects.filter(pk=organisation.pk))
    current = current_on(day)
    needs = _entries(Need, Need.objects.filter(current, organisation=organisation))
    offers = _entries(Offer, Offer.objects.filter(current, organisation=organisation))
    return Market(
        needs=[*the_market.needs.values(), *needs],
        offers=[*the_market.offers.values(), *offers],
        organisations={**the_market.organisations, **extra},
        day=day,
        concepts=_concepts(),
        language_categories=the_market.language_categories,
    )


@dataclass
class OrganisationMatches:
    needs: list  # [(need side, [rows])]
    offers: list  # [(offer side, [rows])]: the needs each offer could serve


def matches_of_organisation(*, organisation, user, limit=5, day=None):
    """For an organisation's page: each current need with its best offers, and each current
    offer with the needs it could serve, within what ``user`` may see."""
    day = day or timezone.localdate()
    the_market = _with_organisation(market(scope_for(user), day=day), organisation, day)
    names = labels()
    needs = [
        (
            _side(need, "need", the_market, names),
            _rows(the_market.offers_for(need.id, limit=limit), the_market, names),
        )
        for need in sorted(the_market.needs.values(), key=lambda entry: (entry.title, entry.id))
        if need.organisation_id == organisation.pk
    ]
    offers = [
        (
            _side(offer, "offer", the_market, names),
            _rows(the_market.needs_for(offer.id, limit=limit), the_market, names, OFFER),
        )
        for offer in sorted(the_market.offers.values(), key=lambda entry: (entry.title, entry.id))
        if offer.organisation_id == organisation.pk
    ]
    return OrganisationMatches(needs=needs, offers=offers)


def match_of(*, organisation, user, need_id, offer_id, day=None):
    """The one pair a contact request is about, if it is a match the user may see: the need of
    ``organisation`` (or the offer, when ``organisation`` offers) and the other side."""
    day = day or timezone.localdate()
    the_market = _with_organisation(market(scope_for(user), day=day), organisation, day)
    need, offer = the_market.needs.get(need_id), the_market.offers.get(offer_id)
    if (
        need is None
        or offer is None
        or organisation.pk not in (need.organisation_id, offer.organisation_id)
    ):
        return None
    score = the_market.score(need_id, offer_id)
    if score is None:
        return None
    names = labels()
    return Row(
        need=_side(need, "need", the_market, names),
        offer=_side(offer, "offer", the_market, names),
        score=round(score, 2),
    )


@dataclass
class OfficeOverview:
    rows: list  # [(need side, best row or None)]
    gaps: list  # the same for needs without a good match
    threshold: float = GOOD_MATCH


def office_overview(*, category=None, district=None, day=None):
    """Every current need of a verified organisation with its best offer, and the gap list:
    needs whose best offer scores below ``GOOD_MATCH`` (or that have none). ``category`` and
    ``district``: ids to narrow the needs by."""
    the_market = market(OFFICE, day=day)
    names = labels()
    needs = [
        need
        for need in the_market.needs.values()
        if (category is None or need.category_id == category)
        and (district is None or district in need.districts)
    ]
    rows = []
    for need in sorted(needs, key=lambda entry: (entry.category_id, entry.title, entry.id)):
        best = _rows(the_market.offers_for(need.id, limit=1), the_market, names)
        rows.append((_side(need, "need", the_market, names), best[0] if best else None))
    gaps = [(need, best) for need, best in rows if best is None or not best.is_good]
    return OfficeOverview(rows=rows, gaps=gaps)
