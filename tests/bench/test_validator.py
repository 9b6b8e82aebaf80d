"""The benchmark's ONE validator on hand-made instances with known answers."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.openspace import validate as v
from tests.bench.conftest import REFERENCE, place

REPO = Path(__file__).resolve().parents[2]

VALID = [place("a", "t0", "R"), place("c", "t1", "R")]


def rules(report: dict) -> list[str]:
    return sorted(x["rule"] for x in report["violations"])


def test_demand_counts_hosts_once(tiny):
    assert v.demand(tiny) == {"a": 3, "b": 3, "c": 2}


def test_unavoidable_is_readme_formula(tiny):
    # p1 has a, b, c (3 > 2 slots), p2 has a, b, p3 has a, b, c.
    assert v.unavoidable(tiny) == 2


def test_valid_schedule_has_known_missed_wishes(tiny):
    report = v.validate(tiny, VALID)
    # p1: b unscheduled (1); p2: b unscheduled (1); p3: b unscheduled + c in unavailable t1 (2)
    assert report["missed_wishes"] == 4
    assert report["valid"] is True
    assert report["violations"] == []
    assert report["unscheduled"] == ["b"]


def test_unscheduled_sessions_are_all_missed(tiny):
    assert v.missed_wishes(tiny, []) == 3 + 2 + 3
    assert v.missed_wishes(tiny, [place("a", "t0", "R")]) == 2 + 1 + 2


def test_all_but_one_per_slot_and_all_in_unavailable_slot():
    instance = {
        "slots": [{"id": "t0"}, {"id": "t1"}],
        "rooms": [{"id": f"r{i}", "capacity": 9} for i in range(4)],
        "sessions": [{"id": s, "hosts": ["h"]} for s in "wxyz"],
        "participants": [
            {"id": "h", "wants": []},
            {"id": "q", "wants": ["w", "x", "y", "z"], "unavailable": ["t1"]},
        ],
    }
    # host h cannot host two at once, but missed wishes are counted regardless of validity:
    schedule = [
        place("w", "t0", "r0"),
        place("x", "t0", "r1"),
        place("y", "t0", "r2"),
        place("z", "t1", "r0"),
    ]
    # h: 3 in t0 -> 2 missed; q: 3 in t0 -> 2 missed, z in unavailable t1 -> 1 missed
    assert v.missed_wishes(instance, schedule) == 2 + 3


def test_room_double_booked(tiny):
    report = v.validate(tiny, [place("a", "t0", "R"), place("b", "t0", "R")])
    assert rules(report) == ["room-double-booked"]
    assert report["valid"] is False


def test_host_double_booked(tiny):
    tiny["rooms"][1]["features"] = ["beamer"]
    tiny["rooms"][1]["capacity"] = 3
    report = v.validate(tiny, [place("a", "t0", "R"), place("c", "t0", "r")])
    assert rules(report) == ["host-double-booked"]
    assert report["violations"][0]["participant"] == "p1"


def test_host_unavailable(tiny):
    report = v.validate(tiny, [place("a", "t0", "R"), place("b", "t1", "R")])
    assert rules(report) == ["host-unavailable"]
    assert report["violations"][0]["participant"] == "p2"


def test_pinned_moved_and_pinned_unscheduled(tiny):
    moved = v.validate(tiny, [place("a", "t1", "R")])
    assert rules(moved) == ["pinned-moved"]
    unscheduled = v.validate(tiny, [place("c", "t1", "R")])
    assert rules(unscheduled) == ["pinned-moved"]


def test_pin_to_slot_only(tiny):
    tiny["sessions"][0]["pinned"] = {"slot": "t0"}
    assert rules(v.validate(tiny, [place("a", "t0", "R")])) == []
    assert rules(v.validate(tiny, [place("a", "t1", "R")])) == ["pinned-moved"]


def test_missing_feature(tiny):
    tiny["rooms"][1]["capacity"] = 3
    report = v.validate(tiny, [place("a", "t0", "R"), place("c", "t1", "r")])
    assert rules(report) == ["missing-feature"]


def test_over_capacity(tiny):
    report = v.validate(tiny, [place("a", "t0", "R"), place("b", "t0", "r")])
    assert rules(report) == ["over-capacity"]
    assert "demand 3 > capacity 2" in report["violations"][0]["message"]


def test_session_multiple_and_unknown_ids(tiny):
    report = v.validate(
        tiny,
        [
            place("a", "t0", "R"),
            place("a", "t1", "R"),
            place("nope", "t0", "r"),
            place("c", "t9", "R"),
            place("c", "t1", "X"),
        ],
    )
    assert rules(report) == [
        "pinned-moved",
        "session-multiple",
        "unknown-room",
        "unknown-session",
        "unknown-slot",
    ]
    assert report["violation_counts"]["session-multiple"] == 1


def test_cli_reports_and_exit_code(tiny, tmp_path):
    (tmp_path / "i.json").write_text(json.dumps(tiny))
    (tmp_path / "ok.json").write_text(json.dumps({"assignments": VALID}))
    (tmp_path / "bad.json").write_text(json.dumps([place("a", "t0", "R"), place("b", "t0", "R")]))
    cmd = [sys.executable, "-m", "bench.openspace.validate", str(tmp_path / "i.json")]
    ok = subprocess.run(
        [*cmd, str(tmp_path / "ok.json")], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["missed_wishes"] == 4
    bad = subprocess.run(
        [*cmd, str(tmp_path / "bad.json")], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["violation_counts"] == {"room-double-booked": 1}


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference instances not present")
def test_unavoidable_matches_reference_readme():
    expected = {"small-0": 142, "medium-0": 547, "medium-1": 542, "large-0": 812, "large-1": 863}
    for name, value in expected.items():
        instance = json.loads((REFERENCE / f"{name}.json").read_text())
        assert v.unavoidable(instance) == value, name


def test_validator_does_not_import_the_engine():
    tree = ast.parse((REPO / "bench" / "openspace" / "validate.py").read_text())
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert imported, "expected to see the validator's imports"
    assert not [m for m in imported if m.startswith("vernetzt")]
