"""The fields a column can be imported into, and recognition of the usual headers."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from vernetzt.directory import managed_lists
from vernetzt.directory.importing.normalise import key


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    headers: tuple = ()


TARGETS = [
    Target(
        "name",
        _("Name"),
        (
            "Name",
            "Name des Vereins",
            "Name der Organisation",
            "Organisation",
            "Verein",
            "Vereinsname",
            "Einrichtung",
            "Name Verein",
            "Name der Einrichtung",
            "Organisation / Verein",
            "Verein / Organisation",
            "Bezeichnung",
        ),
    ),
    Target(
        "short_name",
        _("Short name"),
        ("Kurzname", "Kurzbezeichnung", "Abkürzung", "Kürzel", "Short name"),
    ),
    Target(
        "type",
        _("Type"),
        (
            "Art",
            "Typ",
            "Organisationsart",
            "Organisationstyp",
            "Art der Organisation",
            "Kategorie",
            "Art des Vereins",
            "Art der Einrichtung",
            "Vereinsart",
            "Typ der Organisation",
            "Type",
        ),
    ),
    Target(
        "description",
        _("Description"),
        (
            "Beschreibung",
            "Kurzbeschreibung",
            "Angebote",
            "Angebot",
            "Selbstdarstellung",
            "Tätigkeit",
            "Was wir tun",
            "Description",
        ),
    ),
    Target("goals", _("Goals"), ("Ziele", "Ziel", "Vereinszweck", "Zweck", "Goals")),
    Target(
        "founding_year",
        _("Founding year"),
        (
            "Gründungsjahr",
            "Gegründet",
            "Gegründet am",
            "Gegründet im Jahr",
            "Gründung",
            "Gründungsdatum",
            "Jahr der Gründung",
            "Seit",
            "Founding year",
            "Founded",
        ),
    ),
    Target("legal_form", _("Legal form"), ("Rechtsform", "Legal form")),
    Target(
        "member_count",
        _("Number of members"),
        (
            "Mitglieder",
            "Mitgliederzahl",
            "Anzahl Mitglieder",
            "Mitgliederanzahl",
            "Anzahl der Mitglieder",
            "Mitglieder (ca.)",
            "Members",
        ),
    ),
    Target(
        "fields",
        _("Fields of action (several)"),
        (
            "Tätigkeitsfelder",
            "Tätigkeitsfeld",
            "Handlungsfelder",
            "Handlungsfeld",
            "Themen",
            "Arbeitsbereiche",
            "Arbeitsbereich",
            "Schwerpunkte",
            "Schwerpunkt",
            "Themenbereiche",
            "Fields of action",
        ),
    ),
    Target(
        "communities",
        _("Communities served (several)"),
        (
            "Communities",
            "Community",
            "Herkunft",
            "Herkunftsland",
            "Herkunftsländer",
            "Zielgruppe Herkunft",
            "Herkunft / Community",
            "Community / Herkunft",
            "Herkunftsregion",
            "Herkunftsländer / Communities",
            "Nationalität",
        ),
    ),
    Target(
        "languages",
        _("Languages (several)"),
        (
            "Sprachen",
            "Sprache",
            "Gesprochene Sprachen",
            "Sprachkenntnisse",
            "Angebotene Sprachen",
            "Beratungssprachen",
            "Languages",
        ),
    ),
    Target(
        "districts",
        _("Districts (several)"),
        (
            "Stadtteil",
            "Stadtteile",
            "Ortsteil",
            "Ortsteile",
            "Quartier",
            "Bezirk",
            "Stadtbezirk",
            "Sozialraum",
            "Stadtteil / Quartier",
            "Districts",
        ),
    ),
    Target(
        "street",
        _("Street and number"),
        (
            "Straße",
            "Strasse",
            "Str.",
            "Straße und Hausnummer",
            "Straße, Nr.",
            "Straße / Hausnr.",
            "Anschrift",
            "Adresse",
            "Postanschrift",
            "Street",
        ),
    ),
    Target("postcode", _("Postcode"), ("PLZ", "Postleitzahl", "Postcode", "PLZ.")),
    Target("city", _("Town"), ("Ort", "Stadt", "Wohnort", "Town", "City")),
    Target(
        "website",
        _("Website"),
        (
            "Webseite",
            "Website",
            "Homepage",
            "Internetseite",
            "Internet",
            "Internetadresse",
            "Web",
            "URL",
        ),
    ),
    Target(
        "public_email",
        _("E-mail"),
        (
            "E-Mail",
            "Email",
            "Mail",
            "E-Mail-Adresse",
            "Mailadresse",
            "E-Mail Verein",
            "Kontakt E-Mail",
        ),
    ),
    Target(
        "public_phone",
        _("Phone"),
        (
            "Telefon",
            "Tel",
            "Tel.",
            "Telefonnummer",
            "Tel.-Nr.",
            "Telefon Verein",
            "Festnetz",
            "Phone",
        ),
    ),
    Target(
        "accessibility",
        _("Accessibility"),
        ("Barrierefreiheit", "Barrierefrei", "Rollstuhlgerecht", "Accessibility"),
    ),
    Target(
        "accessibility_notes",
        _("Notes on accessibility"),
        ("Hinweise Barrierefreiheit", "Anmerkungen Barrierefreiheit"),
    ),
    Target(
        "contact_name",
        _("Contact person"),
        (
            "Ansprechpartner/in",
            "Ansprechpartner",
            "Ansprechpartnerin",
            "Ansprechperson",
            "Kontaktperson",
            "Kontakt",
            "Ansprechpartner*in",
            "Ansprechpartner:in",
            "Contact person",
        ),
    ),
    Target(
        "contact_email",
        _("E-mail of the contact person"),
        (
            "E-Mail Ansprechpartner/in",
            "E-Mail Ansprechpartner",
            "E-Mail Ansprechperson",
            "E-Mail Kontaktperson",
        ),
    ),
    Target(
        "contact_phone",
        _("Phone of the contact person"),
        (
            "Telefon Ansprechpartner/in",
            "Telefon Ansprechpartner",
            "Telefon Ansprechperson",
            "Telefon Kontaktperson",
            "Handy",
            "Mobil",
            "Mobilnummer",
        ),
    ),
    Target(
        "contact_consent",
        _("Consent of the contact person (yes + date)"),
        (
            "Einwilligung",
            "Einverständnis",
            "Einwilligung Datenschutz",
            "Datenschutzeinwilligung",
            "Einwilligung Ansprechpartner/in",
            "Einwilligung DSGVO",
            "DSGVO",
            "DSGVO-Einwilligung",
            "Einwilligung Datenverarbeitung",
            "Einverständniserklärung",
            "Datenschutz",
            "Consent",
        ),
    ),
]
TARGETS_BY_NAME = {target.name: target for target in TARGETS}
MULTI_VALUE_TARGETS = set(managed_lists.MANY_FIELDS)
IGNORE = ""

_HEADER_INDEX = {key(header): target.name for target in TARGETS for header in target.headers}


def recognise(header):
    """The target a header stands for, or ``IGNORE`` when it is not a usual one."""
    return _HEADER_INDEX.get(key(header), IGNORE)


def suggest_mapping(headers):
    """Header → target for every recognised header; each target is used by one column only."""
    mapping, used = {}, set()
    for header in headers:
        target = recognise(header)
        if target and target in used:
            target = IGNORE
        mapping[header] = target
        used.add(target)
    return mapping


def target_choices():
    return [(IGNORE, _("— do not import —")), *((t.name, t.label) for t in TARGETS)]


class MappingError(ValueError):
    """A mapping that cannot be used; ``str()`` is a translated message."""


def parse_assignments(assignments):
    """``["Spalte=field", …]`` (the command's ``--map``) → ``{"Spalte": "field"}``."""
    mapping = {}
    for assignment in assignments:
        header, separator, target = assignment.rpartition("=")
        if not separator or not header.strip():
            raise MappingError(
                _('"%(value)s" is not of the form "Column=field".') % {"value": assignment}
            )
        mapping[header.strip()] = target.strip()
    return mapping


def resolve_header(header, headers):
    """The file's header a user wrote, tolerating case, spacing and umlaut spelling."""
    if header in headers:
        return header
    matches = [candidate for candidate in headers if key(candidate) == key(header)]
    return matches[0] if matches else None


def apply_overrides(mapping, overrides, headers):
    """``mapping`` with the user's choices applied; unknown columns or fields are errors."""
    result = dict(mapping)
    for header, target in overrides.items():
        column = resolve_header(header, headers)
        if column is None:
            raise MappingError(
                _('The file has no column "%(column)s". Its columns: %(columns)s.')
                % {"column": header, "columns": ", ".join(headers)}
            )
        target = "" if target in {"", "-", "ignore"} else target
        if target and target not in TARGETS_BY_NAME:
            raise MappingError(
                _('"%(field)s" is not a field of the import. Fields: %(fields)s.')
                % {"field": target, "fields": ", ".join(TARGETS_BY_NAME)}
            )
        result[column] = target
    return result


def check_mapping(mapping, *, has_default_type):
    """Translated problems that make ``mapping`` unusable (empty list: fine)."""
    problems = []
    columns_by_target = {}
    for header, target in mapping.items():
        if target:
            columns_by_target.setdefault(target, []).append(header)
    for target, headers in columns_by_target.items():
        if len(headers) > 1:
            problems.append(
                _("Several columns are assigned to %(field)s: %(columns)s. Choose one.")
                % {"field": TARGETS_BY_NAME[target].label, "columns": ", ".join(headers)}
            )
    if "name" not in columns_by_target:
        problems.append(_("Assign a column to the name."))
    if "type" not in columns_by_target and not has_default_type:
        problems.append(_("Assign a column to the type, or choose a default type for the import."))
    return problems
