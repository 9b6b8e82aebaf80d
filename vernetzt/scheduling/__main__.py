"""Command line: python -m vernetzt.scheduling INSTANCE.json [--replan CURRENT CHANGE] ...

Exit status 0 with the schedule JSON on stdout; 2 with one line on stderr for bad input or
arguments; 1 with one line on stderr for an internal error (a bug: please report it).
"""

from __future__ import annotations

import time

_STARTED = time.monotonic()  # the time limit covers the whole run, imports included

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 1


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line instead of usage text plus message
        raise _UsageError(f"{message} (see --help)")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(
        prog="python -m vernetzt.scheduling",
        description="Place Open Space sessions into slots and rooms, missing few wishes.",
    )
    parser.add_argument("instance", help="instance JSON (slots, rooms, sessions, participants)")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="wall-clock budget for the whole run (default 60, 10 for --replan)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--replan",
        nargs=2,
        metavar=("CURRENT", "CHANGE"),
        help="re-plan: current schedule JSON and change JSON",
    )
    args = parser.parse_args(argv)
    if args.time_limit is not None and not args.time_limit > 0:
        raise _UsageError("--time-limit must be a positive number of seconds")
    return args


def _load_json(path: str):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        raise _UsageError(f"cannot read {path!r}: {error.strerror}") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _UsageError(f"{path}: not valid JSON ({error})") from error


def main(argv: list[str] | None = None) -> int:
    from . import replan, solve
    from .model import InstanceError

    try:
        args = _arguments(argv)
        instance = _load_json(args.instance)
        if args.replan:
            current, change = (_load_json(path) for path in args.replan)
            limit = 10.0 if args.time_limit is None else args.time_limit
            result = replan(
                instance, current, change, time_limit=limit, seed=args.seed, _started=_STARTED
            )
        else:
            limit = 60.0 if args.time_limit is None else args.time_limit
            result = solve(instance, time_limit=limit, seed=args.seed, _started=_STARTED)
    except (_UsageError, InstanceError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:  # a traceback is no help to an organiser
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR
    try:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (e.g. `| head`); nothing left to tell
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INTERNAL_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main())
