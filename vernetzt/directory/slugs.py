"""Web addresses (slugs) of organisations: readable for names in any script, never a fixed route.

The one place for the slug rule; ``services.unique_slug`` (one organisation) and the import's
``SlugAllocator`` (many at once) both use it.
"""

from functools import lru_cache

from django.utils.text import slugify
from unidecode import unidecode

MAX_LENGTH = 200
FALLBACK = "organisation"


@lru_cache(maxsize=1)
def reserved_slugs():
    """Words of the directory's fixed routes under ``verzeichnis/`` ("meine", "vorschlagen"…).

    Read from the URL patterns, so a new fixed route is reserved without a second list.
    """
    from vernetzt.directory.urls import urlpatterns

    words = set()
    for pattern in urlpatterns:
        route = str(pattern.pattern)
        prefix, _slash, rest = route.partition("/")
        segment = rest.split("/", 1)[0]
        if prefix == "verzeichnis" and segment and "<" not in segment and "." not in segment:
            words.add(segment)
    return frozenset(words)


def slug_base(name):
    """ "Türkischer Elternverein" → "turkischer-elternverein"; "مركز الأمل" → "mrkz-lml".

    Names in other scripts are transliterated; a name that leaves nothing (only symbols)
    gets the fallback.
    """
    return slugify(unidecode(str(name)))[:MAX_LENGTH].strip("-") or FALLBACK


def first_free(base, taken):
    """``base`` or ``base-2``, ``base-3``… whichever is no fixed route and not ``taken(slug)``."""
    reserved = reserved_slugs()
    slug, counter = base, 2
    while slug in reserved or taken(slug):
        slug = f"{base}-{counter}"
        counter += 1
    return slug
