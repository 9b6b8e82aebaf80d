"""Reading from a server (through a fake transport: no network), pagination, bad input, and
objects with missing or unknown fields."""

import io
import json

import pytest
import requests
from django.core.management import CommandError, call_command
from requests.adapters import BaseAdapter

from vernetzt.audit.services import SystemActor
from vernetzt.council.models import AgendaItem, Body, ImportRun, Meeting, Paper
from vernetzt.council.oparl.importer import import_oparl

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
ACTOR = SystemActor("test")
BASE = "https://ris.example.de/oparl/v1.1"


class FakeServer(BaseAdapter):
    """A requests transport answering from a dict of address → JSON (or status code)."""

    def __init__(self, pages):
        super().__init__()
        self.pages = pages
        self.requested = []

    def send(self, request, **kwargs):
        self.requested.append(request.url)
        answer = self.pages.get(request.url, 404)
        response = requests.Response()
        response.url = request.url
        response.request = request
        if isinstance(answer, int):
            response.status_code = answer
            response.raw = io.BytesIO(b"")
        else:
            response.status_code = 200
            response.raw = io.BytesIO(json.dumps(answer).encode())
        return response

    def close(self):
        pass


def session_for(pages):
    session = requests.Session()
    server = FakeServer(pages)
    session.mount("https://", server)
    return session, server


def oparl(type_name, path, **fields):
    return {"id": f"{BASE}/{path}", "type": f"https://schema.oparl.org/1.1/{type_name}", **fields}


def paper(number):
    return oparl("Paper", f"papers/{number}", name=f"Antrag {number}", reference=f"26-{number}",
                 paperType="Antrag", date="2026-03-01")


def list_page(items, next_url=None):
    return {"data": items, "links": {"next": next_url} if next_url else {}}


def server_pages():
    return {
        f"{BASE}/system": oparl("System", "system", body=f"{BASE}/bodies"),
        f"{BASE}/bodies": list_page([
            oparl("Body", "bodies/1", name="Musterstadt", organization=f"{BASE}/bodies/1/organizations",
                  meeting=f"{BASE}/bodies/1/meetings", paper=f"{BASE}/bodies/1/papers"),
        ]),
        f"{BASE}/bodies/1/organizations": list_page([
            oparl("Organization", "organizations/1", name="Integrationsrat", organizationType="Gremium"),
        ]),
        f"{BASE}/bodies/1/meetings": list_page([
            oparl("Meeting", "meetings/1", name="1. Sitzung", start="2026-03-10T17:00:00+01:00",
                  organization=[f"{BASE}/organizations/1"],
                  agendaItem=[oparl("AgendaItem", "agendaitems/1", name="Begrüßung", order=1,
                                    public=True, meeting=f"{BASE}/meetings/1")]),
        ]),
        f"{BASE}/bodies/1/papers": list_page([paper(1), paper(2)], f"{BASE}/bodies/1/papers?page=2"),
        f"{BASE}/bodies/1/papers?page=2": list_page([paper(3)], f"{BASE}/bodies/1/papers?page=3"),
        f"{BASE}/bodies/1/papers?page=3": list_page([paper(4)]),
    }


def test_pagination_is_followed_over_http():
    session, server = session_for(server_pages())
    run = import_oparl(source=f"{BASE}/system", actor=ACTOR, session=session)
    assert run.status == ImportRun.Status.DONE, run.error
    assert sorted(Paper.objects.values_list("reference", flat=True)) == ["26-1", "26-2", "26-3", "26-4"]
    assert f"{BASE}/bodies/1/papers?page=3" in server.requested
    assert run.report["municipalities"] == ["Musterstadt"]
    body = Body.objects.get()
    assert body.kind == Body.Kind.INTEGRATION_COUNCIL
    assert Meeting.objects.get().body == body
    assert AgendaItem.objects.get().meeting.name == "1. Sitzung"


@pytest.mark.parametrize("start", [f"{BASE}/bodies", f"{BASE}/bodies/1"])
def test_a_body_list_or_a_body_is_a_starting_point_too(start):
    pages = server_pages()
    pages[f"{BASE}/bodies/1"] = pages[f"{BASE}/bodies"]["data"][0]
    session, _server = session_for(pages)
    run = import_oparl(source=start, actor=ACTOR, session=session)
    assert run.status == ImportRun.Status.DONE, run.error
    assert Paper.objects.count() == 4 and Meeting.objects.count() == 1


def test_a_page_that_loops_back_stops_with_a_warning():
    pages = server_pages()
    pages[f"{BASE}/bodies/1/papers?page=3"] = list_page([paper(4)], f"{BASE}/bodies/1/papers")
    session, _server = session_for(pages)
    run = import_oparl(source=f"{BASE}/system", actor=ACTOR, session=session)
    assert run.status == ImportRun.Status.DONE
    assert Paper.objects.count() == 4
    assert any("pointed back" in w["message"] for w in run.report["warnings"])


