"""Matching quality and speed: the engine against two baselines on labelled cases.

    .venv/bin/python -m bench.network.matching            # quality (seconds)
    .venv/bin/python -m bench.network.matching --scale 10000   # plus speed at 10,000 orgs

Cases (``bench/network/matching_eval/``): the seeded generator's *train* split (the weights
were tuned on it), its *held-out* split (other seeds, other phrasings; not looked at while
tuning) and twenty hand-written German needs. Metrics per need with at least one relevant
offer: recall@5 (relevant offers in the top 5 / min(5, relevant)), MRR (1 / rank of the first
relevant offer, 0 when not in the top 10); over all needs: own / expired / not yet valid offers
in a top 5 (must be 0), hard negatives in a top 5 by kind; and the gap list: needs without any
relevant offer whose best score stays below ``GOOD_MATCH`` (caught) and needs with one whose
best score reaches it (not falsely listed).

Baselines, over the same eligible offers (another organisation, valid today):
- *newest*: the need's category, newest offer first;
- *bm25*: the need's category, BM25 on the title and description (the directory's stemmer,
  no compound parts, no synonyms), newest first on ties.
"""

import argparse
import math
import random
import statistics
import sys
import time
from datetime import timedelta

from bench.network.matching_eval import generator, handwritten
from vernetzt.directory import taxonomy_seed
from vernetzt.network.matching import GOOD_MATCH, Entry, Market, Organisation, eligible
from vernetzt.network.matching.text import concept_terms, stem, words

TRAIN_SEEDS = (1, 2, 3)
HELD_OUT_SEEDS = (101, 102, 103)
TOP = 5
DEEP = 10


def concepts():
    """The taxonomy's category names and synonyms, as the market gets them from the lists."""
    groups = {}
    for slug, name, english, synonyms in taxonomy_seed.CATEGORIES:
        if slug in generator.CATEGORIES:
            groups[f"~c{generator.CATEGORIES[slug]}"] = [name, english, *synonyms.split(",")]
    return concept_terms(groups)


def to_entry(item):
    return Entry(
        id=item["id"],
        organisation_id=item["organisation"],
        category_id=item["category"],
        title=item["title"],
        description=item["description"],
        languages=frozenset(item["languages"]),
        districts=frozenset(item["districts"]),
        valid_from=item["valid_from"],
        valid_until=item["valid_until"],
    )


def to_organisation(item):
    return Organisation(
        id=item["id"],
        name=item["name"],
        fields=frozenset(item["fields"]),
        communities=frozenset(item["communities"]),
        districts=frozenset(item["districts"]),
        languages=frozenset(item["languages"]),
    )


def build_market(case, day=generator.DAY):
    return Market(
        needs=[to_entry(item) for item in case.entries["needs"]],
        offers=[to_entry(item) for item in case.entries["offers"]],
        organisations={item["id"]: to_organisation(item) for item in case.organisations},
        day=day,
        concepts=concepts(),
        language_categories={generator.CATEGORIES["interpreting"]},
    )


# --- Baselines ------------------------------------------------------------------------------


def _eligible_in_category(case, need, day):
    offers = [to_entry(item) for item in case.entries["offers"]]
    return [
        offer
        for offer in offers
        if offer.category_id == need.category_id and eligible(need, offer, day)
    ]


def newest_first(case, need, day=generator.DAY):
    found = _eligible_in_category(case, need, day)
    found.sort(key=lambda offer: (-offer.valid_from.toordinal(), -offer.id))
    return [offer.id for offer in found]


def bm25(case, need, day=generator.DAY, k1=1.2, b=0.75):
    found = _eligible_in_category(case, need, day)
    documents = {
        offer.id: [stem(word) for word in words(f"{offer.title} {offer.description}")]
        for offer in found
    }
    if not documents:
        return []
    average = sum(len(doc) for doc in documents.values()) / len(documents) or 1
    frequency = {}
    for doc in documents.values():
        for term in set(doc):
            frequency[term] = frequency.get(term, 0) + 1
    query = {stem(word) for word in words(f"{need.title} {need.description}")}
    total = len(documents)

    def score(doc):
        value = 0.0
        for term in query:
            count = doc.count(term)
            if count:
                idf = math.log(1 + (total - frequency[term] + 0.5) / (frequency[term] + 0.5))
                value += idf * count * (k1 + 1) / (count + k1 * (1 - b + b * len(doc) / average))
        return value

    by_id = {offer.id: offer for offer in found}
    return sorted(
        documents,
        key=lambda pk: (-score(documents[pk]), -by_id[pk].valid_from.toordinal(), -pk),
    )


# --- Metrics --------------------------------------------------------------------------------


