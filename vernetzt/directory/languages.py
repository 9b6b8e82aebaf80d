"""Languages as ISO 639-1 codes; names come from Babel (CLDR) in the reader's language."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

# Languages commonly spoken in German towns' migrant communities, plus German and English.
DEFAULT_LANGUAGE_CODES = [
    "de", "en", "ar", "tr", "uk", "ru", "pl", "ro", "bg", "fa", "prs", "ps", "ku", "ckb",
    "ti", "so", "am", "fr", "es", "it", "pt", "el", "sr", "hr", "bs", "sq", "mk", "hu",
    "vi", "zh", "ta", "ur", "hi", "bn", "ha", "yo", "ig", "sw", "tw", "ln", "ka", "hy", "az",
    "he", "lt", "lv", "sk", "cs", "nl",
]


# Languages CLDR has no name for.
NAMES_CLDR_LACKS = {"prs": "Dari"}

# Languages CLDR names only under another code: Dari is listed as Afghan Persian.
CLDR_CODES = {"prs": "fa_AF"}


@lru_cache(maxsize=4096)
def _name(code, locale_code):
    try:
        locale = Locale.parse(locale_code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale("de")
    return locale.languages.get(CLDR_CODES.get(code, code))


def language_name(code, *, fallback="", locale=None):
    """The name of ``code`` in ``locale`` (default: the active language)."""
    name = _name(code, locale or get_language() or "de")
    return name or fallback or NAMES_CLDR_LACKS.get(code) or code


def default_languages():
    """(code, German name) for the languages seeded on a new installation."""
    seen = []
    for code in DEFAULT_LANGUAGE_CODES:
        if code not in seen:
            seen.append(code)
    return [
        (code, language_name(code, fallback=NAMES_CLDR_LACKS.get(code, ""), locale="de"))
        for code in seen
    ]
