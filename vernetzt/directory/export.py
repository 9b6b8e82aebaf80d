"""CSV and XLSX exports of a (filtered) list of organisations.

Rows are read as plain values in chunks so 10,000 organisations stay cheap: CSV streams as it goes, XLSX
is written with openpyxl's write-only workbook. Text that a spreadsheet would run as a formula
gets a leading apostrophe.
"""

import csv
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from vernetzt.directory.models import Organisation, OrganisationType

FORMATS = {"csv", "xlsx"}
CHUNK_SIZE = 500
CSV_DELIMITER = ";"  # what spreadsheet programs in German locales expect
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


PUBLIC_COLUMNS = [
    (_("Name"), "name"),
    (_("Short name"), "short_name"),
    (_("Web address"), "slug"),
    (_("Type"), "type"),
    (_("Description"), "description"),
    (_("Goals"), "goals"),
    (_("Founding year"), "founding_year"),
    (_("Legal form"), "legal_form"),
    (_("Approximate number of members"), "member_count"),
    (_("Fields of action"), "fields"),
    (_("Communities served"), "communities"),
    (_("Languages spoken"), "languages"),
    (_("Districts active in"), "districts"),
    (_("Street and number"), "street"),
    (_("Postcode"), "postcode"),
    (_("Town"), "city"),
    (_("Latitude"), "latitude"),
    (_("Longitude"), "longitude"),
    (_("Website"), "website"),
    (_("Public e-mail"), "public_email"),
    (_("Public phone"), "public_phone"),
    (_("Accessibility of the premises"), "accessibility"),
    (_("Notes on accessibility"), "accessibility_notes"),
]

INTERNAL_COLUMNS = [
    (_("Verification status"), "status"),
    (_("Reason for the status"), "status_reason"),
    (_("Visibility"), "visibility"),
    (_("Verified at"), "verified_at"),
    (_("Last changed"), "updated_at"),
]

CHOICE_FIELDS = ["legal_form", "accessibility", "status", "visibility"]
TIME_FIELDS = ["verified_at", "updated_at"]
MANY_TO_MANY = ["fields", "communities", "languages", "districts"]


def columns(*, internal):
    return PUBLIC_COLUMNS + (INTERNAL_COLUMNS if internal else [])


def safe_cell(value):
    """Text a spreadsheet would evaluate as a formula is made plain text; None becomes ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def header(*, internal):
    return [str(label) for label, _key in columns(internal=internal)]


class _Labels:
    """Every name an export shows, looked up once per export rather than once per cell."""

    def __init__(self):
        self.type = {term.pk: term.label for term in OrganisationType.objects.all()}
        self.terms = {
            name: {
                term.pk: term.label
                for term in Organisation._meta.get_field(name).related_model.objects.all()
            }
            for name in MANY_TO_MANY
        }
        self.choices = {
            name: {value: str(label) for value, label in Organisation._meta.get_field(name).choices}
            for name in CHOICE_FIELDS
        }


def _related_ids(chunk):
    """For each many-to-many relation: organisation id → the term ids, one query each."""
    related = {}
    for name in MANY_TO_MANY:
        field = Organisation._meta.get_field(name)
        through = field.remote_field.through
        target = f"{field.m2m_reverse_field_name()}_id"
        ids = {}
        rows = through.objects.filter(organisation_id__in=chunk).order_by("pk")
        for organisation_id, term_id in rows.values_list("organisation_id", target):
            ids.setdefault(organisation_id, []).append(term_id)
        related[name] = ids
    return related


def _records(chunk, labels, keys):
    stored = ["id", "type_id", *(key for key in keys if key not in {"type", *MANY_TO_MANY})]
    plain = {
        values["id"]: values
        for values in Organisation.objects.filter(pk__in=chunk).values(*stored)
    }
    related = _related_ids(chunk)
    for pk in chunk:
        record = dict(plain[pk])
        record["type"] = labels.type.get(record["type_id"])
        for name in CHOICE_FIELDS:
            if name in record:
                record[name] = labels.choices[name].get(record[name], record[name])
        for name in MANY_TO_MANY:
            names = labels.terms[name]  # in the list's own order
            chosen = set(related[name].get(pk, ()))
            record[name] = ", ".join(label for term, label in names.items() if term in chosen)
        for name in TIME_FIELDS:
            if name in record:
                record[name] = _local(record[name])
        yield record


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else None


def rows(organisations, *, internal):
    """One list of cell values per organisation, in the queryset's order, read in chunks of
    plain values: a fixed number of queries per chunk and no model instances."""
    keys = [key for _label, key in columns(internal=internal)]
    labels = _Labels()
    chunk = []
    for pk in organisations.values_list("pk", flat=True).iterator(chunk_size=CHUNK_SIZE):
        chunk.append(pk)
        if len(chunk) == CHUNK_SIZE:
            yield from _rows_of(chunk, labels, keys)
            chunk = []
    yield from _rows_of(chunk, labels, keys)


def _rows_of(chunk, labels, keys):
    for record in _records(chunk, labels, keys):
        yield [safe_cell(record[key]) for key in keys]


def _filename(fmt):
    return f"verzeichnis-{timezone.localdate().isoformat()}.{fmt}"


class _Echo:
    """A file-like object whose write returns the text, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def _csv_stream(organisations, *, internal, first_row):
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    yield "\ufeff"  # byte-order mark: spreadsheet programs then read UTF-8 correctly
    yield writer.writerow(first_row)
    for row in rows(organisations, internal=internal):
        yield writer.writerow(row)


def csv_response(organisations, *, internal):
    response = StreamingHttpResponse(
        # The header is made now, while the request's language is active.
        _csv_stream(organisations, internal=internal, first_row=header(internal=internal)),
        content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(organisations, *, internal):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Organisations"))[:31])
    sheet.append(header(internal=internal))
    for row in rows(organisations, internal=internal):
        sheet.append(row)
    content = BytesIO()
    workbook.save(content)
    response = HttpResponse(content.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


def response(fmt, *, organisations, internal):
    if fmt == "xlsx":
        return xlsx_response(organisations, internal=internal)
    return csv_response(organisations, internal=internal)
