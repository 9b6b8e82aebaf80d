"""Factories for bodies, members and meetings (the body and meeting pages' tests)."""

import datetime

import factory
from django.utils import timezone

from vernetzt.council.models import ActionItem, AgendaItem, Body, Meeting, Membership, Person


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n} „Sprache & Bildung“")
    kind = Body.Kind.WORKING_GROUP
    is_public = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(
        lambda n: ["Ayşe", "Jürgen", "Olena", "محمد", "Marie-Luise"][n % 5]
    )
    family_name = factory.Sequence(
        lambda n: ["Yılmaz", "Groß", "Kovalenko", "الحسن", "Meyer-Özdemir"][n % 5] + f" {n}"
    )
    name = factory.LazyAttribute(lambda person: f"{person.given_name} {person.family_name}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER
    start_date = datetime.date(2024, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"{n}. Sitzung")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    place = "Rathaus, Raum 1.17"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda item: str(item.order))
    name = factory.Sequence(lambda n: f"Bericht der Verwaltung {n}")
    is_public = True


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Einladung an die Moscheegemeinden verschicken ({n})")
    responsible_text = "Integrationsbüro"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
