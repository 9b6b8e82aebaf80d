"""E-mails of the directory's workflow: who gets which, in which language, and none when the
write rolls back. Tasks run at once in tests (ImmediateBackend), after the commit."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests.factories import OrganisationFactory, StaffFactory, UserFactory, term
from vernetzt.accounts.services import remember_language
from vernetzt.accounts.signals import remember_site_language
from vernetzt.directory import services
from vernetzt.directory.models import Organisation, OrganisationType, Visibility

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("base_url"),
]

BASE_URL = "https://vernetzt.example.de"


@pytest.fixture
def base_url(settings):
    settings.BASE_URL = BASE_URL + "/"  # a trailing slash must not double


def propose(*, language="de", name="Kulturbrücke e.V.", email="vorschlag@example.org"):
    with translation.override(language):
        return services.propose_organisation(
            data={
                "name": name,
                "type": term(OrganisationType, "mso"),
                "description": "Wir treffen uns jeden Freitag.",
            },
            proposer_name="Leyla Yılmaz",
            proposer_email=email,
            consent_purpose="Rückfragen zum Vorschlag",
        )


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_the_office_hears_of_a_new_proposal(django_capture_on_commit_callbacks):
    office = StaffFactory(username="buero", email="buero@example.org", language="en")
    StaffFactory(username="ohne", email="")
    StaffFactory(username="ehemalig", email="alt@example.org", is_active=False)
    UserFactory(username="verein", email="verein@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        organisation = propose()
    assert [message.to for message in mail.outbox] == [[office.email]]
    message = mail.outbox[0]
    assert "Kulturbrücke e.V." in message.subject and "\n" not in message.subject
    assert f"{BASE_URL}/buero/pruefen/{organisation.slug}/" in message.body
    assert "Leyla Yılmaz" in message.body
    assert message.extra_headers["Content-Language"] == "en"


def test_nothing_is_sent_when_the_write_rolls_back(django_capture_on_commit_callbacks):
    StaffFactory(username="buero", email="buero@example.org")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        propose()
        raise RuntimeError("a later step failed")
    assert callbacks == [] and mail.outbox == []
    assert not Organisation.objects.filter(name="Kulturbrücke e.V.").exists()


def test_the_proposer_hears_of_the_verification_in_their_language(
    django_capture_on_commit_callbacks, staff_user
):
    organisation = propose(language="ar")
    assert organisation.proposer_language == "ar"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_proposal(actor=staff_user, organisation=organisation)
    [message] = sent_to("vorschlag@example.org")
    assert message.extra_headers["Content-Language"] == "ar"
    assert "Kulturbrücke e.V." in message.subject
    assert f"{BASE_URL}/verzeichnis/{organisation.slug}/" in message.body


def test_the_proposer_hears_of_a_rejection_with_the_reason(
    django_capture_on_commit_callbacks, staff_user
):
    organisation = propose(language="uk")
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            actor=staff_user,
            organisation=organisation,
            status=Organisation.Status.REJECTED,
            reason="Kein Bezug zur Integrationsarbeit in der Stadt.",
        )
    [message] = sent_to("vorschlag@example.org")
    assert message.extra_headers["Content-Language"] == "uk"
    assert "Kein Bezug zur Integrationsarbeit in der Stadt." in message.body
    assert f"{BASE_URL}/verzeichnis/vorschlagen/" in message.body


def test_an_unknown_language_falls_back_to_german(django_capture_on_commit_callbacks, staff_user):
    organisation = propose(language="xx")
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_proposal(actor=staff_user, organisation=organisation)
    [message] = sent_to("vorschlag@example.org")
    assert message.extra_headers["Content-Language"] == "de"


def test_a_proposal_without_an_e_mail_address_is_decided_silently(
    django_capture_on_commit_callbacks, staff_user
):
    organisation = propose(email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_proposal(actor=staff_user, organisation=organisation)
    assert mail.outbox == []


def test_later_status_changes_send_nothing(django_capture_on_commit_callbacks, staff_user):
    organisation = OrganisationFactory(proposer_email="alt@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            actor=staff_user,
            organisation=organisation,
            status=Organisation.Status.ARCHIVED,
            reason="aufgelöst",
        )
    assert mail.outbox == []


def test_an_editor_hears_that_they_were_given_access(
    django_capture_on_commit_callbacks, staff_user
):
    existing = UserFactory(username="schon", email="schon@example.org")
    new = UserFactory(username="neu", email="neu@example.org", language="tr")
    without_address = UserFactory(username="ohne", email="")
    organisation = OrganisationFactory(
        name="Deutsch-Syrischer Kulturverein", editors=[existing], visibility=Visibility.PUBLIC
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.set_editors(
            actor=staff_user, organisation=organisation, editors=[existing, new, without_address]
        )
    assert [message.to for message in mail.outbox] == [["neu@example.org"]]
    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "tr"
    assert f"{BASE_URL}/verzeichnis/{organisation.slug}/bearbeiten/" in message.body
    assert "neu" in message.body  # the user name to log in with


def test_verifying_with_a_new_editor_tells_both(django_capture_on_commit_callbacks, staff_user):
    organisation = propose()
    editor = UserFactory(username="leyla", email="leyla@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_proposal(actor=staff_user, organisation=organisation, editor=editor)
    assert len(sent_to("vorschlag@example.org")) == 1
    assert len(sent_to("leyla@example.org")) == 1


def test_e_mails_are_sent_through_the_task_queue(django_capture_on_commit_callbacks):
    StaffFactory(username="buero", email="buero@example.org")
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=database_queue):
        from django_tasks_db.models import DBTaskResult

        with django_capture_on_commit_callbacks(execute=True):
            propose()
        [queued] = DBTaskResult.objects.all()
    assert queued.task_path.endswith("notifications.send_proposal_received")
    assert mail.outbox == []  # a worker sends it


def test_the_site_language_at_login_is_remembered():
    user = UserFactory(username="nutzer")

    class LoginRequest:
        LANGUAGE_CODE = "ar"

    remember_site_language(sender=None, request=LoginRequest(), user=user)
    user.refresh_from_db()
    assert user.language == "ar"
    remember_language(user=user, language="klingonisch")
    user.refresh_from_db()
    assert user.language == "ar"
