"""The evaluation set as a test: never an own, expired or not yet valid offer in a top 5, and
the engine well ahead of the two baselines (a guard, not the benchmark: see
bench/network/matching.py and docs/benchmarks.md)."""

import pytest

from bench.network import matching as bench
from bench.network.matching_eval import generator, handwritten


@pytest.fixture(scope="module")
def results():
    cases = [generator.generate(seed=7, split="held_out"), handwritten.case()]
    return dict(bench.run_cases(cases)[0])


def test_never_an_own_expired_or_future_offer_in_a_top_five(results):
    assert results["vernetzt"]["violations"] == 0
    for kind in ("own", "expired", "not_yet"):
        found, total = results["vernetzt"]["hard_in_top5"][kind].split("/")
        assert found == "0" and int(total) > 50


def test_ranking_beats_both_baselines(results):
    ours = results["vernetzt"]
    assert ours["recall@5"] >= 0.85 and ours["mrr"] >= 0.8
    for baseline in ("newest first (category)", "BM25 (category)"):
        assert ours["recall@5"] > results[baseline]["recall@5"]
        assert ours["mrr"] > results[baseline]["mrr"]


def test_labels_follow_the_documented_rules():
    case = generator.generate(seed=3, split="train")
    offers = {item["id"]: item for item in case.entries["offers"]}
    needs = {item["id"]: item for item in case.entries["needs"]}
    for need_id, relevant in case.relevant.items():
        need = needs[need_id]
        for offer_id in relevant:
            offer = offers[offer_id]
            assert offer["organisation"] != need["organisation"]
            assert offer["topic"] == need["topic"] and offer["category"] == need["category"]
            assert offer["valid_from"] <= generator.DAY
            assert offer["valid_until"] is None or offer["valid_until"] >= generator.DAY
        for kind, offer_id in case.hard_negatives[need_id].items():
            assert offer_id not in relevant, kind
