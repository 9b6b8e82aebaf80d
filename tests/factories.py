"""factory_boy factories for every domain model; tests build their data only through these."""

import factory
from django.utils import timezone

from vernetzt.accounts.models import User
from vernetzt.directory import models as directory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def office_group(user, create, extracted, **kwargs):
        if create:
            from vernetzt.accounts.services import ensure_office_group

            user.groups.add(ensure_office_group())


class CouncilMemberFactory(UserFactory):
    is_council_member = True


def term(model, slug, name=None):
    """A managed-list entry, reusing the seeded one when it exists."""
    obj, _created = model.objects.get_or_create(slug=slug, defaults={"name": name or slug.title()})
    return obj


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.District
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"district-{n}")
    name = factory.Sequence(lambda n: f"Stadtteil {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Verein Nummer {n} e.V.")
    slug = factory.Sequence(lambda n: f"verein-nummer-{n}")
    type = factory.LazyFunction(lambda: term(directory.OrganisationType, "mso"))
    description = "Wir bieten Sprachkurse und eine Frauengruppe an."
    status = directory.Organisation.Status.VERIFIED
    visibility = directory.Visibility.PUBLIC

    @factory.post_generation
    def editors(org, create, extracted, **kwargs):
        if create and extracted:
            org.editors.add(*extracted)

    @factory.post_generation
    def fields(org, create, extracted, **kwargs):
        if create and extracted:
            org.fields.add(*extracted)

    @factory.post_generation
    def districts(org, create, extracted, **kwargs):
        if create and extracted:
            org.districts.add(*extracted)

    @factory.post_generation
    def communities(org, create, extracted, **kwargs):
        if create and extracted:
            org.communities.add(*extracted)

    @factory.post_generation
    def languages(org, create, extracted, **kwargs):
        if create and extracted:
            org.languages.add(*extracted)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.Consent

    subject = "Erika Beispiel"
    purpose = "Veröffentlichung als Ansprechperson im Verzeichnis"
    method = directory.Consent.Method.WRITTEN
    given_at = factory.LazyFunction(timezone.now)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.Need

    organisation = factory.SubFactory(OrganisationFactory)
    category = factory.LazyFunction(lambda: term(directory.Category, "rooms"))
    title = "Raum für Treffen am Abend"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.Offer

    organisation = factory.SubFactory(OrganisationFactory)
    category = factory.LazyFunction(lambda: term(directory.Category, "interpreting"))
    title = "Dolmetschen Arabisch"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = directory.ContactPerson
        skip_postgeneration_save = True

    name = "Erika Beispiel"
    role = "Vorsitzende"
    email = "erika@example.org"
    visibility = directory.Visibility.INTERNAL
    # The consent covers the visibility the test asks for (``Consent.allows``).
    consent = factory.SubFactory(
        ConsentFactory, scope=factory.SelfAttribute("..visibility")
    )

    @factory.post_generation
    def organisations(contact, create, extracted, **kwargs):
        if create and extracted:
            contact.organisations.add(*extracted)
