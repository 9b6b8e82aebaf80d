"""Needs ↔ offers matching over plain data: which offers fit a need, ranked, with reasons.

Nothing here reads the database: ``selectors.matching`` loads needs, offers and organisations
as the dataclasses below (a few queries of plain values) and builds one ``Market``; every
question (one need's offers, one offer's needs, every need's best offer) is then answered in
Python from it.

Rules that hold whatever the score (``eligible``): never an offer of the need's own
organisation, never an offer (or need) not valid on the market's day (expired, or not yet
begun).

The score of a need and an offer adds up (weights below, ``WEIGHTS``):

- category: the same category counts most; an offer of another category is considered only
  when its text shares a rare word with the need (and rarely wins);
- text: BM25 of the need's terms over the offer's title and description (stemmed German,
  compound parts, concepts from the managed lists' names and synonyms: ``text.Analyser``),
  divided by what the need's terms could reach at most, so 0…1 whatever the text's length;
- districts: the offer names a district the need names (bonus), names only other districts
  (penalty), names none but its organisation is active there (smaller bonus), names none at
  all (valid everywhere: small bonus);
- languages: the same, with the offer's languages, else its organisation's; counted three times for
  categories whose subject is language (interpreting: ``language_categories``);
- the two organisations' shared fields of action and communities served (small bonuses);
- validity: an offer ending before the need ends loses a little.

``GOOD_MATCH`` is the score below which a need's best offer counts as "no good match" (the
office's gap list): the same category plus a little more (a shared word, the district or the
language); the evaluation (``bench/network/matching.py``) shows how it splits labelled needs.
"""

import heapq
import math
from dataclasses import dataclass, field
from datetime import date

from vernetzt.network.matching.text import Analyser, stem, words

WEIGHTS = {
    "category": 4.0,
    "text": 6.0,
    "district": 1.0,
    "district_other": -2.0,
    "district_organisation": 0.9,
    "district_everywhere": 0.8,
    "language": 1.0,
    "language_other": -2.0,
    "language_organisation": 0.8,
    "field": 0.15,
    "community": 0.2,
    "ends_early": -0.25,
}
LANGUAGE_FACTOR = 3.0  # in ``language_categories``
LANGUAGE_UNKNOWN_STRICT = -1.0  # interpreting without any language named
MAX_SHARED = 2  # fields / communities counted at most
GOOD_MATCH = 6.0
DEFAULT_LIMIT = 10
# An offer of another category is a candidate when it shares a term this rare with the need.
CROSS_CATEGORY_MAX_SHARE = 0.02
CROSS_CATEGORY_MIN_TEXT = 0.5
CROSS_CATEGORY_TEXT = 0.5  # share of the text weight an offer of another category gets
BM25_K1 = 1.2
BM25_B = 0.75
TITLE_REPEAT = 2  # the title counts twice: it says what the offer is
MAX_REASON_WORDS = 3


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    slug: str = ""
    fields: frozenset = frozenset()  # field-of-action ids
    communities: frozenset = frozenset()  # community ids
    districts: frozenset = frozenset()  # district ids
    languages: frozenset = frozenset()  # ISO codes


@dataclass(frozen=True)
class Entry:
    """A need or an offer."""

    id: int
    organisation_id: int
    category_id: int
    title: str
    description: str = ""
    languages: frozenset = frozenset()  # ISO codes
    districts: frozenset = frozenset()  # district ids
    valid_from: date = date.min
    valid_until: date | None = None

    def is_valid_on(self, day):
        """``directory.models.current_on`` for plain data (a test holds them together)."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class Reason:
    """Why an offer fits a need, as a code and its data; ``reasons.render`` words it."""

    code: str
    values: tuple = ()  # term ids, language codes or words
    day: date | None = None


@dataclass
class Match:
    need: Entry
    offer: Entry
    score: float
    reasons: list = field(default_factory=list)
    # The offer names only other districts, or only other languages, than the need.
    mismatch: bool = False

    @property
    def is_good(self):
        """Good enough to leave the need off the office's gap list."""
        return self.score >= GOOD_MATCH and not self.mismatch


