"""The reasons of a match in words, in the active language.

``render(reason, labels)`` words one ``engine.Reason``; ``labels`` gives the names of the
managed-list entries it names (``Labels``: category, district, field and community id → name in
the reader's language). Two points of view: the need's organisation reading about an offer
(``NEED``, the default: "speaks Tigrinya") and the offering organisation reading about a need
(``OFFER``: "asks for Tigrinya, which you offer").
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vernetzt.directory.languages import language_name

NEED, OFFER = "need", "offer"


@dataclass
class Labels:
    categories: dict = field(default_factory=dict)
    districts: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)
    communities: dict = field(default_factory=dict)


def _names(ids, names):
    return ", ".join(str(names.get(pk, pk)) for pk in ids)


def _languages(codes):
    return ", ".join(language_name(code, fallback=code) for code in codes)


def render(reason, labels, *, perspective=NEED):
    code, values, count = reason.code, reason.values, len(reason.values)
    for_need = perspective == NEED
    if code == "category":
        return _("same category: %(category)s") % {"category": _names(values, labels.categories)}
    if code == "words":
        words = ", ".join(values)
        if for_need:
            return _("fits your words: %(words)s") % {"words": words}
        return _("asks for what you describe: %(words)s") % {"words": words}
    if code == "districts":
        names = _names(values, labels.districts)
        if for_need:
            return ngettext(
                "offered in %(districts)s, the district you named",
                "offered in %(districts)s, the districts you named",
                count,
            ) % {"districts": names}
        return ngettext(
            "needed in %(districts)s, where you offer it",
            "needed in %(districts)s, where you offer it",
            count,
        ) % {"districts": names}
    if code == "districts_organisation":
        names = _names(values, labels.districts)
        if for_need:
            return ngettext(
                "active in %(districts)s, the district you named",
                "active in %(districts)s, the districts you named",
                count,
            ) % {"districts": names}
        return _("needed in %(districts)s, where you are active") % {"districts": names}
    if code == "everywhere":
        return _("offered in every district") if for_need else _("you offer it in every district")
    if code == "languages":
        names = _languages(values)
        if for_need:
            return _("speaks %(languages)s") % {"languages": names}
        return _("asks for %(languages)s, which you offer") % {"languages": names}
    if code == "languages_organisation":
        names = _languages(values)
        if for_need:
            return _("the organisation speaks %(languages)s") % {"languages": names}
        return _("asks for %(languages)s, which your organisation speaks") % {"languages": names}
    if code == "fields":
        return ngettext(
            "works in the field %(fields)s, as you do",
            "works in the fields %(fields)s, as you do",
            count,
        ) % {"fields": _names(values, labels.fields)}
    if code == "communities":
        return ngettext(
            "reaches the community %(communities)s, as you do",
            "reaches the communities %(communities)s, as you do",
            count,
        ) % {"communities": _names(values, labels.communities)}
    if code == "until":
        day = date_format(reason.day, "SHORT_DATE_FORMAT")
        return _("available until %(date)s") % {"date": day}
    return code


def render_all(reasons, labels, *, perspective=NEED):
    return [render(reason, labels, perspective=perspective) for reason in reasons]
