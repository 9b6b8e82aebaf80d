"""Matching cell values against the managed lists, with suggestions for the unknown ones."""

import difflib
import re

from django.utils.translation import gettext_lazy as _

from vernetzt.directory import managed_lists
from vernetzt.directory.importing.normalise import key, keys
from vernetzt.directory.languages import language_name
from vernetzt.directory.models import (
    Language,
    Organisation,
)

LIST_LABELS = {
    **{managed.field: managed.import_label for managed in managed_lists.ORGANISATION_LISTS},
    "legal_form": _("legal form"),
    "accessibility": _("accessibility"),
}

SUGGESTION_CUTOFF = 0.6
_SEPARATORS = re.compile(r"[,;\n+]+")
# Split only when the whole part is no entry: "Sinti und Roma" is one community.
_SOFT_SEPARATORS = re.compile(r"/|&|\bund\b|\bu\.|\bsowie\b|\band\b", re.IGNORECASE)


def split_values(text):
    return [part.strip() for part in _SEPARATORS.split(str(text)) if part.strip()]


def soft_split(text):
    return [part.strip(" .") for part in _SOFT_SEPARATORS.split(text) if part.strip(" .")]


class Matcher:
    """Finds an entry by any of its names; ``suggest`` offers the closest display names."""

    def __init__(self):
        self._by_key = {}
        self._display_by_key = {}

    def add(self, entry, display, *names):
        for name in (display, *names):
            for variant in keys(name):
                self._by_key.setdefault(variant, entry)
                self._display_by_key.setdefault(variant, display)

    def find(self, text):
        for variant in keys(text):
            if variant in self._by_key:
                return self._by_key[variant]
        return None

    def suggest(self, text, count=3):
        """The display names closest to ``text``: the best and those nearly as close."""
        wanted = key(text)
        scores = {}
        for variant, display in self._display_by_key.items():
            score = difflib.SequenceMatcher(None, wanted, variant).ratio()
            if score >= SUGGESTION_CUTOFF and score > scores.get(display, 0):
                scores[display] = score
        if not scores:
            return []
        best = max(scores.values())
        ranked = sorted(scores, key=lambda display: (-scores[display], display))
        return [display for display in ranked if scores[display] >= best - 0.1][:count]


def _term_matcher(model):
    matcher = Matcher()
    for term in model.objects.filter(is_active=True):
        synonyms = [synonym for synonym in term.synonyms.split(",") if synonym.strip()]
        matcher.add(term, term.name, term.slug, *term.translations.values(), *synonyms)
    return matcher


# Names lists use beside the German and English ones, by ISO code: the language's own name
# (as speakers write it) and common German aliases.
LANGUAGE_ALIASES = {
    "fa": ["Farsi", "Persisch", "Iranisch", "فارسی"],
    "prs": ["Dari", "Afghanisch", "Dari-Persisch"],
    "ps": ["Paschtu", "Paschto", "Pashto", "Paschtunisch", "Pushtu", "پښتو"],
    "ku": ["Kurdisch", "Kurdî", "Kurmancî", "Kurmanci", "Kurmandschi", "Kurmanji", "Nordkurdisch"],
    "ckb": ["Sorani", "Soranî", "Zentralkurdisch", "کوردی"],
    "ar": [
        "Arabisch (Hocharabisch)",
        "Hocharabisch",
        "Syrisch-Arabisch",
        "Levantinisch",
        "العربية",
        "عربي",
    ],
    "tr": ["Türkçe", "Turkce", "Türkish"],
    "uk": ["Ukrainisch", "Українська", "Ukrainian"],
    "ru": ["Russisch", "Русский", "Russian"],
    "ti": ["Tigrinya", "Tigrinja", "Tigrigna", "ትግርኛ"],
    "am": ["Amharisch", "Amharic"],
    "so": ["Somalisch", "Somali"],
    "sq": ["Albanisch", "Shqip"],
    "sr": ["Serbisch", "Srpski", "Serbokroatisch", "Jugoslawisch"],
    "bs": ["Bosnisch", "Bosanski"],
    "hr": ["Kroatisch", "Hrvatski"],
    "pl": ["Polnisch", "Polski"],
    "ro": ["Rumänisch", "Română", "Romana", "Moldauisch"],
    "bg": ["Bulgarisch", "Български"],
    "el": ["Griechisch", "Ελληνικά"],
    "zh": ["Chinesisch", "Mandarin", "中文"],
    "vi": ["Vietnamesisch", "Tiếng Việt"],
    "hu": ["Ungarisch", "Magyar"],
    "hy": ["Armenisch", "Հայերեն"],
    "ka": ["Georgisch", "ქართული"],
    "az": ["Aserbaidschanisch", "Azərbaycanca"],
    "he": ["Hebräisch", "עברית"],
    "ur": ["Urdu"],
    "hi": ["Hindi"],
    "ta": ["Tamil"],
    "en": ["Englisch", "English"],
    "de": ["Deutsch", "German", "dt.", "dt"],
    "fr": ["Französisch", "Français", "Francais"],
    "es": ["Spanisch", "Español", "Espanol"],
    "it": ["Italienisch", "Italiano"],
    "pt": ["Portugiesisch", "Português", "Portugues"],
}


