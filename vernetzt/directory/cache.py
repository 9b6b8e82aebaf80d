"""Cached public directory pages on Django's cache framework, versioned by the directory revision.

The revision is a value kept in the cache itself (``REVISION_KEY``). After every write the
derived-data contract (``derived``) gives it a new, never repeated value (``bump``); every
cached page is stored and looked up with ``version=`` the revision, so a write makes all older
entries unreachable at once and they age out. A revision lost from the cache (evicted, or the
cache emptied) is replaced by a new value, which only makes every page stale, never wrong.

The cache must be shared by all server processes (``CACHES`` in the settings: a file-based
cache in the data directory by default, Redis when ``VERNETZT_CACHE_URL`` names one), or a
write in one process would not reach the others.

Only anonymous visitors' pages are cached (they carry nothing personal: the language switch
needs no CSRF token, see ``core.views``), and only plain 200 responses without cookies or a
message for the visitor. The key holds everything the page depends on besides the data: the
path and query string, the htmx headers that choose a partial page, the language and the day
(needs and offers count only while valid).
"""

import hashlib
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

REVISION_KEY = "directory:revision"
TIMEOUT_SECONDS = 60 * 60
# The request headers a cached page depends on: htmx asks for a partial page with the first
# and for a whole one (history restore) with the second.
KEY_HEADERS = ("HX-Request", "HX-History-Restore-Request")
PAGE_HEADERS = ("Content-Type", "Vary")


def bump():
    """Make every cached public page stale (``derived`` calls it once per write)."""
    cache.set(REVISION_KEY, secrets.token_hex(8), None)


def revision():
    """The current revision, created if the cache has none."""
    number = cache.get(REVISION_KEY)
    if number is None:
        cache.add(REVISION_KEY, secrets.token_hex(8), None)
        number = cache.get(REVISION_KEY)
    return number


def is_cacheable(request):
    return not request.user.is_authenticated and not len(messages.get_messages(request))


def page_key(request, kind):
    """The key of a page of ``kind`` for this request: its full address (the page links back
    to it, e.g. in the language form) and the htmx headers."""
    text = "\x1f".join(
        [request.get_full_path(), *(request.headers.get(name, "") for name in KEY_HEADERS)]
    )
    digest = hashlib.sha256(text.encode()).hexdigest()[:40]
    return f"directory:{kind}:{get_language()}:{timezone.localdate()}:{digest}"


def cached_page(request, kind, render):
    """The response of ``render()``, kept whole for anonymous visitors under the directory
    revision. The page must depend on nothing but what ``page_key`` holds."""
    if not is_cacheable(request):
        return render()
    key, version = page_key(request, kind), revision()
    kept = cache.get(key, version=version)
    if kept is not None:
        content, headers = kept
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response
    response = render()
    if response.status_code == 200 and not response.cookies and not response.streaming:
        headers = {name: response[name] for name in PAGE_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers), TIMEOUT_SECONDS, version=version)
    return response
