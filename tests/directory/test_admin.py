"""The directory in the admin: every model registered, every write audited, workflows kept."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import (
    ContactPersonFactory,
    DistrictFactory,
    NeedFactory,
    OrganisationFactory,
    UserFactory,
    term,
)
from vernetzt.audit.models import AuditEntry
from vernetzt.directory import models
from vernetzt.directory.models import FieldOfAction

pytestmark = pytest.mark.django_db


# Derived from the others and rebuilt from them, never edited by hand (none at present).
DERIVED_MODELS = set()


def test_every_directory_model_is_registered():
    registered = {model for model in admin.site._registry if model._meta.app_label == "directory"}
    concrete = {
        model
        for model in vars(models).values()
        if isinstance(model, type)
        and issubclass(model, models.models.Model)
        and model.__module__ == models.__name__
        and not model._meta.abstract
    }
    assert concrete - registered - DERIVED_MODELS == set()
    assert DERIVED_MODELS & registered == set()


@pytest.mark.parametrize(
    "name",
    [
        "organisation", "need", "offer", "contactperson", "consent", "organisationtype",
        "fieldofaction", "community", "district", "category", "language",
    ],
)
def test_every_changelist_opens_for_staff(client_as, staff_user, name):
    NeedFactory()
    ContactPersonFactory(organisations=[OrganisationFactory()])
    response = client_as(staff_user).get(reverse(f"admin:directory_{name}_changelist"))
    assert response.status_code == 200


def test_organisation_changelist_filters_and_searches(client_as, staff_user):
    OrganisationFactory(name="Elterncafé Nordstadt")
    OrganisationFactory(name="Sportverein", status="proposed")
    client = client_as(staff_user)
    url = reverse("admin:directory_organisation_changelist")

    assert client.get(url, {"q": "Elterncafé"}).context["cl"].result_count == 1
    assert client.get(url, {"status__exact": "proposed"}).context["cl"].result_count == 1


def post_organisation(client, organisation, **overrides):
    url = reverse("admin:directory_organisation_change", args=[organisation.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "all"):
            value = [item.pk for item in value.all()]
        elif isinstance(value, list):
            value = [getattr(item, "pk", item) for item in value]
        elif hasattr(value, "pk"):
            value = value.pk
        data[name] = "" if value is None else value
    data.update(overrides)
    return client.post(url, data)


def test_admin_edits_of_an_organisation_are_audited_with_editors(client_as, staff_user):
    organisation = OrganisationFactory(name="Alter Name")
    editor = UserFactory(username="neu")
    client = client_as(staff_user)

    response = post_organisation(client, organisation, name="Neuer Name", editors=[editor.pk])

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Neuer Name"
    assert list(organisation.editors.all()) == [editor]
    changes = {}
    for entry in AuditEntry.objects.filter(object_id=str(organisation.pk), actor=staff_user):
        changes.update(entry.changes)
    assert changes["name"] == ["Alter Name", "Neuer Name"]
    assert changes["editors"] == [[], ["neu"]]
    assert "Neuer Name" in organisation.search_document


def test_the_status_cannot_be_changed_in_the_admin(client_as, staff_user):
    organisation = OrganisationFactory(status="proposed")
    post_organisation(client_as(staff_user), organisation, status="verified")
    organisation.refresh_from_db()
    assert organisation.status == "proposed"


def test_managed_lists_are_edited_and_audited(client_as, staff_user):
    client = client_as(staff_user)
    response = client.post(
        reverse("admin:directory_district_add"),
        {"slug": "altstadt", "name": "Altstadt", "translations": "{}", "synonyms": "",
         "sort_order": "5", "is_active": "on"},
    )
    assert response.status_code == 302
    district = models.District.objects.get(slug="altstadt")
    assert AuditEntry.objects.filter(object_id=str(district.pk), action="create").exists()


def test_deleting_a_contact_in_the_admin_withdraws_the_consent(client_as, staff_user):
    contact = ContactPersonFactory(organisations=[OrganisationFactory()])
    url = reverse("admin:directory_contactperson_delete", args=[contact.pk])

    response = client_as(staff_user).post(url, {"post": "yes"})

    assert response.status_code == 302
    contact.consent.refresh_from_db()
    assert contact.consent.withdrawn_at is not None
    assert AuditEntry.objects.filter(object_id=str(contact.pk), action="delete").exists()


def test_needs_and_consents_cannot_be_added_in_the_admin(client_as, staff_user):
    client = client_as(staff_user)
    assert client.get(reverse("admin:directory_need_add")).status_code == 403
    assert client.get(reverse("admin:directory_consent_add")).status_code == 403
    assert client.get(reverse("admin:directory_contactperson_add")).status_code == 403


def test_changing_a_need_in_the_admin_is_audited(client_as, staff_user):
    need = NeedFactory(title="Raum")
    district = DistrictFactory()
    url = reverse("admin:directory_need_change", args=[need.pk])
    response = client_as(staff_user).post(
        url,
        {"category": need.category_id, "title": "Großer Raum", "description": "",
         "languages": [], "districts": [district.pk], "valid_from": need.valid_from.isoformat(),
         "valid_until": ""},
    )
    assert response.status_code == 302
    changes = {}
    for entry in AuditEntry.objects.filter(object_id=str(need.pk), content_type__model="need"):
        changes.update(entry.changes)
    assert changes["title"] == ["Raum", "Großer Raum"]
    assert changes["districts"] == [[], [str(district)]]


def test_inactive_terms_can_be_filtered(client_as, staff_user):
    term(FieldOfAction, "culture")
    response = client_as(staff_user).get(
        reverse("admin:directory_fieldofaction_changelist"), {"is_active__exact": "1"}
    )
    assert response.context["cl"].result_count == FieldOfAction.objects.filter(is_active=True).count()
