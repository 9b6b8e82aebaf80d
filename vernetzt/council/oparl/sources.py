"""Where OParl documents come from: a server, a crawl saved to a folder, or loose JSON files.

- ``HttpSource``: GET over HTTP(S) with ``requests`` (timeouts, retries, a size limit).
- ``CrawlFolder``: a server's responses saved as files named after their address below the
  system's folder (``body/1/paper?page=2.json``), recognised by its ``system.json``.
- ``LooseFolder``: any other folder of ``*.json`` files, each one object, a list of objects
  or a list page (``{"data": [...]}``), as exported by syndication projects.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

import requests
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_FILES = 100_000
REQUEST_TIMEOUT_SECONDS = 30


class SourceError(Exception):
    """The source cannot be read; the message is translated and names the cause."""


def open_source(source, *, session=None):
    """The source for ``source``: an ``http(s)://`` address or a folder."""
    if urlsplit(source).scheme in ("http", "https"):
        return HttpSource(source, session=session)
    root = Path(source)
    if not root.is_dir():
        raise SourceError(
            _("%(source)s is neither an http(s) address nor a folder.") % {"source": source}
        )
    if (root / "system.json").is_file():
        return CrawlFolder(root)
    return LooseFolder(root)


def parse_json(content, where):
    if len(content) > MAX_DOCUMENT_BYTES:
        raise SourceError(
            _("%(where)s is larger than %(limit)s MB.")
            % {"where": where, "limit": MAX_DOCUMENT_BYTES // (1024 * 1024)}
        )
    try:
        return json.loads(content)
    except ValueError as error:
        raise SourceError(
            _("%(where)s is not valid JSON (%(reason)s).") % {"where": where, "reason": error}
        ) from error


class HttpSource:
    """An OParl server; ``start`` is its system, a body or a body list address."""

    def __init__(self, start, *, session=None):
        self.start = start
        self.session = session or self._session()

    @staticmethod
    def _session():
        session = requests.Session()
        retries = Retry(total=3, backoff_factor=1, status_forcelist=[429, 500, 502, 503, 504])
        session.mount("https://", HTTPAdapter(max_retries=retries))
        session.mount("http://", HTTPAdapter(max_retries=retries))
        session.headers["Accept"] = "application/json"
        return session

    def get(self, url):
        try:
            with self.session.get(url, timeout=REQUEST_TIMEOUT_SECONDS, stream=True) as response:
                if response.status_code != 200:
                    raise SourceError(
                        _("%(url)s answered with HTTP status %(status)s.")
                        % {"url": url, "status": response.status_code}
                    )
                content = bytearray()
                for chunk in response.iter_content(chunk_size=65536):
                    content += chunk
                    if len(content) > MAX_DOCUMENT_BYTES:
                        break  # parse_json names the limit
        except requests.RequestException as error:
            raise SourceError(
                _("%(url)s could not be fetched (%(reason)s).") % {"url": url, "reason": error}
            ) from error
        return parse_json(bytes(content), url)


class CrawlFolder:
    """A saved crawl: ``https://host/oparl/v1.0/body/1/paper?page=2`` is
    ``body/1/paper?page=2.json`` in a folder whose ``system.json`` holds the system."""

    def __init__(self, root):
        self.root = root.resolve()
        system = self._load(self.root / "system.json")
        system_id = system.get("id") if isinstance(system, dict) else None
        if not isinstance(system_id, str) or "/" not in system_id:
            raise SourceError(_("system.json holds no OParl system with an id."))
        self.base = system_id.rsplit("/", 1)[0] + "/"
        self.start = system_id

    def _load(self, path):
        try:
            content = path.read_bytes()
        except OSError as error:
            raise SourceError(
                _("%(file)s cannot be read (%(reason)s).") % {"file": path, "reason": error.strerror}
            ) from error
        return parse_json(content, path.name)

    def get(self, url):
        if url == self.start:
            return self._load(self.root / "system.json")
        if not url.startswith(self.base):
            raise SourceError(
                _("%(url)s lies outside the saved crawl (%(base)s).") % {"url": url, "base": self.base}
            )
        path = (self.root / (url[len(self.base) :] + ".json")).resolve()
        if not path.is_relative_to(self.root):
            raise SourceError(_("%(url)s lies outside the saved crawl.") % {"url": url})
        return self._load(path)


class LooseFolder:
    """Every ``*.json`` below a folder, in name order."""

    def __init__(self, root):
        self.root = root.resolve()

    def documents(self):
        paths = sorted(path for path in self.root.rglob("*.json") if path.is_file())
        if not paths:
            raise SourceError(_("The folder %(folder)s holds no .json files.") % {"folder": self.root})
        if len(paths) > MAX_FILES:
            raise SourceError(
                _("The folder holds more than %(limit)s files.") % {"limit": MAX_FILES}
            )
        for path in paths:
            try:
                content = path.read_bytes()
            except OSError as error:
                raise SourceError(
                    _("%(file)s cannot be read (%(reason)s).")
                    % {"file": path, "reason": error.strerror}
                ) from error
            yield path.relative_to(self.root).as_posix(), parse_json(content, path.name)
