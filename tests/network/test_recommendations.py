"""Partner recommendations: never itself, an existing partner or a dismissed one; reasons in
words (Kreis Düren's youth-work MSO and the Jugendfeuerwehr of its district); dismissing is a
POST, remembered and audited; only the organisation's editors and staff see them."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    DistrictFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
    term,
)
from tests.network.factories_cooperations import cooperation
from vernetzt.audit.models import AuditEntry
from vernetzt.directory import models as directory
from vernetzt.network.models import Cooperation, PartnerDismissal
from vernetzt.network.recommendations import dismiss, recommendations_for

pytestmark = pytest.mark.django_db


def org(name, *, type_slug="mso", fields=(), communities=(), districts=(), **extra):
    return OrganisationFactory(
        name=name,
        type=term(directory.OrganisationType, type_slug),
        fields=[term(directory.FieldOfAction, slug) for slug in fields],
        communities=[term(directory.Community, slug) for slug in communities],
        districts=list(districts),
        **extra,
    )


@pytest.fixture
def dueren():
    """A youth-work MSO in Nordviertel, the Jugendfeuerwehr of Nordviertel, and others."""
    nord = DistrictFactory(slug="nord", name="Nordviertel")
    sued = DistrictFactory(slug="sued", name="Südstadt")
    mso = org(
        "Syrischer Jugendverein",
        fields=["youth", "culture"],
        districts=[nord],
        communities=["syrian"],
    )
    fire = org(
        "Jugendfeuerwehr Nordviertel",
        type_slug="civil_protection",
        fields=["youth"],
        districts=[nord],
    )
    far = org(
        "Jugendfeuerwehr Südstadt", type_slug="civil_protection", fields=["youth"], districts=[sued]
    )
    partner = org("Kulturzentrum Nord", type_slug="culture", fields=["culture"], districts=[nord])
    cooperation([mso, partner])
    return {"mso": mso, "fire": fire, "far": far, "partner": partner, "nord": nord, "sued": sued}


def names(found):
    return [item.organisation.name for item in found]


def test_the_dueren_case_with_reasons(dueren):
    staff = StaffFactory()
    with translation.override("en"):
        found = recommendations_for(dueren["mso"], viewer=staff)
    assert names(found)[0] == "Jugendfeuerwehr Nordviertel"
    reasons = found[0].reasons
    assert "Also works on Youth in Nordviertel." in reasons
    assert any(
        reason.startswith("A bridge to another kind of organisation: Fire brigade")
        for reason in reasons
    ), reasons
    # Another district, no shared district: no reason to recommend it.
    assert "Jugendfeuerwehr Südstadt" not in names(found)


def test_never_itself_an_existing_partner_or_a_dismissed_one(dueren):
    staff = StaffFactory()
    mso, fire = dueren["mso"], dueren["fire"]
    assert dueren["partner"].pk not in [
        item.organisation.pk for item in recommendations_for(mso, viewer=staff)
    ]
    assert mso.pk not in [item.organisation.pk for item in recommendations_for(mso, viewer=staff)]
    # A proposed or ended cooperation makes a partner too; a declined one does not.
    other = org(
        "Sportverein Nord", type_slug="sports", fields=["youth"], districts=[dueren["nord"]]
    )
    declined = org(
        "Abgelehnt Nord", type_slug="sports", fields=["youth"], districts=[dueren["nord"]]
    )
    cooperation([mso, other], status=Cooperation.Status.ENDED)
    cooperation([mso, declined], status=Cooperation.Status.DECLINED)
    found = [item.organisation.pk for item in recommendations_for(mso, viewer=staff)]
    assert other.pk not in found and declined.pk in found

    dismiss(actor=staff, organisation=mso, recommended=fire)
    dismiss(actor=staff, organisation=mso, recommended=fire)  # twice: one dismissal
    assert PartnerDismissal.objects.filter(organisation=mso).count() == 1
    assert fire.pk not in [item.organisation.pk for item in recommendations_for(mso, viewer=staff)]
    # Dismissed for this organisation only.
    assert fire.pk in [item.organisation.pk for item in recommendations_for(declined, viewer=staff)]


def test_complementary_needs_and_offers_and_partners_of_partners(dueren):
    staff = StaffFactory()
    mso = dueren["mso"]
    rooms = term(directory.Category, "rooms")
    NeedFactory(organisation=mso, category=rooms)
    landlord = org(
        "Gemeindezentrum Süd",
        type_slug="religious",
        fields=["religion"],
        districts=[dueren["sued"]],
    )
    OfferFactory(organisation=landlord, category=rooms)
    expired = org("Alter Saal", type_slug="culture", districts=[dueren["sued"]])
    OfferFactory(
        organisation=expired, category=rooms, valid_from="2020-01-01", valid_until="2020-12-31"
    )
    # Two of the MSO's partners work with the welfare association.
    second = org("Zweiter Partner", type_slug="initiative")
    cooperation([mso, second])
    welfare = org("Caritas", type_slug="welfare", fields=["counselling"])
    cooperation([welfare, dueren["partner"]])
    cooperation([welfare, second])
    with translation.override("en"):
        found = {item.organisation.name: item for item in recommendations_for(mso, viewer=staff)}
    assert "Offers Rooms, which you need." in found["Gemeindezentrum Süd"].reasons
    assert "Alter Saal" not in found  # its offer has expired
    reasons = found["Caritas"].reasons
    assert any(r.startswith("Works with 2 of your partners:") for r in reasons), reasons
    assert "Kulturzentrum Nord" in " ".join(reasons)


def test_editors_see_only_organisations_they_may_see(dueren):
    editor = UserFactory()
    dueren["mso"].editors.add(editor)
    hidden = org(
        "Interner Jugendtreff",
        type_slug="initiative",
        fields=["youth"],
        districts=[dueren["nord"]],
        visibility=directory.Visibility.INTERNAL,
    )
    staff_sees = recommendations_for(dueren["mso"], viewer=StaffFactory())
    assert hidden.pk in [item.organisation.pk for item in staff_sees]
    editor_sees = recommendations_for(dueren["mso"], viewer=editor)
    assert hidden.pk not in [item.organisation.pk for item in editor_sees]
    assert dueren["fire"].pk in [item.organisation.pk for item in editor_sees]


def test_page_and_dismissal_for_editors_of_the_organisation_only(client, dueren):
    editor, stranger = UserFactory(), UserFactory()
    mso = dueren["mso"]
    mso.editors.add(editor)
    other = org("Anderer Verein", editors=[stranger])
    assert other
    url = reverse("network:recommendation_list", args=[mso.slug])
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Jugendfeuerwehr Nordviertel" in page.content.decode()

    dismiss_url = reverse("network:recommendation_dismiss", args=[mso.slug, dueren["fire"].pk])
    assert client.get(dismiss_url).status_code == 405
    client.force_login(stranger)
    assert client.post(dismiss_url).status_code == 403
    client.force_login(editor)
    response = client.post(dismiss_url)
    assert response.status_code == 302
    dismissal = PartnerDismissal.objects.get(organisation=mso)
    assert dismissal.recommended == dueren["fire"] and dismissal.dismissed_by == editor
    assert AuditEntry.objects.filter(object_id=str(dismissal.pk), actor=editor).exists()
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Dismissed recommendations" in page
    assert "Jugendfeuerwehr Nordviertel</span></span></span></button>" not in page
