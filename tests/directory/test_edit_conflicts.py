"""Optimistic locking: of two saves from the same version the second is refused with a clear
message that keeps the editor's input and names what was saved meanwhile."""

import pytest
from django.urls import reverse

from tests.directory.factories_editing import need_post
from tests.factories import ContactPersonFactory, NeedFactory, term
from vernetzt.directory import services
from vernetzt.directory.models import Category, OrganisationType

pytestmark = pytest.mark.django_db


def edit_url(organisation):
    return reverse("directory:organisation_edit", kwargs={"slug": organisation.slug})


def profile_post(organisation, **overrides):
    return {
        "name": organisation.name,
        "type": term(OrganisationType, "mso").pk,
        "description": "",
        "accessibility": "unknown",
        "version": organisation.version,
        **overrides,
    }


def test_the_second_save_from_the_same_version_is_refused_and_keeps_its_input(
    client_as, editor_user, staff_user, edited_organisation
):
    loaded = profile_post(edited_organisation)  # both open the form at the same version
    office = client_as(staff_user)
    assert office.post(edit_url(edited_organisation), {
        **loaded, "description": "Vom Büro: Treffen jeden Montag.", "visibility": "public",
    }).status_code == 302

    editor = client_as(editor_user)
    response = editor.post(
        edit_url(edited_organisation), {**loaded, "description": "Vom Verein: neue Zeiten."}
    )

    assert response.status_code == 200
    edited_organisation.refresh_from_db()
    assert edited_organisation.description == "Vom Büro: Treffen jeden Montag."
    form = response.context["form"]
    assert form["description"].value() == "Vom Verein: neue Zeiten."  # the input is kept
    errors = " ".join(form.non_field_errors())
    assert "Vom Büro: Treffen jeden Montag." in errors  # what changed meanwhile is shown
    assert form["version"].value() == edited_organisation.version

    # Saving again, knowingly, from the version now shown, goes through.
    again = editor.post(
        edit_url(edited_organisation),
        {**loaded, "description": "Vom Verein: neue Zeiten.", "version": form["version"].value()},
    )
    assert again.status_code == 302
    edited_organisation.refresh_from_db()
    assert edited_organisation.description == "Vom Verein: neue Zeiten."


def test_the_service_checks_and_bumps_the_version(staff_user, edited_organisation):
    version = edited_organisation.version
    services.update_organisation(
        actor=staff_user, organisation=edited_organisation, data={"goals": "A"}, version=version
    )
    assert edited_organisation.version == version + 1

    with pytest.raises(services.EditConflict) as conflict:
        services.update_organisation(
            actor=staff_user, organisation=edited_organisation, data={"goals": "B"},
            version=version,
        )
    assert conflict.value.current.goals == "A"
    edited_organisation.refresh_from_db()
    assert edited_organisation.goals == "A"


def test_needs_are_locked_the_same_way(client_as, editor_user, edited_organisation):
    need = NeedFactory(organisation=edited_organisation, category=term(Category, "rooms"))
    url = reverse(
        "directory:need_edit", kwargs={"slug": edited_organisation.slug, "pk": need.pk}
    )
    client = client_as(editor_user)
    assert client.post(url, need_post(title="Erste Fassung", version=1)).status_code == 302

    response = client.post(url, need_post(title="Zweite Fassung", version=1))

    assert response.status_code == 200
    need.refresh_from_db()
    assert need.title == "Erste Fassung"
    assert response.context["form"]["title"].value() == "Zweite Fassung"


def test_contacts_are_locked_the_same_way(client_as, editor_user, edited_organisation):
    contact = ContactPersonFactory(organisations=[edited_organisation])
    url = reverse(
        "directory:contact_edit", kwargs={"slug": edited_organisation.slug, "pk": contact.pk}
    )
    client = client_as(editor_user)
    data = {"name": "Erika Beispiel", "visibility": "internal", "version": 1}
    assert client.post(url, {**data, "role": "Kassenwartin"}).status_code == 302

    response = client.post(url, {**data, "role": "Schriftführerin"})

    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.role == "Kassenwartin"


def test_a_save_in_the_admin_makes_an_older_editor_form_conflict(
    client_as, editor_user, staff_user, edited_organisation
):
    loaded = profile_post(edited_organisation)
    admin_form = client_as(staff_user).get(
        reverse("admin:directory_organisation_change", args=[edited_organisation.pk])
    ).context["adminform"].form
    data = {
        name: [getattr(item, "pk", item) for item in value] if isinstance(value, list) else value
        for name, value in admin_form.initial.items()
        if name in admin_form.fields and value is not None
    }
    data.update({"goals": "Vom Büro im Admin", "description": "Im Admin geändert"})
    client_as(staff_user).post(
        reverse("admin:directory_organisation_change", args=[edited_organisation.pk]), data
    )
    edited_organisation.refresh_from_db()
    assert edited_organisation.description == "Im Admin geändert"

    response = client_as(editor_user).post(edit_url(edited_organisation), {
        **loaded, "description": "Vom Verein",
    })
    assert response.status_code == 200
    edited_organisation.refresh_from_db()
    assert edited_organisation.description == "Im Admin geändert"
