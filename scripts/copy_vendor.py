"""Copy the front-end libraries installed by npm into the static files (never from a CDN)."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "vernetzt" / "static" / "vendor"
KERN = "node_modules/@kern-ux/native"
# The ten Fira Sans faces KERN UX's fira-sans.css declares.
FIRA_FACES = [
    "Light", "LightItalic", "Regular", "Italic", "Medium", "MediumItalic",
    "SemiBold", "SemiBoldItalic", "Bold", "BoldItalic",
]
FILES = {
    "htmx/htmx.min.js": "node_modules/htmx.org/dist/htmx.min.js",
    "htmx/LICENSE": "node_modules/htmx.org/LICENSE",
    # The network map (docs/dependencies.md): UMD builds, used without a bundler.
    "graphology/graphology.umd.min.js": "node_modules/graphology/dist/graphology.umd.min.js",
    # Its source map: the build names it, and collectstatic's manifest refuses a missing one.
    "graphology/graphology.umd.min.js.map": "node_modules/graphology/dist/graphology.umd.min.js.map",
    "graphology/LICENSE.txt": "node_modules/graphology/LICENSE.txt",
    "sigma/sigma.min.js": "node_modules/sigma/dist/sigma.min.js",
    "sigma/LICENSE.txt": "node_modules/sigma/LICENSE.txt",
    "kern/kern.min.css": f"{KERN}/dist/kern.min.css",
    "kern/fonts/fira-sans.css": f"{KERN}/dist/fonts/fira-sans.css",
    "kern/LICENSE.md": f"{KERN}/LICENSE.md",
    **{
        f"kern/fonts/fira-sans/FiraSans-{face}.woff2":
            f"{KERN}/dist/fonts/fira-sans/FiraSans-{face}.woff2"
        for face in FIRA_FACES
    },
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
