"""The directory search: the text, the facets (from ``managed_lists``) and their counts.

Each facet counts in SQL with every other facet's choice applied (one grouped query per facet
over the indexed link tables), so an option's count says how many results choosing it as
well would give.
"""

import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from vernetzt.directory import managed_lists, search
from vernetzt.directory.models import Organisation
from vernetzt.directory.selectors.visibility import is_privileged, public_organisations

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FILTER = 50
STATUS_PARAM = "status"


MAX_KEY_LENGTH = 100  # keys are slugs and language codes


def _printable(value):
    """``value`` without control characters (PostgreSQL refuses NUL in text), trimmed."""
    return "".join(char for char in value if unicodedata.category(char) != "Cc").strip()


@dataclass(frozen=True)
class DirectoryFilters:
    """The search text and the chosen facet keys, as given in a query string."""

    query: str = ""
    selected: dict = field(default_factory=dict)  # facet parameter → tuple of keys

    @classmethod
    def from_params(cls, params, *, allow_status=False):
        """Read ``q`` and the facet parameters from a QueryDict; unknown keys simply match
        nothing, so no input can fail."""
        names = [facet.param for facet in FACETS] + ([STATUS_PARAM] if allow_status else [])
        selected = {}
        for name in names:
            keys = tuple(dict.fromkeys(
                key for key in (_printable(value)[:MAX_KEY_LENGTH] for value in params.getlist(name))
                if key
            ))
            if keys:
                selected[name] = keys[:MAX_VALUES_PER_FILTER]
        return cls(query=_printable(params.get("q", ""))[:MAX_QUERY_LENGTH], selected=selected)

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
    """How one facet of ``managed_lists.FACETS`` filters and counts organisations."""

    definition: managed_lists.FacetDefinition

    param = property(lambda self: self.definition.param)
    label = property(lambda self: self.definition.label)
    model = property(lambda self: self.definition.managed.model)
    key_field = property(lambda self: self.definition.managed.key_field)

    @property
    def items(self):
        return self.definition.items

    def key_of(self, term):
        return self.definition.managed.key_of(term)

    def lists(self, term):
        """Whether the facet offers ``term``: active ones (languages have no such flag)."""
        return self.definition.managed.offers(term)

    def organisation_filter(self, keys):
        if self.items is not None:
            chosen = self.items.objects.current().filter(
                **{f"category__{self.key_field}__in": keys}
            )
            return Q(pk__in=chosen.values("organisation_id"))
        side = self.definition.managed.field
        lookup = {f"{side}__{self.key_field}__in": keys}
        if not self.definition.managed.many:
            return Q(**lookup)
        # A subquery, not a join: an organisation with two chosen terms stays one result.
        return Q(pk__in=Organisation.objects.filter(**lookup).values("pk"))

    def counts(self, organisations):
        """{term id: how many of ``organisations`` have it} (for needs and offers: a current
        one of that category)."""
        if self.items is not None:
            rows = (
                self.items.objects.current()
                .filter(organisation_id__in=organisations.values("pk"))
                .values_list("category_id")
                .annotate(hits=Count("organisation_id", distinct=True))
            )
        elif not self.definition.managed.many:
            rows = organisations.order_by().values_list("type_id").annotate(hits=Count("pk"))
        else:
            relation = managed_lists.organisation_field(self.definition.managed)
            owner = f"{relation.m2m_field_name()}_id"
            term = f"{relation.m2m_reverse_field_name()}_id"
            rows = (
                relation.remote_field.through.objects.filter(
                    **{f"{owner}__in": organisations.values("pk")}
                )
                .values_list(term)
                .annotate(hits=Count(owner))
            )
        return dict(rows.order_by())


FACETS = [FacetSpec(definition) for definition in managed_lists.FACETS]


def _term_order(term):
    if hasattr(term, "sort_order"):
        return (term.sort_order, term.name, term.pk)
    return (term.name, term.pk)


def _facet(spec, counts, selected_keys):
    """The options of a facet: every term with results and every chosen one (a chosen term
    without results stays visible, so it can be removed)."""
    wanted = Q(pk__in=list(counts))
    if selected_keys:
        wanted |= Q(**{f"{spec.key_field}__in": selected_keys})
    terms = sorted(
        (term for term in spec.model.objects.filter(wanted) if spec.lists(term)),
        key=_term_order,
    )
    options = [
        FacetOption(key, term.label, counts.get(term.pk, 0), key in selected_keys)
        for term in terms
        for key in [spec.key_of(term)]
    ]
    # A chosen key no list knows (an old link, a typo) stays visible too, as itself.
    known = {option.key for option in options}
    options += [FacetOption(key, key, 0, True) for key in selected_keys if key not in known]
    return Facet(spec.param, spec.label, options)


def _status_facet(counts, selected_keys):
    options = [
        FacetOption(value, label, counts.get(value, 0), value in selected_keys)
        for value, label in Organisation.Status.choices
        if counts.get(value) or value in selected_keys
    ]
    return Facet(STATUS_PARAM, _("Status"), options)


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
        return self.matching.count()

    @cached_property
    def facets(self):
        facets = [
            _facet(
                spec,
                spec.counts(self._filtered(except_param=spec.param)),
                self.filters.keys(spec.param),
            )
            for spec in FACETS
        ]
        if self.show_status:
            statuses = (
                self._filtered(except_param=STATUS_PARAM).order_by()
                .values_list("status").annotate(hits=Count("pk"))
            )
            facets.append(_status_facet(dict(statuses), self.filters.keys(STATUS_PARAM)))
        return [facet for facet in facets if facet.options]


def search_organisations(*, user, query, filters):
    """Search what ``user`` may see (``user=None``: the public) with ``query`` and ``filters``.

    ``filters`` is a DirectoryFilters (its own ``query`` is replaced by ``query``). Council and
    staff may filter by status.
    """
    filters = DirectoryFilters(query=(query or "").strip(), selected=filters.selected)
    return DirectorySearch(user=user, filters=filters, show_status=is_privileged(user))


def with_card_data(organisations):
    """What a result card shows, fetched in a fixed number of queries."""
    return organisations.select_related("type").prefetch_related(
        managed_lists.FIELDS.field, managed_lists.DISTRICTS.field
    )


def with_summary_data(organisations):
    """What the API's list shows, fetched in a fixed number of queries."""
    return organisations.select_related("type").prefetch_related(*managed_lists.MANY_FIELDS)
