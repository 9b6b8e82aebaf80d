"""Compile the .po catalogues to .mo with polib, so no GNU gettext is needed to run vernetzt."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "vernetzt" / "locale"


def main():
    compiled = 0
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        compiled += 1
    print(f"Compiled {compiled} translation catalogues")


if __name__ == "__main__":
    main()
