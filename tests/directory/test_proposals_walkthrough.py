"""The whole way of a new organisation, through the pages a person would use."""

import pytest
from django.urls import reverse

from tests.directory.factories_editing import need_post, proposal_post
from tests.factories import UserFactory
from vernetzt.directory.models import Organisation

pytestmark = pytest.mark.django_db


def test_propose_verify_name_editor_add_need_and_offer_then_read_the_history(
    client, client_as, staff_user
):
    amina = UserFactory(username="amina", email="amina@example.org")

    # A volunteer proposes her association, not logged in.
    client.logout()
    response = client.post(reverse("directory:proposal_create"), proposal_post())
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Afrikanischer Elternverein e.V.")
    slug = organisation.slug

    # The office finds it in the queue and verifies it, naming her account as editor.
    office = client_as(staff_user)
    queue = office.get(reverse("directory:review_list"))
    assert [row[0] for row in queue.context["rows"]] == [organisation]
    decide = reverse("directory:review_decide", kwargs={"slug": slug})
    response = office.post(decide, {"decision": "verify", "verify-editor": "amina@example.org"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED

    # She now finds it under "my organisations" and adds a need and an offer.
    editor = client_as(amina)
    mine = editor.get(reverse("directory:my_organisations"))
    assert list(mine.context["organisations"]) == [organisation]
    response = editor.post(reverse("directory:need_create", kwargs={"slug": slug}), need_post())
    assert response.status_code == 302
    response = editor.post(
        reverse("directory:offer_create", kwargs={"slug": slug}),
        need_post(title="Dolmetschen Französisch–Deutsch"),
    )
    assert response.status_code == 302

    # The office reads every step in the history, newest first, with who did it.
    history = client_as(staff_user).get(
        reverse("directory:organisation_history", kwargs={"slug": slug})
    )
    steps = [
        (entry.content_type.model, entry.action, entry.actor_label, sorted(entry.changes))
        for entry in history.context["entries"]
    ]
    anonymous_label = steps[-1][2]
    assert steps[0][:3] == ("offer", "create", "amina")
    assert steps[1][:3] == ("need", "create", "amina")
    assert steps[2] == ("organisation", "update", "office", ["editors"])
    assert steps[3] == ("organisation", "status", "office", ["status"])
    assert steps[4][:3] == ("organisation", "create", anonymous_label)
    assert "name" in steps[4][3] and "status" in steps[4][3]
    assert len(steps) == 5
    content = history.content.decode()
    for text in ["Raum für das Elterncafé", "Dolmetschen Französisch–Deutsch", "amina", "office"]:
        assert text in content
