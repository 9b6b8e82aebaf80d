"""Turning spreadsheet cells (text, numbers, dates) into clean values."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from vernetzt.directory.importing.normalise import key


def text(cell):
    """A cell as trimmed text; Excel's 1998.0 becomes "1998", a date "2024-03-01"."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "ja" if cell else "nein"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return str(cell).strip()


def postcode(cell):
    """Excel stores "01067" as the number 1067; German postcodes have five digits."""
    value = text(cell)
    if isinstance(cell, (int, float)) and value.isdigit() and len(value) < 5:
        return value.zfill(5)
    return value


_APPROXIMATELY = re.compile(
    r"^(ca\.?|circa|etwa|rund|ungefähr|über|mehr als|~|>|about|approx\.?)\s*", re.IGNORECASE
)
_THOUSANDS = re.compile(r"^\d{1,3}([.' ]\d{3})+$")


def whole_number(cell):
    """An int from "120", "ca. 120", "1.200" or 120.0; ``None`` when it is no whole number."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else None
    value = _APPROXIMATELY.sub("", text(cell)).rstrip("+").strip()
    if _THOUSANDS.match(value):
        value = re.sub(r"[.' ]", "", value)
    return int(value) if re.fullmatch(r"\d+", value) else None


_email_validator = EmailValidator()
_url_validator = URLValidator(schemes=["http", "https"])


def is_email(value):
    try:
        _email_validator(value)
    except ValidationError:
        return False
    return True


def web_address(value):
    """``value`` as a full URL ("www.verein.de" gets https://), or ``None`` if it is none."""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        value = f"https://{value}"
    try:
        _url_validator(value)
    except ValidationError:
        return None
    return value


_YES = {"ja", "yes", "x", "j", "y", "true", "1", "liegt vor", "erteilt", "vorhanden", "schriftlich"}
_DATE_DE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2,4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def consent(cell):
    """(given, date or None) from cells like "ja", "ja, 12.03.2024", "2024-03-12" or a date cell."""
    if isinstance(cell, datetime.datetime):
        return True, cell.date()
    if isinstance(cell, datetime.date):
        return True, cell
    value = text(cell)
    day = _date(value)
    words = key(_DATE_ISO.sub(" ", _DATE_DE.sub(" ", value)))
    words = re.sub(r"\b(am|vom|seit|on|since)\b", " ", words).strip()
    if words in _YES or any(words.startswith(f"{word} ") for word in _YES):
        return True, day
    return (day is not None and not words), day


def _date(value):
    try:
        if match := _DATE_ISO.search(value):
            return datetime.date(*(int(part) for part in match.groups()))
        if match := _DATE_DE.search(value):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None
    return None


# What offices write into a cell that has no value: treated as empty, with a warning.
_PLACEHOLDERS = {
    "-",
    "--",
    "---",
    "–",
    "—",
    "/",
    "?",
    "??",
    ".",
    "...",
    "…",
    "n/a",
    "na",
    "keine",
    "keiner",
    "keins",
    "kein",
    "nicht vorhanden",
    "nicht bekannt",
    "unbekannt",
    "k a",
    "ka",
    "keine angabe",
    "keine angaben",
    "ohne",
    "entfaellt",
    "n v",
    "nv",
    "siehe bemerkung",
    "siehe bemerkungen",
    "s bemerkung",
    "siehe unten",
    "siehe oben",
    "siehe anmerkung",
    "s o",
    "s u",
    "folgt",
    "wird nachgereicht",
    "tbd",
    "offen",
}


def is_placeholder(value):
    """ "keine", "-", "k.A.", "siehe Bemerkung"…: a cell that says it has no value."""
    stripped = value.strip()
    return bool(stripped) and (stripped in _PLACEHOLDERS or key(stripped) in _PLACEHOLDERS)


def single_line(value):
    """Whitespace collapsed: "Haupt  straße\n 5 " → "Haupt straße 5"."""
    return " ".join(value.split())


def paragraphs(value):
    """Spaces collapsed within lines, line breaks kept (descriptions)."""
    lines = [" ".join(line.split()) for line in value.replace("\r", "").split("\n")]
    return "\n".join(lines).strip()


_SHOUTED_WORD = re.compile(r"[^\W\d_]{4,}")
_KEEP = {"e.v.": "e.V.", "e. v.": "e. V.", "ggmbh": "gGmbH", "gmbh": "GmbH"}


def calm_capitals(value):
    """ "MUSTERSTADT" → "Musterstadt", "TÜRKISCHER ELTERNVEREIN E.V." → "Türkischer Elternverein
    e.V."; short upper-case words (DRK, AWO, THW) and mixed case stay as they are."""
    letters = [char for char in value if char.isalpha()]
    if not letters or any(char.islower() for char in letters) or not _SHOUTED_WORD.search(value):
        return value

    def word(match):
        text = match.group(0)
        return _KEEP.get(text.lower()) or (text.capitalize() if len(text) >= 4 else text)

    return re.sub(r"[^\s\-/]+", word, value)


_EMAIL_SEPARATORS = re.compile(r"[\s,;/]+|\bund\b|\boder\b", re.IGNORECASE)


def email_addresses(value):
    """The parts of a cell with one or more addresses ("a@x.de; b@x.de", "mailto:a@x.de")."""
    parts = _EMAIL_SEPARATORS.split(value.replace("mailto:", " "))
    return [part.strip("<>()[]\"'.") for part in parts if part.strip("<>()[]\"'.")]


# Excel dates are days since 1899-12-30; founding dates lie between these serial numbers.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIAL_RANGE = range(1, 80_000)
_YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")
_DATE_ANY = re.compile(r"^\s*(\d{1,2}[./-]){1,2}\d{2,4}\s*$|^\s*\d{4}-\d{1,2}(-\d{1,2})?\s*$")


def year(cell):
    """(year or None, how it was read): "plain", "date" (a date cell or text), "serial" (an
    Excel date number) or "text" (the one year in a text such as "seit 1998")."""
    if isinstance(cell, (datetime.date, datetime.datetime)):
        return cell.year, "date"
    number = whole_number(cell)
    if number is not None and not isinstance(cell, str):
        if number >= 10_000 and number in _SERIAL_RANGE:
            return (_EXCEL_EPOCH + datetime.timedelta(days=number)).year, "serial"
        return number, "plain"
    value = text(cell)
    if re.fullmatch(r"\d{1,4}", value):
        return int(value), "plain"
    years = _YEAR.findall(value)
    if _DATE_ANY.match(value) and len(years) == 1:
        return int(years[0]), "date"
    if len(set(years)) == 1:
        return int(years[0]), "text"
    return None, ""


def phone(cell):
    """(number as text, how): Excel turns "0234 567890" into the number 234567890, losing the
    leading zero (also in the CSV it saves); "restored" when a zero (or the + of +49…) was put
    back, "short" when a bare number is too short to tell, else ""."""
    digits = single_line(text(cell))
    if isinstance(cell, bool) or not digits.isdigit() or digits.startswith("0"):
        return digits, ""  # written as text: "0234 567890", "+49 …", "234567"
    if digits.startswith("49") and len(digits) >= 11:
        return f"+{digits}", "restored"
    if 9 <= len(digits) <= 12:
        return f"0{digits}", "restored"
    return digits, "short" if isinstance(cell, (int, float)) else ""
