"""The meeting page and its staff forms: non-public items hidden from the public, action
items carried over until done, attendance and minutes in one form each, PDF attachments
(limits), the minutes as PDF."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.council.factories_meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.factories import OrganisationFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council.minutes_pdf import minutes_document, minutes_html
from vernetzt.council.models import ActionItem, AgendaItem, Attendance, MeetingAttachment
from vernetzt.council.models import meetings as meeting_models
from vernetzt.council.selectors import meeting_pages
from vernetzt.council.services import meetings as services

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def days(n):
    return timezone.now() + datetime.timedelta(days=n)


@pytest.fixture
def group():
    """A public working group with two past meetings and an upcoming one."""
    body = BodyFactory(name="AG Sprache")
    first = MeetingFactory(body=body, name="1. Sitzung", start=days(-60))
    second = MeetingFactory(body=body, name="2. Sitzung", start=days(-30))
    third = MeetingFactory(body=body, name="3. Sitzung", start=days(14))
    return body, first, second, third


def get(client, meeting, **extra):
    return client.get(
        reverse("council:meeting_detail", args=[meeting.pk]), **EN, **extra
    ).content.decode()


def test_non_public_items_are_hidden_from_the_public(client_as, role_users, group):
    _body, first, _second, _third = group
    AgendaItemFactory(
        meeting=first,
        order=1,
        name="Sprachcafé im Stadtteil",
        minutes="Läuft gut.",
        result_text="einstimmig",
    )
    secret = AgendaItemFactory(
        meeting=first, order=2, name="Vergabe an Träger X", is_public=False, minutes="Geheim."
    )
    ActionItemFactory(meeting=first, agenda_item=secret, text="Vertrag mit Träger X prüfen")
    for role in ("anonymous", "participant", "editor"):
        page = get(client_as(role_users[role]), first)
        assert "Sprachcafé im Stadtteil" in page and "Läuft gut." in page and "einstimmig" in page
        assert "Vergabe an Träger X" not in page and "Geheim." not in page
        assert "Vertrag mit Träger X prüfen" not in page and "Non-public part" not in page
    for role in ("council", "staff"):
        page = get(client_as(role_users[role]), first)
        assert "Non-public part" in page and "Vergabe an Träger X" in page
        assert "Vertrag mit Träger X prüfen" in page


def test_meeting_of_an_internal_body_is_for_council_and_staff(client_as, role_users):
    meeting = MeetingFactory(body=BodyFactory(is_public=False))
    url = reverse("council:meeting_detail", args=[meeting.pk])
    assert client_as(None).get(url).status_code == 302
    assert client_as(role_users["participant"]).get(url).status_code == 403
    assert client_as(role_users["council"]).get(url).status_code == 200
    pdf = reverse("council:meeting_minutes_pdf", args=[meeting.pk])
    assert client_as(role_users["editor"]).get(pdf).status_code == 403


def test_action_item_is_carried_over_until_staff_marks_it_done(client_as, role_users, group):
    _body, first, second, third = group
    item = ActionItemFactory(
        meeting=first,
        text="Flyer in fünf Sprachen drucken",
        responsible_text="",
        responsible_organisation=OrganisationFactory(name="Sprachbrücke e.V."),
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    public = client_as(None)
    for later in (second, third):
        page = get(public, later)
        carried = page.split("Open action items from earlier meetings", 1)[1]
        assert "Flyer in fünf Sprachen drucken" in carried and "Sprachbrücke e.V." in carried
        assert "overdue" in carried and "1. Sitzung" in carried
    assert (
        "Flyer in fünf Sprachen drucken"
        in get(public, first).split("Open action items from earlier meetings")[0]
    )
    assert "Mark done" not in get(public, third)

    staff = client_as(role_users["staff"])
    assert "Mark done" in get(staff, third)
    response = staff.post(
        reverse("council:action_item_done", args=[item.pk]), {"meeting": str(third.pk)}
    )
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("council:meeting_detail", args=[third.pk]) + "#action-items"
    )
    item.refresh_from_db()
    assert item.done and item.done_by == role_users["staff"]
    assert AuditEntry.objects.filter(object_id=str(item.pk), action="done").exists()
    assert "Flyer in fünf Sprachen drucken" not in get(client_as(None), third)
    # The meeting held while it was still open shows it as done since.
    carried = get(client_as(None), second).split("Open action items from earlier meetings", 1)[1]
    assert "Flyer in fünf Sprachen drucken" in carried and "done" in carried
    # Not a page: the done switch takes POST only.
    assert (
        client_as(role_users["staff"])
        .get(reverse("council:action_item_done", args=[item.pk]))
        .status_code
        == 405
    )


def test_staff_adds_an_action_item_for_a_member(client_as, role_users, group):
    body, first, _second, _third = group
    member = MembershipFactory(body=body).person
    stranger = PersonFactory()
    url = reverse("council:action_item_create", args=[first.pk])
    staff = client_as(role_users["staff"])
    nobody = staff.post(url, {"text": "Raum buchen"}, **EN)
    assert "Say who is to do it" in nobody.content.decode()
    assert "Raum buchen</textarea>" in nobody.content.decode()
    not_a_member = staff.post(url, {"text": "Raum buchen", "responsible_person": stranger.pk}, **EN)
    assert not_a_member.status_code == 200 and not ActionItem.objects.exists()
    response = staff.post(
        url, {"text": "Raum buchen", "responsible_person": member.pk, "due_date": "2026-12-01"}
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.meeting, item.responsible_person, item.due_date) == (
        first,
        member,
        datetime.date(2026, 12, 1),
    )
    assert AuditEntry.objects.filter(object_id=str(item.pk), action="create").exists()


def test_attendance_one_form_for_all_members(client_as, role_users, group):
    body, first, _second, _third = group
    ayse = MembershipFactory(body=body, person=PersonFactory(name="Ayşe Yılmaz")).person
    olena = MembershipFactory(body=body, person=PersonFactory(name="Olena Kovalenko")).person
    MembershipFactory(
        body=body, person=PersonFactory(name="Früher Dabei"), end_date=datetime.date(2020, 1, 1)
    )
    staff = client_as(role_users["staff"])
    url = reverse("council:meeting_attendance", args=[first.pk])
    form = staff.get(url, **EN).content.decode()
    assert "Ayşe Yılmaz" in form and "Olena Kovalenko" in form and "Früher Dabei" not in form
    response = staff.post(
        url,
        {
            f"status_{ayse.pk}": "present",
            f"status_{olena.pk}": "excused",
            f"note_{olena.pk}": "Urlaub",
        },
    )
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("person", "status", "note")) == {
        (ayse.pk, "present", ""),
        (olena.pk, "excused", "Urlaub"),
    }
    assert AuditEntry.objects.filter(object_id=str(first.pk), action="attendance").count() == 1
    page = get(client_as(None), first)
    attendance = page.split('id="attendance"', 1)[1].split('id="action-items"', 1)[0]
    assert "Present" in attendance and "Ayşe Yılmaz" in attendance and "Urlaub" in attendance
    assert "Früher Dabei" not in attendance
    bad = client_as(role_users["staff"]).post(url, {f"status_{ayse.pk}": "asleep"}, **EN)
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()


def test_agenda_items_minutes_and_order(client_as, role_users, group):
    _body, first, _second, _third = group
    staff = client_as(role_users["staff"])
    create = reverse("council:agenda_item_create", args=[first.pk])
    assert (
        staff.post(create, {"number": "1", "name": "Begrüßung", "is_public": "on", "another": "1"})[
            "Location"
        ]
        == create
    )
    staff.post(create, {"number": "2", "name": "Haushalt 2027"})
    welcome, budget = AgendaItem.objects.filter(meeting=first).order_by("order")
    assert (welcome.is_public, budget.is_public) == (True, False)

    minutes = reverse("council:meeting_minutes", args=[first.pk])
    response = staff.post(
        minutes,
        {
            f"minutes_{welcome.pk}": "Die Vorsitzende begrüßt alle.",
            f"result_{welcome.pk}": "",
            f"minutes_{budget.pk}": "Beratung",
            f"result_{budget.pk}": "vertagt",
        },
    )
    assert response.status_code == 302
    welcome.refresh_from_db()
    budget.refresh_from_db()
    assert welcome.minutes == "Die Vorsitzende begrüßt alle." and budget.result_text == "vertagt"
    too_long = staff.post(minutes, {f"minutes_{welcome.pk}": "x" * 20_001}, **EN)
    assert too_long.status_code == 200 and "at most 20000 characters" in too_long.content.decode()

    move = reverse("council:agenda_item_move", args=[first.pk, budget.pk])
    staff.post(move, {"step": "up"})
    assert list(
        AgendaItem.objects.filter(meeting=first).order_by("order").values_list("name", flat=True)
    ) == [
        "Haushalt 2027",
        "Begrüßung",
    ]


def test_pdf_attachment_upload_and_download(client_as, role_users, group):
    _body, first, _second, _third = group
    staff = client_as(role_users["staff"])
    url = reverse("council:attachment_add", args=[first.pk])
    response = staff.post(
        url, {"title": "Einladung", "is_public": "on", "file": SimpleUploadedFile("e.pdf", PDF)}
    )
    assert response.status_code == 302
    attachment = MeetingAttachment.objects.get()
    assert attachment.size == len(PDF) and attachment.uploaded_by == role_users["staff"]
    download = client_as(None).get(reverse("council:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "Einladung" in get(client_as(None), first)

    internal = services.add_attachment(
        actor=role_users["staff"],
        meeting=first,
        upload=SimpleUploadedFile("i.pdf", PDF),
        title="Intern",
        is_public=False,
    )
    assert (
        client_as(None).get(reverse("council:attachment_download", args=[internal.pk])).status_code
        == 302
    )
    assert (
        client_as(role_users["council"])
        .get(reverse("council:attachment_download", args=[internal.pk]))
        .status_code
        == 200
    )
    assert "Intern" not in get(client_as(None), first)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"GIF89a not a pdf", "Only PDF files can be attached."),
        (b"", "The submitted file is empty."),
    ],
)
def test_non_pdf_upload_is_refused_with_a_message_and_the_input_kept(
    client_as, role_users, group, content, message
):
    _body, first, _second, _third = group
    response = client_as(role_users["staff"]).post(
        reverse("council:attachment_add", args=[first.pk]),
        {"title": "Protokoll Entwurf", "file": SimpleUploadedFile("protokoll.pdf", content)},
        **EN,
    )
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'value="Protokoll Entwurf"' in page
    assert not MeetingAttachment.objects.exists()


def test_oversized_upload_is_refused(client_as, role_users, group, monkeypatch):
    _body, first, _second, _third = group
    monkeypatch.setattr(meeting_models, "ATTACHMENT_MAX_BYTES", 2 * 1024 * 1024)
    big = PDF + b"0" * (2 * 1024 * 1024)
    response = client_as(role_users["staff"]).post(
        reverse("council:attachment_add", args=[first.pk]),
        {"title": "Großer Plan", "file": SimpleUploadedFile("plan.pdf", big)},
        **EN,
    )
    assert response.status_code == 200
    assert "The file is larger than 2 MB." in response.content.decode()
    assert not MeetingAttachment.objects.exists()


def test_the_translated_upload_error_in_german(client_as, role_users, group):
    """The message goes through gettext: in German it reads as the catalogue has it."""
    from django.utils import translation

    _body, first, _second, _third = group
    response = client_as(role_users["staff"]).post(
        reverse("council:attachment_add", args=[first.pk]),
        {"title": "x", "file": SimpleUploadedFile("x.pdf", b"MZ")},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    with translation.override("de"):
        expected = translation.gettext("Only PDF files can be attached.")
    assert expected in response.content.decode()


def text_of(document):
    """The text WeasyPrint laid out, page by page."""
    texts = []

    def walk(box):
        if getattr(box, "text", None):
            texts.append(box.text)
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(texts)


def test_minutes_as_pdf(client_as, role_users, group):
    _body, first, second, _third = group
    AgendaItemFactory(
        meeting=second,
        order=1,
        number="1",
        name="Sprachcafé",
        minutes="Frau Groß berichtet.",
        result_text="einstimmig beschlossen",
    )
    AgendaItemFactory(
        meeting=second, order=2, name="Vertrauliches", is_public=False, minutes="Nur intern."
    )
    ActionItemFactory(meeting=first, text="Raum für das Sprachcafé suchen")
    response = client_as(None).get(reverse("council:meeting_minutes_pdf", args=[second.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and len(response.content) > 1000

    public_page = meeting_pages.meeting_page(user=AnonymousUser(), meeting=second)
    html = minutes_html(page=public_page)
    assert '<html lang="de"' in html
    document = minutes_document(page=public_page)
    assert document.metadata.lang == "de"
    assert "2. Sitzung" in document.metadata.title and "AG Sprache" in document.metadata.title
    text = text_of(document)
    for expected in (
        "2. Sitzung",
        "Sprachcafé",
        "Frau Groß berichtet.",
        "einstimmig beschlossen",
        "Raum für das Sprachcafé suchen",
    ):
        assert expected in text
    assert "Nur intern." not in text and "Vertrauliches" not in text
    council_page = meeting_pages.meeting_page(user=role_users["council"], meeting=second)
    assert "Nur intern." in text_of(minutes_document(page=council_page))


def test_meeting_and_body_pages_take_a_fixed_number_of_queries(
    client_as, role_users, group, django_assert_num_queries
):
    """However many items, attachments, action items and members: the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body, first, second, _third = group

    def counts():
        client = client_as(role_users["staff"])
        with CaptureQueriesContext(connection) as meeting_queries:
            assert (
                client.get(reverse("council:meeting_detail", args=[second.pk])).status_code == 200
            )
        with CaptureQueriesContext(connection) as body_queries:
            assert client.get(reverse("council:body_detail", args=[body.pk])).status_code == 200
        return len(meeting_queries), len(body_queries)

    def add(n):
        for _ in range(n):
            item = AgendaItemFactory(meeting=second)
            ActionItemFactory(
                meeting=second, agenda_item=item, responsible_organisation=OrganisationFactory()
            )
            ActionItemFactory(meeting=first, responsible_person=MembershipFactory(body=body).person)
            services.add_attachment(
                actor=role_users["staff"],
                meeting=second,
                agenda_item=item,
                upload=SimpleUploadedFile("a.pdf", PDF),
            )
            Attendance.objects.create(meeting=second, person=PersonFactory(), status="present")

    add(1)
    few = counts()
    add(4)
    assert counts() == few
