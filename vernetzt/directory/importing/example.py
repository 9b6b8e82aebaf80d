"""The example file offered for download and kept in docs/examples (same content)."""

import csv
import io

HEADERS = [
    "Name des Vereins",
    "Kurzname",
    "Art",
    "Beschreibung",
    "Ziele",
    "Gründungsjahr",
    "Rechtsform",
    "Mitglieder",
    "Tätigkeitsfelder",
    "Herkunft",
    "Sprachen",
    "Stadtteile",
    "Straße",
    "PLZ",
    "Ort",
    "Webseite",
    "E-Mail",
    "Telefon",
    "Barrierefreiheit",
    "Ansprechpartner/in",
    "Einwilligung",
]
ROWS = [
    [
        "Deutsch-Türkischer Elternverein e.V.",
        "DTEV",
        "Migrantenselbstorganisation",
        "Elterncafé, Hausaufgabenhilfe und Beratung rund um Schule.",
        "Bildungschancen der Kinder verbessern.",
        1998,
        "e.V.",
        85,
        "Bildung; Eltern",
        "Türkeistämmige Community",
        "Deutsch, Türkisch",
        "",
        "Marktstraße 12",
        "12345",
        "Musterstadt",
        "www.dtev-musterstadt.de",
        "info@dtev-musterstadt.de",
        "01234 56789",
        "teilweise",
        "Ayşe Beispiel",
        "ja, 12.03.2024",
    ],
    [
        "Afrikanisches Kulturzentrum",
        "",
        "Kulturverein",
        "Konzerte, Trommelkurse und ein Sommerfest für alle.",
        "",
        2011,
        "e.V.",
        "ca. 40",
        "Kultur, Jugend",
        "Westafrikanische Community",
        "Englisch / Französisch / Deutsch",
        "",
        "Am Bahnhof 3",
        "12345",
        "Musterstadt",
        "https://akz.example.org",
        "kontakt@akz.example.org",
        "",
        "ja",
        "",
        "",
    ],
    [
        "Ukrainische Hilfe Musterstadt",
        "",
        "Initiative",
        "Lotsinnen begleiten zu Ämtern und Ärzten; Deutsch-Stammtisch.",
        "",
        2022,
        "nicht eingetragener Verein",
        "",
        "Geflüchtete; Ehrenamt; Beratung",
        "ukrainisch",
        "uk, ru, de",
        "",
        "",
        "",
        "Musterstadt",
        "",
        "ukrainische-hilfe@example.org",
        "",
        "",
        "Olena Muster",
        "",
    ],
]


def example_csv():
    """Semicolons and a UTF-8 byte order mark: what German Excel opens without asking."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(ROWS)
    return buffer.getvalue().encode("utf-8-sig")


def example_xlsx():
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Organisationen"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in ROWS:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