def _language_matcher():
    matcher = Matcher()
    for language in Language.objects.all():
        german = language_name(language.code, fallback=language.name, locale="de")
        english = language_name(language.code, fallback=language.name, locale="en")
        aliases = LANGUAGE_ALIASES.get(language.code, [])
        matcher.add(language, german, language.code, language.name, english, *aliases)
    return matcher


# Words a town's list uses for the legal forms and for accessibility, beside the labels.
LEGAL_FORM_WORDS = {
    Organisation.LegalForm.REGISTERED_ASSOCIATION: ["e.V.", "eV", "eingetragener Verein", "Verein"],
    Organisation.LegalForm.NON_REGISTERED: [
        "nicht eingetragener Verein",
        "nicht eingetragen",
        "Initiative",
        "informell",
        "Gruppe",
    ],
    Organisation.LegalForm.NONPROFIT_COMPANY: ["gGmbH", "gemeinnützige GmbH", "gUG"],
    Organisation.LegalForm.COMPANY: ["GmbH", "UG", "AG", "GbR", "Unternehmen", "Firma"],
    Organisation.LegalForm.FOUNDATION: ["Stiftung"],
    Organisation.LegalForm.PUBLIC_BODY: [
        "Körperschaft des öffentlichen Rechts",
        "KdöR",
        "Behörde",
        "öffentlich-rechtlich",
        "Kommune",
    ],
    Organisation.LegalForm.RELIGIOUS_BODY: ["Religionsgemeinschaft", "Kirche"],
    Organisation.LegalForm.OTHER: ["Sonstige", "andere", "sonstiges"],
}
ACCESSIBILITY_WORDS = {
    Organisation.Accessibility.FULL: [
        "ja",
        "yes",
        "barrierefrei",
        "stufenlos",
        "rollstuhlgerecht",
        "vollständig",
        "x",
    ],
    Organisation.Accessibility.PARTIAL: [
        "teilweise",
        "teils",
        "eingeschränkt",
        "bedingt",
        "partly",
    ],
    Organisation.Accessibility.NONE: ["nein", "no", "nicht barrierefrei", "keine"],
    Organisation.Accessibility.UNKNOWN: ["unbekannt", "weiß nicht", "?", "k.A.", "keine Angabe"],
}


def _choice_matcher(choices, words):
    matcher = Matcher()
    for choice in choices:
        matcher.add(choice.value, str(choice.label), choice.value, *words.get(choice, []))
    return matcher


class Vocabulary:
    """Every list a row's values are matched against, loaded once per import."""

    def __init__(self):
        self.matchers = {
            **{
                managed.field: _term_matcher(managed.model)
                for managed in managed_lists.ORGANISATION_LISTS
                if managed.has_active_flag
            },
            "languages": _language_matcher(),
            "legal_form": _choice_matcher(Organisation.LegalForm, LEGAL_FORM_WORDS),
            "accessibility": _choice_matcher(Organisation.Accessibility, ACCESSIBILITY_WORDS),
        }

    def find(self, list_name, text):
        return self.matchers[list_name].find(text)

    def find_all(self, list_name, text):
        """(entries, unknown values) of a cell listing several: "Deutsch + Türkisch",
        "Kultur u. Bildung", "Arabisch/Farsi"; a part that is an entry as a whole stays whole."""
        found, unknown = [], []
        for part in split_values(text):
            entry = self.find(list_name, part)
            pieces = (
                [(part, entry)]
                if entry
                else [(piece, self.find(list_name, piece)) for piece in soft_split(part)]
            )
            for value, entry in pieces:
                if entry is None:
                    unknown.append(value)
                elif entry not in found:
                    found.append(entry)
        return found, unknown

    def suggest(self, list_name, text):
        return self.matchers[list_name].suggest(text)
