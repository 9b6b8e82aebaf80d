"""Reads of the actor directory: who may see which organisation, search with facets, profiles.

Plain functions with keyword-only arguments; views, exports and the API call them. Sections:
visibility, filters, facets, search, profile, API/export. Add new reads in a section of their
own at the end.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.models import AuditEntry
from vernetzt.audit.selectors import history_of, history_of_many
from vernetzt.core.roles import is_council_or_staff
from vernetzt.directory import facet_index, profile, search, terms
from vernetzt.directory.models import (
    Category,
    Community,
    ContactPerson,
    District,
    FieldOfAction,
    Language,
    Need,
    Offer,
    Organisation,
    OrganisationType,
    Visibility,
)

# --- Visibility -------------------------------------------------------------------------------


def _is_privileged(user):
    return user is not None and is_council_or_staff(user)


def public_organisations(*, user, statuses=None):
    """The organisations ``user`` may see in the directory.

    The public sees verified public ones; council and staff also internal ones, verified by
    default or of ``statuses``; editors additionally see the organisations they edit.
    """
    if _is_privileged(user):
        return Organisation.objects.filter(status__in=statuses or [Organisation.Status.VERIFIED])
    visible = Q(status=Organisation.Status.VERIFIED, visibility=Visibility.PUBLIC)
    if user is not None and user.is_authenticated and user.is_active:
        visible |= Q(pk__in=user.edited_organisations.values("pk"))
    return Organisation.objects.filter(visible)


def open_data_organisations():
    """What the open-data API and anonymous visitors see, whoever asks."""
    return Organisation.objects.publicly_visible()


def current_items(model, *, day=None):
    """Needs or offers valid on ``day`` (today by default)."""
    day = day or timezone.localdate()
    return model.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day
    )


# --- Filters ----------------------------------------------------------------------------------

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FILTER = 50


@dataclass(frozen=True)
class DirectoryFilters:
    """The search text and the chosen facet keys, as given in a query string."""

    query: str = ""
    selected: dict = field(default_factory=dict)  # facet parameter → tuple of keys

    @classmethod
    def from_params(cls, params, *, allow_status=False):
        """Read ``q`` and the facet parameters from a QueryDict; unknown keys simply match
        nothing, so no input can fail."""
        names = [facet.param for facet in FACETS] + (["status"] if allow_status else [])
        selected = {}
        for name in names:
            keys = tuple(dict.fromkeys(key.strip() for key in params.getlist(name) if key.strip()))
            if keys:
                selected[name] = keys[:MAX_VALUES_PER_FILTER]
        return cls(query=params.get("q", "").strip()[:MAX_QUERY_LENGTH], selected=selected)

    def keys(self, param):
        return self.selected.get(param, ())

    def to_params(self):
        """(name, value) pairs that reproduce these filters in a query string."""
        pairs = [("q", self.query)] if self.query else []
        for name, keys in self.selected.items():
            pairs.extend((name, key) for key in keys)
        return pairs

    @property
    def is_empty(self):
        return not self.query and not self.selected


# --- Facets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetOption:
    key: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    options: list

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]


@dataclass(frozen=True)
class FacetSpec:
    """One facet: its query parameter, the list it draws from and how it filters.

    ``organisation_side`` leads from an organisation to the terms (unused for needs and offers).
    """

    param: str
    label: str
    model: type
    organisation_side: str = ""
    key_field: str = "slug"
    items: type = None  # Need or Offer: filter and count only currently valid ones

    def organisation_filter(self, keys):
        if self.items is not None:
            chosen = current_items(self.items).filter(**{f"category__{self.key_field}__in": keys})
            return Q(pk__in=chosen.values("organisation_id"))
        lookup = {f"{self.organisation_side}__{self.key_field}__in": keys}
        if self.organisation_side == "type":
            return Q(**lookup)
        # A subquery, not a join: an organisation with two chosen terms stays one result.
        return Q(pk__in=Organisation.objects.filter(**lookup).values("pk"))

    def memberships(self, day):
        """(organisation id, term id) of every organisation and each of its terms; for needs and
        offers, the categories of those valid on ``day``. For the in-memory facet index."""
        if self.items is not None:
            items = current_items(self.items, day=day)
            return items.values_list("organisation_id", "category_id").distinct()
        if self.organisation_side == "type":
            return Organisation.objects.values_list("id", "type_id")
        relation = Organisation._meta.get_field(self.organisation_side)
        return relation.remote_field.through.objects.values_list(
            f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
        )

    def key_of(self, term):
        return getattr(term, self.key_field)

    def lists(self, term):
        """Whether the facet offers ``term``: active ones (languages have no such flag)."""
        return self.model is Language or term.is_active


def _term_order(term):
    if isinstance(term, Language):
        return (term.name, term.pk)
    return (term.sort_order, term.name, term.pk)


FACETS = [
    FacetSpec("type", _("Type"), OrganisationType, "type"),
    FacetSpec("field", _("Field of action"), FieldOfAction, "fields"),
    FacetSpec("community", _("Community served"), Community, "communities"),
    FacetSpec("language", _("Language spoken"), Language, "languages", key_field="code"),
    FacetSpec("district", _("District"), District, "districts"),
    FacetSpec("need", _("Needs"), Category, items=Need),
    FacetSpec("offer", _("Offers"), Category, items=Offer),
]
STATUS_PARAM = "status"


def _counted_terms(spec, counts, catalogue):
    """(term, organisations) of every term the index counted, in the list's order."""
    counted = [
        (term, hits)
        for term_id, hits in counts.items()
        for term in [catalogue.get(spec.model, term_id)]
        if term is not None and spec.lists(term)
    ]
    return sorted(counted, key=lambda pair: _term_order(pair[0]))


