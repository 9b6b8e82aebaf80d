"""Text keys that ignore case, spacing, punctuation and the ways umlauts get typed."""

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_UMLAUTS_PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _ascii(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _collapse(text):
    # Letters of every script stay: "العربية" or "Українська" are names in a list, too.
    return re.sub(r"[\W_]+", " ", text).strip()


def key(text):
    """ "Straße", "STRASSE" and "strasse " give the same key."""
    return _collapse(_ascii(str(text).casefold().translate(_UMLAUTS)))


def keys(text):
    """Both spellings of an umlaut: "Tuerkei" and "Turkei" both find "Türkei"."""
    folded = str(text).casefold()
    return {
        _collapse(_ascii(folded.translate(_UMLAUTS))),
        _collapse(_ascii(folded.translate(_UMLAUTS_PLAIN))),
    } - {""}


_ASSOCIATION_SUFFIX = re.compile(r"\b(e v|ev)\b")


def organisation_name_key(name):
    """A name without case, punctuation or "e.V.", for spotting the same organisation twice."""
    return " ".join(_ASSOCIATION_SUFFIX.sub(" ", key(name)).split())
