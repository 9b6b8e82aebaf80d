"""Spreadsheets for the import tests, built in memory (CSV bytes or XLSX via openpyxl)."""

import csv
import io

import factory

from tests.factories import term
from vernetzt.directory.models import (
    District,
    FieldOfAction,
    ImportJob,
    Language,
    OrganisationType,
)

HEADERS = [
    "Name des Vereins",
    "Art",
    "Gründungsjahr",
    "Mitglieder",
    "E-Mail",
    "Webseite",
    "Tätigkeitsfelder",
    "Sprachen",
    "Stadtteil",
]


def organisation_row(number, **overrides):
    row = {
        "Name des Vereins": f"Kulturverein Nummer {number} e.V.",
        "Art": "Kulturverein",
        "Gründungsjahr": 1990 + number % 30,
        "Mitglieder": 10 + number,
        "E-Mail": f"verein{number}@example.org",
        "Webseite": f"https://verein{number}.example.org",
        "Tätigkeitsfelder": "Kultur; Bildung",
        "Sprachen": "Deutsch, tr",
        "Stadtteil": "",
    }
    row.update(overrides)
    return row


def csv_bytes(rows, *, headers=None, delimiter=";", encoding="utf-8"):
    headers = headers or list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([row.get(header, "") for header in headers] for row in rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, headers=None, leading_empty_rows=0):
    from openpyxl import Workbook

    headers = headers or list(rows[0])
    workbook = Workbook()
    sheet = workbook.active
    for _blank in range(leading_empty_rows):
        sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def district(slug, name, synonyms=""):
    obj = term(District, slug, name)
    if synonyms:
        obj.synonyms = synonyms
        obj.save(update_fields=["synonyms"])
    return obj


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    file_name = "liste.csv"
    file_format = "csv"
    content = factory.LazyFunction(lambda: csv_bytes([organisation_row(1)]))
    headers = factory.LazyFunction(lambda: list(HEADERS))
    default_type = None
    total = 1


def culture_type():
    return term(OrganisationType, "culture", "Kulturverein")


def seed_terms_of_organisation_row():
    """What ``organisation_row`` refers to; transactional tests flush what migrations seeded."""
    culture_type()
    term(FieldOfAction, "culture", "Kultur")
    term(FieldOfAction, "education", "Bildung")
    for code, name in [("de", "Deutsch"), ("tr", "Türkisch")]:
        Language.objects.get_or_create(code=code, defaults={"name": name})
