"""Exact CP-SAT model over (session, slot, room); proves optimality on small instances.

x[s,t,r] places session s; z[s,t] = Σ_r x[s,t,r]; y[p,t] ≤ Σ_{s wanted by p} z[s,t] says
participant p attends something in slot t. Missed wishes = total − Σ y, so maximising Σ y
is the objective, and CP-SAT's proven objective bound is a lower bound on missed wishes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Problem


@dataclass
class ExactResult:
    slot_of: list[int] | None  # None when no schedule was found
    missed: int | None
    bound: int
    optimal: bool


def solve_exact(
    problem: Problem,
    rooms_in_slot: list[list[list[int]]],
    hint: list[int] | None,
    time_limit: float,
    seed: int,
    workers: int = 2,
    place_all: bool = False,
) -> ExactResult:
    """Minimise (unscheduled sessions, missed wishes) lexicographically.

    Both are folded into one objective, W·unscheduled + missed with W above any missed
    count. With u the unscheduled count of the returned schedule, every schedule leaving at
    most u sessions unscheduled misses at least (objective bound − W·u) wishes, which is
    the bound returned. With `place_all` (a schedule placing every placeable session is
    known) that is a constraint instead, which CP-SAT proves much faster.
    """
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    n_slots = problem.n_slots
    in_slot: dict[tuple[int, int], list] = {}
    at_place: dict[tuple[int, int], list] = {}
    placed = []
    placed_sessions = []
    z: dict[tuple[int, int], object] = {}
    for s in range(problem.n_sessions):
        if not problem.allowed_slots[s]:
            continue
        placements = []
        for t in problem.allowed_slots[s]:
            xs = []
            for r in rooms_in_slot[t][s]:
                x = model.new_bool_var(f"x{s}_{t}_{r}")
                xs.append(x)
                at_place.setdefault((t, r), []).append(x)
            if not xs:
                continue
            z[s, t] = model.new_bool_var(f"z{s}_{t}")
            model.add(sum(xs) == z[s, t])
            placements.append(z[s, t])
            for h in problem.hosts[s]:
                in_slot.setdefault((h, t), []).append(z[s, t])
        placed_sessions.append(s)
        is_placed = model.new_bool_var(f"placed{s}")
        model.add(sum(placements) == is_placed)
        placed.append(is_placed)
        if problem.fixed[s] is not None or place_all:
            model.add(is_placed == 1)
        if hint is not None:
            for t in problem.allowed_slots[s]:
                if (s, t) in z:
                    model.add_hint(z[s, t], hint[s] == t)
    for xs in at_place.values():
        model.add_at_most_one(xs)
    for zs in in_slot.values():
        model.add_at_most_one(zs)
    attends = []
    for p, wanted in enumerate(problem.sessions_of):
        for t in range(n_slots):
            if t in problem.unavailable[p]:
                continue
            options = [z[s, t] for s in wanted if (s, t) in z]
            if not options:
                continue
            y = model.new_bool_var(f"y{p}_{t}")
            model.add_bool_or(options).only_enforce_if(y)
            attends.append(y)
    total = problem.total_wishes()
    weight = 0 if place_all else total + 1
    model.minimize(weight * (len(placed) - sum(placed)) + total - sum(attends))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ExactResult(None, None, 0, False)
    slot_of = [n_slots] * problem.n_sessions
    for (s, t), var in z.items():
        if solver.boolean_value(var):
            slot_of[s] = t
    unscheduled = sum(1 for s in placed_sessions if slot_of[s] == n_slots)
    missed = int(round(solver.objective_value)) - weight * unscheduled
    bound = math.ceil(solver.best_objective_bound - 1e-6) - weight * unscheduled
    return ExactResult(slot_of, missed, max(0, bound), status == cp_model.OPTIMAL)
