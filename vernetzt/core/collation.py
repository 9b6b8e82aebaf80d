"""Sorting text as a reader expects: "Ägypten" beside "Agypten", not after "Zypern".

The Unicode Collation Algorithm with its default table (pyuca, pure Python) orders Latin
letters with accents and umlauts next to their base letter, as DIN 5007 does for German, and
keeps Arabic, Cyrillic and Turkish letters in their alphabets' order, so one key serves every
language of the platform. Python's default ``sorted`` orders by code point; the databases
collate differently from each other.
"""

from functools import cache

from pyuca import Collator


@cache
def _collator():
    return Collator()  # reads the collation table once per process (~0.3 s)


def sort_key(text):
    """A key for ``sorted``: ``sorted(names, key=sort_key)``."""
    return _collator().sort_key(str(text))


def sorted_by(items, label):
    """``items`` sorted by ``label(item)`` in collation order."""
    return sorted(items, key=lambda item: sort_key(label(item)))
