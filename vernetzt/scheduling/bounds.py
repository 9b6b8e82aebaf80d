"""Lower bounds on missed wishes that hold for every schedule.

A participant attends at most one session per slot, only in slots where they are present,
and only sessions that can be placed in that slot at all (a host's availability or a pin
restricts it). So each participant attends at most a maximum matching between their
sessions and their available slots; every wish beyond that matching is missed by any
schedule. This refines the "unavoidable" count Σ max(0, |wishes| − slots).
"""

from __future__ import annotations

from .model import Problem


def _max_matching(options: list[list[int]]) -> int:
    """Size of a maximum matching of items (each with its usable slots) to distinct slots."""
    slot_owner: dict[int, int] = {}

    def seat(item: int, seen: set[int]) -> bool:
        for slot in options[item]:
            if slot in seen:
                continue
            seen.add(slot)
            if slot not in slot_owner or seat(slot_owner[slot], seen):
                slot_owner[slot] = item
                return True
        return False

    return sum(seat(item, set()) for item in range(len(options)))


def participant_attendable(problem: Problem, p: int) -> int:
    away = problem.unavailable[p]
    present = problem.n_slots - len(away)
    if all(len(problem.allowed_slots[s]) == problem.n_slots for s in problem.sessions_of[p]):
        return min(len(problem.sessions_of[p]), present)  # nothing restricts: plain count
    options = [
        [t for t in problem.allowed_slots[s] if t not in away] for s in problem.sessions_of[p]
    ]
    return _max_matching(options)


def matching_bound(problem: Problem) -> int:
    return sum(
        len(problem.sessions_of[p]) - participant_attendable(problem, p)
        for p in range(problem.n_participants)
    )


def unavoidable_count(problem: Problem) -> int:
    """The bench's simple bound, reported for comparison with the reference tables."""
    return sum(
        max(0, len(problem.sessions_of[p]) - (problem.n_slots - len(problem.unavailable[p])))
        for p in range(problem.n_participants)
    )
