"""Form data for the editing, proposal and office tests: what a browser would post."""

from tests.factories import DistrictFactory, term
from vernetzt.directory.models import (
    Category,
    Community,
    FieldOfAction,
    Language,
    OrganisationType,
)


def proposal_post(**overrides):
    """A complete, valid proposal as the public form posts it."""
    district = DistrictFactory(slug="nordstadt", name="Nordstadt")
    data = {
        "name": "Afrikanischer Elternverein e.V.",
        "type": term(OrganisationType, "mso").pk,
        "description": "Wir helfen Eltern bei Fragen zur Schule.",
        "fields": [term(FieldOfAction, "parents").pk, term(FieldOfAction, "education").pk],
        "communities": [term(Community, "arabic").pk],
        "languages": [Language.objects.get(code="fr").pk],
        "districts": [district.pk],
        "street": "Marktplatz 1",
        "postcode": "12345",
        "city": "Musterstadt",
        "website": "https://elternverein.example.org",
        "public_email": "info@elternverein.example.org",
        "public_phone": "0123 456789",
        "proposer_name": "Amina Diallo",
        "proposer_email": "amina@example.org",
        "consent": "on",
        "fax": "",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def need_post(**overrides):
    data = {
        "category": term(Category, "rooms").pk,
        "title": "Raum für das Elterncafé",
        "description": "Jeden Dienstag, 15 bis 17 Uhr, für etwa 20 Personen.",
        "languages": [Language.objects.get(code="fr").pk],
        "districts": [],
        "valid_from": "2020-01-01",
        "valid_until": "",
        "version": 1,  # the version an editor loaded; ignored when creating
    }
    data.update(overrides)
    return data


def contact_post(**overrides):
    data = {
        "name": "Fatou Ndiaye",
        "role": "Vorsitzende",
        "email": "fatou@example.org",
        "phone": "",
        "languages": [Language.objects.get(code="fr").pk],
        "visibility": "internal",
        "consent-purpose": "Als Ansprechperson des Vereins im Verzeichnis genannt werden.",
        "consent-method": "written",
        "consent-given_at": "2020-01-05T10:00",
        "consent-evidence": "Unterschriebenes Formular im Büro-Ordner",
        "consent-confirmed": "on",
        "version": 1,  # the version an editor loaded; ignored when creating
    }
    data.update(overrides)
    data.setdefault("consent-scope", data["visibility"])  # the consent covers the visibility
    return {name: value for name, value in data.items() if value is not None}
