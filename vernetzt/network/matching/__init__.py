"""Needs ↔ offers matching: the engine over plain data (``engine``, ``text``) and the wording
of its reasons (``reasons``). The database side is ``network.selectors.matching``."""

from vernetzt.network.matching.engine import (
    DEFAULT_LIMIT,
    GOOD_MATCH,
    WEIGHTS,
    Entry,
    Market,
    Match,
    Organisation,
    Reason,
    eligible,
)

__all__ = [
    "DEFAULT_LIMIT",
    "GOOD_MATCH",
    "WEIGHTS",
    "Entry",
    "Market",
    "Match",
    "Organisation",
    "Reason",
    "eligible",
]
