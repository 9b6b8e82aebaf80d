"""Positions for the network map, computed on the server with numpy (no Django import).

The browser only draws: sigma.js shows 10,000 organisations at once when it receives their
positions, while a force layout in the browser would take tens of seconds at that size.

Two steps, both Fruchterman-Reingold force layouts (repulsion between every pair, attraction
along ties, a little gravity):
1. the groups (an organisation's home district) are placed by the ties between them, each
   given room in proportion to the square root of its size;
2. inside each group the organisations are laid out by their ties within the group, in a disc
   of the group's radius; organisations without a tie there go on a ring around it.
Dense repulsion costs n² per step, so groups above ``DENSE_LIMIT`` repel from a sample of
``DENSE_LIMIT`` organisations per step (an approximation: looser clusters, same structure).

``quick`` gives positions in one pass (group discs, hubs at the centre, a golden-angle spiral)
for when the full layout is still being computed in the background.
"""

import math
from collections import defaultdict

import numpy as np

SIZE = 1000.0  # positions lie in [0, SIZE]²
ITERATIONS = 45
DENSE_LIMIT = 1500
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _groups(nodes, groups):
    members = defaultdict(list)
    for node in nodes:
        members[groups.get(node)].append(node)
    return sorted(members.items(), key=lambda item: (item[0] is None, str(item[0])))


def _force(
    positions, sources, targets, weights, *, iterations, gravity=0.05, rng=None, sample=None
):
    """Fruchterman-Reingold on ``positions`` (n×2, float32), edges as index arrays."""
    count = len(positions)
    if count < 2:
        return positions
    k = math.sqrt(1.0 / count)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _step in range(iterations):
        if sample and count > sample:
            chosen = rng.choice(count, sample, replace=False)
            others = positions[chosen]
            factor = count / sample
        else:
            others, factor = positions, 1.0
        delta = positions[:, None, :] - others[None, :, :]
        distance2 = np.einsum("ijk,ijk->ij", delta, delta) + 1e-6
        displacement = np.einsum("ij,ijk->ik", (k * k * factor) / distance2, delta)
        if len(sources):
            along = positions[sources] - positions[targets]
            length = np.sqrt(np.einsum("ij,ij->i", along, along)) + 1e-9
            pull = along * (length / k * weights)[:, None]
            np.add.at(displacement, sources, -pull)
            np.add.at(displacement, targets, pull)
        displacement -= gravity * positions * count * k
        length = np.sqrt(np.einsum("ij,ij->i", displacement, displacement)) + 1e-9
        positions += displacement * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return positions


def _into_disc(positions, radius):
    centred = positions - positions.mean(axis=0)
    reach = float(np.sqrt((centred**2).sum(axis=1)).max()) or 1.0
    return centred * (radius / reach)


def _seeded(rng, count):
    angles = rng.uniform(0, 2 * math.pi, count)
    radii = np.sqrt(rng.uniform(0, 1, count))
    return np.stack([radii * np.cos(angles), radii * np.sin(angles)], axis=1).astype(np.float32)


def _edge_arrays(edges, index):
    pairs = [
        (index[a], index[b], weight)
        for a, b, weight in edges
        if a in index and b in index and a != b
    ]
    if not pairs:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    array = np.array(pairs, dtype=np.float64)
    weights = np.log1p(array[:, 2]).astype(np.float32)
    return array[:, 0].astype(np.int64), array[:, 1].astype(np.int64), weights


def _group_centres(grouped, groups, edges, rng):
    """Centres and radii of the groups, placed by the ties between them."""
    keys = [key for key, _members in grouped]
    radii = np.array([math.sqrt(len(members)) for _key, members in grouped], dtype=np.float32)
    if len(keys) == 1:
        return {keys[0]: (0.0, 0.0)}, {keys[0]: float(radii[0])}
    position_of = {key: number for number, key in enumerate(keys)}
    between = defaultdict(int)
    for a, b, weight in edges:
        left, right = position_of.get(groups.get(a)), position_of.get(groups.get(b))
        if left is not None and right is not None and left != right:
            between[(min(left, right), max(left, right))] += weight
    angles = np.linspace(0, 2 * math.pi, len(keys), endpoint=False)
    positions = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    if between:
        pairs = np.array([(a, b, w) for (a, b), w in between.items()], dtype=np.float64)
        weights = (pairs[:, 2] / pairs[:, 2].max()).astype(np.float32)
        positions = _force(
            positions,
            pairs[:, 0].astype(np.int64),
            pairs[:, 1].astype(np.int64),
            weights,
            iterations=80,
            gravity=0.1,
            rng=rng,
        )
    # Spread the centres until no two discs overlap (with a margin).
    scale = 1.0
    for left in range(len(keys)):
        for right in range(left + 1, len(keys)):
            distance = float(np.linalg.norm(positions[left] - positions[right])) or 1e-3
            scale = max(scale, 1.15 * (radii[left] + radii[right]) / distance)
    positions = positions * scale
    return (
        {key: (float(positions[n][0]), float(positions[n][1])) for n, key in enumerate(keys)},
        {key: float(radii[n]) for n, key in enumerate(keys)},
    )


