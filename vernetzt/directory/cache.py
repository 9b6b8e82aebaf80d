"""Cached public directory pages, invalidated by a directory revision number.

Every write to the directory calls ``bump`` (``search.reindex`` does, as do status changes,
contact changes and the managed-list admins), which increases the one number in the table
``directory_revision`` (migration 0005). Public (anonymous) pages look the number up once per
request (one cheap query) and key their cached HTML fragments by it, so a write makes every
older entry unreachable at once; the entries simply age out of the cache.

Only fragments without per-visitor content are cached (no CSRF tokens, no user names), and
only for anonymous visitors: logged-in users always get a fresh rendering.
"""

import hashlib

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

REVISION_TABLE = "directory_revision"
TIMEOUT_SECONDS = 60 * 60


def bump():
    """Make every cached public page stale: call it in each write to the directory."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {REVISION_TABLE} SET number = number + 1 WHERE id = 1")


def revision():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {REVISION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def is_cacheable(request):
    return not request.user.is_authenticated


def key(kind, *parts):
    """A cache key for ``kind`` (e.g. "list") of this revision, language and day.

    The day is part of it because needs and offers count only while valid.
    """
    text = "\x1f".join(str(part) for part in parts)
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"directory:{kind}:{revision()}:{get_language()}:{timezone.localdate()}:{digest}"


def get_or_render(request, kind, parts, render):
    """``render()`` (a dict of strings), from the cache when the visitor is anonymous."""
    if not is_cacheable(request):
        return render()
    cache_key = key(kind, *parts)
    fragments = cache.get(cache_key)
    if fragments is None:
        fragments = render()
        cache.set(cache_key, fragments, TIMEOUT_SECONDS)
    return fragments
