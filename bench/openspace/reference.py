"""Where the shared reference instances live: ``../shared/bench/openspace`` beside the
repository, or the folder named by ``VERNETZT_OPENSPACE_REFERENCE``."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def reference_dir():
    configured = os.environ.get("VERNETZT_OPENSPACE_REFERENCE")
    return Path(configured) if configured else REPO.parent / "shared" / "bench" / "openspace"


REFERENCE = reference_dir()
