"""The paper page (what was decided, what has been done, what it cost), attachments, the list,
and the staff forms for papers, submitters, attachments and resolutions."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.council.factories_accountability import (
    BudgetLineFactory,
    ConsultationFactory,
    MeasureFactory,
    PaperFactory,
    ProgressUpdateFactory,
)
from tests.council.factories_meetings import BodyFactory
from tests.factories import OrganisationFactory, StaffFactory, UserFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council.models import Consultation, Paper, PaperAttachment, Submitter
from vernetzt.council.models.meetings import ATTACHMENT_MAX_BYTES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def page(client, paper, language="en"):
    return client.get(
        reverse("council:paper_detail", args=[paper.pk]), HTTP_ACCEPT_LANGUAGE=language
    )


def test_the_page_tells_what_was_decided_done_and_spent(client):
    paper = PaperFactory(reference="22-4292", name="Aufsuchende Arbeit in Moscheegemeinden")
    ConsultationFactory(
        paper=paper,
        body=BodyFactory(name="Integrationsrat"),
        result=Consultation.Result.AMENDED,
        resolution_text="Mit 5.000 € aus dem Integrationsbudget.",
    )
    measure = MeasureFactory(paper=paper, title="Aufsuchendes Programm")
    ProgressUpdateFactory(measure=measure, text="Drei Gemeinden besucht.")
    BudgetLineFactory(measure=measure, amount=Decimal("5000.00"))
    BudgetLineFactory(measure=measure, kind="expenditure", amount=Decimal("1250.40"))
    MeasureFactory(paper=paper, title="Intern geplant", is_public=False)
    content = page(client, paper, "de").content.decode()
    assert "22-4292" in content and "Integrationsrat" in content
    assert "Mit 5.000 € aus dem Integrationsbudget." in content
    assert "Aufsuchendes Programm" in content and "Drei Gemeinden besucht." in content
    assert "Intern geplant" not in content
    assert "3.749,60 €" in content  # remaining
    assert 'id="over-plan"' not in content


def test_an_internal_paper_is_hidden_and_so_are_its_attachments(client):
    paper = PaperFactory(is_public=False)
    attachment = PaperAttachment.objects.create(
        paper=paper, title="x", content="council/papers/x.pdf"
    )
    client.force_login(UserFactory())
    assert page(client, paper).status_code == 403
    url = reverse("council:paper_attachment", args=[paper.pk, attachment.pk])
    assert client.get(url).status_code == 403


def test_staff_attach_a_pdf_and_the_public_downloads_it(staff_client, client):
    paper = PaperFactory()
    response = staff_client.post(
        reverse("council:paper_attachment_add", args=[paper.pk]),
        {
            "title": "Antragstext",
            "upload": SimpleUploadedFile("../../etc/antrag.pdf", PDF),
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    attachment = PaperAttachment.objects.get()
    assert (
        attachment.content.name.startswith("council/papers/")
        and ".." not in attachment.content.name
    )
    assert attachment.original_name == "antrag.pdf" and attachment.size == len(PDF)
    assert AuditEntry.objects.filter(action="create", object_id=str(attachment.pk)).exists()
    client.logout()
    download = client.get(reverse("council:paper_attachment", args=[paper.pk, attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"


def test_an_internal_attachment_is_not_for_the_public(client):
    paper = PaperFactory()
    attachment = PaperAttachment.objects.create(
        paper=paper, title="Entwurf", content="council/papers/x.pdf", is_public=False
    )
    assert (
        client.get(reverse("council:paper_attachment", args=[paper.pk, attachment.pk])).status_code
        == 404
    )
    assert b"Entwurf" not in page(client, paper).content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("antrag.pdf", b"<html>not a pdf</html>"),
        ("antrag.pdf", b""),
        ("bild.png", b"\x89PNG\r\n\x1a\n"),
    ],
)
def test_only_pdfs_are_attached(staff_client, name, content):
    paper = PaperFactory()
    response = staff_client.post(
        reverse("council:paper_attachment_add", args=[paper.pk]),
        {"title": "x", "upload": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert not PaperAttachment.objects.exists()


def test_an_attachment_over_the_limit_is_refused(staff_client):
    paper = PaperFactory()
    big = SimpleUploadedFile("gross.pdf", PDF + b"0" * ATTACHMENT_MAX_BYTES)
    response = staff_client.post(
        reverse("council:paper_attachment_add", args=[paper.pk]), {"title": "x", "upload": big}
    )
    assert response.status_code == 200 and "upload" in response.context["form"].errors
    assert not PaperAttachment.objects.exists()


def test_staff_record_a_resolution_on_a_new_consultation(staff_client):
    paper = PaperFactory()
    body = BodyFactory(name="Rat der Stadt")
    response = staff_client.post(
        reverse("council:paper_resolution", args=[paper.pk]),
        {
            "body": body.pk,
            "result": "accepted",
            "decided_on": "2026-03-20",
            "resolution_text": "Einstimmig beschlossen.",
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(paper=paper)
    assert (consultation.body, consultation.result) == (body, "accepted")
    assert AuditEntry.objects.filter(action="create", object_id=str(consultation.pk)).exists()


def test_staff_record_the_result_of_an_existing_consultation(staff_client):
    consultation = ConsultationFactory(result="")
    response = staff_client.post(
        reverse("council:paper_resolution", args=[consultation.paper.pk]),
        {"consultation": consultation.pk, "result": "postponed"},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.result == "postponed"
    entry = AuditEntry.objects.get(action="update", object_id=str(consultation.pk))
    assert entry.changes["result"][1] == "postponed"


def test_a_consultation_of_another_paper_cannot_be_chosen(staff_client):
    other = ConsultationFactory()
    paper = PaperFactory()
    response = staff_client.post(
        reverse("council:paper_resolution", args=[paper.pk]),
        {"consultation": other.pk, "result": "rejected"},
    )
    assert response.status_code == 200 and "consultation" in response.context["form"].errors


def test_a_resolution_needs_a_body_or_a_consultation(staff_client):
    paper = PaperFactory()
    response = staff_client.post(
        reverse("council:paper_resolution", args=[paper.pk]), {"result": "accepted"}
    )
    assert response.status_code == 200
    assert not Consultation.objects.exists()


def test_staff_add_and_remove_submitters(staff_client):
    paper = PaperFactory()
    url = reverse("council:paper_submitters", args=[paper.pk])
    organisation = OrganisationFactory(name="Bündnis der Migrantenorganisationen")
    assert staff_client.post(url, {"organisation": organisation.pk}).status_code == 302
    assert staff_client.post(url, {"name": "Fraktion Die Grünen"}).status_code == 302
    both = staff_client.post(url, {"name": "x", "organisation": organisation.pk})
    assert both.status_code == 200  # exactly one per submitter
    assert [str(row) for row in paper.submitters.all()] == [
        "Bündnis der Migrantenorganisationen",
        "Fraktion Die Grünen",
    ]
    assert "Fraktion Die Grünen" in page(staff_client, paper).content.decode()
    first = paper.submitters.first()
    staff_client.post(url, {"remove": first.pk})
    assert not Submitter.objects.filter(pk=first.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(first.pk)).exists()


def test_staff_create_and_edit_a_paper(staff_client):
    response = staff_client.post(
        reverse("council:paper_create"),
        {
            "reference": "26-0001",
            "name": "Antrag: Sprachcafés",
            "kind": "motion",
            "is_public": "on",
        },
    )
    paper = Paper.objects.get(reference="26-0001")
    assert response.url == reverse("council:paper_detail", args=[paper.pk])
    staff_client.post(
        reverse("council:paper_edit", args=[paper.pk]),
        {
            "reference": "26-0001",
            "name": "Antrag: Sprachcafés in allen Stadtteilen",
            "kind": "motion",
        },
    )
    paper.refresh_from_db()
    assert not paper.is_public
    assert AuditEntry.objects.filter(action="update", object_id=str(paper.pk)).exists()


def test_the_list_searches_reference_and_title(client):
    PaperFactory(reference="22-4292", name="Aufsuchende Arbeit")
    PaperFactory(reference="23-0002", name="Fachkonferenz")
    PaperFactory(reference="24-0003", name="Geheim", is_public=False)
    response = client.get(reverse("council:paper_list"), {"q": "4292"})
    assert [paper.reference for paper in response.context["page"].object_list] == ["22-4292"]
    everything = client.get(reverse("council:paper_list"))
    assert everything.context["page"].paginator.count == 2
