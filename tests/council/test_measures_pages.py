"""The measure page (milestones, progress, budget with the over-plan warning), its evidence
downloads, and the staff forms: each writes through a service, audited."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.council.factories_accountability import (
    BudgetLineFactory,
    MeasureFactory,
    MilestoneFactory,
    PaperFactory,
    ProgressUpdateFactory,
)
from tests.factories import CouncilMemberFactory, OrganisationFactory, StaffFactory, UserFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council.models import BudgetLine, Measure, ProgressUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def page(client, measure, language="en"):
    return client.get(
        reverse("council:measure_detail", args=[measure.pk]), HTTP_ACCEPT_LANGUAGE=language
    )


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_page_warns_when_commitments_and_expenditures_pass_the_plan(client):
    measure = MeasureFactory(title="Fachkonferenz")
    BudgetLineFactory(measure=measure, amount=Decimal("20000.00"))
    BudgetLineFactory(measure=measure, kind=BudgetLine.Kind.COMMITMENT, amount=Decimal("15000.00"))
    assert b'id="over-plan"' not in page(client, measure).content
    BudgetLineFactory(measure=measure, kind=BudgetLine.Kind.EXPENDITURE, amount=Decimal("5000.01"))
    response = page(client, measure, "de")
    content = response.content.decode()
    assert 'id="over-plan"' in content
    assert "0,01 €" in content  # over by one cent, in German figures
    assert "20.000,00 €" in content


def test_the_page_shows_milestones_progress_and_indicators(client):
    measure = MeasureFactory()
    MilestoneFactory(measure=measure, title="Konzept", due_date=datetime.date(2020, 1, 1))
    MilestoneFactory(measure=measure, title="Auftakt", done_on=datetime.date(2026, 1, 5))
    ProgressUpdateFactory(measure=measure, text="Erster Infoabend", indicators={"Sprachcafés": "2"})
    content = page(client, measure).content.decode()
    assert "Konzept" in content and "overdue" in content
    assert "Erster Infoabend" in content and "Sprachcafés" in content
    assert "42" in content  # participants reached


def test_an_internal_measure_is_hidden_from_the_public(client):
    measure = MeasureFactory(is_public=False)
    assert page(client, measure).status_code == 302  # to the login
    client.force_login(UserFactory())
    assert page(client, measure).status_code == 403
    client.force_login(CouncilMemberFactory())
    assert page(client, measure).status_code == 200


def test_a_measure_of_a_paper_consulted_only_in_an_internal_body_is_hidden(client):
    from tests.council.factories_accountability import ConsultationFactory
    from tests.council.factories_meetings import BodyFactory

    paper = PaperFactory()
    ConsultationFactory(paper=paper, body=BodyFactory(is_public=False))
    measure = MeasureFactory(paper=paper)
    client.force_login(UserFactory())
    assert page(client, measure).status_code == 403
    assert client.get(reverse("council:paper_detail", args=[paper.pk])).status_code == 403


def test_staff_record_an_expenditure_typed_the_german_way(staff_client):
    measure = MeasureFactory()
    response = staff_client.post(
        reverse("council:budget_line_add", args=[measure.pk]),
        {
            "kind": "expenditure",
            "amount": "1.234,56",
            "date": "2026-05-01",
            "purpose": "Dolmetschen",
            "funding_source": "state_kim",
            "receipt_file": SimpleUploadedFile("beleg.png", png_bytes()),
        },
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get(measure=measure)
    assert line.amount == Decimal("1234.56")
    assert line.receipt_file.name.endswith(".png")
    assert AuditEntry.objects.filter(action="create", object_id=str(line.pk)).exists()
    receipt = staff_client.get(reverse("council:budget_receipt", args=[measure.pk, line.pk]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "image/png"


def test_a_wrong_amount_is_shown_at_its_field(staff_client):
    measure = MeasureFactory()
    response = staff_client.post(
        reverse("council:budget_line_add", args=[measure.pk]),
        {"kind": "plan", "amount": "12,345", "date": "2026-05-01", "funding_source": "municipal"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors
    assert not BudgetLine.objects.exists()


def test_staff_report_progress_with_a_photo_shown_to_the_public(staff_client, client):
    measure = MeasureFactory()
    response = staff_client.post(
        reverse("council:progress_add", args=[measure.pk]),
        {
            "date": "2026-05-03",
            "text": "Dritter Infoabend",
            "participants_reached": "40",
            "volunteers_won": "",
            "indicators": "Sprachcafés: 3\nFlyer verteilt: 500",
            "evidence": SimpleUploadedFile("foto.png", png_bytes()),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    update = ProgressUpdate.objects.get(measure=measure)
    assert update.indicators == {"Sprachcafés": "3", "Flyer verteilt": "500"}
    client.logout()
    evidence = client.get(reverse("council:progress_evidence", args=[measure.pk, update.pk]))
    assert evidence.status_code == 200
    assert evidence["Content-Type"] == "image/png"
    assert evidence["Content-Security-Policy"] == "sandbox"
    Measure.objects.filter(pk=measure.pk).update(is_public=False)
    hidden = client.get(reverse("council:progress_evidence", args=[measure.pk, update.pk]))
    assert hidden.status_code == 302


def test_an_upload_that_is_no_photo_is_refused_at_its_field(staff_client):
    measure = MeasureFactory()
    response = staff_client.post(
        reverse("council:progress_add", args=[measure.pk]),
        {
            "date": "2026-05-03",
            "text": "x",
            "evidence": SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 this is an exe"),
        },
    )
    assert response.status_code == 200
    assert "evidence" in response.context["form"].errors
    assert not ProgressUpdate.objects.exists()


def test_too_many_indicators_are_refused(staff_client):
    measure = MeasureFactory()
    response = staff_client.post(
        reverse("council:progress_add", args=[measure.pk]),
        {
            "date": "2026-05-03",
            "text": "x",
            "indicators": "\n".join(f"Wert {n}: {n}" for n in range(11)),
        },
    )
    assert "indicators" in response.context["form"].errors


def test_staff_create_a_measure_from_a_resolution_with_its_lists(staff_client):
    paper = PaperFactory()
    organisation = OrganisationFactory()
    form_page = staff_client.get(reverse("council:measure_create") + f"?paper={paper.pk}")
    assert form_page.context["form"].initial["paper"] == paper.pk
    response = staff_client.post(
        reverse("council:measure_create"),
        {
            "title": "Lotsinnen-Programm",
            "paper": paper.pk,
            "responsible_organisation": organisation.pk,
            "is_public": "on",
            "start_date": "2026-04-01",
            "end_date": "2026-03-01",
        },
    )
    assert response.status_code == 200  # the end lies before the beginning
    response = staff_client.post(
        reverse("council:measure_create"),
        {"title": "Lotsinnen-Programm", "paper": paper.pk, "is_public": "on"},
    )
    measure = Measure.objects.get(title="Lotsinnen-Programm")
    assert response.url == reverse("council:measure_detail", args=[measure.pk])
    assert measure.paper == paper
    assert AuditEntry.objects.filter(action="create", object_id=str(measure.pk)).exists()


def test_staff_stop_a_measure_only_with_a_reason(staff_client):
    measure = MeasureFactory()
    url = reverse("council:measure_status", args=[measure.pk])
    assert staff_client.post(url, {"status": "stopped", "reason": " "}).status_code == 200
    assert (
        staff_client.post(url, {"status": "stopped", "reason": "Förderung entfallen"}).status_code
        == 302
    )
    measure.refresh_from_db()
    assert measure.status == "stopped" and measure.status_reason == "Förderung entfallen"


def test_staff_mark_a_milestone_done(staff_client):
    milestone = MilestoneFactory()
    url = reverse("council:milestone_edit", args=[milestone.measure.pk, milestone.pk])
    assert staff_client.post(url, {"done": "1"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on is not None


def test_a_milestone_of_another_measure_is_not_found(staff_client):
    milestone = MilestoneFactory()
    other = MeasureFactory()
    assert (
        staff_client.get(
            reverse("council:milestone_edit", args=[other.pk, milestone.pk])
        ).status_code
        == 404
    )
