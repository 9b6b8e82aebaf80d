"""The anchor: the PyPI package ``conference-scheduler`` on the Open Space instances.

``conference-scheduler`` (PyCon UK, PuLP + CBC) schedules events into (time, venue) slots under
hard constraints only; it has no attendee-preference objective. So, as the reference README
describes, it is given

- room capacities (and missing room features, pins, hosts' unavailable slots) as slot
  unavailabilities of each event,
- sessions sharing a host as events that must not run concurrently,
- the ``k`` most co-wanted session pairs (participants wanting or hosting both) as further
  must-not-clash pairs,

and ``k`` is searched (0, then doubling, then bisection between the largest feasible and the
smallest failed ``k``) within a time budget (default 170 s per instance). Every candidate is
scored by the ONE validator (``bench.openspace.validate``); the best valid schedule wins.

The package is not a product dependency: it lives in the benchmark's own virtualenv
``bench/.venv-anchor``, created from ``bench/openspace/requirements-anchor.txt`` by
:func:`ensure_venv`, and runs there as a subprocess (``anchor_worker.py``: JSON in, solution
out). Everything in this module runs in the product venv and is testable without the package.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

from bench.openspace.validate import (
    demand,
    interests,
    session_pin,
    session_requires,
    unavailability,
    validate,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VENV = REPO / "bench" / ".venv-anchor"
REQUIREMENTS = HERE / "requirements-anchor.txt"
WORKER = HERE / "anchor_worker.py"


# --------------------------------------------------------------------------- translation


def co_wanted_pairs(instance: dict) -> list[tuple[str, str, int]]:
    """Session pairs by how many participants want (or host) both, most co-wanted first.

    Ties are broken by the sessions' order in the instance, so the ranking is deterministic.
    """
    order = {s["id"]: i for i, s in enumerate(instance["sessions"])}
    counts: Counter[tuple[str, str]] = Counter()
    for sessions in interests(instance).values():
        ranked = sorted(sessions, key=order.__getitem__)
        counts.update(combinations(ranked, 2))
    return sorted(
        ((a, b, n) for (a, b), n in counts.items()),
        key=lambda t: (-t[2], order[t[0]], order[t[1]]),
    )


def host_clashes(instance: dict) -> list[tuple[str, str]]:
    """Pairs of sessions sharing a host (they must never be concurrent)."""
    by_host: dict[str, list[str]] = {}
    for s in instance["sessions"]:
        for h in s.get("hosts", ()):
            by_host.setdefault(h, []).append(s["id"])
    pairs = {tuple(p) for ids in by_host.values() for p in combinations(ids, 2)}
    return sorted(pairs)


def build_problem(instance: dict, n_pairs: int, *, time_limit: float = 60.0) -> dict:
    """The JSON problem for ``anchor_worker``: events, (time, room) slots, clashes.

    Slot index ``t * len(rooms) + r`` is time ``t`` (the instance's ``t``-th slot) in room
    ``r``. ``n_pairs`` is how many of the most co-wanted session pairs (those not already a
    host clash) are added as must-not-clash.
    """
    slots = instance["slots"]
    rooms = instance["rooms"]
    sessions = instance["sessions"]
    index = {s["id"]: i for i, s in enumerate(sessions)}
    need = demand(instance)
    away = unavailability(instance)
    problem_slots = [
        {"venue": room["id"], "time": t, "capacity": room["capacity"]}
        for t in range(len(slots))
        for room in rooms
    ]
    events = []
    for session in sessions:
        pin = session_pin(session)
        blocked = []
        for t, slot in enumerate(slots):
            host_away = any(slot["id"] in away.get(h, ()) for h in session.get("hosts", ()))
            for r, room in enumerate(rooms):
                ok = (
                    not host_away
                    and room["capacity"] >= need[session["id"]]
                    and session_requires(session) <= set(room.get("features") or ())
                    and (
                        pin is None
                        or (
                            (pin[0] is None or pin[0] == slot["id"])
                            and (pin[1] is None or pin[1] == room["id"])
                        )
                    )
                )
                if not ok:
                    blocked.append(t * len(rooms) + r)
        events.append(
            {"name": session["id"], "demand": need[session["id"]], "unavailable_slots": blocked}
        )
    hosts = host_clashes(instance)
    clashes = [[index[a], index[b]] for a, b in hosts]
    taken = set(hosts)
    extra = [(a, b) for a, b, _ in co_wanted_pairs(instance) if (a, b) not in taken]
    clashes += [[index[a], index[b]] for a, b in extra[:n_pairs]]
    return {
        "events": events,
        "slots": problem_slots,
        "clashes": clashes,
        "n_pairs": min(n_pairs, len(extra)),
        "time_limit": time_limit,
    }


def parse_solution(instance: dict, solution: list[list[int]]) -> dict:
    """``[[event, slot], ...]`` from the worker as ``{"assignments", "unscheduled"}``."""
    rooms = instance["rooms"]
    slots = instance["slots"]
    sessions = instance["sessions"]
    assignments = []
    for event, slot in sorted(solution):
        t, r = divmod(slot, len(rooms))
        assignments.append(
            {"session": sessions[event]["id"], "slot": slots[t]["id"], "room": rooms[r]["id"]}
        )
    placed = {a["session"] for a in assignments}
    unscheduled = [
        {"session": s["id"], "reason": "not in the anchor's solution"}
        for s in sessions
        if s["id"] not in placed
    ]
    return {"assignments": assignments, "unscheduled": unscheduled}


# --------------------------------------------------------------------------- subprocess


def venv_python(venv: Path = VENV) -> Path:
    return venv / "bin" / "python"


def ensure_venv(venv: Path = VENV, requirements: Path = REQUIREMENTS) -> Path:
    """Create (or refresh) the anchor virtualenv from the pinned requirements; its python."""
    stamp = venv / ".requirements.sha256"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    python = venv_python(venv)
    if python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements)], check=True
    )
    stamp.write_text(digest + "\n")
    return python


def run_worker(problem: dict, command: list[str], timeout: float) -> dict:
    """Run the worker ``command`` with ``problem`` on stdin; its JSON answer.

    A worker that exceeds ``timeout`` seconds is killed and reported as failed.
    """
    try:
        done = subprocess.run(
            command,
            input=json.dumps(problem),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"status": "failed", "error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"status": "failed", "error": done.stderr.strip()[-2000:]}
    return json.loads(done.stdout)


Worker = Callable[[dict, float], dict]


def subprocess_worker(python: Path | None = None) -> Worker:
    command = [str(python or venv_python()), str(WORKER)]
    return lambda problem, timeout: run_worker(problem, command, timeout)


# --------------------------------------------------------------------------- search


def solve(
    instance: dict,
    *,
    budget: float = 170.0,
    worker: Worker | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> dict:
    """Best schedule the anchor finds within ``budget`` seconds, searching the pair count.

    Returns ``{"assignments", "unscheduled", "seconds", "n_pairs", "tries", "status"}``;
    ``status`` is ``"feasible"`` when some run gave a schedule, else ``"failed"``.
    """
    worker = worker or subprocess_worker()
    start = time.perf_counter()
    n_extra = len(build_problem(instance, 10**9, time_limit=1)["clashes"]) - len(
        host_clashes(instance)
    )
    tries: list[dict] = []
    best: tuple | None = None  # (invalid?, missed, n_pairs, parsed)

    def attempt(k: int) -> bool:
        nonlocal best
        remaining = budget - (time.perf_counter() - start)
        if remaining < 2:
            return False
        problem = build_problem(instance, k, time_limit=max(1.0, remaining - 1))
        answer = worker(problem, remaining)
        entry = {"n_pairs": k, "status": answer["status"], "seconds": answer.get("seconds")}
        if answer["status"] != "ok":
            # the package raises the same error for "infeasible" and "CBC out of time"
            out_of_time = (
                "timed out" in answer.get("error", "")
                or (answer.get("seconds") or 0) >= problem["time_limit"] - 1
            )
            entry["failure"] = "out of time" if out_of_time else "infeasible"
        if answer["status"] == "ok":
            parsed = parse_solution(instance, answer["solution"])
            report = validate(instance, parsed["assignments"])
            entry.update(missed=report["missed_wishes"], violations=len(report["violations"]))
            key = (not report["valid"], report["missed_wishes"], k, parsed)
            if best is None or key[:3] < best[:3]:
                best = key
        log(f"  anchor k={k}: {entry}")
        tries.append(entry)
        return answer["status"] == "ok"

    ok_k, fail_k = None, None
    k = 0
    while time.perf_counter() - start < budget - 2:
        if attempt(k):
            ok_k = k
            if k >= n_extra:
                break
            k = min(n_extra, max(8, 2 * k))
        else:
            fail_k = k
            break
    while ok_k is not None and fail_k is not None and fail_k - ok_k > 1:
        if time.perf_counter() - start >= budget - 2:
            break
        mid = (ok_k + fail_k) // 2
        if attempt(mid):
            ok_k = mid
        else:
            fail_k = mid
    seconds = time.perf_counter() - start
    if best is None:
        return {
            "assignments": [],
            "unscheduled": [
                {"session": s["id"], "reason": "anchor failed"} for s in instance["sessions"]
            ],
            "seconds": seconds,
            "n_pairs": None,
            "tries": tries,
            "status": "failed",
        }
    parsed = best[3]
    return {**parsed, "seconds": seconds, "n_pairs": best[2], "tries": tries, "status": "feasible"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="conference-scheduler on one instance")
    parser.add_argument("instance", type=Path)
    parser.add_argument("--budget", type=float, default=170.0)
    args = parser.parse_args(argv)
    python = ensure_venv()
    result = solve(
        json.loads(args.instance.read_text()),
        budget=args.budget,
        worker=subprocess_worker(python),
        log=lambda line: print(line, file=sys.stderr),
    )
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
