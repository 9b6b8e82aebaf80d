"""Orchestrates a solve: bound, construction, annealing on both cores, exact proof, output."""

from __future__ import annotations

import multiprocessing
import random
import sys
import time
from collections import deque
from dataclasses import dataclass

from .bounds import matching_bound
from .model import Problem
from .search import SlotSearch

# Work stops this long before the caller's limit so that building the output and (for the
# CLI) interpreter start-up and JSON writing still fit inside it.
_RESERVE_FRACTION = 0.05
_RESERVE_SECONDS = 0.3
# Instances whose exact model has at most this many placement variables get a CP-SAT run.
_EXACT_MAX_VARIABLES = 1500


@dataclass
class Outcome:
    slot_of: list[int]
    lower_bound: int
    bound_method: str
    proven_optimal: bool
    rooms_in_slot: list[list[list[int]]]  # suitable open rooms per slot and session


def work_deadline(started: float, time_limit: float) -> float:
    reserve = min(time_limit * 0.5, time_limit * _RESERVE_FRACTION + _RESERVE_SECONDS)
    return started + max(0.0, time_limit - reserve)


def optimise(
    problem: Problem,
    deadline: float,
    seed: int,
    home_slot: list[int] | None = None,
    start_slots: list[int] | None = None,
) -> Outcome:
    """Best slot assignment found by `deadline`, with the strongest bound proven on the way."""
    bound = matching_bound(problem)
    method = "participant_matching"
    search = SlotSearch(problem, home_slot=home_slot)
    rng = random.Random(seed)
    if start_slots is not None:
        search.load(start_slots, tolerant=True)
    search.greedy(rng)
    target = _target_cost(search, bound)
    n_variables = sum(
        len(search.rooms_in_slot[t][s]) for s in search.movable for t in search.allowed[s]
    )
    if n_variables <= _EXACT_MAX_VARIABLES and home_slot is None:
        return _anneal_then_prove(search, bound, deadline, seed)
    # Re-planning anneals once from the current schedule; a restart would forget it.
    _, best_slots = _parallel_anneal(search, deadline, seed, target, restarts=home_slot is None)
    if not search.load(best_slots):  # pragma: no cover - the search only keeps valid states
        raise RuntimeError("annealing produced an inconsistent schedule")
    optimal = search.missed <= bound and search.n_unscheduled == _unplaceable(problem)
    return Outcome(best_slots, bound, method, optimal, search.rooms_in_slot)


def _unplaceable(problem: Problem) -> int:
    return sum(reason is not None for reason in problem.impossible)


def _target_cost(search: SlotSearch, bound: int) -> int:
    """Cost at which annealing may stop: every wish that can be met is met."""
    return _unplaceable(search.problem) * search.unscheduled_weight + bound * search.miss_weight


# Measured import time of CP-SAT on the 2-core machine; an exact run is skipped when the
# remaining budget would not even cover it.
_ORTOOLS_IMPORT_SECONDS = 0.6


def _anneal_then_prove(search: SlotSearch, bound: int, deadline: float, seed: int) -> Outcome:
    problem = search.problem
    now = time.monotonic()
    warm_until = now + min(1.0, 0.1 * max(0.0, deadline - now))
    _, best_slots = search.anneal(warm_until, seed, target_cost=_target_cost(search, bound))
    search.load(best_slots)
    method = "participant_matching"
    if search.missed <= bound and search.n_unscheduled == _unplaceable(problem):
        return Outcome(best_slots, bound, method, True, search.rooms_in_slot)
    import_cost = 0.0 if "ortools.sat.python.cp_model" in sys.modules else _ORTOOLS_IMPORT_SECONDS
    if deadline - time.monotonic() < import_cost + 0.1:
        return Outcome(best_slots, bound, method, False, search.rooms_in_slot)
    from .exact import solve_exact

    exact = solve_exact(
        problem,
        search.rooms_in_slot,
        hint=best_slots,
        time_limit=deadline - time.monotonic(),
        seed=seed,
        place_all=search.n_unscheduled == _unplaceable(problem),
    )
    if exact.bound > bound:
        bound, method = exact.bound, "cp_sat"
    before = (search.n_unscheduled, search.missed)
    if exact.slot_of is not None and search.load(exact.slot_of):
        if (search.n_unscheduled, search.missed) < before:
            best_slots = exact.slot_of
        else:
            search.load(best_slots)
    elif exact.slot_of is not None:  # pragma: no cover - CP-SAT obeys the same rules
        raise RuntimeError("CP-SAT returned a schedule that breaks a hard rule")
    else:
        search.load(best_slots)
    optimal = exact.optimal or (
        search.missed <= bound and search.n_unscheduled == _unplaceable(problem)
    )
    return Outcome(best_slots, bound, method, optimal, search.rooms_in_slot)


