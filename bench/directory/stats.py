"""Latency statistics, the targets and the Markdown table. Pure functions, no I/O."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

MAX_P95_MS = 150.0  # search, filtered search and profile under the realistic mix
MAX_P95_COLD_MS = 300.0  # profiles visited uniformly, each once (nothing cached)
MAX_P95_FACTOR = 3.0  # times the trivial view's p95 (the repeated-query mix only)


@dataclass
class Measurement:
    """What one endpoint did under load; latencies in milliseconds."""

    label: str
    path: str
    latencies_ms: list = field(default_factory=list)
    errors: int = 0
    error_samples: list = field(default_factory=list)
    wall_seconds: float = 0.0
    planned: int = 0

    @property
    def count(self):
        return len(self.latencies_ms) + self.errors

    @property
    def throughput(self):
        return self.count / self.wall_seconds if self.wall_seconds else 0.0

    def percentile(self, share):
        return percentile(self.latencies_ms, share)


@dataclass
class Series:
    """One endpoint measured in several rounds, each on a fresh server.

    Why rounds: this machine's speed drifts (the trivial view alone served 984 to 2,380
    requests/s from one run to the next), so one measurement per endpoint compares endpoints
    measured at different moments. The endpoints take turns, round after round, and each
    statistic is the median over the rounds.
    """

    label: str
    path: str
    rounds: list = field(default_factory=list)  # of Measurement

    @property
    def errors(self):
        return sum(m.errors for m in self.rounds)

    @property
    def count(self):
        return sum(m.count for m in self.rounds)

    @property
    def planned(self):
        return sum(m.planned for m in self.rounds)

    @property
    def error_samples(self):
        return [sample for m in self.rounds for sample in m.error_samples]

    @property
    def throughput(self):
        return _median([m.throughput for m in self.rounds])

    def percentile(self, share):
        return _median([m.percentile(share) for m in self.rounds])

    def round_percentiles(self, share):
        return [m.percentile(share) for m in self.rounds]


def _median(values):
    values = sorted(value for value in values if not math.isnan(value))
    if not values:
        return math.nan
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def percentile(values, share):
    """Nearest-rank percentile (``share`` in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Verdict:
    label: str
    passed: bool
    detail: str


def check_targets(trivial, others, *, limit_ms=MAX_P95_MS, relative=True):
    """0 errors everywhere; every other endpoint's p95 ≤ ``limit_ms`` and (``relative``)
    ≤ 3 × the trivial view's p95."""
    verdicts = [_errors_verdict(trivial)]
    limits = [(limit_ms, f"{limit_ms:.0f} ms")]
    if relative:
        limits.append((MAX_P95_FACTOR * trivial.percentile(95), "3 × trivial p95"))
    for measurement in others:
        verdicts.append(_errors_verdict(measurement))
        p95 = measurement.percentile(95)
        if math.isnan(p95):
            verdicts.append(Verdict(measurement.label, False, "no successful request to time"))
            continue
        for limit, name in limits:
            passed = p95 <= limit
            over = "" if passed else f", over by {p95 - limit:.1f} ms ({(p95 / limit - 1):.0%})"
            verdicts.append(Verdict(
                measurement.label, passed,
                f"p95 {p95:.1f} ms {'≤' if passed else '>'} {name} = {limit:.1f} ms{over}",
            ))
    return verdicts


def _errors_verdict(measurement):
    incomplete = measurement.count < measurement.planned
    passed = measurement.errors == 0 and not incomplete
    detail = f"{measurement.errors} errors in {measurement.count} requests"
    if incomplete:
        detail += f" (time limit hit: {measurement.planned} planned)"
    return Verdict(measurement.label, passed, detail)


def markdown_table(measurements):
    """A row per endpoint; for a ``Series`` also the p95 of each round."""
    rounds = any(isinstance(m, Series) for m in measurements)
    lines = [
        "| Endpoint | Path | Requests | Errors | p50 ms | p95 ms | p99 ms | Requests/s |"
        + (" p95 per round |" if rounds else ""),
        "|---|---|---:|---:|---:|---:|---:|---:|" + ("---|" if rounds else ""),
    ]
    for m in measurements:
        line = (
            f"| {m.label} | `{m.path}` | {m.count} | {m.errors} | {m.percentile(50):.1f} "
            f"| {m.percentile(95):.1f} | {m.percentile(99):.1f} | {m.throughput:.0f} |"
        )
        if isinstance(m, Series):
            line += " " + " / ".join(f"{value:.1f}" for value in m.round_percentiles(95)) + " |"
        lines.append(line)
    return "\n".join(lines)


def markdown_verdicts(verdicts):
    return "\n".join(
        f"- {'PASS' if verdict.passed else 'FAIL'} {verdict.label}: {verdict.detail}"
        for verdict in verdicts
    )
