"""The anchor's translation to and from conference-scheduler, and its pair search.

No anchor venv and no conference-scheduler here: the worker's resource translation runs with
fake Event/Slot classes and the search runs with fake workers.
"""

from __future__ import annotations

import hashlib
import sys
from typing import NamedTuple

from bench.openspace import anchor, anchor_worker
from bench.openspace.validate import validate


def instance_for_pairs() -> dict:
    return {
        "slots": [{"id": "t0"}, {"id": "t1"}],
        "rooms": [{"id": "A", "capacity": 5}, {"id": "B", "capacity": 5}],
        "sessions": [{"id": s, "hosts": [f"h{s}"]} for s in "wxyz"],
        "participants": [
            *({"id": f"h{s}", "wants": []} for s in "wxyz"),
            {"id": "p1", "wants": ["w", "x"]},
            {"id": "p2", "wants": ["w", "x", "y"]},
            {"id": "p3", "wants": ["y", "z"]},
            {"id": "p4", "wants": ["y", "z"]},
        ],
    }


def test_co_wanted_pairs_ranked_and_deterministic():
    pairs = anchor.co_wanted_pairs(instance_for_pairs())
    assert pairs[:2] == [("w", "x", 2), ("y", "z", 2)]
    assert set(pairs[2:]) == {("w", "y", 1), ("x", "y", 1)}


def test_host_clashes(tiny):
    assert anchor.host_clashes(tiny) == [("a", "c")]


def test_build_problem_blocks_capacity_host_feature_and_pin(tiny):
    problem = anchor.build_problem(tiny, 0, time_limit=7)
    # slot index = time * 2 + room: 0 = t0/R, 1 = t0/r, 2 = t1/R, 3 = t1/r
    assert problem["slots"] == [
        {"venue": "R", "time": 0, "capacity": 3},
        {"venue": "r", "time": 0, "capacity": 2},
        {"venue": "R", "time": 1, "capacity": 3},
        {"venue": "r", "time": 1, "capacity": 2},
    ]
    by_name = {e["name"]: e for e in problem["events"]}
    assert by_name["a"]["unavailable_slots"] == [1, 2, 3]  # pinned to t0/R
    assert by_name["b"]["unavailable_slots"] == [1, 2, 3]  # too big for r, host away in t1
    assert by_name["c"]["unavailable_slots"] == [1, 3]  # needs the beamer
    assert [e["demand"] for e in problem["events"]] == [3, 3, 2]
    assert problem["clashes"] == [[0, 2]]  # a and c share host p1
    assert problem["time_limit"] == 7


def test_build_problem_adds_most_co_wanted_pairs_after_host_clashes():
    instance = instance_for_pairs()
    instance["sessions"][1]["hosts"] = ["hw"]  # w and x now share a host
    problem = anchor.build_problem(instance, 2)
    assert problem["clashes"][0] == [0, 1]  # host clash w-x
    assert problem["clashes"][1:] == [[2, 3], [0, 2]]  # y-z, then w-y (w-x already in)
    assert problem["n_pairs"] == 2
    assert anchor.build_problem(instance, 99)["n_pairs"] == 3


def test_parse_solution_maps_indices_back(tiny):
    parsed = anchor.parse_solution(tiny, [[2, 2], [0, 0]])
    assert parsed["assignments"] == [
        {"session": "a", "slot": "t0", "room": "R"},
        {"session": "c", "slot": "t1", "room": "R"},
    ]
    assert parsed["unscheduled"] == [{"session": "b", "reason": "not in the anchor's solution"}]


class FakeSlot(NamedTuple):
    venue: str
    starts_at: object
    duration: int
    capacity: int
    session: str


class FakeEvent:
    def __init__(self, name, duration, demand):
        self.name, self.duration, self.demand = name, duration, demand
        self.unavailability = []

    def add_unavailability(self, *items):
        self.unavailability.extend(items)


def test_worker_translation_makes_concurrent_slots_and_symmetric_clashes(tiny):
    problem = anchor.build_problem(tiny, 0)
    events, slots = anchor_worker.to_resources(problem, FakeEvent, FakeSlot)
    assert [s.venue for s in slots] == ["R", "r", "R", "r"]
    assert slots[0].starts_at == slots[1].starts_at < slots[2].starts_at == slots[3].starts_at
    assert all(s.duration == 60 for s in slots)
    # a slot's end is before the next slot starts, so the package sees no false overlap
    gap = (slots[2].starts_at - slots[0].starts_at).total_seconds() / 60
    assert gap > slots[0].duration
    a, b, c = events
    assert (a.name, a.demand, b.demand) == ("a", 3, 3)
    assert slots[1] in b.unavailability and slots[0] not in b.unavailability
    assert c in a.unavailability and a in c.unavailability  # both directions
    assert not [x for x in b.unavailability if isinstance(x, FakeEvent)]


