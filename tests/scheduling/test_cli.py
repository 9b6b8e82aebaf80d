"""The command line: JSON on stdout, exit 2 and one clear line on stderr for bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import tiny_instance

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "vernetzt.scheduling", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_solves_and_replans(tmp_path):
    instance = tmp_path / "instance.json"
    instance.write_text(json.dumps(tiny_instance()))
    done = run_cli(instance, "--time-limit", "2", "--seed", "3")
    assert done.returncode == 0, done.stderr
    schedule = json.loads(done.stdout)
    assert schedule["status"] == "optimal"
    current = tmp_path / "current.json"
    current.write_text(done.stdout)
    change = tmp_path / "change.json"
    change.write_text(json.dumps({"frozen_slots": ["a"], "remove_rooms": ["R2"]}))
    replanned = run_cli(instance, "--replan", current, change, "--time-limit", "2")
    assert replanned.returncode == 0, replanned.stderr
    assert "moves" in json.loads(replanned.stdout)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{broken", "not valid JSON"),
        (
            json.dumps(
                {
                    **tiny_instance(),
                    "sessions": [*tiny_instance()["sessions"], {"id": "T7", "hosts": ["P99"]}],
                }
            ),
            "session 'T7': host 'P99' is not a participant",
        ),
        (
            json.dumps({**tiny_instance(), "rooms": [{"id": "R1", "capacity": -3}]}),
            "room 'R1': capacity must be a non-negative integer",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, content, message):
    path = tmp_path / "instance.json"
    if content is not None:
        path.write_text(content)
    done = run_cli(path, "--time-limit", "1")
    assert done.returncode == 2
    assert done.stdout == ""
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_bad_arguments_exit_2(tmp_path):
    done = run_cli("--time-limit", "abc")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
