"""The body pages: the list, a body's members and meetings, internal bodies for council and
staff only, the staff forms, and the iCal feed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.council.factories_meetings import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.factories import OrganisationFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council.models import Body, Membership

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def bodies():
    council = BodyFactory(name="Integrationsrat", kind=Body.Kind.INTEGRATION_COUNCIL)
    steering = BodyFactory(
        name="Lenkungsgruppe KIM", kind=Body.Kind.STEERING_GROUP, is_public=False
    )
    working = BodyFactory(name="AG Elternarbeit", kind=Body.Kind.WORKING_GROUP)
    return council, steering, working


def test_list_groups_bodies_by_kind_and_hides_internal_ones(client_as, role_users, bodies):
    council, steering, working = bodies
    MeetingFactory(body=working, start=timezone.now() + datetime.timedelta(days=3))
    page = client_as(None).get(reverse("council:body_list"), **EN).content.decode()
    assert page.index("Integrationsrat") < page.index("AG Elternarbeit")
    assert "Lenkungsgruppe KIM" not in page
    assert "Next meeting:" in page and "No meeting planned." in page
    for role in ("participant", "editor"):
        assert (
            "Lenkungsgruppe KIM"
            not in client_as(role_users[role]).get(reverse("council:body_list")).content.decode()
        )
    for role in ("council", "staff"):
        page = client_as(role_users[role]).get(reverse("council:body_list"), **EN).content.decode()
        assert "Lenkungsgruppe KIM" in page and "internal" in page


def test_internal_body_page_is_for_council_and_staff(client_as, role_users, bodies):
    _council, steering, _working = bodies
    url = reverse("council:body_detail", args=[steering.pk])
    assert client_as(None).get(url).status_code == 302  # to the login
    assert client_as(role_users["participant"]).get(url).status_code == 403
    assert client_as(role_users["council"]).get(url).status_code == 200
    assert (
        client_as(role_users["staff"])
        .get(reverse("council:body_calendar", args=[steering.pk]))
        .status_code
        == 200
    )
    assert (
        client_as(None).get(reverse("council:body_calendar", args=[steering.pk])).status_code == 302
    )
    assert client_as(None).get(reverse("council:body_detail", args=[999_999])).status_code == 404


def test_body_page_lists_current_members_by_role_then_former_ones(client, bodies):
    _council, _steering, working = bodies
    verein = OrganisationFactory(name="Elternnetzwerk Nord e.V.", slug="elternnetzwerk-nord")
    hidden = OrganisationFactory(
        name="Unveröffentlichter Verein", slug="unveroeffentlicht", status="proposed"
    )
    MembershipFactory(
        body=working,
        person=PersonFactory(name="Zeynep Kaya"),
        role=Membership.Role.MEMBER,
        organisation=hidden,
    )
    MembershipFactory(
        body=working,
        person=PersonFactory(name="Olena Kovalenko"),
        role=Membership.Role.CHAIR,
        organisation=verein,
        start_date=datetime.date(2024, 2, 1),
    )
    MembershipFactory(
        body=working, person=PersonFactory(name="محمد الحسن"), role=Membership.Role.GUEST
    )
    MembershipFactory(
        body=working, person=PersonFactory(name="Jürgen Alt"), end_date=datetime.date(2023, 12, 31)
    )
    page = client.get(reverse("council:body_detail", args=[working.pk]), **EN).content.decode()
    current, former = page.split("Former members", 1)
    assert (
        current.index("Olena Kovalenko")
        < current.index("Zeynep Kaya")
        < current.index("محمد الحسن")
    )
    assert "Jürgen Alt" in former and "Jürgen Alt" not in current
    assert reverse("directory:organisation_detail", args=["elternnetzwerk-nord"]) in current
    assert "Unveröffentlichter Verein" in current  # named, but not linked for the public
    assert reverse("directory:organisation_detail", args=["unveroeffentlicht"]) not in current
    assert "Chair" in current and "Guest" in current


def test_body_page_shows_upcoming_and_past_meetings(client, bodies):
    _council, _steering, working = bodies
    MeetingFactory(
        body=working, name="Frühjahrssitzung", start=timezone.now() + datetime.timedelta(days=30)
    )
    MeetingFactory(
        body=working, name="Wintersitzung", start=timezone.now() - datetime.timedelta(days=30)
    )
    MeetingFactory(
        body=working,
        name="Abgesagte Sitzung",
        start=timezone.now() + datetime.timedelta(days=60),
        cancelled=True,
    )
    page = client.get(reverse("council:body_detail", args=[working.pk]), **EN).content.decode()
    upcoming, past = page.split("Past meetings", 1)
    assert (
        "Frühjahrssitzung" in upcoming
        and "Abgesagte Sitzung" in upcoming
        and "Wintersitzung" not in upcoming
    )
    assert "Wintersitzung" in past.split("Open action items")[0]
    assert "cancelled" in upcoming


def test_staff_creates_and_edits_a_body_audited(client_as, role_users):
    client = client_as(role_users["staff"])
    response = client.post(
        reverse("council:body_create"),
        {
            "name": "Vorbereitungsgruppe Fachtag",
            "kind": "preparation_group",
            "is_public": "on",
            "website": "stadt.example/fachtag",
        },
    )
    body = Body.objects.get(name="Vorbereitungsgruppe Fachtag")
    assert response.status_code == 302 and response["Location"] == reverse(
        "council:body_detail", args=[body.pk]
    )
    assert body.website == "https://stadt.example/fachtag"
    assert AuditEntry.objects.filter(
        object_id=str(body.pk), action="create", actor=role_users["staff"]
    ).exists()

    response = client.post(
        reverse("council:body_edit", args=[body.pk]),
        {
            "name": "Vorbereitungsgruppe",
            "kind": "preparation_group",
            "start_date": "2026-05-01",
            "end_date": "2026-01-01",
        },
        **EN,
    )
    assert response.status_code == 200
    assert "The end lies before the beginning." in response.content.decode()
    assert 'value="Vorbereitungsgruppe"' in response.content.decode()  # the input is kept
    body.refresh_from_db()
    assert body.name == "Vorbereitungsgruppe Fachtag" and body.is_public


def test_body_form_limits_input(client_as, role_users):
    response = client_as(role_users["staff"]).post(
        reverse("council:body_create"), {"name": "x" * 501, "kind": "nonsense"}, **EN
    )
    assert response.status_code == 200
    assert not Body.objects.exists()


def test_staff_adds_members_new_and_existing_and_ends_a_membership(client_as, role_users, bodies):
    _council, _steering, working = bodies
    client = client_as(role_users["staff"])
    verein = OrganisationFactory(name="Deutsch-Türkischer Elternverein")
    url = reverse("council:membership_add", args=[working.pk])
    response = client.post(
        url,
        {
            "person_name": "  Ayşe  Yılmaz ",
            "role": "chair",
            "organisation": verein.pk,
            "voting_right": "true",
            "start_date": "2026-01-15",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(body=working)
    assert (
        membership.person.name,
        membership.role,
        membership.organisation,
        membership.voting_right,
    ) == (
        "Ayşe Yılmaz",
        "chair",
        verein,
        True,
    )
    existing = PersonFactory(name="Olena Kovalenko")
    both = client.post(
        url, {"person": existing.pk, "person_name": "Noch jemand", "role": "member"}, **EN
    )
    assert "Choose a person or enter a new one, not both." in both.content.decode()
    neither = client.post(url, {"role": "member"}, **EN)
    assert "Choose a person or enter a new one." in neither.content.decode()
    assert client.post(url, {"person": existing.pk, "role": "deputy"}).status_code == 302
    assert working.memberships.count() == 2

    end_url = reverse("council:membership_end", args=[membership.pk])
    too_early = client.post(end_url, {"end_date": "2025-12-31"}, **EN)
    assert "The end lies before the beginning." in too_early.content.decode()
    assert client.post(end_url, {"end_date": "2026-03-31"}).status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2026, 3, 31)
    assert AuditEntry.objects.filter(object_id=str(membership.pk), action="update").exists()


def test_ical_feed_of_a_public_body(client, bodies):
    _council, _steering, working = bodies
    first = MeetingFactory(
        body=working,
        name="3. Sitzung",
        start=timezone.now() + datetime.timedelta(days=5),
        end=timezone.now() + datetime.timedelta(days=5, hours=2),
        place="Rathaus, Raum 1.17",
    )
    MeetingFactory(
        body=working,
        name="Abgesagt",
        start=timezone.now() - datetime.timedelta(days=5),
        cancelled=True,
    )
    MeetingFactory(body=working, name="Ohne Datum", start=None)
    MeetingFactory(name="Andere Gruppe")
    response = client.get(reverse("council:body_calendar", args=[working.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == working.name
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"{working.name}: 3. Sitzung", f"{working.name}: Abgesagt"}
    event = events[f"{working.name}: 3. Sitzung"]
    assert event.decoded("DTSTART") == first.start.replace(microsecond=0)
    assert str(event["LOCATION"]) == "Rathaus, Raum 1.17"
    assert str(event["URL"]).endswith(reverse("council:meeting_detail", args=[first.pk]))
    assert str(events[f"{working.name}: Abgesagt"]["STATUS"]) == "CANCELLED"
    assert len({str(e["UID"]) for e in events.values()}) == 2


def test_body_page_offers_the_calendar_as_webcal(client, bodies):
    _council, _steering, working = bodies
    page = client.get(reverse("council:body_detail", args=[working.pk])).content.decode()
    assert (
        f'href="webcal://testserver{reverse("council:body_calendar", args=[working.pk])}"' in page
    )
