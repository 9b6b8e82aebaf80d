"""CSV and XLSX exports of a (filtered) list of organisations.

Rows are read as plain values in chunks so 10,000 organisations stay cheap: CSV streams as it goes, XLSX
is written with openpyxl's write-only workbook. In CSV, text that a spreadsheet would run as a
formula gets a leading apostrophe (CSV has no types). XLSX cells are typed: text is stored as
text and never evaluated, so it needs no prefix and a phone number reads ``+49 …``, not
``'+49 …``. The workbook has a frozen header row, an auto-filter and fitting column widths.
"""

import csv
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from vernetzt.directory import managed_lists
from vernetzt.directory.models import Need, Offer, Organisation, OrganisationType
from vernetzt.directory.notifications import absolute_url

FORMATS = {"csv", "xlsx"}
CHUNK_SIZE = 500
CSV_DELIMITER = ";"  # what spreadsheet programs in German locales expect
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


PUBLIC_COLUMNS = [
    (_("Name"), "name"),
    (_("Short name"), "short_name"),
    (_("Web address"), "slug"),
    (_("Profile"), "profile_url"),
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
    (_("Current needs"), "current_needs"),
    (_("Current offers"), "current_offers"),
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
MANY_TO_MANY = list(managed_lists.MANY_FIELDS)  # the lists an organisation holds several of
# Columns computed from more than the organisation's own row.
DERIVED = {"profile_url", "current_needs", "current_offers"}
ITEM_SEPARATOR = "; "  # between the titles of needs or offers (titles may contain commas)
# Column widths in the XLSX (in characters); the others get DEFAULT_WIDTH.
WIDTHS = {
    "name": 40, "description": 60, "goals": 50, "profile_url": 45, "website": 35,
    "public_email": 32, "fields": 35, "communities": 30, "languages": 30, "districts": 25,
    "street": 28, "current_needs": 45, "current_offers": 45, "status_reason": 40,
    "accessibility_notes": 35,
}
DEFAULT_WIDTH = 16


def columns(*, internal):
    return PUBLIC_COLUMNS + (INTERNAL_COLUMNS if internal else [])


def plain_cell(value):
    """None becomes ''; text loses the control characters no spreadsheet can hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def safe_cell(value):
    """For CSV: text a spreadsheet would evaluate as a formula is made plain text."""
    value = plain_cell(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
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


def _current_titles(model, chunk):
    """Organisation id → the titles of its needs or offers valid today, one query."""
    titles = {}
    items = model.objects.current().filter(organisation_id__in=chunk)
    for organisation_id, title in items.order_by("category__sort_order", "title").values_list(
        "organisation_id", "title"
    ):
        titles.setdefault(organisation_id, []).append(title)
    return titles


def _records(chunk, labels, keys):
    computed = {"type", *MANY_TO_MANY, *DERIVED}
    stored = ["id", "type_id", "slug", *(key for key in keys if key not in computed)]
    plain = {
        values["id"]: values
        for values in Organisation.objects.filter(pk__in=chunk).values(*stored)
    }
    related = _related_ids(chunk)
    needs, offers = _current_titles(Need, chunk), _current_titles(Offer, chunk)
    for pk in chunk:
        record = dict(plain[pk])
        record["type"] = labels.type.get(record["type_id"])
        record["profile_url"] = absolute_url(
            reverse("directory:organisation_detail", kwargs={"slug": record["slug"]})
        )
        record["current_needs"] = ITEM_SEPARATOR.join(needs.get(pk, ()))
        record["current_offers"] = ITEM_SEPARATOR.join(offers.get(pk, ()))
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
    """One list of plain cell values per organisation, in the queryset's order, read in chunks
    of plain values: a fixed number of queries per chunk and no model instances."""
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
        yield [plain_cell(record[key]) for key in keys]


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
        yield writer.writerow([safe_cell(value) for value in row])


def csv_response(organisations, *, internal):
    response = StreamingHttpResponse(
        # The header is made now, while the request's language is active.
        _csv_stream(organisations, internal=internal, first_row=header(internal=internal)),
        content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _text(sheet, value):
    """A cell typed as text: shown as written, never evaluated (``=…`` stays text)."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_response(organisations, *, internal):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Organisations"))[:31])
    keys = [key for _label, key in columns(internal=internal)]
    for number, key in enumerate(keys, start=1):  # set before the first row is written
        sheet.column_dimensions[get_column_letter(number)].width = WIDTHS.get(key, DEFAULT_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.append(header(internal=internal))
    count = 0
    for row in rows(organisations, internal=internal):
        sheet.append([_text(sheet, value) if isinstance(value, str) else value for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{count + 1}"
    content = BytesIO()
    workbook.save(content)
    response = HttpResponse(content.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


def response(fmt, *, organisations, internal):
    if fmt == "xlsx":
        return xlsx_response(organisations, internal=internal)
    return csv_response(organisations, internal=internal)
