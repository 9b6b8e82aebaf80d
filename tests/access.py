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


def build_world(*, organisation):
    """Real objects for every URL argument, created by the factories (``organisation`` is the
    one the editor edits). The access matrix and the accessibility walk share it. An app whose
    URLs need objects of its own defines ``world_objects(world)`` in its
    ``tests/<app>/access_matrix.py``, returning a dict of name → object; they become attributes
    of the world (``world.body``), so every app adds its objects without touching this file."""
    from tests.directory.factories_import import ImportJobFactory
    from tests.factories import ContactPersonFactory, NeedFactory, OfferFactory, OrganisationFactory
    from vernetzt.directory.models import Organisation

    world = World(
        organisation=organisation,
        proposal=OrganisationFactory(status=Organisation.Status.PROPOSED, slug="vorschlag"),
        need=NeedFactory(organisation=organisation),
        offer=OfferFactory(organisation=organisation),
        contact=ContactPersonFactory(organisations=[organisation]),
        job_id=ImportJobFactory().pk,
    )
    for module in access_matrix_modules():
        builder = getattr(module, "world_objects", None)
        if builder:
            for name, value in builder(world).items():
                assert not hasattr(world, name), f"world object named twice: {name}"
                setattr(world, name, value)
    return world


def access_matrix_modules():
    """Every ``tests/<app>/access_matrix.py``, in a stable order."""
    import importlib
    import pkgutil
    from pathlib import Path

    import tests

    root = Path(tests.__file__).parent
    names = sorted(
        info.name
        for info in pkgutil.walk_packages([str(root)], prefix="tests.")
        if info.name.rsplit(".", 1)[-1] == "access_matrix"
    )
    return [importlib.import_module(name) for name in names]
