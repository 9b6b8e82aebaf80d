"""The matching engine over plain data: eligibility, ranking on messy text, reasons."""

from datetime import date

import pytest
from django.utils import translation

from vernetzt.network.matching import GOOD_MATCH, Entry, Market, Organisation
from vernetzt.network.matching.reasons import OFFER, Labels, render_all
from vernetzt.network.matching.text import Analyser, stem, words

DAY = date(2026, 11, 29)
ROOMS, INTERPRETING, VOLUNTEERS, FUNDING = 1, 2, 3, 4
NORD, SUED = 10, 11
YOUTH, WOMEN = 20, 21
ERITREAN = 30

LABELS = Labels(
    categories={ROOMS: "Rooms", INTERPRETING: "Interpreting", VOLUNTEERS: "Volunteers"},
    districts={NORD: "Nordviertel", SUED: "Südstadt"},
    fields={YOUTH: "Youth", WOMEN: "Women"},
    communities={ERITREAN: "Eritrean community"},
)


def org(pk, **kwargs):
    return Organisation(id=pk, name=f"Verein {pk}", slug=f"verein-{pk}", **kwargs)


def entry(pk, organisation, category, title, description="", **kwargs):
    kwargs.setdefault("valid_from", date(2026, 1, 1))
    return Entry(pk, organisation, category, title, description, **kwargs)


def market(needs, offers, organisations=None, **kwargs):
    ids = {item.organisation_id for item in (*needs, *offers)}
    organisations = organisations or {}
    return Market(
        needs=needs,
        offers=offers,
        organisations={pk: organisations.get(pk) or org(pk) for pk in ids},
        day=DAY,
        language_categories={INTERPRETING},
        **kwargs,
    )


def ids(matches):
    return [match.offer.id for match in matches]


def test_never_the_own_offer_nor_an_expired_or_future_one():
    need = entry(1, 1, ROOMS, "Raum für Treffen", districts=frozenset({NORD}))
    offers = [
        entry(10, 1, ROOMS, "Raum für Treffen", districts=frozenset({NORD})),  # own
        entry(11, 2, ROOMS, "Raum für Treffen", valid_until=date(2026, 11, 28)),  # expired
        entry(12, 3, ROOMS, "Raum für Treffen", valid_from=date(2026, 11, 30)),  # not yet
        entry(13, 4, ROOMS, "Kleiner Raum", valid_until=DAY),  # last day: still valid
        entry(14, 5, FUNDING, "Geld für Treffen"),
    ]
    found = ids(market([need], offers).offers_for(1, limit=10))
    assert 10 not in found and 11 not in found and 12 not in found
    assert found[0] == 13


def test_expired_need_has_no_matches():
    need = entry(1, 1, ROOMS, "Raum", valid_until=date(2026, 1, 31))
    assert market([need], [entry(2, 2, ROOMS, "Raum")]).offers_for(1) == []


def test_reasons_in_words():
    seeker = org(1, fields=frozenset({YOUTH}), communities=frozenset({ERITREAN}))
    provider = org(
        2,
        fields=frozenset({YOUTH, WOMEN}),
        communities=frozenset({ERITREAN}),
        languages=frozenset({"ti"}),
    )
    need = entry(
        1,
        1,
        ROOMS,
        "Raum für Elterncafé",
        "Wir suchen einen Raum im Nordviertel",
        districts=frozenset({NORD}),
        languages=frozenset({"ti"}),
    )
    offer = entry(
        2,
        2,
        ROOMS,
        "Gemeinderaum frei",
        "Unser Raum steht montags frei",
        districts=frozenset({NORD}),
        languages=frozenset({"ti", "de"}),
        valid_until=date(2027, 3, 31),
    )
    [match] = market([need], [offer], {1: seeker, 2: provider}).offers_for(1)
    with translation.override("en"):
        reasons = render_all(match.reasons, LABELS)
    assert reasons == [
        "same category: Rooms",
        "fits your words: Raum",
        "offered in Nordviertel, the district you named",
        "speaks Tigrinya",
        "works in the field Youth, as you do",
        "reaches the community Eritrean community, as you do",
        "available until 31/03/2027",
    ]
    assert match.score >= GOOD_MATCH
    with translation.override("de"):
        assert "31.03.2027" in render_all(match.reasons, LABELS)[-1]


def test_reasons_from_the_offering_side():
    need = entry(
        1,
        1,
        INTERPRETING,
        "Dolmetschen Tigrinya",
        languages=frozenset({"ti"}),
        districts=frozenset({SUED}),
    )
    offer = entry(
        2,
        2,
        INTERPRETING,
        "Sprachmittlung",
        languages=frozenset({"ti"}),
        districts=frozenset({SUED}),
    )
    [match] = market([need], [offer]).needs_for(2, minimum=0)
    with translation.override("en"):
        reasons = render_all(match.reasons, LABELS, perspective=OFFER)
    assert "asks for Tigrinya, which you offer" in reasons
    assert "needed in Südstadt, where you offer it" in reasons


