"""Open Space scheduling benchmark: greedy vs conference-scheduler vs vernetzt, side by side.

One command (from the repository root)::

    .venv/bin/python -m bench.openspace.run            # all reference instances, 60 s, + scale + replan

For every reference instance in ``../shared/bench/openspace`` it runs

- the first-come greedy baseline (``bench.openspace.greedy``),
- the anchor ``conference-scheduler`` (``bench.openspace.anchor``, in its own virtualenv
  ``bench/.venv-anchor``, created on first use from ``requirements-anchor.txt``),
- vernetzt (``python -m vernetzt.scheduling INSTANCE --time-limit T --seed S``, a subprocess),

one after the other (never concurrently: the machine has 2 cores), scores every result with the
ONE validator (``bench.openspace.validate``) and prints + writes a Markdown table. Then a scale
run on an instance from the engine's seeded generator and a re-planning measurement (one room
of large-0 removed, first slot frozen).
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.openspace import anchor, greedy
from bench.openspace.reference import REFERENCE, REPO
from bench.openspace.validate import validate

DEFAULT_OUT = REPO / "bench" / "results" / "openspace.md"


# --------------------------------------------------------------------------- reference data


def best_known(readme: str) -> dict[str, int]:
    """Instance name -> best known missed wishes (last column of the reference README table)."""
    found = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(r"[\w-]+-\d+", cells[0]):
            continue
        value = cells[-1].replace(",", "")
        if value.isdigit():
            found[cells[0]] = int(value)
    return found


def reference_instances(directory: Path, names: list[str] | None) -> list[Path]:
    paths = sorted(directory.glob("*.json"), key=_size_order)
    if names:
        by_name = {p.stem: p for p in paths}
        missing = [n for n in names if n not in by_name and not Path(n).is_file()]
        if missing:
            raise SystemExit(f"unknown instance(s): {', '.join(missing)}")
        paths = [by_name[n] if n in by_name else Path(n) for n in names]
    return paths


def _size_order(path: Path) -> tuple:
    order = {"small": 0, "medium": 1, "large": 2}
    kind, _, number = path.stem.rpartition("-")
    return (order.get(kind, 3), kind, int(number) if number.isdigit() else 0)


# --------------------------------------------------------------------------- solvers


def run_vernetzt(instance_path: Path, time_limit: float, seed: int) -> dict:
    """The engine through its CLI; adds the wall-clock ``wall_seconds``."""
    command = [
        sys.executable,
        "-m",
        "vernetzt.scheduling",
        str(instance_path),
        "--time-limit",
        str(time_limit),
        "--seed",
        str(seed),
    ]
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=3 * time_limit + 120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"no answer within {3 * time_limit + 120:.0f} s"}
    wall = time.perf_counter() - start
    if done.returncode != 0:
        return {"error": (done.stderr.strip() or f"exit code {done.returncode}")[-1500:]}
    result = json.loads(done.stdout)
    result["wall_seconds"] = wall
    return result


def score(instance: dict, result: dict | None) -> dict | None:
    """The validator's verdict on a solver result (None when the solver gave nothing)."""
    if result is None or "assignments" not in result or result.get("status") == "failed":
        return None
    return validate(instance, result["assignments"])


# --------------------------------------------------------------------------- formatting


def num(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}"


def missed_cell(report: dict | None, result: dict | None = None) -> str:
    if report is None:
        if result and result.get("error"):
            return "error"
        return "failed" if result else "—"
    text = num(report["missed_wishes"])
    if report["unscheduled"]:
        text += f" ({len(report['unscheduled'])} unscheduled)"
    if result is not None and "missed_wishes" in result and "tries" not in result:
        claimed = result["missed_wishes"]
        if claimed != report["missed_wishes"]:
            text += f" (engine claims {num(claimed)})"
    return text


def violations_cell(report: dict | None) -> str:
    if report is None:
        return "—"
    if not report["violations"]:
        return "0"
    counts = ", ".join(f"{n} {rule}" for rule, n in sorted(report["violation_counts"].items()))
    return f"{len(report['violations'])} ({counts})"


