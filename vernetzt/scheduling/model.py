"""Turn an instance dict into an index-based problem, rejecting bad input early.

The solver's hot loops work on small ints, so every id is mapped to an index once here.
All hard rules that depend only on the input (room eligibility, host availability, pins)
are resolved here, which keeps the search code free of id handling.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class InstanceError(ValueError):
    """Bad input; the message names the offending item so a person can fix it."""


@dataclass
class Problem:
    slot_ids: list[str]
    room_ids: list[str]
    session_ids: list[str]
    participant_ids: list[str]
    capacity: list[int]
    room_features: list[frozenset[str]]
    hosts: list[list[int]]
    requires: list[frozenset[str]]
    members: list[list[int]]  # participants who want or host each session
    sessions_of: list[list[int]]  # per participant: wanted or hosted sessions
    unavailable: list[frozenset[int]]
    fixed: list[tuple[int, int] | None]  # pinned (or frozen) place per session
    partial_pin: list[tuple[int | None, int | None] | None]  # a pin to only a slot or a room
    relaxed: list[bool] = field(default_factory=list)  # frozen: keep place, skip checks
    open_place: list[list[bool]] = field(default_factory=list)  # [slot][room] usable
    allowed_slots: list[list[int]] = field(default_factory=list)
    eligible_rooms: list[list[int]] = field(default_factory=list)  # by capacity, smallest first
    impossible: list[str | None] = field(default_factory=list)  # why a session cannot be placed

    @property
    def n_slots(self) -> int:
        return len(self.slot_ids)

    @property
    def n_rooms(self) -> int:
        return len(self.room_ids)

    @property
    def n_sessions(self) -> int:
        return len(self.session_ids)

    @property
    def n_participants(self) -> int:
        return len(self.participant_ids)

    def demand(self, s: int) -> int:
        return len(self.members[s])

    def total_wishes(self) -> int:
        return sum(len(ss) for ss in self.sessions_of)


def _quote(value) -> str:
    return f"'{value}'"


def _require_list(container: dict, key: str, owner: str, optional: bool = False) -> list:
    if key not in container:
        if optional:
            return []
        raise InstanceError(f"{owner}: missing '{key}'")
    value = container[key]
    if not isinstance(value, list):
        raise InstanceError(f"{owner}: '{key}' must be a list")
    return value


def _string_list(container: dict, key: str, owner: str) -> list[str]:
    values = _require_list(container, key, owner, optional=True)
    for value in values:
        if not isinstance(value, str):
            raise InstanceError(f"{owner}: '{key}' must hold strings, got {value!r}")
    return list(dict.fromkeys(values))


def _index_items(items: list, kind: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            raise InstanceError(f"{kind} #{position + 1} must be an object")
        item_id = item.get("id")
        if not isinstance(item_id, str) or not item_id:
            raise InstanceError(f"{kind} #{position + 1} has no string 'id'")
        if item_id in index:
            raise InstanceError(f"{kind} {_quote(item_id)} is defined twice")
        index[item_id] = position
    return index


def _room_capacity(room: dict) -> int:
    capacity = room.get("capacity")
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        raise InstanceError(
            f"room {_quote(room['id'])}: capacity must be a non-negative integer, got {capacity!r}"
        )
    return capacity


def parse_instance(
    instance: dict,
    *,
    frozen_places: dict[str, tuple[str, str]] | None = None,
    closed_places: set[tuple[str, str]] | None = None,
) -> Problem:
    """Validate `instance` and build a Problem.

    `frozen_places` (session id -> (slot id, room id)) and `closed_places` are used by
    re-planning: frozen sessions keep their place even if a rule is broken there now
    (they already happened), and closed places may not receive any other session.
    """
    if not isinstance(instance, dict):
        raise InstanceError("instance: must be a JSON object")
    slots = _require_list(instance, "slots", "instance")
    rooms = _require_list(instance, "rooms", "instance")
    sessions = _require_list(instance, "sessions", "instance")
    participants = _require_list(instance, "participants", "instance")
    slot_index = _index_items(slots, "slot")
    room_index = _index_items(rooms, "room")
    session_index = _index_items(sessions, "session")
    participant_index = _index_items(participants, "participant")

    capacity = [_room_capacity(room) for room in rooms]
    room_features = [
        frozenset(_string_list(room, "features", f"room {_quote(room['id'])}")) for room in rooms
    ]

    sessions_of: list[list[int]] = [[] for _ in participants]
    unavailable: list[frozenset[int]] = []
    for p, person in enumerate(participants):
        owner = f"participant {_quote(person['id'])}"
        for session_id in _string_list(person, "wants", owner):
            if session_id not in session_index:
                raise InstanceError(f"{owner} wants unknown session {_quote(session_id)}")
            sessions_of[p].append(session_index[session_id])
        away = set()
        for slot_id in _string_list(person, "unavailable", owner):
            if slot_id not in slot_index:
                raise InstanceError(f"{owner}: unavailable slot {_quote(slot_id)} is not a slot")
            away.add(slot_index[slot_id])
        unavailable.append(frozenset(away))

    hosts: list[list[int]] = []
    requires: list[frozenset[str]] = []
    pins: list[tuple[int, int] | None] = []
    for session in sessions:
        owner = f"session {_quote(session['id'])}"
        host_ids = _string_list(session, "hosts", owner)
        if not host_ids:
            raise InstanceError(f"{owner} has no host")
        for host_id in host_ids:
            if host_id not in participant_index:
                raise InstanceError(f"{owner}: host {_quote(host_id)} is not a participant")
        hosts.append([participant_index[h] for h in host_ids])
        requires.append(frozenset(_string_list(session, "requires", owner)))
        pins.append(_parse_pin(session, owner, slot_index, room_index))

    for s, session_hosts in enumerate(hosts):
        for h in session_hosts:
            if s not in sessions_of[h]:
                sessions_of[h].append(s)
    members: list[list[int]] = [[] for _ in sessions]
    for p, wanted in enumerate(sessions_of):
        for s in wanted:
            members[s].append(p)

    relaxed = [False] * len(sessions)
    for session_id, (slot_id, room_id) in (frozen_places or {}).items():
        s = session_index[session_id]
        pins[s] = (slot_index[slot_id], room_index[room_id])
        relaxed[s] = True

    problem = Problem(
        slot_ids=list(slot_index),
        room_ids=list(room_index),
        session_ids=list(session_index),
        participant_ids=list(participant_index),
        capacity=capacity,
        room_features=room_features,
        hosts=hosts,
        requires=requires,
        members=members,
        sessions_of=sessions_of,
        unavailable=unavailable,
        fixed=[pin if pin and None not in pin else None for pin in pins],
        partial_pin=[pin if pin and None in pin else None for pin in pins],
        relaxed=relaxed,
    )
    problem.open_place = [[True] * len(rooms) for _ in slots]
    for slot_id, room_id in closed_places or ():
        problem.open_place[slot_index[slot_id]][room_index[room_id]] = False
    _derive_options(problem)
    _check_pins(problem)
    return problem


def _parse_pin(session: dict, owner: str, slot_index: dict, room_index: dict):
    """(slot or None, room or None) or None; a bare string pins to a slot, any room."""
    pin = session.get("pinned")
    if pin is None:
        return None
    if isinstance(pin, str):
        pin = {"slot": pin}
    if not isinstance(pin, dict) or not ({"slot", "room"} & pin.keys()):
        raise InstanceError(f"{owner}: 'pinned' must be an object with 'slot' and/or 'room'")
    slot_id, room_id = pin.get("slot"), pin.get("room")
    if slot_id is not None and slot_id not in slot_index:
        raise InstanceError(f"{owner}: pinned slot {slot_id!r} is not a slot")
    if room_id is not None and room_id not in room_index:
        raise InstanceError(f"{owner}: pinned room {room_id!r} is not a room")
    return (
        None if slot_id is None else slot_index[slot_id],
        None if room_id is None else room_index[room_id],
    )


def _derive_options(problem: Problem) -> None:
    """Precompute where each session may go; unplaceable sessions get a reason."""
    rooms_by_size = sorted(range(problem.n_rooms), key=lambda r: (problem.capacity[r], r))
    for s in range(problem.n_sessions):
        demand = problem.demand(s)
        rooms = [
            r
            for r in rooms_by_size
            if problem.capacity[r] >= demand and problem.requires[s] <= problem.room_features[r]
        ]
        away = set().union(*(problem.unavailable[h] for h in problem.hosts[s]))
        slots = [t for t in range(problem.n_slots) if t not in away]
        reason = None
        if problem.fixed[s] is not None:
            slots, rooms = [problem.fixed[s][0]], [problem.fixed[s][1]]
        elif problem.partial_pin[s] is not None:
            pin_slot, pin_room = problem.partial_pin[s]
            slots = [pin_slot] if pin_slot is not None else slots
            rooms = [pin_room] if pin_room is not None else rooms
            slots = [t for t in slots if any(problem.open_place[t][r] for r in rooms)]
            if not slots:
                reason = "its pinned room is closed in every slot its hosts can attend"
        elif not rooms:
            needs = f" with {', '.join(sorted(problem.requires[s]))}" if problem.requires[s] else ""
            reason = f"no room{needs} holds its {demand} participants"
        elif not problem.n_slots:
            reason = "the event has no slots"
        elif not slots:
            reason = "a host is unavailable in every slot"
        else:
            slots = [t for t in slots if any(problem.open_place[t][r] for r in rooms)]
            if not slots:
                reason = "every suitable room is closed in the slots its hosts can attend"
        problem.allowed_slots.append(slots if reason is None else [])
        problem.eligible_rooms.append(rooms if reason is None else [])
        problem.impossible.append(reason)


def _check_pins(problem: Problem) -> None:
    """A pin that breaks a hard rule is an input error, not something to repair silently."""
    taken: dict[tuple[int, int], int] = {}
    hosting: dict[tuple[int, int], int] = {}
    for s in range(problem.n_sessions):
        place = problem.fixed[s] or problem.partial_pin[s]
        if place is None:
            continue
        slot, room = place
        name = _quote(problem.session_ids[s])
        if slot is not None and room is not None:
            where = f"slot {_quote(problem.slot_ids[slot])}, room {_quote(problem.room_ids[room])}"
            if place in taken:
                other = _quote(problem.session_ids[taken[place]])
                raise InstanceError(f"sessions {other} and {name} are both pinned to {where}")
            taken[place] = s
        if slot is not None:
            for h in problem.hosts[s]:
                if (h, slot) in hosting:
                    other = _quote(problem.session_ids[hosting[h, slot]])
                    raise InstanceError(
                        f"participant {_quote(problem.participant_ids[h])} hosts both {other} "
                        f"and {name}, pinned to the same slot {_quote(problem.slot_ids[slot])}"
                    )
                hosting[h, slot] = s
        if not problem.relaxed[s]:
            _check_pinned_place(problem, s, slot, room, name)


def _check_pinned_place(problem: Problem, s: int, slot, room, name: str) -> None:
    if room is not None:
        room_name = _quote(problem.room_ids[room])
        missing = problem.requires[s] - problem.room_features[room]
        if missing:
            raise InstanceError(
                f"session {name}: pinned room {room_name} lacks feature "
                f"{_quote(sorted(missing)[0])}"
            )
        if problem.capacity[room] < problem.demand(s):
            raise InstanceError(
                f"session {name}: pinned room {room_name} holds {problem.capacity[room]} but "
                f"{problem.demand(s)} participants want the session"
            )
    if slot is not None:
        for h in problem.hosts[s]:
            if slot in problem.unavailable[h]:
                raise InstanceError(
                    f"session {name}: host {_quote(problem.participant_ids[h])} is unavailable "
                    f"in pinned slot {_quote(problem.slot_ids[slot])}"
                )
    if slot is not None and room is not None and not problem.open_place[slot][room]:
        raise InstanceError(
            f"session {name}: pinned place slot {_quote(problem.slot_ids[slot])}, room "
            f"{_quote(problem.room_ids[room])} is not available"
        )
