"""Solving: hard rules, objective accounting, bounds, unschedulable sessions, time limit."""

import itertools
import time

import pytest

from vernetzt.scheduling import solve
from vernetzt.scheduling.generator import generate

from .checker import check, hard_rule_violations, missed_wishes
from .conftest import reference


def brute_force_best(instance: dict) -> tuple[int, int]:
    """Lexicographic (unscheduled, missed) optimum by enumerating every placement."""
    slots = [t["id"] for t in instance["slots"]]
    rooms = [r["id"] for r in instance["rooms"]]
    places = [None] + list(itertools.product(slots, rooms))
    sessions = [s["id"] for s in instance["sessions"]]
    best = None
    for choice in itertools.product(places, repeat=len(sessions)):
        used = [p for p in choice if p is not None]
        if len(used) != len(set(used)):
            continue
        output = {
            "assignments": [
                {"session": s, "slot": p[0], "room": p[1]}
                for s, p in zip(sessions, choice, strict=True)
                if p is not None
            ],
            "unscheduled": [
                {"session": s, "reason": ""}
                for s, p in zip(sessions, choice, strict=True)
                if p is None
            ],
        }
        if hard_rule_violations(instance, output):
            continue
        missed = sum(len(m) for m in missed_wishes(instance, output["assignments"]).values())
        value = (len(output["unscheduled"]), missed)
        best = value if best is None or value < best else best
    return best


def test_tiny_instance_is_solved_optimally(tiny):
    output = solve(tiny, time_limit=3)
    check(tiny, output)
    assert output["status"] == "optimal"
    assert (len(output["unscheduled"]), output["missed_wishes"]) == brute_force_best(tiny)
    assert set(output) >= {
        "assignments",
        "unscheduled",
        "missed_wishes",
        "lower_bound",
        "lower_bound_method",
        "status",
        "seconds",
        "participants",
    }


def test_wheelchair_session_gets_the_accessible_room(tiny):
    output = solve(tiny, time_limit=2)
    place = next(a for a in output["assignments"] if a["session"] == "T2")
    assert place["room"] == "R1"


def test_session_that_fits_no_room_is_unscheduled_with_reason(tiny):
    tiny["rooms"][0]["capacity"] = 1
    tiny["rooms"][1]["capacity"] = 1
    output = solve(tiny, time_limit=2)
    check(tiny, output)
    reasons = {u["session"]: u["reason"] for u in output["unscheduled"]}
    assert set(reasons) == {"T1", "T2", "T3"}
    assert "wheelchair" in reasons["T2"]
    assert output["missed_wishes"] == 7  # every wish, hosts included


def test_too_few_places_leaves_fewest_sessions_unscheduled(tiny):
    tiny["slots"] = tiny["slots"][:1]
    output = solve(tiny, time_limit=2)
    check(tiny, output)
    assert (len(output["unscheduled"]), output["missed_wishes"]) == brute_force_best(tiny)
    assert all(u["reason"] for u in output["unscheduled"])


def test_pins_are_kept(tiny):
    tiny["sessions"][0]["pinned"] = {"slot": "b", "room": "R1"}
    output = solve(tiny, time_limit=2)
    check(tiny, output)
    assert {"session": "T1", "slot": "b", "room": "R1"} in output["assignments"]


def test_small_reference_is_proved_optimal():
    instance = reference("small-0")
    output = solve(instance, time_limit=10)
    check(instance, output)
    assert output["missed_wishes"] <= 149
    assert output["status"] == "optimal"
    assert output["lower_bound"] == output["missed_wishes"]


def test_medium_reference_beats_first_come_greedy_quickly():
    instance = reference("medium-0")
    started = time.monotonic()
    output = solve(instance, time_limit=3)
    elapsed = time.monotonic() - started
    check(instance, output)
    assert elapsed <= 3 * 1.1
    assert output["missed_wishes"] < 661  # the bench's first-come greedy
    assert output["lower_bound"] >= 547  # at least the bench's "unavoidable" count


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_instance_with_every_feature_is_valid(seed):
    instance = generate(
        participants=150, seed=seed, co_hosts=0.3, features=0.4, pinned=4, late_early=0.3
    )
    output = solve(instance, time_limit=2, seed=seed)
    check(instance, output)
    # Small enough for the exact model: fewest unscheduled, then fewest missed, proven.
    assert output["status"] == "optimal"
    assert all(u["reason"] for u in output["unscheduled"])


@pytest.mark.parametrize("limit", [0.5, 1.5])
def test_time_limit_is_respected(limit):
    instance = generate(participants=1500, seed=5)
    started = time.monotonic()
    output = solve(instance, time_limit=limit)
    elapsed = time.monotonic() - started
    assert elapsed <= limit * 1.1 + 0.05, f"{elapsed:.2f} s for a {limit} s limit"
    check(instance, output)


def test_participant_misses_form_a_personal_agenda(tiny):
    output = solve(tiny, time_limit=2)
    slot_of = {a["session"]: a["slot"] for a in output["assignments"]}
    for pid, entry in output["participants"].items():
        person = next(p for p in tiny["participants"] if p["id"] == pid)
        hosted = [s["id"] for s in tiny["sessions"] if pid in s["hosts"]]
        attended = set(person["wants"]) | set(hosted)
        attended -= set(entry["misses"])
        assert len({slot_of[s] for s in attended}) == len(attended)
        assert set(hosted) <= attended  # a host always attends their own session


def test_single_core_fallback_when_no_child_process_can_start(monkeypatch):
    import multiprocessing

    asked = []

    def no_fork(method):
        asked.append(method)
        raise ValueError(f"cannot find context for {method!r}")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    instance = generate(participants=600, seed=3)
    output = solve(instance, time_limit=2.5)
    assert asked == ["fork"]
    check(instance, output)
