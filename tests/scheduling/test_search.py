"""Annealing internals: incremental tables stay exact, chains that exchange their best."""

import random
import time

import pytest

from vernetzt.scheduling.engine import _exchanging_anneal, _parallel_anneal, _target_cost
from vernetzt.scheduling.generator import generate
from vernetzt.scheduling.model import parse_instance
from vernetzt.scheduling.search import SlotSearch


def _state(search: SlotSearch):
    return (
        search.cost,
        search.covered,
        search.loss,
        search.gain,
        search.count,
        search.host_count,
        search.free,
    )


@pytest.mark.parametrize("seed", [0, 1])
def test_tables_after_annealing_match_a_fresh_rebuild(seed):
    instance = generate(
        participants=200, seed=seed, co_hosts=0.3, features=0.3, pinned=3, late_early=0.3
    )
    problem = parse_instance(instance)
    search = SlotSearch(problem)
    search.greedy(random.Random(seed))
    best_cost, best_slots = search.anneal(time.monotonic() + 0.5, seed)
    assert search.iterations > 1000
    fresh = SlotSearch(problem)
    assert fresh.load(search.slot_of)
    assert _state(search) == _state(fresh)
    assert fresh.load(best_slots)
    assert fresh.cost == best_cost
    assert fresh.free == [row.count(-1) for row in fresh.occupant]


def test_chains_exchanging_their_best_return_a_consistent_schedule():
    problem = parse_instance(generate(participants=400, seed=7, co_hosts=0.2))
    search = SlotSearch(problem)
    search.greedy(random.Random(0))
    greedy_cost = search.cost
    target = _target_cost(search, 0)
    alone = _exchanging_anneal(search, time.monotonic() + 0.6, 0, target, None)
    assert alone[0] <= greedy_cost
    assert search.load(alone[1]) and search.cost == alone[0]
    shared = _parallel_anneal(search, time.monotonic() + 1.5, 1, target, restarts=False)
    assert search.load(shared[1]) and search.cost == shared[0]
    assert shared[0] <= greedy_cost
