"""OParl 1.1 objects of vernetzt's public council data: per type the rows (asked of the
council's one visibility rule, ``council.selectors``, always as an anonymous visitor, with the
prefetches a list page needs) and how one row is written as OParl JSON."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from vernetzt.council import selectors
from vernetzt.council.models import Body, File

OPARL_VERSION = "https://schema.oparl.org/1.1/"
PUBLIC = AnonymousUser()


def oparl_type(name):
    return f"{OPARL_VERSION}{name}"


def absolute(path):
    """Ids are absolute and stable: built from the site's address, not the request's host."""
    return settings.BASE_URL.rstrip("/") + path


def url_of(view, **kwargs):
    return absolute(reverse(f"oparl:{view}", kwargs=kwargs or None))


@functools.cache
def _object_url_prefix(base_url, script_prefix, kind):
    """``…/oparl/v1/<kind>/`` once per type: a page of meetings names thousands of objects,
    and ``reverse`` costs about 0.1 ms each."""
    return url_of("object", kind=kind, pk=0).removesuffix("0/")


def object_url(kind, pk):
    return f"{_object_url_prefix(settings.BASE_URL, get_script_prefix(), kind)}{pk}/"


def list_url(kind):
    return url_of("list", kind=kind)


def compact(data):
    """OParl leaves out what has no value instead of writing null or an empty string."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def datetime_text(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def date_text(value):
    return value.isoformat() if value else None


def common(kind, row):
    return {
        "id": object_url(kind, row.pk),
        "type": oparl_type(KINDS[kind].oparl_name),
        "created": datetime_text(row.created),
        "modified": datetime_text(row.updated),
    }


# --- rows -------------------------------------------------------------------------------


def exported_files():
    """Files OParl can name: it requires an address (``accessUrl``)."""
    return selectors.files(user=PUBLIC).exclude(access_url="").order_by("pk")


def organization_rows():
    return selectors.bodies(user=PUBLIC).prefetch_related(
        Prefetch("memberships", queryset=selectors.memberships(user=PUBLIC).order_by("pk"))
    )


def person_rows():
    return selectors.persons(user=PUBLIC).prefetch_related(
        Prefetch("memberships", queryset=selectors.memberships(user=PUBLIC).order_by("pk"))
    )


def membership_rows():
    return selectors.memberships(user=PUBLIC)


def agenda_item_prefetches(path=""):
    # Lists (``to_attr``), not managers: Django would otherwise build and clone a filtered
    # queryset per agenda item, two thirds of a meeting page's time.
    return [
        Prefetch(f"{path}files", queryset=exported_files(), to_attr="exported_files"),
        Prefetch(
            f"{path}consultations",
            queryset=selectors.consultations(user=PUBLIC).order_by("pk"),
            to_attr="visible_consultations",
        ),
    ]


def meeting_rows():
    # selectors.meetings prefetches the visible agenda in order; its files and consultations
    # come with it, so a page of meetings is a fixed number of queries.
    return selectors.meetings(user=PUBLIC).prefetch_related(
        Prefetch("files", queryset=exported_files(), to_attr="exported_files"),
        *agenda_item_prefetches("agenda_items__"),
    )


def agenda_item_rows():
    return selectors.agenda_items(user=PUBLIC).prefetch_related(*agenda_item_prefetches())


def paper_rows():
    return selectors.papers(user=PUBLIC).prefetch_related(
        Prefetch("files", queryset=exported_files(), to_attr="exported_files")
    )


def consultation_rows():
    return selectors.consultations(user=PUBLIC)


# --- objects ----------------------------------------------------------------------------


def body_object():
    """The one OParl Body: the town (its bodies and committees are OParl Organizations)."""
    body = {
        "id": url_of("body"),
        "type": oparl_type("Body"),
        "system": url_of("system"),
        "name": settings.TOWN_NAME,
        "website": settings.BASE_URL,
        "legislativeTerm": [],
    }
    return body | {kind: list_url(kind) for kind in KINDS}


def system_object():
    return {
        "id": url_of("system"),
        "type": oparl_type("System"),
        "oparlVersion": OPARL_VERSION,
        "body": url_of("body_list"),
        "name": f"{settings.SITE_NAME} {settings.TOWN_NAME}",
        "website": settings.BASE_URL,
    }


def organization(row):
    return compact(
        {
            **common("organization", row),
            "body": url_of("body"),
            "name": row.name,
            "shortName": row.short_name,
            "membership": [object_url("membership", m.pk) for m in row.memberships.all()],
            "meeting": url_of("organization_meetings", pk=row.pk),
            "organizationType": "Sonstiges" if row.kind == Body.Kind.OTHER else "Gremium",
            "classification": row.classification or row.get_kind_display(),
            "startDate": date_text(row.start_date),
            "endDate": date_text(row.end_date),
            "website": row.website,
        }
    )


