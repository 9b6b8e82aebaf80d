"""Draws the whole demo town from one seed, without touching the database.

Everything comes from ``random.Random(seed)`` and a fixed reference date, so one seed always
gives the same town. Terms are referred to by slug (languages by code); the writer maps them to
database rows and skips entries the installation does not have.
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.utils.text import slugify

from vernetzt.directory.demo import names, people, places, texts

REFERENCE_DATE = date(2026, 1, 1)
REFERENCE_TIME = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

TYPE_WEIGHTS = {
    "mso": 36, "welfare": 8, "religious": 9, "school": 7, "kita": 7, "civil_protection": 5,
    "sports": 8, "culture": 7, "initiative": 9, "administration": 3, "company": 1,
}
TYPE_FIELDS = {
    "welfare": [], "mso": [], "religious": ["religion"],
    "school": ["education", "language", "parents"], "kita": ["parents", "education", "language"],
    "civil_protection": ["volunteering", "youth", "health"], "sports": ["sport", "youth"],
    "culture": ["culture"], "initiative": ["volunteering", "refugees"],
    "administration": ["counselling", "language", "work"], "company": ["work"],
}
LEGAL_FORMS = {
    "mso": ["ev", "ev", "ev", "unregistered"], "welfare": ["ev", "ggmbh"],
    "religious": ["ev", "religious"], "school": ["public"], "kita": ["public", "ev", "ggmbh"],
    "civil_protection": ["public", "ev"], "sports": ["ev"], "culture": ["ev", "unregistered"],
    "initiative": ["unregistered", "ev"], "administration": ["public"], "company": ["company"],
}
FOUNDING_YEARS = {
    "civil_protection": (1870, 1995), "school": (1900, 2015), "welfare": (1950, 2020),
    "religious": (1960, 2020), "sports": (1890, 2022), "initiative": (2014, 2025),
}
MEMBERSHIP_TYPES = {"mso", "religious", "sports", "culture", "initiative", "civil_protection"}


@dataclass(frozen=True)
class Vocabulary:
    """Sorted slugs of the terms the installation has (languages by ISO code)."""

    types: tuple
    fields: tuple
    communities: tuple
    categories: tuple
    languages: tuple


@dataclass
class ItemPlan:
    """A need or an offer."""

    category: str
    title: str
    description: str
    languages: list
    districts: list
    valid_from: date
    valid_until: date | None


@dataclass
class ContactPlan:
    name: str
    role: str
    email: str
    phone: str
    languages: list
    visibility: str
    consent_given_at: datetime


@dataclass
class OrganisationPlan:
    name: str
    slug: str
    type: str
    description: str
    goals: str
    founding_year: int
    legal_form: str
    member_count: int | None
    fields: list
    communities: list
    languages: list
    districts: list
    street: str
    latitude: Decimal
    longitude: Decimal
    website: str
    public_email: str
    public_phone: str
    accessibility: str
    accessibility_notes: str
    status: str = "verified"
    status_reason: str = ""
    visibility: str = "public"
    verified_at: datetime | None = None
    proposer_name: str = ""
    proposer_email: str = ""
    needs: list = field(default_factory=list)
    offers: list = field(default_factory=list)
    contacts: list = field(default_factory=list)


@dataclass
class TownPlan:
    districts: list
    organisations: list
    edited_slugs: list  # the organisations the demo editor account maintains


def ascii_words(text):
    """``text`` in plain ASCII for e-mail addresses and slugs (ä → ae, ı → i, …)."""
    for umlaut, plain in {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i",
                          "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}.items():
        text = text.replace(umlaut, plain)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def plan_town(*, seed, organisations, vocabulary):
    rng = random.Random(seed)
    drawer = _Drawer(rng, vocabulary)
    plans = [drawer.organisation() for _ in range(organisations)]
    _assign_statuses(rng, plans)
    return TownPlan(
        districts=list(places.DISTRICTS), organisations=plans, edited_slugs=_edited_slugs(plans)
    )


def _assign_statuses(rng, plans):
    """A few proposals, internal, archived and rejected entries; the rest verified and public."""
    count = len(plans)
    shares = [("proposed", 0.03), ("internal", 0.04), ("archived", 0.03), ("rejected", 0.01)]
    order = rng.sample(range(count), count)
    start = 0
    for status, share in shares:
        size = min(max(1, round(count * share)), max(0, count - start - 1))
        for index in order[start:start + size]:
            _give_status(rng, plans[index], status)
        start += size
    for plan in plans:
        if plan.status in {"verified", "archived"}:
            plan.verified_at = REFERENCE_TIME - timedelta(days=rng.randint(30, 900))


def _give_status(rng, plan, status):
    if status == "internal":
        plan.visibility = "internal"
        return
    plan.status = status
    if status == "archived":
        plan.status_reason = rng.choice(texts.ARCHIVE_REASONS)
    elif status == "rejected":
        plan.status_reason = rng.choice(texts.REJECTION_REASONS)
    elif status == "proposed":
        proposer = f"{rng.choice(people.FIRST_NAMES)} {rng.choice(people.SURNAMES)}"
        plan.proposer_name = proposer
        plan.proposer_email = _email(proposer, "example.org")
        plan.contacts = []


def _edited_slugs(plans):
    public = [plan for plan in plans if plan.status == "verified" and plan.visibility == "public"]
    organisations = [plan for plan in public if plan.type == "mso"]
    if len(organisations) < 2:
        organisations = public
    return [plan.slug for plan in organisations[:3]]


def _email(person, domain):
    local = ".".join(slugify(ascii_words(part)) for part in person.split())
    return f"{local}@{domain}"


class _Drawer:
    """Draws one organisation after another; keeps names and slugs unique."""

    def __init__(self, rng, vocabulary):
        self.rng = rng
        self.vocabulary = vocabulary
        self.types = [slug for slug in TYPE_WEIGHTS if slug in vocabulary.types]
        self.weights = [TYPE_WEIGHTS[slug] for slug in self.types]
        self.used_names = set()
        self.used_slugs = set()
        self.adjective_communities = sorted(names.COMMUNITY_ADJECTIVES)

    def organisation(self):
        rng = self.rng
        type_slug = rng.choices(self.types, self.weights)[0]
        home = rng.randrange(len(places.DISTRICTS))
        year = rng.randint(*FOUNDING_YEARS.get(type_slug, (1965, REFERENCE_DATE.year - 1)))
        name, communities, suggested = self._name(type_slug, home, year)
        slug = self._slug(name)
        fields = self._fields(type_slug, suggested)
        languages = self._languages(communities)
        districts = self._districts(home)
        accessibility = rng.choice(["full", "full", "partial", "none", "unknown"])
        has_website = rng.random() < 0.6
        domain = f"{slug[:40].strip('-')}.example.org"
        plan = OrganisationPlan(
            name=name,
            slug=slug,
            type=type_slug,
            description=self._description(name, fields, year, places.DISTRICTS[home][1]),
            goals=self._goals(),
            founding_year=year,
            legal_form=rng.choice(LEGAL_FORMS[type_slug]),
            member_count=rng.randint(8, 600) if type_slug in MEMBERSHIP_TYPES else None,
            fields=fields,
            communities=communities,
            languages=languages,
            districts=districts,
            street=f"{rng.choice(places.STREETS[home])} {rng.randint(1, 120)}",
            latitude=self._coordinate(places.CENTRE_LATITUDE),
            longitude=self._coordinate(places.CENTRE_LONGITUDE),
            website=f"https://{domain}" if has_website else "",
            public_email=f"kontakt@{domain}" if rng.random() < 0.7 else "",
            public_phone=f"01234 {rng.randint(10000, 999999)}" if rng.random() < 0.6 else "",
            accessibility=accessibility,
            accessibility_notes=texts.ACCESSIBILITY_NOTES.get(accessibility, ""),
        )
        plan.needs = [self._item(plan, 0) for _ in range(rng.randint(1, 3))]
        plan.offers = [self._item(plan, 1) for _ in range(rng.randint(1, 3))]
        plan.contacts = [self._contact(plan, domain) for _ in range(rng.randint(1, 2))]
        return plan

    # Names

    def _name(self, type_slug, home, year):
        """A name not used yet, the communities it implies and the fields it suggests."""
        district = places.DISTRICTS[home][1]
        for _attempt in range(8):
            name, communities, suggested = NAMERS[type_slug](self, district, year)
            if name not in self.used_names:
                break
        else:
            street = self.rng.choice(places.STREETS[home])
            name = f"{name} – {street}"
            counter = 2
            while name in self.used_names:
                name = f"{name.rsplit(' (', 1)[0]} ({counter})"
                counter += 1
        self.used_names.add(name)
        known = [slug for slug in communities if slug in self.vocabulary.communities]
        return name, known, suggested

    def _slug(self, name):
        base = slugify(ascii_words(name))[:200] or "organisation"
        slug, counter = base, 2
        while slug in self.used_slugs:
            slug = f"{base}-{counter}"
            counter += 1
        self.used_slugs.add(slug)
        return slug

    def _community(self):
        return self.rng.choice(self.adjective_communities)

    def mso_name(self, district, year):
        rng = self.rng
        community = self._community()
        stem, country = names.COMMUNITY_ADJECTIVES[community]
        noun, gender, suggested = rng.choice(names.MSO_KINDS)
        adjective = stem + names.ENDINGS[gender]
        if country and rng.random() < 0.35:
            adjective = f"Deutsch-{adjective}"
        place = rng.choice(["Musterstadt", district, ""])
        name = " ".join(part for part in [adjective, noun, place] if part)
        if rng.random() < 0.6:
            name += " e.V."
        return name, [community], suggested

    def welfare_name(self, district, year):
        carrier = self.rng.choice(names.WELFARE_CARRIERS)
        service, suggested = self.rng.choice(names.WELFARE_SERVICES)
        communities = [self._community()] if self.rng.random() < 0.3 else ["multinational"]
        return f"{carrier} – {service} {district}", communities, suggested

    def school_name(self, district, year):
        kind = self.rng.choice(names.SCHOOL_KINDS)
        if self.rng.random() < 0.5:
            return f"{kind} {district}", ["multinational"], []
        return f"{self.rng.choice(names.SCHOOL_NAMES)} – {kind}", ["multinational"], []

    def kita_name(self, district, year):
        prefix = self.rng.choice(["Kita", "Städtische Kita", "Familienzentrum", "Kindergarten"])
        return f"{prefix} {self.rng.choice(names.KITA_NAMES)} {district}", ["multinational"], []

    def religious_name(self, district, year):
        template, communities = self.rng.choice(names.RELIGIOUS_NAMES)
        name = template.format(district=district, saint=self.rng.choice(names.SAINTS))
        suggested = self.rng.sample(["culture", "counselling", "women", "youth", "seniors"], 2)
        return name, communities, suggested

    def template_name(self, templates, district, year, suggested=()):
        name = self.rng.choice(templates).format(
            district=district, year=year, surname=self.rng.choice(people.SURNAMES)
        )
        communities = [self._community()] if self.rng.random() < 0.4 else []
        return name, communities, list(suggested)

    # Content

    def _fields(self, type_slug, suggested):
        base = list(dict.fromkeys([*TYPE_FIELDS[type_slug], *suggested]))
        extra = self.rng.sample(sorted(texts.ACTIVITIES), self.rng.randint(1, 2))
        chosen = list(dict.fromkeys([*base, *extra]))
        return [slug for slug in chosen if slug in self.vocabulary.fields]

    def _languages(self, communities):
        codes = ["de"] if self.rng.random() < 0.9 else []
        for community in communities:
            spoken = people.COMMUNITY_LANGUAGES.get(community, [])
            codes += self.rng.sample(spoken, min(len(spoken), self.rng.randint(1, 2)))
        if self.rng.random() < 0.3:
            codes.append("en")
        codes = list(dict.fromkeys(codes)) or ["de"]
        return [code for code in codes if code in self.vocabulary.languages]

    def _districts(self, home):
        slugs = [slug for slug, _name, _english in places.DISTRICTS]
        if self.rng.random() < 0.05:
            return slugs  # active in the whole town
        others = self.rng.sample(slugs, self.rng.randint(0, 2))
        return list(dict.fromkeys([slugs[home], *others]))

    def _description(self, name, fields, year, district):
        rng = self.rng
        introduction = rng.choice(texts.INTRODUCTIONS).format(
            name=name, year=year, district=district, article="ein"
        )
        pool = [activity for slug in fields for activity in texts.ACTIVITIES.get(slug, [])]
        activities = rng.sample(pool, min(len(pool), rng.randint(2, 3))) or ["Beratung"]
        listing = (
            activities[0] if len(activities) == 1
            else f"{', '.join(activities[:-1])} und {activities[-1]}"
        )
        return f"{introduction} Wir bieten {listing} an."

    def _goals(self):
        chosen = self.rng.sample(texts.GOALS, self.rng.randint(1, 2))
        return f"Unser Ziel ist es, {' und '.join(chosen)}."

    def _coordinate(self, centre):
        offset = self.rng.uniform(-places.SPREAD_DEGREES, places.SPREAD_DEGREES)
        return Decimal(f"{centre + offset:.6f}")

    def _item(self, plan, side):
        rng = self.rng
        categories = [slug for slug in texts.NEEDS_AND_OFFERS if slug in self.vocabulary.categories]
        category = rng.choice(categories)
        title, description = rng.choice(texts.NEEDS_AND_OFFERS[category][side])
        valid_from, valid_until = self._validity()
        return ItemPlan(
            category=category,
            title=title,
            description=description,
            languages=rng.sample(plan.languages, min(len(plan.languages), rng.randint(1, 2))),
            districts=[rng.choice(plan.districts)],
            valid_from=valid_from,
            valid_until=valid_until,
        )

    def _validity(self):
        """Mostly current, open-ended or ending years after the reference date; some expired."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.1:
            start = REFERENCE_DATE - timedelta(days=rng.randint(300, 600))
            return start, start + timedelta(days=rng.randint(30, 200))
        start = REFERENCE_DATE - timedelta(days=rng.randint(0, 400))
        if roll < 0.5:
            return start, None
        return start, REFERENCE_DATE + timedelta(days=rng.randint(400, 1500))

    def _contact(self, plan, domain):
        rng = self.rng
        person = f"{rng.choice(people.FIRST_NAMES)} {rng.choice(people.SURNAMES)}"
        return ContactPlan(
            name=person,
            role=rng.choice(people.CONTACT_ROLES),
            email=_email(person, domain),
            phone=f"01234 {rng.randint(10000, 999999)}" if rng.random() < 0.5 else "",
            languages=rng.sample(plan.languages, min(len(plan.languages), rng.randint(1, 2))),
            visibility="public" if rng.random() < 0.6 else "internal",
            consent_given_at=REFERENCE_TIME - timedelta(days=rng.randint(10, 700)),
        )


NAMERS = {
    "mso": _Drawer.mso_name,
    "welfare": _Drawer.welfare_name,
    "school": _Drawer.school_name,
    "kita": _Drawer.kita_name,
    "religious": _Drawer.religious_name,
    "civil_protection": lambda self, d, y: self.template_name(names.CIVIL_PROTECTION_NAMES, d, y),
    "sports": lambda self, d, y: self.template_name(names.SPORTS_NAMES, d, y, ["sport"]),
    "culture": lambda self, d, y: self.template_name(names.CULTURE_NAMES, d, y, ["culture"]),
    "initiative": lambda self, d, y: self.template_name(
        names.INITIATIVE_NAMES, d, y, ["language", "education"]
    ),
    "administration": lambda self, d, y: self.template_name(names.ADMINISTRATION_NAMES, d, y),
    "company": lambda self, d, y: self.template_name(names.COMPANY_NAMES, d, y, ["work"]),
}
