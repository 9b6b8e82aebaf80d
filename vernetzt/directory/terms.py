"""The managed lists (types, fields, communities, districts, categories, languages), held in
each process and rebuilt when the directory revision changes.

Why: a profile page shows a dozen terms, and fetching them with every page cost more than the
rest of the page (docs/benchmarks.md). The lists are small (a few hundred rows) and change
rarely; every change bumps the directory revision (``cache.bump``, also from the signal
handlers below), which each process reads once per public request anyway. A term the
catalogue does not know (created without a bump, e.g. by a bulk insert) rebuilds it once.

The terms are shared between requests and threads: read them, never change them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

from vernetzt.directory import cache
from vernetzt.directory.models import (
    Category,
    Community,
    District,
    FieldOfAction,
    Language,
    OrganisationType,
)

TERM_MODELS = (OrganisationType, FieldOfAction, Community, District, Category, Language)


@dataclass(frozen=True)
class Catalogue:
    revision: int
    terms: dict  # model → {pk: term}
    positions: dict  # model → {pk: place in the list's own (database) order}
    fingerprint: str  # changes with any term's names or order, not with other writes

    def get(self, model, pk):
        return self.terms[model].get(pk)

    def ordered(self, model, pks):
        """The terms ``pks`` of ``model`` in the list's order; unknown ones left out."""
        places = self.positions[model]
        known = [pk for pk in pks if pk in places]
        return [self.terms[model][pk] for pk in sorted(known, key=places.__getitem__)]


_current: Catalogue | None = None


def _build(revision):
    terms, positions = {}, {}
    content = hashlib.sha256()
    for model in TERM_MODELS:
        rows = list(model.objects.all())  # in the model's ordering, with the database's collation
        terms[model] = {term.pk: term for term in rows}
        positions[model] = {term.pk: place for place, term in enumerate(rows)}
        content.update(json.dumps(
            [model.__name__, [_described(term) for term in rows]], sort_keys=True, default=str
        ).encode())
    return Catalogue(
        revision=revision, terms=terms, positions=positions, fingerprint=content.hexdigest()
    )


def _described(term):
    """What of a term a page may show: its key and every name it has."""
    return [term.pk, term.name, getattr(term, "translations", None), getattr(term, "code", None)]


def catalogue(*, revision=None):
    """The catalogue of the current directory revision (read unless ``revision`` is given)."""
    global _current
    revision = cache.revision() if revision is None else revision
    current = _current
    if current is None or current.revision != revision:
        current = _current = _build(revision)
    return current


def complete_catalogue(wanted, *, revision=None):
    """``catalogue()``, rebuilt once if it lacks a term of ``wanted`` ((model, pk) pairs)."""
    global _current
    current = catalogue(revision=revision)
    if any(current.get(model, pk) is None for model, pk in wanted):
        current = _current = _build(current.revision)
    return current


def forget():
    """Drop this process's catalogue (tests, whose rollbacks reset the revision, call it)."""
    global _current
    _current = None


def _bump(sender, **kwargs):
    cache.bump()


for _model in TERM_MODELS:
    post_save.connect(_bump, sender=_model, dispatch_uid=f"directory-terms-save-{_model.__name__}")
    post_delete.connect(
        _bump, sender=_model, dispatch_uid=f"directory-terms-delete-{_model.__name__}"
    )
