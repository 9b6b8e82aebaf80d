"""The OParl 1.1 export: a walk over the whole API from the system object validates every
object against the spec's schemas, never meets an internal object, and follows every page."""

import datetime
import json
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema_rs
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from bench.council.data import KARLSRUHE
from tests.council.conftest import needs_karlsruhe
from vernetzt.audit.services import SystemActor
from vernetzt.council.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    Measure,
    Meeting,
    Membership,
    Paper,
    Person,
)
from vernetzt.council.oparl.importer import import_oparl

pytestmark = pytest.mark.django_db

SCHEMAS = KARLSRUHE.parent / "spec-v1.1.1" / "schema"
OPARL = "https://schema.oparl.org/1.1/"
INTERNAL = "Lenkungsgruppe KIM (intern)"


def is_url(text):
    parts = urlsplit(text)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def validators():
    """One validator per OParl type; the spec's schemas use the non-standard format ``url``."""
    return {
        path.stem: jsonschema_rs.validator_for(
            json.loads(path.read_text()), formats={"url": is_url}, validate_formats=True
        )
        for path in Path(SCHEMAS).glob("*.json")
    }


def typed_objects(data):
    """Every OParl object in a response, the embedded ones included."""
    if isinstance(data, dict):
        if str(data.get("type", "")).startswith(OPARL):
            yield data
        for value in data.values():
            yield from typed_objects(value)
    elif isinstance(data, list):
        for value in data:
            yield from typed_objects(value)


