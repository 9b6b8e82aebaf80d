"""Rows of an import that are probably in the directory already: asked of the directory's one
duplicate finder (``selectors.duplicates.possible_duplicates``), for all rows at once."""

from types import SimpleNamespace

from vernetzt.directory.models import Organisation, comparable_name
from vernetzt.directory.selectors.duplicates import possible_duplicates


def existing_duplicates(rows):
    """``rows``: (row number, name, district ids) → {row number: {"pk", "name", "slug",
    "same_name"}} for the rows with a likely duplicate among the directory's entries."""
    if not rows:
        return {}
    # Stand-ins keyed "row-N": never equal to a stored organisation's pk (which the finder
    # would take for the organisation itself).
    stand_ins = [SimpleNamespace(pk=f"row-{number}", name=name) for number, name, _d in rows]
    found = possible_duplicates(
        organisations=stand_ins,
        districts_of={f"row-{number}": districts for number, _name, districts in rows},
    )
    duplicates = {}
    for number, name, _districts in rows:
        others = [
            other
            for other in found[f"row-{number}"]
            if other.status != Organisation.Status.REJECTED
        ]
        if others:
            same = [other for other in others if other.name_key == comparable_name(name)[:200]]
            other = (same or others)[0]
            duplicates[number] = {
                "pk": other.pk,
                "name": other.name,
                "slug": other.slug,
                "same_name": bool(same),
            }
    return duplicates
