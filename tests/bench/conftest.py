"""Shared fixtures of the benchmark tests: a tiny hand-made Open Space instance."""

from __future__ import annotations

import copy

import pytest

from bench.openspace.reference import REFERENCE  # noqa: F401 (the tests import it from here)

# Two slots, a big room with a beamer and a small room without.
# Demand: a = {p1 host, p2, p3} = 3, b = {p2 host, p1, p3} = 3, c = {p1 host, p3} = 2.
# Only R holds a and b, only R has the beamer c needs: three sessions for two places.
TINY = {
    "name": "tiny",
    "slots": [{"id": "t0"}, {"id": "t1"}],
    "rooms": [
        {"id": "R", "capacity": 3, "features": ["beamer"]},
        {"id": "r", "capacity": 2},
    ],
    "sessions": [
        {"id": "a", "hosts": ["p1"], "pinned": {"slot": "t0", "room": "R"}},
        {"id": "b", "hosts": ["p2"]},
        {"id": "c", "hosts": ["p1"], "requires": ["beamer"]},
    ],
    "participants": [
        {"id": "p1", "wants": ["b"]},
        {"id": "p2", "wants": ["a"], "unavailable": ["t1"]},
        {"id": "p3", "wants": ["a", "b", "c"], "unavailable": ["t1"]},
    ],
}


@pytest.fixture
def tiny() -> dict:
    return copy.deepcopy(TINY)


def place(session: str, slot: str, room: str) -> dict:
    return {"session": session, "slot": slot, "room": room}
