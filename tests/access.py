"""Shared vocabulary for the URL × role access matrix (see tests/core/test_access_matrix.py).

Each app's ``tests/<app>/access_matrix.py`` declares ``EXPECTED``: view name → ``Expect``.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from vernetzt.core.roles import Role

ALL_ROLES = frozenset(Role)
EVERYONE = ALL_ROLES
LOGGED_IN = ALL_ROLES - {Role.ANONYMOUS}
EDITORS_AND_STAFF = frozenset({Role.EDITOR, Role.STAFF})
COUNCIL_AND_STAFF = frozenset({Role.COUNCIL, Role.STAFF})
STAFF_ONLY = frozenset({Role.STAFF})


@dataclass(frozen=True)
class Expect:
    allowed: frozenset
    kwargs: Callable = field(default=lambda world: {})


@dataclass
class World:
    """The objects URL arguments point at; the editor edits ``organisation`` only."""

    organisation: object
    proposal: object
    need: object
    offer: object
    contact: object
    job_id: uuid.UUID