def _facet(spec, counted, selected_keys, catalogue):
    known = {spec.key_of(term) for term, _hits in counted}
    missing = [key for key in selected_keys if key not in known]
    if missing:
        # Chosen terms without results stay visible, so they can be removed.
        found = {
            spec.key_of(term): term
            for term in catalogue.terms[spec.model].values()
            if spec.key_of(term) in missing and spec.lists(term)
        }
        counted = sorted(
            counted + [(term, 0) for term in found.values()],
            key=lambda pair: _term_order(pair[0]),
        )
        missing = [key for key in missing if key not in found]
    options = [
        FacetOption(key, term.label, hits, key in selected_keys)
        for term, hits in counted
        for key in [spec.key_of(term)]
    ]
    # A chosen key no list knows (an old link, a typo) stays visible too, as itself.
    options += [FacetOption(key, key, 0, True) for key in missing]
    return Facet(spec.param, spec.label, options)


def _status_facet(counts, selected_keys):
    options = [
        FacetOption(value, label, counts.get(value, 0), value in selected_keys)
        for value, label in Organisation.Status.choices
        if counts.get(value) or value in selected_keys
    ]
    return Facet(STATUS_PARAM, _("Status"), options)


# --- Search -----------------------------------------------------------------------------------


@dataclass
class DirectorySearch:
    """The result of a directory search: the organisations, best first, and the facets."""

    user: object
    filters: DirectoryFilters
    show_status: bool

    def _filtered(self, *, except_param=None):
        """The visible organisations matching the text and every facet but ``except_param``."""
        statuses = None
        if self.show_status:
            statuses = self.filters.keys(STATUS_PARAM) or [Organisation.Status.VERIFIED]
            if except_param == STATUS_PARAM:
                statuses = list(Organisation.Status.values)
        organisations = public_organisations(user=self.user, statuses=statuses)
        organisations = search.filter_matching(
            organisations, self.filters.query, ids=self._text_ids
        )
        for spec in FACETS:
            keys = self.filters.keys(spec.param)
            if keys and spec.param != except_param:
                organisations = organisations.filter(spec.organisation_filter(keys))
        return organisations

    @cached_property
    def _text_ids(self):
        """The text search's ids, matched once for the count and every facet."""
        return search.matched_ids(self.filters.query)

    @cached_property
    def matching(self):
        """The result without ranking: usable as a subquery, for counts and exports."""
        return self._filtered()

    @cached_property
    def organisations(self):
        return search.order_by_relevance(self.matching, self.filters.query)

    @cached_property
    def count(self):
        """The number of results, from the same in-memory pass as the facets."""
        return self._facet_counts[0].matching

    @cached_property
    def facets(self):
        """Each facet counts with every other facet's choice applied, so an option's count says
        how many results choosing it as well would give. Counted in memory (``facet_index``)."""
        counts, catalogue = self._facet_counts
        facets = [
            _facet(
                spec, _counted_terms(spec, counts.terms[spec.param], catalogue),
                self.filters.keys(spec.param), catalogue,
            )
            for spec in FACETS
        ]
        if self.show_status:
            facets.append(_status_facet(counts.statuses, self.filters.keys(STATUS_PARAM)))
        return [facet for facet in facets if facet.options]

    @cached_property
    def _facet_counts(self):
        index = facet_index.facet_index(FACETS)
        catalogue = terms.catalogue(revision=index.revision)
        chosen = {
            spec.param: {
                term.pk for term in catalogue.terms[spec.model].values()
                if spec.key_of(term) in self.filters.keys(spec.param)
            }
            for spec in FACETS
            if self.filters.keys(spec.param)
        }
        statuses = None
        if self.show_status:
            statuses = self.filters.keys(STATUS_PARAM) or [Organisation.Status.VERIFIED]
        counts = facet_index.count(
            index, candidates=self._facet_candidates(index), chosen=chosen, statuses=statuses
        )
        catalogue = terms.complete_catalogue(
            [(spec.model, term_id) for spec in FACETS for term_id in counts.terms[spec.param]],
            revision=index.revision,
        )
        return counts, catalogue

    def _facet_candidates(self, index):
        """Ids of the organisations the reader may see that match the text (any status for
        those who filter by status), as ``public_organisations`` decides."""
        ids = index.status.keys() if self._text_ids is None else self._text_ids
        if self.show_status:
            return [pk for pk in ids if pk in index.status]
        own = set()
        if self.user is not None and self.user.is_authenticated and self.user.is_active:
            own = set(self.user.edited_organisations.values_list("pk", flat=True))
        return [pk for pk in ids if pk in index.public or pk in own]


