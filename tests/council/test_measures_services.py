"""Measures' services: lists, milestones, progress with evidence, receipts, all audited; the
German amount input and Decimal sums."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from tests.council.factories_accountability import MeasureFactory
from tests.factories import OrganisationFactory, StaffFactory, UserFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council.forms.accountability import BudgetLineForm, parse_amount
from vernetzt.council.models import BudgetLine, Follow, Measure, ProgressUpdate
from vernetzt.council.selectors import budget, measures
from vernetzt.council.services import add_budget_line, change_measure_status, create_measure
from vernetzt.council.services import measures as services
from vernetzt.directory.models import District, FieldOfAction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def entries(obj, action=None):
    rows = AuditEntry.objects.filter(
        object_id=str(obj.pk), content_type__model=obj._meta.model_name
    )
    return rows.filter(action=action) if action else rows


def jpeg_with_gps(size=(40, 30)):
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0112] = 6  # orientation: rotated
    exif[0x8825] = {1: "N", 2: (50.0, 57.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_save_measure_sets_its_lists_audits_them_and_the_editors_follow():
    staff = StaffFactory()
    editor = UserFactory(email="editor@example.org")
    organisation = OrganisationFactory(editors=[editor])
    field = FieldOfAction.objects.create(slug="c2-sprache", name="Sprachförderung C2")
    district = District.objects.create(slug="c2-nord", name="Nordstadt C2")
    measure = Measure(title="Sprachcafé Nord", responsible_organisation=organisation)
    services.save_measure(
        actor=staff, measure=measure, fields_of_action=[field], districts=[district], communities=[]
    )
    assert list(measure.fields_of_action.all()) == [field]
    created = entries(measure, "create").get()
    assert created.changes["fields_of_action"] == [None, ["Sprachförderung C2"]]
    assert created.changes["districts"] == [None, ["Nordstadt C2"]]
    assert Follow.objects.get(measure=measure).user == editor

    measure.title = "Sprachcafé Nord-Ost"
    services.save_measure(actor=staff, measure=measure, districts=[])
    update = entries(measure, "update").get()
    assert update.changes == {
        "title": ["Sprachcafé Nord", "Sprachcafé Nord-Ost"],
        "districts": [["Nordstadt C2"], []],
    }
    assert Follow.objects.filter(measure=measure).count() == 1


def test_an_editor_who_unfollowed_is_not_made_to_follow_again():
    editor = UserFactory()
    organisation = OrganisationFactory(editors=[editor])
    measure = create_measure(
        actor=StaffFactory(), title="Lotsenprojekt", responsible_organisation=organisation
    )
    row = Follow.objects.get(measure=measure, user=editor)
    assert row.automatic
    services.unfollow(user=editor, follow_row=row)
    services.save_measure(actor=StaffFactory(), measure=measure)
    row.refresh_from_db()
    assert not row.active


def test_stopping_needs_a_reason_and_is_audited_as_a_status_change():
    measure = MeasureFactory()
    with pytest.raises(ValidationError):
        change_measure_status(actor=StaffFactory(), measure=measure, status=Measure.Status.STOPPED)
    measure.refresh_from_db()
    assert measure.status == Measure.Status.RUNNING
    change_measure_status(
        actor=StaffFactory(), measure=measure, status=Measure.Status.STOPPED, reason="Keine Räume"
    )
    assert entries(measure, "status").get().changes["status"] == ["running", "stopped"]


def test_milestones_are_audited_and_overdue_only_while_open():
    staff = StaffFactory()
    measure = MeasureFactory()
    milestone = services.add_milestone(
        actor=staff, measure=measure, title="Konzept vorgelegt", due_date=datetime.date(2026, 2, 1)
    )
    assert milestone.is_overdue(datetime.date(2026, 3, 1))
    services.change_milestone(actor=staff, milestone=milestone, done_on=datetime.date(2026, 3, 2))
    assert not milestone.is_overdue(datetime.date(2026, 4, 1))
    assert entries(milestone, "create").exists() and entries(milestone, "update").exists()


def test_a_photo_as_evidence_loses_its_exif_and_gps(media):
    upload = SimpleUploadedFile("Foto mit GPS.JPG", jpeg_with_gps(), content_type="image/jpeg")
    update = services.add_progress_update(
        actor=StaffFactory(),
        measure=MeasureFactory(),
        date=datetime.date(2026, 5, 1),
        text="Infoabend mit 30 Personen",
        evidence=upload,
        participants_reached=30,
        indicators={"Sprachcafés": "2"},
    )
    assert update.evidence_type == "image/jpeg"
    assert update.evidence.name.startswith("council/evidence/") and update.evidence.name.endswith(
        ".jpg"
    )
    assert "Foto" not in update.evidence.name  # the uploader's name is never a path
    with Image.open(update.evidence.path) as stored:
        assert not stored.getexif()
        assert stored.size == (30, 40)  # turned upright by its orientation, then stored without it
    assert entries(update, "create").exists()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"GIF89a" + b"\0" * 100, "type"),
        (b"<html><script>alert(1)</script>", "type"),
        (b"\xff\xd8\xff" + b"not really a jpeg", "broken"),
        (b"", "empty"),
    ],
)
def test_evidence_that_is_no_photo_or_pdf_is_refused(content, code):
    with pytest.raises(ValidationError) as error:
        services.clean_evidence(SimpleUploadedFile("x.jpg", content))
    assert error.value.code == code


def test_evidence_over_the_size_limit_is_refused_before_it_is_read():
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (ProgressUpdate.MAX_EVIDENCE_BYTES))
    with pytest.raises(ValidationError) as error:
        services.clean_evidence(big)
    assert error.value.code == "too_large"


def test_a_pdf_is_accepted_as_evidence_by_its_first_bytes():
    content, name, content_type = services.clean_evidence(
        SimpleUploadedFile("bericht.exe", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n")
    )
    assert content_type == "application/pdf"


def test_more_indicators_than_allowed_are_refused():
    update = ProgressUpdate(
        measure=MeasureFactory(),
        date=datetime.date(2026, 5, 1),
        text="x",
        indicators={f"k{n}": "1" for n in range(ProgressUpdate.MAX_INDICATORS + 1)},
    )
    with pytest.raises(ValidationError):
        update.full_clean()


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("1234,5", Decimal("1234.50")),
        ("5.000", Decimal("5000.00")),
        ("20.000 €", Decimal("20000.00")),
        ("1234.56", Decimal("1234.56")),
        ("1 234,56", Decimal("1234.56")),
        ("0,01", Decimal("0.01")),
        ("1,234.56", None),
        ("12,345", None),
        ("abc", None),
        ("1e5", None),
        ("-5", None),
        ("NaN", None),
    ],
)
def test_amounts_are_read_as_germans_type_them(typed, amount):
    assert parse_amount(typed) == amount


def test_the_budget_form_gives_a_decimal_never_a_float():
    form = BudgetLineForm(
        data={
            "kind": "expenditure",
            "amount": "1.234,56",
            "date": "2026-05-01",
            "funding_source": "state_kim",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("1234.56")
    assert isinstance(form.cleaned_data["amount"], Decimal)


def test_a_float_amount_is_refused():
    with pytest.raises(TypeError):
        add_budget_line(
            actor=StaffFactory(),
            measure=MeasureFactory(),
            kind="plan",
            amount=0.1,
            date=datetime.date.today(),
        )


cents = st.integers(min_value=1, max_value=10**10).map(lambda n: Decimal(n) / 100)


@hypothesis_settings(max_examples=25, deadline=None)
@given(plans=st.lists(cents, min_size=1, max_size=4), used=st.lists(cents, max_size=4))
def test_budget_sums_are_exact_decimals(django_db_blocker, plans, used):
    with django_db_blocker.unblock():
        measure = MeasureFactory()
        try:
            for amount in plans:
                BudgetLine.objects.create(
                    measure=measure, kind="plan", amount=amount, date="2026-01-01"
                )
            for index, amount in enumerate(used):
                kind = "commitment" if index % 2 else "expenditure"
                BudgetLine.objects.create(
                    measure=measure, kind=kind, amount=amount, date="2026-01-01"
                )
            money = budget(measures(user=StaffFactory.build(is_staff=True)).get(pk=measure.pk))
        finally:
            measure.delete()
    assert isinstance(money.planned, Decimal) and isinstance(money.remaining, Decimal)
    assert money.planned == sum(plans, Decimal("0"))
    assert money.used == sum(used, Decimal("0"))
    assert money.remaining == sum(plans, Decimal("0")) - sum(used, Decimal("0"))
    assert money.over_plan == (sum(used, Decimal("0")) > sum(plans, Decimal("0")))
