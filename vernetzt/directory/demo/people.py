"""Made-up people: contact persons and the languages of the communities they belong to."""

FIRST_NAMES = [
    "Aylin", "Mehmet", "Fatma", "Ahmad", "Amina", "Hassan", "Leyla", "Yusuf", "Olena", "Taras",
    "Iryna", "Natalia", "Sergej", "Agnieszka", "Piotr", "Ioana", "Mihai", "Desislava", "Nikos",
    "Giulia", "Marco", "Lucía", "Carlos", "Adnan", "Emina", "Arben", "Senait", "Yonas", "Kwame",
    "Abena", "Chinedu", "Fatima", "Karim", "Linh", "Minh", "Priya", "Tharani", "Dragan",
    "Anna", "Thomas", "Sabine", "Jürgen", "Monika", "Stefan", "Claudia", "Michael", "Petra",
    "Andreas", "Julia", "Lukas", "Miriam", "Jonas", "Sevgi", "Zeynep", "Farid", "Mariam",
]

SURNAMES = [
    "Yılmaz", "Demir", "Kaya", "Al-Hassan", "Haddad", "Rahimi", "Karimi", "Kovalenko",
    "Shevchenko", "Petrenko", "Iwanow", "Nowak", "Kowalska", "Popescu", "Ionescu", "Dimitrova",
    "Papadopoulos", "Rossi", "Bianchi", "García", "Hodžić", "Berisha", "Tesfaye", "Gebremariam",
    "Mensah", "Owusu", "Okafor", "Benali", "El Amrani", "Nguyen", "Tran", "Sivakumar",
    "Schneider", "Müller", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Wagner",
    "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange",
]

CONTACT_ROLES = [
    "Vorsitzende", "Vorsitzender", "Stellvertretende Vorsitzende", "Kassenwart",
    "Koordinatorin Ehrenamt", "Projektleitung", "Geschäftsführung", "Leitung",
    "Ansprechpartnerin Integration", "Jugendleiter", "Schriftführerin", "Sozialarbeiterin",
]

CONSENT_PURPOSES = {
    "public": "Veröffentlichung von Name, Funktion und Kontaktdaten als Ansprechperson im "
    "Verzeichnis von vernetzt Musterstadt",
    "internal": "Speicherung von Name, Funktion und Kontaktdaten als Ansprechperson für das "
    "Integrationsbüro Musterstadt (nicht öffentlich)",
}
PROPOSAL_CONSENT_PURPOSE = (
    "Speicherung von Name und E-Mail-Adresse, um Rückfragen zum Vorschlag zu beantworten"
)

# Community slug (taxonomy_seed.COMMUNITIES) → languages commonly spoken in it.
COMMUNITY_LANGUAGES = {
    "turkish": ["tr"],
    "kurdish": ["ku", "ckb"],
    "arabic": ["ar"],
    "syrian": ["ar", "ku"],
    "afghan": ["fa", "prs", "ps"],
    "iranian": ["fa"],
    "ukrainian": ["uk", "ru"],
    "russian_speaking": ["ru"],
    "polish": ["pl"],
    "romanian": ["ro"],
    "bulgarian": ["bg"],
    "greek": ["el"],
    "italian": ["it"],
    "spanish_speaking": ["es"],
    "balkan": ["bs", "sr", "hr", "sq"],
    "eritrean": ["ti"],
    "west_african": ["en", "fr", "tw", "yo"],
    "moroccan": ["ar", "fr"],
    "vietnamese": ["vi"],
    "tamil": ["ta"],
    "roma": ["ro", "sr"],
    "multinational": ["en", "ar", "tr", "uk"],
}
