"""Editors maintain their organisation; everything is scoped to the organisation in the URL."""

import pytest
from django.urls import reverse

from tests.directory.factories_editing import contact_post, need_post
from tests.factories import (
    ConsentFactory,
    ContactPersonFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    term,
)
from vernetzt.audit.models import AuditEntry
from vernetzt.directory.models import Consent, ContactPerson, Need, Offer, OrganisationType

pytestmark = pytest.mark.django_db


def url(name, organisation, pk=None):
    kwargs = {"slug": organisation.slug} | ({"pk": pk} if pk is not None else {})
    return reverse(f"directory:{name}", kwargs=kwargs)


def profile(organisation):
    return url("organisation_detail", organisation)


def organisation_post(organisation, **overrides):
    data = {
        "name": organisation.name,
        "short_name": "DSK",
        "type": organisation.type_id,
        "description": "Neue Beschreibung",
        "accessibility": "unknown",
        "website": "",
        "version": organisation.version,  # the version the editor loaded (optimistic lock)
    }
    data.update(overrides)
    return data


# --- My organisations -------------------------------------------------------------------------


def test_my_organisations_lists_what_the_user_edits(client_as, editor_user, edited_organisation):
    OrganisationFactory(name="Fremder Verein")
    response = client_as(editor_user).get(reverse("directory:my_organisations"))

    assert response.status_code == 200
    assert list(response.context["organisations"]) == [edited_organisation]
    content = response.content.decode()
    assert edited_organisation.name in content and "Fremder Verein" not in content
    assert url("organisation_edit", edited_organisation) in content


def test_my_organisations_explains_the_empty_state(client_as, participant_user):
    response = client_as(participant_user).get(reverse("directory:my_organisations"))

    assert not response.context["organisations"]
    assert reverse("directory:proposal_create") in response.content.decode()
    assert reverse("directory:review_list") not in response.content.decode()


def test_staff_see_a_hint_to_the_review_queue(client_as, staff_user):
    response = client_as(staff_user).get(reverse("directory:my_organisations"))
    assert reverse("directory:review_list") in response.content.decode()


# --- Profile ----------------------------------------------------------------------------------


def test_an_editor_saves_the_profile_and_it_is_audited(client_as, editor_user, edited_organisation):
    response = client_as(editor_user).post(
        url("organisation_edit", edited_organisation), organisation_post(edited_organisation)
    )

    assert response.status_code == 302 and response["Location"] == profile(edited_organisation)
    edited_organisation.refresh_from_db()
    assert edited_organisation.description == "Neue Beschreibung"
    assert edited_organisation.short_name == "DSK"
    entry = AuditEntry.objects.filter(object_id=str(edited_organisation.pk)).first()
    assert entry.actor == editor_user and entry.action == "update"
    assert entry.changes["description"] == [
        "Wir bieten Sprachkurse und eine Frauengruppe an.", "Neue Beschreibung"
    ]
    assert "Neue Beschreibung" in edited_organisation.search_document


def test_editors_cannot_change_visibility_or_status(client_as, editor_user, edited_organisation):
    client = client_as(editor_user)
    form = client.get(url("organisation_edit", edited_organisation)).context["form"]
    assert "visibility" not in form.fields and "status" not in form.fields

    client.post(
        url("organisation_edit", edited_organisation),
        organisation_post(edited_organisation, visibility="internal", status="archived"),
    )
    edited_organisation.refresh_from_db()
    assert edited_organisation.visibility == "public" and edited_organisation.status == "verified"


def test_staff_may_change_visibility(client_as, staff_user, edited_organisation):
    client_as(staff_user).post(
        url("organisation_edit", edited_organisation),
        organisation_post(edited_organisation, visibility="internal"),
    )
    edited_organisation.refresh_from_db()
    assert edited_organisation.visibility == "internal"


def test_an_invalid_profile_keeps_the_input(client_as, editor_user, edited_organisation):
    response = client_as(editor_user).post(
        url("organisation_edit", edited_organisation),
        organisation_post(edited_organisation, founding_year="2999", description="Entwurf"),
    )

    assert response.status_code == 200
    assert "founding_year" in response.context["form"].errors
    assert "Entwurf" in response.content.decode()
    edited_organisation.refresh_from_db()
    assert edited_organisation.description != "Entwurf"


