"""Factories for papers, measures, milestones, progress and budget lines (the accountability
pages and their tests)."""

import datetime
from decimal import Decimal

import factory

from vernetzt.council.models import (
    BudgetLine,
    Consultation,
    Measure,
    Milestone,
    Paper,
    ProgressUpdate,
)


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    reference = factory.Sequence(lambda n: f"26-{4200 + n}")
    name = factory.Sequence(
        lambda n: f"Antrag {n}: Aufsuchende Integrationsarbeit in den Moscheegemeinden stärken"
    )
    kind = Paper.Kind.MOTION
    date = datetime.date(2026, 3, 12)
    text = "Der Rat möge beschließen: Die Verwaltung wird beauftragt, …"
    is_public = True


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    paper = factory.SubFactory(PaperFactory)
    result = Consultation.Result.ACCEPTED
    role = "Entscheidung"
    authoritative = True


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    title = factory.Sequence(lambda n: f"Aufsuchendes Programm {n} – „Brücken bauen“")
    description = "Mehrsprachige Infoabende in den Gemeinden, begleitet von Lotsinnen."
    paper = factory.SubFactory(PaperFactory)
    status = Measure.Status.RUNNING
    start_date = datetime.date(2026, 4, 1)
    is_public = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    measure = factory.SubFactory(MeasureFactory)
    title = factory.Sequence(lambda n: f"Infoabend {n} durchgeführt")
    due_date = datetime.date(2026, 6, 30)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    measure = factory.SubFactory(MeasureFactory)
    date = datetime.date(2026, 5, 15)
    text = "Erster Infoabend in der DITIB-Gemeinde mit 42 Teilnehmenden; Dolmetschen Türkisch/Arabisch."
    participants_reached = 42
    volunteers_won = 3
    indicators = {"Sprachcafés": "2"}


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    measure = factory.SubFactory(MeasureFactory)
    kind = BudgetLine.Kind.PLAN
    amount = Decimal("5000.00")
    date = datetime.date(2026, 4, 1)
    purpose = "Honorare und Raummieten"
    funding_source = BudgetLine.Source.MUNICIPAL
