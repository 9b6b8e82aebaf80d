"""Facet counts of a directory search, counted in memory from an index of every organisation's
terms.

Why: counted in SQL, each of the seven facets visited every matching organisation once more; a
common word ("Frauen") matches a third of a large directory, and an uncached search page spent
most of its 110–340 ms there (docs/benchmarks.md). The index holds, per organisation, its
status, visibility and the term ids of each facet. Each process builds it once per directory
revision and day (needs and offers count only while valid), with one query per facet.

The rules are those of the SQL filters in ``selectors``: an organisation passes a facet when it
has any chosen term of it; a facet's counts take every other facet's choice into account; the
privileged (council, staff) see every status, filtered like a facet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain

from django.utils import timezone

from vernetzt.directory import cache
from vernetzt.directory.models import Organisation, Visibility


@dataclass(frozen=True)
class FacetIndex:
    revision: int
    day: object
    status: dict  # organisation id → status
    public: frozenset  # ids of verified, public organisations
    terms: dict  # facet parameter → {organisation id: tuple of term ids}


_current: FacetIndex | None = None


def _grouped(pairs):
    grouped = {}
    for owner, term in pairs:
        grouped.setdefault(owner, []).append(term)
    return {owner: tuple(terms) for owner, terms in grouped.items()}


def _build(revision, day, facets):
    rows = list(Organisation.objects.values_list("id", "status", "visibility"))
    verified = Organisation.Status.VERIFIED
    return FacetIndex(
        revision=revision,
        day=day,
        status={pk: status for pk, status, _visibility in rows},
        public=frozenset(
            pk for pk, status, visibility in rows
            if status == verified and visibility == Visibility.PUBLIC
        ),
        terms={facet.param: _grouped(facet.memberships(day)) for facet in facets},
    )


def facet_index(facets):
    """The index of the current directory revision and day over ``facets`` (each with a
    ``param`` and a ``memberships(day)``), built if this process lacks it."""
    global _current
    revision, day = cache.revision(), timezone.localdate()
    current = _current
    if current is None or current.revision != revision or current.day != day:
        current = _current = _build(revision, day, facets)
    return current


def forget():
    """Drop this process's index (tests, whose rollbacks reset the revision, call it)."""
    global _current
    _current = None


@dataclass(frozen=True)
class FacetCounts:
    terms: dict  # facet parameter → Counter of term id → organisations
    statuses: Counter  # status → organisations
    matching: int  # organisations passing every choice: the result's size


def count(index, *, candidates, chosen, statuses=None):
    """The facet counts of a search, and the number of its results.

    ``candidates``: ids of the organisations the reader may see that match the text.
    ``chosen``: facet parameter → set of chosen term ids (facets without a choice left out).
    ``statuses``: the chosen statuses for readers who filter by status, else None.
    """
    tests = {param: _has_any(index.terms[param], ids) for param, ids in chosen.items()}
    if statuses is not None:
        tests["status"] = lambda pk, wanted=frozenset(statuses): index.status.get(pk) in wanted
    counted_for = {param: [] for param in [*index.terms, "status"]}
    matching = 0
    for pk in candidates:
        failed = [param for param, passes in tests.items() if not passes(pk)]
        if not failed:
            matching += 1
            for members in counted_for.values():
                members.append(pk)
        elif len(failed) == 1:
            counted_for[failed[0]].append(pk)
    return FacetCounts(
        terms={
            param: Counter(chain.from_iterable(index.terms[param].get(pk, ()) for pk in members))
            for param, members in counted_for.items()
            if param != "status"
        },
        statuses=Counter(index.status[pk] for pk in counted_for["status"]),
        matching=matching,
    )


def _has_any(terms_of, chosen_ids):
    chosen_ids = frozenset(chosen_ids)
    return lambda pk: not chosen_ids.isdisjoint(terms_of.get(pk, ()))
