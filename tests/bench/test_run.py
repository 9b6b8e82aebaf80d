"""The benchmark driver: reference parsing, the table, target lines, re-planning summary."""

from __future__ import annotations

import json

import pytest

from bench.openspace import greedy, run
from tests.bench.conftest import REFERENCE

README_EXCERPT = """
| instance | participants / sessions / slots / rooms | unavoidable | greedy | c-s | best known |
|---|---|---|---|---|---|
| small-0 | 60 / 15 / 3 / 5 | 142 | 152 | 156 | 149 |
| large-0 | 1,500 / 200 / 6 / 35 | 812 | 2,131 | 2,572 | 2,015 |
| large-1 | 1,500 / 200 / 6 / 35 | 863 | 2,161 | — | 2,057 |
"""


def test_best_known_parses_last_column_with_thousands_separators():
    assert run.best_known(README_EXCERPT) == {"small-0": 149, "large-0": 2015, "large-1": 2057}


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference instances not present")
def test_best_known_of_the_real_readme_and_instance_order():
    known = run.best_known((REFERENCE / "README.md").read_text())
    assert known == {
        "small-0": 149,
        "medium-0": 643,
        "medium-1": 637,
        "large-0": 2015,
        "large-1": 2057,
    }
    names = [p.stem for p in run.reference_instances(REFERENCE, None)]
    assert names == ["small-0", "medium-0", "medium-1", "large-0", "large-1"]
    assert [p.stem for p in run.reference_instances(REFERENCE, ["large-1", "small-0"])] == [
        "large-1",
        "small-0",
    ]
    with pytest.raises(SystemExit):
        run.reference_instances(REFERENCE, ["nope-7"])


def fake_vernetzt(tiny_instance):
    """Stands in for the engine CLI: the greedy schedule plus the engine's extra fields."""

    def fake(path, time_limit, seed):
        result = greedy.solve(json.loads(path.read_text()))
        return {**result, "missed_wishes": 4, "lower_bound": 2, "status": "feasible"}

    return fake


def test_main_writes_the_table(tiny, tmp_path, monkeypatch):
    path = tmp_path / "tiny-0.json"
    path.write_text(json.dumps(tiny))
    monkeypatch.setattr(run, "run_vernetzt", fake_vernetzt(tiny))
    out = tmp_path / "out.md"
    code = run.main(
        [
            "--instances",
            str(path),
            "--skip-anchor",
            "--skip-scale",
            "--skip-replan",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    text = out.read_text()
    row = next(line for line in text.splitlines() if line.startswith("| tiny-0 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[:8] == [
        "tiny-0",
        "2",
        "—",
        "4 (1 unscheduled)",
        "—",
        "4 (1 unscheduled)",
        "2",
        "feasible",
    ]
    assert cells[9] == "0 / — / 0"
    assert "cores" in text and "vernetzt: `--time-limit 60 --seed 0`" in text


def test_missed_cell_flags_engine_claims_that_the_validator_does_not_confirm(tiny):
    report = run.validate(tiny, [{"session": "a", "slot": "t0", "room": "R"}])
    assert run.missed_cell(report, {"missed_wishes": 3}) == "5 (2 unscheduled) (engine claims 3)"
    assert run.missed_cell(None, {"error": "boom"}) == "error"
    assert run.missed_cell(None, {"status": "failed"}) == "failed"


def test_violations_cell_names_rules(tiny):
    report = run.validate(
        tiny,
        [{"session": "a", "slot": "t0", "room": "R"}, {"session": "b", "slot": "t0", "room": "R"}],
    )
    assert run.violations_cell(report) == "1 (1 room-double-booked)"


def test_target_lines_say_met_or_missed():
    rows = [
        {"instance": "x", "best_known": 10, "vernetzt": {"valid": True, "missed_wishes": 9}},
        {"instance": "y", "best_known": 10, "vernetzt": {"valid": True, "missed_wishes": 12}},
        {"instance": "z", "best_known": 10, "vernetzt": None},
    ]
    lines = run.target_lines(rows)
    assert "met" in lines[0]
    assert "MISSED by 2" in lines[1]
    assert "no result" in lines[2]


def test_summarise_replan_counts_moves_and_frozen(tiny):
    tiny["sessions"][0].pop("pinned")
    current = {
        "assignments": [
            {"session": "a", "slot": "t0", "room": "R"},
            {"session": "c", "slot": "t1", "room": "R"},
        ]
    }
    tiny["rooms"][1]["features"] = ["beamer"]
    tiny["rooms"][1]["capacity"] = 3
    new = {
        "assignments": [
            {"session": "a", "slot": "t0", "room": "R"},
            {"session": "c", "slot": "t1", "room": "r"},
        ],
        "seconds": 0.5,
    }
    summary = run.summarise_replan(tiny, current, new, "R", "t0", wall=0.6)
    assert summary["moves"] == 1 and summary["slot_changes"] == 0
    assert summary["frozen_sessions"] == 1 and summary["frozen_moved"] == []
    assert summary["in_removed_room"] == ["a"]
    assert summary["violations"] == []
    moved = {"assignments": [{"session": "a", "slot": "t1", "room": "r"}]}
    assert run.summarise_replan(tiny, current, moved, "R", "t0", 0.1)["frozen_moved"] == ["a"]
    misuse = {
        "assignments": [
            {"session": "a", "slot": "t0", "room": "R"},
            {"session": "c", "slot": "t1", "room": "R"},
        ]
    }
    found = run.summarise_replan(tiny, current, misuse, "R", "t0", 0.1)["violations"]
    assert [v["rule"] for v in found] == ["removed-room-used"]


def test_pick_room_takes_the_median_capacity_room():
    instance = {"rooms": [{"id": f"r{c}", "capacity": c} for c in (100, 5, 40, 20, 60)]}
    assert run.pick_room(instance, {"assignments": []}) == "r40"
    instance["rooms"].append({"id": "r30", "capacity": 30})
    assert run.pick_room(instance, {"assignments": []}) == "r30"
