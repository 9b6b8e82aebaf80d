"""The demo town's council part: the bodies, meetings, papers and measures issue 10 names."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from tests.factories import OrganisationFactory
from vernetzt.council import demo, selectors
from vernetzt.council.models import (
    ActionItem,
    AgendaItem,
    Body,
    BudgetLine,
    Measure,
    Meeting,
    Membership,
    Milestone,
    Paper,
    ProgressUpdate,
)
from vernetzt.directory.models import Organisation

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture
def seeded():
    for number in range(6):
        OrganisationFactory(name=f"Verein {number}", slug=f"verein-{number}")
    return demo.seed(today=TODAY)


def test_bodies_members_and_meetings(seeded):
    assert seeded.bodies == 4
    kinds = dict(Body.objects.values_list("name", "kind"))
    assert kinds[demo.INTEGRATION_COUNCIL] == Body.Kind.INTEGRATION_COUNCIL
    assert kinds[demo.STEERING_GROUP] == Body.Kind.STEERING_GROUP
    assert kinds[demo.WORKING_GROUP_OUTREACH] == Body.Kind.WORKING_GROUP
    assert kinds[demo.WORKING_GROUP_MSO] == Body.Kind.WORKING_GROUP
    # Members come from the demo organisations.
    assert Membership.objects.filter(organisation__in=Organisation.objects.all()).count() >= 10
    # Past and upcoming meetings, with minutes on past agenda items.
    assert Meeting.objects.filter(start__date__lt=TODAY).count() >= 7
    assert Meeting.objects.filter(start__date__gt=TODAY).count() >= 4
    assert AgendaItem.objects.exclude(minutes="").filter(meeting__start__date__lt=TODAY).exists()
    assert seeded.meetings == Meeting.objects.count()


def test_an_action_item_is_still_open_at_the_later_meeting(seeded):
    outreach = Body.objects.get(name=demo.WORKING_GROUP_OUTREACH)
    later = outreach.meetings.filter(start__date__lt=TODAY).order_by("-start").first()
    carried = list(selectors.meeting_pages.carried_over(user=AnonymousUser(), meeting=later))
    assert [item.text for item in carried if not item.done] == [
        "Drei Druckangebote für die zweite Ausgabe einholen"
    ]
    overdue = ActionItem.objects.filter(done=False, due_date__lt=TODAY)
    assert overdue.count() == 2  # the print offers and the steering group's rules of procedure


def test_the_seeds_motions_with_their_money(seeded):
    references = set(Paper.objects.values_list("reference", flat=True))
    assert "22-4292" in references and len(references) == 6
    conference = Measure.objects.get(title="Bezirkliche Integrationskonferenz")
    assert conference.paper.reference == "22-4292"
    plan = BudgetLine.objects.get(measure=conference, kind=BudgetLine.Kind.PLAN)
    assert plan.amount == Decimal("20000.00")

    rows = {row.title: selectors.budget(row) for row in selectors.measures(user=AnonymousUser())}
    outreach = rows["Öffentlichkeitsarbeit des Integrationsrates"]
    assert outreach.planned == Decimal("5000.00")
    assert outreach.spent == Decimal("4165.50")
    assert outreach.committed == Decimal("1630.00")
    assert outreach.over_plan and outreach.remaining == Decimal("-795.50")
    assert [title for title, money in rows.items() if money.over_plan] == [
        "Öffentlichkeitsarbeit des Integrationsrates"
    ]
    statuses = set(Measure.objects.values_list("status", flat=True))
    assert statuses == {"planned", "running", "done", "stopped"}
    assert Milestone.objects.filter(done_on__isnull=True, due_date__lt=TODAY).count() == 3
    assert ProgressUpdate.objects.filter(participants_reached__gt=0).count() >= 4


def test_seeding_twice_changes_nothing(seeded):
    counts = [model.objects.count() for model in (Body, Meeting, Paper, Measure, BudgetLine)]
    assert demo.seed(today=TODAY) is None
    assert [
        model.objects.count() for model in (Body, Meeting, Paper, Measure, BudgetLine)
    ] == counts


def test_the_demo_command_seeds_the_council_too(settings):
    settings.DEBUG = True
    call_command("seed_demo_town", "--organisations", "20", "--seed", "3")
    assert Body.objects.filter(name=demo.INTEGRATION_COUNCIL).count() == 1
    call_command("seed_demo_town", "--if-empty")
    assert Body.objects.filter(name=demo.INTEGRATION_COUNCIL).count() == 1
    assert Measure.objects.count() == 7
