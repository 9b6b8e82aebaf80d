"""Cooperations in the admin: staff change what a cooperation is, audited; no adding there."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory
from tests.network.factories_cooperations import cooperation as make_cooperation
from vernetzt.audit.models import AuditEntry
from vernetzt.directory import cache
from vernetzt.network.models import Cooperation

pytestmark = pytest.mark.django_db


def test_the_admin_saves_through_the_audited_service(client_as, staff_user):
    first, second = OrganisationFactory(), OrganisationFactory()
    item = make_cooperation([first, second], title="Alt")
    client = client_as(staff_user)
    assert client.get(reverse("admin:network_cooperation_changelist")).status_code == 200
    assert client.get(reverse("admin:network_cooperation_add")).status_code == 403
    url = reverse("admin:network_cooperation_change", args=[item.pk])
    assert client.get(url).status_code == 200
    revision = cache.revision()
    response = client.post(
        url,
        {
            "title": "Neu",
            "description": "",
            "kind": "network",
            "start_date": "",
            "end_date": "",
            "visibility": "public",
            "origin_reference": "",
            "partners-TOTAL_FORMS": "2",
            "partners-INITIAL_FORMS": "2",
            "partners-MIN_NUM_FORMS": "0",
            "partners-MAX_NUM_FORMS": "1000",
            "partners-0-id": item.partners.all()[0].pk,
            "partners-0-cooperation": item.pk,
            "partners-1-id": item.partners.all()[1].pk,
            "partners-1-cooperation": item.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.title == "Neu" and item.kind == Cooperation.Kind.NETWORK
    assert item.version == 2
    entry = AuditEntry.objects.get(object_id=str(item.pk), action="update")
    assert entry.changes["title"] == ["Alt", "Neu"]
    assert cache.revision() != revision


def test_deleting_in_the_admin_is_audited(client_as, staff_user):
    item = make_cooperation([OrganisationFactory(), OrganisationFactory()], title="Doppelt")
    client = client_as(staff_user)
    response = client.post(
        reverse("admin:network_cooperation_delete", args=[item.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Cooperation.objects.exists()
    assert AuditEntry.objects.filter(object_id=str(item.pk), action="delete").count() == 1
