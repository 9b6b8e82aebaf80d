"""Open Space scheduling engine: places sessions into (slot, room) to miss few wishes.

Pure Python (CP-SAT from ortools only for exact proofs); no Django import here.
"""

from __future__ import annotations

import contextlib
import gc
import time

from .engine import assign_rooms, build_output, optimise, work_deadline
from .model import InstanceError, parse_instance

__all__ = ["InstanceError", "replan", "solve"]


@contextlib.contextmanager
def _without_cyclic_gc():
    """The solver builds many small acyclic lists; with a large caller heap (a web process,
    a test run) the collector's full passes would eat the time limit, so pause it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def solve(instance: dict, *, time_limit: float = 60.0, seed: int = 0, _started=None) -> dict:
    """Schedule `instance`; returns the JSON-able output described in docs/scheduling.md."""
    started = time.monotonic() if _started is None else _started
    with _without_cyclic_gc():
        problem = parse_instance(instance)
        outcome = optimise(problem, work_deadline(started, time_limit), seed)
        room_of = assign_rooms(problem, outcome.rooms_in_slot, outcome.slot_of)
        return build_output(problem, outcome.slot_of, room_of, outcome, started)


def replan(
    instance: dict,
    current: dict,
    change: dict,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    _started=None,
) -> dict:
    """Re-plan after `change`; see docs/scheduling.md for the change format."""
    from .replanning import replan_schedule

    started = time.monotonic() if _started is None else _started
    with _without_cyclic_gc():
        return replan_schedule(instance, current, change, time_limit, seed, started)