# Seconds that one annealing run needs to converge, per squared movable session: a swap
# pairs two sessions, so the neighbourhood grows with n². Measured on the reference
# instances: medium ones (60 sessions) converge in about 3 s, large ones (200 sessions)
# keep improving past 30 s. Shorter instances get several independent runs per core.
_RUN_SECONDS_PER_SQUARED_SESSION = 1 / 1200
_MIN_RUN_SECONDS = 2.0
# Start temperature (in wishes) of those short runs: measured on medium-1 with 3 s runs,
# 4.0 reached the best known value in 2 of 20 runs, 2.0 in 8 and 1.0 in 9 of 20.
_RESTART_START_TEMPERATURE = 2.0


def _run_length(search: SlotSearch) -> float:
    return max(_MIN_RUN_SECONDS, _RUN_SECONDS_PER_SQUARED_SESSION * len(search.movable) ** 2)


def _restarting_anneal(
    search: SlotSearch, deadline: float, seed: int, target: int, restarts: bool, stop=None
) -> tuple[int, list[int]]:
    """Anneal from the current state; with `restarts`, several runs that share the budget."""
    start_slots = list(search.slot_of)
    budget = deadline - time.monotonic()
    run_length = _run_length(search)
    runs = max(1, int(budget // run_length)) if restarts else 1
    best: tuple[int, list[int]] | None = None
    for run in range(runs):
        if run:
            search.load(start_slots)
        run_deadline = deadline - (runs - run - 1) * budget / runs
        result = search.anneal(
            run_deadline,
            seed * 1000 + run,
            start_temperature=_RESTART_START_TEMPERATURE if runs > 1 else None,
            target_cost=target,
            stop=stop,
        )
        if best is None or result[0] < best[0]:
            best = result
        if best[0] <= target or (stop is not None and stop()):
            break
    return best


# A single long chain per core (large instances, re-planning) is cut into this many epochs;
# after each but the last, both chains continue from the better of their best schedules.
_EPOCHS = 3
# How long a chain waits for the other one's best at an epoch boundary.
_EXCHANGE_WAIT = 0.5


def _exchanging_anneal(
    search: SlotSearch, deadline: float, seed: int, target: int, pipe
) -> tuple[int, list[int]]:
    """One cooling schedule until `deadline`; best schedules are swapped between epochs.

    At each boundary a chain sends its best (cost, slots) to the other chain and reloads the
    better of the two, so the weaker chain does not spend the rest of the budget refining a
    worse schedule. Without a partner (`pipe` is None or silent) it simply carries on.
    """
    start = time.monotonic()
    span = max(deadline - start, 1e-3)
    best: tuple[int, list[int]] | None = None
    for epoch in range(_EPOCHS):
        epoch_end = deadline if epoch == _EPOCHS - 1 else start + span * (epoch + 1) / _EPOCHS
        result = search.anneal(
            epoch_end,
            seed * 1000 + epoch,
            target_cost=target,
            schedule=(start, deadline),
        )
        if best is None or result[0] < best[0]:
            best = result
        if best[0] <= target or epoch == _EPOCHS - 1:
            break
        if pipe is not None:
            try:
                pipe.send((epoch, best))
                while pipe.poll(_EXCHANGE_WAIT):
                    tag, other = pipe.recv()
                    if tag == epoch or tag == "final":  # "final": the partner has stopped
                        if other[0] < best[0]:
                            best = other
                        if tag == "final":
                            pipe = None
                        break
            except (EOFError, OSError):
                pipe = None
            if best[0] <= target:
                break
        if not search.load(best[1]):  # pragma: no cover - both chains keep valid states
            raise RuntimeError("annealing produced an inconsistent schedule")
    return best


def _child_chain(
    search: SlotSearch, deadline: float, seed: int, target: int, restarts: bool, pipe
) -> None:
    try:
        if restarts:
            result = _restarting_anneal(search, deadline, seed, target, restarts)
        else:
            result = _exchanging_anneal(search, deadline, seed, target, pipe)
        pipe.send(("final", result))
    finally:
        pipe.close()


def _parallel_anneal(
    search: SlotSearch, deadline: float, seed: int, target: int, restarts: bool
) -> tuple[int, list[int]]:
    """Two chains, one per core; the better result wins.

    With `restarts` (short-converging instances) each core runs independent restarts; else
    each core runs one long chain, and the chains share their best between epochs.
    """
    if deadline - time.monotonic() < 1.0:
        return search.anneal(deadline, seed, target_cost=target)
    if restarts and deadline - time.monotonic() < 2 * _run_length(search):
        restarts = False  # one run per core anyway: let the chains share
    try:
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe(duplex=True)
        child = context.Process(
            target=_child_chain,
            args=(search, deadline, seed * 2 + 1, target, restarts, theirs),
            daemon=True,
        )
        child.start()
    except (ValueError, AssertionError, OSError):
        # No fork on this platform, or we run inside a daemonic worker: one chain only.
        if restarts:
            return _restarting_anneal(search, deadline, seed * 2, target, restarts)
        return _exchanging_anneal(search, deadline, seed * 2, target, None)
    theirs.close()
    if restarts:
        best = _restarting_anneal(search, deadline, seed * 2, target, restarts, stop=mine.poll)
    else:
        best = _exchanging_anneal(search, deadline, seed * 2, target, mine)
    wait = 0.0 if best[0] <= target else max(0.0, deadline - time.monotonic()) + 1.0
    try:
        until = time.monotonic() + wait
        while mine.poll(max(0.0, until - time.monotonic())):
            tag, other = mine.recv()
            if tag == "final":
                if other[0] < best[0]:
                    best = other
                break
    except (EOFError, OSError):
        pass
    finally:
        mine.close()
        child.join(timeout=0.2)
        if child.is_alive():
            child.terminate()
            child.join()
    return best


def _seat_displacing_fewest(
    occupant: list[int], s: int, rooms_of: list[list[int]], at_home: list[bool]
) -> bool:
    """Seat `s` along the augmenting path that pushes fewest sessions out of their old room.

    0-1 breadth-first search over rooms: taking a room costs 1 if its occupant sits in the
    room it had before re-planning, else 0; the path ends at a free room.
    """
    cost: dict[int, int] = {}
    came_from: dict[int, int] = {}
    queue: deque[tuple[int, int, int]] = deque((0, r, -1) for r in rooms_of[s])
    while queue:
        dist, room, previous = queue.popleft()
        if room in cost:
            continue
        cost[room] = dist
        came_from[room] = previous
        holder = occupant[room]
        if holder < 0:
            while room >= 0:  # shift every occupant on the path one room further
                previous = came_from[room]
                occupant[room] = s if previous < 0 else occupant[previous]
                if previous >= 0:
                    at_home[occupant[room]] = False
                room = previous
            return True
        step = 1 if at_home[holder] else 0
        for nxt in rooms_of[holder]:
            if nxt not in cost:
                if step:
                    queue.append((dist + 1, nxt, room))
                else:
                    queue.appendleft((dist, nxt, room))
    return False


def assign_rooms(
    problem: Problem,
    rooms_in_slot: list[list[list[int]]],
    slot_of: list[int],
    preferred_room: list[int] | None = None,
) -> list[int]:
    """A room per placed session; moves as few sessions out of `preferred_room` as it can."""
    room_of = [-1] * problem.n_sessions
    at_home = [False] * problem.n_sessions
    for t in range(problem.n_slots):
        occupant = [-1] * problem.n_rooms
        members = [s for s in range(problem.n_sessions) if slot_of[s] == t]
        waiting = []
        for s in members:
            room = preferred_room[s] if preferred_room is not None else -1
            if room >= 0 and room in rooms_in_slot[t][s] and occupant[room] < 0:
                occupant[room] = s
                at_home[s] = True
            else:
                waiting.append(s)
        waiting.sort(key=lambda s: len(rooms_in_slot[t][s]))
        for s in waiting:
            if not _seat_displacing_fewest(occupant, s, rooms_in_slot[t], at_home):
                raise RuntimeError(f"slot {problem.slot_ids[t]} cannot seat its sessions")
        for r, s in enumerate(occupant):
            if s >= 0:
                room_of[s] = r
    return room_of


def _attended(problem: Problem, p: int, slot_of: list[int]) -> set[int]:
    """The sessions participant p attends: per available slot their hosted one, else first wish."""
    chosen: dict[int, int] = {}
    hosted = {s for s in problem.sessions_of[p] if p in problem.hosts[s]}
    for s in problem.sessions_of[p]:
        t = slot_of[s]
        if t >= problem.n_slots or t in problem.unavailable[p]:
            continue
        if t not in chosen or (s in hosted and chosen[t] not in hosted):
            chosen[t] = s
    return set(chosen.values())


def build_output(
    problem: Problem,
    slot_of: list[int],
    room_of: list[int],
    outcome: Outcome,
    started: float,
) -> dict:
    assignments = []
    unscheduled = []
    for s in sorted(range(problem.n_sessions), key=lambda s: (slot_of[s], room_of[s], s)):
        if slot_of[s] < problem.n_slots:
            assignments.append(
                {
                    "session": problem.session_ids[s],
                    "slot": problem.slot_ids[slot_of[s]],
                    "room": problem.room_ids[room_of[s]],
                }
            )
        else:
            reason = problem.impossible[s] or (
                "no (slot, room) left that suits its demand and hosts without displacing "
                "another session"
            )
            unscheduled.append({"session": problem.session_ids[s], "reason": reason})
    participants = {}
    missed = 0
    for p in range(problem.n_participants):
        attended = _attended(problem, p, slot_of)
        misses = [problem.session_ids[s] for s in problem.sessions_of[p] if s not in attended]
        missed += len(misses)
        participants[problem.participant_ids[p]] = {"misses": misses}
    bound = outcome.lower_bound
    return {
        "assignments": assignments,
        "unscheduled": unscheduled,
        "missed_wishes": missed,
        "lower_bound": bound,
        "lower_bound_method": outcome.bound_method,
        "status": "optimal" if outcome.proven_optimal and missed == bound else "feasible",
        "seconds": round(time.monotonic() - started, 3),
        "participants": participants,
    }