def test_an_inactive_type_stays_selectable_for_who_has_it(client_as, editor_user, edited_organisation):
    OrganisationType.objects.filter(pk=edited_organisation.type_id).update(is_active=False)
    hidden = term(OrganisationType, "school")
    OrganisationType.objects.filter(pk=hidden.pk).update(is_active=False)

    form = client_as(editor_user).get(url("organisation_edit", edited_organisation)).context["form"]
    choices = set(form.fields["type"].queryset)
    assert edited_organisation.type in choices and hidden not in choices


# --- Needs and offers -------------------------------------------------------------------------


def test_an_editor_adds_edits_and_deletes_a_need(client_as, editor_user, edited_organisation):
    client = client_as(editor_user)

    response = client.post(url("need_create", edited_organisation), need_post())
    assert response.status_code == 302 and response["Location"] == profile(edited_organisation)
    need = Need.objects.get(organisation=edited_organisation)
    assert need.title == "Raum für das Elterncafé"

    client.post(url("need_edit", edited_organisation, need.pk), need_post(title="Größerer Raum"))
    need.refresh_from_db()
    assert need.title == "Größerer Raum"

    confirm = client.get(url("need_delete", edited_organisation, need.pk))
    assert confirm.status_code == 200
    assert "directory/editing/confirm_delete.html" in [t.name for t in confirm.templates]
    assert Need.objects.filter(pk=need.pk).exists()

    client.post(url("need_delete", edited_organisation, need.pk))
    assert not Need.objects.filter(pk=need.pk).exists()
    actions = list(
        AuditEntry.objects.filter(object_id=str(need.pk), content_type__model="need")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]
    removal = AuditEntry.objects.filter(object_id=str(edited_organisation.pk)).first()
    assert removal.changes == {"needs": ["Größerer Raum", None]}


def test_an_offer_is_created_like_a_need(client_as, editor_user, edited_organisation):
    client_as(editor_user).post(
        url("offer_create", edited_organisation), need_post(title="Dolmetschen Französisch")
    )
    offer = Offer.objects.get(organisation=edited_organisation)
    assert offer.title == "Dolmetschen Französisch"
    assert not Need.objects.exists()


def test_a_need_ending_before_it_starts_is_refused_keeping_input(
    client_as, editor_user, edited_organisation
):
    response = client_as(editor_user).post(
        url("need_create", edited_organisation),
        need_post(valid_from="2026-05-01", valid_until="2026-04-01", title="Mein Entwurf"),
    )

    assert response.status_code == 200
    assert "valid_until" in response.context["form"].errors
    content = response.content.decode()
    assert 'value="Mein Entwurf"' in content and 'value="2026-04-01"' in content
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("need_edit", NeedFactory),
        ("need_delete", NeedFactory),
        ("offer_edit", OfferFactory),
        ("offer_delete", OfferFactory),
        ("contact_edit", None),
        ("contact_delete", None),
    ],
)
def test_items_of_another_organisation_are_not_found_under_ones_own(
    client_as, editor_user, edited_organisation, name, factory
):
    other = OrganisationFactory(name="Anderer Verein")
    if factory is None:
        item = ContactPersonFactory(organisations=[other])
    else:
        item = factory(organisation=other)
    client = client_as(editor_user)

    assert client.get(url(name, edited_organisation, item.pk)).status_code == 404
    assert client.post(url(name, edited_organisation, item.pk), need_post()).status_code == 404
    assert type(item).objects.filter(pk=item.pk).exists()


def test_an_editor_of_another_organisation_is_refused(client_as, editor_user):
    other = OrganisationFactory(name="Anderer Verein")
    need = NeedFactory(organisation=other)

    response = client_as(editor_user).post(url("need_delete", other, need.pk))

    assert response.status_code == 403
    assert Need.objects.filter(pk=need.pk).exists()


# --- Contact persons --------------------------------------------------------------------------


def test_a_contact_is_stored_with_the_recorded_consent(client_as, editor_user, edited_organisation):
    response = client_as(editor_user).post(url("contact_create", edited_organisation), contact_post())

    assert response.status_code == 302
    contact = ContactPerson.objects.get(name="Fatou Ndiaye")
    assert list(contact.organisations.all()) == [edited_organisation]
    consent = contact.consent
    assert consent.subject == "Fatou Ndiaye"
    assert consent.method == Consent.Method.WRITTEN
    assert consent.evidence == "Unterschriebenes Formular im Büro-Ordner"
    assert consent.recorded_by == editor_user
    assert consent.given_at.year == 2020
    entry = AuditEntry.objects.get(content_type__model="contactperson", object_id=str(contact.pk))
    assert entry.action == "create" and "consent" in entry.changes


