"""Debian's Chromium for Playwright: where it is and how it starts (headless, no network
chatter). Used by the browser tests and by ``screenshot.py``."""

import os
import shutil
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def configured_chromium():
    return os.environ.get("VERNETZT_CHROMIUM", DEFAULT_CHROMIUM)


def chromium_path():
    """The Chromium binary (``VERNETZT_CHROMIUM`` or Debian's), or None when it is missing."""
    configured = configured_chromium()
    if Path(configured).is_file():
        return configured
    return shutil.which(configured)
