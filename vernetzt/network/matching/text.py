"""Text of needs and offers as weighted German terms, without Django.

The same tokeniser as the directory's search (``directory.search``: letters and digits, the
Snowball German stemmer stemmed until it no longer changes, the directory's stop word list),
plus what matching two short texts needs beyond a search box:

- spelling: "ae/oe/ue" typed for ä/ö/ü and ß as "ss" give the same stem ("Raeume" = "Räume");
- compound words: "Hausaufgabenhilfe" also counts as "Hausaufgaben" + "Hilfe" when both parts
  are words of the texts at hand ("Gemeinderaum" meets "Raum");
- other words for the same thing: the names, translations and synonyms of the managed lists
  (category "Räume": "Raum, Räumlichkeiten, Saal") and a short built-in list of the words
  offices use (``CONCEPTS``, English words in German text among them: "Laptop", "Workshop")
  add a shared concept term to both texts.
"""

import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer

_TOKEN = re.compile(r"[^\W_]+")
_STOP_WORDS_FILE = Path(__file__).resolve().parents[2] / "directory" / "german_stopwords.txt"
# "ae" for "ä" unless a vowel or "q" comes before it ("Frauen", "Quelle", "Feuer" stay).
_TYPED_UMLAUT = re.compile(r"(?<![aeiouäöüq])([aou])e")
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
MIN_WORD = 2
MIN_COMPOUND_PART = 3
# A compound's head alone ("Gemeinderaum" → "Raum") when its modifier is no known word.
MIN_HEAD = 4
MIN_MODIFIER = 5  # not "be|antragen", "ver|anstalten"
MAX_TOKENS = 400  # a text's words considered (descriptions are at most 3,000 characters)

# Groups of words that mean the same thing in needs and offers; the first word names the
# group. Stemmed like every text, so word forms need not be listed.
CONCEPTS = [
    ["raum", "räume", "räumlichkeit", "saal", "halle", "room", "rooms", "treffpunkt"],
    ["computer", "laptop", "laptops", "notebook", "rechner", "pc", "tablet", "tablets"],
    [
        "nachhilfe",
        "hausaufgabenhilfe",
        "hausaufgaben",
        "lernhilfe",
        "lernförderung",
        "lernpate",
        "lernpaten",
        "tutoring",
        "homework",
    ],
    [
        "dolmetschen",
        "dolmetscher",
        "dolmetscherin",
        "sprachmittlung",
        "sprachmittler",
        "sprachmittlerin",
        "übersetzen",
        "übersetzung",
        "übersetzer",
        "interpreting",
        "interpreter",
        "translation",
    ],
    ["kinderbetreuung", "betreuung", "childcare", "babysitting"],
    ["beamer", "projektor", "projector", "leinwand"],
    ["kleinbus", "bus", "transporter", "fahrzeug", "neunsitzer", "van"],
    ["flyer", "plakat", "plakate", "broschüre", "poster", "infomaterial", "informationsmaterial"],
    ["website", "homepage", "webseite", "internetseite", "online", "social"],
    ["kochen", "küche", "kitchen", "cooking", "catering", "essen"],
    [
        "fortbildung",
        "schulung",
        "workshop",
        "workshops",
        "seminar",
        "training",
        "weiterbildung",
        "qualifizierung",
    ],
    [
        "fördermittel",
        "förderung",
        "zuschuss",
        "zuschüsse",
        "funding",
        "spende",
        "spenden",
        "finanzierung",
        "geld",
        "grant",
        "mittel",
    ],
    [
        "ehrenamtliche",
        "ehrenamt",
        "freiwillige",
        "helfer",
        "helferin",
        "helferinnen",
        "volunteer",
        "volunteers",
        "mitstreiter",
    ],
    ["trainer", "trainerin", "übungsleiter", "übungsleiterin", "coach"],
    ["fussball", "fußball", "football", "soccer", "sport", "mannschaft"],
    ["frauen", "frau", "women", "frauengruppe", "mädchen"],
    ["jugend", "jugendliche", "youth", "teenager", "kinder"],
    ["eltern", "parents", "elternabend", "familie", "familien"],
    ["beratung", "sprechstunde", "advice", "counselling", "beraten"],
    ["verein", "vereine", "vereinsgründung", "satzung", "vereinsrecht"],
    ["lotsen", "lotsin", "lotsinnen", "begleitung", "begleiten", "mentoring", "pate", "paten"],
    ["deutschkurs", "sprachkurs", "sprachkurse", "sprachcafé", "sprachcafe", "deutsch"],
    ["umzug", "umziehen", "umzugshilfe", "transport"],
    ["fest", "feier", "festival", "party", "stadtteilfest", "sommerfest"],
]


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("german")


# Words every need or offer uses and that say nothing about what it is about.
DOMAIN_STOP_WORDS = {
    "suchen",
    "suche",
    "sucht",
    "gesucht",
    "brauchen",
    "braucht",
    "benötigen",
    "benötigt",
    "bieten",
    "biete",
    "bietet",
    "angeboten",
    "angebot",
    "bedarf",
    "gern",
    "gerne",
    "bitte",
    "melden",
    "möchten",
    "unser",
    "unsere",
    "unseren",
    "unserem",
    "unserer",
    "etwa",
    "ca",
    "jemand",
    "jemanden",
    "wer",
    "hilft",
    "pro",
    "mal",
    "sowie",
    "neu",
    "neue",
    "kostenlos",
}


