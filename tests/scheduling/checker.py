"""Independent check of a schedule against the rules, written from the spec, not the engine."""

from __future__ import annotations

from collections import Counter, defaultdict


def missed_wishes(instance: dict, assignments: list[dict]) -> dict[str, list[str]]:
    slot_of = {a["session"]: a["slot"] for a in assignments}
    wishes: dict[str, list[str]] = {
        p["id"]: list(dict.fromkeys(p.get("wants", []))) for p in instance["participants"]
    }
    for session in instance["sessions"]:
        for host in session["hosts"]:
            if session["id"] not in wishes[host]:
                wishes[host].append(session["id"])
    misses = {}
    for person in instance["participants"]:
        away = set(person.get("unavailable", []))
        per_slot = defaultdict(list)
        missed = []
        for s in wishes[person["id"]]:
            slot = slot_of.get(s)
            if slot is None or slot in away:
                missed.append(s)
            else:
                per_slot[slot].append(s)
        for sessions in per_slot.values():
            missed.extend(sessions[1:])
        misses[person["id"]] = missed
    return misses


def hard_rule_violations(instance: dict, output: dict) -> list[str]:
    """Every broken hard rule, as text; empty when the schedule is valid."""
    problems = []
    sessions = {s["id"]: s for s in instance["sessions"]}
    rooms = {r["id"]: r for r in instance["rooms"]}
    slots = {t["id"] for t in instance["slots"]}
    away = {p["id"]: set(p.get("unavailable", [])) for p in instance["participants"]}
    demand = Counter()
    for person in instance["participants"]:
        for s in set(person.get("wants", [])):
            demand[s] += 1
    for s in sessions.values():
        for host in set(s["hosts"]):
            if s["id"] not in set(
                next(p for p in instance["participants"] if p["id"] == host).get("wants", [])
            ):
                demand[s["id"]] += 1
    placed = Counter(a["session"] for a in output["assignments"])
    for s, times in placed.items():
        if times > 1:
            problems.append(f"{s} placed {times} times")
        if s not in sessions:
            problems.append(f"unknown session {s}")
    unscheduled = {u["session"] for u in output["unscheduled"]}
    for s in sessions:
        if (s in placed) == (s in unscheduled):
            problems.append(f"{s} must be either placed or listed unscheduled")
    places = Counter((a["slot"], a["room"]) for a in output["assignments"])
    problems += [f"two sessions in {place}" for place, n in places.items() if n > 1]
    hosting = Counter()
    for a in output["assignments"]:
        session = sessions.get(a["session"])
        if session is None:
            continue
        if a["slot"] not in slots or a["room"] not in rooms:
            problems.append(f"{a} uses an unknown slot or room")
            continue
        room = rooms[a["room"]]
        if room["capacity"] < demand[session["id"]]:
            problems.append(f"{session['id']} too big for {a['room']}")
        if not set(session.get("requires", [])) <= set(room.get("features", [])):
            problems.append(f"{session['id']} lacks features in {a['room']}")
        pin = session.get("pinned")
        if isinstance(pin, str):
            pin = {"slot": pin}
        if pin and any(pin.get(key, a[key]) != a[key] for key in ("slot", "room")):
            problems.append(f"{session['id']} moved from its pin")
        for host in set(session["hosts"]):
            hosting[host, a["slot"]] += 1
            if a["slot"] in away[host]:
                problems.append(f"{session['id']} in {a['slot']} where host {host} is away")
    problems += [f"{h} hosts twice in {t}" for (h, t), n in hosting.items() if n > 1]
    for s in unscheduled:
        pin = sessions.get(s, {}).get("pinned")
        if isinstance(pin, dict) and {"slot", "room"} <= pin.keys():
            problems.append(f"pinned {s} left unscheduled")  # a full pin is always valid
    return problems


def check(instance: dict, output: dict) -> None:
    """Assert validity and that the reported numbers match a recount."""
    violations = hard_rule_violations(instance, output)
    assert not violations, violations[:5]
    misses = missed_wishes(instance, output["assignments"])
    total = sum(len(m) for m in misses.values())
    assert output["missed_wishes"] == total
    assert sum(len(v["misses"]) for v in output["participants"].values()) == total
    for pid, entry in output["participants"].items():
        assert len(entry["misses"]) == len(misses[pid]), pid
    assert 0 <= output["lower_bound"] <= total
    assert output["status"] in ("optimal", "feasible")
    if output["status"] == "optimal":
        assert output["lower_bound"] == total