def _normalised(placed):
    """Positions scaled into [0, SIZE]², rounded to one decimal."""
    if not placed:
        return {}
    values = np.array(list(placed.values()), dtype=np.float64)
    low, high = values.min(axis=0), values.max(axis=0)
    span = float(max(high - low)) or 1.0
    scaled = (values - low) / span * SIZE
    return {
        node: (round(float(x), 1), round(float(y), 1))
        for node, (x, y) in zip(placed, scaled, strict=True)
    }


def compute(nodes, edges, groups, *, seed=0):
    """``{node: (x, y)}`` for ``nodes`` (ids), ``edges`` ((a, b, weight), …) and ``groups``
    ({node: group key})."""
    rng = np.random.default_rng(seed)
    nodes = sorted(set(nodes))
    grouped = _groups(nodes, groups)
    centres, radii = _group_centres(grouped, groups, edges, rng)
    inner = defaultdict(list)
    for a, b, weight in edges:
        if a != b and groups.get(a) == groups.get(b):
            inner[groups.get(a)].append((a, b, weight))
    placed = {}
    for key, members in grouped:
        index = {node: number for number, node in enumerate(members)}
        sources, targets, weights = _edge_arrays(inner[key], index)
        tied = np.zeros(len(members), dtype=bool)
        tied[sources] = True
        tied[targets] = True
        centre_x, centre_y = centres[key]
        radius = radii[key]
        linked = np.flatnonzero(tied)
        if len(linked):
            remap = -np.ones(len(members), dtype=np.int64)
            remap[linked] = np.arange(len(linked))
            positions = _force(
                _seeded(rng, len(linked)),
                remap[sources],
                remap[targets],
                weights,
                iterations=ITERATIONS,
                rng=rng,
                sample=DENSE_LIMIT,
            )
            positions = _into_disc(positions, radius * 0.85)
            for number, (x, y) in zip(linked, positions, strict=True):
                placed[members[number]] = (centre_x + float(x), centre_y + float(y))
        alone = np.flatnonzero(~tied)
        for place, number in enumerate(alone):
            angle = 2 * math.pi * place / max(len(alone), 1)
            ring = radius * (0.95 if len(linked) else 0.6)
            placed[members[number]] = (
                centre_x + ring * math.cos(angle),
                centre_y + ring * math.sin(angle),
            )
    return _normalised(placed)


def quick(nodes, edges, groups, *, previous=None):
    """Positions at once: ``previous`` ones kept, the others on a spiral in their group's disc,
    the most tied nearest its centre."""
    previous = previous or {}
    nodes = sorted(set(nodes))
    if previous and all(node in previous for node in nodes):
        return {node: previous[node] for node in nodes}
    degree = defaultdict(int)
    for a, b, _weight in edges:
        degree[a] += 1
        degree[b] += 1
    grouped = _groups(nodes, groups)
    centres, radii = _group_centres(grouped, groups, [], np.random.default_rng(0))
    placed = {}
    for key, members in grouped:
        centre_x, centre_y = centres[key]
        ordered = sorted(members, key=lambda node: (-degree[node], node))
        for place, node in enumerate(ordered):
            distance = radii[key] * math.sqrt((place + 0.5) / len(ordered))
            angle = place * GOLDEN_ANGLE
            placed[node] = (
                centre_x + distance * math.cos(angle),
                centre_y + distance * math.sin(angle),
            )
    fresh = _normalised(placed)
    return {node: previous.get(node, fresh[node]) for node in nodes}
