"""Fragments the German descriptions, goals, needs and offers are built from.

The words people search for (Sprachkurse, Hausaufgabenhilfe, Frauengruppe, Beratung, …)
occur here in several forms so that full-text search demonstrates stemming.
"""

# Field of action slug → activities an organisation in that field offers.
ACTIVITIES = {
    "language": [
        "Sprachkurse für Erwachsene", "Deutschkurse am Abend", "ein Sprachcafé",
        "muttersprachlichen Unterricht für Kinder", "Alphabetisierungskurse",
    ],
    "education": [
        "Hausaufgabenhilfe für Grundschulkinder", "Nachhilfe in Mathematik und Deutsch",
        "Lernpatenschaften", "Computerkurse", "Leseförderung",
    ],
    "women": [
        "eine Frauengruppe, die sich wöchentlich trifft", "Schwimmkurse für Frauen",
        "ein Frauenfrühstück", "Selbstbehauptungskurse für Mädchen",
    ],
    "counselling": [
        "Beratung zu Behördenangelegenheiten", "Sozialberatung", "Migrationsberatung",
        "Begleitung zu Ämtern und Arztbesuchen", "Beratung zum Aufenthaltsrecht",
    ],
    "parents": [
        "ein Elterncafé", "Elternabende in mehreren Sprachen", "Familienausflüge",
        "Begleitung von Elterngesprächen in der Schule",
    ],
    "youth": [
        "einen offenen Jugendtreff", "Ferienfreizeiten für Jugendliche", "Graffiti-Workshops",
    ],
    "sport": [
        "Fußballtraining für Kinder und Jugendliche", "Gymnastik für Seniorinnen",
        "Schwimmkurse", "Kampfsporttraining",
    ],
    "culture": [
        "Musik- und Tanzgruppen", "Feste im Stadtteil", "Kochabende mit Gerichten aus aller Welt",
        "Theaterprojekte", "Lesungen und Filmabende",
    ],
    "religion": ["Gottesdienste und Gebete", "Seelsorge", "interreligiöse Gespräche"],
    "health": [
        "Gesundheitslotsen in mehreren Sprachen", "Informationsabende zur Gesundheitsvorsorge",
    ],
    "work": [
        "Bewerbungstraining", "Begleitung bei der Anerkennung von Berufsabschlüssen",
        "Beratung zur Existenzgründung",
    ],
    "media": ["eine mehrsprachige Stadtteilzeitung", "ein Radioprojekt"],
    "seniors": ["einen Seniorentreff", "Besuchsdienste für ältere Menschen"],
    "refugees": [
        "Unterstützung für Geflüchtete beim Ankommen", "Patenschaften für Geflüchtete",
        "Kleiderkammer und Möbelbörse",
    ],
    "anti_discrimination": [
        "Workshops gegen Rassismus", "eine Anlaufstelle bei Diskriminierung",
    ],
    "participation": [
        "Informationsabende zu Wahlen und Mitbestimmung", "Mitarbeit im Integrationsrat",
    ],
    "housing": ["Hilfe bei der Wohnungssuche", "Beratung bei Problemen mit Vermietern"],
    "volunteering": [
        "Ehrenamtliche Lotsinnen und Lotsen", "Fortbildungen für Ehrenamtliche",
    ],
}

INTRODUCTIONS = [
    "{name} ist seit {year} in Musterstadt aktiv.",
    "Wir sind {article} Treffpunkt im Stadtteil {district}.",
    "Seit {year} engagieren sich bei uns Menschen aus vielen Ländern.",
    "Unsere Räume liegen mitten im Stadtteil {district}.",
]

GOALS = [
    "die Teilhabe von Familien im Stadtteil zu stärken",
    "Kinder und Jugendliche beim Lernen zu unterstützen",
    "Frauen zu vernetzen und zu stärken",
    "Brücken zwischen Kulturen zu bauen",
    "Neuzugewanderten den Start in Musterstadt zu erleichtern",
    "Ehrenamtliche zu gewinnen und zu qualifizieren",
    "Diskriminierung entgegenzuwirken",
    "die Muttersprache und die deutsche Sprache gleichermaßen zu fördern",
    "Begegnungen zwischen Alt und Jung zu ermöglichen",
    "Menschen den Weg in Ausbildung und Arbeit zu ebnen",
]

