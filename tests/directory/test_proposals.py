"""The public proposal form: stored as a proposal with consent, robust against bad input."""

import pytest
from django.urls import reverse

from tests.directory.factories_editing import proposal_post
from vernetzt.audit.models import AuditEntry
from vernetzt.directory.models import Consent, Organisation

pytestmark = pytest.mark.django_db
URL = reverse("directory:proposal_create")


def test_the_form_opens_for_the_public(client):
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert 'name="consent"' in content
    assert "style=" not in content and "<script>" not in content


def test_a_proposal_is_stored_as_proposed_with_the_proposers_consent(client):
    response = client.post(URL, proposal_post())

    assert response.status_code == 302
    assert response["Location"] == reverse("directory:proposal_thanks")
    organisation = Organisation.objects.get(name="Afrikanischer Elternverein e.V.")
    assert organisation.status == Organisation.Status.PROPOSED
    assert organisation.proposer_name == "Amina Diallo"
    assert organisation.proposer_email == "amina@example.org"
    assert organisation.proposal_consent.subject == "Amina Diallo"
    assert organisation.proposal_consent.method == Consent.Method.WEB_FORM
    assert len(organisation.proposal_consent.purpose) > 50
    assert sorted(organisation.fields.values_list("slug", flat=True)) == ["education", "parents"]
    assert list(organisation.districts.values_list("slug", flat=True)) == ["nordstadt"]
    entry = AuditEntry.objects.get(object_id=str(organisation.pk), action="create")
    assert entry.actor is None and entry.changes["status"] == [None, "proposed"]
    assert not organisation.is_public


def test_the_thanks_page_opens(client):
    response = client.get(reverse("directory:proposal_thanks"))
    assert response.status_code == 200
    assert b"<h1>" in response.content


def test_without_consent_nothing_is_stored_and_the_input_stays(client):
    response = client.post(URL, proposal_post(consent=None))

    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Afrikanischer Elternverein e.V.").exists()
    form = response.context["form"]
    assert "consent" in form.errors
    content = response.content.decode()
    assert 'value="Afrikanischer Elternverein e.V."' in content
    assert 'value="amina@example.org"' in content
    assert "Wir helfen Eltern bei Fragen zur Schule." in content
    assert 'aria-describedby="id_consent_help id_consent_errors"' in content


def test_a_rejected_form_keeps_every_choice(client):
    data = proposal_post(proposer_email="not-an-address")
    response = client.post(URL, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["proposer_email"]
    content = response.content.decode()
    for pk in data["fields"] + data["districts"] + data["languages"]:
        assert f'value="{pk}"' in content
    assert content.count("checked") >= len(data["fields"] + data["districts"] + data["languages"])
    assert 'value="https://elternverein.example.org"' in content
    assert 'aria-invalid="true"' in content


def test_required_fields_are_named_in_the_errors(client):
    response = client.post(URL, {"consent": "on"})

    form = response.context["form"]
    assert {"name", "type", "proposer_name", "proposer_email"} <= set(form.errors)
    assert Organisation.objects.count() == 0


def test_a_filled_honeypot_stores_nothing_but_looks_successful(client):
    response = client.post(URL, proposal_post(fax="buy cheap pills"))

    assert response.status_code == 302
    assert response["Location"] == reverse("directory:proposal_thanks")
    assert not Organisation.objects.filter(name="Afrikanischer Elternverein e.V.").exists()


def test_the_honeypot_is_hidden_by_a_class_not_an_inline_style(client):
    content = client.get(URL).content.decode()
    start = content.index('<div class="visually-hidden" aria-hidden="true">')
    assert 'name="fax"' in content[start : start + 800]
    assert 'tabindex="-1"' in content[start : start + 800]


def test_two_proposals_with_the_same_name_get_distinct_addresses(client):
    client.post(URL, proposal_post())
    client.post(URL, proposal_post())

    slugs = sorted(Organisation.objects.values_list("slug", flat=True))
    assert slugs == ["afrikanischer-elternverein-ev", "afrikanischer-elternverein-ev-2"]


def test_a_website_without_scheme_becomes_https(client):
    client.post(URL, proposal_post(website="elternverein.example.org"))

    assert Organisation.objects.get().website == "https://elternverein.example.org"


def test_a_logged_in_proposer_finds_name_and_email_filled_in(client_as):
    from tests.factories import UserFactory

    user = UserFactory(username="amina", email="amina@example.org", first_name="Amina")
    form = client_as(user).get(URL).context["form"]
    assert form["proposer_email"].value() == "amina@example.org"
    assert form["proposer_name"].value() == "Amina"
