"""Audit entries in the reader's language: field labels, choice labels, managed-list labels,
localised dates, and no change that says nothing (``Short name: — → —``).

The trail stores plain values (``services.snapshot``): a choice's key (``"proposed"``), a
related object as text, a date in ISO form. This module turns them into what the reader of
the history page understands, at reading time, so a trail written in German reads in Arabic.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

EMPTY = "—"


# A value longer than this gets a line of its own: two long texts side by side with an arrow
# between them do not read as "before, after", least of all when they wrap right to left.
LONG_VALUE = 40


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str
    # Written by people (a description, a title), so in the content language, not the reader's.
    is_content: bool = False

    @property
    def is_long(self):
        return max(len(self.old), len(self.new)) > LONG_VALUE


def model_of(entry):
    return ContentType.objects.get_for_id(entry.content_type_id).model_class()


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model, name):
    field = _field(model, name)
    return str(getattr(field, "verbose_name", None) or name)


class TermNames:
    """Stored text of a related object (its German name, or its label in the language the
    writer used) → its label now, per related model, loaded once per history page."""

    def __init__(self):
        self._by_model = {}

    def label(self, model, text):
        if model not in self._by_model:
            self._by_model[model] = self._load(model)
        term = self._by_model[model].get(text)
        return term.label if term is not None else text

    @staticmethod
    def _load(model):
        field_names = {field.name for field in model._meta.get_fields()}
        if "name" not in field_names or not hasattr(model, "label"):
            return {}  # not a managed list: the stored text is all there is
        names = {}
        for term in model.objects.all()[:5000]:
            names[term.name] = term
            for translated in (getattr(term, "translations", None) or {}).values():
                names.setdefault(translated, term)
            if "code" in field_names:  # languages are named by Babel in each language
                names.setdefault(term.code, term)
                for code, _name in settings.LANGUAGES:
                    with translation.override(code):
                        names.setdefault(term.label, term)
        return names


def _is_empty(value):
    return value is None or value == "" or value == [] or value == {}


def _date_text(field, value):
    if field.get_internal_type() == "DateTimeField":
        moment = parse_datetime(value)
        if moment is not None:
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    parsed = parse_date(value[:10])
    return formats.date_format(parsed, "SHORT_DATE_FORMAT") if parsed else value


def value_text(model, name, value, terms):
    """One stored value as the reader should see it."""
    if _is_empty(value):
        return EMPTY
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(value_text(model, name, item, terms) for item in value)
    field = _field(model, name)
    if field is None:
        return str(value)
    if getattr(field, "choices", None):  # reverse relations (e.g. "contacts") have none
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        return terms.label(field.related_model, str(value))
    if isinstance(value, str) and field.get_internal_type() in {"DateField", "DateTimeField"}:
        return _date_text(field, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return formats.number_format(value) if isinstance(value, float) else str(value)
    return str(value)


def readable_changes(entry, terms):
    """The entry's changes as (field label, old, new), without those that change nothing."""
    model = model_of(entry)
    changes = []
    for name, values in (entry.changes or {}).items():
        old, new = (list(values) + [None, None])[:2] if isinstance(values, list) else (None, values)
        old_text, new_text = value_text(model, name, old, terms), value_text(model, name, new, terms)
        if old_text == new_text:
            continue
        changes.append(
            Change(field_label(model, name), old_text, new_text, _is_content(_field(model, name)))
        )
    return changes


def _is_content(field):
    return bool(
        field is not None
        and not getattr(field, "choices", None)
        and not field.is_relation
        and field.get_internal_type() in {"CharField", "TextField"}
    )


def actor_text(entry):
    """Who acted, as recorded; "the public" in the reader's language, whichever language it
    was recorded in."""
    from vernetzt.audit.services import PUBLIC_ACTOR

    if entry.actor_id is None:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                if entry.actor_label == gettext(PUBLIC_ACTOR):
                    return gettext(PUBLIC_ACTOR)
    return entry.actor_label
