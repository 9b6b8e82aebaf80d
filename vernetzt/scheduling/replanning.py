"""Re-planning during the event: apply a change, keep started slots, move as little as needed.

The change is applied to a copy of the instance. Sessions in frozen slots become fixed
places (they already happened or are running, so rules are not re-checked for them);
every other place in a frozen slot and every removed room's place is closed. The search
then starts from the current schedule and minimises, in this order, unscheduled sessions,
missed wishes and sessions that change slot; rooms are kept wherever the matching allows.
"""

from __future__ import annotations

import copy

from .engine import assign_rooms, build_output, optimise, work_deadline
from .model import InstanceError, parse_instance

_REPLAN_SHARE = 0.9

CHANGE_KEYS = {
    "frozen_slots",
    "remove_rooms",
    "add_rooms",
    "remove_slots",
    "add_sessions",
    "withdraw_sessions",
    "add_participants",
    "wishes",
    "unavailable",
}


def _ids(items: list) -> set[str]:
    return {item["id"] for item in items if isinstance(item, dict) and "id" in item}


def _id_list(change: dict, key: str, known: set[str], kind: str) -> list[str]:
    values = change.get(key, [])
    if not isinstance(values, list):
        raise InstanceError(f"change: '{key}' must be a list")
    for value in values:
        if value not in known:
            raise InstanceError(f"change: {key} names unknown {kind} {value!r}")
    return list(dict.fromkeys(values))


def _object_list(change: dict, key: str) -> list:
    values = change.get(key, [])
    if not isinstance(values, list):
        raise InstanceError(f"change: '{key}' must be a list")
    return copy.deepcopy(values)


def _current_places(current: dict) -> dict[str, tuple[str, str]]:
    if not isinstance(current, dict) or not isinstance(current.get("assignments"), list):
        raise InstanceError("current schedule: must be an object with an 'assignments' list")
    places = {}
    for entry in current["assignments"]:
        if not isinstance(entry, dict) or not {"session", "slot", "room"} <= entry.keys():
            raise InstanceError(f"current schedule: bad assignment {entry!r}")
        if entry["session"] in places:
            raise InstanceError(f"current schedule: session {entry['session']!r} placed twice")
        places[entry["session"]] = (entry["slot"], entry["room"])
    return places


def _edit_id_lists(instance: dict, change: dict, key: str, field: str, known: set[str]) -> None:
    """Apply {"P1": {"add": [...], "remove": [...]}} edits to participants' `field` lists."""
    edits = change.get(key, {})
    if not isinstance(edits, dict):
        raise InstanceError(f"change: '{key}' must be an object keyed by participant id")
    people = {p["id"]: p for p in instance["participants"]}
    for pid, edit in edits.items():
        if pid not in people:
            raise InstanceError(f"change: {key} for unknown participant {pid!r}")
        if not isinstance(edit, dict) or not set(edit) <= {"add", "remove"}:
            raise InstanceError(f"change: {key} for {pid!r} must be {{'add': [], 'remove': []}}")
        values = list(people[pid].get(field, []))
        for value in edit.get("add", []):
            if value not in known:
                raise InstanceError(f"change: {key} for {pid!r} names unknown {value!r}")
            if value not in values:
                values.append(value)
        removed = set(edit.get("remove", []))
        people[pid][field] = [v for v in values if v not in removed]


