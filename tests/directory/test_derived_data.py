"""The derived-data contract: every write reindexes what it changed and moves the directory
revision exactly once, whichever way it came (service, nested services, admin, import)."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse

from tests.directory.factories_public import IndexedOrganisationFactory
from tests.directory.test_admin import post_organisation
from tests.factories import DistrictFactory, OrganisationFactory, UserFactory, term
from vernetzt.directory import cache, search, services
from vernetzt.directory.models import Category, FieldOfAction, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def bumps(monkeypatch):
    counted = []
    original = cache.bump
    monkeypatch.setattr(cache, "bump", lambda: (counted.append(1), original())[1])
    return counted


def test_one_save_bumps_the_revision_once(bumps, staff_user):
    organisation = IndexedOrganisationFactory(name="Alter Name")
    bumps.clear()
    services.update_organisation(
        actor=staff_user, organisation=organisation,
        data={"name": "Neuer Name", "fields": [term(FieldOfAction, "culture")],
              "districts": [DistrictFactory()]},
    )
    assert len(bumps) == 1
    assert organisation.pk in set(search.matching_ids("Neuer"))


def test_nested_services_bump_once(bumps, staff_user):
    proposal = OrganisationFactory(status=Organisation.Status.PROPOSED)
    bumps.clear()
    services.verify_proposal(actor=staff_user, organisation=proposal, editor=UserFactory())
    assert len(bumps) == 1


def test_a_need_bumps_once_and_is_found(bumps, staff_user):
    organisation = IndexedOrganisationFactory()
    bumps.clear()
    services.save_need(
        actor=staff_user, organisation=organisation,
        data={"category": term(Category, "rooms"), "title": "Probenraum gesucht"},
    )
    assert len(bumps) == 1
    assert organisation.pk in set(search.matching_ids("Probenraum"))


def test_an_admin_save_with_its_links_bumps_once(bumps, client_as, staff_user):
    organisation = IndexedOrganisationFactory(name="Alter Name")
    bumps.clear()
    response = post_organisation(
        client_as(staff_user), organisation, name="Neuer Name",
        fields=[term(FieldOfAction, "sport").pk],
    )
    assert response.status_code == 302
    assert len(bumps) == 1
    assert organisation.pk in set(search.matching_ids("Neuer"))


def test_a_term_renamed_in_the_admin_reindexes_its_organisations(client_as, staff_user):
    women = term(FieldOfAction, "women")
    organisation = IndexedOrganisationFactory(fields=[women])
    response = client_as(staff_user).post(
        reverse("admin:directory_fieldofaction_change", args=[women.pk]),
        {"slug": women.slug, "name": "Mädchenarbeit", "translations": "{}", "synonyms": "",
         "sort_order": str(women.sort_order), "is_active": "on"},
    )
    assert response.status_code == 302
    assert organisation.pk in set(search.matching_ids("Mädchenarbeit"))


def test_a_failed_write_bumps_nothing(bumps, staff_user):
    organisation = IndexedOrganisationFactory()
    bumps.clear()
    with pytest.raises(services.TransitionError):
        services.change_status(
            actor=staff_user, organisation=organisation, status=Organisation.Status.PROPOSED
        )
    assert bumps == []


def test_a_deployment_makes_cached_pages_stale(bumps):
    emit_post_migrate_signal(0, False, "default")  # what every ``migrate`` ends with
    assert bumps
