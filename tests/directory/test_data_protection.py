"""Personal data: visibility never exceeds the recorded consent, a contact shared by several
organisations belongs to them together, and erasure leaves nothing behind (a dump of the
whole database is searched for the erased values)."""

import json

import pytest
from django.apps import apps
from django.core import mail, serializers
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from tests.directory.factories_editing import contact_post, proposal_post
from tests.factories import ConsentFactory, ContactPersonFactory, OrganisationFactory, StaffFactory
from vernetzt.directory import services
from vernetzt.directory.models import (
    Consent,
    ContactPerson,
    Organisation,
    Visibility,
    may_edit_contact,
)

pytestmark = pytest.mark.django_db


def url(name, organisation, pk=None):
    kwargs = {"slug": organisation.slug} | ({"pk": pk} if pk is not None else {})
    return reverse(f"directory:{name}", kwargs=kwargs)


def public_verified(**kwargs):
    return OrganisationFactory(status="verified", visibility="public", **kwargs)


# --- Consent scope ------------------------------------------------------------------------------


def test_an_editor_cannot_make_an_internal_only_contact_public(
    client_as, editor_user, edited_organisation
):
    contact = ContactPersonFactory(organisations=[edited_organisation])  # consent: internal
    response = client_as(editor_user).post(
        url("contact_edit", edited_organisation, contact.pk),
        {"name": contact.name, "visibility": "public", "version": contact.version},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["visibility"]
    contact.refresh_from_db()
    assert contact.visibility == Visibility.INTERNAL


def test_the_edit_form_offers_only_what_the_consent_allows(
    client_as, editor_user, edited_organisation
):
    contact = ContactPersonFactory(organisations=[edited_organisation])
    page = client_as(editor_user).get(url("contact_edit", edited_organisation, contact.pk))
    choices = [value for value, _label in page.context["form"].fields["visibility"].choices]
    assert choices == [Visibility.INTERNAL]


def test_a_new_contact_cannot_be_public_beyond_its_consent(
    client_as, editor_user, edited_organisation
):
    response = client_as(editor_user).post(
        url("contact_create", edited_organisation),
        contact_post(visibility="public", **{"consent-scope": "internal"}),
    )

    assert response.status_code == 200
    assert "visibility" in response.context["form"].errors
    assert not ContactPerson.objects.exists()
    assert response.context["form"]["name"].value() == "Fatou Ndiaye"  # input kept


def test_a_new_contact_with_public_consent_may_be_public(
    client_as, editor_user, edited_organisation
):
    client_as(editor_user).post(
        url("contact_create", edited_organisation), contact_post(visibility="public")
    )
    contact = ContactPerson.objects.get()
    assert contact.visibility == Visibility.PUBLIC
    assert contact.consent.scope == Visibility.PUBLIC


def test_the_service_refuses_visibility_beyond_the_consent(staff_user):
    contact = ContactPersonFactory(organisations=[OrganisationFactory()])
    with pytest.raises(ValidationError):
        services.save_contact(actor=staff_user, contact=contact, data={"visibility": "public"})


def test_the_public_profile_shows_a_contact_only_if_its_consent_allows(client):
    organisation = public_verified(name="Elterncafé")
    # Written before the rule existed (or by hand): marked public, consent internal only.
    ContactPersonFactory(
        name="Intern Gebliebene", visibility="public", organisations=[organisation],
        consent=ConsentFactory(scope="internal"),
    )
    ContactPersonFactory(
        name="Zurückgezogene", visibility="public", organisations=[organisation],
        consent=ConsentFactory(scope="public", withdrawn_at="2026-01-01T00:00Z"),
    )
    ContactPersonFactory(name="Öffentliche Person", visibility="public", organisations=[organisation])

    page = client.get(url("organisation_detail", organisation)).content.decode()

    assert "Öffentliche Person" in page
    assert "Intern Gebliebene" not in page and "Zurückgezogene" not in page


@pytest.mark.parametrize("visibility", Visibility.values)
@pytest.mark.parametrize("scope", Visibility.values)
@pytest.mark.parametrize("withdrawn", [False, True])
def test_the_read_side_and_the_rule_agree(visibility, scope, withdrawn):
    consent = ConsentFactory(scope=scope, withdrawn_at="2026-01-01T00:00Z" if withdrawn else None)
    contact = ContactPersonFactory(visibility=visibility, consent=consent)
    shown = ContactPerson.objects.publicly_visible().filter(pk=contact.pk).exists()
    assert shown == (visibility == Visibility.PUBLIC and consent.allows(visibility))


# --- A contact shared by two organisations ----------------------------------------------------------


@pytest.fixture
def shared(edited_organisation):
    other = OrganisationFactory(name="Sportverein")
    contact = ContactPersonFactory(name="Geteilte Person", organisations=[edited_organisation, other])
    return contact, other


def test_an_editor_of_one_organisation_cannot_edit_a_shared_contact(
    client_as, editor_user, edited_organisation, shared
):
    contact, _other = shared
    client = client_as(editor_user)
    assert client.get(url("contact_edit", edited_organisation, contact.pk)).status_code == 403
    response = client.post(
        url("contact_edit", edited_organisation, contact.pk),
        {"name": "Überschrieben", "visibility": "internal", "version": 1},
    )
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.name == "Geteilte Person"


def test_an_editor_of_one_organisation_only_unlinks_a_shared_contact(
    client_as, editor_user, edited_organisation, shared
):
    contact, other = shared
    client = client_as(editor_user)
    page = client.get(url("contact_delete", edited_organisation, contact.pk))
    assert page.context["unlink_only"]

    client.post(url("contact_delete", edited_organisation, contact.pk), {"reason": ""})

    contact.refresh_from_db()
    assert list(contact.organisations.all()) == [other]
    assert contact.consent.withdrawn_at is None


def test_who_may_edit_a_shared_contact(editor_user, staff_user, edited_organisation, shared):
    contact, other = shared
    assert may_edit_contact(staff_user, contact)
    assert not may_edit_contact(editor_user, contact)
    other.editors.add(editor_user)
    assert may_edit_contact(editor_user, contact)


def test_an_editor_of_every_organisation_deletes_the_shared_contact(
    client_as, editor_user, edited_organisation, shared
):
    contact, other = shared
    other.editors.add(editor_user)
    client_as(editor_user).post(url("contact_delete", edited_organisation, contact.pk), {"reason": ""})
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()


# --- Erasure -------------------------------------------------------------------------------------


def database_dump():
    """Every row of every table of every app as text, in both spellings JSON may use."""
    tables = set(connection.introspection.table_names())
    parts = [
        serializers.serialize("json", model._base_manager.all())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables
    ]
    text = "".join(parts)
    readable = json.dumps([json.loads(part) for part in parts], ensure_ascii=False)
    return (text + readable).casefold()


ERIKA = {
    "name": "Fatou Ndiaye",
    "email": "fatou.ndiaye@example.org",
    "phone": "0171 2345678",
    "evidence": "Formular unterschrieben von Fatou Ndiaye im Ordner 7",
}


def assert_erased(values):
    dump = database_dump()
    for value in values:
        assert value.casefold() not in dump, value


def test_deleting_a_contact_erases_it_everywhere_the_audit_trail_included(
    client_as, editor_user, staff_user, edited_organisation
):
    editor = client_as(editor_user)
    editor.post(
        url("contact_create", edited_organisation),
        contact_post(
            name=ERIKA["name"], email=ERIKA["email"], phone="0171 1111111",
            **{"consent-evidence": ERIKA["evidence"]},
        ),
    )
    contact = ContactPerson.objects.get()
    services.save_contact(actor=staff_user, contact=contact, data={"phone": ERIKA["phone"]})
    services.change_status(
        actor=staff_user, organisation=edited_organisation, status="archived",
        reason=f"Laut {ERIKA['name']} aufgelöst",
    )
    assert ERIKA["name"].casefold() in database_dump()

    response = client_as(staff_user).post(
        url("contact_delete", edited_organisation, contact.pk),
        {"reason": f"{ERIKA['name']} hat am Telefon widerrufen ({ERIKA['phone']})"},
    )

    assert response.status_code == 302
    assert_erased([*ERIKA.values(), "0171 1111111"])
    consent = Consent.objects.get()
    assert consent.withdrawn_at is not None and consent.evidence == ""
    history = client_as(staff_user).get(url("organisation_history", edited_organisation))
    assert ERIKA["name"] not in history.content.decode()


def test_whole_words_only_are_erased_elsewhere(staff_user):
    organisation = OrganisationFactory(name="Alibaba Kulturverein")
    contact = ContactPersonFactory(name="Ali", email="", organisations=[organisation])
    services.delete_contact(actor=staff_user, contact=contact, reason="Ali hat angerufen")
    assert "Alibaba" in database_dump().replace("alibaba", "Alibaba")
    assert "ali hat" not in database_dump()


def test_deleting_an_organisation_in_the_admin_erases_its_own_contacts_and_its_proposer(
    client_as, staff_user
):
    organisation = OrganisationFactory(
        name="Aufgelöster Verein", proposer_name="Amina Diallo",
        proposer_email="amina@example.org",
    )
    other = OrganisationFactory(name="Bleibt")
    own = ContactPersonFactory(name="Nur Hier", email="nurhier@example.org",
                               organisations=[organisation])
    shared = ContactPersonFactory(name="Auch Dort", organisations=[organisation, other])
    own_consent = own.consent

    client_as(staff_user).post(
        reverse("admin:directory_organisation_delete", args=[organisation.pk]), {"post": "yes"}
    )

    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not ContactPerson.objects.filter(pk=own.pk).exists()
    own_consent.refresh_from_db()
    assert own_consent.withdrawn_at is not None
    assert list(ContactPerson.objects.get(pk=shared.pk).organisations.all()) == [other]
    assert_erased(["Nur Hier", "nurhier@example.org", "Amina Diallo", "amina@example.org"])


def test_erasing_a_proposer_removes_the_address_from_the_history(client, client_as, staff_user):
    client.post(reverse("directory:proposal_create"), proposal_post())
    proposal = Organisation.objects.get()
    services.change_status(
        actor=staff_user, organisation=proposal, status="rejected",
        reason="amina@example.org antwortet nicht",
    )

    client_as(staff_user).post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "erase_proposers", "_selected_action": [proposal.pk]},
    )

    proposal.refresh_from_db()
    assert proposal.proposer_email == "" and proposal.proposer_name == ""
    assert proposal.proposal_consent.withdrawn_at is not None
    history = client_as(staff_user).get(url("organisation_history", proposal)).content.decode()
    assert "amina@example.org" not in history
    assert_erased(["Amina Diallo", "amina@example.org"])


