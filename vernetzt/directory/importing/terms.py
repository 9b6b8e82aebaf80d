"""Matching cell values against the managed lists, with suggestions for the unknown ones."""

import difflib
import re

from django.utils.translation import gettext_lazy as _

from vernetzt.directory.importing.normalise import key, keys
from vernetzt.directory.languages import language_name
from vernetzt.directory.models import (
    Community,
    District,
    FieldOfAction,
    Language,
    Organisation,
    OrganisationType,
)

LIST_LABELS = {
    "type": _("type"),
    "fields": _("field of action"),
    "communities": _("community"),
    "languages": _("language"),
    "districts": _("district"),
    "legal_form": _("legal form"),
    "accessibility": _("accessibility"),
}

SUGGESTION_CUTOFF = 0.6
_SEPARATORS = re.compile(r"[,;/\n]+")


def split_values(text):
    return [part.strip() for part in _SEPARATORS.split(str(text)) if part.strip()]


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


def _language_matcher():
    matcher = Matcher()
    for language in Language.objects.all():
        german = language_name(language.code, fallback=language.name, locale="de")
        english = language_name(language.code, fallback=language.name, locale="en")
        matcher.add(language, german, language.code, language.name, english)
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
            "type": _term_matcher(OrganisationType),
            "fields": _term_matcher(FieldOfAction),
            "communities": _term_matcher(Community),
            "districts": _term_matcher(District),
            "languages": _language_matcher(),
            "legal_form": _choice_matcher(Organisation.LegalForm, LEGAL_FORM_WORDS),
            "accessibility": _choice_matcher(Organisation.Accessibility, ACCESSIBILITY_WORDS),
        }

    def find(self, list_name, text):
        return self.matchers[list_name].find(text)

    def suggest(self, list_name, text):
        return self.matchers[list_name].suggest(text)
