"""The ONE independent validator of the Open Space scheduling benchmark.

Given an instance and a list of assignments (``{"session", "slot", "room"}``) it recomputes
the objective (missed wishes) from the assignments alone and lists every hard-rule violation.
It deliberately imports nothing from ``vernetzt.scheduling``: every solver in the benchmark
(greedy, conference-scheduler, vernetzt) is judged by this file only.

Instance format (see ``../shared/bench/openspace/README.md``)::

    {"slots": [{"id"}], "rooms": [{"id", "capacity", "features"?}],
     "sessions": [{"id", "hosts", "requires"?, "pinned"?}],
     "participants": [{"id", "wants", "unavailable"?}]}

``pinned`` is ``{"slot": ..., "room": ...}`` (either key may be missing) or a slot id string.

Hard rules checked (``rule`` value of a violation):

- ``unknown-session`` / ``unknown-slot`` / ``unknown-room``: an assignment names an id that
  is not in the instance;
- ``session-multiple``: a session assigned more than once;
- ``room-double-booked``: two sessions in one (slot, room);
- ``host-double-booked``: a participant hosts two sessions in one slot;
- ``host-unavailable``: a session in a slot where one of its hosts is unavailable;
- ``pinned-moved``: a pinned session not at its pin (or not scheduled at all);
- ``missing-feature``: a room lacks a feature the session requires;
- ``over-capacity``: room capacity below the demand (participants who want it, hosts
  included).

Sessions left unscheduled are not a violation by themselves (they are listed and each one
costs every participant who wanted or hosts it a missed wish).

CLI::

    python -m bench.openspace.validate INSTANCE.json RESULT.json   # RESULT: {"assignments": [...]}

prints a JSON report and exits 1 when there is any hard-rule violation.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

RULES = (
    "unknown-session",
    "unknown-slot",
    "unknown-room",
    "session-multiple",
    "room-double-booked",
    "host-double-booked",
    "host-unavailable",
    "pinned-moved",
    "missing-feature",
    "over-capacity",
)


def session_requires(session: dict) -> set[str]:
    """Room features a session requires (accepts ``requires`` or ``requires_features``)."""
    return set(session.get("requires") or session.get("requires_features") or ())


def session_pin(session: dict) -> tuple[str | None, str | None] | None:
    """``(slot, room)`` a session is pinned to (either may be None), or None if not pinned."""
    pin = session.get("pinned", session.get("pin"))
    if pin is None or pin is False:
        return None
    if isinstance(pin, str):
        return (pin, None)
    if isinstance(pin, dict):
        slot, room = pin.get("slot"), pin.get("room")
        if slot is None and room is None:
            return None
        return (slot, room)
    raise ValueError(f"session {session['id']}: cannot read pin {pin!r}")


def interests(instance: dict) -> dict[str, set[str]]:
    """participant id -> sessions they want or host (hosts always attend their own session)."""
    result: dict[str, set[str]] = defaultdict(set)
    session_ids = {s["id"] for s in instance["sessions"]}
    for p in instance["participants"]:
        result[p["id"]].update(s for s in p.get("wants", ()) if s in session_ids)
    for s in instance["sessions"]:
        for h in s.get("hosts", ()):
            result[h].add(s["id"])
    return dict(result)


def demand(instance: dict) -> dict[str, int]:
    """session id -> participants who want it, hosts included (each person counted once)."""
    people: dict[str, set[str]] = {s["id"]: set() for s in instance["sessions"]}
    for pid, sessions in interests(instance).items():
        for s in sessions:
            people[s].add(pid)
    return {s: len(p) for s, p in people.items()}


def unavailability(instance: dict) -> dict[str, set[str]]:
    return {p["id"]: set(p.get("unavailable") or ()) for p in instance["participants"]}


def unavoidable(instance: dict) -> int:
    """Σ over participants of max(0, |wanted ∪ hosted| − number of slots) (README definition)."""
    n_slots = len(instance["slots"])
    return sum(max(0, len(s) - n_slots) for s in interests(instance).values())


def missed_wishes(instance: dict, assignments: list[dict]) -> int:
    """Missed wishes of a schedule.

    Per participant, the wanted-or-hosted sessions they cannot attend: in each slot all but
    one of their sessions, all of them in a slot where they are unavailable, and every one
    left unscheduled. A session assigned more than once counts at its first assignment.
    """
    slot_of: dict[str, str] = {}
    for a in assignments:
        slot_of.setdefault(a["session"], a["slot"])
    unavailable = unavailability(instance)
    total = 0
    for pid, sessions in interests(instance).items():
        per_slot: dict[str, int] = defaultdict(int)
        for s in sessions:
            slot = slot_of.get(s)
            if slot is None:
                total += 1
            else:
                per_slot[slot] += 1
        away = unavailable.get(pid, set())
        for slot, count in per_slot.items():
            total += count if slot in away else count - 1
    return total


def violations(instance: dict, assignments: list[dict]) -> list[dict]:
    """Every hard-rule violation of ``assignments`` as ``{"rule", "message", ...}`` dicts."""
    sessions = {s["id"]: s for s in instance["sessions"]}
    slots = {t["id"] for t in instance["slots"]}
    rooms = {r["id"]: r for r in instance["rooms"]}
    unavailable = unavailability(instance)
    need = demand(instance)
    found: list[dict] = []

    def add(rule: str, message: str, **extra) -> None:
        found.append({"rule": rule, "message": message, **extra})

    seen_session: dict[str, dict] = {}
    occupied: dict[tuple[str, str], str] = {}
    hosting: dict[tuple[str, str], str] = {}
    for a in assignments:
        sid, slot, room = a.get("session"), a.get("slot"), a.get("room")
        bad = False
        if sid not in sessions:
            add("unknown-session", f"unknown session {sid!r}", session=sid)
            bad = True
        if slot not in slots:
            add("unknown-slot", f"{sid}: unknown slot {slot!r}", session=sid, slot=slot)
            bad = True
        if room not in rooms:
            add("unknown-room", f"{sid}: unknown room {room!r}", session=sid, room=room)
            bad = True
        if bad:
            continue
        if sid in seen_session:
            add("session-multiple", f"{sid} assigned more than once", session=sid)
        seen_session.setdefault(sid, a)
        if (slot, room) in occupied:
            other = occupied[(slot, room)]
            add(
                "room-double-booked",
                f"{other} and {sid} both in {room} at {slot}",
                session=sid,
                slot=slot,
                room=room,
            )
        else:
            occupied[(slot, room)] = sid
        session = sessions[sid]
        for host in session.get("hosts", ()):
            if (host, slot) in hosting and hosting[(host, slot)] != sid:
                add(
                    "host-double-booked",
                    f"{host} hosts {hosting[(host, slot)]} and {sid} at {slot}",
                    session=sid,
                    slot=slot,
                    participant=host,
                )
            else:
                hosting[(host, slot)] = sid
            if slot in unavailable.get(host, ()):
                add(
                    "host-unavailable",
                    f"{sid} at {slot} but host {host} is unavailable then",
                    session=sid,
                    slot=slot,
                    participant=host,
                )
        pin = session_pin(session)
        if pin is not None:
            pin_slot, pin_room = pin
            if (pin_slot is not None and slot != pin_slot) or (
                pin_room is not None and room != pin_room
            ):
                add(
                    "pinned-moved",
                    f"{sid} pinned to {pin_slot}/{pin_room} but at {slot}/{room}",
                    session=sid,
                )
        lacking = session_requires(session) - set(rooms[room].get("features") or ())
        if lacking:
            add(
                "missing-feature",
                f"{sid} needs {sorted(lacking)} which {room} lacks",
                session=sid,
                room=room,
            )
        if need[sid] > rooms[room]["capacity"]:
            add(
                "over-capacity",
                f"{sid} has demand {need[sid]} > capacity {rooms[room]['capacity']} of {room}",
                session=sid,
                room=room,
            )
    for sid, session in sessions.items():
        if sid not in seen_session and session_pin(session) is not None:
            add("pinned-moved", f"{sid} is pinned but unscheduled", session=sid)
    return found


def validate(instance: dict, assignments: list[dict]) -> dict:
    """Full report: missed wishes, violations (and counts per rule), unscheduled sessions."""
    found = violations(instance, assignments)
    assigned = {a.get("session") for a in assignments}
    by_rule: dict[str, int] = {}
    for v in found:
        by_rule[v["rule"]] = by_rule.get(v["rule"], 0) + 1
    return {
        "missed_wishes": missed_wishes(instance, assignments),
        "unavoidable": unavoidable(instance),
        "violations": found,
        "violation_counts": by_rule,
        "unscheduled": [s["id"] for s in instance["sessions"] if s["id"] not in assigned],
        "valid": not found,
    }


def _assignments_of(result) -> list[dict]:
    if isinstance(result, list):
        return result
    return result["assignments"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("result", type=Path, help="JSON with 'assignments' (or a bare list)")
    args = parser.parse_args(argv)
    instance = json.loads(args.instance.read_text())
    report = validate(instance, _assignments_of(json.loads(args.result.read_text())))
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if report["valid"] else 1


if __name__ == "__main__":
    sys.exit(main())