def urls_in(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from urls_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from urls_in(value)
    elif isinstance(data, str) and data.startswith(settings.BASE_URL.rstrip("/") + "/oparl/"):
        yield data


def local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def walk(client):
    """Every URL reachable from the system object: ``{url: response JSON}``. Fails on any
    answer but 200 (a reference to a hidden object would be a 404) and on invalid objects."""
    checks = validators()
    start = settings.BASE_URL.rstrip("/") + reverse("oparl:system")
    seen, queue, answers, problems = {start}, deque([start]), {}, []
    while queue:
        url = queue.popleft()
        response = client.get(local(url))
        assert response.status_code == 200, f"{url}: {response.status_code}"
        assert response["Access-Control-Allow-Origin"] == "*"
        answers[url] = data = response.json()
        for obj in typed_objects(data):
            name = obj["type"].removeprefix(OPARL)
            problems += [f"{obj['id']}: {error}" for error in checks[name].iter_errors(obj)]
        for found in urls_in(data):
            if found not in seen:
                seen.add(found)
                queue.append(found)
    assert not problems, "\n".join(problems[:20])
    return answers


def objects_by_type(answers):
    found = {}
    for data in answers.values():
        for obj in typed_objects(data):
            found.setdefault(obj["type"].removeprefix(OPARL), {})[obj["id"]] = obj
    return found


@pytest.fixture
def council():
    """A public integration council beside an internal steering group, each with a member,
    a meeting with a public and a non-public agenda item, a paper consulted in both, files."""
    public = Body.objects.create(name="Integrationsrat", kind=Body.Kind.INTEGRATION_COUNCIL)
    internal = Body.objects.create(name=INTERNAL, kind=Body.Kind.STEERING_GROUP, is_public=False)
    member = Person.objects.create(
        name="Ayşe Yılmaz", given_name="Ayşe", family_name="Yılmaz", title="Dr."
    )
    hidden_person = Person.objects.create(name="Nur Intern")
    responsible = Person.objects.create(name="Nur Maßnahme")
    Membership.objects.create(
        person=member,
        body=public,
        role=Membership.Role.CHAIR,
        voting_right=True,
        start_date=datetime.date(2024, 1, 1),
    )
    Membership.objects.create(person=member, body=internal)
    Membership.objects.create(person=hidden_person, body=internal)
    paper = Paper.objects.create(
        reference="22-4292",
        name="Antrag: Aufsuchende Elternarbeit",
        kind=Paper.Kind.MOTION,
        date=datetime.date(2026, 3, 1),
    )
    Measure.objects.create(title="Elternlotsen", paper=paper, responsible_person=responsible)
    File.objects.create(
        name="Antrag",
        access_url="https://rat.example.de/antrag.pdf",
        role=File.Role.MAIN,
        paper=paper,
        mime_type="application/pdf",
        size=1234,
    )
    File.objects.create(name="Ohne Adresse", paper=paper)
    for body in (public, internal):
        meeting = Meeting.objects.create(
            body=body,
            name=f"Sitzung {body.name}",
            start=timezone.make_aware(datetime.datetime(2026, 4, 1, 17)),
        )
        File.objects.create(
            name=f"Einladung {body.name}",
            access_url="https://rat.example.de/e.pdf",
            role=File.Role.INVITATION,
            meeting=meeting,
        )
        shown = AgendaItem.objects.create(
            meeting=meeting, order=1, number="1", name=f"Öffentlich {body.name}"
        )
        closed = AgendaItem.objects.create(
            meeting=meeting,
            order=2,
            number="2",
            name=f"Nichtöffentlich {body.name}",
            is_public=False,
        )
        File.objects.create(
            name=f"Beschluss {body.name}",
            access_url="https://rat.example.de/b.pdf",
            role=File.Role.RESOLUTION,
            agenda_item=closed,
        )
        Consultation.objects.create(
            paper=paper,
            meeting=meeting,
            agenda_item=shown,
            body=body,
            authoritative=True,
            role="Entscheidung",
        )
        Consultation.objects.create(paper=paper, meeting=meeting, agenda_item=closed, body=body)
    return public, internal


def test_the_whole_api_validates_and_shows_public_data_only(client, council):
    answers = walk(client)
    found = objects_by_type(answers)
    text = json.dumps(answers, ensure_ascii=False)
    assert INTERNAL not in text and "Nichtöffentlich" not in text and "Nur " not in text
    assert "Ohne Adresse" not in text  # OParl requires a file's address
    assert {o["name"] for o in found["Organization"].values()} == {"Integrationsrat"}
    assert {o["name"] for o in found["Person"].values()} == {"Ayşe Yılmaz"}
    [person] = found["Person"].values()
    assert person["title"] == ["Dr."] and "email" not in person and "phone" not in person
    [membership] = person["membership"]
    assert membership["organization"] == next(iter(found["Organization"]))
    assert membership["votingRight"] is True and membership["startDate"] == "2024-01-01"
    assert len(found["Membership"]) == 1
    assert {o["name"] for o in found["AgendaItem"].values()} == {"Öffentlich Integrationsrat"}
    assert len(found["Consultation"]) == 1
    [paper] = found["Paper"].values()
    assert paper["reference"] == "22-4292" and paper["mainFile"]["size"] == 1234
    [meeting] = found["Meeting"].values()
    assert meeting["invitation"]["name"] == "Einladung Integrationsrat"
    assert meeting["agendaItem"][0]["consultation"] == next(iter(found["Consultation"]))
    [organization] = found["Organization"].values()
    assert [m["id"] for m in answers[organization["meeting"]]["data"]] == [meeting["id"]]


def test_internal_objects_answer_404(client, council):
    _public, internal = council
    hidden = [
        ("organization", internal.pk),
        ("meeting", internal.meetings.get().pk),
        ("agendaItem", AgendaItem.objects.get(name="Nichtöffentlich Integrationsrat").pk),
        ("person", Person.objects.get(name="Nur Intern").pk),
        ("person", Person.objects.get(name="Nur Maßnahme").pk),
        ("file", File.objects.get(name="Beschluss Integrationsrat").pk),
    ]
    for kind, pk in hidden:
        response = client.get(reverse("oparl:object", kwargs={"kind": kind, "pk": pk}))
        assert response.status_code == 404, kind
        assert response.json()["error"]

    meetings = reverse("oparl:organization_meetings", kwargs={"pk": internal.pk})
    assert client.get(meetings).status_code == 404

def test_paging_follows_next_across_pages(client):
    for number in range(7):
        Paper.objects.create(reference=f"26-{number:04}", name=f"Vorlage {number}")
    url, ids, pages = reverse("oparl:list", kwargs={"kind": "paper"}) + "?limit=3&foo=bar", [], 0
    while url:
        data = client.get(local(url)).json()
        pages += 1
        assert data["pagination"] == {
            "totalElements": 7,
            "elementsPerPage": 3,
            "currentPage": pages,
            "totalPages": 3,
        }
        assert "foo" not in data["links"]["self"] and "limit=3" in data["links"]["last"]
        ids += [paper["id"] for paper in data["data"]]
        url = data["links"].get("next")
    assert pages == 3 and len(ids) == len(set(ids)) == 7
    assert (
        client.get(reverse("oparl:list", kwargs={"kind": "paper"}) + "?limit=3&page=4").status_code
        == 404
    )
    capped = client.get(reverse("oparl:list", kwargs={"kind": "paper"}), {"limit": "100000"}).json()
    assert capped["pagination"]["elementsPerPage"] == 500 and len(capped["data"]) == 7


def test_date_filters(client):
    old = Paper.objects.create(reference="1", name="Alt")
    Paper.objects.filter(pk=old.pk).update(
        created=timezone.make_aware(datetime.datetime(2020, 1, 1)),
        updated=timezone.make_aware(datetime.datetime(2020, 1, 1)),
    )
    Paper.objects.create(reference="2", name="Neu")
    papers = reverse("oparl:list", kwargs={"kind": "paper"})

    def names(query):
        response = client.get(papers, query)
        assert response.status_code == 200, response.content
        return [paper["name"] for paper in response.json()["data"]]

    assert names({"modified_since": "2021-01-01T00:00:00+01:00"}) == ["Neu"]
    assert names({"modified_since": "2021-01-01"}) == ["Neu"]
    assert names({"modified_until": "2021-01-01T00:00:00Z"}) == ["Alt"]
    assert names({"created_since": "2019-12-31T00:00:00"}) == ["Alt", "Neu"]
    assert names({"created_until": "2019-12-31T00:00:00"}) == []
    links = client.get(papers, {"modified_since": "2021-01-01"}).json()["links"]
    assert "modified_since=2021-01-01" in links["first"]


@pytest.mark.parametrize(
    "query",
    [
        {"modified_since": "gestern"},
        {"modified_since": "2026-13-45"},
        {"created_until": "2026-02-30T10:00:00"},
        {"modified_since": ""},
        {"limit": "0"},
        {"limit": "10000000"},
        {"page": "-1"},
        {"page": "abc"},
        {"modified_since": "0001-01-01T00:00:00+01:00"},
        {"modified_until": "9999-12-31T23:59:59-12:00"},
        {"page": "²"},
        {"limit": "٣"},
        {"page": "99999999999999999999"},
    ],
)
def test_bad_queries_get_a_translated_400(client, query):
    response = client.get(
        reverse("oparl:list", kwargs={"kind": "meeting"}), query, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 400
    assert response.json()["error"]


def test_unknown_parameters_and_methods(client):
    response = client.get(
        reverse("oparl:list", kwargs={"kind": "person"}), {"sort": "x", "page[]": "1"}
    )
    assert response.status_code == 200
    assert client.post(reverse("oparl:system")).status_code == 405
    assert client.get("/oparl/v1/body/1/location/").status_code == 404


@pytest.mark.parametrize(
    "kind",
    [
        "organization",
        "person",
        "membership",
        "meeting",
        "agendaItem",
        "paper",
        "consultation",
        "file",
    ],
)
def test_a_list_page_is_a_fixed_number_of_queries(
    client, council, kind, django_assert_max_num_queries
):
    url = reverse("oparl:list", kwargs={"kind": kind})
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    public, _internal = council
    for number in range(5):  # more of everything: the count must not grow
        meeting = Meeting.objects.create(body=public, name=f"Sitzung {number}")
        item = AgendaItem.objects.create(meeting=meeting, order=1, name=f"Punkt {number}")
        paper = Paper.objects.create(name=f"Vorlage {number}")
        Consultation.objects.create(paper=paper, meeting=meeting, agenda_item=item, body=public)
        File.objects.create(
            name="Anlage", access_url="https://rat.example.de/a.pdf", agenda_item=item
        )
        File.objects.create(name="Anlage", access_url="https://rat.example.de/a.pdf", paper=paper)
        person = Person.objects.create(name=f"Mitglied {number}")
        Membership.objects.create(person=person, body=public)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.slow
@needs_karlsruhe
def test_karlsruhe_exported_whole_validates(client):
    import_oparl(source=str(KARLSRUHE), actor=SystemActor("test"))
    Body.objects.filter(name="Behindertenbeauftragte").update(is_public=False)
    AgendaItem.objects.filter(pk__in=AgendaItem.objects.order_by("pk")[:3]).update(is_public=False)
    hidden = set(AgendaItem.objects.filter(is_public=False).values_list("name", flat=True))
    found = objects_by_type(walk(client))
    assert len(found["Paper"]) == Paper.objects.count() == 226
    assert len(found["Meeting"]) == Meeting.objects.count() == 36
    assert len(found["AgendaItem"]) == AgendaItem.objects.filter(is_public=True).count()
    assert not hidden & {o.get("name") for o in found["AgendaItem"].values()}
    names = {o["name"] for o in found["Organization"].values()}
    assert "Integrationsausschuss" in names and "Behindertenbeauftragte" not in names
    assert len(names) == Body.objects.filter(is_public=True).count()