def evaluate(case, rank):
    """``rank(need entry) → [offer ids]``: the metrics of that ranking on ``case``."""
    needs = {item["id"]: to_entry(item) for item in case.entries["needs"]}
    offers = {item["id"]: to_entry(item) for item in case.entries["offers"]}
    recalls, reciprocal, violations = [], [], 0
    hard_in_top = {}
    for pk, need in needs.items():
        ranked = rank(need)
        top = ranked[:TOP]
        violations += sum(
            1 for offer_id in top if not eligible(need, offers[offer_id], generator.DAY)
        )
        for kind, offer_id in case.hard_negatives.get(pk, {}).items():
            hard_in_top.setdefault(kind, [0, 0])
            hard_in_top[kind][1] += 1
            if offer_id in top:
                hard_in_top[kind][0] += 1
        relevant = set(case.relevant.get(pk, ()))
        if not relevant:
            continue
        recalls.append(len(relevant & set(top)) / min(TOP, len(relevant)))
        first = next(
            (i for i, offer_id in enumerate(ranked[:DEEP], 1) if offer_id in relevant), None
        )
        reciprocal.append(1 / first if first else 0.0)
    return {
        "_recalls": recalls,
        "_reciprocal": reciprocal,
        "_hard": hard_in_top,
        "needs": len(needs),
        "with_relevant": len(recalls),
        "recall@5": statistics.fmean(recalls) if recalls else 0.0,
        "mrr": statistics.fmean(reciprocal) if reciprocal else 0.0,
        "violations": violations,
        "hard_in_top5": {
            kind: f"{found}/{total}" for kind, (found, total) in sorted(hard_in_top.items())
        },
    }


def gap_quality(case, market):
    caught = missed = false_gap = good = 0
    for item in case.entries["needs"]:
        pk = item["id"]
        best = market.offers_for(pk, limit=1, with_reasons=False)
        is_gap = not best or not best[0].is_good
        if pk in case.relevant:
            good += 1
            false_gap += is_gap
        else:
            caught += is_gap
            missed += not is_gap
    return {
        "gaps": caught + missed,
        "gaps_caught": caught,
        "good_needs": good,
        "good_needs_listed_as_gap": false_gap,
    }


METHODS = ("newest first (category)", "BM25 (category)", "vernetzt")


def run_cases(cases):
    """Each case is its own town (labels hold within it); the metrics pool every need."""
    pooled = {
        method: {"_recalls": [], "_reciprocal": [], "_hard": {}, "needs": 0, "violations": 0}
        for method in METHODS
    }
    gaps = {"gaps": 0, "gaps_caught": 0, "good_needs": 0, "good_needs_listed_as_gap": 0}
    for case in cases:
        market = build_market(case)

        def engine(need, market=market):
            return [
                match.offer.id
                for match in market.offers_for(need.id, limit=DEEP, with_reasons=False)
            ]

        rankers = (
            lambda need, case=case: newest_first(case, need),
            lambda need, case=case: bm25(case, need),
            engine,
        )
        for method, rank in zip(METHODS, rankers, strict=True):
            result, total = evaluate(case, rank), pooled[method]
            total["_recalls"] += result["_recalls"]
            total["_reciprocal"] += result["_reciprocal"]
            total["needs"] += result["needs"]
            total["violations"] += result["violations"]
            for kind, (found, count) in result["_hard"].items():
                kept = total["_hard"].setdefault(kind, [0, 0])
                kept[0] += found
                kept[1] += count
        for name, value in gap_quality(case, market).items():
            gaps[name] += value
    rows = []
    for method in METHODS:
        total = pooled[method]
        rows.append(
            (
                method,
                {
                    "needs": total["needs"],
                    "with_relevant": len(total["_recalls"]),
                    "recall@5": statistics.fmean(total["_recalls"]),
                    "mrr": statistics.fmean(total["_reciprocal"]),
                    "violations": total["violations"],
                    "hard_in_top5": {
                        kind: f"{found}/{count}"
                        for kind, (found, count) in sorted(total["_hard"].items())
                    },
                },
            )
        )
    return rows, gaps