# Category slug → (needs, offers), each a list of (title, description).
NEEDS_AND_OFFERS = {
    "rooms": (
        [("Raum für Sprachkurse am Abend", "Wir suchen einen Raum für 15 Personen, zweimal pro Woche."),
         ("Saal für ein Stadtteilfest", "Für unser Sommerfest brauchen wir einen Saal mit Küche.")],
        [("Gemeinderaum für Gruppen", "Unser Gemeinderaum steht montags und mittwochs frei."),
         ("Besprechungsraum zum Mitnutzen", "Ein kleiner Raum für Treffen bis zu acht Personen.")],
    ),
    "funding": (
        [("Förderung für Hausaufgabenhilfe", "Wir suchen Fördermittel für Honorare und Material."),
         ("Zuschuss für Ferienfreizeit", "Für eine Freizeit mit 20 Jugendlichen fehlen Mittel.")],
        [("Kleine Spenden für Vereinsprojekte", "Wir vergeben Zuschüsse bis 500 Euro im Jahr.")],
    ),
    "volunteers": (
        [("Ehrenamtliche für Hausaufgabenhilfe gesucht", "Zwei Nachmittage pro Woche, gern Studierende."),
         ("Helferinnen für die Frauengruppe", "Wir suchen Frauen, die die Kinderbetreuung übernehmen."),
         ("Trainer für Jugendmannschaft", "Für unsere Jugendmannschaft suchen wir Verstärkung.")],
        [("Ehrenamtliche Lotsen begleiten Neuzugewanderte", "Unsere Lotsinnen begleiten zu Ämtern.")],
    ),
    "qualification": (
        [("Fortbildung zu Vereinsrecht und Finanzen", "Unser Vorstand möchte sich fortbilden.")],
        [("Workshop: Fördermittel beantragen", "Praxisnaher Workshop für Vereine, kostenlos."),
         ("Schulung für Sprachmittlerinnen", "Wir schulen Ehrenamtliche im Dolmetschen.")],
    ),
    "interpreting": (
        [("Dolmetschen bei Elterngesprächen", "Wir brauchen Unterstützung bei Elternabenden.")],
        [("Dolmetschen in mehreren Sprachen", "Unsere Mitglieder dolmetschen bei Terminen."),
         ("Übersetzung von Flyern", "Wir übersetzen Informationsmaterial.")],
    ),
    "partners": (
        [("Kooperationspartner für Ferienprogramm", "Wer gestaltet mit uns das Ferienprogramm?")],
        [("Partnerschaft für Sprachkurse", "Wir kooperieren gern bei Sprachkursen und Beratung.")],
    ),
    "publicity": (
        [("Hilfe bei der Öffentlichkeitsarbeit", "Wer hilft uns mit Website und sozialen Medien?")],
        [("Plakatflächen im Stadtteil", "Wir hängen Plakate anderer Vereine in unserem Schaukasten aus.")],
    ),
    "advice": (
        [("Beratung zur Vereinsgründung", "Wir möchten ein eingetragener Verein werden.")],
        [("Beratung zu Fördermitteln", "Wir beraten Vereine zu Anträgen und Abrechnung."),
         ("Sozialberatung in der Muttersprache", "Offene Sprechstunde jeden Donnerstag.")],
    ),
    "equipment": (
        [("Laptops für Computerkurse", "Wir suchen gebrauchte Laptops für unsere Kurse.")],
        [("Beamer und Lautsprecher zum Ausleihen", "Für Veranstaltungen im Stadtteil."),
         ("Kleinbus für Ausflüge", "Unser Neunsitzer kann am Wochenende geliehen werden.")],
    ),
    "other": (
        [("Unterstützung beim Umzug des Vereins", "Wir ziehen um und suchen helfende Hände.")],
        [("Gemeinsames Kochen für Feste", "Wir kochen für Veranstaltungen anderer Vereine.")],
    ),
}

ACCESSIBILITY_NOTES = {
    "full": "Stufenloser Eingang, barrierefreies WC.",
    "partial": "Eingang mit Rampe, WC nicht barrierefrei.",
    "none": "Räume im ersten Stock ohne Aufzug.",
}
ARCHIVE_REASONS = [
    "Der Verein hat sich aufgelöst.",
    "Das Projekt ist ausgelaufen.",
    "Die Initiative ist in einem anderen Verein aufgegangen.",
]
REJECTION_REASONS = ["Doppelter Eintrag.", "Keine Tätigkeit in Musterstadt."]
