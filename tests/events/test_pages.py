"""The events pages: registering through the form (with and without an account), the token
pages, invitation-only events, the office's participants list, export, check-in and iCal."""

import csv
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from tests.events.factories import EventFactory, RegistrationFactory, RoomFactory, TimeSlotFactory
from tests.factories import UserFactory
from vernetzt.directory.models import Language
from vernetzt.events.models import Event, Registration, Room, TimeSlot

pytestmark = pytest.mark.django_db
S = Registration.Status
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def arabic():
    return Language.objects.get_or_create(code="ar", defaults={"name": "Arabisch"})[0]


def form_data(**extra):
    return {
        "name": "Amal Haddad",
        "email": "amal@example.org",
        "organisation_name": "",
        "interpreting_needed": "",
        "interpreting_language": "",
        "childcare_needed": "",
        "children": "",
        "dietary": "",
        "dietary_notes": "",
        "accessibility_needs": "",
        "consent": "on",
        "website": "",
        **extra,
    }


@pytest.fixture
def event():
    return EventFactory(slug="konferenz", title="Integrationskonferenz", capacity=2)


def test_the_event_list_and_page_show_places_and_the_programme(client, event):
    RegistrationFactory(event=event, status=S.CONFIRMED)
    TimeSlotFactory(event=event, label="Workshops, erste Runde")
    RoomFactory(event=event, name="Saal مركز", step_free=True)
    EventFactory(slug="geheim", title="Geheimes Treffen", visibility=Event.Visibility.INVITATION)

    listing = client.get(reverse("events:event_list"), **EN).content.decode()
    page = client.get(reverse("events:event_detail", args=["konferenz"]), **EN).content.decode()

    assert "Integrationskonferenz" in listing and "Geheimes Treffen" not in listing
    assert "1 of 2 places taken." in page
    assert "Workshops, erste Runde" in page and "Saal مركز" in page and "step-free access" in page


def test_anonymous_registration_keeps_input_on_errors_and_then_asks_for_the_e_mail(client, event):
    url = reverse("events:register", args=["konferenz"])
    failed = client.post(
        url,
        form_data(name="ليلى", interpreting_needed="on", childcare_needed="on", consent=""),
        **EN,
    )
    body = failed.content.decode()
    assert failed.status_code == 200
    assert "Please correct these 3 problems:" in body  # language, children, consent
    assert 'value="ليلى"' in body
    assert not Registration.objects.exists()

    done = client.post(
        url,
        form_data(
            interpreting_needed="on",
            interpreting_language=arabic().pk,
            childcare_needed="on",
            children="2",
            dietary="halal",
        ),
    )
    assert done.status_code == 302 and done["Location"].endswith("/anmelden/gesendet/")
    registration = Registration.objects.get()
    assert registration.status == S.PENDING
    assert (registration.interpreting_language.code, registration.children) == ("ar", 2)

    token = registration.token
    confirm_url = reverse("events:registration_confirm", args=[token])
    assert client.get(confirm_url).status_code == 200  # a mail scanner's GET changes nothing
    registration.refresh_from_db()
    assert registration.status == S.PENDING
    assert client.post(confirm_url).status_code == 302
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED


def test_a_logged_in_person_registers_with_the_account_address(client, event):
    user = UserFactory(email="konto@example.org", first_name="Dana", last_name="Doe")
    client.force_login(user)

    response = client.post(
        reverse("events:register", args=["konferenz"]), form_data(email="anders@example.org")
    )

    registration = Registration.objects.get()
    assert response["Location"] == reverse("events:registration", args=[registration.token])
    assert (registration.email, registration.user, registration.status) == (
        "konto@example.org",
        user,
        S.CONFIRMED,
    )
    # Coming back to the form leads to the registration.
    again = client.get(reverse("events:register", args=["konferenz"]))
    assert again["Location"] == reverse("events:registration", args=[registration.token])


def test_limits_of_every_field_in_the_form(client, event):
    url = reverse("events:register", args=["konferenz"])
    too_long = {
        "name": "n" * 201,
        "email": "e" * 250 + "@example.org",
        "organisation_name": "o" * 201,
        "dietary_notes": "d" * 201,
        "accessibility_needs": "a" * 501,
        "children": "11",
    }
    for field, value in too_long.items():
        extra = {field: value}
        if field == "children":
            extra["childcare_needed"] = "on"
        response = client.post(url, form_data(**extra))
        assert response.status_code == 200, field
        assert response.context["form"].errors.get(field), field
    assert client.post(url, form_data(children="-1", childcare_needed="on")).status_code == 200
    assert client.post(url, form_data(dietary="pizza")).status_code == 200
    assert not Registration.objects.exists()