def test_the_admin_no_longer_blanks_the_proposer_by_hand(client_as, staff_user):
    organisation = OrganisationFactory(proposer_email="amina@example.org")
    page = client_as(staff_user).get(
        reverse("admin:directory_organisation_change", args=[organisation.pk])
    )
    assert 'name="proposer_email"' not in page.content.decode()


# --- Data-subject export and the office's pages ----------------------------------------------------


def test_the_office_downloads_everything_stored_about_a_contact(
    client_as, editor_user, staff_user, edited_organisation
):
    client_as(editor_user).post(
        url("contact_create", edited_organisation),
        contact_post(name=ERIKA["name"], email=ERIKA["email"],
                     **{"consent-evidence": ERIKA["evidence"]}),
    )
    OrganisationFactory(name="Ihr Vorschlag", proposer_name=ERIKA["name"],
                        proposer_email=ERIKA["email"])
    contact = ContactPerson.objects.get()
    office = client_as(staff_user)

    found = office.get(reverse("directory:privacy_search"), {"q": "ndiaye"})
    assert list(found.context["contacts"]) == [contact]
    response = office.get(
        reverse("directory:privacy_contact", kwargs={"pk": contact.pk}), {"format": "json"}
    )

    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["contact_person"]["email"] == ERIKA["email"]
    assert data["contact_person"]["organisations"] == [edited_organisation.name]
    assert data["consent"]["evidence"] == ERIKA["evidence"]
    assert [proposal["organisation"] for proposal in data["proposals"]] == ["Ihr Vorschlag"]
    assert any(entry["action"] == "create" for entry in data["audit_entries"])


