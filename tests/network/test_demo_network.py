"""The demo town's cooperations: deterministic, valid, clustered, with hubs and under-connected MSOs."""

import io
import statistics
from collections import Counter

import pytest
from django.core.management import call_command

from vernetzt.audit.models import AuditEntry
from vernetzt.directory.models import Organisation
from vernetzt.network import demo
from vernetzt.network.models import Cooperation, CooperationPartner


def synthetic_actors(count, *, seed=3):
    """Actors like the demo town's, without the database."""
    import random

    rng = random.Random(seed)
    types = ["mso"] * 36 + ["welfare"] * 8 + ["school"] * 7 + ["sports"] * 8 + ["culture"] * 7
    actors = [
        demo.Actor(
            id=1,
            type="administration",
            name="Kommunales Integrationszentrum X",
            home=1,
            fields=(1, 2),
        )
    ]
    for number in range(2, count + 1):
        home = rng.randint(1, 12)
        actors.append(
            demo.Actor(
                id=number,
                type=rng.choice(types),
                name=f"Organisation {number}",
                home=home,
                fields=tuple(sorted(rng.sample(range(1, 15), rng.randint(1, 3)))),
                districts=(home,),
                communities=tuple(rng.sample(range(1, 20), rng.randint(0, 2))),
            )
        )
    return actors


def degrees(plans):
    counter = Counter()
    for plan in plans:
        counter.update(set(plan.partners))
    return counter


def test_the_plan_is_deterministic_and_sized():
    actors = synthetic_actors(400)
    first = demo.plan_cooperations(seed=5, actors=actors, count=800)
    again = demo.plan_cooperations(seed=5, actors=actors, count=800)
    other = demo.plan_cooperations(seed=6, actors=actors, count=800)
    assert first == again
    assert first != other
    assert 780 <= len(first) <= 800


def test_plans_are_valid_cooperations():
    plans = demo.plan_cooperations(seed=1, actors=synthetic_actors(300), count=600)
    for plan in plans:
        assert len(plan.partners) == len(set(plan.partners)) >= 2
        assert len(plan.decisions) == len(plan.partners)
        assert plan.status in Cooperation.Status.values
        assert plan.kind in Cooperation.Kind.values
        assert plan.origin in Cooperation.Origin.values
        assert 0 < len(plan.title) <= 200
        if plan.start_date and plan.end_date:
            assert plan.end_date >= plan.start_date
        if plan.status == "ended":
            assert plan.end_date < demo.REFERENCE_DATE and plan.status_reason
        if plan.status == "proposed":
            assert plan.decisions[0] == "confirmed" and "pending" in plan.decisions
        if plan.status == "declined":
            assert "declined" in plan.decisions
        if plan.status in {"agreed", "active", "ended"}:
            assert set(plan.decisions) == {"confirmed"}


def test_the_mix_has_every_kind_status_and_visibility_and_spreads_over_years():
    plans = demo.plan_cooperations(seed=1, actors=synthetic_actors(500), count=2000)
    assert set(Counter(plan.kind for plan in plans)) == set(Cooperation.Kind.values)
    statuses = Counter(plan.status for plan in plans)
    assert set(statuses) == set(Cooperation.Status.values)
    assert statuses["active"] + statuses["ended"] > 0.8 * len(plans)
    internal = sum(plan.visibility == "internal" for plan in plans)
    assert 0.05 * len(plans) < internal < 0.2 * len(plans)
    years = Counter(plan.start_date.year for plan in plans if plan.start_date)
    assert set(range(2018, 2026)) <= set(years)
    assert years[2025] > 2 * years[2018]  # the network grows


def test_hubs_draw_many_ties_and_msos_few():
    actors = synthetic_actors(1000)
    plans = demo.plan_cooperations(seed=2, actors=actors, count=3000)
    degree = degrees(plans)
    by_type = {}
    for actor in actors:
        by_type.setdefault(actor.type, []).append(degree[actor.id])
    assert statistics.mean(by_type["welfare"]) > 3 * statistics.mean(by_type["mso"])
    assert degree[1] == max(degree.values())  # the KI is the largest hub
    isolated_msos = sum(1 for value in by_type["mso"] if value == 0)
    assert isolated_msos > 0.15 * len(by_type["mso"])


def test_ties_cluster_by_home_district():
    actors = synthetic_actors(1000)
    home = {actor.id: actor.home for actor in actors}
    plans = demo.plan_cooperations(seed=4, actors=actors, count=3000)
    pairs = [(plan.partners[0], other) for plan in plans for other in plan.partners[1:]]
    same = sum(home[a] == home[b] for a, b in pairs) / len(pairs)
    assert same > 0.45  # at random it would be about 1/12


def test_too_few_actors_give_no_plans():
    assert demo.plan_cooperations(seed=1, actors=synthetic_actors(1), count=10) == []
    assert demo.plan_cooperations(seed=1, actors=synthetic_actors(10), count=0) == []


@pytest.mark.django_db
def test_the_demo_command_writes_cooperations_among_verified_organisations():
    out = io.StringIO()
    call_command(
        "seed_demo_town", "--organisations", "60", "--cooperations", "150", "--force", stdout=out
    )
    assert "cooperations" in out.getvalue()
    written = Cooperation.objects.count()
    assert 140 <= written <= 150
    partner_orgs = Organisation.objects.filter(cooperation_parts__isnull=False).distinct()
    assert set(partner_orgs.values_list("status", flat=True)) == {"verified"}
    # every cooperation has at least two partners, fields and an audit entry
    assert not Cooperation.objects.filter(partners__isnull=True).exists()
    assert CooperationPartner.objects.count() >= 2 * written
    assert (
        AuditEntry.objects.filter(content_type__model="cooperation", action="create").count()
        == written
    )
    # some are public, and the public rule hides those with internal partners
    public = Cooperation.objects.publicly_visible()
    assert 0 < public.count() < written
    for cooperation in public:
        assert all(part.organisation.is_public for part in cooperation.partners.all())


@pytest.mark.django_db
def test_no_cooperations_on_request():
    call_command(
        "seed_demo_town",
        "--organisations",
        "20",
        "--cooperations",
        "0",
        "--force",
        stdout=io.StringIO(),
    )
    assert not Cooperation.objects.exists()
