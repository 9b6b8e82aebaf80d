"""Measures of a resolution with their budgets: Decimal amounts, the over-plan warning,
status with reasons, visibility."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from tests.factories import OrganisationFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council import selectors, services
from vernetzt.council.models import BudgetLine, Measure, Paper

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 4, 1)


@pytest.fixture
def outreach(staff_user):
    """Leverkusen's outreach concept: a motion and its measure with 5,000 EUR."""
    paper = services.create_paper(
        actor=staff_user, reference="2026/0815", name="Aufsuchende Integrationsarbeit",
        kind=Paper.Kind.MOTION,
    )
    return services.create_measure(
        actor=staff_user, title="Aufsuchende Arbeit in den Quartieren", paper=paper,
        responsible_organisation=OrganisationFactory(name="Kommunales Integrationszentrum"),
    )


def add(actor, measure, kind, amount, **fields):
    return services.add_budget_line(actor=actor, measure=measure, kind=kind, amount=amount, date=DAY, **fields)


def test_budget_in_decimals_and_the_warning_past_the_plan(staff_user, outreach):
    add(staff_user, outreach, BudgetLine.Kind.PLAN, "5000.00", funding_source=BudgetLine.Source.STATE_KIM)
    add(staff_user, outreach, BudgetLine.Kind.COMMITMENT, Decimal("3000.10"), purpose="Honorare")
    add(staff_user, outreach, BudgetLine.Kind.EXPENDITURE, "1999.70", purpose="Flyer", receipt="R-17")
    budget = selectors.budget(selectors.measures(user=staff_user).get())
    assert (budget.planned, budget.committed, budget.spent) == (
        Decimal("5000.00"), Decimal("3000.10"), Decimal("1999.70")
    )
    assert budget.remaining == Decimal("0.20") and not budget.over_plan
    add(staff_user, outreach, BudgetLine.Kind.EXPENDITURE, "0.30", purpose="Porto")
    budget = selectors.budget(selectors.measures(user=staff_user).get())
    assert budget.remaining == Decimal("-0.10")
    assert budget.over_plan


def test_cents_add_up_exactly(staff_user, outreach):
    for _ in range(10):
        add(staff_user, outreach, BudgetLine.Kind.EXPENDITURE, "0.10")
    add(staff_user, outreach, BudgetLine.Kind.PLAN, "1.00")
    budget = selectors.budget(selectors.measures(user=staff_user).get())
    assert budget.spent == Decimal("1.00") and budget.remaining == Decimal("0.00")
    assert not budget.over_plan


def test_a_measure_without_lines_has_an_empty_budget(staff_user, outreach):
    budget = selectors.budget(selectors.measures(user=staff_user).get())
    assert budget.remaining == Decimal("0.00") and not budget.over_plan


def test_amounts_are_never_floats_nor_zero(staff_user, outreach):
    with pytest.raises(TypeError):
        add(staff_user, outreach, BudgetLine.Kind.PLAN, 5000.0)
    with pytest.raises(ValidationError):
        add(staff_user, outreach, BudgetLine.Kind.PLAN, "0.00")
    with pytest.raises(ValidationError):
        add(staff_user, outreach, BudgetLine.Kind.PLAN, "12345678901.00")  # 12 digits at most
    assert not BudgetLine.objects.exists()


def test_stopping_needs_a_reason_and_is_audited(staff_user, outreach):
    with pytest.raises(ValidationError):
        services.change_measure_status(actor=staff_user, measure=outreach, status=Measure.Status.STOPPED)
    outreach.refresh_from_db()
    assert outreach.status == Measure.Status.PLANNED
    services.change_measure_status(
        actor=staff_user, measure=outreach, status=Measure.Status.STOPPED, reason="Keine Fachkraft gefunden"
    )
    entry = AuditEntry.objects.get(action="status", object_id=str(outreach.pk))
    assert entry.changes["status"] == ["planned", "stopped"]
    services.change_measure_status(actor=staff_user, measure=outreach, status=Measure.Status.RUNNING)
    outreach.refresh_from_db()
    assert outreach.status_reason == ""


def test_internal_measures_are_for_council_and_staff(staff_user, council_user, outreach):
    services.create_measure(actor=staff_user, title="Interne Planung", is_public=False)
    assert [m.title for m in selectors.measures(user=AnonymousUser())] == [outreach.title]
    assert selectors.measures(user=council_user).count() == 2


def test_measures_stay_attached_through_a_reimport(tmp_path, staff_user):
    import json

    from vernetzt.audit.services import SystemActor
    from vernetzt.council.oparl.importer import import_oparl

    paper = {"id": "https://ris.example.de/papers/1", "type": "https://schema.oparl.org/1.1/Paper",
             "name": "Konzept aufsuchende Arbeit", "reference": "22-4292", "paperType": "Antrag"}
    (tmp_path / "paper.json").write_text(json.dumps(paper), encoding="utf-8")
    import_oparl(source=str(tmp_path), actor=SystemActor("test"))
    imported = Paper.objects.get()
    measure = services.create_measure(actor=staff_user, title="Quartiersarbeit", paper=imported)
    add(staff_user, measure, BudgetLine.Kind.PLAN, "5000.00")
    paper["name"] = "Konzept aufsuchende Arbeit (geändert)"
    (tmp_path / "paper.json").write_text(json.dumps(paper), encoding="utf-8")
    run = import_oparl(source=str(tmp_path), actor=SystemActor("test"))
    assert run.report["counts"]["Paper"]["updated"] == 1
    measure.refresh_from_db()
    assert measure.paper == imported and measure.paper.name.endswith("(geändert)")
    assert selectors.budget(selectors.measures(user=staff_user).get()).planned == Decimal("5000.00")
