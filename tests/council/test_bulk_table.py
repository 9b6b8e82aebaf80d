"""The editable table of measures: filter, save all rows together or none."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council import services
from vernetzt.council.models import Consultation, Measure, Paper, ProgressUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def measures():
    body = services.create_body(actor=None, name="Integrationsrat")
    paper = services.create_paper(
        actor=None, reference="IR/1", name="Antrag", kind=Paper.Kind.MOTION
    )
    services.add_consultation(
        actor=None, paper=paper, body=body, result=Consultation.Result.ACCEPTED
    )
    first = services.create_measure(actor=None, title="Sprachcafé", paper=paper)
    second = services.create_measure(actor=None, title="Frühstück", paper=paper)
    services.create_measure(actor=None, title="Anderes")
    return body, first, second


def post_data(rows):
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "100",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"form-{index}-{name}"] = value
    return data


def test_the_filter_chooses_the_rows(client, measures):
    body, first, second = measures
    client.force_login(StaffFactory())
    response = client.get(reverse("council:bulk_table"), {"body": body.pk})
    assert [measure.title for measure, _form in response.context["rows"]] == [
        "Frühstück",
        "Sprachcafé",
    ]
    response = client.get(reverse("council:bulk_table"), {"q": "café"})
    assert [measure.pk for measure, _form in response.context["rows"]] == [first.pk]


def test_saving_changes_status_and_adds_progress(client, measures):
    body, first, second = measures
    staff = StaffFactory()
    client.force_login(staff)
    url = reverse("council:bulk_table") + f"?body={body.pk}"
    response = client.post(
        url,
        post_data(
            [
                {"measure": second.pk, "status": "stopped", "reason": "Kein Raum", "progress": ""},
                {
                    "measure": first.pk,
                    "status": "running",
                    "progress": "Zehn Treffen",
                    "participants": "80",
                },
            ]
        ),
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Measure.Status.RUNNING
    assert (second.status, second.status_reason) == ("stopped", "Kein Raum")
    update = ProgressUpdate.objects.get()
    assert (update.measure, update.text, update.participants_reached) == (first, "Zehn Treffen", 80)
    assert AuditEntry.objects.filter(action="status", actor=staff).count() == 2


def test_one_bad_row_saves_nothing(client, measures):
    body, first, second = measures
    client.force_login(StaffFactory())
    response = client.post(
        reverse("council:bulk_table") + f"?body={body.pk}",
        post_data(
            [
                {"measure": second.pk, "status": "stopped", "reason": ""},
                {"measure": first.pk, "status": "done", "progress": "Fertig"},
            ]
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Say why the measure was stopped." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Measure.Status.PLANNED and not ProgressUpdate.objects.exists()


def test_a_measure_outside_the_filter_is_refused(client, measures):
    body, first, _second = measures
    other = Measure.objects.get(title="Anderes")
    client.force_login(StaffFactory())
    response = client.post(
        reverse("council:bulk_table") + f"?body={body.pk}",
        post_data([{"measure": other.pk, "status": "done"}]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.status == Measure.Status.PLANNED
