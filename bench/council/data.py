"""The shared OParl test data: ``../shared/data/oparl`` beside the repository, or the folder
named by ``VERNETZT_OPARL_DATA``. Read-only: the Hürtgenwald crawl is unpacked elsewhere."""

import os
import tarfile
from pathlib import Path

import zstandard

REPO = Path(__file__).resolve().parents[2]
OPARL_DATA = Path(os.environ.get("VERNETZT_OPARL_DATA", REPO.parent / "shared" / "data" / "oparl"))
KARLSRUHE = OPARL_DATA / "karlsruhe-integration"
HUERTGENWALD_ARCHIVE = OPARL_DATA / "huertgenwald-oparl1.0.tar.zst"


def unpack_huertgenwald(target):
    """Unpack the Hürtgenwald crawl (OParl 1.0, 106 files, 11 MB) into ``target``; returns it."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    with (
        HUERTGENWALD_ARCHIVE.open("rb") as compressed,
        zstandard.ZstdDecompressor().stream_reader(compressed) as stream,
        tarfile.open(fileobj=stream, mode="r|") as archive,
    ):
        archive.extractall(target, filter="data")
    return target