def quality():
    sets = {
        "train (seeds 1-3)": [generator.generate(seed=seed, split="train") for seed in TRAIN_SEEDS],
        "held-out (seeds 101-103, other phrasings)": [
            generator.generate(seed=seed, split="held_out") for seed in HELD_OUT_SEEDS
        ],
        "hand-written (20 German needs)": [handwritten.case()],
    }
    lines = [
        "| set | method | needs (with a relevant offer) | recall@5 | MRR | "
        "own/expired/future in top 5 |",
        "|---|---|---|---|---|---|",
    ]
    details = []
    for name, cases in sets.items():
        rows, gaps = run_cases(cases)
        for method, result in rows:
            lines.append(
                f"| {name} | {method} | {result['needs']} ({result['with_relevant']}) | "
                f"{result['recall@5']:.3f} | {result['mrr']:.3f} | {result['violations']} |"
            )
            if method == "vernetzt" and result["hard_in_top5"]:
                details.append(
                    f"- {name}, vernetzt, hard negatives in a top 5: "
                    + ", ".join(f"{k} {v}" for k, v in result["hard_in_top5"].items())
                )
        details.append(
            f"- {name}, gap list (best score < {GOOD_MATCH} or a mismatch): {gaps['gaps_caught']}/"
            f"{gaps['gaps']} needs without a relevant offer listed; "
            f"{gaps['good_needs_listed_as_gap']}/{gaps['good_needs']} needs with one listed"
        )
    return lines + [""] + details


# --- Speed ----------------------------------------------------------------------------------


def scale_case(organisations, seed=7):
    """A town of ``organisations`` with 1–3 needs and 1–3 offers each, from all phrasings."""
    rng = random.Random(seed)
    orgs, needs, offers = [], [], []
    counter = iter(range(1, 10_000_000))
    topics = list(generator.TOPICS)
    for pk in range(1, organisations + 1):
        orgs.append(
            {
                "id": pk,
                "name": f"Org {pk}",
                "fields": rng.sample(generator.FIELDS, rng.randint(1, 3)),
                "communities": rng.sample(generator.COMMUNITIES, rng.randint(0, 2)),
                "districts": rng.sample(sorted(generator.DISTRICTS), rng.randint(1, 2)),
                "languages": rng.sample(generator.LANGUAGES, rng.randint(0, 3)),
            }
        )
        for kind, target in (("need", needs), ("offer", offers)):
            for _ in range(rng.randint(1, 3)):
                topic = rng.choice(topics)
                category, need_texts, offer_texts = generator.TOPICS[topic]
                title, description = rng.choice(need_texts if kind == "need" else offer_texts)
                target.append(
                    {
                        "id": next(counter),
                        "organisation": pk,
                        "category": generator.CATEGORIES[category],
                        "topic": topic,
                        "title": title,
                        "description": f"{description} {rng.choice(generator.FILLERS)} Nr. {rng.randint(1, 99999)}",
                        "districts": []
                        if rng.random() < 0.4
                        else [rng.choice(sorted(generator.DISTRICTS))],
                        "languages": [rng.choice(generator.LANGUAGES)]
                        if rng.random() < 0.3
                        else [],
                        "valid_from": generator.DAY - timedelta(days=rng.randint(0, 400)),
                        "valid_until": None
                        if rng.random() < 0.7
                        else generator.DAY + timedelta(days=rng.randint(-100, 400)),
                    }
                )
    return generator.Case(
        entries={"needs": needs, "offers": offers},
        organisations=orgs,
        relevant={},
        hard_negatives={},
    )


def speed(organisations, *, out=print):
    """Times at ``organisations`` (printed as they come: the whole run takes minutes)."""
    started = time.perf_counter()
    case = scale_case(organisations)
    out(
        f"- {organisations:,} organisations: town generated in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    market = build_market(case)
    out(
        f"- market built (texts analysed, indexes) in {time.perf_counter() - started:.1f} s: "
        f"{len(market.needs):,} current needs, {len(market.offers):,} current offers"
    )
    by_org = {}
    for need_id, need in market.needs.items():
        by_org.setdefault(need.organisation_id, []).append(need_id)
    sample = random.Random(1).sample(sorted(by_org), min(100, len(by_org)))
    timings = []
    for org in sample:
        started = time.perf_counter()
        for need_id in by_org[org]:
            market.offers_for(need_id, limit=10)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    out(
        f"- one organisation's needs, 10 best offers each with reasons: median "
        f"{statistics.median(timings):.0f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.0f} ms "
        f"({len(sample)} organisations)"
    )
    needs = sorted(market.needs)[:1000]
    started = time.perf_counter()
    for need_id in needs:
        market.offers_for(need_id, limit=10)
    each = (time.perf_counter() - started) / len(needs)
    out(
        f"- every need (the command's work without JSON), timed on {len(needs):,} needs: "
        f"{each * 1000:.1f} ms per need, about {each * len(market.needs):.0f} s for all "
        f"{len(market.needs):,}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=0, help="also time at this many organisations")
    options = parser.parse_args(argv)
    print(f"Matching evaluation, day {generator.DAY}, GOOD_MATCH = {GOOD_MATCH}")
    for line in quality():
        print(line)
    if options.scale:
        print()
        speed(options.scale, out=lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
