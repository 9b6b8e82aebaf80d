"""The one contract for data derived from the directory: call it after every write.

Services (and so the admin, the import and the demo town, which write through them or beside
them in bulk) call ``organisations_changed`` with the organisations whose shown or searchable
data they changed, or ``lists_changed`` after a change of a managed list. Nothing else keeps
derived data current: no signal handlers.

The work runs after the write's transaction commits (``transaction.on_commit``), once per
transaction however many calls it made: the search text is built outside the write
transaction (stemming a long description takes seconds, and SQLite has one writer), written in
a short transaction of its own, and then the directory revision moves once, which makes every
cached public page stale (``cache.bump``).
"""

import functools

from django.db import connection, transaction

from vernetzt.directory import cache, search

_PENDING = "_directory_changed_organisations"
_DUE = "_directory_derived_due"


def directory_write(service):
    """Instead of ``@transaction.atomic`` on a service that writes to the directory: the
    service runs in a transaction and calls ``organisations_changed``/``lists_changed``; the
    derived data follows once that transaction (or an outer one) has committed."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        with transaction.atomic():
            result = service(*args, **kwargs)
        _schedule()
        return result

    return wrapper


def organisations_changed(*, organisation_ids):
    """Reindex these organisations (ids of deleted ones are welcome) and bump the directory
    revision, after the commit and once for the whole transaction."""
    _pending().update(pk for pk in organisation_ids if pk is not None)
    _schedule()


def lists_changed():
    """Bump the directory revision after the commit: a managed list's terms are shown on
    pages and counted in facets."""
    _pending()
    _schedule()


def _pending():
    # One set per connection (so per thread), gathered until the commit. A transaction rolled
    # back leaves its ids here: the next commit reindexes them too, which is harmless.
    if getattr(connection, _PENDING, None) is None:
        setattr(connection, _PENDING, set())
    setattr(connection, _DUE, True)
    return getattr(connection, _PENDING)


def flush():
    """After a transaction the caller opened itself (the admin's views do): run what it
    gathered, if the commit has not already done so."""
    _schedule()


def _schedule():
    if not getattr(connection, _DUE, False):
        return
    if _only_test_transactions():
        _apply()
    else:
        transaction.on_commit(_apply)  # at once outside a transaction


def _only_test_transactions():
    """Whether every open transaction is a test case's, which never commits (Django flags
    them): a finished write counts as committed there, so tests see the derived data."""
    blocks = connection.atomic_blocks
    return bool(blocks) and all(getattr(block, "_from_testcase", False) for block in blocks)


def _apply():
    """Run once per commit: the first callback takes everything gathered, later ones of the
    same commit find nothing to do."""
    if not getattr(connection, _DUE, False):
        return
    ids = getattr(connection, _PENDING)
    setattr(connection, _PENDING, set())
    setattr(connection, _DUE, False)
    if ids:
        search.reindex(organisation_ids=ids)
    cache.bump()
