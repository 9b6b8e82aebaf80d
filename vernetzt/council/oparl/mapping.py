"""OParl objects → field values of the council models, with a warning for what does not fit.

A mapper returns the fields of one object, with references still as OParl ids under the
field's name (``writer`` resolves them), or ``None`` to skip the object. Fields listed in
``CREATE_ONLY`` are set when the object is created and then belong to the staff: a
re-import does not overwrite how they classified a body.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from vernetzt.council.models import Body, Consultation, File, Membership, Paper

COMMON_FIELDS = {"id", "type", "created", "modified", "deleted", "keyword", "web", "license", "body"}
KNOWN_FIELDS = {
    "Organization": {
        "name", "shortName", "membership", "meeting", "post", "subOrganizationOf",
        "organizationType", "classification", "startDate", "endDate", "website", "location",
        "externalBody", "consultation",
    },
    "Person": {
        "name", "familyName", "givenName", "formOfAddress", "affix", "title", "gender", "phone",
        "email", "location", "locationObject", "status", "membership", "life", "lifeSource",
    },
    "Membership": {
        "person", "organization", "role", "votingRight", "startDate", "endDate", "onBehalfOf",
    },
    "Meeting": {
        "name", "meetingState", "cancelled", "start", "end", "location", "organization",
        "participant", "invitation", "resultsProtocol", "verbatimProtocol", "auxiliaryFile",
        "agendaItem",
    },
    "AgendaItem": {
        "meeting", "number", "order", "name", "public", "consultation", "result",
        "resolutionText", "resolutionFile", "auxiliaryFile", "start", "end",
    },
    "Paper": {
        "name", "reference", "date", "paperType", "relatedPaper", "superordinatedPaper",
        "subordinatedPaper", "mainFile", "auxiliaryFile", "location", "originatorPerson",
        "underDirectionOf", "originatorOrganization", "consultation",
    },
    "Consultation": {"paper", "agendaItem", "meeting", "organization", "authoritative", "role"},
    "File": {
        "name", "fileName", "mimeType", "date", "size", "sha1Checksum", "sha512Checksum", "text",
        "accessUrl", "downloadUrl", "externalServiceUrl", "masterFile", "derivativeFile",
        "fileLicense", "meeting", "agendaItem", "paper",
    },
}
CREATE_ONLY = {"Organization": {"kind", "is_public"}}
LARGEST_ORDER = 2**31 - 1  # what an integer column holds on every database
LARGEST_SIZE = 2**62

FILE_ROLES = {
    "mainFile": File.Role.MAIN,
    "auxiliaryFile": File.Role.AUXILIARY,
    "invitation": File.Role.INVITATION,
    "resultsProtocol": File.Role.RESULTS_PROTOCOL,
    "verbatimProtocol": File.Role.VERBATIM_PROTOCOL,
    "resolutionFile": File.Role.RESOLUTION,
}
FILE_PARENTS = {"Paper": "paper", "Meeting": "meeting", "AgendaItem": "agenda_item"}


class Mapper:
    """Maps the objects of one ``Collection``; warnings go to its report."""

    def __init__(self, collection):
        self.collection = collection
        self.report = collection.report
        self.agenda_public = {}

    def fields(self, type_name, found):
        if found.data.get("deleted") is True:
            self.report.warn(
                _("%(type)s marked as deleted in the council system: not imported.")
                % {"type": type_name},
                found.data["id"],
            )
            return None
        self._check_keys(type_name, found.data)
        fields = getattr(self, f"_{type_name.lower()}")(found)
        if fields is not None:
            fields["oparl_modified"] = self.datetime(found.data, "modified", type_name)
        return fields

    # --- helpers -----------------------------------------------------------------------

    def _check_keys(self, type_name, data):
        for key in data.keys() - COMMON_FIELDS - KNOWN_FIELDS[type_name]:
            if ":" in key:
                message = _("Vendor field %(key)s in %(type)s ignored.")
            else:
                message = _("Unknown field %(key)s in %(type)s ignored.")
            self.report.warn(message % {"key": key, "type": type_name}, data["id"])

    def text(self, data, key, type_name, limit, required=False):
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.report.warn(
                    _("%(type)s without %(field)s.") % {"type": type_name, "field": key}, data["id"]
                )
            return ""
        value = str(value).strip()
        if len(value) > limit:
            self.report.warn(
                _("%(type)s: %(field)s longer than %(limit)s characters, shortened.")
                % {"type": type_name, "field": key, "limit": limit},
                data["id"],
            )
            value = value[:limit]
        return value

    def date(self, data, key, type_name):
        value = data.get(key)
        if not value:
            return None
        try:
            parsed = parse_date(str(value)[:10])
        except ValueError:
            parsed = None
        if parsed is None:
            self._unreadable(data, key, type_name)
        return parsed

    def datetime(self, data, key, type_name):
        value = data.get(key)
        if not value:
            return None
        try:
            parsed = parse_datetime(str(value))
        except ValueError:
            parsed = None
        if parsed is None:
            self._unreadable(data, key, type_name)
            return None
        if timezone.is_naive(parsed):
            self.report.warn(
                _("%(type)s: %(field)s without time zone, read as local time.")
                % {"type": type_name, "field": key},
                data["id"],
            )
            parsed = timezone.make_aware(parsed)
        return parsed

    def boolean(self, data, key, type_name):
        value = data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self._unreadable(data, key, type_name)
        return None

    def _unreadable(self, data, key, type_name):
        self.report.warn(
            _("%(type)s: %(field)s could not be read and was left empty.")
            % {"type": type_name, "field": key},
            data["id"],
        )

    def reference(self, data, key):
        """The first id of a reference that may be a string or a list of strings."""
        value = data.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("id")
        return value if isinstance(value, str) else None

    def parent_id(self, found, parent_type):
        return found.parent["id"] if found.parent_type == parent_type else None

    # --- one mapper per type -----------------------------------------------------------

    def _organization(self, found):
        data = found.data
        classification = " / ".join(
            str(data[key]) for key in ("organizationType", "classification") if data.get(key)
        )[:200]
        name = self.text(data, "name", "Organization", 500, required=True) or data["id"]
        return {
            "name": name,
            "short_name": self.text(data, "shortName", "Organization", 100),
            "classification": classification,
            "start_date": self.date(data, "startDate", "Organization"),
            "end_date": self.date(data, "endDate", "Organization"),
            "website": self.text(data, "website", "Organization", 1000),
            "kind": body_kind(f"{name} {classification}"),
            "is_public": True,
        }

    def _person(self, found):
        data = found.data
        given = self.text(data, "givenName", "Person", 200)
        family = self.text(data, "familyName", "Person", 200)
        name = self.text(data, "name", "Person", 500) or f"{given} {family}".strip()
        if not name:
            self.report.warn(_("Person without a name skipped."), data["id"])
            return None
        return {
            "name": name,
            "given_name": given,
            "family_name": family,
            "form_of_address": self.text(data, "formOfAddress", "Person", 100),
            "title": self.text(data, "title", "Person", 100),
        }

    def _membership(self, found):
        data = found.data
        role_label = self.text(data, "role", "Membership", 200)
        return {
            "person": self.reference(data, "person") or self.parent_id(found, "Person"),
            "body": self.reference(data, "organization") or self.parent_id(found, "Organization"),
            "role_label": role_label,
            "role": membership_role(role_label),
            "voting_right": self.boolean(data, "votingRight", "Membership"),
            "start_date": self.date(data, "startDate", "Membership"),
            "end_date": self.date(data, "endDate", "Membership"),
        }

    def _meeting(self, found):
        data = found.data
        bodies = data.get("organization")
        if isinstance(bodies, list) and len(bodies) > 1:
            self.report.warn(
                _("Meeting of several bodies: stored with the first one."), data["id"]
            )
        latitude, longitude = self.point(data.get("location"), data["id"])
        if data.get("start") is None:
            self.report.warn(_("Meeting without start."), data["id"])
        return {
            "body": self.reference(data, "organization"),
            "name": self.text(data, "name", "Meeting", 500, required=True) or data["id"],
            "start": self.datetime(data, "start", "Meeting"),
            "end": self.datetime(data, "end", "Meeting"),
            "place": place(data.get("location"))[:500],
            "latitude": latitude,
            "longitude": longitude,
            "cancelled": data.get("cancelled") is True,
        }

    def _agendaitem(self, found):
        data = found.data
        order = data.get("order")
        if not isinstance(order, int) or isinstance(order, bool) or not 0 <= order <= LARGEST_ORDER:
            order = found.position
            self.report.warn(
                _("Agenda item without order: its place in the meeting's list is used."),
                data["id"],
            )
        result = self.text(data, "result", "AgendaItem", 20_000)
        resolution = self.text(data, "resolutionText", "AgendaItem", 20_000)
        return {
            "meeting": self.reference(data, "meeting") or self.parent_id(found, "Meeting"),
            "order": order,
            "number": self.text(data, "number", "AgendaItem", 50),
            "name": self.text(data, "name", "AgendaItem", 20_000, required=True) or data["id"],
            "is_public": self.agenda_item_public(found),
            "result_text": "\n\n".join(part for part in (result, resolution) if part),
        }

    def _paper(self, found):
        data = found.data
        paper_type = self.text(data, "paperType", "Paper", 200, required=True)
        return {
            "reference": self.text(data, "reference", "Paper", 100, required=True),
            "name": self.text(data, "name", "Paper", 20_000, required=True) or data["id"],
            "paper_type": paper_type,
            "kind": paper_kind(paper_type),
            "date": self.date(data, "date", "Paper"),
        }

    def _consultation(self, found):
        data = found.data
        agenda_item = self.reference(data, "agendaItem")
        item = self.collection.objects["AgendaItem"].get(agenda_item)
        result_text = str(item.data.get("result") or "") if item else ""
        return {
            "paper": self.reference(data, "paper") or self.parent_id(found, "Paper"),
            "meeting": self.reference(data, "meeting"),
            "agenda_item": agenda_item,
            "body": self.reference(data, "organization"),
            "role": self.text(data, "role", "Consultation", 200),
            "authoritative": self.boolean(data, "authoritative", "Consultation"),
            "result": consultation_result(result_text),
        }

    def _file(self, found):
        data = found.data
        parents = {"paper": None, "meeting": None, "agenda_item": None}
        if found.parent_type in FILE_PARENTS:
            parents[FILE_PARENTS[found.parent_type]] = found.parent["id"]
            role = FILE_ROLES.get(found.parent_key, File.Role.AUXILIARY)
        else:
            for key, field in (("paper", "paper"), ("meeting", "meeting"), ("agendaItem", "agenda_item")):
                parents[field] = self.reference(data, key)
            role = File.Role.AUXILIARY
        size = data.get("size")
        if size is not None and (
            not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= LARGEST_SIZE
        ):
            self._unreadable(data, "size", "File")
            size = None
        access_url = self.text(data, "accessUrl", "File", 1000, required=True)
        return {
            **parents,
            "role": role,
            "name": self.text(data, "name", "File", 500) or self.text(data, "fileName", "File", 300)
            or data["id"],
            "file_name": self.text(data, "fileName", "File", 300),
            "mime_type": self.text(data, "mimeType", "File", 100),
            "size": size,
            "date": self.date(data, "date", "File"),
            "access_url": access_url,
        }

    # --- quirks ------------------------------------------------------------------------

    def agenda_item_public(self, found):
        """``public`` as given; else, as on Sternberg servers, from the part headings
        ("Öffentliche Sitzung", "< Sitzungsteil nichtöffentlich >") above the item."""
        public = found.data.get("public")
        if isinstance(public, bool):
            return public
        meeting = found.parent if found.parent_type == "Meeting" else None
        if meeting is None:
            self.report.warn(_("Agenda item without public: assumed public."), found.data["id"])
            return True
        if meeting["id"] not in self.agenda_public:
            self.agenda_public[meeting["id"]] = public_by_headings(meeting.get("agendaItem", []))
        self.report.warn(
            _("Agenda item without public: read from the meeting's part headings."),
            found.data["id"],
        )
        return self.agenda_public[meeting["id"]].get(found.data["id"], True)

    def point(self, location, example):
        """(latitude, longitude) of a GeoJSON point, which is longitude first; some servers
        write latitude first, recognisable in Germany, where latitudes are larger."""
        try:
            geometry = location["geojson"]["geometry"]
            first, second = (Decimal(str(value)) for value in geometry["coordinates"][:2])
        except (KeyError, TypeError, ValueError, InvalidOperation):
            return None, None
        if geometry.get("type") != "Point":
            return None, None
        longitude, latitude = first, second
        if 47 <= first <= 56 and 5 <= second <= 16:
            self.report.warn(_("Coordinates latitude first (not GeoJSON order): swapped."), example)
            latitude, longitude = first, second
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.report.warn(_("Coordinates out of range ignored."), example)
            return None, None
        step = Decimal("0.000001")
        return latitude.quantize(step), longitude.quantize(step)


_HEADING_WORDS = {"öffentlich", "öffentliche", "öffentlicher", "nicht", "nichtöffentlich",
                  "nichtöffentliche", "nichtöffentlicher", "sitzung", "sitzungsteil", "teil"}


def public_by_headings(items):
    """Agenda item id → public, each item taking the state of the last part heading."""
    public = True
    states = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        words = re.findall(r"[a-zäöüß]+", str(item.get("name", "")).lower())
        if words and set(words) <= _HEADING_WORDS and any("öffentlich" in w for w in words):
            public = not any(w.startswith("nicht") for w in words)
        states[item.get("id")] = public
    return states


def place(location):
    if not isinstance(location, dict):
        return ""
    if location.get("description"):
        return str(location["description"]).strip()
    locality = " ".join(
        str(location[key]).strip() for key in ("postalCode", "locality") if location.get(key)
    )
    parts = [location.get("room"), location.get("streetAddress"), locality]
    return ", ".join(str(part).strip() for part in parts if part)


def body_kind(text):
    text = text.lower()
    rules = [
        ("integrationsrat", Body.Kind.INTEGRATION_COUNCIL),
        ("lenkung", Body.Kind.STEERING_GROUP),
        ("steuerung", Body.Kind.STEERING_GROUP),
        ("vorbereitung", Body.Kind.PREPARATION_GROUP),
        ("arbeitsgruppe", Body.Kind.WORKING_GROUP),
        ("arbeitskreis", Body.Kind.WORKING_GROUP),
        ("fraktion", Body.Kind.OTHER),
        ("ausschuss", Body.Kind.COMMITTEE),
        ("gremi", Body.Kind.COMMITTEE),
        ("rat", Body.Kind.COMMITTEE),  # Gemeinderat, Beirat, Stadtrat
        ("bezirksvertretung", Body.Kind.COMMITTEE),
    ]
    return next((kind for word, kind in rules if word in text), Body.Kind.OTHER)


def paper_kind(paper_type):
    text = paper_type.lower()
    rules = [
        ("anfrage", Paper.Kind.QUESTION),
        ("antrag", Paper.Kind.MOTION),
        ("beschluss", Paper.Kind.DRAFT_RESOLUTION),
        ("mitteilung", Paper.Kind.NOTICE),
        ("information", Paper.Kind.NOTICE),
        ("bericht", Paper.Kind.NOTICE),
    ]
    return next((kind for word, kind in rules if word in text), Paper.Kind.OTHER)


def membership_role(label):
    text = label.lower()
    deputy = "stellv" in text or "vertret" in text
    if "vorsitz" in text:
        return Membership.Role.DEPUTY if deputy else Membership.Role.CHAIR
    if deputy:
        return Membership.Role.DEPUTY
    if "sachkundig" in text or "beratend" in text:
        return Membership.Role.ADVISORY
    if "gast" in text:
        return Membership.Role.GUEST
    return Membership.Role.MEMBER


_VOTES = re.compile(r"(\d+)\s*-?\s*(ja|nein)", re.IGNORECASE)


def consultation_result(text):
    """The result of a free-text protocol note such as "einstimmig, 0 Enthaltungen" or
    "11 Ja-Stimmen, 2 Nein-Stimmen"; empty when the text does not say."""
    lowered = text.lower()
    if "kenntnis" in lowered:  # "nimmt einstimmig zur Kenntnis": noted, nothing decided
        return Consultation.Result.NONE
    rules = [
        (("vertagt", "zurückgestellt", "abgesetzt", "verschoben"), Consultation.Result.POSTPONED),
        (("verwiesen", "überwiesen"), Consultation.Result.REFERRED),
        (("abgelehnt",), Consultation.Result.REJECTED),
        (("geändert", "mit änderung", "ergänzt"), Consultation.Result.AMENDED),
        (("beschlossen", "angenommen", "zugestimmt", "einstimmig", "mehrheitlich"),
         Consultation.Result.ACCEPTED),
    ]
    for words, result in rules:
        if any(word in lowered for word in words):
            return result
    votes = {"ja": 0, "nein": 0}
    for number, side in _VOTES.findall(lowered):
        votes[side.lower()] += int(number)
    if votes["ja"] or votes["nein"]:
        return Consultation.Result.ACCEPTED if votes["ja"] > votes["nein"] else Consultation.Result.REJECTED
    return Consultation.Result.NONE
