"""Organisations describe themselves in further languages; readers of that language see it,
marked with its language, everyone else the German description."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.directory import services
from vernetzt.directory.models import OrganisationDescription

pytestmark = pytest.mark.django_db


def edit_url(organisation):
    return reverse("directory:organisation_descriptions", kwargs={"slug": organisation.slug})


def profile_in(client, organisation, language):
    client.cookies["django_language"] = language
    return client.get(reverse("directory:organisation_detail", kwargs={"slug": organisation.slug}))


def test_an_editor_adds_changes_and_removes_a_translation(client_as, editor_user, edited_organisation):
    client = client_as(editor_user)
    response = client.post(edit_url(edited_organisation), {"ar": "نحن جمعية ثقافية.", "tr": ""})
    assert response.status_code == 302
    assert OrganisationDescription.objects.get(organisation=edited_organisation).text == (
        "نحن جمعية ثقافية."
    )

    client.post(edit_url(edited_organisation), {"ar": "  نص جديد  "})
    assert OrganisationDescription.objects.get(organisation=edited_organisation).text == "نص جديد"

    client.post(edit_url(edited_organisation), {"ar": ""})
    assert not OrganisationDescription.objects.filter(organisation=edited_organisation).exists()
    changes = [
        entry.changes["description"]
        for entry in AuditEntry.objects.filter(object_id=str(edited_organisation.pk))
        if "description" in entry.changes
    ]
    assert len(changes) == 3
    assert ["نص جديد", ""] in changes


def test_a_too_long_translation_is_refused_and_kept_in_the_form(client_as, editor_user, edited_organisation):
    text = "x" * 5001
    response = client_as(editor_user).post(edit_url(edited_organisation), {"en": text})
    assert response.status_code == 200
    assert text in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not OrganisationDescription.objects.exists()


def test_unchanged_text_writes_no_audit_entry(editor_user, edited_organisation):
    services.save_description_translation(
        actor=editor_user, organisation=edited_organisation, language="en", text="We meet."
    )
    before = AuditEntry.objects.count()
    services.save_description_translation(
        actor=editor_user, organisation=edited_organisation, language="en", text="We meet. "
    )
    assert AuditEntry.objects.count() == before


def test_german_is_not_a_further_language(editor_user, edited_organisation):
    with pytest.raises(ValueError):
        services.save_description_translation(
            actor=editor_user, organisation=edited_organisation, language="de", text="Hallo"
        )


def test_readers_see_their_language_or_german_marked_as_german(client, staff_user):
    organisation = OrganisationFactory(description="Wir treffen uns jeden Montag.")
    services.save_description_translation(
        actor=staff_user, organisation=organisation, language="ar", text="نلتقي كل يوم اثنين."
    )

    arabic = profile_in(client, organisation, "ar").content.decode()
    assert 'lang="ar" dir="auto"><p>نلتقي كل يوم اثنين.</p>' in arabic
    assert "Wir treffen uns" not in arabic

    turkish = profile_in(client, organisation, "tr").content.decode()
    assert 'lang="de" dir="auto"><p>Wir treffen uns jeden Montag.</p>' in turkish


def test_the_edit_page_links_to_the_translations(client_as, editor_user, edited_organisation):
    response = client_as(editor_user).get(
        reverse("directory:organisation_edit", kwargs={"slug": edited_organisation.slug})
    )
    assert edit_url(edited_organisation) in response.content.decode()
