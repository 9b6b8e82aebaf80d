"""Districts, streets and coordinates of Musterstadt."""

TOWN = "Musterstadt"
POSTCODE = "12345"

# (slug, name, English name): fixed slugs so links and benchmarks can name a district.
DISTRICTS = [
    ("altstadt", "Altstadt", "Old Town"),
    ("nordviertel", "Nordviertel", "North Quarter"),
    ("suedstadt", "Südstadt", "South Town"),
    ("hafen", "Hafen", "Harbour"),
    ("am-muehlenbach", "Am Mühlenbach", "Am Mühlenbach"),
    ("westend", "Westend", "West End"),
    ("oststadt", "Oststadt", "East Town"),
    ("neustadt", "Neustadt", "New Town"),
    ("lindenhof", "Lindenhof", "Lindenhof"),
    ("bahnhofsviertel", "Bahnhofsviertel", "Station Quarter"),
    ("kirchberg", "Kirchberg", "Kirchberg"),
    ("auenfeld", "Auenfeld", "Auenfeld"),
]

# Four streets per district, in the order of DISTRICTS.
STREETS = [
    ["Marktplatz", "Kirchgasse", "Rathausstraße", "Am Stadttor"],
    ["Nordring", "Lerchenweg", "Hochstraße", "Birkenallee"],
    ["Südallee", "Gartenstraße", "Schillerstraße", "Rosenweg"],
    ["Hafenstraße", "Kaiweg", "Speicherstraße", "Am Leuchtturm"],
    ["Mühlenweg", "Bachstraße", "Am Wehr", "Müllergasse"],
    ["Westendstraße", "Parkallee", "Goethestraße", "Ulmenweg"],
    ["Ostring", "Fabrikstraße", "Weberstraße", "Am Gaswerk"],
    ["Neue Straße", "Friedensplatz", "Humboldtstraße", "Ahornweg"],
    ["Lindenstraße", "Am Lindenhof", "Hofweg", "Kastanienallee"],
    ["Bahnhofstraße", "Gleisweg", "Poststraße", "Europaplatz"],
    ["Kirchbergstraße", "Am Hang", "Klosterweg", "Burgstraße"],
    ["Auenweg", "Wiesenstraße", "Am Deich", "Weidenweg"],
]

# A made-up centre; organisations scatter around it by up to about three kilometres.
CENTRE_LATITUDE = 51.2345
CENTRE_LONGITUDE = 9.8765
SPREAD_DEGREES = 0.03
