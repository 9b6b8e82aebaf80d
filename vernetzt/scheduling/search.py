"""Simulated annealing over slot assignments.

Missed wishes depend only on which slot each session gets, so the search state is a slot
per session plus, per slot, one room matching that proves the slot's sessions fit its rooms.
Per (participant, slot) counters feed per-session loss/gain tables, so a move's effect on
missed wishes is read in O(1) (plus the participants two swapped sessions share); only
accepted moves pay O(members × wishes) to update the tables.
"""

from __future__ import annotations

import math
import random
import time
from operator import itemgetter

from .model import Problem


def _getter(indices: list[int]):
    """A function returning the counter values at `indices` as a tuple, fast for any length."""
    if not indices:
        return lambda counters: ()
    if len(indices) == 1:
        only = indices[0]
        return lambda counters: (counters[only],)
    return itemgetter(*indices)


def _augment(occupant: list[int], s: int, rooms_of: list[list[int]], visited: set[int]) -> bool:
    """Kuhn's augmenting path: seat session `s`, moving others between rooms they fit."""
    rooms = rooms_of[s]
    for r in rooms:
        if occupant[r] < 0:
            occupant[r] = s
            return True
    for r in rooms:
        if r not in visited:
            visited.add(r)
            if _augment(occupant, occupant[r], rooms_of, visited):
                occupant[r] = s
                return True
    return False


