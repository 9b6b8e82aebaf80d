"""A town's list of organisations as integration offices really keep it, for the import tests.

About 150 rows of an Excel sheet grown over years: a merged title cell and a "Stand" note above
the headers, headers as an office writes them ("Herkunft / Community", "Einwilligung DSGVO",
"Internet", "Gegründet"), founding years typed as years, as Excel dates and as text, phone
numbers that Excel turned into numbers, two e-mail addresses in a cell, "Deutsch + Türkisch",
"Kurmancî", "Farsi", "keine" and "k.A." for nothing, "MUSTERSTADT", double spaces, section
headings, notes and empty rows between the rows, an Arabic name, and a few organisations the
directory already has. A few rows are truly broken, as in every real list.

``messy_list(...)`` returns the file and a ``Plan``: what the import must find, row by row, as
the spreadsheet numbers the rows. Variants: XLSX or CSV (";", Windows-1252 as German Excel saves
it), with or without title rows, with another random seed.
"""

import csv
import datetime
import io
import random
from dataclasses import dataclass, field

HEADERS = [
    "Name des Vereins",
    "Art",
    "Herkunft / Community",
    "Sprachen",
    "Tätigkeitsfelder",
    "Stadtteil",
    "Straße",
    "PLZ",
    "Ort",
    "Telefon",
    "E-Mail",
    "Internet",
    "Gegründet",
    "Ansprechpartner/in",
    "Einwilligung DSGVO",
    "Bemerkung",
]
TITLE = "Vereinsliste der Stadt Musterstadt – Integrationsbüro"
STAND = "Stand: 03/2024 – nur für den Dienstgebrauch"

TYPES = ["Kulturverein", "MSO", "Sportverein", "Moscheeverein", "Initiative", "Elternverein"]
KNOWN_TYPES = {"Kulturverein", "MSO", "Sportverein", "Moscheeverein", "Initiative"}
COMMUNITIES = ["türkisch", "Syrien", "afghanisch", "Ukraine", "kurdisch", "international", ""]
LANGUAGES = [
    ("Deutsch + Türkisch", {"de", "tr"}),
    ("Kurmancî", {"ku"}),
    ("Farsi", {"fa"}),
    ("Arabisch/Dari", {"ar", "prs"}),
    ("Paschtu u. Deutsch", {"ps", "de"}),
    ("Türkçe", {"tr"}),
    ("Deutsch, Englisch", {"de", "en"}),
    ("Ukrainisch und Russisch", {"uk", "ru"}),
    ("", set()),
]
FIELDS = ["Kultur; Bildung", "Sport", "Beratung + Frauen", "Jugend u. Eltern", "Religion", ""]
DISTRICTS = ["Nordstadt", "Altstadt", "Südviertel", "NORDSTADT", ""]
STREETS = ["Hauptstraße", "Bahnhofstr.", "Am  Markt", "Lindenweg", "Kirchplatz"]
WORDS = ["Sonne", "Brücke", "Zukunft", "Anadolu", "Miteinander", "Horizont", "Regenbogen"]
KINDS = ["Kulturverein", "Elternverein", "Frauentreff", "Sportclub", "Bildungswerk", "Forum"]
ARABIC_NAME = "جمعية الجالية السورية"


@dataclass
class Plan:
    """What the import must report, by spreadsheet row."""

    header_row: int
    rows: int = 0  # rows below the header that are not empty
    rejected: dict = field(default_factory=dict)  # row → message fragment
    headings: set = field(default_factory=set)  # section headings and notes
    duplicates: dict = field(default_factory=dict)  # row → existing name
    restored_phones: dict = field(default_factory=dict)  # row → phone as imported
    several_emails: set = field(default_factory=set)
    placeholders: set = field(default_factory=set)
    excel_dates: dict = field(default_factory=dict)  # row → year
    languages: dict = field(default_factory=dict)  # row → set of codes
    arabic_row: int | None = None
    shouting_row: int | None = None
    names: dict = field(default_factory=dict)  # row → name as imported


def _name(rng, number):
    return f"{rng.choice(KINDS)} {rng.choice(WORDS)} {number} e.V."