def apply_change(instance: dict, current: dict, change: dict):
    """The changed instance, the frozen places and the places closed by the change."""
    if not isinstance(change, dict):
        raise InstanceError("change: must be a JSON object")
    unknown = set(change) - CHANGE_KEYS
    if unknown:
        raise InstanceError(f"change: unknown key {sorted(unknown)[0]!r}")
    parse_instance(instance)  # the original must be valid before it is changed
    places = _current_places(current)
    new = copy.deepcopy(instance)
    slot_ids, room_ids = _ids(new["slots"]), _ids(new["rooms"])
    frozen = _id_list(change, "frozen_slots", slot_ids, "slot")
    removed_slots = _id_list(change, "remove_slots", slot_ids, "slot")
    for slot in removed_slots:
        if slot in frozen:
            raise InstanceError(f"change: slot {slot!r} is frozen and cannot be removed")
    removed_rooms = set(_id_list(change, "remove_rooms", room_ids, "room"))
    new["rooms"] += _object_list(change, "add_rooms")

    withdrawn = set(_id_list(change, "withdraw_sessions", _ids(new["sessions"]), "session"))
    for session_id in withdrawn:
        if places.get(session_id, ("", ""))[0] in frozen:
            raise InstanceError(f"change: session {session_id!r} is in a frozen slot")
    new["sessions"] = [s for s in new["sessions"] if s["id"] not in withdrawn]
    new["sessions"] += _object_list(change, "add_sessions")
    new["participants"] += _object_list(change, "add_participants")
    for person in new["participants"]:
        if isinstance(person, dict) and isinstance(person.get("wants"), list):
            person["wants"] = [s for s in person["wants"] if s not in withdrawn]
    _edit_id_lists(new, change, "wishes", "wants", _ids(new["sessions"]))
    _edit_id_lists(new, change, "unavailable", "unavailable", slot_ids)

    gone = set(removed_slots)
    new["slots"] = [t for t in new["slots"] if t["id"] not in gone]
    for person in new["participants"]:
        if isinstance(person, dict) and isinstance(person.get("unavailable"), list):
            person["unavailable"] = [t for t in person["unavailable"] if t not in gone]

    session_ids = _ids(new["sessions"])
    for session_id, (slot, room) in places.items():
        if session_id not in session_ids and session_id not in withdrawn:
            raise InstanceError(f"current schedule: unknown session {session_id!r}")
        if slot not in slot_ids or room not in room_ids:
            raise InstanceError(f"current schedule: session {session_id!r} has unknown place")
    frozen_places = {
        s: place for s, place in places.items() if place[0] in frozen and s not in withdrawn
    }
    for session in new["sessions"]:
        if isinstance(session, dict) and session.get("id") in frozen_places:
            session.pop("pinned", None)  # the frozen place supersedes the pin, kept as it is
    live_rooms = {r["id"] for r in new["rooms"]}
    closed = {(t, r) for t in frozen for r in live_rooms}
    closed |= {(t["id"], r) for t in new["slots"] for r in removed_rooms}
    return new, frozen_places, closed, places


def replan_schedule(
    instance: dict, current: dict, change: dict, time_limit: float, seed: int, started: float
) -> dict:
    new, frozen_places, closed, places = apply_change(instance, current, change)
    problem = parse_instance(new, frozen_places=frozen_places, closed_places=closed)
    slot_index = {t: i for i, t in enumerate(problem.slot_ids)}
    room_index = {r: i for i, r in enumerate(problem.room_ids)}
    home_slot, home_room = [], []
    for session_id in problem.session_ids:
        slot, room = places.get(session_id, (None, None))
        home_slot.append(slot_index.get(slot, -1))
        home_room.append(room_index.get(room, -1))
    outcome = optimise(
        problem,
        # Re-planning happens while people wait in the hall: finish clearly inside the limit.
        work_deadline(started, time_limit * _REPLAN_SHARE),
        seed,
        home_slot=home_slot,
        start_slots=home_slot,
    )
    preferred = [
        home_room[s] if outcome.slot_of[s] == home_slot[s] else -1
        for s in range(problem.n_sessions)
    ]
    room_of = assign_rooms(problem, outcome.rooms_in_slot, outcome.slot_of, preferred)
    output = build_output(problem, outcome.slot_of, room_of, outcome, started)
    output["moves"] = _moves(places, output)
    output["moved"] = sum(1 for move in output["moves"] if move["from"] is not None)
    return output


def _moves(places: dict[str, tuple[str, str]], output: dict) -> list[dict]:
    """Every session whose place differs from the current schedule (None: had/has none)."""
    now = {a["session"]: (a["slot"], a["room"]) for a in output["assignments"]}
    now.update({u["session"]: None for u in output["unscheduled"]})
    moves = []
    for session_id, place in now.items():
        before = places.get(session_id)
        if before == place:
            continue
        if before is None and place is None:
            continue
        moves.append(
            {
                "session": session_id,
                "from": None if before is None else {"slot": before[0], "room": before[1]},
                "to": None if place is None else {"slot": place[0], "room": place[1]},
            }
        )
    return moves