def test_the_office_erases_a_contact_from_its_page(client_as, staff_user, edited_organisation):
    contact = ContactPersonFactory(
        name=ERIKA["name"], email=ERIKA["email"], organisations=[edited_organisation]
    )
    page_url = reverse("directory:privacy_contact", kwargs={"pk": contact.pk})
    office = client_as(staff_user)
    assert ERIKA["email"] in office.get(page_url).content.decode()

    assert office.post(page_url).status_code == 302
    assert_erased([ERIKA["name"], ERIKA["email"]])


def test_a_person_sends_a_request_from_the_privacy_page(client, settings):
    StaffFactory(username="buero", email="buero@example.org")
    privacy_page = client.get(reverse("core:privacy")).content.decode()
    assert reverse("core:privacy_request") in privacy_page

    response = client.post(reverse("core:privacy_request"), {
        "kind": "erasure", "name": "Fatou Ndiaye", "email": "fatou@example.org",
        "message": "Ich stehe beim Elterncafé.",
    })

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["buero@example.org"]]
    assert mail.outbox[0].reply_to == ["fatou@example.org"]
    assert "Ich stehe beim Elterncafé." in mail.outbox[0].body
    assert "fatou@example.org" not in database_dump()  # mailed, not stored


def test_privacy_requests_are_throttled(client, settings):
    settings.THROTTLES = {**settings.THROTTLES, "privacy_request": (2, 3600)}
    data = {"kind": "access", "name": "Fatou", "email": "fatou@example.org"}
    statuses = [client.post(reverse("core:privacy_request"), data).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_the_office_downloads_and_erases_a_proposers_data(client, client_as, staff_user):
    client.post(reverse("directory:proposal_create"), proposal_post())
    proposal = Organisation.objects.get()
    office = client_as(staff_user)
    found = office.get(reverse("directory:privacy_search"), {"q": "amina@example"})
    assert list(found.context["proposals"]) == [proposal]
    page_url = reverse("directory:privacy_proposer", kwargs={"slug": proposal.slug})

    data = json.loads(office.get(page_url, {"format": "json"}).content)
    assert data["proposal"]["proposer_email"] == "amina@example.org"
    assert data["proposal"]["consent"]["method"] == "web_form"

    assert office.post(page_url).status_code == 302
    assert_erased(["Amina Diallo", "amina@example.org"])
