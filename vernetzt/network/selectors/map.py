"""Reads of the network map and its table: who is in it for whom, and the filters.

Two audiences, so that the map's data and layout can be cached whole:
- the office (council and staff): every verified organisation, public or internal
  (``Organisation.objects.visible_to``), and every cooperation (``network.rules``);
- everyone else, editors included: ``Organisation.objects.publicly_visible()`` and the
  public cooperations (``rules.visible_cooperations(None)``). An editor's own internal
  cooperations are on their organisation's page, not on the shared map.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vernetzt.core.roles import is_council_or_staff
from vernetzt.directory.models import (
    Community,
    District,
    FieldOfAction,
    Organisation,
    OrganisationType,
)
from vernetzt.network import rules
from vernetzt.network.models import Cooperation

PUBLIC = "public"
OFFICE = "office"
SLUG_LIMIT = 80
QUERY_LIMIT = 100
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

# The organisation filters: parameter → (managed list, the organisation's field).
TERM_FILTERS = {
    "field": (FieldOfAction, "fields", _("Field of action")),
    "district": (District, "districts", _("District")),
    "community": (Community, "communities", _("Community")),
    "type": (OrganisationType, "type", _("Type of organisation")),
}


def audience_of(user):
    return OFFICE if user is not None and is_council_or_staff(user) else PUBLIC


def organisations_for(audience):
    if audience == OFFICE:
        return Organisation.objects.filter(status=Organisation.Status.VERIFIED)
    return Organisation.objects.publicly_visible()


def cooperations_for(audience):
    """Every cooperation the audience may see (any status: the filters narrow it)."""
    if audience == OFFICE:
        return Cooperation.objects.all()
    return rules.visible_cooperations(None)


def statuses_for(audience):
    """The statuses one may filter by; the map shows the shown ones without a choice."""
    if audience == OFFICE:
        return list(Cooperation.Status.choices)
    return [
        (value, label)
        for value, label in Cooperation.Status.choices
        if value in Cooperation.SHOWN_STATUSES
    ]


@dataclass(frozen=True)
class MapFilters:
    field: str = ""
    district: str = ""
    community: str = ""
    type: str = ""
    kind: str = ""
    status: str = ""
    as_of: date | None = None
    query: str = ""

    def key(self):
        """A stable text of the filters for cache keys (the search text is not part of the map)."""
        return "|".join(
            [
                self.field,
                self.district,
                self.community,
                self.type,
                self.kind,
                self.status,
                self.as_of.isoformat() if self.as_of else "",
            ]
        )

    def params(self):
        """The filters as query parameters (for links between the map and the table)."""
        values = {
            name: getattr(self, name)
            for name in ("field", "district", "community", "type", "kind", "status")
        }
        values["as_of"] = self.as_of.isoformat() if self.as_of else ""
        return {name: value for name, value in values.items() if value}

    @property
    def any(self):
        return bool(self.key().strip("|"))


def _clean_slug(value):
    value = (value or "").strip()[:SLUG_LIMIT]
    return value if value and all(c.isalnum() or c in "-_" for c in value) else ""


def parse_filters(params, *, audience):
    """Filters from a query string; unknown or malformed values are dropped, never an error."""
    values = {name: _clean_slug(params.get(name)) for name in TERM_FILTERS}
    kind = params.get("kind", "")
    status = params.get("status", "")
    allowed_statuses = {value for value, _label in statuses_for(audience)}
    as_of = None
    text = (params.get("as_of") or "").strip()[:10]
    try:
        as_of = date.fromisoformat(text) if text else None
    except ValueError:
        as_of = None
    if as_of is not None and not EARLIEST <= as_of <= LATEST:
        as_of = None
    query = " ".join("".join(c for c in (params.get("q") or "") if c.isprintable()).split())
    return MapFilters(
        **values,
        kind=kind if kind in Cooperation.Kind.values else "",
        status=status if status in allowed_statuses else "",
        as_of=as_of,
        query=query[:QUERY_LIMIT],
    )


def filtered_organisations(audience, filters):
    queryset = organisations_for(audience)
    for name, (_model, field_name, _label) in TERM_FILTERS.items():
        value = getattr(filters, name)
        if value:
            queryset = queryset.filter(**{f"{field_name}__slug": value})
    return queryset.distinct() if any(getattr(filters, n) for n in TERM_FILTERS) else queryset


def filtered_cooperations(audience, filters):
    """The cooperations drawn: of the chosen kind and status (without a status: agreed, active
    and ended ones), and with a date, those in force on that day."""
    queryset = cooperations_for(audience)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    else:
        queryset = queryset.filter(status__in=Cooperation.SHOWN_STATUSES)
    if filters.as_of:
        # As the network was that day: begun by then and not yet ended. An ended cooperation
        # counts by its dates (current_on asks for agreed or active ones, i.e. today's view).
        day = filters.as_of
        queryset = queryset.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )
    return queryset


def filter_choices(audience):
    """For the filter form: per managed list (value, label) in the list's order."""
    choices = {
        name: [(term.slug, term.label) for term in model.objects.filter(is_active=True)]
        for name, (model, _field, _label) in TERM_FILTERS.items()
    }
    choices["kind"] = list(Cooperation.Kind.choices)
    choices["status"] = statuses_for(audience)
    return choices


def cooperation_rows(audience, filters):
    """The filtered cooperations of the organisations shown (the table's second part)."""
    from vernetzt.network.models import CooperationPartner
    from vernetzt.network.selectors.cooperations import with_partners

    queryset = filtered_cooperations(audience, filters)
    if any(getattr(filters, name) for name in TERM_FILTERS):
        queryset = queryset.filter(
            pk__in=CooperationPartner.objects.filter(
                organisation__in=filtered_organisations(audience, filters).values("pk")
            ).values("cooperation_id")
        )
    return with_partners(queryset.order_by("-start_date", "title", "pk"))
