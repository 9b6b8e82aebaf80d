"""Possible duplicates: entries whose names are alike, for the office's review of proposals and
for the import. The one duplicate finder.

Candidates are found by index, not by comparing every pair: an organisation stores its
``comparable_name`` (``name_key``) and that name's first word (``name_head``, indexed), and
only entries sharing the first word are compared. With 746 proposals against 10,000
organisations the review list compared each proposal with every organisation (12.9 s);
now each is compared with the few that start alike. A near-identical spelling of the *first*
word (``Kulturverein`` / ``Kultuverein``) is the price: it is no longer suggested.
"""

from collections import defaultdict
from difflib import SequenceMatcher

from vernetzt.directory.models import Organisation, comparable_name

__all__ = ["comparable_name", "possible_duplicates"]

SIMILAR_SPELLING = 0.85


def _names_similar(first, second, *, same_district):
    if not first or not second:
        return False
    if first == second:
        return True
    first_words, second_words = set(first.split()), set(second.split())
    smaller = min(first_words, second_words, key=len)
    if len(smaller) >= 2 and (first_words <= second_words or second_words <= first_words):
        return True
    # Within one district a near-identical spelling is suspicious enough to show. The cheap
    # upper bounds go first: most candidates fail them, and ratio() is the costly part.
    if not same_district:
        return False
    matcher = SequenceMatcher(None, first, second)
    return (
        matcher.real_quick_ratio() >= SIMILAR_SPELLING
        and matcher.quick_ratio() >= SIMILAR_SPELLING
        and matcher.ratio() >= SIMILAR_SPELLING
    )


def _head(key):
    return key.split(" ", 1)[0]


def possible_duplicates(*, organisations, districts_of=None):
    """For each given (stored) organisation: other entries with a similar name (``pk`` →
    list, ordered by name). Two queries, whatever the number of organisations.

    ``districts_of`` (``pk`` → district ids) stands in for the stored districts of entries not
    stored yet, such as the rows of an import (any hashable ``pk``, e.g. the row number)."""
    keys = {organisation.pk: comparable_name(organisation.name) for organisation in organisations}
    heads = {_head(key) for key in keys.values() if key}
    candidates = defaultdict(list)
    for other in (
        Organisation.objects.filter(name_head__in=heads)
        .only("pk", "name", "slug", "status", "name_key", "name_head")
        .order_by("name", "pk")
    ):
        candidates[other.name_head].append(other)
    districts = defaultdict(set)
    links = Organisation.districts.through.objects.filter(organisation__name_head__in=heads)
    for organisation_id, district_id in links.values_list("organisation_id", "district_id"):
        districts[organisation_id].add(district_id)
    for pk, district_ids in (districts_of or {}).items():
        districts[pk] = set(district_ids)
    return {
        organisation.pk: [
            other
            for other in candidates[_head(keys[organisation.pk])]
            if other.pk != organisation.pk
            and _names_similar(
                keys[organisation.pk],
                other.name_key,
                same_district=bool(districts[organisation.pk] & districts[other.pk]),
            )
        ]
        for organisation in organisations
    }
