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