def membership(row):
    return compact(
        {
            **common("membership", row),
            "person": object_url("person", row.person_id),
            "organization": object_url("organization", row.body_id),
            "role": row.role_label or row.get_role_display(),
            "votingRight": row.voting_right,
            "startDate": date_text(row.start_date),
            "endDate": date_text(row.end_date),
        }
    )


def person(row):
    """Names only: no contact details, gender or life dates (``docs/council.md``, privacy)."""
    return compact(
        {
            **common("person", row),
            "body": url_of("body"),
            "name": row.name,
            "familyName": row.family_name,
            "givenName": row.given_name,
            "formOfAddress": row.form_of_address,
            "title": [row.title] if row.title else None,
            "membership": [membership(m) for m in row.memberships.all()],
        }
    )


def file(row):
    return compact(
        {
            **common("file", row),
            "name": row.name,
            "fileName": row.file_name,
            "mimeType": row.mime_type,
            "date": date_text(row.date),
            "size": row.size,
            "accessUrl": row.access_url,
            "paper": [object_url("paper", row.paper_id)] if row.paper_id else None,
            "meeting": [object_url("meeting", row.meeting_id)] if row.meeting_id else None,
            "agendaItem": [object_url("agendaItem", row.agenda_item_id)]
            if row.agenda_item_id
            else None,
        }
    )


def files_by_role(files, single_roles):
    """``{OParl key: embedded file}`` for the roles OParl names once, the rest as
    ``auxiliaryFile`` (a second file of a single role among them)."""
    embedded, auxiliary = {}, []
    for row in files:
        key = single_roles.get(row.role)
        if key and key not in embedded:
            embedded[key] = file(row)
        else:
            auxiliary.append(file(row))
    return {**embedded, "auxiliaryFile": auxiliary or None}


def consultation(row):
    return compact(
        {
            **common("consultation", row),
            "paper": object_url("paper", row.paper_id),
            "agendaItem": object_url("agendaItem", row.agenda_item_id)
            if row.agenda_item_id
            else None,
            "meeting": object_url("meeting", row.meeting_id) if row.meeting_id else None,
            "organization": [object_url("organization", row.body_id)] if row.body_id else None,
            "authoritative": row.authoritative,
            "role": row.role,
        }
    )


def agenda_item(row):
    consultations = row.visible_consultations
    return compact(
        {
            **common("agendaItem", row),
            "meeting": object_url("meeting", row.meeting_id),
            "number": row.number,
            "order": row.order,
            "name": row.name,
            "public": row.is_public,
            "consultation": object_url("consultation", consultations[0].pk)
            if consultations
            else None,
            "result": row.result_text,
            **files_by_role(row.exported_files, {File.Role.RESOLUTION: "resolutionFile"}),
        }
    )


MEETING_FILES = {
    File.Role.INVITATION: "invitation",
    File.Role.RESULTS_PROTOCOL: "resultsProtocol",
    File.Role.VERBATIM_PROTOCOL: "verbatimProtocol",
}


def meeting(row):
    return compact(
        {
            **common("meeting", row),
            "name": row.name,
            "cancelled": row.cancelled,
            "start": datetime_text(row.start),
            "end": datetime_text(row.end),
            "organization": [object_url("organization", row.body_id)] if row.body_id else None,
            "agendaItem": [agenda_item(item) for item in row.agenda_items.all()],
            **files_by_role(row.exported_files, MEETING_FILES),
        }
    )


def paper(row):
    return compact(
        {
            **common("paper", row),
            "body": url_of("body"),
            "name": row.name,
            "reference": row.reference,
            "date": date_text(row.date),
            "paperType": row.paper_type or row.get_kind_display(),
            "consultation": [consultation(c) for c in row.consultations.all()],
            **files_by_role(row.exported_files, {File.Role.MAIN: "mainFile"}),
        }
    )


@dataclass(frozen=True)
class Kind:
    oparl_name: str
    rows: Callable
    render: Callable


# The URL segment of each type's list and objects is its OParl key in the Body.
KINDS = {
    "organization": Kind("Organization", organization_rows, organization),
    "person": Kind("Person", person_rows, person),
    "membership": Kind("Membership", membership_rows, membership),
    "meeting": Kind("Meeting", meeting_rows, meeting),
    "agendaItem": Kind("AgendaItem", agenda_item_rows, agenda_item),
    "paper": Kind("Paper", paper_rows, paper),
    "consultation": Kind("Consultation", consultation_rows, consultation),
    "file": Kind("File", exported_files, file),
}