def test_a_missing_page_fails_the_run_before_anything_is_written():
    pages = server_pages()
    pages[f"{BASE}/bodies/1/papers?page=3"] = 503
    session, _server = session_for(pages)
    run = import_oparl(source=f"{BASE}/system", actor=ACTOR, session=session)
    assert run.status == ImportRun.Status.FAILED
    assert "503" in run.error
    assert not Paper.objects.exists() and not Body.objects.exists() and not Meeting.objects.exists()


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")


def test_missing_and_unknown_fields_warn_and_the_rest_is_imported(tmp_path):
    write(tmp_path, "meeting.json", oparl(
        "Meeting", "meetings/9", start="2026-05-04T18:00:00+02:00", colour="blue",
        **{"ACME:sortierung": 3},
        agendaItem=[oparl("AgendaItem", "agendaitems/9", name="Bericht")],
    ))
    write(tmp_path, "papers.json", [
        oparl("Paper", "papers/9", name="Anfrage zur Sprachförderung", paperType="Anfrage"),
        oparl("Paper", "papers/10", name="Ohne Datum", reference="26-10", date="kein Datum"),
    ])
    run = import_oparl(source=str(tmp_path), actor=ACTOR)
    assert run.status == ImportRun.Status.DONE
    messages = {w["message"] for w in run.report["warnings"]}
    assert {
        "Meeting without name.",
        "Unknown field colour in Meeting ignored.",
        "Vendor field ACME:sortierung in Meeting ignored.",
        "Agenda item without order: its place in the meeting's list is used.",
        "Agenda item without public: read from the meeting's part headings.",
        "Paper without reference.",
        "Paper without paperType.",
        "Paper: date could not be read and was left empty.",
    } <= messages
    meeting = Meeting.objects.get()
    assert meeting.name == f"{BASE}/meetings/9"  # a name is required: the id stands in
    assert meeting.agenda_items.get().order == 1
    question = Paper.objects.get(reference="")
    assert question.kind == Paper.Kind.QUESTION
    assert Paper.objects.get(reference="26-10").date is None


def test_numbers_out_of_any_column_s_range_are_not_written(tmp_path):
    huge = 10**20
    write(tmp_path, "meeting.json", oparl(
        "Meeting", "meetings/1", name="Rat",
        agendaItem=[oparl("AgendaItem", "agendaitems/1", name="TOP", order=huge, public=True,
                          auxiliaryFile=[oparl("File", "files/1", name="Anlage", size=huge,
                                               accessUrl="https://ris.example.de/f/1.pdf")])],
    ))
    run = import_oparl(source=str(tmp_path), actor=ACTOR)
    assert run.status == ImportRun.Status.DONE, run.error
    item = AgendaItem.objects.get()
    assert item.order == 1 and item.files.get().size is None
    assert any(w["message"] == "File: size could not be read and was left empty." for w in run.report["warnings"])


def test_latitude_first_coordinates_are_swapped(tmp_path):
    # Hürtgenwald's server writes [latitude, longitude]; GeoJSON is longitude first.
    location = {"geojson": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [50.722007, 6.395776]}},
                "streetAddress": "August-Scholl-Straße 5", "postalCode": "52393 ", "locality": "Hürtgenwald"}
    write(tmp_path, "a.json", oparl("Meeting", "meetings/1", name="Rat", location=location))
    proper = {"geojson": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [8.403653, 49.00937]}}}
    write(tmp_path, "b.json", oparl("Meeting", "meetings/2", name="Ausschuss", location=proper))
    run = import_oparl(source=str(tmp_path), actor=ACTOR)
    swapped = Meeting.objects.get(name="Rat")
    assert (str(swapped.latitude), str(swapped.longitude)) == ("50.722007", "6.395776")
    assert swapped.place == "August-Scholl-Straße 5, 52393 Hürtgenwald"
    karlsruhe = Meeting.objects.get(name="Ausschuss")
    assert (str(karlsruhe.latitude), str(karlsruhe.longitude)) == ("49.009370", "8.403653")
    [warning] = [w for w in run.report["warnings"] if "latitude first" in w["message"]]
    assert warning["count"] == 1 and warning["examples"] == [f"{BASE}/meetings/1"]


def test_broken_json_changes_nothing(tmp_path):
    write(tmp_path, "a.json", oparl("Organization", "organizations/1", name="Integrationsrat"))
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_oparl", str(tmp_path), "--language", "en", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Body.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_a_source_that_is_neither_folder_nor_address(tmp_path):
    with pytest.raises(CommandError, match="neither an http"):
        call_command("import_oparl", str(tmp_path / "nowhere"), "--language", "en",
                     stdout=io.StringIO(), stderr=io.StringIO())
