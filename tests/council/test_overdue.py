"""The staff view of overdue milestones and open overdue action items."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import StaffFactory
from vernetzt.council import services
from vernetzt.council.models import ActionItem, Milestone
from vernetzt.council.reports.data import overdue_milestones

pytestmark = pytest.mark.django_db


@pytest.fixture
def due():
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    measure = services.create_measure(actor=None, title="Sprachcafé")
    hidden = services.create_measure(actor=None, title="Intern", is_public=False)
    save = services.save
    late = save(
        actor=None, obj=Milestone(measure=measure, title="Bericht", due_date=today - 9 * day)
    )
    save(
        actor=None,
        obj=Milestone(
            measure=measure, title="Erledigt", due_date=today - 9 * day, done_on=today - 10 * day
        ),
    )
    save(actor=None, obj=Milestone(measure=measure, title="Morgen", due_date=today + day))
    save(actor=None, obj=Milestone(measure=measure, title="Heute", due_date=today))
    internal = save(
        actor=None, obj=Milestone(measure=hidden, title="Intern fällig", due_date=today - 30 * day)
    )
    body = services.create_body(actor=None, name="AK Öffentlichkeit")
    meeting = services.create_meeting(
        actor=None, body=body, name="Treffen", start=timezone.now() - 20 * day
    )
    open_item = save(
        actor=None,
        obj=ActionItem(meeting=meeting, text="Angebote einholen", due_date=today - 5 * day),
    )
    save(
        actor=None,
        obj=ActionItem(
            meeting=meeting,
            text="Erledigt",
            due_date=today - 5 * day,
            done=True,
            done_at=timezone.now(),
        ),
    )
    save(actor=None, obj=ActionItem(meeting=meeting, text="Später", due_date=today + 5 * day))
    return today, late, internal, open_item


def test_only_what_is_not_done_and_past_its_day(due):
    today, late, internal, _item = due
    assert list(overdue_milestones(user=StaffFactory(), on=today)) == [internal, late]


def test_the_page_lists_both(client, due):
    _today, late, internal, item = due
    client.force_login(StaffFactory())
    response = client.get(reverse("council:staff_overdue"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert list(response.context["milestones"]) == [internal, late]
    assert list(response.context["action_items"]) == [item]
    page = response.content.decode()
    assert "Angebote einholen" in page and "Später" not in page and "Morgen" not in page
