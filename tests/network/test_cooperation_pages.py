"""The cooperation pages as editors, staff and the public use them, the profile section and
the public API."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.network.factories_cooperations import cooperation as make_cooperation
from vernetzt.directory.models import Visibility
from vernetzt.network.models import Cooperation, CooperationPartner

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def partner(db):
    editor = UserFactory(username="feuerwehr", email="feuerwehr@example.org")
    return OrganisationFactory(name="Jugendfeuerwehr Süd", slug="jf-sued", editors=[editor])


def profile(slug):
    return reverse("directory:organisation_detail", kwargs={"slug": slug})


def test_an_editor_proposes_the_partner_confirms_and_both_profiles_show_it(
    client_as, editor_user, edited_organisation, partner, django_capture_on_commit_callbacks
):
    client = client_as(editor_user)
    url = reverse("network:cooperation_propose", kwargs={"slug": edited_organisation.slug})
    page = client.get(url, **EN)
    assert "Jugendfeuerwehr Süd" in page.content.decode()
    assert edited_organisation.name not in page.content.decode().split("<form")[1]  # not itself
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "partners": [partner.pk],
                "title": "Brandschutz-Workshop auf Arabisch",
                "kind": "punctual",
                "visibility": "public",
                "description": "Einmal im Frühjahr",
                "message": "Hallo!",
            },
        )
    cooperation = Cooperation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "network:cooperation_detail", kwargs={"pk": cooperation.pk}
    )
    assert [m.to for m in mail.outbox] == [["feuerwehr@example.org"]]

    # The partner's editor finds it among their decisions and confirms.
    other = client_as(partner.editors.get())
    listing = other.get(reverse("network:cooperation_decisions"), **EN).content.decode()
    assert "Brandschutz-Workshop auf Arabisch" in listing
    decide = reverse(
        "network:cooperation_decide", kwargs={"pk": cooperation.pk, "slug": partner.slug}
    )
    response = other.post(decide, {"decision": "decline"}, **EN)  # a decline needs a reason
    assert response.status_code == 200 and "Please give a reason." in response.content.decode()
    response = other.post(decide, {"decision": "confirm"})
    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.AGREED

    # Both profiles show it to the public (it is public and both partners are).
    client.logout()
    for organisation in (edited_organisation, partner):
        content = client.get(profile(organisation.slug), **EN).content.decode()
        assert "Brandschutz-Workshop auf Arabisch" in content
        assert "Current cooperations" in content


def test_the_editor_of_another_organisation_cannot_decide(
    client_as, editor_user, edited_organisation, partner
):
    cooperation = make_cooperation(
        [partner, edited_organisation], status=Cooperation.Status.PROPOSED, proposed_by=partner
    )
    stranger = UserFactory(username="fremd")
    OrganisationFactory(slug="fremder-verein", editors=[stranger])
    url = reverse(
        "network:cooperation_decide",
        kwargs={"pk": cooperation.pk, "slug": edited_organisation.slug},
    )
    assert client_as(stranger).post(url, {"decision": "confirm"}).status_code == 403
    # The partner's own editor may not decide for the editor's organisation either.
    assert client_as(partner.editors.get()).post(url, {"decision": "confirm"}).status_code == 403
    assert cooperation.partners.get(organisation=edited_organisation).decision == (
        CooperationPartner.Decision.PENDING
    )
    assert client_as(editor_user).post(url, {"decision": "confirm"}).status_code == 302


def test_end_with_reason_on_the_page(client_as, editor_user, edited_organisation, partner):
    cooperation = make_cooperation([edited_organisation, partner])
    client = client_as(editor_user)
    url = reverse("network:cooperation_end", kwargs={"pk": cooperation.pk})
    response = client.post(url, {"reason": ""}, **EN)
    assert response.status_code == 200
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.ACTIVE
    response = client.post(url, {"reason": "Förderung ausgelaufen"})
    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.ENDED
    content = client.get(profile(edited_organisation.slug), **EN).content.decode()
    assert "Past cooperations" in content


def test_an_internal_cooperation_never_shows_on_the_anonymous_profile(
    client, client_as, editor_user, edited_organisation, partner
):
    make_cooperation(
        [edited_organisation, partner], title="Interne Absprache", visibility=Visibility.INTERNAL
    )
    internal_partner = OrganisationFactory(
        name="Interner Träger", slug="intern", visibility=Visibility.INTERNAL
    )
    make_cooperation([edited_organisation, internal_partner], title="Mit internem Träger")
    make_cooperation([edited_organisation, partner], title="Öffentlich gemeinsam")
    content = client.get(profile(edited_organisation.slug)).content.decode()
    assert "Öffentlich gemeinsam" in content
    assert "Interne Absprache" not in content
    assert "Mit internem Träger" not in content and "Interner Träger" not in content
    # The API says the same.
    data = client.get(reverse("api:network_cooperations")).json()
    assert [item["title"] for item in data["results"]] == ["Öffentlich gemeinsam"]
    # The organisation's editor sees all three, marked.
    content = client_as(editor_user).get(profile(edited_organisation.slug), **EN).content.decode()
    assert "Interne Absprache" in content and "Mit internem Träger" in content
    # An internal cooperation's page is closed to the public.
    hidden = Cooperation.objects.get(title="Interne Absprache")
    client.logout()
    response = client.get(reverse("network:cooperation_detail", kwargs={"pk": hidden.pk}))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_a_new_cooperation_makes_the_cached_profile_stale(
    client, client_as, editor_user, edited_organisation, partner
):
    assert (
        "Neu und öffentlich" not in client.get(profile(edited_organisation.slug)).content.decode()
    )
    client_as(editor_user).post(
        reverse("network:cooperation_propose", kwargs={"slug": edited_organisation.slug}),
        {
            "partners": [partner.pk],
            "title": "Neu und öffentlich",
            "kind": "lasting",
            "visibility": "public",
        },
    )
    cooperation = Cooperation.objects.get()
    client_as(partner.editors.get()).post(
        reverse("network:cooperation_decide", kwargs={"pk": cooperation.pk, "slug": partner.slug}),
        {"decision": "confirm"},
    )
    client.logout()
    assert "Neu und öffentlich" in client.get(profile(edited_organisation.slug)).content.decode()


def test_my_organisations_lists_the_cooperations(
    client_as, editor_user, edited_organisation, partner
):
    make_cooperation([edited_organisation, partner], title="Laufende Partnerschaft")
    make_cooperation(
        [partner, edited_organisation],
        title="Wartet auf uns",
        status=Cooperation.Status.PROPOSED,
        proposed_by=partner,
    )
    content = client_as(editor_user).get(reverse("directory:my_organisations"), **EN)
    content = content.content.decode()
    assert "Laufende Partnerschaft" in content and "Wartet auf uns" in content
    assert "Proposed, waiting for decisions" in content
    waiting = Cooperation.objects.get(title="Wartet auf uns")
    decide = reverse(
        "network:cooperation_decide", kwargs={"pk": waiting.pk, "slug": edited_organisation.slug}
    )
    assert decide in content and "not yet decided" in content


def test_staff_record_on_behalf(client_as, staff_user, edited_organisation, partner):
    client = client_as(staff_user)
    response = client.post(
        reverse("network:cooperation_record"),
        {
            "organisations": [edited_organisation.pk, partner.pk],
            "status": "active",
            "title": "Aus der Papierliste",
            "kind": "network",
            "visibility": "internal",
            "note": "Liste Lenkungsgruppe",
        },
    )
    assert response.status_code == 302
    cooperation = Cooperation.objects.get()
    assert cooperation.status == Cooperation.Status.ACTIVE
    response = client.post(
        reverse("network:cooperation_record"),
        {
            "organisations": [partner.pk],
            "status": "ended",
            "title": "x",
            "kind": "network",
            "visibility": "internal",
        },
        **EN,
    )
    content = response.content.decode()
    assert "Choose at least two organisations." in content and "Please give a reason." in content
    assert Cooperation.objects.count() == 1


def test_the_detail_page_names_partners_and_their_decisions(
    client_as, editor_user, edited_organisation, partner, staff_user
):
    cooperation = make_cooperation(
        [partner, edited_organisation], status=Cooperation.Status.PROPOSED, proposed_by=partner
    )
    content = (
        client_as(editor_user)
        .get(reverse("network:cooperation_detail", kwargs={"pk": cooperation.pk}), **EN)
        .content.decode()
    )
    assert "not yet decided" in content and "confirmed" in content
    assert (
        reverse(
            "network:cooperation_decide",
            kwargs={"pk": cooperation.pk, "slug": edited_organisation.slug},
        )
        in content
    )


def test_the_api_lists_only_public_data(client, edited_organisation, partner):
    make_cooperation([edited_organisation, partner], title="Öffentlich", status_reason="geheim")
    make_cooperation(
        [edited_organisation, partner],
        title="Vorschlag",
        status=Cooperation.Status.PROPOSED,
        proposed_by=partner,
    )
    response = client.get(reverse("api:network_cooperations"), {"organisation": partner.slug})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["title"] == "Öffentlich"
    assert {p["slug"] for p in item["partners"]} == {edited_organisation.slug, partner.slug}
    assert "geheim" not in response.content.decode()
    assert (
        client.get(reverse("api:network_cooperations"), {"status": "proposed"}).status_code == 400
    )
    assert client.get(reverse("api:network_cooperations"), {"page": 9}).status_code == 404


def test_changing_a_cooperation_keeps_a_colleagues_save(
    client_as, editor_user, edited_organisation, partner
):
    cooperation = make_cooperation([edited_organisation, partner], title="Alt")
    url = reverse("network:cooperation_edit", kwargs={"pk": cooperation.pk})
    client = client_as(editor_user)
    loaded = client.get(url).context["form"]["version"].value()
    form = {"title": "Von mir", "kind": "lasting", "visibility": "public", "version": loaded}
    client_as(partner.editors.get()).post(url, {**form, "title": "Vom Partner"})
    response = client_as(editor_user).post(url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # the conflict is shown, nothing overwritten
    cooperation.refresh_from_db()
    assert cooperation.title == "Vom Partner"
    assert "Vom Partner" in response.content.decode()
