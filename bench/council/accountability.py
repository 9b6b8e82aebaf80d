"""Council accountability under load: 2,000 papers and 500 measures (generated), the overview
"Umsetzungsstand" (``/gremien/umsetzung/``) with and without filters, p95 under 20 concurrent
clients, on SQLite and PostgreSQL, served by gunicorn as ``bench/directory/server.py`` does.

    .venv/bin/python -m bench.council.accountability [--database sqlite|postgres|both]
        [--clients 20] [--requests 600] [--time-limit 60] [--workers 2] [--threads 8]

For each database: a fresh one (SQLite in a temporary directory; PostgreSQL database
``vernetzt_bench_accountability``, dropped afterwards), migrated, filled by ``generate`` (run in
a child process with the server's settings), static files collected, then the pages are asked
for by closed-loop clients (``bench/directory/load.py``): the overview alone, filtered by
body, status and year, and page 2. Target (issue 10): p95 ≤ 150 ms.

``generate`` is also what ``bench/council/report.py`` uses for the report of one body's year.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import random
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

TARGET_P95_MS = 150.0
POSTGRES_DATABASE = "vernetzt_bench_accountability"
BODIES = [
    ("Integrationsrat", "integration_council"),
    ("Ausschuss für Soziales und Integration", "committee"),
    ("Steuerungsgruppe KIM", "steering_group"),
    ("Arbeitsgruppe Migrantenselbstorganisationen", "working_group"),
    ("Arbeitskreis Öffentlichkeitsarbeit", "working_group"),
]
WORDS = [
    "Sprachcafé",
    "Integrationskonferenz",
    "Elternarbeit",
    "Ehrenamt",
    "Lotsenprojekt",
    "Beratung",
    "Frauenfrühstück",
    "Sportangebot",
    "Jugendforum",
    "Stadtteilfest",
    "Übersetzung",
    "Kita-Workshop",
    "Willkommenspaket",
    "MSO-Netzwerk",
    "Dolmetscherpool",
]


def generate(*, papers=2000, measures=500, seed=0, end=None):
    """Bodies, a year of meetings, ``papers`` papers each decided in one body, ``measures``
    measures with budget lines, milestones and progress; bulk-written (benchmark data, not
    a staff member's writes). Returns the body with the most measures."""
    from django.utils import timezone

    from vernetzt.council.models import (
        AgendaItem,
        Body,
        BudgetLine,
        Consultation,
        Measure,
        Meeting,
        Milestone,
        Paper,
        ProgressUpdate,
    )

    rng = random.Random(seed)
    end = end or datetime.date(2026, 6, 30)
    start = end - datetime.timedelta(days=364)
    bodies = Body.objects.bulk_create(
        [Body(name=name, kind=kind, is_public=kind != "steering_group") for name, kind in BODIES]
    )
    meetings = []
    for body in bodies:
        for month in range(12):
            day = start + datetime.timedelta(days=30 * month + rng.randrange(0, 20))
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(17)))
            meetings.append(
                Meeting(body=body, name=f"{body.name}: Sitzung {month + 1}", start=moment)
            )
    meetings = Meeting.objects.bulk_create(meetings)
    items = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meeting, order=order, number=str(order), name=f"Tagesordnungspunkt {order}"
            )
            for meeting in meetings
            for order in range(1, 11)
        ]
    )
    kinds = ["motion", "motion", "draft_resolution", "question", "notice"]
    results = ["accepted", "accepted", "accepted", "amended", "rejected", "referred", ""]
    paper_rows = Paper.objects.bulk_create(
        [
            Paper(
                reference=f"{24 + number // 1000}-{number:04d}",
                name=f"{rng.choice(WORDS)} – Antrag {number}",
                kind=rng.choice(kinds),
                date=start + datetime.timedelta(days=rng.randrange(0, 365)),
                text="Der Integrationsrat möge beschließen: " + " ".join(rng.choices(WORDS, k=40)),
            )
            for number in range(papers)
        ]
    )
    body_of_meeting = {meeting.pk: meeting.body_id for meeting in meetings}
    consultations = []
    for paper in paper_rows:
        item = rng.choice(items)
        consultations.append(
            Consultation(
                paper=paper,
                meeting_id=item.meeting_id,
                agenda_item=item,
                body_id=body_of_meeting[item.meeting_id],
                authoritative=True,
                result=rng.choice(results),
                resolution_text="Beschlossen wie beantragt.",
            )
        )
    Consultation.objects.bulk_create(consultations, batch_size=500)
    decided = [paper for paper, c in zip(paper_rows, consultations, strict=True) if c.result]
    statuses = ["planned", "running", "running", "running", "done", "done", "stopped"]
    measure_rows = []
    for number in range(measures):
        status = rng.choice(statuses)
        begins = start + datetime.timedelta(days=rng.randrange(0, 300))
        measure_rows.append(
            Measure(
                title=f"{rng.choice(WORDS)} {number + 1}",
                description=" ".join(rng.choices(WORDS, k=25)),
                paper=decided[number % len(decided)],
                status=status,
                status_reason="Kein Träger gefunden." if status == "stopped" else "",
                start_date=begins,
                end_date=begins + datetime.timedelta(days=rng.randrange(60, 400)),
                is_public=rng.random() > 0.1,
            )
        )
    measure_rows = Measure.objects.bulk_create(measure_rows)
    lines, milestones, updates = [], [], []
    for measure in measure_rows:
        plan = Decimal(rng.randrange(10, 400) * 100)
        lines.append(
            BudgetLine(
                measure=measure,
                kind="plan",
                amount=plan,
                date=measure.start_date,
                purpose="Ansatz",
                funding_source=rng.choice(["municipal", "state_kim", "federal"]),
            )
        )
        for _ in range(rng.randrange(0, 4)):
            lines.append(
                BudgetLine(
                    measure=measure,
                    kind=rng.choice(["commitment", "expenditure", "expenditure"]),
                    amount=(plan * Decimal(rng.randrange(5, 45)) / 100).quantize(Decimal("0.01")),
                    date=measure.start_date + datetime.timedelta(days=rng.randrange(0, 200)),
                    purpose="Rechnung",
                    receipt=f"RE-{rng.randrange(1000, 9999)}",
                )
            )
        for index in range(3):
            due = measure.start_date + datetime.timedelta(days=60 * (index + 1))
            milestones.append(
                Milestone(
                    measure=measure,
                    title=f"Schritt {index + 1}",
                    due_date=due,
                    done_on=due if rng.random() < 0.5 else None,
                )
            )
        for index in range(rng.randrange(0, 4)):
            updates.append(
                ProgressUpdate(
                    measure=measure,
                    date=measure.start_date + datetime.timedelta(days=30 * index),
                    text="Treffen durchgeführt, neue Teilnehmende gewonnen. " * 3,
                    participants_reached=rng.randrange(5, 200),
                    volunteers_won=rng.randrange(0, 10),
                )
            )
    BudgetLine.objects.bulk_create(lines, batch_size=1000)
    Milestone.objects.bulk_create(milestones, batch_size=1000)
    ProgressUpdate.objects.bulk_create(updates, batch_size=1000)
    body_of_paper = {c.paper_id: c.body_id for c in consultations}
    counts = {}
    for measure in measure_rows:
        body_id = body_of_paper[measure.paper_id]
        counts[body_id] = counts.get(body_id, 0) + 1
    return Body.objects.get(pk=max(counts, key=counts.get))


