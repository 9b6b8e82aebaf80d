"""Factories for the public directory's tests: organisations that are in the search index."""

from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import (
    ContactPersonFactory,
    DistrictFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    term,
)
from vernetzt.directory import derived
from vernetzt.directory.models import (
    Category,
    Community,
    FieldOfAction,
    Language,
    Organisation,
    OrganisationType,
    Visibility,
)


class IndexedOrganisationFactory(OrganisationFactory):
    """An organisation whose search text and full-text index are current, as services leave it."""

    @factory.post_generation
    def index(org, create, extracted, **kwargs):
        if create:
            derived.organisations_changed(organisation_ids=[org.pk])
            org.refresh_from_db(fields=["search_document"])


def field(slug):
    return term(FieldOfAction, slug)


def community(slug):
    return term(Community, slug)


def language(code):
    return Language.objects.get(code=code)


def directory_world(*, editor=None):
    """Organisations in every state, with relations, needs, offers and contacts.

    Only "Frauentreff Nord" and "Lernhaus" are public; the editor (if given) edits the proposed
    "Vorgeschlagener Verein".
    """
    north = DistrictFactory(slug="nord", name="Nord")
    south = DistrictFactory(slug="sued", name="Süd")
    today = timezone.localdate()
    public = IndexedOrganisationFactory(
        name="Frauentreff Nord",
        slug="frauentreff-nord",
        description="Frauengruppe und Sprachkurse.",
        goals="Begegnung ermöglichen.",
        founding_year=1999,
        legal_form=Organisation.LegalForm.REGISTERED_ASSOCIATION,
        member_count=40,
        street="Hauptstraße 1",
        postcode="12345",
        city="Musterstadt",
        latitude="52.500000",
        longitude="13.400000",
        website="https://frauentreff.example.org",
        public_email="info@frauentreff.example.org",
        public_phone="0123 456",
        accessibility=Organisation.Accessibility.FULL,
        fields=[field("women"), field("language")],
        districts=[north],
        communities=[community("arabic")],
        languages=[language("ar"), language("de")],
    )
    lernhaus = IndexedOrganisationFactory(
        name="Lernhaus",
        slug="lernhaus",
        type=term(OrganisationType, "welfare"),
        description="Nachhilfe für Kinder.",
        fields=[field("education")],
        districts=[south],
    )
    NeedFactory(organisation=public, title="Raum für Abendtreffen", category=term(Category, "rooms"))
    NeedFactory(
        organisation=public,
        title="Abgelaufener Bedarf",
        category=term(Category, "funding"),
        valid_from=today - timedelta(days=30),
        valid_until=today - timedelta(days=1),
    )
    OfferFactory(organisation=public, title="Dolmetschen Arabisch")
    ContactPersonFactory(
        name="Öffentliche Person", visibility=Visibility.PUBLIC, organisations=[public]
    )
    ContactPersonFactory(
        name="Interne Person", email="intern@example.org", organisations=[public]
    )
    derived.organisations_changed(organisation_ids=[public.pk])
    hidden = {
        "internal": IndexedOrganisationFactory(
            name="Interner Arbeitskreis", slug="intern", visibility=Visibility.INTERNAL,
            fields=[field("women")],
        ),
        "proposed": IndexedOrganisationFactory(
            name="Vorgeschlagener Verein", slug="vorgeschlagen",
            status=Organisation.Status.PROPOSED, editors=[editor] if editor else [],
        ),
        "archived": IndexedOrganisationFactory(
            name="Archivierter Verein", slug="archiviert", status=Organisation.Status.ARCHIVED
        ),
        "rejected": IndexedOrganisationFactory(
            name="Abgelehnter Verein", slug="abgelehnt", status=Organisation.Status.REJECTED
        ),
    }
    return {"public": public, "lernhaus": lernhaus, **hidden}


PUBLIC_NAMES = {"Frauentreff Nord", "Lernhaus"}
HIDDEN_NAMES = {
    "Interner Arbeitskreis", "Vorgeschlagener Verein", "Archivierter Verein", "Abgelehnter Verein",
}
