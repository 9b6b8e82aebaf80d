"""Seeded random instances shaped like real Open Spaces, for tests and benchmarks.

Topic popularity is Zipf-like; each participant favours one or two themes and wants 3-8
sessions; about 10 % of hosts run two sessions and 20 % of hosts miss one slot; room
capacities form a ladder derived from demand so that every session fits somewhere.
Optional knobs add co-hosts, room features and requirements, pinned sessions and
participants who arrive late or leave early.
"""

from __future__ import annotations

import math
import random

FEATURES = ("wheelchair", "projector", "interpreting", "childcare")


def _pick_wants(rng: random.Random, weights: list[float], themes: list[int], favoured) -> set:
    wanted_count = min(rng.randint(3, 8), len(weights))
    biased = [w * (3.0 if themes[s] in favoured else 1.0) for s, w in enumerate(weights)]
    wants: set[int] = set()
    while len(wants) < wanted_count:  # draw in batches: one weight table per participant
        for s in rng.choices(range(len(weights)), weights=biased, k=2 * wanted_count):
            if len(wants) < wanted_count:
                wants.add(s)
    return wants


def _capacity_ladder(demands: list[int], n_rooms: int, n_slots: int) -> list[int]:
    ranked = sorted(demands, reverse=True) or [1]
    capacities = []
    for j in range(n_rooms):
        demand = ranked[min(j * n_slots, len(ranked) - 1)]
        capacities.append(max(5, 5 * math.ceil(1.2 * demand / 5)))
    return capacities


def generate(
    participants: int = 300,
    sessions: int | None = None,
    slots: int | None = None,
    rooms: int | None = None,
    seed: int = 0,
    co_hosts: float = 0.0,
    features: float = 0.0,
    pinned: int = 0,
    late_early: float = 0.0,
) -> dict:
    """An instance dict in the engine's input format.

    co_hosts: share of sessions with a second host; features: share of sessions requiring a
    room feature (rooms get the features their place on the capacity ladder needs); pinned: number of sessions pinned to a valid place; late_early: share of
    participants unavailable in the first or the last slot.
    """
    rng = random.Random(seed)
    n_sessions = sessions if sessions is not None else max(4, round(participants / 7))
    n_slots = slots if slots is not None else max(3, min(8, round(math.sqrt(n_sessions) / 2.4)))
    n_rooms = rooms if rooms is not None else max(1, math.ceil(n_sessions * 1.1 / n_slots))
    slot_ids = [f"t{i}" for i in range(n_slots)]
    n_themes = max(1, n_sessions // 10)
    themes = [rng.randrange(n_themes) for _ in range(n_sessions)]
    weights = [1.0 / (rank + 1) for rank in rng.sample(range(n_sessions), n_sessions)]

    wants: list[set[int]] = []
    unavailable: list[set[int]] = []
    for _ in range(participants):
        favoured = set(rng.sample(range(n_themes), min(n_themes, rng.randint(1, 2))))
        wants.append(_pick_wants(rng, weights, themes, favoured))
        away = set()
        if n_slots > 1 and rng.random() < late_early:
            away.add(0 if rng.random() < 0.5 else n_slots - 1)
        unavailable.append(away)

    hosts = _choose_hosts(rng, participants, n_sessions, co_hosts)
    for session_hosts in hosts:
        for h in session_hosts:
            if not unavailable[h] and n_slots > 1 and rng.random() < 0.2:
                unavailable[h].add(rng.randrange(n_slots))
    # A host must be able to attend all their sessions in distinct slots.
    for h in {h for hs in hosts for h in hs}:
        hosted = sum(h in hs for hs in hosts)
        while unavailable[h] and n_slots - len(unavailable[h]) < hosted:
            unavailable[h].pop()

    demand = [0] * n_sessions
    for wanted in wants:
        for s in wanted:
            demand[s] += 1
    for s, session_hosts in enumerate(hosts):
        demand[s] += sum(1 for h in set(session_hosts) if s not in wants[h])
    capacities = _capacity_ladder(demand, n_rooms, n_slots)
    requires = [
        [rng.choice(FEATURES)] if rng.random() < features else [] for _ in range(n_sessions)
    ]
    ranked = sorted(range(n_sessions), key=lambda s: -demand[s])
    ladder_room = [0] * n_sessions
    for rank, s in enumerate(ranked):
        ladder_room[s] = min(rank // n_slots, n_rooms - 1)
    room_features = _room_features(rng, requires, ladder_room, n_rooms, features)
    pins = _choose_pins(rng, pinned, hosts, unavailable, ladder_room, n_slots)

    instance = {
        "name": f"generated-{participants}-{seed}",
        "slots": [{"id": t, "label": f"Slot {i + 1}"} for i, t in enumerate(slot_ids)],
        "rooms": [
            {"id": f"r{j}", "capacity": capacities[j], "features": sorted(room_features[j])}
            for j in range(n_rooms)
        ],
        "sessions": [],
        "participants": [],
    }
    for s in range(n_sessions):
        session = {"id": f"s{s}", "title": f"Thema {s}", "hosts": [f"p{h}" for h in hosts[s]]}
        if requires[s]:
            session["requires"] = requires[s]
        if s in pins:
            session["pinned"] = {"slot": slot_ids[pins[s][0]], "room": f"r{pins[s][1]}"}
        instance["sessions"].append(session)
    for p in range(participants):
        person = {"id": f"p{p}", "wants": [f"s{s}" for s in sorted(wants[p])]}
        if unavailable[p]:
            person["unavailable"] = [slot_ids[t] for t in sorted(unavailable[p])]
        instance["participants"].append(person)
    return instance


def _choose_hosts(rng: random.Random, participants: int, n_sessions: int, co_hosts: float):
    hosts: list[list[int]] = []
    for s in range(n_sessions):
        if s > 0 and rng.random() < 0.1:
            hosts.append([rng.choice(hosts)[0]])  # about 10 % of hosts run two sessions
        else:
            hosts.append([rng.randrange(participants)])
        if participants > 1 and rng.random() < co_hosts:
            second = rng.randrange(participants)
            if second != hosts[s][0]:
                hosts[s].append(second)
    return hosts


def _room_features(rng, requires, ladder_room, n_rooms, share) -> list[set[str]]:
    """Features planted along the capacity ladder, so every requirement fits somewhere.

    The ladder sizes room j for the sessions ranked j·slots … j·slots + slots − 1 by
    demand (their `ladder_room`); giving each room the features those sessions need keeps
    that packing valid.
    """
    features: list[set[str]] = [set() for _ in range(n_rooms)]
    if share <= 0:
        return features
    for s, room in enumerate(ladder_room):
        features[room].update(requires[s])
    for room in features:
        room.update(f for f in FEATURES if rng.random() < share / 2)
    return features


def _choose_pins(rng, count, hosts, unavailable, ladder_room, n_slots) -> dict:
    """Pins to each session's ladder room, so that pins never break the planted packing."""
    pins: dict[int, tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    hosting: set[tuple[int, int]] = set()
    for s in rng.sample(range(len(hosts)), len(hosts)):
        if len(pins) >= count:
            break
        room = ladder_room[s]
        slots = [
            t
            for t in range(n_slots)
            if (t, room) not in taken
            and all(t not in unavailable[h] and (h, t) not in hosting for h in hosts[s])
        ]
        if not slots:
            continue
        t = rng.choice(slots)
        pins[s] = (t, room)
        taken.add((t, room))
        hosting.update((h, t) for h in hosts[s])
    return pins
