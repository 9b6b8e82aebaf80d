"""Cached public directory pages, invalidated by a directory revision number.

Every write to the directory calls ``bump`` (``search.reindex`` does, as do status changes,
contact changes and the managed-list admins), which increases the one number in the table
``directory_revision`` (migration 0005). Public (anonymous) pages look the number up once per
request (one cheap query) and key their cached HTML fragments by it, so a write makes every
older entry unreachable at once; the entries simply age out of the cache.

Only fragments without per-visitor content are cached (no CSRF tokens, no user names), and
only for anonymous visitors: logged-in users always get a fresh rendering. Anonymous pages carry
nothing personal at all (the language switch needs no CSRF token, see ``core.views``), so
``cached_page`` keeps whole list pages too, keyed by the full address; a page with a message
for its visitor (e.g. "thank you for your proposal") is never cached. Profiles have their own
store that a write to another organisation leaves alone (``published``).
"""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

REVISION_TABLE = "directory_revision"
TIMEOUT_SECONDS = 60 * 60


def bump():
    """Make every cached public page stale: call it in each write to the directory."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {REVISION_TABLE} SET number = number + 1 WHERE id = 1")


REVISION_SQL = f"SELECT number FROM {REVISION_TABLE} WHERE id = 1"


def revision(*, lock=False):
    """The current revision; ``lock``: inside a transaction, wait for writers that are about
    to bump it and hold them off until this transaction ends (SQLite's transactions hold the
    whole database already)."""
    sql = REVISION_SQL
    if lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return row[0] if row else 0


def is_cacheable(request):
    return not request.user.is_authenticated


def request_revision(request):
    """The revision, read once per request (the page and its fragments share it)."""
    if not hasattr(request, "_directory_revision"):
        request._directory_revision = revision()
    return request._directory_revision


def key(kind, *parts, revision_number):
    """A cache key for ``kind`` (e.g. "list") of this revision, language and day.

    The day is part of it because needs and offers count only while valid.
    """
    text = "\x1f".join(str(part) for part in parts)
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"directory:{kind}:{revision_number}:{get_language()}:{timezone.localdate()}:{digest}"


def get_or_render(request, kind, parts, render):
    """``render()`` (a dict of strings), from the cache when the visitor is anonymous."""
    if not is_cacheable(request):
        return render()
    cache_key = key(kind, *parts, revision_number=request_revision(request))
    fragments = cache.get(cache_key)
    if fragments is None:
        fragments = render()
        cache.set(cache_key, fragments, TIMEOUT_SECONDS)
    return fragments


PAGE_HEADERS = ("Content-Type", "Vary")


def cached_page(request, render):
    """The response of ``render()``, kept whole for anonymous visitors.

    The key holds the full address (the page links back to it, e.g. in the language form) and
    whether htmx asked for a partial page. Only plain 200 responses without cookies are kept.
    """
    if not is_cacheable(request) or len(messages.get_messages(request)):
        return render()
    cache_key = key(
        "page",
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
        revision_number=request_revision(request),
    )
    kept = cache.get(cache_key)
    if kept is not None:
        content, headers = kept
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response
    response = render()
    if response.status_code == 200 and not response.cookies and not response.streaming:
        headers = {name: response[name] for name in PAGE_HEADERS if response.has_header(name)}
        cache.set(cache_key, (response.content, headers), TIMEOUT_SECONDS)
    return response
