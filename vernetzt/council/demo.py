"""The demo town's council work: Musterstadt's integration council, the KIM steering group,
two working groups, their meetings, the seeds' motions as papers and the measures they set in
motion, with budgets, milestones and progress.

Everything is written through the council services (audited, validated), in one transaction,
so a failure leaves nothing half-written. Dates count from ``today``: meetings lie before and
after it, and some milestones and action items are overdue on it. Same ``today``, same data.
Run twice, it does nothing the second time (``seed`` returns ``None``).

The motions are taken from the seed papers of issue 10: Leverkusen's outreach concept with
5,000 EUR (here the measure that runs over its plan), Hamburg's district integration
conference with 20,000 EUR ("22-4292"), Düren's request for concepts to strengthen the
migrant organisations, Bergkamen's KIM steering group and Düsseldorf's Open Space motion.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from vernetzt.council import services
from vernetzt.council.models import (
    ActionItem,
    Attendance,
    Body,
    BudgetLine,
    Consultation,
    Measure,
    Meeting,
    Membership,
    Milestone,
    Paper,
    ProgressUpdate,
)

INTEGRATION_COUNCIL = "Integrationsrat Musterstadt"
STEERING_GROUP = "Steuerungsgruppe Kommunales Integrationsmanagement (KIM)"
WORKING_GROUP_OUTREACH = "Arbeitskreis Öffentlichkeitsarbeit"
WORKING_GROUP_MSO = "Arbeitsgruppe Migrantenselbstorganisationen"

Plan = BudgetLine.Kind.PLAN
Commitment = BudgetLine.Kind.COMMITMENT
Expenditure = BudgetLine.Kind.EXPENDITURE

# (given name, family name, form of address): fictional people of Musterstadt.
PEOPLE = [
    ("Aylin", "Demir", "Frau"),
    ("Jonas", "Kramer", "Herr"),
    ("Olena", "Kovalenko", "Frau"),
    ("Karim", "Haddad", "Herr"),
    ("Sabine", "Wolters", "Frau"),
    ("Mehmet", "Yıldız", "Herr"),
    ("Fatou", "Diallo", "Frau"),
    ("Piotr", "Nowak", "Herr"),
    ("Ingrid", "Brandt", "Frau"),
    ("Samir", "Al-Khatib", "Herr"),
    ("Lena", "Hoffmann", "Frau"),
    ("Tamara", "Petrova", "Frau"),
]


@dataclass
class CouncilResult:
    bodies: int
    meetings: int
    papers: int
    measures: int


def already_seeded():
    return Body.objects.filter(name=INTEGRATION_COUNCIL, oparl_id__isnull=True).exists()


def seed(*, today=None, actor=None):
    """Write the council part of the demo town once; ``None`` when it is there already."""
    today = today or timezone.localdate()
    if already_seeded():
        return None
    with transaction.atomic():
        return _Writer(today=today, actor=actor).run()


def _organisations():
    """Demo organisations the members come from, by slug (stable for one seed)."""
    from vernetzt.directory.models import Organisation

    rows = list(Organisation.objects.order_by("slug")[:400])
    mso = [row for row in rows if row.type and row.type.slug == "mso"]
    others = [row for row in rows if not (row.type and row.type.slug == "mso")]
    return mso, others


class _Writer:
    def __init__(self, *, today, actor):
        self.today = today
        self.actor = actor
        self.mso, self.others = _organisations()

    # --- helpers ---------------------------------------------------------------------

    def day(self, offset):
        return self.today + timedelta(days=offset)

    def at(self, offset, hour=18):
        moment = datetime.combine(self.day(offset), time(hour, 0))
        return timezone.make_aware(moment)

    def organisation(self, kind, index):
        rows = self.mso if kind == "mso" else self.others
        rows = rows or self.mso or self.others
        return rows[index % len(rows)] if rows else None

    def save(self, obj):
        return services.save(actor=self.actor, obj=obj)

    def budget(self, measure, kind, amount, offset, purpose, source, line="", receipt=""):
        return services.add_budget_line(
            actor=self.actor,
            measure=measure,
            kind=kind,
            amount=Decimal(amount),
            date=self.day(offset),
            purpose=purpose,
            funding_source=source,
            budget_line=line,
            receipt=receipt,
        )

    def milestone(self, measure, title, due, done=None):
        return self.save(
            Milestone(
                measure=measure,
                title=title,
                due_date=self.day(due),
                done_on=None if done is None else self.day(done),
            )
        )

    def progress(self, measure, offset, text, participants=None, volunteers=None, **indicators):
        return self.save(
            ProgressUpdate(
                measure=measure,
                date=self.day(offset),
                text=text,
                participants_reached=participants,
                volunteers_won=volunteers,
                indicators={key.replace("_", " "): value for key, value in indicators.items()},
            )
        )

    def meeting(self, body, name, offset, place, items):
        """A meeting with its agenda: ``items`` are (subject, public, minutes, result)."""
        meeting = services.create_meeting(
            actor=self.actor,
            body=body,
            name=name,
            start=self.at(offset),
            end=self.at(offset, hour=20),
            place=place,
        )
        agenda = []
        for number, (subject, public, minutes, result) in enumerate(items, start=1):
            item = services.add_agenda_item(
                actor=self.actor,
                meeting=meeting,
                name=subject,
                is_public=public,
                number=str(number),
            )
            if offset < 0 and (minutes or result):
                item.minutes = minutes
                item.result_text = result
                self.save(item)
            agenda.append(item)
        return meeting, agenda

    def consult(self, paper, meeting, item, result, text=""):
        return services.add_consultation(
            actor=self.actor,
            paper=paper,
            meeting=meeting,
            agenda_item=item,
            body=meeting.body,
            role="Entscheidung",
            authoritative=True,
            result=result,
            decided_on=meeting.start.date() if result else None,
            resolution_text=text,
        )

    def attend(self, meeting, people, excused=()):
        for person in people:
            status = Attendance.Status.EXCUSED if person in excused else Attendance.Status.PRESENT
            self.save(Attendance(meeting=meeting, person=person, status=status))

    # --- the town's council work -----------------------------------------------------

    def run(self):
        people = [
            services.create_person(
                actor=self.actor,
                name=f"{given} {family}",
                given_name=given,
                family_name=family,
                form_of_address=address,
            )
            for given, family, address in PEOPLE
        ]
        council, steering, outreach, mso_group = self.bodies(people)
        papers, measures = self.papers_and_measures(council, steering, outreach, mso_group, people)
        self.working_group_meetings(outreach, mso_group, people)
        self.upcoming(council, steering, papers)
        bodies = [council, steering, outreach, mso_group]
        return CouncilResult(
            bodies=len(bodies),
            meetings=Meeting.objects.filter(body__in=bodies).count(),
            papers=len(papers),
            measures=len(measures),
        )

    def bodies(self, people):
        council = services.create_body(
            actor=self.actor,
            name=INTEGRATION_COUNCIL,
            short_name="Integrationsrat",
            kind=Body.Kind.INTEGRATION_COUNCIL,
            start_date=date(2020, 11, 1),
            description=(
                "Der Integrationsrat vertritt die Interessen der Menschen mit Einwanderungs"
                "geschichte in Musterstadt. Er berät den Rat und seine Ausschüsse und "
                "beschließt über die Mittel für Integrationsarbeit."
            ),
        )
        steering = services.create_body(
            actor=self.actor,
            name=STEERING_GROUP,
            short_name="KIM-Steuerungsgruppe",
            kind=Body.Kind.STEERING_GROUP,
            is_public=False,
            start_date=date(2021, 3, 1),
            description=(
                "Begleitet die Einführung des Kommunalen Integrationsmanagements (nach dem "
                "Vorbild Bergkamens): Stadtverwaltung, Kitas, Moscheevereine, das Kommunale "
                "Integrationszentrum und Schulen. Leitgedanke: „Potentiale der Vielfalt“."
            ),
        )
        outreach = services.create_body(
            actor=self.actor,
            name=WORKING_GROUP_OUTREACH,
            short_name="AK Öffentlichkeit",
            kind=Body.Kind.WORKING_GROUP,
            start_date=date(2024, 2, 1),
            description="Zeitung „Vielfalt“, Integrationsrat auf Tour, Interkulturelles Frühstück.",
        )
        mso_group = services.create_body(
            actor=self.actor,
            name=WORKING_GROUP_MSO,
            short_name="AG MSO",
            kind=Body.Kind.WORKING_GROUP,
            start_date=date(2025, 3, 15),
            description=(
                "Gegründet beim Open Space „Integrationsarbeit braucht Vernetzung“: Stärkung "
                "und Vernetzung der Migrantenselbstorganisationen."
            ),
        )
        roles = Membership.Role
        members = [
            (council, 0, roles.CHAIR, "mso", 0),
            (council, 1, roles.DEPUTY, "other", 0),
            (council, 2, roles.MEMBER, "mso", 1),
            (council, 3, roles.MEMBER, "mso", 2),
            (council, 5, roles.MEMBER, "mso", 3),
            (council, 6, roles.MEMBER, "mso", 4),
            (council, 8, roles.ADVISORY, "other", 1),
            (steering, 4, roles.CHAIR, "other", 2),
            (steering, 9, roles.MEMBER, "mso", 5),
            (steering, 10, roles.MEMBER, "other", 3),
            (steering, 0, roles.GUEST, "mso", 0),
            (outreach, 2, roles.CHAIR, "mso", 1),
            (outreach, 7, roles.MEMBER, "mso", 6),
            (outreach, 11, roles.MEMBER, "other", 4),
            (mso_group, 3, roles.CHAIR, "mso", 2),
            (mso_group, 6, roles.MEMBER, "mso", 4),
            (mso_group, 9, roles.MEMBER, "mso", 5),
            (mso_group, 1, roles.ADVISORY, "other", 0),
        ]
        for body, person, role, kind, index in members:
            services.add_member(
                actor=self.actor,
                body=body,
                person=people[person],
                role=role,
                organisation=self.organisation(kind, index),
                start_date=body.start_date,
                voting_right=role != roles.GUEST and role != roles.ADVISORY,
            )
        return council, steering, outreach, mso_group

    def papers_and_measures(self, council, steering, outreach, mso_group, people):
        first, first_items = self.meeting(
            council,
            "12. Sitzung des Integrationsrates",
            -270,
            "Rathaus Musterstadt, Ratssaal",
            [
                (
                    "Konzept Öffentlichkeitsarbeit des Integrationsrates",
                    True,
                    "Der Arbeitskreis stellt die Bausteine vor: Zeitung „Vielfalt“ zweimal im Jahr, "
                    "„Integrationsrat auf Tour“ in den Stadtteilen, interkulturelles Frühstück, "
                    "Bürgersprechstunde, Beteiligung an der Kunstnacht.",
                    "einstimmig beschlossen",
                ),
                (
                    "Open-Space-Veranstaltung „Integrationsarbeit braucht Vernetzung“",
                    True,
                    "Die Verwaltung soll Anfang des Jahres einen Open Space für haupt- und "
                    "ehrenamtliche Akteure organisieren.",
                    "beschlossen (12 ja, 1 Enthaltung)",
                ),
                (
                    "Personalangelegenheiten der Geschäftsstelle",
                    False,
                    "Vertraulich behandelt.",
                    "",
                ),
            ],
        )
        second, second_items = self.meeting(
            council,
            "13. Sitzung des Integrationsrates",
            -180,
            "Rathaus Musterstadt, Ratssaal",
            [
                (
                    "Bezirkliche Integrationskonferenz (Antrag 22-4292)",
                    True,
                    "Die Konferenz soll im zweiten Halbjahr stattfinden; eine Vorbereitungsgruppe "
                    "aus Mitgliedern des Integrationsrates und der Bezirksvertretung bereitet sie vor.",
                    "beschlossen",
                ),
                (
                    "Kommunales Integrationsmanagement: Sachstand der Steuerungsgruppe",
                    True,
                    "Das Institut für soziale Innovation berichtet. Fokus auf die „mittleren "
                    "Erreichbaren“; Jugendliche als erste Zielgruppe.",
                    "zur Kenntnis genommen",
                ),
                (
                    "Stärkung und Vernetzung der Migrantenselbstorganisationen",
                    True,
                    "Antrag mit der Ergänzung beschlossen, die Freiwillige Feuerwehr, das DRK und "
                    "das THW einzubeziehen.",
                    "mit Änderungen beschlossen",
                ),
            ],
        )
        third, third_items = self.meeting(
            council,
            "14. Sitzung des Integrationsrates",
            -90,
            "Stadtteilzentrum Nordstadt",
            [
                (
                    "Bericht zum Umsetzungsstand der Maßnahmen",
                    True,
                    "Die Geschäftsstelle berichtet; die Öffentlichkeitsarbeit liegt über dem "
                    "Ansatz, weil der Druck der Zeitung teurer wurde.",
                    "zur Kenntnis genommen",
                ),
                (
                    "Interkulturelle Bürgersprechstunde",
                    True,
                    "Es fehlt ein barrierefreier Raum; die Sprechstunde wird eingestellt und in "
                    "„Integrationsrat auf Tour“ aufgenommen.",
                    "beschlossen",
                ),
            ],
        )
        self.attend(first, people[:7], excused=[people[5]])
        self.attend(second, people[:7], excused=[people[8]] if len(people) > 8 else ())
        self.attend(third, people[:7])

        paper = services.create_paper
        outreach_paper = paper(
            actor=self.actor,
            reference="IR/2025/011",
            name="Konzept Öffentlichkeitsarbeit des Integrationsrates",
            kind=Paper.Kind.MOTION,
            paper_type="Antrag",
            date=self.day(-290),
            text=(
                "Eine effiziente Umsetzung und Verankerung der Integrationsarbeit in Politik und "
                "Gesellschaft bedarf einer zielgerichteten und vielseitigen Öffentlichkeitsarbeit: "
                "Zeitung „Vielfalt“ mindestens zweimal jährlich, „Der Integrationsrat auf Tour“, "
                "das offene interkulturelle Frühstück, die interkulturelle Bürgersprechstunde, "
                "Beteiligung an der Kunstnacht. Für Zeitung, Flyer, Plakate, Referenten, "
                "Präsentationsstand und Beschallung werden 5.000 EUR bereitgestellt."
            ),
        )
        open_space_paper = paper(
            actor=self.actor,
            reference="IR/2025/012",
            name="Integrationsarbeit braucht Vernetzung – Open-Space-Veranstaltung",
            kind=Paper.Kind.MOTION,
            paper_type="Antrag",
            date=self.day(-285),
            text=(
                "Die Verwaltung wird beauftragt, eine Open-Space-Veranstaltung zu organisieren, "
                "die professionellen und ehrenamtlichen Akteurinnen und Akteuren der "
                "Integrationsarbeit die Möglichkeit gibt, sich kennenzulernen, auszutauschen und "
                "Vernetzungsstrukturen zu entwickeln."
            ),
        )
        conference_paper = paper(
            actor=self.actor,
            reference="22-4292",
            name=(
                "Bezirkliche Integrationskonferenz – Schärfung der Integrationsarbeit und "
                "strategische Weiterentwicklung des Integrationsbeirats"
            ),
            kind=Paper.Kind.MOTION,
            paper_type="Antrag",
            date=self.day(-200),
            text=(
                "20.000 EUR für die Organisation und Durchführung einer Integrationskonferenz. "
                "Die Verwaltung ruft schnellstmöglich eine Vorbereitungsgruppe aus Mitgliedern "
                "der Bezirksvertretung und des Integrationsrates ins Leben. Die Konferenz soll im "
                "zweiten Halbjahr durchgeführt werden."
            ),
        )
        kim_paper = paper(
            actor=self.actor,
            reference="IR/2025/020",
            name="Kommunales Integrationsmanagement: Sachstand der Steuerungsgruppe",
            kind=Paper.Kind.NOTICE,
            paper_type="Mitteilung",
            date=self.day(-190),
            text=(
                "Die Steuerungsgruppe hat sich viermal getroffen. Zielgruppe sind zuerst die "
                "„mittleren Erreichbaren“, die „gut Erreichbaren“ werden als Verstärker "
                "aktiviert. Eine von Jugendlichen geplante Veranstaltung und Workshops zur "
                "Mehrsprachigkeit in Kitas sind vorgesehen."
            ),
        )
        mso_paper = paper(
            actor=self.actor,
            reference="IR/2025/021",
            name="Konzepte für die Stärkung und Vernetzung der Migrantenselbstorganisationen",
            kind=Paper.Kind.MOTION,
            paper_type="Antrag",
            date=self.day(-195),
            text=(
                "Die Verwaltung wird aufgefordert, konkrete Konzepte für die Stärkung und "
                "Zusammenarbeit mit Migrantenselbstorganisationen zu entwickeln und dem "
                "Integrationsrat darüber zu berichten: Bedeutung der MSO, ihre Potentiale, "
                "Kooperationen mit Feuerwehr, DRK, Malteser Hilfsdienst und THW."
            ),
        )
        office_hours_paper = paper(
            actor=self.actor,
            reference="IR/2025/034",
            name="Interkulturelle Bürgersprechstunde",
            kind=Paper.Kind.DRAFT_RESOLUTION,
            paper_type="Beschlussvorlage",
            date=self.day(-100),
            text="Die Sprechstunde wird eingestellt und in „Integrationsrat auf Tour“ aufgenommen.",
        )
        result = Consultation.Result
        self.consult(
            outreach_paper,
            first,
            first_items[0],
            result.ACCEPTED,
            "Der Integrationsrat beschließt das Konzept und stellt 5.000 EUR bereit.",
        )
        self.consult(
            open_space_paper,
            first,
            first_items[1],
            result.ACCEPTED,
            "Die Verwaltung organisiert die Open-Space-Veranstaltung.",
        )
        self.consult(
            conference_paper,
            second,
            second_items[0],
            result.ACCEPTED,
            "20.000 EUR für die Integrationskonferenz; Vorbereitungsgruppe wird gebildet.",
        )
        self.consult(kim_paper, second, second_items[1], result.NONE)
        self.consult(
            mso_paper,
            second,
            second_items[2],
            result.AMENDED,
            "Beschlossen mit der Ergänzung: Freiwillige Feuerwehr, DRK und THW einbeziehen.",
        )
        self.consult(
            office_hours_paper,
            third,
            third_items[1],
            result.ACCEPTED,
            "Die Bürgersprechstunde wird eingestellt.",
        )

        measures = self.measures(
            outreach_paper, open_space_paper, conference_paper, kim_paper, mso_paper, people
        )
        # The steering group's own meetings (internal body).
        meeting, items = self.meeting(
            steering,
            "Steuerungsgruppe KIM – 5. Treffen",
            -120,
            "Kommunales Integrationszentrum, Raum 2",
            [
                (
                    "Jugendveranstaltung „Potentiale der Vielfalt“: Planung mit den Jugendlichen",
                    True,
                    "Termin und Ort stehen; das Jugendforum plant das Programm selbst.",
                    "vereinbart",
                ),
                (
                    "Workshops Mehrsprachigkeit in Kitas",
                    True,
                    "Drei Kitas haben Interesse; Referentinnen werden angefragt.",
                    "",
                ),
            ],
        )
        self.attend(meeting, [people[4], people[9], people[10]])
        self.save(
            ActionItem(
                meeting=meeting,
                agenda_item=items[1],
                text="Referentinnen für die Kita-Workshops anfragen",
                responsible_person=people[10],
                due_date=self.day(-90),
                done=True,
                done_at=self.at(-95, 10),
            )
        )
        meeting, items = self.meeting(
            steering,
            "Steuerungsgruppe KIM – 6. Treffen",
            -40,
            "Kommunales Integrationszentrum, Raum 2",
            [
                (
                    "Rückblick Jugendveranstaltung",
                    True,
                    "140 Jugendliche, 18 neue Ehrenamtliche; Fortsetzung mit Seniorinnen und Senioren.",
                    "zur Kenntnis genommen",
                ),
                (
                    "Verstetigung der Steuerungsgruppe als Netzwerk",
                    True,
                    "Die Verwaltung begleitet das Netzwerk weiter.",
                    "beschlossen",
                ),
            ],
        )
        self.attend(meeting, [people[4], people[9], people[10], people[0]])
        self.save(
            ActionItem(
                meeting=meeting,
                agenda_item=items[1],
                text="Entwurf einer Geschäftsordnung für das KIM-Netzwerk vorlegen",
                responsible_person=people[4],
                due_date=self.day(-7),
            )
        )
        return [
            outreach_paper,
            open_space_paper,
            conference_paper,
            kim_paper,
            mso_paper,
            office_hours_paper,
        ], measures

    def measures(
        self, outreach_paper, open_space_paper, conference_paper, kim_paper, mso_paper, people
    ):
        source = BudgetLine.Source
        create = services.create_measure

        # Leverkusen's outreach concept: 5,000 EUR planned, more spent (the warning shows).
        outreach = create(
            actor=self.actor,
            title="Öffentlichkeitsarbeit des Integrationsrates",
            description=(
                "Zeitung „Vielfalt“ zweimal im Jahr, „Der Integrationsrat auf Tour“ in den "
                "Stadtteilen, offenes interkulturelles Frühstück, Beteiligung an der Kunstnacht."
            ),
            paper=outreach_paper,
            responsible_organisation=self.organisation("mso", 1),
            responsible_person=people[2],
            start_date=self.day(-260),
            end_date=self.day(100),
        )
        services.change_measure_status(
            actor=self.actor, measure=outreach, status=Measure.Status.RUNNING
        )
        self.budget(
            outreach,
            Plan,
            "5000.00",
            -260,
            "Ansatz laut Beschluss",
            source.MUNICIPAL,
            "Produkt 05.01.02",
        )
        self.budget(
            outreach,
            Expenditure,
            "2480.00",
            -200,
            "Druck Zeitung „Vielfalt“, Ausgabe 1",
            source.MUNICIPAL,
            "Produkt 05.01.02",
            "RE-2025-0412",
        )
        self.budget(
            outreach,
            Expenditure,
            "1265.50",
            -130,
            "Integrationsrat auf Tour: Stand, Beschallung",
            source.MUNICIPAL,
            "Produkt 05.01.02",
            "RE-2025-0588",
        )
        self.budget(
            outreach,
            Commitment,
            "1630.00",
            -30,
            "Druck Zeitung „Vielfalt“, Ausgabe 2",
            source.MUNICIPAL,
            "Produkt 05.01.02",
            "Auftrag 2025-117",
        )
        self.budget(
            outreach,
            Expenditure,
            "420.00",
            -25,
            "Kunstnacht: Künstlerhonorare",
            source.DONATIONS,
            "",
            "Spendenquittung 31",
        )
        self.milestone(outreach, "Erste Ausgabe der Zeitung „Vielfalt“", -200, -198)
        self.milestone(outreach, "Integrationsrat auf Tour in vier Stadtteilen", -20)
        self.milestone(outreach, "Zweite Ausgabe der Zeitung „Vielfalt“", 40)
        self.progress(
            outreach,
            -195,
            "Erste Ausgabe der Zeitung „Vielfalt“ in 3.000 Exemplaren "
            "verteilt, auch in Türkisch, Arabisch und Ukrainisch.",
            participants=None,
            Exemplare="3000",
        )
        self.progress(
            outreach,
            -120,
            "Integrationsrat auf Tour in der Nordstadt und in "
            "Altstadt-Süd: viele Gespräche, zwei neue Lotsinnen.",
            participants=85,
            volunteers=2,
        )
        self.progress(
            outreach,
            -25,
            "Stand bei der Kunstnacht mit vier Künstlerinnen und "
            "Künstlern; interkulturelles Frühstück monatlich.",
            participants=210,
            volunteers=5,
        )

        # Düsseldorf's Open Space motion: done.
        open_space = create(
            actor=self.actor,
            title="Open Space „Integrationsarbeit braucht Vernetzung“",
            description="Ein Tag für haupt- und ehrenamtliche Akteure: kennenlernen, austauschen, "
            "Kooperationen verabreden.",
            paper=open_space_paper,
            responsible_organisation=self.organisation("other", 1),
            responsible_person=people[1],
            start_date=self.day(-250),
            end_date=self.day(-150),
        )
        self.budget(
            open_space, Plan, "3000.00", -250, "Ansatz", source.MUNICIPAL, "Produkt 05.01.02"
        )
        self.budget(
            open_space,
            Expenditure,
            "1850.00",
            -160,
            "Raummiete und Verpflegung",
            source.MUNICIPAL,
            "Produkt 05.01.02",
            "RE-2025-0501",
        )
        self.budget(
            open_space,
            Expenditure,
            "930.00",
            -158,
            "Moderation",
            source.MUNICIPAL,
            "Produkt 05.01.02",
            "RE-2025-0507",
        )
        self.milestone(open_space, "Einladung an alle Akteure", -200, -205)
        self.milestone(open_space, "Open Space durchgeführt", -160, -160)
        self.progress(
            open_space,
            -159,
            "Open Space mit 120 Teilnehmenden aus 64 Organisationen; "
            "11 Sessions, zwei neue Arbeitsgruppen (darunter die AG MSO).",
            participants=120,
            volunteers=9,
            Sessions="11",
        )
        services.change_measure_status(
            actor=self.actor, measure=open_space, status=Measure.Status.RUNNING
        )
        services.change_measure_status(
            actor=self.actor, measure=open_space, status=Measure.Status.DONE
        )

        # Hamburg's conference, 20,000 EUR.
        conference = create(
            actor=self.actor,
            title="Bezirkliche Integrationskonferenz",
            description="Konferenz im zweiten Halbjahr, vorbereitet von einer Vorbereitungsgruppe.",
            paper=conference_paper,
            responsible_organisation=self.organisation("other", 2),
            responsible_person=people[0],
            start_date=self.day(-170),
            end_date=self.day(60),
        )
        services.change_measure_status(
            actor=self.actor, measure=conference, status=Measure.Status.RUNNING
        )
        self.budget(
            conference,
            Plan,
            "20000.00",
            -170,
            "Zuwendung laut Beschluss 22-4292",
            source.MUNICIPAL,
            "Bezirksmittel 2024",
        )
        self.budget(
            conference,
            Commitment,
            "8500.00",
            -60,
            "Tagungshaus, Vertrag",
            source.MUNICIPAL,
            "Bezirksmittel 2024",
            "V-2025-044",
        )
        self.budget(
            conference,
            Expenditure,
            "3150.75",
            -45,
            "Gestaltung und Druck der Einladung",
            source.MUNICIPAL,
            "Bezirksmittel 2024",
            "RE-2025-0733",
        )
        self.budget(
            conference,
            Expenditure,
            "2400.00",
            -20,
            "Dolmetschen (Arabisch, Ukrainisch)",
            source.FEDERAL,
            "Demokratie leben!",
            "RE-2025-0790",
        )
        self.milestone(conference, "Vorbereitungsgruppe gebildet", -150, -140)
        self.milestone(conference, "Programm und Arbeitsgruppen stehen", -10)
        self.milestone(conference, "Konferenz durchgeführt", 45)
        self.progress(conference, -140, "Vorbereitungsgruppe mit sechs Mitgliedern gebildet.")
        self.progress(
            conference,
            -30,
            "Tagungshaus gebucht, Einladung gestaltet; 14 Referentinnen und Referenten angefragt.",
            Zusagen="9",
        )

        # Bergkamen's KIM steering group.
        youth = create(
            actor=self.actor,
            title="Jugendveranstaltung „Potentiale der Vielfalt“",
            description="Von Jugendlichen geplant, von der Steuerungsgruppe begleitet.",
            paper=kim_paper,
            responsible_organisation=self.organisation("other", 3),
            responsible_person=people[10],
            start_date=self.day(-180),
            end_date=self.day(-50),
        )
        self.budget(
            youth, Plan, "8000.00", -180, "KIM-Förderung des Landes", source.STATE_KIM, "KIM 2025"
        )
        self.budget(
            youth,
            Expenditure,
            "6920.40",
            -55,
            "Veranstaltung, Technik, Verpflegung",
            source.STATE_KIM,
            "KIM 2025",
            "RE-2025-0702",
        )
        self.milestone(youth, "Jugendforum plant das Programm", -100, -104)
        self.milestone(youth, "Veranstaltung", -56, -56)
        self.progress(
            youth, -54, "140 Jugendliche, 18 neue Ehrenamtliche.", participants=140, volunteers=18
        )
        services.change_measure_status(
            actor=self.actor, measure=youth, status=Measure.Status.RUNNING
        )
        services.change_measure_status(actor=self.actor, measure=youth, status=Measure.Status.DONE)
        kita = create(
            actor=self.actor,
            title="Workshops Mehrsprachigkeit in Kitas",
            paper=kim_paper,
            responsible_organisation=self.organisation("other", 5),
            responsible_person=people[10],
            start_date=self.day(30),
            end_date=self.day(200),
        )
        self.budget(
            kita, Plan, "2400.00", -40, "KIM-Förderung des Landes", source.STATE_KIM, "KIM 2026"
        )
        self.milestone(kita, "Drei Kitas gewonnen", 20)

        # Düren's request: concepts for the migrant organisations, a report is overdue.
        mso = create(
            actor=self.actor,
            title="Konzept zur Stärkung und Vernetzung der Migrantenselbstorganisationen",
            description="Bericht an den Integrationsrat, Workshops mit den MSO, Kooperationen mit "
            "Feuerwehr, DRK und THW.",
            paper=mso_paper,
            responsible_organisation=self.organisation("mso", 2),
            responsible_person=people[3],
            start_date=self.day(-170),
            end_date=self.day(120),
        )
        services.change_measure_status(actor=self.actor, measure=mso, status=Measure.Status.RUNNING)
        self.budget(mso, Plan, "1500.00", -170, "Workshops", source.MUNICIPAL, "Produkt 05.01.03")
        self.budget(
            mso,
            Expenditure,
            "480.00",
            -70,
            "Workshop 1: Moderation",
            source.MUNICIPAL,
            "Produkt 05.01.03",
            "RE-2025-0655",
        )
        self.milestone(mso, "Befragung der MSO", -100, -96)
        self.milestone(mso, "Bericht an den Integrationsrat", -15)
        self.progress(
            mso,
            -95,
            "32 Migrantenselbstorganisationen befragt; Bedarf vor allem an "
            "Räumen und Fördermittelberatung.",
            participants=32,
        )

        # Stopped: the office hours, without a room.
        office_hours = create(
            actor=self.actor,
            title="Interkulturelle Bürgersprechstunde",
            paper=outreach_paper,
            responsible_person=people[5],
            start_date=self.day(-240),
        )
        services.change_measure_status(
            actor=self.actor,
            measure=office_hours,
            status=Measure.Status.STOPPED,
            reason="Kein barrierefreier Raum; aufgegangen in „Integrationsrat auf Tour“.",
        )
        return [outreach, open_space, conference, youth, kita, mso, office_hours]

    def working_group_meetings(self, outreach, mso_group, people):
        """The working groups: an action item agreed at one meeting is still open at the next."""
        first, items = self.meeting(
            outreach,
            "Arbeitskreis Öffentlichkeitsarbeit – Treffen im Frühjahr",
            -60,
            "Begegnungscafé Altstadt",
            [
                (
                    "Zweite Ausgabe der Zeitung „Vielfalt“",
                    True,
                    "Themen: Kunstnacht, Frühstück, Porträts von Lotsinnen.",
                    "Themen vereinbart",
                ),
                (
                    "Integrationsrat auf Tour: nächste Stadtteile",
                    True,
                    "Weststadt und Hafenviertel; Termine mit den Stadtteilbüros abstimmen.",
                    "",
                ),
            ],
        )
        self.attend(first, [people[2], people[7], people[11]])
        self.save(
            ActionItem(
                meeting=first,
                agenda_item=items[0],
                text="Drei Druckangebote für die zweite Ausgabe einholen",
                responsible_person=people[7],
                due_date=self.day(-30),
            )
        )
        self.save(
            ActionItem(
                meeting=first,
                agenda_item=items[1],
                text="Termine mit den Stadtteilbüros Weststadt und Hafenviertel abstimmen",
                responsible_organisation=self.organisation("mso", 6),
                due_date=self.day(-40),
                done=True,
                done_at=self.at(-42, 11),
            )
        )
        second, items = self.meeting(
            outreach,
            "Arbeitskreis Öffentlichkeitsarbeit – Treffen im Herbst",
            -10,
            "Begegnungscafé Altstadt",
            [
                (
                    "Offene Aufgaben aus dem letzten Treffen",
                    True,
                    "Die Druckangebote fehlen noch (siehe Aufgabe).",
                    "",
                ),
                ("Kunstnacht: Rückblick", True, "Gut besucht, 210 Gespräche.", ""),
            ],
        )
        self.attend(second, [people[2], people[7], people[11]], excused=[people[11]])
        self.meeting(
            outreach,
            "Arbeitskreis Öffentlichkeitsarbeit – Treffen im Winter",
            25,
            "Begegnungscafé Altstadt",
            [("Zweite Ausgabe: Freigabe", True, "", ""), ("Verschiedenes", True, "", "")],
        )
        meeting, items = self.meeting(
            mso_group,
            "AG Migrantenselbstorganisationen – Auftakt",
            -75,
            "Haus der Vereine",
            [
                (
                    "Ergebnisse der Befragung",
                    True,
                    "Räume und Fördermittelberatung fehlen am meisten.",
                    "",
                ),
                (
                    "Kooperation mit Feuerwehr, DRK und THW",
                    True,
                    "Erstes Gespräch mit der Freiwilligen Feuerwehr vereinbart.",
                    "",
                ),
            ],
        )
        self.attend(meeting, [people[3], people[6], people[9], people[1]])
        self.save(
            ActionItem(
                meeting=meeting,
                agenda_item=items[1],
                text="Gespräch mit der Freiwilligen Feuerwehr führen und berichten",
                responsible_person=people[6],
                due_date=self.day(-45),
                done=True,
                done_at=self.at(-50, 12),
            )
        )
        self.meeting(
            mso_group,
            "AG Migrantenselbstorganisationen – zweites Treffen",
            14,
            "Haus der Vereine",
            [("Entwurf des Berichts an den Integrationsrat", True, "", "")],
        )

    def upcoming(self, council, steering, papers):
        self.meeting(
            council,
            "15. Sitzung des Integrationsrates",
            30,
            "Rathaus Musterstadt, Ratssaal",
            [
                ("Umsetzungsstand der Maßnahmen", True, "", ""),
                ("Bericht: Stärkung der Migrantenselbstorganisationen", True, "", ""),
                ("Haushalt: Mittel für Integrationsarbeit im kommenden Jahr", True, "", ""),
            ],
        )
        self.meeting(
            steering,
            "Steuerungsgruppe KIM – 7. Treffen",
            20,
            "Kommunales Integrationszentrum, Raum 2",
            [("Veranstaltung mit Seniorinnen und Senioren", True, "", "")],
        )
