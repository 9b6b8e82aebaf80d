"""Council report benchmark: the PDF (and XLSX) of one body's year.

    .venv/bin/python -m bench.council.report [--papers 2000] [--measures 500] [--repeat 1]

A fresh SQLite database in a temporary directory under production-like settings (DEBUG off),
filled by ``bench.council.accountability.generate`` (2,000 papers, 500 measures over five
bodies); the report of the body with the most measures for the generated year is built as the
task would build it (``council.reports.jobs.build``: read, render, WeasyPrint). Target
(issue 10): the PDF in < 30 s. Prints the seconds, pages, size and the target's verdict.
"""

from __future__ import annotations

import argparse
import datetime
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 30.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--measures", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--profile", action="store_true", help="time HTML and PDF with/without tags"
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vernetzt-report-bench-") as workdir:
        for key in list(os.environ):
            if key.startswith("VERNETZT_") or key == "DATABASE_URL":
                del os.environ[key]
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "vernetzt.settings",
                "VERNETZT_DEBUG": "0",
                "VERNETZT_SECRET_KEY": secrets.token_urlsafe(50),
                "VERNETZT_DATA_DIR": str(Path(workdir) / "data"),
                "VERNETZT_LOG_LEVEL": "WARNING",
            }
        )
        import django

        django.setup()
        from django.core.management import call_command

        from bench.council.accountability import generate
        from vernetzt.accounts.models import User
        from vernetzt.council.reports import jobs

        call_command("migrate", "--no-input", "-v", "0")
        started = time.perf_counter()
        body = generate(papers=arguments.papers, measures=arguments.measures)
        generated = time.perf_counter() - started
        staff = User.objects.create_user(username="bench", password=None, is_staff=True)
        end = datetime.date(2026, 6, 30)
        start = end - datetime.timedelta(days=364)
        rows = []
        for fmt in ("pdf", "xlsx"):
            for _ in range(arguments.repeat):
                started, cpu = time.perf_counter(), time.process_time()
                content, _name = jobs.build(
                    user=staff, body=body, start=start, end=end, fmt=fmt, language="de"
                )
                rows.append(
                    (fmt, time.perf_counter() - started, len(content), time.process_time() - cpu)
                )
        from vernetzt.council.reports import data, render

        report = data.collect(user=staff, body=body, start=start, end=end)
        if arguments.profile:
            from weasyprint import CSS, HTML

            started = time.perf_counter()
            document = render.html(report, language="de")
            print(f"- profile: HTML {time.perf_counter() - started:.1f} s")
            for tags in (False, True):
                started = time.perf_counter()
                HTML(string=document).write_pdf(
                    stylesheets=[CSS(filename=str(render.STYLESHEET))], pdf_tags=tags
                )
                print(f"- profile: PDF with pdf_tags={tags}: {time.perf_counter() - started:.1f} s")
    with open("/proc/loadavg") as load:
        average = " / ".join(load.read().split()[:3])
    print(
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; load average at end {average}"
    )
    print(
        f"- data: {arguments.papers} papers, {arguments.measures} measures (generated in {generated:.1f} s);"
        f" the report of “{body.name}” for {start:%d.%m.%Y}–{end:%d.%m.%Y}:"
        f" {len(report.decisions)} decisions, {len(report.measures)} measures"
    )
    failed = False
    for fmt, seconds, size, cpu in rows:
        verdict = ""
        if fmt == "pdf":
            met = seconds < TARGET_SECONDS
            failed |= not met
            verdict = f" — target < {TARGET_SECONDS:.0f} s {'met' if met else 'missed'}"
        print(f"- {fmt}: {seconds:.1f} s wall ({cpu:.1f} s CPU), {size / 1024:.0f} KiB{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