def violations_text(found: list[dict]) -> str:
    if not found:
        return "0"
    counts: dict[str, int] = {}
    for v in found:
        counts[v["rule"]] = counts.get(v["rule"], 0) + 1
    return f"{len(found)} (" + ", ".join(f"{n} {r}" for r, n in sorted(counts.items())) + ")"


def table(rows: list[dict]) -> str:
    header = (
        "| instance | unavoidable | best known | greedy | conference-scheduler | vernetzt "
        "| vernetzt lower bound | vernetzt status | seconds (greedy / c-s / vernetzt) "
        "| hard-rule violations (greedy / c-s / vernetzt) |"
    )
    lines = [header, "|" + "---|" * 10]
    for r in rows:
        seconds = " / ".join(
            num(r[key]) if r[key] is not None else "—"
            for key in ("greedy_seconds", "anchor_seconds", "vernetzt_seconds")
        )
        violations = " / ".join(violations_cell(r[key]) for key in ("greedy", "anchor", "vernetzt"))
        lines.append(
            f"| {r['instance']} | {num(r['unavoidable'])} | {num(r['best_known'])} "
            f"| {missed_cell(r['greedy'])} | {missed_cell(r['anchor'], r['anchor_result'])} "
            f"| {missed_cell(r['vernetzt'], r['vernetzt_result'])} "
            f"| {num(r['vernetzt_result'].get('lower_bound'))} "
            f"| {r['vernetzt_result'].get('status', 'error')} | {seconds} | {violations} |"
        )
    return "\n".join(lines)


def target_lines(rows: list[dict]) -> list[str]:
    lines = []
    for r in rows:
        report, best = r["vernetzt"], r["best_known"]
        if best is None:
            continue
        if report is None:
            lines.append(f"- {r['instance']}: vernetzt gave no result — target {best} MISSED")
        elif not report["valid"]:
            lines.append(f"- {r['instance']}: vernetzt broke hard rules — target MISSED")
        elif report["missed_wishes"] <= best:
            lines.append(
                f"- {r['instance']}: vernetzt {report['missed_wishes']:,} ≤ best known "
                f"{best:,} — met"
            )
        else:
            lines.append(
                f"- {r['instance']}: vernetzt {report['missed_wishes']:,} > best known "
                f"{best:,} — MISSED by {report['missed_wishes'] - best:,}"
            )
    return lines


# --------------------------------------------------------------------------- parts


def compare(paths: list[Path], args, log) -> list[dict]:
    readme = REFERENCE / "README.md"
    known = best_known(readme.read_text()) if readme.exists() else {}
    worker = None
    if not args.skip_anchor:
        log("anchor: preparing bench/.venv-anchor ...")
        worker = anchor.subprocess_worker(anchor.ensure_venv())
    rows = []
    for path in paths:
        instance = json.loads(path.read_text())
        name = path.stem
        log(f"{name}: greedy ...")
        greedy_result = greedy.solve(instance)
        anchor_result = None
        if worker is not None:
            log(f"{name}: conference-scheduler (budget {args.anchor_budget:.0f} s) ...")
            anchor_result = anchor.solve(
                instance, budget=args.anchor_budget, worker=worker, log=log
            )
        log(f"{name}: vernetzt (--time-limit {args.time_limit:g}) ...")
        vernetzt_result = run_vernetzt(path, args.time_limit, args.seed)
        if "error" in vernetzt_result:
            log(f"{name}: vernetzt error: {vernetzt_result['error']}")
        row = {
            "instance": name,
            "unavoidable": validate(instance, [])["unavoidable"],
            "best_known": known.get(name),
            "greedy": score(instance, greedy_result),
            "greedy_seconds": greedy_result["seconds"],
            "anchor": score(instance, anchor_result),
            "anchor_result": anchor_result,
            "anchor_seconds": anchor_result["seconds"] if anchor_result else None,
            "vernetzt": score(instance, vernetzt_result),
            "vernetzt_result": vernetzt_result,
            "vernetzt_seconds": vernetzt_result.get("seconds"),
        }
        rows.append(row)
        log(table([row]).splitlines()[-1])
    return rows