def test_anonymous_registrations_are_throttled(client, event, settings):
    settings.THROTTLES = {**settings.THROTTLES, "event_registration": (2, 3600)}
    url = reverse("events:register", args=["konferenz"])
    for n in range(2):
        assert client.post(url, form_data(email=f"p{n}@example.org")).status_code == 302

    blocked = client.post(url, form_data(email="p9@example.org", name="Keep Me"), **EN)

    assert blocked.status_code == 429
    assert 'value="Keep Me"' in blocked.content.decode()
    assert Registration.objects.count() == 2


def test_the_same_address_is_throttled_on_its_own(client, event, settings):
    settings.THROTTLES = {**settings.THROTTLES, "event_registration_email": (1, 3600)}
    url = reverse("events:register", args=["konferenz"])
    assert client.post(url, form_data()).status_code == 302
    assert client.post(url, form_data(email="AMAL@example.org")).status_code == 429


def test_a_bot_filling_the_hidden_field_is_discarded(client, event):
    response = client.post(reverse("events:register", args=["konferenz"]), form_data(website="x"))
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_closed_registration_is_said_and_nothing_is_stored(client):
    EventFactory(
        slug="vorbei",
        registration_opens_at=timezone.now() - timedelta(days=2),
        registration_closes_at=timezone.now() - timedelta(days=1),
    )
    response = client.post(reverse("events:register", args=["vorbei"]), form_data(), **EN)
    assert "Registration for this event is closed." in response.content.decode()
    assert not Registration.objects.exists()


def test_the_registration_page_shows_the_waiting_list_position_and_cancels(client, event):
    RegistrationFactory.create_batch(2, event=event, status=S.CONFIRMED)
    first = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())
    mine = RegistrationFactory(
        event=event, status=S.WAITLISTED, waitlisted_at=timezone.now() + timedelta(seconds=1)
    )

    page = client.get(reverse("events:registration", args=[mine.token]), **EN).content.decode()
    assert "You are number <strong>2</strong> on the waiting list." in page

    cancel_url = reverse("events:registration_cancel", args=[first.token])
    assert client.get(cancel_url).status_code == 200
    assert client.post(cancel_url).status_code == 302
    page = client.get(reverse("events:registration", args=[mine.token]), **EN).content.decode()
    assert "You are number <strong>1</strong> on the waiting list." in page
    assert client.get(reverse("events:registration", args=["no-such-token"])).status_code == 404


def test_an_offered_place_is_accepted_on_the_registration_page(client, event):
    offered = RegistrationFactory(
        event=event, status=S.OFFERED, offer_expires_at=timezone.now() + timedelta(hours=3)
    )
    page = client.get(reverse("events:registration", args=[offered.token]), **EN).content.decode()
    assert "Accept the place" in page
    client.post(reverse("events:registration_accept", args=[offered.token]))
    offered.refresh_from_db()
    assert offered.status == S.CONFIRMED


def test_an_event_by_invitation_is_seen_by_staff_the_invited_and_the_registered(client):
    private = EventFactory(slug="geheim", visibility=Event.Visibility.INVITATION)
    url = reverse("events:event_detail", args=["geheim"])
    invited, registered, stranger = UserFactory(), UserFactory(), UserFactory()
    private.invited.add(invited)
    RegistrationFactory(event=private, user=registered)

    assert client.get(url).status_code == 302  # to the login page
    for user, status in [
        (stranger, 403),
        (invited, 200),
        (registered, 200),
        (UserFactory(is_staff=True), 200),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(stranger)
    assert client.get(reverse("events:register", args=["geheim"])).status_code == 403


def test_my_registrations_lists_the_own_ones(client, event):
    user = UserFactory()
    RegistrationFactory(event=event, user=user)
    RegistrationFactory(event=EventFactory(title="Abgesagt"), user=user, status=S.CANCELLED)
    client.force_login(user)
    page = client.get(reverse("events:my_registrations")).content.decode()
    assert "Integrationskonferenz" in page and "Abgesagt" not in page


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, username="buero"))
    return client


def test_staff_see_counts_per_answer(staff_client, event):
    ar = arabic()
    uk = Language.objects.get_or_create(code="uk", defaults={"name": "Ukrainisch"})[0]
    RegistrationFactory(
        event=event,
        interpreting_needed=True,
        interpreting_language=ar,
        childcare_needed=True,
        children=2,
        dietary="halal",
    )
    RegistrationFactory(
        event=event,
        interpreting_needed=True,
        interpreting_language=ar,
        accessibility_needs="Rollstuhl",
    )
    RegistrationFactory(
        event=event,
        status=S.WAITLISTED,
        waitlisted_at=timezone.now(),
        interpreting_needed=True,
        interpreting_language=uk,
        childcare_needed=True,
        children=3,
    )
    RegistrationFactory(
        event=event, status=S.CANCELLED, interpreting_needed=True, interpreting_language=ar
    )

    response = staff_client.get(reverse("events:participants", args=["konferenz"]), **EN)
    counts = response.context["counts"]

    assert counts["totals"]["coming"] == {
        "people": 2,
        "interpreting": 2,
        "childcare": 1,
        "children": 2,
        "accessibility": 1,
    }
    assert counts["totals"]["waiting"]["children"] == 3
    by_language = {row["label"]: (row["coming"], row["waiting"]) for row in counts["languages"]}
    assert by_language == {"Arabic": (2, 0), "Ukrainian": (0, 1)}
    assert {row["label"]: row["coming"] for row in counts["dietary"]} == {"halal": 1}
    assert "Interpreting into Arabic" in response.content.decode()