@lru_cache(maxsize=1)
def stop_words():
    lines = _STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    listed = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    listed |= DOMAIN_STOP_WORDS
    return frozenset(listed | {normalise(word) for word in listed})  # "fuer" as "für"


@lru_cache(maxsize=200_000)
def normalise(word):
    """One spelling for the ways ä, ö, ü and ß are typed."""
    return _TYPED_UMLAUT.sub(r"\1", word.lower()).translate(_UMLAUTS)


@lru_cache(maxsize=100_000)
def stem(word):
    """``word`` (lower case) stemmed until it no longer changes, as ``directory.search``
    stems query words: a prefix of the stems of its other forms."""
    word = normalise(word)
    stemmer = _stemmer()
    shorter = stemmer.stemWord(word)
    while shorter != word:
        word, shorter = shorter, stemmer.stemWord(shorter)
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # English plurals the German stemmer keeps: "laptops", "workshops"
    return word


def words(text, *, keep_case=False):
    """The meaningful words of ``text``: stop words dropped, in order; lower case unless
    ``keep_case`` (to show them)."""
    found = _TOKEN.findall(text or "")[:MAX_TOKENS]
    stops = stop_words()
    kept = [
        word
        for word in found
        if len(word) >= MIN_WORD
        and not word.isdigit()  # numbers ("15 Personen", "Nr. 3") say nothing about the topic
        and word.lower() not in stops
        and normalise(word) not in stops
    ]
    return kept if keep_case else [word.lower() for word in kept]


@lru_cache(maxsize=1)
def concept_index():
    """stem → concept term, for the built-in ``CONCEPTS``."""
    return concept_terms({f"~{group[0]}": group for group in CONCEPTS})


def concept_terms(groups):
    """stem → concept term for ``{concept term: [words]}``; multi-word names are skipped."""
    index = {}
    for concept, group in groups.items():
        for name in group:
            parts = words(name)
            if len(parts) == 1:
                index.setdefault(stem(parts[0]), concept)
    return index


class Analyser:
    """Turns texts into bags of terms: stems, compound parts and concept terms.

    ``vocabulary``: the stems of all texts at hand, so a compound is split only into words
    that occur somewhere. ``concepts``: stem → concept term (the managed lists' names and
    synonyms, see ``concept_terms``), added to the built-in ``CONCEPTS``.
    """

    def __init__(self, *, vocabulary=(), concepts=None):
        self.vocabulary = set(vocabulary)
        self.concepts = {**concept_index(), **(concepts or {})}
        self._parts = {}
        self._terms = {}

    def learn(self, text):
        """Add the stems of ``text`` to the vocabulary (before analysing any text)."""
        self.vocabulary.update(stem(word) for word in words(text))
        self._terms.clear()

    def terms(self, text):
        """term → count; a word's compound parts and concepts count like the word."""
        bag = {}
        for word in words(text):
            for term in self.word_terms(word):
                bag[term] = bag.get(term, 0) + 1
        return bag

    def word_terms(self, word):
        """The terms of one lower-case word: its stem, compound parts and concepts."""
        found = self._terms.get(word)
        if found is None:
            stemmed = stem(word)
            found = {stemmed, *self.parts(word, stemmed)}
            found |= {self.concepts[term] for term in found if term in self.concepts}
            found = self._terms[word] = tuple(sorted(found))
        return found

    def _known_prefix(self, text):
        known = self.vocabulary
        concepts = self.concepts
        return any(
            text[:length] in known or text[:length] in concepts
            for length in range(MIN_COMPOUND_PART, len(text) + 1)
        )

    def parts(self, word, stemmed):
        """A compound word's two parts when both are words of the vocabulary, the longest
        head first ("hausaufgabenhilfe" → "hausaufgab", "hilf"); else its longest known head
        of at least ``MIN_HEAD`` letters ("gemeinderaum" → "raum")."""
        if stemmed in self._parts:
            return self._parts[stemmed]
        found, head_only = (), ()
        plain = normalise(word)
        if len(plain) >= 2 * MIN_COMPOUND_PART + 1:
            for cut in range(MIN_COMPOUND_PART, len(plain) - MIN_COMPOUND_PART + 1):
                rest, modifier = plain[cut:], plain[:cut]
                # A stem is a prefix of its word: stem only what could be a known word.
                if not self._known_prefix(rest):
                    continue
                head = stem(rest)
                if head not in self.vocabulary and head not in self.concepts:
                    continue
                if not head_only and len(head) >= MIN_HEAD and cut >= MIN_MODIFIER:
                    head_only = (head,)
                for joint in ("", "s", "n", "en", "es", "er"):  # Fugenelemente
                    if joint and not modifier.endswith(joint):
                        continue
                    left_word = modifier[: len(modifier) - len(joint)] if joint else modifier
                    if not self._known_prefix(left_word):
                        continue
                    left = stem(left_word)
                    if len(left) >= MIN_COMPOUND_PART and (
                        left in self.vocabulary or left in self.concepts
                    ):
                        found = (left, head)
                        break
                if found:
                    break
        found = found or head_only
        self._parts[stemmed] = found
        return found