def search_organisations(*, user, query, filters):
    """Search what ``user`` may see (``user=None``: the public) with ``query`` and ``filters``.

    ``filters`` is a DirectoryFilters (its own ``query`` is replaced by ``query``). Council and
    staff may filter by status.
    """
    show_status = _is_privileged(user)
    filters = DirectoryFilters(query=(query or "").strip(), selected=filters.selected)
    return DirectorySearch(user=user, filters=filters, show_status=show_status)


def with_card_data(organisations):
    """What a result card shows, fetched in a fixed number of queries."""
    return organisations.select_related("type").prefetch_related("fields", "districts")


def with_summary_data(organisations):
    """What the API's list shows, fetched in a fixed number of queries."""
    return with_card_data(organisations).prefetch_related("communities", "languages")


# --- Profile ----------------------------------------------------------------------------------


def _edits(user, slug):
    return bool(
        user is not None
        and user.is_authenticated
        and user.edited_organisations.filter(slug=slug).exists()
    )


def _items_prefetch(model, attr, *, only_current):
    items = current_items(model) if only_current else model.objects.all()
    items = items.select_related("category").prefetch_related("languages", "districts")
    return Prefetch(attr.split("__")[0], queryset=items, to_attr=f"visible_{attr}")


def organisation_profile(*, user, slug):
    """The organisation ``slug`` with everything its page shows, or Http404.

    Everyone sees public contact persons and current needs and offers; council, staff and the
    organisation's editors also internal contacts and past or future needs and offers. The
    attributes it carries are listed in ``profile.organisation_profile``.
    """
    if _is_privileged(user):
        visible = public_organisations(user=user, statuses=list(Organisation.Status.values))
    else:
        visible = public_organisations(user=user)
    sees_internal = _is_privileged(user) or _edits(user, slug)
    return profile.organisation_profile(visible=visible, slug=slug, sees_internal=sees_internal)


# --- API and export ---------------------------------------------------------------------------


