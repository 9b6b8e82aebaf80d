"""The instance generator: seeded, valid, and able to produce every optional feature."""

from vernetzt.scheduling.generator import generate
from vernetzt.scheduling.model import parse_instance


def test_same_seed_same_instance():
    assert generate(participants=120, seed=4) == generate(participants=120, seed=4)
    assert generate(participants=120, seed=4) != generate(participants=120, seed=5)


def test_optional_features_appear_and_instance_is_valid():
    instance = generate(
        participants=400, seed=2, co_hosts=0.5, features=0.5, pinned=6, late_early=0.5
    )
    parse_instance(instance)  # raises on anything invalid, pins included
    sessions = instance["sessions"]
    assert any(len(s["hosts"]) == 2 for s in sessions)
    assert any(s.get("requires") for s in sessions)
    assert sum("pinned" in s for s in sessions) == 6
    assert any(r["features"] for r in instance["rooms"])
    first, last = instance["slots"][0]["id"], instance["slots"][-1]["id"]
    away = [p.get("unavailable", []) for p in instance["participants"]]
    assert sum(first in a for a in away) > 40 and sum(last in a for a in away) > 40


def test_large_generation_is_fast_and_sized():
    instance = generate(participants=5000, sessions=600, slots=8, rooms=80, seed=1)
    assert len(instance["participants"]) == 5000
    assert len(instance["sessions"]) == 600
    assert len(instance["slots"]) == 8 and len(instance["rooms"]) == 80
    assert all(3 <= len(p["wants"]) <= 8 for p in instance["participants"])
