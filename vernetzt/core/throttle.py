"""Rate limits for anonymous writes, on Django's cache framework (the default cache).

A fixed window per scope and key: ``allow`` counts one request and says whether it is still
within the limit of its window. Keys are hashed, so e-mail addresses and client addresses are
not kept in the cache in clear. Limits live in ``settings.THROTTLES`` (scope → (count,
seconds)). A cache shared by the worker processes counts for all of them; Redis's atomic
increments make the count exact, the file-based cache's may let a burst pass a few more.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

# Shown as a form error (the form keeps what was typed) on a response with status 429.
TOO_MANY = _(
    "This form was sent very often from your connection in a short time. To protect the "
    "service, please wait an hour and send it again; what you typed is kept below."
)
TOO_MANY_STATUS = 429


def _cache_key(scope, key, window):
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    return f"throttle:{scope}:{window}:{digest}"


def allow(scope, key):
    """Count one request of ``key`` in ``scope``; False once the window's limit is passed."""
    limit, seconds = settings.THROTTLES[scope]
    window = int(time.time() // seconds)
    cache_key = _cache_key(scope, key, window)
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=seconds)
        count = 1
    return count <= limit