def test_a_contact_without_confirmed_consent_is_refused(client_as, editor_user, edited_organisation):
    response = client_as(editor_user).post(
        url("contact_create", edited_organisation), contact_post(**{"consent-confirmed": None})
    )

    assert response.status_code == 200
    assert "confirmed" in response.context["consent_form"].errors
    assert 'value="Fatou Ndiaye"' in response.content.decode()
    assert not ContactPerson.objects.exists() and not Consent.objects.exists()


def test_a_consent_from_the_future_is_refused(client_as, editor_user, edited_organisation):
    response = client_as(editor_user).post(
        url("contact_create", edited_organisation),
        contact_post(**{"consent-given_at": "2999-01-01T10:00"}),
    )
    assert "given_at" in response.context["consent_form"].errors
    assert not ContactPerson.objects.exists()


def test_the_import_method_is_not_offered_to_editors(client_as, editor_user, edited_organisation):
    response = client_as(editor_user).post(
        url("contact_create", edited_organisation), contact_post(**{"consent-method": "import"})
    )
    assert "method" in response.context["consent_form"].errors


def test_a_contact_is_edited_without_asking_for_consent_again(
    client_as, editor_user, edited_organisation
):
    # The person agreed to a public listing (test_consent_scope covers the other case).
    contact = ContactPersonFactory(
        organisations=[edited_organisation], consent=ConsentFactory(scope="public")
    )
    client = client_as(editor_user)
    page = client.get(url("contact_edit", edited_organisation, contact.pk))
    assert "consent_form" not in page.context or page.context["consent_form"] is None

    client.post(
        url("contact_edit", edited_organisation, contact.pk),
        {"name": "Erika Beispiel", "role": "Kassenwartin", "visibility": "public", "version": 1},
    )
    contact.refresh_from_db()
    assert contact.role == "Kassenwartin" and contact.visibility == "public"
    assert list(contact.organisations.all()) == [edited_organisation]


def test_deleting_a_contact_withdraws_the_consent(client_as, editor_user, edited_organisation):
    contact = ContactPersonFactory(organisations=[edited_organisation])
    consent = contact.consent
    client = client_as(editor_user)

    assert client.get(url("contact_delete", edited_organisation, contact.pk)).status_code == 200
    response = client.post(
        url("contact_delete", edited_organisation, contact.pk), {"reason": "per Telefon"}
    )

    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    removal = AuditEntry.objects.filter(object_id=str(edited_organisation.pk)).first()
    assert list(removal.changes) == ["contacts"] and removal.changes["contacts"][1] is None
    assert "Erika" not in str(removal.changes)


def test_a_rejected_profile_still_shows_the_saved_name(client_as, editor_user, edited_organisation):
    response = client_as(editor_user).post(
        url("organisation_edit", edited_organisation),
        organisation_post(edited_organisation, name="", founding_year="2999"),
    )
    assert "name" in response.context["form"].errors
    assert response.context["organisation"].name == "Deutsch-Syrischer Kulturverein"


def test_my_organisations_needs_few_queries(client_as, editor_user, django_assert_max_num_queries):
    for _number in range(12):
        OrganisationFactory(editors=[editor_user])
    client = client_as(editor_user)
    # +1 for their cooperations (one query for all organisations; one more with any).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("directory:my_organisations"))
    assert len(response.context["organisations"]) == 12


def test_the_edit_page_lists_items_in_few_queries(
    client_as, editor_user, edited_organisation, django_assert_max_num_queries
):
    needs = [NeedFactory(organisation=edited_organisation) for _number in range(6)]
    for _number in range(6):
        OfferFactory(organisation=edited_organisation)
        ContactPersonFactory(organisations=[edited_organisation])
    client = client_as(editor_user)
    with django_assert_max_num_queries(25):
        response = client.get(url("organisation_edit", edited_organisation))
    content = response.content.decode()
    assert all(url("need_edit", edited_organisation, need.pk) in content for need in needs)