class SlotSearch:
    """Mutable schedule with O(1) move evaluation; slot index `n_slots` means unscheduled."""

    def __init__(self, problem: Problem, home_slot: list[int] | None = None):
        self.problem = problem
        n_slots, n_sessions = problem.n_slots, problem.n_sessions
        self.unscheduled_slot = n_slots
        self.total_wishes = problem.total_wishes()
        # Lexicographic objective folded into one integer: unscheduled >> missed >> moves.
        self.home_slot = home_slot
        self.miss_weight = n_sessions + 1 if home_slot is not None else 1
        self.unscheduled_weight = self.miss_weight * (self.total_wishes + 1)
        self.rooms_in_slot = [
            [
                [r for r in problem.eligible_rooms[s] if problem.open_place[t][r]]
                if problem.fixed[s] is None
                else list(problem.eligible_rooms[s])
                for s in range(n_sessions)
            ]
            for t in range(n_slots)
        ]
        self.cover_index: list[list[list[int]]] = []
        self.host_index: list[list[list[int]]] = []
        for s in range(n_sessions):
            per_slot = [
                [p * n_slots + t for p in problem.members[s] if t not in problem.unavailable[p]]
                for t in range(n_slots)
            ]
            per_slot.append([])
            self.cover_index.append(per_slot)
            hosts = [[h * n_slots + t for h in problem.hosts[s]] for t in range(n_slots)]
            hosts.append([])
            self.host_index.append(hosts)
        # Per session and slot: (counter index, that participant's sessions) pairs, so the
        # table updates in _enter/_leave need no division or extra look-up per participant.
        self.cover_pairs = [
            [[(i, problem.sessions_of[i // n_slots]) for i in per_slot] for per_slot in cover]
            for cover in self.cover_index
        ]
        self.n_sessions = n_sessions
        self.shared: dict[int, list[int]] = {}
        for p, wanted in enumerate(problem.sessions_of):
            ordered = sorted(wanted)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    self.shared.setdefault(a * n_sessions + b, []).append(p)
        self.shared_getters: dict[int, object] = {}
        self.available = bytearray(
            t not in problem.unavailable[p]
            for p in range(problem.n_participants)
            for t in range(n_slots)
        )
        self.allowed = [set(slots) for slots in problem.allowed_slots]
        self.allowed_list = [list(slots) for slots in problem.allowed_slots]
        self.movable = [
            s for s in range(n_sessions) if problem.fixed[s] is None and problem.allowed_slots[s]
        ]
        self.reset()

    def reset(self) -> None:
        problem = self.problem
        n_slots = problem.n_slots
        self.slot_of = [self.unscheduled_slot] * problem.n_sessions
        self.count = [0] * (problem.n_participants * n_slots)
        self.host_count = [0] * (problem.n_participants * n_slots)
        # -1 marks a free room, -2 a closed one, so "-1 in occupant" tells if a slot has space.
        self.occupant = [
            [-1 if problem.open_place[t][r] else -2 for r in range(problem.n_rooms)]
            for t in range(n_slots)
        ]
        self.room_of = [-1] * problem.n_sessions
        self.covered = 0
        self.n_unscheduled = problem.n_sessions
        self.moved = 0
        # loss[s]: participants only `s` covers in its slot (they lose that slot if s goes);
        # gain[s * (n_slots + 1) + t]: participants of s present in t with nothing there yet.
        self.loss = [0] * problem.n_sessions
        self.gain = [
            len(self.cover_index[s][t]) if t < n_slots else 0
            for s in range(problem.n_sessions)
            for t in range(n_slots + 1)
        ]
        for s, place in enumerate(problem.fixed):
            if place is not None:
                self._enter(s, place[0])
                self.occupant[place[0]][place[1]] = s
                self.room_of[s] = place[1]
        # free[t]: open rooms without a session in slot t (relocation needs one).
        self.free = [row.count(-1) for row in self.occupant]

    # -- objective -------------------------------------------------------------------------

    @property
    def missed(self) -> int:
        return self.total_wishes - self.covered

    @property
    def cost(self) -> int:
        return (
            self.n_unscheduled * self.unscheduled_weight
            + self.missed * self.miss_weight
            + self.moved
        )

    def _move_penalty(self, s: int, slot: int) -> int:
        """1 if `s` would leave the slot it had before re-planning (-1: it had none)."""
        if self.home_slot is None:
            return 0
        home = self.home_slot[s]
        return int(home >= 0 and slot != home)

    def _enter(self, s: int, slot: int) -> None:
        self.slot_of[s] = slot
        count, gain, loss = self.count, self.gain, self.loss
        slot_of = self.slot_of
        stride = self.unscheduled_slot + 1
        gained = 0
        for i, wanted in self.cover_pairs[s][slot]:
            before = count[i]
            count[i] = before + 1
            if before == 0:
                gained += 1
                for x in wanted:
                    gain[x * stride + slot] -= 1
            elif before == 1:
                for x in wanted:
                    if x != s and slot_of[x] == slot:
                        loss[x] -= 1
                        break
        for i in self.host_index[s][slot]:
            self.host_count[i] += 1
        loss[s] += gained
        self.covered += gained
        if slot != self.unscheduled_slot:
            self.n_unscheduled -= 1
        self.moved += self._move_penalty(s, slot)

    def _leave(self, s: int) -> None:
        slot = self.slot_of[s]
        count, gain, loss = self.count, self.gain, self.loss
        slot_of = self.slot_of
        stride = self.unscheduled_slot + 1
        lost = 0
        for i, wanted in self.cover_pairs[s][slot]:
            before = count[i]
            count[i] = before - 1
            if before == 1:
                lost += 1
                for x in wanted:
                    gain[x * stride + slot] += 1
            elif before == 2:
                for x in wanted:
                    if x != s and slot_of[x] == slot:
                        loss[x] += 1
                        break
        for i in self.host_index[s][slot]:
            self.host_count[i] -= 1
        loss[s] -= lost
        self.covered -= lost
        if slot != self.unscheduled_slot:
            self.n_unscheduled += 1
        self.moved -= self._move_penalty(s, slot)
        self.slot_of[s] = -1  # nowhere until _enter; keeps the coverer look-ups exact

    def _hosts_free(self, s: int, slot: int, leaving: int = -1) -> bool:
        """True if no host of `s` already hosts in `slot` (ignoring session `leaving`)."""
        host_count = self.host_count
        for i in self.host_index[s][slot]:
            busy = host_count[i]
            if busy and not (leaving >= 0 and i in self.host_index[leaving][slot] and busy == 1):
                return False
        return True

    def _seat(self, slot: int, s: int, without: int = -1) -> list[int] | None:
        """Room matching for `slot` after adding `s` (and removing `without`), or None."""
        occupant = self.occupant[slot][:]
        if without >= 0:
            occupant[self.room_of[without]] = -1
        if _augment(occupant, s, self.rooms_in_slot[slot], set()):
            return occupant
        return None

    def _commit_rooms(self, slot: int, occupant: list[int]) -> None:
        self.occupant[slot] = occupant
        room_of = self.room_of
        for r, s in enumerate(occupant):
            if s >= 0:
                room_of[s] = r

    def relocate(self, s: int, slot: int, occupant: list[int] | None) -> None:
        old = self.slot_of[s]
        if old != self.unscheduled_slot:
            self.occupant[old][self.room_of[s]] = -1
            self.free[old] += 1
        self._leave(s)
        self._enter(s, slot)
        if slot == self.unscheduled_slot:
            self.room_of[s] = -1
        else:
            self._commit_rooms(slot, occupant)
            self.free[slot] -= 1

    # -- construction ----------------------------------------------------------------------

    def greedy(self, rng: random.Random, noise: float = 0.0) -> None:
        """Place the hardest sessions first, each where it adds the most attendable wishes."""
        problem = self.problem
        order = sorted(
            self.movable,
            key=lambda s: (
                len(problem.allowed_slots[s]),
                -problem.demand(s) - noise * rng.random(),
            ),
        )
        for s in order:
            if self.slot_of[s] != self.unscheduled_slot:
                continue
            best = None
            for slot in self.allowed_list[s]:
                if not self._hosts_free(s, slot):
                    continue
                gain = self.gain[s * (self.unscheduled_slot + 1) + slot]
                score = gain * self.miss_weight - self._move_penalty(s, slot)
                score += noise * rng.random()
                if best is not None and score <= best[0]:
                    continue
                occupant = self._seat(slot, s)
                if occupant is not None:
                    best = (score, slot, occupant)
            if best is not None:
                self.relocate(s, best[1], best[2])

    def load(self, slot_of: list[int], tolerant: bool = False) -> bool:
        """Rebuild the state from a slot per session; False if it breaks a hard rule.

        With `tolerant`, sessions that no longer fit are left unscheduled instead (used when
        re-planning starts from a schedule that a change has partly invalidated).
        """
        self.reset()
        for s in self.movable:
            slot = slot_of[s]
            if slot < 0 or slot >= self.unscheduled_slot:
                continue
            fits = slot in self.allowed[s] and self._hosts_free(s, slot)
            occupant = self._seat(slot, s) if fits else None
            if occupant is None:
                if tolerant:
                    continue
                return False
            self.relocate(s, slot, occupant)
        return True

    # -- annealing -------------------------------------------------------------------------

    def anneal(
        self,
        deadline: float,
        seed: int,
        start_temperature: float | None = None,
        end_temperature: float = 0.1,
        target_cost: int | None = None,
        stop=None,
        schedule: tuple[float, float] | None = None,
    ) -> tuple[int, list[int]]:
        """Anneal until `deadline`; returns the best cost and slot assignment seen.

        The temperature falls geometrically over the wall-time window `schedule` (default:
        now until `deadline`), so a run cut into pieces keeps one cooling schedule.
        """
        if start_temperature is None:
            # Re-planning starts from a good schedule; a hot start would only scatter it.
            start_temperature = 4.0 if self.home_slot is None else 1.0
        rng = random.Random(seed)
        rand = rng.random
        movable = self.movable
        if not movable:
            return self.cost, self.slot_of[:]
        n_movable = len(movable)
        slot_of = self.slot_of
        loss, gain, stride = self.loss, self.gain, self.unscheduled_slot + 1
        allowed = self.allowed
        allowed_list = self.allowed_list
        unscheduled = self.unscheduled_slot
        miss_weight = self.miss_weight
        unscheduled_weight = self.unscheduled_weight
        best_cost, best_slots = self.cost, slot_of[:]
        current = best_cost
        start, finish = schedule if schedule is not None else (time.monotonic(), deadline)
        span = max(finish - start, 1e-3)
        scale = miss_weight
        ratio = end_temperature / start_temperature
        progress = min(1.0, max(0.0, (time.monotonic() - start) / span))
        temperature = start_temperature * scale * ratio**progress
        # Relocation needs a free room; a slot without one (free[t] == 0, kept up to date) is
        # rejected at once, so failed attempts are cheap when nearly every place is taken.
        relocate_share = 0.5
        free = self.free
        host_index, host_count = self.host_index, self.host_count
        count, shared, getters = self.count, self.shared, self.shared_getters
        shared_values = self._shared_values
        n_sessions = self.n_sessions
        home = self.home_slot
        exp = math.exp
        iteration = 0
        while True:
            iteration += 1
            if iteration & 511 == 0:
                now = time.monotonic()
                if now >= deadline:
                    break
                temperature = start_temperature * scale * ratio ** ((now - start) / span)
                if target_cost is not None and best_cost <= target_cost:
                    break
                if stop is not None and iteration & 16383 == 0 and stop():
                    break
            s = movable[int(rand() * n_movable)]
            here = slot_of[s]
            if rand() < relocate_share:
                options = allowed_list[s]
                there = options[int(rand() * len(options))]
                if there == here or not free[there]:
                    continue
                for i in host_index[s][there]:
                    if host_count[i]:
                        break
                else:
                    delta = (loss[s] - gain[s * stride + there]) * miss_weight
                    if here == unscheduled:
                        delta -= unscheduled_weight
                    if home is not None:
                        delta += self._move_penalty(s, there) - self._move_penalty(s, here)
                    if delta > 0 and rand() >= exp(-delta / temperature):
                        continue
                    occupant = self._seat(there, s)
                    if occupant is None:
                        continue
                    self.relocate(s, there, occupant)
                    current += delta
                    if current < best_cost:
                        best_cost, best_slots = current, slot_of[:]
                continue
            other = movable[int(rand() * n_movable)]
            there = slot_of[other]
            if there == here:
                continue
            if here != unscheduled and here not in allowed[other]:
                continue
            if there != unscheduled and there not in allowed[s]:
                continue
            # Hosts: s must be free in `there` apart from other's hosts, and vice versa.
            blocked = False
            leaving = host_index[other][there]
            for i in host_index[s][there]:
                busy = host_count[i]
                if busy and not (busy == 1 and i in leaving):
                    blocked = True
                    break
            if blocked:
                continue
            leaving = host_index[s][here]
            for i in host_index[other][here]:
                busy = host_count[i]
                if busy and not (busy == 1 and i in leaving):
                    blocked = True
                    break
            if blocked:
                continue
            lost = loss[s] + loss[other]
            pair = s * n_sessions + other if s < other else other * n_sessions + s
            if pair in shared:
                values = getters.get(pair * stride + here) or shared_values(pair, here)
                lost -= values(count).count(1)
                values = getters.get(pair * stride + there) or shared_values(pair, there)
                lost -= values(count).count(1)
            delta = (lost - gain[s * stride + there] - gain[other * stride + here]) * miss_weight
            if home is not None:
                delta += (
                    self._move_penalty(s, there)
                    + self._move_penalty(other, here)
                    - self._move_penalty(s, here)
                    - self._move_penalty(other, there)
                )
            if delta > 0 and rand() >= exp(-delta / temperature):
                continue
            if not self._swap(s, other):
                continue
            current += delta
            if current < best_cost:
                best_cost, best_slots = current, slot_of[:]
        self.iterations = iteration
        return best_cost, best_slots

    def _shared_values(self, pair: int, slot: int):
        """Counter getter for the participants of a session pair present in `slot` (cached)."""
        key = pair * (self.unscheduled_slot + 1) + slot
        getter = self.shared_getters.get(key)
        if getter is None:
            n_slots = self.unscheduled_slot
            indices = []
            if slot < n_slots:
                indices = [
                    p * n_slots + slot
                    for p in self.shared[pair]
                    if self.available[p * n_slots + slot]
                ]
            getter = self.shared_getters[key] = _getter(indices)
        return getter

    def _swap_delta(self, s: int, other: int) -> int | None:
        """Cost change of exchanging the slots of `s` and `other`, without applying it.

        Each session's own loss and gain is read from the counters; a participant wanting
        both sessions keeps their cover in both slots, so the losses counted for them are
        added back.
        """
        here, there = self.slot_of[s], self.slot_of[other]
        if not (
            self._hosts_free(s, there, leaving=other) and self._hosts_free(other, here, leaving=s)
        ):
            return None
        count, gain, stride = self.count, self.gain, self.unscheduled_slot + 1
        lost = self.loss[s] + self.loss[other]
        gained = gain[s * stride + there] + gain[other * stride + here]
        pair = s * self.n_sessions + other if s < other else other * self.n_sessions + s
        if pair in self.shared:
            lost -= self._shared_values(pair, here)(count).count(1)
            lost -= self._shared_values(pair, there)(count).count(1)
        delta = (lost - gained) * self.miss_weight
        if self.home_slot is not None:
            delta += (
                self._move_penalty(s, there)
                + self._move_penalty(other, here)
                - self._move_penalty(s, here)
                - self._move_penalty(other, there)
            )
        return delta

    def _swap(self, s: int, other: int) -> bool:
        here, there = self.slot_of[s], self.slot_of[other]
        unscheduled = self.unscheduled_slot
        seat_here = seat_there = None
        if here != unscheduled:
            seat_here = self._seat_instead(here, other, s)
            if seat_here is None:
                return False
        if there != unscheduled:
            seat_there = self._seat_instead(there, s, other)
            if seat_there is None:
                return False
        self._leave(s)
        self._leave(other)
        self._enter(s, there)
        self._enter(other, here)
        for slot, seating in ((here, seat_here), (there, seat_there)):
            if seating is not None:
                self._commit_rooms(slot, seating)
        if here == unscheduled:
            self.room_of[other] = -1
        if there == unscheduled:
            self.room_of[s] = -1
        return True

    def _seat_instead(self, slot: int, incoming: int, outgoing: int) -> list[int] | None:
        room = self.room_of[outgoing]
        if room in self.rooms_in_slot[slot][incoming]:
            occupant = self.occupant[slot][:]
            occupant[room] = incoming
            return occupant
        return self._seat(slot, incoming, without=outgoing)