def eligible(need, offer, day):
    """The rules no score overrides: another organisation's offer, both valid on ``day``."""
    return (
        offer.organisation_id != need.organisation_id
        and offer.is_valid_on(day)
        and need.is_valid_on(day)
    )


def _mismatch(need_f, offer_f):
    return bool(
        (need_f.districts and offer_f.districts and not need_f.districts & offer_f.districts)
        or (need_f.languages and offer_f.languages and not need_f.languages & offer_f.languages)
    )


class _Bits:
    """Small sets as integers: a set's members become bits, so overlap is one ``&``."""

    def __init__(self):
        self.position = {}

    def mask(self, members):
        value = 0
        for member in members:
            bit = self.position.setdefault(member, len(self.position))
            value |= 1 << bit
        return value


@dataclass
class _Features:
    """One entry's features, computed once per market."""

    entry: Entry
    terms: dict  # term → count (title counted ``TITLE_REPEAT`` times)
    title_terms: frozenset
    surface: dict  # term → the word of the text it came from
    length: int
    districts: int
    languages: int
    organisation_districts: int
    organisation_languages: int
    fields: int
    communities: int


class Market:
    """Needs and offers of one moment (``day``), ready to be matched.

    ``organisations``: id → ``Organisation`` for every organisation of a need or an offer.
    ``concepts``: stem → concept term from the managed lists (``text.concept_terms``).
    ``language_categories``: category ids whose subject is language (interpreting).
    Entries not valid on ``day`` are dropped here, once.
    """

    def __init__(self, *, needs, offers, organisations, day, concepts=None, language_categories=()):
        self.day = day
        self.organisations = organisations
        self.language_categories = frozenset(language_categories)
        self.needs = {need.id: need for need in needs if need.is_valid_on(day)}
        self.offers = {offer.id: offer for offer in offers if offer.is_valid_on(day)}
        self.analyser = Analyser(concepts=concepts)
        for entry in (*self.needs.values(), *self.offers.values()):
            self.analyser.learn(f"{entry.title} {entry.description}")
        self._district_bits, self._language_bits = _Bits(), _Bits()
        self._field_bits, self._community_bits = _Bits(), _Bits()
        self._need_features = {pk: self._features(need) for pk, need in self.needs.items()}
        self._offer_features = {pk: self._features(offer) for pk, offer in self.offers.items()}
        self._index_offers()
        self._index_needs()

    # --- Building -------------------------------------------------------------------------

    def _features(self, entry):
        terms, surface, exact = {}, {}, set()
        for text, repeat in ((entry.title, TITLE_REPEAT), (entry.description, 1)):
            for word in words(text, keep_case=True):
                lower = word.lower()
                stemmed = stem(lower)
                for term in self.analyser.word_terms(lower):
                    terms[term] = terms.get(term, 0) + repeat
                    # The word itself names its stem; a compound only lends its parts a name.
                    if term == stemmed and term not in exact:
                        surface[term] = word
                        exact.add(term)
                    else:
                        surface.setdefault(term, word)
        organisation = self.organisations.get(entry.organisation_id) or Organisation(
            entry.organisation_id, ""
        )
        return _Features(
            entry=entry,
            terms=terms,
            title_terms=frozenset(
                term for word in words(entry.title) for term in self.analyser.word_terms(word)
            ),
            surface=surface,
            length=sum(terms.values()),
            districts=self._district_bits.mask(entry.districts),
            languages=self._language_bits.mask(entry.languages),
            organisation_districts=self._district_bits.mask(organisation.districts),
            organisation_languages=self._language_bits.mask(organisation.languages),
            fields=self._field_bits.mask(organisation.fields),
            communities=self._community_bits.mask(organisation.communities),
        )

    def _index_offers(self):
        features = list(self._offer_features.values())
        self.offer_count = len(features)
        self.average_length = (
            sum(feature.length for feature in features) / len(features) if features else 1.0
        ) or 1.0
        document_frequency = {}
        for feature in features:
            for term in feature.terms:
                document_frequency[term] = document_frequency.get(term, 0) + 1
        total = self.offer_count
        self.idf = {
            term: math.log(1 + (total - count + 0.5) / (count + 0.5))
            for term, count in document_frequency.items()
        }
        self.unknown_idf = math.log(1 + (total + 0.5) / 0.5)
        # Per category: the offers (positions) and per term its postings (position, weight).
        self.by_category = {}
        self.postings = {}
        self.rare_postings = {}
        rare_limit = max(1, int(total * CROSS_CATEGORY_MAX_SHARE))
        for feature in features:
            category = self.by_category.setdefault(
                feature.entry.category_id, {"offers": [], "postings": {}}
            )
            position = len(category["offers"])
            category["offers"].append(feature)
            norm = BM25_K1 * (1 - BM25_B + BM25_B * feature.length / self.average_length)
            for term, count in feature.terms.items():
                weight = count * (BM25_K1 + 1) / (count + norm)
                category["postings"].setdefault(term, []).append((position, weight))
                if document_frequency[term] <= rare_limit:
                    self.rare_postings.setdefault(term, []).append((feature, weight))

    def _index_needs(self):
        self.needs_by_category = {}
        self.needs_by_term = {}
        for feature in self._need_features.values():
            self.needs_by_category.setdefault(feature.entry.category_id, []).append(feature)
            for term in feature.terms:
                self.needs_by_term.setdefault(term, []).append(feature)

    # --- Scoring --------------------------------------------------------------------------

    def _query(self, need_features):
        """The need's terms with their idf, and the most its text score can reach."""
        weighted = {term: self.idf.get(term, self.unknown_idf) for term in need_features.terms}
        return weighted, sum(weighted.values()) or 1.0

    def _bm25(self, weighted, offer_features):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * offer_features.length / self.average_length)
        total = 0.0
        for term, idf in weighted.items():
            count = offer_features.terms.get(term)
            if count:
                total += idf * count * (BM25_K1 + 1) / (count + norm)
        return total

    def _score(self, need_f, offer_f, text):
        """The score of a pair, ``text`` its normalised text similarity (0…1)."""
        weights = WEIGHTS
        need, offer = need_f.entry, offer_f.entry
        if offer.category_id == need.category_id:
            score = weights["category"] + weights["text"] * min(text, 1.0)
        else:  # the same words under another category: about something else, as a rule
            score = CROSS_CATEGORY_TEXT * weights["text"] * min(text, 1.0)
        if need_f.districts:
            if offer_f.districts & need_f.districts:
                score += weights["district"]
            elif offer_f.districts:
                score += weights["district_other"]
            elif offer_f.organisation_districts & need_f.districts:
                score += weights["district_organisation"]
            else:
                score += weights["district_everywhere"]
        if need_f.languages:
            factor = LANGUAGE_FACTOR if need.category_id in self.language_categories else 1.0
            if offer_f.languages & need_f.languages:
                score += factor * weights["language"]
            elif offer_f.languages:
                score += factor * weights["language_other"]
            elif offer_f.organisation_languages & need_f.languages:
                score += factor * weights["language_organisation"]
            elif factor > 1:
                score += LANGUAGE_UNKNOWN_STRICT
        score += weights["field"] * min(MAX_SHARED, (offer_f.fields & need_f.fields).bit_count())
        score += weights["community"] * min(
            MAX_SHARED, (offer_f.communities & need_f.communities).bit_count()
        )
        if need.valid_until and offer.valid_until and offer.valid_until < need.valid_until:
            score += weights["ends_early"]
        return score

    def _score_category(self, need_f, offers, text, reach):
        """``_score`` for every offer of the need's category, inlined: the hot loop of
        ``offers_for`` (a test holds the two together)."""
        weights = WEIGHTS
        need = need_f.entry
        own = need.organisation_id
        base = weights["category"]
        text_weight = weights["text"] / reach
        districts, languages = need_f.districts, need_f.languages
        fields, communities = need_f.fields, need_f.communities
        factor = LANGUAGE_FACTOR if need.category_id in self.language_categories else 1.0
        d_match, d_other = weights["district"], weights["district_other"]
        d_org, d_any = weights["district_organisation"], weights["district_everywhere"]
        l_match, l_other = factor * weights["language"], factor * weights["language_other"]
        l_org = factor * weights["language_organisation"]
        l_unknown = LANGUAGE_UNKNOWN_STRICT if factor > 1 else 0.0
        f_weight, c_weight = weights["field"], weights["community"]
        until, ends_early = need.valid_until, weights["ends_early"]
        cap = reach  # the text similarity (value / reach) counts at most 1
        scored = []
        append = scored.append
        for position, offer_f in enumerate(offers):
            offer = offer_f.entry
            if offer.organisation_id == own:
                continue
            value = text[position]
            score = base + text_weight * (value if value < cap else cap)
            if districts:
                if offer_f.districts & districts:
                    score += d_match
                elif offer_f.districts:
                    score += d_other
                elif offer_f.organisation_districts & districts:
                    score += d_org
                else:
                    score += d_any
            if languages:
                if offer_f.languages & languages:
                    score += l_match
                elif offer_f.languages:
                    score += l_other
                elif offer_f.organisation_languages & languages:
                    score += l_org
                else:
                    score += l_unknown
            shared = offer_f.fields & fields
            if shared:
                score += f_weight * min(MAX_SHARED, shared.bit_count())
            shared = offer_f.communities & communities
            if shared:
                score += c_weight * min(MAX_SHARED, shared.bit_count())
            if until and offer.valid_until and offer.valid_until < until:
                score += ends_early
            append((score, offer_f))
        return scored

    def score(self, need_id, offer_id):
        """The score of one pair (``None`` when the pair is not eligible)."""
        need_f, offer_f = self._need_features[need_id], self._offer_features[offer_id]
        if not eligible(need_f.entry, offer_f.entry, self.day):
            return None
        weighted, reach = self._query(need_f)
        return self._score(need_f, offer_f, self._bm25(weighted, offer_f) / reach)

    # --- Questions ------------------------------------------------------------------------

    def offers_for(self, need_id, *, limit=DEFAULT_LIMIT, with_reasons=True):
        """The best offers for a need, best first (ties: newer offer first, then id)."""
        need_f = self._need_features.get(need_id)
        if need_f is None:
            return []
        need = need_f.entry
        weighted, reach = self._query(need_f)
        scored = []
        category = self.by_category.get(need.category_id)
        if category:
            offers = category["offers"]
            text = [0.0] * len(offers)
            postings = category["postings"]
            for term, idf in weighted.items():
                for position, weight in postings.get(term, ()):
                    text[position] += idf * weight
            scored = self._score_category(need_f, offers, text, reach)
        scored.extend(self._cross_category(need_f, weighted, reach))
        return self._best(need_f, scored, limit, with_reasons, weighted, reach)

    def _cross_category(self, need_f, weighted, reach):
        need = need_f.entry
        candidates = {}
        for term in weighted:
            for offer_f, _weight in self.rare_postings.get(term, ()):
                if offer_f.entry.category_id != need.category_id:
                    candidates[offer_f.entry.id] = offer_f
        found = []
        for offer_f in candidates.values():
            if offer_f.entry.organisation_id == need.organisation_id:
                continue
            text = self._bm25(weighted, offer_f) / reach
            if text >= CROSS_CATEGORY_MIN_TEXT:
                found.append((self._score(need_f, offer_f, text), offer_f))
        return found

    def _best(self, need_f, scored, limit, with_reasons, weighted, reach):
        # The market holds only entries valid on its day and own offers were skipped; the
        # rule is asked once more for what is shown, whatever changes here later.
        def order(pair):
            return (pair[0], pair[1].entry.valid_from.toordinal(), pair[1].entry.id)

        best = [
            pair
            for pair in heapq.nlargest(limit + 5, scored, key=order)
            if eligible(need_f.entry, pair[1].entry, self.day)
        ]
        return [
            Match(
                need=need_f.entry,
                offer=offer_f.entry,
                score=round(score, 2),
                reasons=self.reasons(need_f, offer_f, weighted) if with_reasons else [],
                mismatch=_mismatch(need_f, offer_f),
            )
            for score, offer_f in best[:limit]
        ]

    def needs_for(self, offer_id, *, limit=DEFAULT_LIMIT, minimum=GOOD_MATCH):
        """The needs an offer could serve: other organisations' current needs of its category
        (or sharing a rare word) whose score with it reaches ``minimum``, best first."""
        offer_f = self._offer_features.get(offer_id)
        if offer_f is None:
            return []
        offer = offer_f.entry
        candidates = {
            need_f.entry.id: need_f for need_f in self.needs_by_category.get(offer.category_id, ())
        }
        rare = {term for term in offer_f.terms if term in self.rare_postings}
        for term in rare:
            for need_f in self.needs_by_term.get(term, ()):
                candidates.setdefault(need_f.entry.id, need_f)
        found = []
        for need_f in candidates.values():
            if not eligible(need_f.entry, offer, self.day):
                continue
            weighted, reach = self._query(need_f)
            score = self._score(need_f, offer_f, self._bm25(weighted, offer_f) / reach)
            if score >= minimum:
                found.append((score, need_f, weighted))
        found.sort(key=lambda item: (-item[0], -item[1].entry.id))
        return [
            Match(
                need=need_f.entry,
                offer=offer,
                score=round(score, 2),
                reasons=self.reasons(need_f, offer_f, weighted, words_of=need_f),
                mismatch=_mismatch(need_f, offer_f),
            )
            for score, need_f, weighted in found[:limit]
        ]

    def best_matches(self, *, need_ids=None, limit=1, with_reasons=True):
        """need id → its best offers (``limit``), for every current need or ``need_ids``."""
        ids = self.needs if need_ids is None else [pk for pk in need_ids if pk in self.needs]
        return {pk: self.offers_for(pk, limit=limit, with_reasons=with_reasons) for pk in ids}

    # --- Reasons --------------------------------------------------------------------------

    def reasons(self, need_f, offer_f, weighted, *, words_of=None):
        """Why ``offer_f`` fits ``need_f``; the shared words as written in ``words_of`` (the
        offer by default; the need when the offering organisation reads them)."""
        words_of = words_of or offer_f
        need, offer = need_f.entry, offer_f.entry
        reasons = []
        if need.category_id == offer.category_id:
            reasons.append(Reason("category", (need.category_id,)))
        shared = sorted(
            (term for term in weighted if term in offer_f.terms),
            key=lambda term: (-weighted[term], term),
        )
        plain = [term for term in shared if not term.startswith("~")]
        shown = {}
        # A concept names the words only when no word itself is shared ("Laptops" ~ "Notebook").
        for term in plain or shared:
            word = words_of.surface.get(term) or offer_f.surface[term]
            shown.setdefault(word.casefold(), word)
        shown = list(shown.values())
        if shown:
            reasons.append(Reason("words", tuple(shown[:MAX_REASON_WORDS])))
        if need.districts:
            named = need.districts & offer.districts
            organisation = self.organisations.get(offer.organisation_id)
            if named:
                reasons.append(Reason("districts", tuple(sorted(named))))
            elif not offer.districts and organisation and need.districts & organisation.districts:
                reasons.append(
                    Reason(
                        "districts_organisation",
                        tuple(sorted(need.districts & organisation.districts)),
                    )
                )
            elif not offer.districts:
                reasons.append(Reason("everywhere"))
        elif not offer.districts:
            reasons.append(Reason("everywhere"))
        if need.languages:
            spoken = need.languages & offer.languages
            organisation = self.organisations.get(offer.organisation_id)
            if spoken:
                reasons.append(Reason("languages", tuple(sorted(spoken))))
            elif not offer.languages and organisation and need.languages & organisation.languages:
                reasons.append(
                    Reason(
                        "languages_organisation",
                        tuple(sorted(need.languages & organisation.languages)),
                    )
                )
        seeker = self.organisations.get(need.organisation_id)
        provider = self.organisations.get(offer.organisation_id)
        if seeker and provider:
            if seeker.fields & provider.fields:
                reasons.append(Reason("fields", tuple(sorted(seeker.fields & provider.fields))))
            if seeker.communities & provider.communities:
                reasons.append(
                    Reason("communities", tuple(sorted(seeker.communities & provider.communities)))
                )
        if offer.valid_until:
            reasons.append(Reason("until", day=offer.valid_until))
        return reasons
