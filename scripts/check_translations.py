"""Fail when a user-facing string lacks its German translation.

Source strings are English, so English is complete by construction; German is the default UI
language and must be complete. Extracts the current strings first (needs GNU gettext's
xgettext, as Django's makemessages does), then reads the catalogue with polib.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "vernetzt" / "locale"
REQUIRED_LANGUAGES = ["de"]
REPORTED_LANGUAGES = ["tr", "ar", "uk", "ru"]


def extract():
    env = {**os.environ, "VERNETZT_DEBUG": "1"}
    for domain in ("django", "djangojs"):
        command = [
            sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete",
            "-d", domain, "-i", ".venv", "-i", "node_modules", "-i", "bench", "-i", "tests",
            "-i", "staticfiles", "-i", "vernetzt/static/vendor", "-i", "docs", "-i", "data",
            "-i", "scripts",
        ]
        for language in REQUIRED_LANGUAGES + REPORTED_LANGUAGES:
            command += ["-l", language]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def missing_entries(language):
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    if not po_path.exists():
        return None
    catalogue = polib.pofile(str(po_path))
    return [
        entry
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or entry.fuzzy)
    ]


def main():
    if "--no-extract" not in sys.argv:
        extract()
    failed = False
    for language in REQUIRED_LANGUAGES:
        missing = missing_entries(language)
        if missing is None:
            print(f"{language}: catalogue missing")
            failed = True
            continue
        for entry in missing:
            print(f"{language}: untranslated or fuzzy: {entry.msgid!r}")
        failed = failed or bool(missing)
    for language in REPORTED_LANGUAGES:
        missing = missing_entries(language)
        if missing is not None:
            print(f"{language}: {len(missing)} strings not yet translated (reported, not enforced)")
    if failed:
        sys.exit("Translations incomplete: run scripts/check_translations.py and fill vernetzt/locale/de.")
    print("Translations complete for: " + ", ".join(REQUIRED_LANGUAGES))


if __name__ == "__main__":
    main()
