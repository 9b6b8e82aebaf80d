"""The first-come greedy baseline."""

from __future__ import annotations

import json

import pytest

from bench.openspace import greedy
from bench.openspace.validate import validate
from tests.bench.conftest import REFERENCE


def test_tiny_pinned_first_then_proposal_order(tiny):
    result = greedy.solve(tiny)
    # a is pinned to t0/R; b needs R (demand 3) but R is taken in t0 and its host is away in
    # t1; c needs the beamer (only R) and its host hosts a in t0, so c goes to t1/R.
    assert result["assignments"] == [
        {"session": "a", "slot": "t0", "room": "R"},
        {"session": "c", "slot": "t1", "room": "R"},
    ]
    assert result["unscheduled"] == [{"session": "b", "reason": "no feasible slot and room"}]
    report = validate(tiny, result["assignments"])
    assert report["valid"] and report["missed_wishes"] == 4


def test_first_come_gets_the_place_and_smallest_room_first():
    instance = {
        "slots": [{"id": "t0"}, {"id": "t1"}],
        "rooms": [{"id": "big", "capacity": 10}, {"id": "small", "capacity": 2}],
        "sessions": [
            {"id": "s1", "hosts": ["h1"]},
            {"id": "s2", "hosts": ["h2"]},
            {"id": "s3", "hosts": ["h3"]},
        ],
        "participants": [
            {"id": "h1", "wants": []},
            {"id": "h2", "wants": []},
            {"id": "h3", "wants": ["s1", "s2"]},
        ],
    }
    # demands: s1 = 2, s2 = 2, s3 = 1: all fit the small room, which is tried first
    places = [(a["session"], a["slot"], a["room"]) for a in greedy.solve(instance)["assignments"]]
    assert places == [("s1", "t0", "small"), ("s2", "t0", "big"), ("s3", "t1", "small")]


def test_pin_that_is_not_feasible_is_reported(tiny):
    tiny["sessions"][1]["pinned"] = {"slot": "t1", "room": "R"}  # b's host is away in t1
    result = greedy.solve(tiny)
    assert {"session": "b", "reason": "pin not feasible"} in result["unscheduled"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference instances not present")
def test_reference_small_instance_is_valid_and_deterministic():
    instance = json.loads((REFERENCE / "small-0.json").read_text())
    first, second = greedy.solve(instance), greedy.solve(instance)
    assert first["assignments"] == second["assignments"]
    report = validate(instance, first["assignments"])
    assert report["valid"], report["violations"]
    assert report["unscheduled"] == []
    assert report["missed_wishes"] == 159
