"""Managed terms in templates: ``{% term_list label terms %}`` (a definition-list entry),
``{% term_tags terms %}`` (a list of tags) and ``{% term_label term %}``.

Each term shows in the reader's language; a term the office has not translated yet shows its
German name, marked ``lang="de"`` so that screen readers pronounce it as German (WCAG 3.1.2).

Tags rather than included templates: a profile page shows up to a dozen such lists, and
each ``{% include %}`` costs a context and a sub-template render, which made them a large
share of the page's time (docs/benchmarks.md).
"""

import unicodedata

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def german_fallback(term):
    """Whether ``term`` shows its German name to a reader of another language."""
    translations = getattr(term, "translations", None)
    language = (get_language() or "de").split("-")[0]
    return translations is not None and language != "de" and not translations.get(language)


def _lang(term):
    return ' lang="de"' if german_fallback(term) else ""


@register.simple_tag
def term_label(term):
    """The term's name; in a ``<span lang="de">`` when it falls back to German."""
    if term is None:
        return ""
    if german_fallback(term):
        return format_html('<span lang="de">{}</span>', term.label)
    return term.label


@register.simple_tag
def term_list(label, terms):
    """``<dt>label</dt><dd><ul><li>term</li>…</ul></dd>``, or nothing when there are no terms."""
    if not terms:
        return ""
    items = "".join(f"<li{_lang(term)}>{escape(term.label)}</li>" for term in terms)
    return mark_safe(f"<dt>{escape(label)}</dt><dd><ul>{items}</ul></dd>")  # both escaped


@register.simple_tag
def term_tags(terms):
    """``<ul class="tags"><li class="tag">term</li>…</ul>``."""
    items = "".join(f'<li class="tag"{_lang(term)}>{escape(term.label)}</li>' for term in terms)
    return mark_safe(f'<ul class="tags">{items}</ul>')  # escaped


@register.simple_tag
def reader_description(organisation):
    """The organisation's self-description for the reader: in the reader's language when the
    organisation wrote one (``OrganisationDescription``), else the German one. A dict with
    ``text`` and ``language`` (for the ``lang`` attribute)."""
    language = (get_language() or "de").split("-")[0]
    if language != "de":
        descriptions = getattr(organisation, "_prefetched_objects_cache", {}).get("descriptions")
        if descriptions is None:
            descriptions = organisation.descriptions.filter(language=language)
        for description in descriptions:
            if description.language == language:
                return {"text": description.text, "language": language}
    return {"text": organisation.description, "language": "de"}


@register.filter
def german_lang(text):
    """`` lang="de"`` for user-written text in Latin letters (the directory's content language
    is German), nothing for a name written in another script (an Arabic or Cyrillic name is
    not German, and marking it so would make screen readers mispronounce it)."""
    for character in str(text):
        if character.isalpha():
            latin = unicodedata.name(character, "").startswith("LATIN")
            return mark_safe(' lang="de"') if latin else ""
    return ""