def open_data_profile(*, slug):
    """A public organisation with its current needs and offers, or Http404: for the API."""
    organisation = (
        open_data_organisations()
        .filter(slug=slug)
        .select_related("type")
        .prefetch_related(
            "fields",
            "communities",
            "languages",
            "districts",
            _items_prefetch(Need, "needs", only_current=True),
            _items_prefetch(Offer, "offers", only_current=True),
        )
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def taxonomies():
    """Every active managed list, for the API: list name → terms."""
    lists = {
        "types": OrganisationType,
        "fields_of_action": FieldOfAction,
        "communities": Community,
        "districts": District,
        "categories": Category,
    }
    result = {name: list(model.objects.filter(is_active=True)) for name, model in lists.items()}
    result["languages"] = list(Language.objects.all())
    return result



# --- Office and editing ---------------------------------------------------------------------------


def organisations_edited_by(*, user):
    return user.edited_organisations.select_related("type").order_by("name")


def needs_of(*, organisation):
    return organisation.needs.select_related("category").order_by("category__sort_order", "title")


def offers_of(*, organisation):
    return organisation.offers.select_related("category").order_by("category__sort_order", "title")


def contacts_of(*, organisation):
    return organisation.contacts.select_related("consent").order_by("name")


def proposals_awaiting_review():
    """Proposals in the order they arrived: the oldest waited longest."""
    return (
        Organisation.objects.filter(status=Organisation.Status.PROPOSED)
        .select_related("type")
        .prefetch_related("districts")
        .order_by("created_at", "pk")
    )


_LEGAL_SUFFIXES = re.compile(r"\b(e\s*\.?\s*v|ggmbh|gmbh|ug|gbr)\b\.?", re.IGNORECASE)


def comparable_name(name):
    """A name without case, punctuation and legal-form suffixes such as ``e.V.``."""
    name = _LEGAL_SUFFIXES.sub(" ", name.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", name).split())


def _names_similar(first, second, *, same_district):
    if not first or not second:
        return False
    if first == second:
        return True
    first_words, second_words = set(first.split()), set(second.split())
    smaller = min(first_words, second_words, key=len)
    if len(smaller) >= 2 and (first_words <= second_words or second_words <= first_words):
        return True
    # Within one district a near-identical spelling is suspicious enough to show.
    return same_district and SequenceMatcher(None, first, second).ratio() >= 0.85


def possible_duplicates(*, organisations):
    """For each given organisation: other entries with a similar name (``pk`` → list)."""
    districts = defaultdict(set)
    through = Organisation.districts.through.objects.values_list("organisation_id", "district_id")
    for organisation_id, district_id in through:
        districts[organisation_id].add(district_id)
    others = [
        (other, comparable_name(other.name))
        for other in Organisation.objects.only("pk", "name", "slug", "status").order_by("name")
    ]
    duplicates = {}
    for organisation in organisations:
        name = comparable_name(organisation.name)
        duplicates[organisation.pk] = [
            other
            for other, other_name in others
            if other.pk != organisation.pk
            and _names_similar(
                name,
                other_name,
                same_district=bool(districts[organisation.pk] & districts[other.pk]),
            )
        ]
    return duplicates


@dataclass(frozen=True)
class Tally:
    """Counts per entry of a managed list, with the largest count for scaling bars."""

    rows: list
    maximum: int


def _tally(queryset):
    rows = [(term, term.count) for term in queryset if term.is_active or term.count]
    return Tally(rows=rows, maximum=max((count for _term, count in rows), default=0))


def _verified_per_term(model):
    verified = Q(organisation__status=Organisation.Status.VERIFIED)
    return _tally(model.objects.annotate(count=Count("organisation", filter=verified)))


def _current_needs_and_offers_per_category(today):
    def current(relation):
        return Q(**{f"{relation}__valid_from__lte": today}) & (
            Q(**{f"{relation}__valid_until__isnull": True})
            | Q(**{f"{relation}__valid_until__gte": today})
        )

    return Category.objects.annotate(
        need_count=Count("needs", filter=current("needs"), distinct=True),
        offer_count=Count("offers", filter=current("offers"), distinct=True),
    )


def recently_changed_organisations(*, limit=10):
    """The profiles changed last, each with who changed it last according to the audit trail."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-at", "-id")
    return (
        Organisation.objects.select_related("type")
        .annotate(
            last_changed_by=Subquery(entries.values("actor_label")[:1]),
            last_action=Subquery(entries.values("action")[:1]),
        )
        .order_by("-updated_at")[:limit]
    )


def dashboard_figures(*, today=None):
    """Everything the office's overview shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    categories = [
        category
        for category in _current_needs_and_offers_per_category(today)
        if category.is_active or category.need_count or category.offer_count
    ]
    return {
        "verified_count": Organisation.objects.filter(
            status=Organisation.Status.VERIFIED
        ).count(),
        "awaiting_review_count": Organisation.objects.filter(
            status=Organisation.Status.PROPOSED
        ).count(),
        "by_type": _verified_per_term(OrganisationType),
        "by_field": _verified_per_term(FieldOfAction),
        "by_district": _verified_per_term(District),
        "by_community": _verified_per_term(Community),
        "categories": categories,
        "recently_changed": list(recently_changed_organisations()),
    }


def organisation_history(*, organisation, limit=300):
    """The audit trail of an organisation and of its needs, offers and contacts, newest first."""
    entries = [
        *history_of(obj=organisation, limit=limit),
        *history_of_many(model=Need, object_ids=organisation.needs.values_list("pk", flat=True)),
        *history_of_many(model=Offer, object_ids=organisation.offers.values_list("pk", flat=True)),
        *history_of_many(
            model=ContactPerson, object_ids=organisation.contacts.values_list("pk", flat=True)
        ),
    ]
    entries.sort(key=lambda entry: (entry.at, entry.pk), reverse=True)
    return entries[:limit]


def account_matching_email(*, email):
    """The user name of the one active account with ``email``, else an empty string."""
    if not email:
        return ""
    usernames = list(
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True)
        .values_list("username", flat=True)[:2]
    )
    return usernames[0] if len(usernames) == 1 else ""