def test_staff_export_participants_as_csv_and_xlsx(staff_client, event):
    RegistrationFactory(event=event, name='=HYPERLINK("x")', organisation_name="Verein; e.V.")
    RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now(), name="Zoë")

    response = staff_client.get(
        reverse("events:participants_export", args=["konferenz", "csv"]), **EN
    )
    rows = list(csv.reader(StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Name", "E-mail address"]
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][2] == "Verein; e.V."
    assert rows[2][0] == "Zoë" and rows[2][4] == "1"

    xlsx = staff_client.get(reverse("events:participants_export", args=["konferenz", "xlsx"]))
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet["A2"].value == '=HYPERLINK("x")' and sheet["A2"].data_type == "s"
    assert (
        staff_client.get(
            reverse("events:participants_export", args=["konferenz", "pdf"])
        ).status_code
        == 404
    )


def test_check_in_by_name_with_one_tap(staff_client, event):
    amal = RegistrationFactory(event=event, name="Amal Haddad")
    RegistrationFactory(event=event, name="Boris Petrenko")
    RegistrationFactory(
        event=event, name="Amal Waiting", status=S.WAITLISTED, waitlisted_at=timezone.now()
    )
    url = reverse("events:checkin", args=["konferenz"])

    found = staff_client.get(url, {"q": "amal"}, HTTP_HX_REQUEST="true", **EN)
    assert [r.name for r in found.context["matches"]] == ["Amal Haddad"]
    assert "<html" not in found.content.decode()  # htmx gets the list only

    tap = staff_client.post(
        reverse("events:checkin_person", args=["konferenz", amal.pk]), HTTP_HX_REQUEST="true", **EN
    )
    assert "checked in" in tap.content.decode()
    amal.refresh_from_db()
    assert amal.status == S.CHECKED_IN
    full = staff_client.get(url, **EN)
    assert "1 of 2 checked in." in full.content.decode()


def test_ical_of_the_event_and_of_a_registration(client, event):
    TimeSlotFactory(event=event, label="Workshops")
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())

    calendar = Calendar.from_ical(
        client.get(reverse("events:event_ical", args=["konferenz"])).content
    )
    summaries = [str(entry["summary"]) for entry in calendar.walk("VEVENT")]
    assert summaries == ["Integrationskonferenz", "Integrationskonferenz: Workshops"]

    own = client.get(reverse("events:registration_ical", args=[waiting.token]))
    assert own["Content-Type"].startswith("text/calendar")
    (entry,) = Calendar.from_ical(own.content).walk("VEVENT")
    assert str(entry["status"]) == "TENTATIVE"
    assert waiting.token in str(entry["description"])


def test_staff_create_an_event_with_rooms_and_slots(staff_client):
    organisation_free = {
        "kind": "open_space",
        "title": "Open Space: Ankommen",
        "theme_question": "Was brauchen wir?",
        "description": "",
        "starts_at": "2031-05-02T10:00",
        "ends_at": "2031-05-02T17:00",
        "venue_name": "Rathaus",
        "venue_address": "",
        "visibility": "public",
        "capacity": "80",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "offer_hours": "48",
    }
    response = staff_client.post(reverse("events:event_create"), organisation_free)
    event = Event.objects.get()
    assert response["Location"] == reverse("events:programme", args=[event.slug])
    assert event.slug == "open-space-ankommen"

    programme = reverse("events:programme", args=[event.slug])
    staff_client.post(
        programme,
        {"add": "room", "room-name": "Saal", "room-capacity": "40", "room-projector": "on"},
    )
    outside = staff_client.post(
        programme,
        {
            "add": "slot",
            "slot-starts_at": "2031-05-03T10:00",
            "slot-ends_at": "2031-05-03T11:00",
            "slot-label": "",
        },
    )
    assert outside.status_code == 200 and not TimeSlot.objects.exists()
    staff_client.post(
        programme,
        {
            "add": "slot",
            "slot-starts_at": "2031-05-02T11:00",
            "slot-ends_at": "2031-05-02T12:30",
            "slot-label": "Runde 1",
        },
    )
    assert Room.objects.get().projector is True
    assert TimeSlot.objects.get().label == "Runde 1"

    reversed_dates = dict(organisation_free, starts_at="2031-05-02T18:00")
    edit = staff_client.post(reverse("events:event_edit", args=[event.slug]), reversed_dates)
    assert edit.status_code == 200 and edit.context["form"].errors["ends_at"]
