"""What the public pages promise beyond their data: user content isolated for right-to-left
pages, addresses and numbers left-to-right, German marked as German, no raw coordinates in
editors' forms, invalid inputs marked, a home page with ways in."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ContactPersonFactory, OrganisationFactory, term
from vernetzt.core.collation import sort_key
from vernetzt.directory.forms import OrganisationForm, ProposalForm
from vernetzt.directory.models import District, FieldOfAction, Organisation

pytestmark = pytest.mark.django_db


def page(client, url, language="ar"):
    client.cookies["django_language"] = language
    return client.get(url).content.decode()


def test_phone_email_and_web_address_stay_left_to_right_in_arabic(client):
    organisation = OrganisationFactory(
        name="Deutsch-Syrischer Kulturverein e.V.", public_phone="01234 56789",
        public_email="info@dsk.example.org", website="https://dsk.example.org",
        street="Marktplatz 1", postcode="12345", city="Musterstadt",
    )
    html = page(client, reverse("directory:organisation_detail", kwargs={"slug": organisation.slug}))
    assert 'dir="ltr" class="ltr">01234 56789</a>' in html
    assert 'dir="ltr" class="ltr">info@dsk.example.org</a>' in html
    assert 'dir="ltr" class="ltr">https://dsk.example.org</a>' in html
    assert '<address lang="de" dir="ltr" class="ltr">Marktplatz 1' in html
    assert '<bdi lang="de">Deutsch-Syrischer Kulturverein e.V.</bdi>' in html


def test_untranslated_terms_are_marked_as_german(client):
    district = District.objects.create(slug="kirchberg", name="Kirchberg", translations={})
    organisation = OrganisationFactory(name="Verein am Kirchberg")
    organisation.districts.add(district)
    html = page(client, reverse("directory:organisation_list"))
    assert '<li class="tag" lang="de">Kirchberg</li>' in html
    assert 'lang="de" dir="auto">Verein am Kirchberg</a>' in html


def test_translated_districts_show_in_the_readers_language(client):
    district = District.objects.create(
        slug="hafen", name="Hafen", translations={"en": "Harbour", "ar": "الميناء"}
    )
    organisation = OrganisationFactory(name="Hafenverein")
    organisation.districts.add(district)
    html = page(client, reverse("directory:organisation_list"), "ar")
    assert '<li class="tag">الميناء</li>' in html


def test_editors_never_see_coordinates_staff_do():
    organisation = OrganisationFactory()
    editor_form = OrganisationForm(instance=organisation)
    staff_form = OrganisationForm(instance=organisation, can_set_visibility=True)
    assert not {"latitude", "longitude"} & set(editor_form.fields)
    assert {"latitude", "longitude"} <= set(staff_form.fields)
    assert "latitude" not in ProposalForm().fields


def test_invalid_text_and_email_inputs_are_marked_like_selects(client):
    response = client.post(
        reverse("directory:proposal_create"),
        {"name": "", "proposer_email": "not an address", "fax": ""},
    )
    html = response.content.decode()
    assert 'class="kern-form-input__input kern-form-input__input--error"' in html
    assert 'type="email" name="proposer_email" value="not an address"' in html
    assert 'class="kern-form-input__select kern-form-input__select--error"' in html


def test_a_long_list_of_choices_offers_a_search(client):
    html = page(client, reverse("directory:proposal_create"), "de")
    assert "data-choice-filter=" in html.split('id="id_languages_options"')[1][:200]


def test_the_home_page_leads_into_the_directory(client):
    culture = term(FieldOfAction, "culture")
    public = OrganisationFactory(name="Öffentlicher Verein")
    public.fields.add(culture)
    hidden = OrganisationFactory(name="Interner Kreis", visibility="internal")
    hidden.fields.add(culture)
    OrganisationFactory(name="Vorgeschlagener Verein", status=Organisation.Status.PROPOSED)

    response = client.get(reverse("core:home"))
    page_response = response.content.decode()
    overview = response.context["overview"]
    assert overview.organisation_count == Organisation.objects.publicly_visible().count()
    assert [(entry.term, entry.count) for entry in overview.fields] == [(culture, 1)]
    assert f"?field={culture.slug}" in page_response
    names = [organisation.name for organisation in overview.newest]
    assert "Öffentlicher Verein" in names
    assert "Interner Kreis" not in names and "Vorgeschlagener Verein" not in names


def test_contact_phone_numbers_stay_left_to_right(client):
    organisation = OrganisationFactory()
    ContactPersonFactory(phone="0171 2345678", visibility="public", organisations=[organisation])
    html = page(client, reverse("directory:organisation_detail", kwargs={"slug": organisation.slug}))
    assert 'dir="ltr" class="ltr">0171 2345678</a>' in html


def test_languages_are_offered_in_the_readers_alphabetical_order():
    with translation.override("en"):
        labels = [label for _value, label in ProposalForm().fields["languages"].choices]
    assert "German" in labels
    assert labels == sorted(labels, key=sort_key)


def test_names_in_other_scripts_are_not_marked_as_german(client):
    OrganisationFactory(name="جمعية الصداقة", slug="sadaqa")
    OrganisationFactory(name="Freundeskreis e.V.", slug="freunde")
    html = page(client, reverse("directory:organisation_list"), "tr")
    assert '" dir="auto">جمعية الصداقة</a>' in html
    assert '" lang="de" dir="auto">Freundeskreis e.V.</a>' in html