def fake_worker(max_pairs: int, calls: list):
    """Solves by the greedy order of free places; 'infeasible' above max_pairs pairs."""

    def worker(problem, timeout):
        calls.append(problem["n_pairs"])
        if problem["n_pairs"] > max_pairs:
            return {"status": "failed", "error": "No valid solution found", "seconds": 0.0}
        taken, solution = set(), []
        for e, event in enumerate(problem["events"]):
            for s in range(len(problem["slots"])):
                if s not in taken and s not in event["unavailable_slots"]:
                    taken.add(s)
                    solution.append([e, s])
                    break
        return {"status": "ok", "solution": solution, "seconds": 0.0}

    return worker


def test_search_doubles_then_bisects_and_keeps_best_valid(tiny):
    calls: list[int] = []
    result = anchor.solve(tiny, budget=60, worker=fake_worker(0, calls))
    # tiny's extra pairs (beyond the host clash a-c) are a-b and b-c: 0 works, 2 fails, 1 fails
    assert calls == [0, 2, 1]
    assert [t.get("failure") for t in result["tries"]] == [None, "infeasible", "infeasible"]
    assert result["status"] == "feasible"
    assert result["n_pairs"] == 0
    report = validate(tiny, result["assignments"])
    assert report["valid"]
    assert [t["n_pairs"] for t in result["tries"]] == calls


def test_search_bisects_between_feasible_and_failed():
    instance = {
        "slots": [{"id": f"t{i}"} for i in range(3)],
        "rooms": [{"id": "A", "capacity": 50}],
        "sessions": [{"id": f"s{i}", "hosts": [f"h{i}"]} for i in range(3)],
        "participants": [{"id": f"h{i}", "wants": []} for i in range(3)]
        + [{"id": f"p{i}", "wants": ["s0", "s1", "s2"]} for i in range(3)],
    }
    # 3 extra pairs exist; pretend only up to 1 is feasible: 0 ok, 8 -> capped at 3 fails,
    # then bisection tries 1 (ok) and 2 (fails)
    calls: list[int] = []
    result = anchor.solve(instance, budget=60, worker=fake_worker(1, calls))
    assert calls == [0, 3, 1, 2]
    assert result["status"] == "feasible"


def test_search_reports_failure_when_nothing_works(tiny):
    def never(problem, timeout):
        return {"status": "failed", "error": "No valid solution found"}

    result = anchor.solve(tiny, budget=30, worker=never)
    assert result["tries"][0]["failure"] == "infeasible"
    assert result["status"] == "failed"
    assert result["assignments"] == []
    assert len(result["unscheduled"]) == 3


def test_search_marks_a_killed_worker_as_out_of_time(tiny):
    def slow(problem, timeout):
        return {"status": "failed", "error": f"timed out after {timeout:.0f} s"}

    result = anchor.solve(tiny, budget=30, worker=slow)
    assert result["tries"][0]["failure"] == "out of time"


def test_run_worker_speaks_json_and_enforces_timeout(tmp_path):
    script = tmp_path / "echo.py"
    script.write_text(
        "import json, sys, time\n"
        "p = json.load(sys.stdin)\n"
        "time.sleep(p.get('sleep', 0))\n"
        "print(json.dumps({'status': 'ok', 'solution': [[0, p['n']]]}))\n"
    )
    command = [sys.executable, str(script)]
    assert anchor.run_worker({"n": 3}, command, timeout=20) == {
        "status": "ok",
        "solution": [[0, 3]],
    }
    slow = anchor.run_worker({"n": 1, "sleep": 5}, command, timeout=0.5)
    assert slow["status"] == "failed" and "timed out" in slow["error"]
    broken = tmp_path / "broken.py"
    broken.write_text("raise SystemExit('boom')\n")
    failed = anchor.run_worker({}, [sys.executable, str(broken)], timeout=20)
    assert failed == {"status": "failed", "error": "boom"}


def test_ensure_venv_reuses_a_venv_built_from_the_same_requirements(tmp_path, monkeypatch):
    requirements = tmp_path / "req.txt"
    requirements.write_text("conference-scheduler==3.0.1\n")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("")
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    (venv / ".requirements.sha256").write_text(digest + "\n")

    def no_subprocess(*args, **kwargs):
        raise AssertionError("should not rebuild")

    monkeypatch.setattr(anchor.subprocess, "run", no_subprocess)
    assert anchor.ensure_venv(venv, requirements) == venv / "bin" / "python"


def test_requirements_are_pinned():
    lines = [
        line
        for line in anchor.REQUIREMENTS.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines and all("==" in line for line in lines)
    assert any(line.startswith("conference-scheduler==") for line in lines)