def messy_rows(*, count=150, seed=7, existing=(), arabic=True):
    """(list of (kind, dict) rows below the header, plan with row offsets from 1)."""
    rng = random.Random(seed)
    rows = []
    plan = Plan(header_row=0)
    headings = [
        "--- Sportvereine ---",
        "MIGRANTENSELBSTORGANISATIONEN",
        "*** Religiöse Vereine ***",
    ]
    broken_at = set(rng.sample(range(10, count - 5), 4))
    duplicates_at = dict(zip(rng.sample(range(5, count - 5), len(existing)), existing, strict=True))
    for number in range(1, count + 1):
        if number % 40 == 0:
            rows.append(("heading", {HEADERS[0]: headings[(number // 40) % len(headings)]}))
        if number in (60, 61, 120):
            rows.append(("blank", {}))  # empty rows between the data
        if number == 75:
            rows.append(("heading", {HEADERS[0]: "Hinweis: Vereine ab hier ohne Rückmeldung"}))
        row = dict.fromkeys(HEADERS, "")
        name = _name(rng, number)
        row[HEADERS[0]] = name
        row["Art"] = rng.choice(sorted(KNOWN_TYPES))
        row["Herkunft / Community"] = rng.choice(COMMUNITIES)
        languages, codes = rng.choice(LANGUAGES)
        row["Sprachen"] = languages
        row["Tätigkeitsfelder"] = rng.choice(FIELDS)
        row["Stadtteil"] = rng.choice(DISTRICTS)
        row["Straße"] = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
        row["PLZ"] = rng.choice([12345, "12345", 1067])
        row["Ort"] = rng.choice(["Musterstadt", "MUSTERSTADT", " Musterstadt "])
        slug = f"verein{number}"
        kind = {"row": row, "codes": codes, "name": name}
        rows.append(("organisation", kind))
        # What this row carries (each also planned below with its row number).
        phone_kind = rng.random()
        if phone_kind < 0.4:
            row["Telefon"] = 234_000_0000 + number  # Excel dropped the 0 of 0234…
            kind["phone"] = f"0{234_000_0000 + number}"
        elif phone_kind < 0.5:
            row["Telefon"] = 4_930_1234_5600 + number  # +49 30 … without its +
            kind["phone"] = f"+{4_930_1234_5600 + number}"
        else:
            row["Telefon"] = f"0234  {5550000 + number}"
        email_kind = rng.random()
        if email_kind < 0.1:
            row["E-Mail"] = f"info@{slug}.de; vorstand@{slug}.de"
            kind["several_emails"] = True
        elif email_kind < 0.2:
            row["E-Mail"] = rng.choice(["keine", "-", "k.A.", "siehe Bemerkung"])
            kind["placeholder"] = True
        else:
            row["E-Mail"] = f"kontakt@{slug}.de"
        row["Internet"] = rng.choice([f"www.{slug}.de", f"https://{slug}.de", ""])
        year_kind = rng.random()
        year = rng.randint(1960, 2022)
        if year_kind < 0.3:
            row["Gegründet"] = datetime.datetime(year, rng.randint(1, 12), 1)
            kind["date_year"] = year
        elif year_kind < 0.4:
            row["Gegründet"] = f"01.0{rng.randint(1, 9)}.{year}"
            kind["date_year"] = year
        elif year_kind < 0.9:
            row["Gegründet"] = year
        if rng.random() < 0.3:
            row["Ansprechpartner/in"] = f"Person {number}"
            row["Einwilligung DSGVO"] = rng.choice(["ja, 12.03.2023", "ja", "nein", ""])
        row["Bemerkung"] = rng.choice(
            ["", "", "Kontakt über Moschee", "Mitglied im Integrationsrat"]
        )
        if number in duplicates_at:
            row[HEADERS[0]] = duplicates_at[number].upper()
            kind["duplicate"] = duplicates_at[number]
        if number in broken_at:
            breakage = sorted(broken_at).index(number)
            if breakage == 0:
                row["E-Mail"] = f"info(at){slug}.de"
                kind["broken"] = "not a valid e-mail address"
            elif breakage == 1:
                row["Gegründet"] = "irgendwann in den 90ern"
                kind["broken"] = "This is not a year"
            elif breakage == 2:
                row["Art"] = "Raumstation"
                kind["broken"] = '"Raumstation" is not a known type'
            else:
                row[HEADERS[0]] = ""
                kind["broken"] = "The name is missing"
            kind.pop("several_emails", None)
            kind.pop("placeholder", None)
        if number == 20 and arabic:
            row[HEADERS[0]] = ARABIC_NAME
            kind["arabic"] = True
        if number == 33:
            row[HEADERS[0]] = f"TÜRKISCH-DEUTSCHER  ELTERNVEREIN {number} E.V."
            kind["shouting"] = True
    return rows, plan


def messy_list(*, fmt="xlsx", title_rows=True, count=150, seed=7, existing=(), encoding="utf-8"):
    """(file content, plan)."""
    arabic = not (fmt == "csv" and encoding == "cp1252")
    rows, plan = messy_rows(count=count, seed=seed, existing=existing, arabic=arabic)
    above = [[TITLE], [STAND], []] if title_rows else []
    plan.header_row = len(above) + 1
    sheet_rows = [*above, HEADERS]
    for kind, data in rows:
        number = len(sheet_rows) + 1
        if kind == "blank":
            sheet_rows.append([])
            continue
        if kind == "heading":
            sheet_rows.append([data[HEADERS[0]]])
            plan.headings.add(number)
        else:
            sheet_rows.append([data["row"][header] for header in HEADERS])
            _plan_row(plan, number, data)
        plan.rows += 1
    if fmt == "xlsx":
        return _xlsx(sheet_rows, title_rows), plan
    return _csv(sheet_rows, encoding), plan


def _plan_row(plan, number, data):
    row = data["row"]
    if "broken" in data:
        plan.rejected[number] = data["broken"]
        return
    if "duplicate" in data:
        plan.duplicates[number] = data["duplicate"]
    if "phone" in data:
        plan.restored_phones[number] = data["phone"]
    if data.get("several_emails"):
        plan.several_emails.add(number)
    if data.get("placeholder"):
        plan.placeholders.add(number)
    if isinstance(row["Gegründet"], datetime.datetime):
        plan.excel_dates[number] = data["date_year"]
    plan.languages[number] = data["codes"]
    if data.get("arabic"):
        plan.arabic_row = number
    if data.get("shouting"):
        plan.shouting_row = number
    plan.names[number] = row[HEADERS[0]]


def _xlsx(sheet_rows, title_rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for values in sheet_rows:
        sheet.append(values)
    if title_rows:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y")
    return value


def _csv(sheet_rows, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for values in sheet_rows:
        padded = [_csv_value(value) for value in values] + [""] * (len(HEADERS) - len(values))
        writer.writerow(padded)
    return buffer.getvalue().encode(encoding)
