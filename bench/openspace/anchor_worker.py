"""Runs INSIDE the anchor virtualenv (``bench/.venv-anchor``), never in the product venv.

Reads one problem (built by ``bench.openspace.anchor.build_problem``) as JSON on stdin, solves
it with the PyPI package ``conference-scheduler`` (``scheduler.solution``, PuLP + bundled CBC)
and writes ``{"status": "ok", "solution": [[event, slot], ...], "seconds"}`` or
``{"status": "failed", "error": ...}`` as JSON on stdout.

The translation into the package's resources (:func:`to_resources`) takes the ``Event`` and
``Slot`` classes as arguments, so the tests can run it with fakes in the product venv.
This file only imports ``conference_scheduler`` and ``pulp`` inside :func:`main`.
"""

from __future__ import annotations

import datetime
import json
import sys
import time

DAY = datetime.datetime(2026, 11, 21, 9, 0)
SLOT_MINUTES = 60


def to_resources(problem: dict, event_cls, slot_cls) -> tuple[list, list]:
    """Events and slots of ``problem`` as instances of ``event_cls`` / ``slot_cls``.

    A problem slot is one (time, room) pair: ``{"venue", "time", "capacity"}``; slots sharing
    ``time`` start together and so are concurrent for the package. Each event lists the slot
    indices it cannot use and the event indices it must not run concurrently with. The
    package only reads an event's clashes from events with a non-empty unavailability list
    and only in one direction, so every clash is added to BOTH events.
    """
    slots = [
        slot_cls(
            venue=s["venue"],
            starts_at=DAY + datetime.timedelta(minutes=2 * SLOT_MINUTES * s["time"]),
            duration=SLOT_MINUTES,
            capacity=s["capacity"],
            session=f"time-{s['time']}",
        )
        for s in problem["slots"]
    ]
    events = [
        event_cls(name=e["name"], duration=SLOT_MINUTES, demand=e["demand"])
        for e in problem["events"]
    ]
    for event, spec in zip(events, problem["events"], strict=True):
        event.add_unavailability(*(slots[i] for i in spec["unavailable_slots"]))
    for a, b in problem["clashes"]:
        events[a].add_unavailability(events[b])
        events[b].add_unavailability(events[a])
    return events, slots


def main() -> int:
    problem = json.load(sys.stdin)
    import pulp
    from conference_scheduler import scheduler
    from conference_scheduler.resources import Event, Slot

    start = time.perf_counter()
    events, slots = to_resources(problem, Event, Slot)
    solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=max(1, int(problem["time_limit"])), threads=1)
    try:
        solution = scheduler.solution(events, slots, solver=solver)
    except ValueError as error:  # the package's "No valid solution found"
        result = {"status": "failed", "error": str(error)}
    else:
        result = {"status": "ok", "solution": [[int(e), int(s)] for e, s in solution]}
    result["seconds"] = time.perf_counter() - start
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
