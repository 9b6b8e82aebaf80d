"""The network revision: a value that moves after every committed write to cooperations.

Derived network data (the office's analysis, partner recommendations) is cached under it, like
the directory's public pages under the directory revision (``directory/cache.py``): a write
gives the revision a new, never repeated value, so older cached results become stale at once.
The value lives in the shared cache; a lost value is replaced by a new one, which only makes
cached results stale, never wrong.

A service that writes cooperations or their partners calls ``network_changed()`` inside its
transaction; the revision moves once the transaction commits (at once outside a transaction),
so a write that rolls back leaves every cached result valid.
"""

import secrets

from django.core.cache import cache
from django.db import connection, transaction

REVISION_KEY = "network:revision"


def network_revision():
    """The current revision, created if the cache has none."""
    value = cache.get(REVISION_KEY)
    if value is None:
        cache.add(REVISION_KEY, secrets.token_hex(8), None)
        value = cache.get(REVISION_KEY)
    return value


def bump():
    """Give the revision a new value now (``network_changed`` calls it after the commit)."""
    cache.set(REVISION_KEY, secrets.token_hex(8), None)


def network_changed():
    """Call after writing cooperations: the revision moves when the transaction commits."""
    if _only_test_transactions():
        bump()
    else:
        transaction.on_commit(bump)  # at once outside a transaction


def _only_test_transactions():
    """Whether every open transaction is a test case's, which never commits (as in
    ``directory.derived``): a finished write counts as committed there."""
    blocks = connection.atomic_blocks
    return bool(blocks) and all(getattr(block, "_from_testcase", False) for block in blocks)
