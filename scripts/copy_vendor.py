"""Copy the front-end libraries installed by npm into the static files (never from a CDN)."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "vernetzt" / "static" / "vendor"
FILES = {
    "htmx/htmx.min.js": "node_modules/htmx.org/dist/htmx.min.js",
    "htmx/LICENSE": "node_modules/htmx.org/LICENSE",
}


def main():
    missing = [source for source in FILES.values() if not (ROOT / source).exists()]
    if missing:
        sys.exit(f"Front-end packages missing ({', '.join(missing)}); run 'npm ci' first.")
    for target, source in FILES.items():
        destination = VENDOR / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / source, destination)
    print(f"Copied {len(FILES)} front-end files to {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
