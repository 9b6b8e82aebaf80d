"""Bad input is rejected with a message that names the offending item."""

import copy

import pytest

from vernetzt.scheduling import InstanceError, solve

from .conftest import tiny_instance


def _broken(edit) -> dict:
    instance = copy.deepcopy(tiny_instance())
    edit(instance)
    return instance


CASES = [
    (
        "unknown host",
        lambda i: i["sessions"][0].update(hosts=["P99"]),
        "session 'T1': host 'P99' is not a participant",
    ),
    ("no host", lambda i: i["sessions"][0].update(hosts=[]), "session 'T1' has no host"),
    (
        "duplicate session",
        lambda i: i["sessions"].append(dict(i["sessions"][0])),
        "session 'T1' is defined twice",
    ),
    ("duplicate slot", lambda i: i["slots"].append({"id": "a"}), "slot 'a' is defined twice"),
    ("negative capacity", lambda i: i["rooms"][0].update(capacity=-1), "room 'R1': capacity"),
    ("capacity not a number", lambda i: i["rooms"][0].update(capacity="5"), "room 'R1'"),
    (
        "unknown wish",
        lambda i: i["participants"][0].update(wants=["T9"]),
        "participant 'P1' wants unknown session 'T9'",
    ),
    (
        "unknown unavailable slot",
        lambda i: i["participants"][0].update(unavailable=["z"]),
        "participant 'P1': unavailable slot 'z'",
    ),
    ("missing list", lambda i: i.pop("rooms"), "instance: missing 'rooms'"),
    ("item without id", lambda i: i["rooms"].append({"capacity": 3}), "room #3 has no string"),
    (
        "pin to unknown slot",
        lambda i: i["sessions"][0].update(pinned={"slot": "x", "room": "R1"}),
        "session 'T1': pinned slot 'x'",
    ),
    (
        "pin lacks feature",
        lambda i: i["sessions"][1].update(pinned={"slot": "b", "room": "R2"}),
        "session 'T2': pinned room 'R2' lacks feature 'wheelchair'",
    ),
    (
        "pin too small",
        lambda i: (
            i["rooms"][1].update(capacity=1)
            or i["sessions"][0].update(pinned={"slot": "a", "room": "R2"})
        ),
        "session 'T1': pinned room 'R2' holds 1",
    ),
    (
        "pin where host is away",
        lambda i: i["sessions"][2].update(pinned={"slot": "a", "room": "R1"}),
        "session 'T3': host 'P3' is unavailable in pinned slot 'a'",
    ),
    (
        "two pins in one place",
        lambda i: [s.update(pinned={"slot": "b", "room": "R1"}) for s in i["sessions"][:2]],
        "sessions 'T1' and 'T2' are both pinned to slot 'b', room 'R1'",
    ),
    (
        "host pinned twice in a slot",
        lambda i: [
            i["sessions"][2].update(hosts=["P1"]),
            i["sessions"][0].update(pinned={"slot": "a", "room": "R1"}),
            i["sessions"][2].update(pinned={"slot": "a", "room": "R2"}),
        ],
        "participant 'P1' hosts both 'T1' and 'T3'",
    ),
]


@pytest.mark.parametrize(("edit", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_names_the_offending_item(edit, message):
    with pytest.raises(InstanceError) as caught:
        solve(_broken(edit), time_limit=1)
    assert message in str(caught.value)


def test_partial_pins_fix_only_the_slot_or_only_the_room(tiny):
    from .checker import check

    tiny["sessions"][0]["pinned"] = "b"
    tiny["sessions"][2]["pinned"] = {"room": "R2"}
    output = solve(tiny, time_limit=2)
    check(tiny, output)
    place = {a["session"]: (a["slot"], a["room"]) for a in output["assignments"]}
    assert place["T1"][0] == "b" and place["T3"][1] == "R2"


def test_instance_error_is_a_value_error():
    assert issubclass(InstanceError, ValueError)


def test_not_an_object_is_rejected():
    with pytest.raises(InstanceError, match="JSON object"):
        solve([], time_limit=1)
