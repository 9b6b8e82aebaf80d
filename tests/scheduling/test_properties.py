"""Property tests: whatever the input, the output obeys every hard rule and its own numbers."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vernetzt.scheduling import InstanceError, replan, solve

from .checker import check
from .test_solve import brute_force_best

FEATURES = ["wheelchair", "projector"]


@st.composite
def instances(draw, max_sessions=5, allow_pins=True):
    n_slots = draw(st.integers(1, 3))
    n_rooms = draw(st.integers(1, 3))
    n_people = draw(st.integers(1, 6))
    n_sessions = draw(st.integers(1, max_sessions))
    slots = [f"t{i}" for i in range(n_slots)]
    rooms = [f"r{j}" for j in range(n_rooms)]
    people = [f"p{k}" for k in range(n_people)]
    sessions = [f"s{i}" for i in range(n_sessions)]
    subsets = st.lists
    instance = {
        "slots": [{"id": t} for t in slots],
        "rooms": [
            {
                "id": r,
                "capacity": draw(st.integers(0, 6)),
                "features": draw(subsets(st.sampled_from(FEATURES), unique=True)),
            }
            for r in rooms
        ],
        "sessions": [],
        "participants": [
            {
                "id": p,
                "wants": draw(subsets(st.sampled_from(sessions), unique=True)),
                "unavailable": draw(subsets(st.sampled_from(slots), unique=True)),
            }
            for p in people
        ],
    }
    for s in sessions:
        session = {
            "id": s,
            "hosts": draw(subsets(st.sampled_from(people), min_size=1, max_size=2, unique=True)),
            "requires": draw(subsets(st.sampled_from(FEATURES), max_size=1, unique=True)),
        }
        if allow_pins and draw(st.integers(0, 5)) == 0:
            session["pinned"] = draw(
                st.one_of(
                    st.fixed_dictionaries(
                        {"slot": st.sampled_from(slots), "room": st.sampled_from(rooms)}
                    ),
                    st.fixed_dictionaries({"room": st.sampled_from(rooms)}),
                    st.sampled_from(slots),
                )
            )
        instance["sessions"].append(session)
    return instance


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(instances())
def test_every_output_obeys_the_hard_rules(instance):
    try:
        output = solve(instance, time_limit=0.4)
    except InstanceError:
        assert any("pinned" in s for s in instance["sessions"])  # only a bad pin is rejected
        return
    check(instance, output)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_sessions=4, allow_pins=False))
def test_optimal_status_is_true(instance):
    output = solve(instance, time_limit=1.0)
    check(instance, output)
    best = brute_force_best(instance)
    assert (len(output["unscheduled"]), output["missed_wishes"]) >= best
    if output["status"] == "optimal":
        assert (len(output["unscheduled"]), output["missed_wishes"]) == best
    assert output["lower_bound"] <= best[1] or len(output["unscheduled"]) > best[0]


@FAST
@given(instances(allow_pins=False), st.data())
def test_replanning_keeps_frozen_slots_and_rules(instance, data):
    current = solve(instance, time_limit=0.3)
    slots = [t["id"] for t in instance["slots"]]
    rooms = [r["id"] for r in instance["rooms"]]
    frozen = data.draw(st.lists(st.sampled_from(slots), max_size=1, unique=True))
    removable = list(rooms)
    change = {
        "frozen_slots": frozen,
        "remove_rooms": data.draw(st.lists(st.sampled_from(removable), max_size=1, unique=True)),
    }
    output = replan(instance, current, change, time_limit=0.3)
    kept = {(a["session"], a["slot"], a["room"]) for a in output["assignments"]}
    for a in current["assignments"]:
        if a["slot"] in frozen:
            assert (a["session"], a["slot"], a["room"]) in kept
    for a in output["assignments"]:
        if a["slot"] not in frozen:
            assert a["room"] not in change["remove_rooms"]
    frozen_sessions = {a["session"] for a in current["assignments"] if a["slot"] in frozen}
    if not frozen_sessions:
        check(instance, output)  # nothing was grandfathered, so every rule holds as usual
