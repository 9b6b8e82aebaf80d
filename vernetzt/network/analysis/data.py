"""The network as plain data for the analysis: organisations, their terms, ties, cooperation
dates, needs and offers. Read with a handful of ``values_list`` queries (no model objects), so
10,000 organisations and 100,000 cooperations load in about a second.

Which data counts (the rules the pages explain):
- organisations: every verified one, public or internal (the office's view);
- a tie: two organisations are partners (neither declined) of a cooperation that is agreed or
  active (in force or not yet begun; ended cooperations are past ties); a cooperation of
  several partners ties each pair;
- growth: cooperations that were agreed, active or ended, by start date (else the day they
  were entered);
- needs and offers: the current ones (``Need/Offer.objects.current``).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from django.db import connection
from django.db.models import Count
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from vernetzt.directory.models import Need, Offer, Organisation, OrganisationType
from vernetzt.network.models import Cooperation, CooperationPartner

MSO_TYPE_SLUG = "mso"
TIE_STATUSES = (Cooperation.Status.AGREED, Cooperation.Status.ACTIVE)


@dataclass
class NetworkData:
    org_ids: list = field(default_factory=list)
    names: list = field(default_factory=list)
    slugs: list = field(default_factory=list)
    type_ids: list = field(default_factory=list)
    fields: list = field(default_factory=list)  # per organisation: tuple of field ids
    communities: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    edges: list = field(default_factory=list)  # (i, j) indexes, i < j, each pair once
    cooperation_days: list = field(default_factory=list)  # growth: (day, cooperations begun)
    needs: list = field(default_factory=list)  # (organisation index, category id), current
    offers: list = field(default_factory=list)
    mso_type_id: int | None = None

    @property
    def size(self):
        return len(self.org_ids)


def _rows(queryset):
    """The rows of a ``values_list`` of plain numbers, fetched by the cursor itself: no
    per-row conversion (a few times faster for 100,000s of rows)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _terms_by_organisation(through_model, term_column, index):
    grouped = defaultdict(list)
    for organisation_id, term_id in _rows(
        through_model.objects.values_list("organisation_id", term_column)
    ):
        position = index.get(organisation_id)
        if position is not None:
            grouped[position].append(term_id)
    return grouped


def load(day=None):
    day = day or timezone.localdate()
    data = NetworkData()
    rows = Organisation.objects.filter(status=Organisation.Status.VERIFIED).values_list(
        "pk", "name", "slug", "type_id"
    )
    for pk, name, slug, type_id in rows.iterator(chunk_size=5000):
        data.org_ids.append(pk)
        data.names.append(name)
        data.slugs.append(slug)
        data.type_ids.append(type_id)
    index = {pk: position for position, pk in enumerate(data.org_ids)}
    data.mso_type_id = (
        OrganisationType.objects.filter(slug=MSO_TYPE_SLUG).values_list("pk", flat=True).first()
    )
    for attribute, name in (
        ("fields", "fieldofaction_id"),
        ("communities", "community_id"),
        ("districts", "district_id"),
    ):
        through = getattr(Organisation, attribute).through
        grouped = _terms_by_organisation(through, name, index)
        setattr(data, attribute, [tuple(sorted(grouped.get(i, ()))) for i in range(data.size)])

    data.edges = _edges(index)
    # Counted per day in the database (a few thousand rows instead of 100,000).
    per_day = (
        Cooperation.objects.filter(status__in=Cooperation.SHOWN_STATUSES)
        .annotate(day=Coalesce("start_date", TruncDate("created_at")))
        .order_by()
        .values("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    data.cooperation_days = list(per_day)
    for model, target in ((Need, data.needs), (Offer, data.offers)):
        for organisation_id, category_id in model.objects.current(day).values_list(
            "organisation_id", "category_id"
        ):
            position = index.get(organisation_id)
            if position is not None:
                target.append((position, category_id))
    return data


def _edges(index):
    members = defaultdict(list)
    rows = (
        CooperationPartner.objects.filter(cooperation__status__in=TIE_STATUSES)
        .exclude(decision=CooperationPartner.Decision.DECLINED)
        .values_list("cooperation_id", "organisation_id")
    )
    for cooperation_id, organisation_id in _rows(rows):
        position = index.get(organisation_id)
        if position is not None:
            members[cooperation_id].append(position)
    pairs = set()
    for positions in members.values():
        if len(positions) == 2:
            a, b = positions
            if a != b:
                pairs.add((a, b) if a < b else (b, a))
        else:
            for a, b in combinations(sorted(set(positions)), 2):
                pairs.add((a, b))
    return sorted(pairs)


def quarter_of(day: date):
    return day.year, (day.month - 1) // 3 + 1
