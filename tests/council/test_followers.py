"""Followers of papers and measures: who hears of status changes, progress and resolutions, in
which language, never of what they may not see, and how they stop (the signed unfollow link).
Tasks run at once in tests (ImmediateBackend), after the commit."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.council.factories_accountability import ConsultationFactory, MeasureFactory, PaperFactory
from tests.factories import CouncilMemberFactory, OrganisationFactory, StaffFactory, UserFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council.models import Consultation, Follow, Measure
from vernetzt.council.services import change_measure_status
from vernetzt.council.services import measures as services
from vernetzt.council.services.papers import record_resolution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.BASE_URL = "https://vernetzt.example.de/"


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def unfollow_link(message):
    return re.search(r"https://vernetzt\.example\.de(/gremien/abbestellen/[^/\s]+/)", message.body)[
        1
    ]


def test_followers_and_the_organisations_editors_hear_of_a_status_change(
    django_capture_on_commit_callbacks,
):
    editor = UserFactory(email="editor@example.org", language="en")
    organisation = OrganisationFactory(editors=[editor])
    measure = MeasureFactory(title="Brücken bauen", responsible_organisation=organisation)
    services.follow_automatically(measure)
    citizen = UserFactory(email="buergerin@example.org", language="de")
    services.follow(user=citizen, measure=measure)
    UserFactory(email="unbeteiligt@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        change_measure_status(actor=StaffFactory(), measure=measure, status=Measure.Status.DONE)
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "buergerin@example.org",
        "editor@example.org",
    ]
    english = sent_to("editor@example.org")[0]
    assert english.subject == "“Brücken bauen” is now done"
    assert english.extra_headers["Content-Language"] == "en"
    assert "https://vernetzt.example.de/gremien/massnahmen/" in english.body
    german = sent_to("buergerin@example.org")[0]
    assert german.extra_headers["Content-Language"] == "de"
    assert "/gremien/abbestellen/" in german.body


def test_a_progress_update_is_sent_to_the_measures_and_its_papers_followers(
    django_capture_on_commit_callbacks,
):
    measure = MeasureFactory()
    paper_follower = UserFactory(email="paper@example.org", language="en")
    services.follow(user=paper_follower, paper=measure.paper)
    both = UserFactory(email="both@example.org", language="en")
    services.follow(user=both, paper=measure.paper)
    services.follow(user=both, measure=measure)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_progress_update(
            actor=StaffFactory(),
            measure=measure,
            date=datetime.date(2026, 5, 2),
            text="Zweiter Infoabend: 55 Personen, davon 12 neue Ehrenamtliche.",
        )
    assert len(sent_to("paper@example.org")) == 1
    assert len(sent_to("both@example.org")) == 1  # once, though following twice
    assert "Zweiter Infoabend" in sent_to("both@example.org")[0].body


def test_no_mail_about_an_internal_measure_to_someone_who_may_not_see_it(
    django_capture_on_commit_callbacks,
):
    measure = MeasureFactory()
    participant = UserFactory(email="participant@example.org")
    council = CouncilMemberFactory(email="council@example.org")
    services.follow(user=participant, measure=measure)
    services.follow(user=council, measure=measure)
    measure.is_public = False
    measure.save()
    with django_capture_on_commit_callbacks(execute=True):
        change_measure_status(actor=StaffFactory(), measure=measure, status=Measure.Status.DONE)
    assert [message.to for message in mail.outbox] == [["council@example.org"]]


def test_a_rolled_back_status_change_sends_nothing(django_capture_on_commit_callbacks):
    measure = MeasureFactory()
    services.follow(user=UserFactory(email="f@example.org"), measure=measure)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        change_measure_status(actor=StaffFactory(), measure=measure, status=Measure.Status.STOPPED)
    assert mail.outbox == []


def test_a_recorded_resolution_is_sent_to_the_papers_followers(django_capture_on_commit_callbacks):
    paper = PaperFactory(reference="26-0815")
    consultation = ConsultationFactory(paper=paper, result=Consultation.Result.NONE)
    follower = UserFactory(email="f@example.org", language="en")
    services.follow(user=follower, paper=paper)
    with django_capture_on_commit_callbacks(execute=True):
        record_resolution(
            actor=StaffFactory(),
            paper=paper,
            consultation=consultation,
            result=Consultation.Result.AMENDED,
            resolution_text="Beschlossen mit der Änderung: 5.000 € aus dem KIM-Budget.",
        )
    [message] = mail.outbox
    assert message.subject == "26-0815: accepted with changes"
    assert "5.000 € aus dem KIM-Budget" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the same result again: no news
        record_resolution(
            actor=StaffFactory(), paper=paper, consultation=consultation, result="amended"
        )
    assert mail.outbox == []


def test_the_unfollow_link_asks_then_stops_the_mails(client, django_capture_on_commit_callbacks):
    measure = MeasureFactory()
    follower = UserFactory(email="f@example.org", language="en")
    services.follow(user=follower, measure=measure)
    with django_capture_on_commit_callbacks(execute=True):
        change_measure_status(actor=StaffFactory(), measure=measure, status="done")
    link = unfollow_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a mail program opening it changes nothing
    assert Follow.objects.get(user=follower).active
    response = client.post(link)
    assert response.status_code == 302
    assert not Follow.objects.get(user=follower).active
    assert AuditEntry.objects.filter(action="unfollow", object_id=str(measure.pk)).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_measure_status(actor=StaffFactory(), measure=measure, status="running")
    assert mail.outbox == []


def test_a_forged_unfollow_link_is_refused(client):
    assert client.get(reverse("council:unfollow", args=["1:forged"])).status_code == 404
    assert client.post(reverse("council:unfollow", args=["abc"])).status_code == 404


def test_anyone_logged_in_follows_and_unfollows_with_the_button(client):
    measure = MeasureFactory()
    user = UserFactory()
    client.force_login(user)
    url = reverse("council:measure_follow", args=[measure.pk])
    assert client.post(url).status_code == 302
    assert Follow.objects.get(user=user, measure=measure).active
    assert client.post(url).status_code == 302  # twice is still one follow
    assert Follow.objects.filter(user=user).count() == 1
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.get(user=user, measure=measure).active
    paper_url = reverse("council:paper_follow", args=[measure.paper.pk])
    client.post(paper_url)
    assert Follow.objects.get(user=user, paper=measure.paper).active
    with translation.override("en"):
        page = client.get(
            reverse("council:paper_detail", args=[measure.paper.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
    assert b"Unfollow" in page.content


def test_nobody_follows_what_they_may_not_see(client):
    measure = MeasureFactory(is_public=False)
    client.force_login(UserFactory())
    response = client.post(reverse("council:measure_follow", args=[measure.pk]))
    assert response.status_code == 403
    assert not Follow.objects.exists()
