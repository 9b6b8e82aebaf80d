"""First-come greedy baseline: what an organiser does by hand at the wall.

Pinned sessions go to their pin first. Then the sessions are taken in proposal order (the
order of ``instance["sessions"]``) and each one goes to the first (slot, room) that is
feasible, trying slots in order and, within a slot, rooms from the smallest capacity up
(ties in listed order; nobody at the wall puts a ten-person session in the main hall):
the room is free, big enough for the demand (participants who want it, hosts included),
has every required feature, and no host is unavailable or already hosting in that slot.
A session with no feasible place is left unscheduled. No attendee preference is looked at.

Note: the "first-come greedy" column of the reference README (152 on small-0, 661 on medium-0,
...) is NOT this algorithm; it is close to a demand-ordered greedy that picks the slot adding the
fewest missed wishes (154 / 664 / 653 / 2,140 / 2,175 when we tried that). This file implements
the plain organiser's baseline on purpose.

It imports nothing from ``vernetzt.scheduling``; its result is scored by
``bench.openspace.validate`` like every other solver.

CLI: ``python -m bench.openspace.greedy INSTANCE.json`` prints ``{"assignments", "unscheduled"}``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench.openspace.validate import demand, session_pin, session_requires, unavailability


def solve(instance: dict) -> dict:
    """Greedy schedule of ``instance`` as ``{"assignments", "unscheduled", "seconds"}``."""
    start = time.perf_counter()
    slots = [t["id"] for t in instance["slots"]]
    rooms = sorted(instance["rooms"], key=lambda r: r["capacity"])
    need = demand(instance)
    away = unavailability(instance)
    occupied: set[tuple[str, str]] = set()
    hosting: set[tuple[str, str]] = set()
    assignments: list[dict] = []
    unscheduled: list[dict] = []

    def place(session: dict, slot: str, room: str) -> None:
        occupied.add((slot, room))
        for host in session.get("hosts", ()):
            hosting.add((host, slot))
        assignments.append({"session": session["id"], "slot": slot, "room": room})

    def feasible(session: dict, slot: str, room: dict) -> bool:
        hosts = session.get("hosts", ())
        return (
            (slot, room["id"]) not in occupied
            and room["capacity"] >= need[session["id"]]
            and session_requires(session) <= set(room.get("features") or ())
            and not any(slot in away.get(h, ()) or (h, slot) in hosting for h in hosts)
        )

    ordered = [s for s in instance["sessions"] if session_pin(s) is not None]
    ordered += [s for s in instance["sessions"] if session_pin(s) is None]
    for session in ordered:
        pin = session_pin(session)
        pin_slot, pin_room = pin if pin is not None else (None, None)
        candidates = (
            (slot, room)
            for slot in slots
            if pin_slot is None or slot == pin_slot
            for room in rooms
            if pin_room is None or room["id"] == pin_room
        )
        for slot, room in candidates:
            if feasible(session, slot, room):
                place(session, slot, room["id"])
                break
        else:
            reason = "pin not feasible" if pin is not None else "no feasible slot and room"
            unscheduled.append({"session": session["id"], "reason": reason})
    return {
        "assignments": assignments,
        "unscheduled": unscheduled,
        "seconds": time.perf_counter() - start,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="First-come greedy Open Space schedule")
    parser.add_argument("instance", type=Path)
    args = parser.parse_args(argv)
    json.dump(solve(json.loads(args.instance.read_text())), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
