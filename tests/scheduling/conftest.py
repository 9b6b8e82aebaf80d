import json

import pytest

from bench.openspace.reference import REFERENCE as REFERENCE_DIR


def tiny_instance() -> dict:
    """Two slots, two rooms; P1 hosts T1 and wants T2, so T1 and T2 must not share a slot."""
    return {
        "slots": [{"id": "a", "label": "Sa 10:00"}, {"id": "b", "label": "Sa 11:00"}],
        "rooms": [
            {"id": "R1", "capacity": 3, "features": ["wheelchair"]},
            {"id": "R2", "capacity": 2},
        ],
        "sessions": [
            {"id": "T1", "title": "Räume für Vereine", "hosts": ["P1"]},
            {"id": "T2", "title": "Sprachcafé", "hosts": ["P2"], "requires": ["wheelchair"]},
            {"id": "T3", "title": "Ehrenamt", "hosts": ["P3"]},
        ],
        "participants": [
            {"id": "P1", "wants": ["T2"]},
            {"id": "P2", "wants": ["T1", "T3"]},
            {"id": "P3", "wants": ["T2"], "unavailable": ["a"]},
        ],
    }


@pytest.fixture
def tiny() -> dict:
    return tiny_instance()


def reference(name: str) -> dict:
    path = REFERENCE_DIR / f"{name}.json"
    if not path.exists():
        pytest.skip(f"reference instance {path} not available")
    return json.loads(path.read_text())
