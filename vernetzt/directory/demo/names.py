"""Plausible German organisation names, drawn per organisation type.

Each namer takes the random source, a district name and a community slug and returns a name.
"""

# Community slug → adjective stem (endings by grammatical gender are added), and whether a
# "Deutsch-…" prefix reads naturally.
COMMUNITY_ADJECTIVES = {
    "turkish": ("Türkisch", True),
    "kurdish": ("Kurdisch", False),
    "arabic": ("Arabisch", False),
    "syrian": ("Syrisch", True),
    "afghan": ("Afghanisch", True),
    "iranian": ("Iranisch", True),
    "ukrainian": ("Ukrainisch", True),
    "russian_speaking": ("Russischsprachig", False),
    "polish": ("Polnisch", True),
    "romanian": ("Rumänisch", True),
    "bulgarian": ("Bulgarisch", True),
    "greek": ("Griechisch", True),
    "italian": ("Italienisch", True),
    "spanish_speaking": ("Lateinamerikanisch", False),
    "balkan": ("Bosnisch", True),
    "eritrean": ("Eritreisch", True),
    "west_african": ("Afrikanisch", False),
    "moroccan": ("Marokkanisch", True),
    "vietnamese": ("Vietnamesisch", True),
    "tamil": ("Tamilisch", False),
    "multinational": ("Interkulturell", False),
}
ENDINGS = {"m": "er", "f": "e", "n": "es"}

# (noun, gender, fields of action it suggests)
MSO_KINDS = [
    ("Kulturverein", "m", ["culture"]),
    ("Elternverein", "m", ["parents", "education"]),
    ("Frauenverein", "m", ["women"]),
    ("Frauennetzwerk", "n", ["women", "participation"]),
    ("Jugendverein", "m", ["youth", "sport"]),
    ("Bildungsverein", "m", ["education", "language"]),
    ("Kultur- und Bildungsverein", "m", ["culture", "education"]),
    ("Begegnungszentrum", "n", ["culture", "counselling"]),
    ("Freundeskreis", "m", ["culture", "volunteering"]),
    ("Seniorentreff", "m", ["seniors"]),
    ("Familienzentrum", "n", ["parents", "counselling"]),
    ("Elterninitiative", "f", ["parents", "education"]),
    ("Gemeinschaft", "f", ["culture", "participation"]),
    ("Studierendenverein", "m", ["education", "youth"]),
    ("Sportverein", "m", ["sport", "youth"]),
]

WELFARE_CARRIERS = [
    "Soziales Hilfswerk Musterstadt e.V.",
    "Evangelisches Hilfswerk Musterstadt",
    "Katholischer Sozialdienst Musterstadt",
    "Arbeiterhilfe Musterstadt e.V.",
    "Paritätisches Sozialforum Musterstadt",
    "Jüdische Sozialstiftung Musterstadt",
    "Nachbarschaftswerk Musterstadt gGmbH",
]
WELFARE_SERVICES = [
    ("Migrationsberatung für Erwachsene", ["counselling", "refugees"]),
    ("Jugendmigrationsdienst", ["youth", "counselling"]),
    ("Familienzentrum", ["parents", "counselling"]),
    ("Stadtteilbüro", ["participation", "volunteering"]),
    ("Flüchtlingssozialarbeit", ["refugees", "counselling"]),
    ("Seniorenbegegnungsstätte", ["seniors"]),
    ("Schuldnerberatung", ["counselling", "work"]),
    ("Frauenberatungsstelle", ["women", "counselling"]),
]

SCHOOL_KINDS = ["Grundschule", "Gesamtschule", "Gymnasium", "Realschule", "Förderschule"]
SCHOOL_NAMES = ["Lindenschule", "Schule am Park", "Brüder-Grimm-Schule", "Sonnenbergschule",
                "Schule am Mühlenbach", "Regenbogenschule", "Astrid-Lindgren-Schule"]
