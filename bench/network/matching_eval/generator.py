"""A seeded generator of labelled needs ↔ offers cases, and its labelling rules.

Every need and offer is generated from a hidden *topic* (what it is really about: a room for an
evening course, a hall with a kitchen, homework help, …) inside a directory category, written
in one of several phrasings of that topic. The labels are the integration office's choice,
decided from the hidden data only, never from the text the engine sees:

LABELLING RULES (hand-checked on printed samples, see README.md in this folder)
  An offer is RELEVANT to a need when all of these hold:
  1. it belongs to another organisation;
  2. it is valid on the evaluation day (not expired, already begun);
  3. it is about the same topic (so: the same category and the same thing);
  4. districts: the need names none, or the offer names none (valid town-wide), or they share
     a district;
  5. languages: the need names none, or the offer speaks one of them, or the offer names no
     language and its organisation speaks one of them; for interpreting the language must be
     named by the offer itself.
  Everything else is not relevant. Each need also gets HARD NEGATIVES on purpose: an offer of
  its own organisation on its topic, an expired offer on its topic, an offer on its topic in
  another district, one in another language, and an offer of another category written with the
  need's own words. Needs on a few topics the town offers nothing for (``GAP_TOPICS``) and
  about one need in ten elsewhere get no relevant offer at all (the gap list's cases).

Phrasings are split: the *train* split uses the first phrasings of every topic, the *held-out*
split the others (and another seed), so the weights cannot have been tuned to the held-out
wording.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

DAY = date(2026, 11, 29)

CATEGORIES = {
    "rooms": 1,
    "funding": 2,
    "volunteers": 3,
    "qualification": 4,
    "interpreting": 5,
    "publicity": 7,
    "advice": 8,
    "equipment": 9,
}
DISTRICTS = {
    1: "Nordviertel",
    2: "Südstadt",
    3: "Altstadt",
    4: "Westend",
    5: "Am Bahnhof",
    6: "Oststadt",
}
LANGUAGES = ["ar", "tr", "ti", "fa", "uk", "ru", "ku", "so", "en", "fr"]
FIELDS = list(range(1, 19))
COMMUNITIES = list(range(1, 12))

# topic → (category, need phrasings, offer phrasings); each phrasing (title, description).
# The first TRAIN_PHRASINGS of each list are the train split's, the rest the held-out split's.
TRAIN_PHRASINGS = 2
TOPICS = {
    "evening_room": (
        "rooms",
        [
            ("Raum für Sprachkurse am Abend", "Wir suchen einen Raum für 15 Personen, abends."),
            ("Kursraum abends gesucht", "Für unseren Deutschkurs brauchen wir einen Raum."),
            ("Räumlichkeiten für Abendkurs", "Zweimal pro Woche ab 18 Uhr, mit Tischen."),
            ("Raeume fuer Sprachcafe am Abend", "Unser Sprachcafé sucht einen Treffpunkt."),
        ],
        [
            ("Seminarraum abends frei", "Unser Seminarraum für 20 Personen ist abends frei."),
            ("Gruppenraum für Kurse", "Tische und Stühle, abends und am Wochenende nutzbar."),
            ("Kursräume zum Mitnutzen", "In den Abendstunden stehen zwei Kursräume leer."),
            ("Schulungsraum ab 17 Uhr", "Raum mit Whiteboard für Sprachkurse und Gruppen."),
        ],
    ),
    "festival_hall": (
        "rooms",
        [
            (
                "Saal für ein Stadtteilfest",
                "Für unser Sommerfest brauchen wir einen Saal mit Küche.",
            ),
            ("Halle mit Küche für Feier", "Wir feiern das Zuckerfest mit 150 Gästen."),
            ("Großer Saal für Kulturabend", "Mit Bühne und Küche, an einem Samstag."),
            ("Festsaal gesucht", "Für eine Hochzeitsfeier unserer Gemeinde mit Kueche."),
        ],
        [
            ("Gemeindesaal mit Küche", "Unser Saal für 200 Personen mit Küche ist zu vermieten."),
            ("Bürgerhaus: Saal für Feste", "Große Halle mit Bühne und Küche, am Wochenende."),
            (
                "Veranstaltungssaal zu vergeben",
                "Für Feiern und Feste bis 150 Gäste, Küche vorhanden.",
            ),
            ("Festhalle im Quartier", "Halle mit Kueche und Bühne für Kulturfeste."),
        ],
    ),
    "homework_volunteers": (
        "volunteers",
        [
            ("Ehrenamtliche für Hausaufgabenhilfe gesucht", "Zwei Nachmittage pro Woche."),
            ("Helfer für Nachhilfe gesucht", "Unsere Schülerinnen brauchen Hilfe in Mathe."),
            ("Freiwillige für Lernhilfe", "Grundschulkinder brauchen Unterstützung beim Lernen."),
            ("Volunteers für Hausaufgabenbetreuung", "Am Nachmittag, gern Studierende."),
        ],
        [
            ("Studierende geben Nachhilfe", "Ehrenamtliche Studierende helfen bei Hausaufgaben."),
            (
                "Ehrenamtliche Lernpaten",
                "Unsere Freiwilligen unterstützen Schulkinder beim Lernen.",
            ),
            (
                "Hausaufgabenhilfe durch Ehrenamtliche",
                "Wir vermitteln Helferinnen für Schulkinder.",
            ),
            ("Lernhelfer im Ehrenamt", "Freiwillige helfen nachmittags bei den Hausaufgaben."),
        ],
    ),
    "childcare_volunteers": (
        "volunteers",
        [
            (
                "Helferinnen für Kinderbetreuung",
                "Während unserer Frauengruppe betreuen sie die Kinder.",
            ),
            (
                "Kinderbetreuung beim Frauenfrühstück",
                "Wir suchen Freiwillige, die auf Kinder aufpassen.",
            ),
            ("Betreuung der Kleinen gesucht", "Ehrenamtliche für die Kinder während der Kurse."),
            (
                "Babysitting während Elternkurs",
                "Freiwillige betreuen die Kinder der Teilnehmenden.",
            ),
        ],
        [
            (
                "Freiwillige betreuen Kinder",
                "Unsere Ehrenamtlichen übernehmen Kinderbetreuung bei Kursen.",
            ),
            (
                "Kinderbetreuung durch Ehrenamtliche",
                "Wir passen auf Kinder auf, während Eltern lernen.",
            ),
            ("Ehrenamtliche Babysitter", "Betreuung von Kleinkindern bei Veranstaltungen."),
            (
                "Helferinnen für Kinderbetreuung",
                "Kinder werden betreut, während die Mütter im Kurs sind.",
            ),
        ],
    ),
    "sports_coach": (
        "volunteers",
        [
            ("Trainer für Jugendmannschaft", "Für unsere Fußballjugend suchen wir Verstärkung."),
            ("Übungsleiterin für Mädchenfußball", "Zweimal pro Woche Training."),
            ("Coach für Sportgruppe", "Unsere Jugendlichen möchten Fußball spielen."),
            ("Ehrenamtlicher Trainer gesucht", "Für die Fussball-Mannschaft der Jugend."),
        ],
        [
            (
                "Übungsleiter für Vereine",
                "Unsere lizenzierten Trainer unterstützen Jugendmannschaften.",
            ),
            (
                "Trainerinnen im Ehrenamt",
                "Wir trainieren Fußballteams von Kindern und Jugendlichen.",
            ),
            ("Sportcoaches zu vermitteln", "Ehrenamtliche Coaches für Fußball und Basketball."),
            ("Training für Jugendteams", "Erfahrene Übungsleiterinnen leiten Fussballtraining."),
        ],
    ),
    "parents_interpreting": (
        "interpreting",
        [
            ("Dolmetschen bei Elterngesprächen", "Wir brauchen Unterstützung bei Elternabenden."),
            ("Sprachmittlung für Elternabend", "In der Schule am Donnerstag."),
            ("Dolmetscherin für Elternsprechtag", "Mehrere Familien brauchen Übersetzung."),
            ("Übersetzung beim Elterngespräch", "In der Kita, etwa eine Stunde."),
        ],
        [
            ("Dolmetschen bei Terminen", "Unsere Mitglieder dolmetschen bei Schule und Kita."),
            ("Sprachmittler für Schulen", "Wir begleiten Elterngespräche als Sprachmittler."),
            ("Ehrenamtliche Dolmetscherinnen", "Einsätze bei Elternabenden und Beratungen."),
            ("Sprachmittlung in Kitas und Schulen", "Übersetzen in Gesprächen mit Eltern."),
        ],
    ),
    "doctor_interpreting": (
        "interpreting",
        [
            ("Begleitung zum Arzt mit Dolmetschen", "Für Termine in der Arztpraxis."),
            ("Sprachmittlung im Krankenhaus", "Eine Familie braucht Übersetzung bei der Klinik."),
            ("Dolmetscher für Arzttermine", "Regelmäßige Termine beim Facharzt."),
            ("Übersetzen beim Hausarzt", "Eine ältere Frau braucht Begleitung zur Praxis."),
        ],
        [
            ("Gesundheitsdolmetschen", "Wir dolmetschen bei Arztbesuchen und im Krankenhaus."),
            (
                "Sprachmittlung im Gesundheitswesen",
                "Geschulte Sprachmittlerinnen für Praxen und Kliniken.",
            ),
            ("Dolmetschen bei Arztterminen", "Begleitung zu Ärztinnen und Ärzten."),
            ("Übersetzung in der Arztpraxis", "Ehrenamtliche begleiten zu medizinischen Terminen."),
        ],
    ),
    "flyer_translation": (
        "interpreting",
        [
            ("Übersetzung von Flyern", "Unsere Einladung soll in mehreren Sprachen erscheinen."),
            ("Texte übersetzen lassen", "Informationsmaterial für Eltern übersetzen."),
            ("Übersetzung unserer Broschüre", "Eine Broschüre mit vier Seiten."),
            ("Flyer in anderen Sprachen", "Wir brauchen jemanden, der unsere Plakate übersetzt."),
        ],
        [
            (
                "Schriftliche Übersetzungen",
                "Wir übersetzen Flyer, Briefe und Informationsmaterial.",
            ),
            ("Übersetzungsdienst für Vereine", "Texte und Broschüren in viele Sprachen."),
            ("Übersetzen von Infomaterial", "Unsere Übersetzerinnen übertragen Flyer und Plakate."),
            ("Translation von Texten", "Wir übersetzen Einladungen und Broschüren."),
        ],
    ),
    "laptops": (
        "equipment",
        [
            ("Laptops für Computerkurse", "Wir suchen gebrauchte Laptops für unsere Kurse."),
            ("Computer für Jugendliche", "Für Bewerbungstraining brauchen wir Rechner."),
            ("Notebooks gesucht", "Gebrauchte Notebooks für Schulkinder."),
            ("PCs für unseren Medienraum", "Gern auch ältere Rechner mit Windows."),
        ],
        [
            ("Gebrauchte Laptops abzugeben", "Wir geben ausgemusterte Notebooks an Vereine."),
            ("Computerspende", "Unser Betrieb spendet gebrauchte Rechner."),
            ("Leih-Laptops für Kurse", "Zehn Laptops können für Kurse geliehen werden."),
            ("PC-Arbeitsplätze zur Verfügung", "Rechner und Tablets für Gruppen."),
        ],
    ),
    "projector": (
        "equipment",
        [
            ("Beamer für Filmabend", "Wir zeigen einen Film und brauchen Beamer und Leinwand."),
            ("Lautsprecher und Beamer leihen", "Für eine Veranstaltung im Park."),
            ("Projektor gesucht", "Für eine Präsentation auf dem Stadtteilfest."),
            ("Technik für Veranstaltung", "Beamer, Leinwand und Mikrofon für einen Abend."),
        ],
        [
            ("Beamer und Lautsprecher zum Ausleihen", "Für Veranstaltungen im Stadtteil."),
            ("Veranstaltungstechnik verleihen", "Projektor, Leinwand, Boxen und Mikrofone."),
            ("Beamer-Verleih", "Unser Projektor kann kostenlos ausgeliehen werden."),
            ("Tontechnik und Beamer", "Wir verleihen Technik für Feste und Filmabende."),
        ],
    ),
    "minibus": (
        "equipment",
        [
            ("Kleinbus für Ausflug", "Wir fahren mit 8 Jugendlichen ans Meer."),
            ("Transporter für Umzug", "Unser Verein zieht um und braucht ein Fahrzeug."),
            ("Bus für Ferienfahrt", "Für eine Fahrt mit Kindern in den Ferien."),
            ("Neunsitzer leihen", "Ein Wochenende, für eine Fahrt zum Turnier."),
        ],
        [
            ("Kleinbus zu verleihen", "Unser Neunsitzer kann am Wochenende geliehen werden."),
            ("Vereinsbus für Fahrten", "Wir verleihen unseren Bus an andere Vereine."),
            ("Transporter ausleihen", "Ein Transporter für Umzüge und Ausflüge."),
            ("Fahrzeug für Gruppen", "Neunsitzer mit Fahrer für Ausflüge."),
        ],
    ),
    "small_grants": (
        "funding",
        [
            (
                "Förderung für Hausaufgabenhilfe",
                "Wir suchen Fördermittel für Honorare und Material.",
            ),
            ("Zuschuss für Projekt", "Für unser Nachbarschaftsprojekt fehlen 800 Euro."),
            ("Geld für Vereinsarbeit", "Wir suchen eine kleine Förderung für Material."),
            ("Finanzierung für Kulturprojekt", "Spenden oder Zuschuss für Honorare."),
        ],
        [
            ("Kleine Spenden für Vereinsprojekte", "Wir vergeben Zuschüsse bis 500 Euro im Jahr."),
            (
                "Förderfonds für Initiativen",
                "Kleinprojekte werden mit bis zu 1.000 Euro gefördert.",
            ),
            ("Zuschüsse für Projekte", "Unsere Stiftung fördert Vereinsarbeit im Stadtteil."),
            ("Mikroförderung", "Schnelle Förderung für kleine Projekte, ohne viel Papier."),
        ],
    ),
    "association_law": (
        "qualification",
        [
            ("Fortbildung zu Vereinsrecht und Finanzen", "Unser Vorstand möchte sich fortbilden."),
            ("Schulung für den Vorstand", "Kassenführung und Satzung."),
            ("Workshop Vereinsrecht", "Was muss ein Vorstand wissen?"),
            ("Seminar zur Vereinsführung", "Buchhaltung, Satzung und Gemeinnützigkeit."),
        ],
        [
            ("Seminar Vereinsrecht", "Für Vorstände: Satzung, Haftung, Gemeinnützigkeit."),
            ("Workshop Kassenführung", "Buchhaltung und Finanzen im Verein."),
            ("Vorstandsschulung", "Fortbildung zu Vereinsrecht und Finanzen."),
            ("Fortbildung für Vereinsvorstände", "Satzung, Steuern und Kasse."),
        ],
    ),
    "grant_writing": (
        "qualification",
        [
            ("Schulung zu Förderanträgen", "Wir möchten lernen, Anträge zu schreiben."),
            ("Workshop Fördermittel beantragen", "Wie finden wir Geld für Projekte?"),
            ("Fortbildung Antragstellung", "Für zwei Ehrenamtliche unseres Vereins."),
            ("Training zum Antragschreiben", "Förderanträge bei Stiftungen und Stadt."),
        ],
        [
            ("Workshop: Fördermittel beantragen", "Praxisnaher Workshop für Vereine, kostenlos."),
            ("Antragswerkstatt", "Wir schreiben gemeinsam Förderanträge."),
            ("Seminar Projektförderung", "Anträge stellen, abrechnen, berichten."),
            ("Schulung Fundraising und Anträge", "Für Ehrenamtliche in Vereinen."),
        ],
    ),
    "founding_advice": (
        "advice",
        [
            ("Beratung zur Vereinsgründung", "Wir möchten ein eingetragener Verein werden."),
            ("Hilfe bei der Satzung", "Unsere Initiative will einen Verein gründen."),
            ("Wie gründen wir einen Verein?", "Wir brauchen Rat zur Eintragung."),
            ("Unterstützung bei Gründung eines e.V.", "Satzung und Gemeinnützigkeit."),
        ],
        [
            ("Gründungsberatung für Vereine", "Wir beraten Initiativen auf dem Weg zum e.V."),
            ("Beratung Satzung und Gemeinnützigkeit", "Sprechstunde für neue Vereine."),
            ("Vereinsgründung leicht gemacht", "Beratung zu Satzung und Eintragung."),
            ("Rat für Initiativen", "Unterstützung bei Gründung und Eintragung eines Vereins."),
        ],
    ),
    "social_counselling": (
        "advice",
        [
            ("Sozialberatung für Familien", "Viele unserer Mitglieder haben Fragen zu Ämtern."),
            ("Beratung zu Behörden", "Hilfe bei Anträgen beim Jobcenter."),
            ("Sprechstunde für Ratsuchende", "Fragen zu Aufenthalt und Sozialleistungen."),
            ("Unterstützung bei Anträgen", "Formulare von Jobcenter und Ausländerbehörde."),
        ],
        [
            ("Sozialberatung in der Muttersprache", "Offene Sprechstunde jeden Donnerstag."),
            ("Migrationsberatung", "Beratung zu Aufenthalt, Arbeit und Behörden."),
            ("Hilfe bei Behördenpost", "Wir helfen bei Anträgen und Formularen."),
            ("Beratungsstelle für Familien", "Sozialleistungen, Jobcenter und Wohnen."),
        ],
    ),
    "website_help": (
        "publicity",
        [
            (
                "Hilfe bei der Öffentlichkeitsarbeit",
                "Wer hilft uns mit Website und sozialen Medien?",
            ),
            ("Homepage für unseren Verein", "Unsere Webseite ist veraltet."),
            ("Social Media Unterstützung", "Wir möchten auf Instagram sichtbar werden."),
            ("Internetseite erstellen", "Wir brauchen Hilfe bei einer einfachen Website."),
        ],
        [
            ("Websites für Vereine", "Ehrenamtliche bauen einfache Webseiten."),
            ("Social-Media-Workshop", "Wir helfen Vereinen bei Instagram und Facebook."),
            ("Homepage-Hilfe", "Unterstützung bei Internetseiten und Online-Auftritt."),
            ("Online-Öffentlichkeitsarbeit", "Beratung zu Website und sozialen Medien."),
        ],
    ),
    "posters": (
        "publicity",
        [
            ("Plakate im Stadtteil aufhängen", "Wer hängt unsere Plakate für das Fest aus?"),
            ("Werbung für unser Fest", "Flyer verteilen und Plakate aushängen."),
            ("Aushang für Veranstaltung", "Wir suchen Plätze für Poster."),
            ("Flyer verteilen", "Für unser Stadtteilfest im Juni."),
        ],
        [
            (
                "Plakatflächen im Stadtteil",
                "Wir hängen Plakate anderer Vereine im Schaukasten aus.",
            ),
            ("Schaukasten für Aushänge", "Vereine können Poster und Flyer auslegen."),
            ("Flyer-Auslage", "In unserem Café liegen Flyer anderer Vereine aus."),
            ("Werbeflächen für Vereine", "Plakate und Aushänge an unserer Infowand."),
        ],
    ),
    # Topics the town offers nothing for (the market gets no offers on them, only the hard
    # negatives: the need's own, expired, other district, other language): the gap list's cases.
    "clothes_storage": (
        "rooms",
        [
            ("Lagerraum für Kleiderspenden", "Trocken, etwa 20 Quadratmeter, ebenerdig."),
            ("Lager für Spenden gesucht", "Wir sammeln Kleidung und brauchen einen Keller."),
            ("Kellerraum als Lager", "Für gespendete Kinderkleidung und Spielzeug."),
            ("Abstellraum für Sachspenden", "Kisten mit Kleidung müssen irgendwo hin."),
        ],
        [
            ("Lagerfläche frei", "Trockener Keller, 25 Quadratmeter, für Sachspenden."),
            ("Lagerraum zu vergeben", "Ebenerdiger Raum für Spendenlager."),
            ("Keller für Kleiderkammer", "Wir stellen einen Lagerraum zur Verfügung."),
            ("Abstellfläche für Vereine", "Für Kisten, Kleidung und Material."),
        ],
    ),
    "sewing_machines": (
        "equipment",
        [
            ("Nähmaschinen für Nähkurs", "Unser Frauencafé möchte einen Nähkurs anbieten."),
            ("Naehmaschinen gesucht", "Fünf Maschinen für eine Nähwerkstatt."),
            ("Nähmaschine spenden", "Für Geflüchtete, die schneidern gelernt haben."),
            ("Ausstattung Nähwerkstatt", "Nähmaschinen, Stoffe und Scheren."),
        ],
        [
            ("Nähmaschinen abzugeben", "Vier gebrauchte Nähmaschinen."),
            ("Nähwerkstatt mitnutzen", "Unsere Nähmaschinen stehen dienstags frei."),
            ("Nähmaschinen-Verleih", "Maschinen für Nähkurse auszuleihen."),
            ("Stoffe und Nähmaschinen", "Aus einer Haushaltsauflösung zu verschenken."),
        ],
    ),
    "asylum_law": (
        "advice",
        [
            ("Rechtsberatung im Asylverfahren", "Familien brauchen Hilfe bei der Klage."),
            ("Anwältin für Asylrecht gesucht", "Ablehnung des Asylantrags, Frist läuft."),
            ("Asylrechtliche Beratung", "Fragen zur Anhörung beim BAMF."),
            ("Hilfe bei Asylklage", "Wer kennt sich mit Asylrecht aus?"),
        ],
        [
            ("Asylrechtsberatung", "Ehrenamtliche Juristinnen beraten zum Asylverfahren."),
            ("Refugee Law Clinic", "Studierende beraten im Asylrecht, kostenlos."),
            ("Beratung zur Anhörung", "Vorbereitung auf die BAMF-Anhörung."),
            ("Rechtshilfe für Geflüchtete", "Klagen und Fristen im Asylverfahren."),
        ],
    ),
}
# Topics with needs but no offers of their own in the market (gaps).
GAP_TOPICS = {"clothes_storage", "sewing_machines", "asylum_law"}
FILLERS = [
    "Wir sind ein kleiner Verein.",
    "Bitte melden Sie sich bei uns.",
    "Ansprechpartnerin ist unsere Vorsitzende.",
    "Gern auch kurzfristig.",
    "",
    "",
]


@dataclass
class Case:
    entries: dict  # "needs" / "offers" → list of dicts
    organisations: list
    relevant: dict  # need id → [offer ids]
    hard_negatives: dict  # need id → {kind: offer id}
    gaps: list = field(default_factory=list)  # need ids without any relevant offer


def phrasings(topic, side, split):
    items = TOPICS[topic][1 if side == "need" else 2]
    return items[:TRAIN_PHRASINGS] if split == "train" else items[TRAIN_PHRASINGS:]


def generate(*, seed, split, needs_per_topic=4, organisations=60):
    rng = random.Random(seed)
    orgs = []
    for pk in range(1, organisations + 1):
        orgs.append(
            {
                "id": pk,
                "name": f"Organisation {pk}",
                "fields": rng.sample(FIELDS, rng.randint(1, 3)),
                "communities": rng.sample(COMMUNITIES, rng.randint(0, 2)),
                "districts": rng.sample(sorted(DISTRICTS), rng.randint(1, 2)),
                "languages": rng.sample(LANGUAGES, rng.randint(0, 3)),
            }
        )
    by_id = {org["id"]: org for org in orgs}
    needs, offers = [], []
    counter = iter(range(1, 1_000_000))

    def text(topic, side):
        title, description = rng.choice(phrasings(topic, side, split))
        filler = rng.choice(FILLERS)
        return title, f"{description} {filler}".strip()

    def offer(
        topic,
        organisation,
        *,
        districts=None,
        languages=None,
        valid=None,
        category=None,
        words=None,
    ):
        title, description = words or text(topic, "offer")
        interpreting = TOPICS[topic][0] == "interpreting"
        if districts is None:
            districts = (
                [] if rng.random() < 0.4 else rng.sample(sorted(DISTRICTS), rng.randint(1, 2))
            )
        if languages is None:
            share = 1.0 if interpreting else 0.3
            languages = rng.sample(LANGUAGES, rng.randint(1, 2)) if rng.random() < share else []
        valid_from, valid_until = valid or (
            DAY - timedelta(days=rng.randint(0, 400)),
            None if rng.random() < 0.5 else DAY + timedelta(days=rng.randint(10, 500)),
        )
        item = {
            "id": next(counter),
            "organisation": organisation,
            "category": CATEGORIES[category or TOPICS[topic][0]],
            "topic": topic if category is None else f"other:{topic}",
            "title": title,
            "description": description,
            "districts": districts,
            "languages": languages,
            "valid_from": valid_from,
            "valid_until": valid_until,
        }
        offers.append(item)
        return item

    # The market: 3–5 offers per topic by random organisations.
    for topic in TOPICS:
        if topic in GAP_TOPICS:
            continue
        for _ in range(rng.randint(3, 5)):
            offer(topic, rng.choice(orgs)["id"])
    hard = {}
    for topic, (category, _needs, _offers) in TOPICS.items():
        for _ in range(needs_per_topic):
            owner = rng.choice(orgs)["id"]
            title, description = text(topic, "need")
            interpreting = category == "interpreting"
            need = {
                "id": next(counter),
                "organisation": owner,
                "category": CATEGORIES[category],
                "topic": topic,
                "title": title,
                "description": description,
                "districts": [] if rng.random() < 0.4 else [rng.choice(sorted(DISTRICTS))],
                "languages": (
                    [rng.choice(LANGUAGES)] if interpreting or rng.random() < 0.25 else []
                ),
                "valid_from": DAY - timedelta(days=rng.randint(0, 200)),
                "valid_until": None
                if rng.random() < 0.6
                else DAY + timedelta(days=rng.randint(30, 400)),
            }
            needs.append(need)
            others = [org["id"] for org in orgs if org["id"] != owner]
            district = need["districts"]
            other_districts = [pk for pk in DISTRICTS if pk not in district]
            language = need["languages"]
            other_languages = [code for code in LANGUAGES if code not in language]
            negatives = {
                "own": offer(topic, owner, districts=district, languages=language or None),
                "expired": offer(
                    topic,
                    rng.choice(others),
                    districts=district,
                    languages=language,
                    valid=(DAY - timedelta(days=300), DAY - timedelta(days=rng.randint(1, 60))),
                ),
                "not_yet": offer(
                    topic,
                    rng.choice(others),
                    districts=district,
                    languages=language,
                    valid=(DAY + timedelta(days=rng.randint(1, 60)), None),
                ),
                "other_category": offer(
                    topic,
                    rng.choice(others),
                    districts=district,
                    languages=language,
                    category=rng.choice([c for c in CATEGORIES if c != category]),
                    words=(need["title"], need["description"]),
                ),
            }
            if district:
                negatives["other_district"] = offer(
                    topic,
                    rng.choice(others),
                    districts=[rng.choice(other_districts)],
                    languages=language,
                )
            if language:
                negatives["other_language"] = offer(
                    topic,
                    rng.choice(others),
                    districts=district,
                    languages=[rng.choice(other_languages)],
                )
            hard[need["id"]] = {kind: item["id"] for kind, item in negatives.items()}

    def is_relevant(need, item):
        if item["organisation"] == need["organisation"] or item["topic"] != need["topic"]:
            return False
        if not (
            item["valid_from"] <= DAY
            and (item["valid_until"] is None or item["valid_until"] >= DAY)
        ):
            return False
        if (
            need["districts"]
            and item["districts"]
            and not set(need["districts"]) & set(item["districts"])
        ):
            return False
        if need["languages"]:
            spoken = set(item["languages"])
            if not spoken and TOPICS[need["topic"]][0] != "interpreting":
                spoken = set(by_id[item["organisation"]]["languages"])
            if not spoken & set(need["languages"]):
                return False
        return True

    # One need in ten stays a gap; every other need gets a relevant offer if it has none.
    relevant, gaps = {}, []
    for need in needs:
        found = [item["id"] for item in offers if is_relevant(need, item)]
        if not found and need["topic"] not in GAP_TOPICS and rng.random() >= 0.1:
            others = [org["id"] for org in orgs if org["id"] != need["organisation"]]
            made = offer(
                need["topic"],
                rng.choice(others),
                districts=list(need["districts"]),
                languages=list(need["languages"]),
                valid=(DAY - timedelta(days=rng.randint(0, 100)), None),
            )
            found = [made["id"]]
        if found:
            relevant[need["id"]] = found
        else:
            gaps.append(need["id"])
    # Offers added later may be relevant to earlier needs: label once more, from scratch.
    relevant = {
        need["id"]: [item["id"] for item in offers if is_relevant(need, item)] for need in needs
    }
    gaps = [pk for pk, found in relevant.items() if not found]
    relevant = {pk: found for pk, found in relevant.items() if found}
    return Case(
        entries={"needs": needs, "offers": offers},
        organisations=orgs,
        relevant=relevant,
        hard_negatives=hard,
        gaps=gaps,
    )