def scale_run(args, log) -> dict:
    """The engine on a generated instance of ``args.scale_participants`` participants."""
    from vernetzt.scheduling import generator

    instance = generate_scale_instance(generator, args.scale_participants, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"scale-{args.scale_participants}.json"
        path.write_text(json.dumps(instance))
        log(f"scale: {args.scale_participants} participants, vernetzt ...")
        result = run_vernetzt(path, args.time_limit, args.seed)
    greedy_result = greedy.solve(instance)
    return {
        "participants": len(instance["participants"]),
        "sessions": len(instance["sessions"]),
        "slots": len(instance["slots"]),
        "rooms": len(instance["rooms"]),
        "greedy": score(instance, greedy_result),
        "vernetzt": score(instance, result),
        "result": result,
        "unavoidable": validate(instance, [])["unavoidable"],
    }


SCALE_OPTIONS = {"co_hosts": 0.05, "features": 0.1, "pinned": 5, "late_early": 0.1}


def generate_scale_instance(generator, participants: int, seed: int) -> dict:
    """The engine's seeded generator, with co-hosts, room features, pins and late/early
    arrivals switched on so that every hard rule is exercised."""
    return generator.generate(participants=participants, seed=seed, **SCALE_OPTIONS)


def replan_run(rows: list[dict], paths: list[Path], args, log) -> dict | None:
    """Remove one room of large-0 with its first slot frozen; time, moves, frozen kept.

    Uses ``vernetzt.scheduling.replan(instance, current, change)`` with the change
    ``{"remove_rooms": [room], "frozen_slots": [first slot]}`` on the schedule vernetzt made
    for large-0 in this run (or a fresh one).
    """
    from vernetzt.scheduling import replan

    path = next((p for p in paths if p.stem == "large-0"), REFERENCE / "large-0.json")
    instance = json.loads(path.read_text())
    row = next((r for r in rows if r["instance"] == "large-0"), None)
    if row is not None and row["vernetzt"] is not None:
        current = row["vernetzt_result"]
    else:
        log("replan: solving large-0 first ...")
        current = run_vernetzt(path, args.time_limit, args.seed)
    if "assignments" not in current:
        return {"error": "no large-0 schedule to re-plan"}
    current = {"assignments": current["assignments"]}
    room = args.replan_room or pick_room(instance, current)
    frozen_slot = instance["slots"][0]["id"]
    change = {"remove_rooms": [room], "frozen_slots": [frozen_slot]}
    log(f"replan: {json.dumps(change)}, --time-limit {args.replan_time_limit:g} ...")
    start = time.perf_counter()
    new = replan(instance, current, change, time_limit=args.replan_time_limit, seed=args.seed)
    wall = time.perf_counter() - start
    return summarise_replan(instance, current, new, room, frozen_slot, wall)


def pick_room(instance: dict, current: dict) -> str:
    """A mid-size room: the median of the capacity ladder (ties: listed order).

    Removing the main hall would leave the biggest sessions with no room at all, and removing
    the smallest room changes little; "one of the seminar rooms is needed elsewhere" is the
    realistic change. ``current`` is not consulted: the choice depends on the instance only.
    """
    del current
    rooms = sorted(instance["rooms"], key=lambda r: r["capacity"])
    return rooms[(len(rooms) - 1) // 2]["id"]


def summarise_replan(
    instance: dict, current: dict, new: dict, room: str, frozen_slot: str, wall: float
) -> dict:
    """Moves, frozen sessions kept, and the validator's verdict on the re-planned schedule.

    The room stays in the instance given to the validator (a frozen session may have used it
    in the frozen slot, which already happened); any other use of the removed room is counted
    as a violation ``removed-room-used``.
    """
    before = {a["session"]: (a["slot"], a["room"]) for a in current["assignments"]}
    after = {a["session"]: (a["slot"], a["room"]) for a in new["assignments"]}
    moved = sorted(s for s in before if before[s] != after.get(s))
    frozen = [s for s, (slot, _) in before.items() if slot == frozen_slot]
    frozen_moved = [s for s in frozen if after.get(s) != before[s]]
    report = validate(instance, new["assignments"])
    misuse = [
        {"rule": "removed-room-used", "message": f"{a['session']} in removed room {room}"}
        for a in new["assignments"]
        if a["room"] == room and a["slot"] != frozen_slot
    ]
    return {
        "room": room,
        "frozen_slot": frozen_slot,
        "seconds": new.get("seconds", wall),
        "wall_seconds": wall,
        "moves": len(moved),
        "engine_moved": new.get("moved"),
        "slot_changes": sum(1 for s in moved if s in after and after[s][0] != before[s][0]),
        "unscheduled_before": len(validate(instance, current["assignments"])["unscheduled"]),
        "unscheduled_after": len(report["unscheduled"]),
        "frozen_sessions": len(frozen),
        "frozen_moved": frozen_moved,
        "in_removed_room": [a["session"] for a in new["assignments"] if a["room"] == room],
        "missed_before": validate(instance, current["assignments"])["missed_wishes"],
        "missed_after": report["missed_wishes"],
        "violations": report["violations"] + misuse,
        "status": new.get("status"),
    }


# --------------------------------------------------------------------------- report


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def engine_fingerprint() -> str:
    """First 12 hex digits of the sha256 over the engine's source files (to tell versions)."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((REPO / "vernetzt" / "scheduling").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def load_average() -> str:
    import os

    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def render(
    args,
    rows,
    scale,
    replanned,
    started: datetime.datetime,
    command: str,
    load_at_start: str,
    engine_at_start: str,
) -> str:
    engine_now = engine_fingerprint()
    engine_line = f"- engine source (sha256 of vernetzt/scheduling/*.py): {engine_at_start}" + (
        "" if engine_now == engine_at_start else f" at start, {engine_now} at end (it changed)"
    )
    out = [
        "# Open Space scheduling benchmark",
        "",
        f"- command: `{command}`",
        f"- date: {started:%Y-%m-%d %H:%M} UTC; machine: {machine()}",
        f"- load average (1 / 5 / 15 min) at start: {load_at_start}, at end: {load_average()}"
        " (the machine is shared; a load above 2 means other work competed for the 2 cores)",
        engine_line,
        f"- vernetzt: `--time-limit {args.time_limit:g} --seed {args.seed}`; "
        + (
            "conference-scheduler: skipped"
            if args.skip_anchor
            else f"conference-scheduler: pair search within {args.anchor_budget:g} s"
        ),
        "- every number is recomputed by `bench/openspace/validate.py` from the assignments; "
        "best known is from the reference README",
        "",
    ]
    if rows:
        out += [table(rows), "", "Targets (vernetzt ≤ best known):", "", *target_lines(rows), ""]
        for r in rows:
            if r["anchor_result"] and r["anchor_result"].get("tries"):
                tries = ", ".join(
                    f"k={t['n_pairs']}: "
                    + (num(t.get("missed")) if t["status"] == "ok" else t.get("failure", "failed"))
                    for t in r["anchor_result"]["tries"]
                )
                out.append(
                    f"- conference-scheduler pair search on {r['instance']} (k: missed wishes): "
                    f"{tries}"
                )
            if "error" in r["vernetzt_result"]:
                out.append(f"- vernetzt error on {r['instance']}: {r['vernetzt_result']['error']}")
        out.append("")
    if scale is not None:
        options = ", ".join(f"{k}={v}" for k, v in SCALE_OPTIONS.items())
        out += [
            "## Scale run",
            "",
            f"Instance: `vernetzt.scheduling.generator.generate(participants="
            f"{args.scale_participants}, seed={args.seed}, {options})`; vernetzt at "
            f"`--time-limit {args.time_limit:g}`.",
            "",
        ]
        if "error" in scale:
            out += [f"Not measured: {scale['error']}", ""]
        else:
            res = scale["result"]
            out += [
                "| participants / sessions / slots / rooms | unavoidable | greedy | vernetzt "
                "| vernetzt lower bound | status | seconds | validator |",
                "|---|---|---|---|---|---|---|---|",
                f"| {num(scale['participants'])} / {scale['sessions']} / {scale['slots']} / "
                f"{scale['rooms']} | {num(scale['unavoidable'])} "
                f"| {missed_cell(scale['greedy'])} | {missed_cell(scale['vernetzt'], res)} "
                f"| {num(res.get('lower_bound'))} | {res.get('status', 'error')} "
                f"| {num(res.get('seconds'))} "
                f"| {violations_cell(scale['vernetzt'])} violations |",
                "",
            ]
            if "error" in res:
                out += [f"vernetzt error: {res['error']}", ""]
    if replanned is not None:
        out += ["## Re-planning", ""]
        if "error" in replanned:
            out += [f"Not measured: {replanned['error']}", ""]
        else:
            out += [
                f"large-0, room `{replanned['room']}` removed, slot `{replanned['frozen_slot']}` "
                "frozen:",
                "",
                f"- seconds: {replanned['seconds']:.2f} (wall {replanned['wall_seconds']:.2f})",
                f"- moves: {replanned['moves']} sessions changed place "
                f"({replanned['slot_changes']} of them changed slot; the engine reports "
                f"{num(replanned['engine_moved'])})",
                f"- frozen sessions moved: {len(replanned['frozen_moved'])} of "
                f"{replanned['frozen_sessions']}"
                + (
                    f" ({', '.join(replanned['frozen_moved'])})"
                    if replanned["frozen_moved"]
                    else ""
                ),
                f"- missed wishes: {replanned['missed_before']:,} before, "
                f"{replanned['missed_after']:,} after; unscheduled: "
                f"{replanned['unscheduled_before']} before, {replanned['unscheduled_after']} "
                f"after; status {replanned['status']}",
                f"- frozen sessions left in the removed room (they already took place): "
                f"{len(replanned['in_removed_room'])}",
                f"- hard-rule violations after (validator, plus any use of the removed room "
                f"outside the frozen slot): {violations_text(replanned['violations'])}",
                "",
            ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Open Space scheduling benchmark")
    parser.add_argument("--time-limit", type=float, default=60.0, help="vernetzt, seconds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--instances", nargs="*", help="names in ../shared/bench/openspace or paths (default: all)"
    )
    parser.add_argument("--skip-anchor", action="store_true")
    parser.add_argument("--anchor-budget", type=float, default=170.0, help="seconds/instance")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--scale-participants", type=int, default=5000)
    parser.add_argument("--skip-replan", action="store_true")
    parser.add_argument("--replan-room", help="room to remove from large-0 (default: picked)")
    parser.add_argument("--replan-time-limit", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    load_at_start = load_average()
    engine_at_start = engine_fingerprint()
    command = " ".join([".venv/bin/python -m bench.openspace.run", *(argv or sys.argv[1:])])

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    paths = reference_instances(REFERENCE, args.instances)
    rows = compare(paths, args, log)
    scale = None
    if not args.skip_scale:
        try:
            scale = scale_run(args, log)
        except Exception as error:  # report it in the table rather than lose the whole run
            scale = {"error": f"{type(error).__name__}: {error}"}
    replanned = None
    if not args.skip_replan:
        try:
            replanned = replan_run(rows, paths, args, log)
        except Exception as error:
            replanned = {"error": f"{type(error).__name__}: {error}"}
    text = render(args, rows, scale, replanned, started, command, load_at_start, engine_at_start)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n")
    if args.json:
        args.json.write_text(
            json.dumps({"rows": rows, "scale": scale, "replan": replanned}, default=str)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