KITA_NAMES = ["Sonnenschein", "Regenbogen", "Pusteblume", "Kunterbunt", "Wirbelwind",
              "Sternschnuppe", "Löwenzahn", "Schatzkiste", "Weltentdecker", "Kleine Hände"]

RELIGIOUS_NAMES = [
    ("Moscheegemeinde {district}", ["turkish", "arabic"]),
    ("Islamisches Kulturzentrum {district}", ["arabic", "moroccan"]),
    ("Bosnische Moscheegemeinde Musterstadt", ["balkan"]),
    ("Alevitische Gemeinde Musterstadt", ["turkish", "kurdish"]),
    ("Evangelische Kirchengemeinde {district}", ["multinational"]),
    ("Katholische Pfarrei St. {saint}", ["multinational"]),
    ("Griechisch-Orthodoxe Gemeinde Musterstadt", ["greek"]),
    ("Eritreisch-Orthodoxe Gemeinde", ["eritrean"]),
    ("Rumänisch-Orthodoxe Gemeinde {district}", ["romanian"]),
    ("Ukrainische Griechisch-Katholische Gemeinde", ["ukrainian"]),
    ("Polnische Katholische Mission Musterstadt", ["polish"]),
    ("Internationale Freikirche {district}", ["west_african", "spanish_speaking"]),
    ("Tamilischer Hindu-Tempelverein", ["tamil"]),
    ("Jüdische Gemeinde Musterstadt", ["russian_speaking", "multinational"]),
    ("Vietnamesische Buddhistische Gemeinde", ["vietnamese"]),
]
SAINTS = ["Marien", "Josef", "Antonius", "Elisabeth", "Michael", "Bonifatius", "Martin"]

CIVIL_PROTECTION_NAMES = [
    "Freiwillige Feuerwehr Musterstadt Löschzug {district}",
    "DRK Ortsverein Musterstadt-{district}",
    "THW Ortsverband Musterstadt",
    "DLRG Ortsgruppe {district}",
    "Jugendfeuerwehr {district}",
    "Malteser Hilfsdienst Musterstadt",
    "Johanniter Ortsverband {district}",
]

SPORTS_NAMES = [
    "TuS {district} {year} e.V.", "SV {district} {year}", "FC Musterstadt-{district}",
    "Schwimmverein Musterstadt {year}", "Boxclub {district}", "Cricket Club Musterstadt",
    "Frauensportgruppe {district}", "Ringerverein {district}", "Tischtennisfreunde {district}",
    "Basketball Musterstadt {district}", "Judoclub {district} e.V.",
]

CULTURE_NAMES = [
    "Kulturzentrum {district}", "Theater ohne Grenzen", "Chor der Nationen Musterstadt",
    "Interkultureller Tanzverein {district}", "Musikwerkstatt {district}",
    "Kunstverein {district}", "Literaturcafé {district}", "Filmclub Weltkino Musterstadt",
    "Folkloreensemble {district}",
]

INITIATIVE_NAMES = [
    "Lotsenprojekt Willkommen", "Willkommensinitiative {district}",
    "Netzwerk Patenschaften {district}", "Sprachcafé {district}",
    "Nachbarschaftsinitiative {district}", "Runder Tisch Integration {district}",
    "Fahrradwerkstatt für alle {district}", "Hausaufgabenhilfe {district}",
    "Nähcafé {district}", "Gemeinschaftsgarten {district}", "Mentoring-Netzwerk Ausbildung",
]

ADMINISTRATION_NAMES = [
    "Kommunales Integrationszentrum Musterstadt", "Volkshochschule Musterstadt",
    "Jobcenter Musterstadt", "Stadtbibliothek Musterstadt – Zweigstelle {district}",
    "Bürgerbüro {district}", "Gesundheitsamt Musterstadt",
]

COMPANY_NAMES = [
    "Dolmetscherbüro {surname}", "Pflegedienst {surname} GmbH", "Bäckerei {surname}",
    "Fahrschule {surname}", "Sprachschule {surname} UG",
]