def test_organisation_district_and_language_when_the_offer_names_none():
    provider = org(2, districts=frozenset({NORD}), languages=frozenset({"ar"}))
    need = entry(
        1, 1, VOLUNTEERS, "Helfer gesucht", districts=frozenset({NORD}), languages=frozenset({"ar"})
    )
    offer = entry(2, 2, VOLUNTEERS, "Ehrenamtliche Lotsen")
    [match] = market([need], [offer], {2: provider}).offers_for(1)
    codes = [reason.code for reason in match.reasons]
    assert "districts_organisation" in codes and "languages_organisation" in codes


def test_district_and_language_decide_within_a_category():
    need = entry(
        1,
        1,
        INTERPRETING,
        "Dolmetschen beim Elternabend",
        languages=frozenset({"ti"}),
        districts=frozenset({NORD}),
    )
    offers = [
        entry(
            2,
            2,
            INTERPRETING,
            "Dolmetschen beim Elternabend",
            languages=frozenset({"ar"}),
            districts=frozenset({NORD}),
        ),
        entry(
            3,
            3,
            INTERPRETING,
            "Sprachmittlung",
            languages=frozenset({"ti"}),
            districts=frozenset({SUED}),
        ),
        entry(
            4,
            4,
            INTERPRETING,
            "Sprachmittlung Tigrinya",
            languages=frozenset({"ti"}),
            districts=frozenset({NORD}),
        ),
    ]
    assert ids(market([need], offers).offers_for(1))[:2] == [4, 3]


@pytest.mark.parametrize(
    "need_text, good, bad",
    [
        # umlauts typed as ae/oe/ue, and ß as ss
        ("Raeume fuer Gruppen", "Räume für Gruppen", "Fahrräder"),
        ("Grosse Küche gesucht", "Große Kueche zum Mitnutzen", "Große Fahrzeuge"),
        # compound words and their parts
        ("Hausaufgabenhilfe am Nachmittag", "Hilfe bei Hausaufgaben", "Nachmittagskaffee"),
        ("Raum für Gruppen", "Unser Gemeinderaum steht frei", "Gruppenreisen"),
        # English words in German text, and synonyms
        ("Laptops für den Computerkurs", "Gebrauchte Notebooks abzugeben", "Kursleitung"),
        ("Workshop Vereinsrecht", "Fortbildung: Satzung und Verein", "Workshop-Raum"),
    ],
)
def test_ranking_on_messy_text(need_text, good, bad):
    need = entry(1, 1, VOLUNTEERS, need_text)
    offers = [
        entry(2, 2, VOLUNTEERS, good),
        entry(3, 3, VOLUNTEERS, bad),
        entry(4, 4, VOLUNTEERS, "Etwas ganz anderes"),
    ]
    found = ids(market([need], offers).offers_for(1))
    assert found[0] == 2, found


def test_text_similar_offer_of_another_category_ranks_below_the_category():
    need = entry(1, 1, ROOMS, "Raum für Sprachkurs am Abend")
    offers = [
        entry(2, 2, VOLUNTEERS, "Sprachkurs am Abend: Raum vorhanden, Ehrenamtliche gesucht"),
        entry(3, 3, ROOMS, "Saal zu vermieten"),
    ]
    assert ids(market([need], offers).offers_for(1))[0] == 3


def test_tokeniser_is_the_directory_one_on_plain_words():
    from vernetzt.directory import search

    for word in ["Sprachkurse", "Frauengruppe", "Dolmetscherinnen", "Räume"]:
        assert stem(word.lower()) == search.stem_prefix(word.lower())
    assert words("Der Raum und die Küche") == ["raum", "küche"]


def test_compound_split_needs_known_parts():
    analyser = Analyser()
    analyser.learn("Raum Gemeinde")
    assert {"raum", "gemeind"} <= set(analyser.terms("Gemeinderaum"))
    assert "trag" not in Analyser(vocabulary={"trag"}).terms("beantragen")


def test_the_fast_category_scan_scores_as_the_reference():
    from bench.network.matching import build_market
    from bench.network.matching_eval import generator

    case = generator.generate(seed=5, split="train")
    the_market = build_market(case)
    for need_id in list(the_market.needs)[:40]:
        for match in the_market.offers_for(need_id, limit=10, with_reasons=False):
            assert abs(match.score - round(the_market.score(need_id, match.offer.id), 2)) < 0.011
