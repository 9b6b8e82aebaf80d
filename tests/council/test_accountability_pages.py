"""The overview "Umsetzungsstand": filters, counts, budget, visibility and a fixed number of
queries whatever it lists."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.council.factories_accountability import (
    BudgetLineFactory,
    ConsultationFactory,
    MeasureFactory,
    MilestoneFactory,
    PaperFactory,
    ProgressUpdateFactory,
)
from tests.council.factories_meetings import BodyFactory
from tests.factories import CouncilMemberFactory, OrganisationFactory
from vernetzt.council.models import BudgetLine, Measure
from vernetzt.directory.models import FieldOfAction

pytestmark = pytest.mark.django_db

URL = "/gremien/umsetzung/"


def get(client, params=None):
    return client.get(URL, params or {}, HTTP_ACCEPT_LANGUAGE="en")


def titles(response):
    return [measure.title for measure in response.context["page"].object_list]


def test_the_overview_has_its_address():
    assert reverse("council:accountability") == URL


@pytest.fixture
def town():
    council = BodyFactory(name="Integrationsrat")
    committee = BodyFactory(name="Ausschuss für Soziales")
    internal = BodyFactory(name="Lenkungsgruppe KIM", is_public=False)
    language = FieldOfAction.objects.create(slug="c2-sprache", name="Sprache C2")
    leverkusen = PaperFactory(reference="22-4292", date=datetime.date(2022, 5, 1))
    ConsultationFactory(paper=leverkusen, body=council)
    hamburg = PaperFactory(reference="23-0002", date=datetime.date(2023, 9, 1))
    ConsultationFactory(paper=hamburg, body=committee)
    secret = PaperFactory(reference="24-0001")
    ConsultationFactory(paper=secret, body=internal)
    outreach = MeasureFactory(
        paper=leverkusen, title="Aufsuchendes Programm", status="running", start_date=None
    )
    outreach.fields_of_action.add(language)
    BudgetLineFactory(measure=outreach, amount=Decimal("5000.00"))
    BudgetLineFactory(measure=outreach, kind=BudgetLine.Kind.EXPENDITURE, amount=Decimal("5000.01"))
    conference = MeasureFactory(
        paper=hamburg, title="Fachkonferenz", status="done", start_date=datetime.date(2024, 2, 1)
    )
    BudgetLineFactory(measure=conference, amount=Decimal("20000.00"))
    MeasureFactory(paper=hamburg, title="Interne Vorbereitung", is_public=False)
    MeasureFactory(paper=secret, title="Steuerung vertraulich")
    return {"council": council, "committee": committee, "language": language}


def test_the_public_sees_public_measures_of_public_papers_only(client, town):
    response = get(client)
    assert sorted(titles(response)) == ["Aufsuchendes Programm", "Fachkonferenz"]
    assert b"Interne Vorbereitung" not in response.content
    assert b"Steuerung vertraulich" not in response.content


def test_the_council_sees_everything(client, town):
    client.force_login(CouncilMemberFactory())
    assert len(titles(get(client))) == 4


def test_filters_by_body_field_status_and_year_with_counts(client, town):
    by_body = get(client, {"body": town["council"].pk})
    assert titles(by_body) == ["Aufsuchendes Programm"]
    assert titles(get(client, {"field": town["language"].pk})) == ["Aufsuchendes Programm"]
    assert titles(get(client, {"status": "done"})) == ["Fachkonferenz"]
    assert titles(get(client, {"year": "2022"})) == ["Aufsuchendes Programm"]  # the paper's year
    assert titles(get(client, {"year": "2024"})) == ["Fachkonferenz"]
    counts = {value: count for value, _label, count in get(client).context["result"].status_counts}
    assert counts == {"planned": 0, "running": 1, "done": 1, "stopped": 0}
    # the status counts keep the other filters
    counts = {
        value: count
        for value, _label, count in get(client, {"body": town["committee"].pk, "status": "running"})
        .context["result"]
        .status_counts
    }
    assert counts == {"planned": 0, "running": 0, "done": 1, "stopped": 0}


@pytest.mark.parametrize(
    "params",
    [
        {"body": "abc"},
        {"field": "-1"},
        {"status": "<script>"},
        {"year": "99999999999"},
        {"page": "²"},
        {"body": "999999999", "year": "1800"},
    ],
)
def test_nonsense_in_the_filters_is_ignored(client, town, params):
    assert get(client, params).status_code == 200


def test_an_internal_body_is_no_filter_choice_for_the_public(client, town):
    bodies = [name for _pk, name in get(client).context["result"].bodies]
    assert bodies == ["Ausschuss für Soziales", "Integrationsrat"]


def test_the_budget_of_the_measures_shown_and_its_warning(client, town):
    response = get(client, {"body": town["council"].pk})
    budget = response.context["result"].budget
    assert budget.planned == Decimal("5000.00") and budget.spent == Decimal("5000.01")
    assert budget.over_plan
    assert b'id="over-plan-total"' in response.content
    assert b"over plan" in response.content
    assert b'id="over-plan-total"' not in get(client, {"status": "done"}).content


def test_the_overview_is_paginated(client):
    for number in range(30):
        MeasureFactory(title=f"Maßnahme {number:02}")
    first, second = get(client), get(client, {"page": "2"})
    assert len(titles(first)) == 25 and len(titles(second)) == 5
    assert first.context["page"].paginator.count == 30


def test_the_overview_is_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    def fill(count, offset):
        organisation = OrganisationFactory()
        language = FieldOfAction.objects.create(slug=f"c2-f{offset}", name=f"Feld C2 {offset}")
        body = BodyFactory()
        for _number in range(count):
            paper = PaperFactory()
            ConsultationFactory(paper=paper, body=body)
            measure = MeasureFactory(paper=paper, responsible_organisation=organisation)
            measure.fields_of_action.add(language)
            MilestoneFactory(measure=measure)
            ProgressUpdateFactory(measure=measure)
            ProgressUpdateFactory(measure=measure, date=datetime.date(2026, 6, 1))
            BudgetLineFactory(measure=measure)
            BudgetLineFactory(measure=measure, kind="expenditure", amount=Decimal("12.34"))

    fill(3, 1)
    get(client)  # warm: content types, sessions
    with django_assert_max_num_queries(12) as few:
        get(client)
    fill(25, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = get(client)
    assert len(titles(response)) == 25
    assert response.context["page"].object_list[0].latest_progress_date == datetime.date(2026, 6, 1)


def test_the_page_shows_status_latest_progress_and_money(client):
    measure = MeasureFactory(title="Sprachcafé", status=Measure.Status.RUNNING)
    ProgressUpdateFactory(measure=measure, text="Zweites Treffen mit 18 Gästen.")
    BudgetLineFactory(measure=measure, amount=Decimal("1234.50"))
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="de")
    content = response.content.decode()
    assert "Zweites Treffen mit 18 Gästen." in content
    assert "1.234,50 €" in content
