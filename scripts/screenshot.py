"""Screenshot of a running vernetzt page for the README (starts no server itself).

    scripts/demo.sh &    # the demo town, at http://127.0.0.1:8000
    .venv/bin/python scripts/screenshot.py http://127.0.0.1:8000/verzeichnis/

Uses Debian's Chromium (or VERNETZT_CHROMIUM) through Playwright, at 1280×800, in German.
"""

import argparse
import sys
from pathlib import Path

from chromium import (  # scripts/chromium.py, beside this file
    CHROMIUM_ARGS,
    chromium_path,
    configured_chromium,
)
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "docs" / "screenshot.png"
MAX_BYTES = 300 * 1024  # keeps the repository small


def take(url, output, language):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=language)
            context.add_cookies([{"name": "django_language", "value": language, "url": url}])
            page = context.new_page()
            response = page.goto(url, wait_until="networkidle")
            if response is None or response.status != 200:
                status = response.status if response else "no response"
                raise SystemExit(f"{url} answered {status}; is the server running?")
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(output), full_page=False)
        finally:
            browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "url", help="the page to photograph, e.g. http://127.0.0.1:8000/verzeichnis/"
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--language", default="de")
    arguments = parser.parse_args(argv)
    if not chromium_path():
        raise SystemExit(
            f"Chromium not found at {configured_chromium()}; install the Debian package 'chromium'"
        )

    take(arguments.url, arguments.output, arguments.language)
    size = arguments.output.stat().st_size
    print(f"{arguments.output}: {size // 1024} KB")
    if size > MAX_BYTES:
        print(
            f"larger than {MAX_BYTES // 1024} KB; please shrink it before committing",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