def _inner_generate(arguments):
    """Child process: fill the server's database, print the ids the pages need."""
    import django

    django.setup()
    from django.db import connection

    body = generate(papers=arguments.papers, measures=arguments.measures)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(json.dumps({"body": body.pk}))


def measure_database(database, arguments):
    from bench.directory.load import measure, wait_until_up
    from bench.directory.server import PYTHON, REPO, Gunicorn, manage, production_environment

    with tempfile.TemporaryDirectory(prefix="vernetzt-accountability-") as workdir:
        workdir = Path(workdir)
        environment = production_environment(workdir, database)
        if database == "postgres":
            environment["DATABASE_URL"] = (
                environment["DATABASE_URL"].rsplit("/", 1)[0] + "/" + POSTGRES_DATABASE
            )
            _postgres("create")
        try:
            manage(environment, "migrate", "--no-input", "-v", "0")
            output = subprocess.run(
                [
                    str(PYTHON),
                    "-m",
                    "bench.council.accountability",
                    "--generate-only",
                    "--papers",
                    str(arguments.papers),
                    "--measures",
                    str(arguments.measures),
                ],
                cwd=REPO,
                env=environment,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            body = json.loads(output.strip().splitlines()[-1])["body"]
            manage(environment, "collectstatic", "--no-input", "-v", "0")
            paths = [
                "/gremien/umsetzung/",
                f"/gremien/umsetzung/?body={body}",
                "/gremien/umsetzung/?status=running",
                "/gremien/umsetzung/?year=2026",
                f"/gremien/umsetzung/?body={body}&status=done&year=2026",
                "/gremien/umsetzung/?page=2",
            ]
            with Gunicorn(
                environment, workers=arguments.workers, threads=arguments.threads
            ) as port:
                wait_until_up(port)
                measure(
                    label="warm-up",
                    shown_path="",
                    port=port,
                    paths=paths,
                    clients=2,
                    requests=len(paths) * 2,
                    time_limit=60,
                    in_order=True,
                )
                result = measure(
                    label="accountability",
                    shown_path="/gremien/umsetzung/ (mixed filters)",
                    port=port,
                    paths=paths,
                    clients=arguments.clients,
                    requests=arguments.requests,
                    time_limit=arguments.time_limit,
                )
        finally:
            if database == "postgres":
                _postgres("drop")
    return result


def _postgres(action):
    import psycopg

    from bench.directory.server import POSTGRES_SERVER

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
        if action == "create":
            connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--measures", type=int, default=500)
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.generate_only:
        _inner_generate(arguments)
        return 0
    databases = ["sqlite", "postgres"] if arguments.database == "both" else [arguments.database]
    with open("/proc/loadavg") as load:
        before = " / ".join(load.read().split()[:3])
    lines = [
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {platform.python_version()};"
        f" load average at start {before}",
        f"- {arguments.papers} papers, {arguments.measures} measures; {arguments.clients} clients,"
        f" {arguments.requests} requests; gunicorn {arguments.workers} workers × {arguments.threads} threads",
        "",
        "| database | requests | errors | p50 ms | p95 ms | p99 ms | req/s | target p95 ≤ 150 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    failed = False
    for database in databases:
        result = measure_database(database, arguments)
        p95 = result.percentile(0.95)
        met = p95 <= TARGET_P95_MS and not result.errors
        failed |= not met
        lines.append(
            f"| {database} | {result.count} | {result.errors} | {result.percentile(0.5):.0f} |"
            f" {p95:.0f} | {result.percentile(0.99):.0f} | {result.throughput:.1f} |"
            f" {'met' if met else 'missed'} |"
        )
        for sample in result.error_samples[:3]:
            lines.append(f"  error: {sample}")
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
