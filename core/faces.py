"""The blocks that streets enclose, and catchments drawn with them.

A catchment is the area within the trim distance of the reached streets. A block (a face
of the network) whose every side is reached and which is nowhere wider than twice the
trim distance lies wholly inside it: every point of it is within the trim distance of one
of its sides. Inside a well-covered town most streets lie between two such blocks, and
their buffers add nothing to the union of the blocks and of the buffers of the other
streets. So the catchment is drawn by buffering only the streets on the rim of those
blocks (and the reached streets elsewhere), then filling the holes of that polygon that
lie inside the blocks: the same area as buffering every street, for a fraction of the work.

Faces are traced on the network as built: at each junction the edges are taken in the
order of their direction, and a face is followed with its inside on the left. Only faces
that are simple polygons are used (no crossing or touching sides, no dead end inside, no
junction visited twice): bridges and tunnels cross streets without a junction, and a face
whose sides cross another street of its own is not a block.
"""

import threading
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Tuple

import numpy as np
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from .geometry import FULL_EDGE_TOLERANCE, polygon_parts
from .network import Network
from .spatial import positions_in_runs, segment_index, segments_within

try:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components
except ImportError:  # scipy is optional: the faces are followed with numpy instead
    connected_components = None

# Faces with more straight sides than this are not used: their simplicity check costs the
# square of their sides, and a block narrow enough to fill has few.
MAX_FACE_SEGMENTS = 64
# Blocks are filled only when the streets between them are at least this share of the
# reached parts: below it, the buffer of the rims (with holes to fill) dissolves no faster
# than the buffer of every street (measured on street grids of 0.3 and 1.9 million links).
FILL_MIN_SHARE = 0.5
# Segment pairs checked for crossings at a time (memory: about 200 bytes a pair).
_PAIR_BLOCK = 1 << 20
# Relative tolerance of the crossing test: sides this close count as touching, so that
# rounding never lets a face through that is not simple.
_TOUCH_EPS = 1e-9
# Directions at a junction are told apart to a full turn over this many steps.
_DIRECTION_STEPS = 1 << 24
# Radians by which each side of a star-shaped face must turn, and fall short of a half turn.
_STAR_MARGIN = 1e-9
# Faces checked for simplicity at a time (memory: about a kilobyte a face).
_CHECK_BLOCK = 1 << 16
_UNKNOWN, _SIMPLE, _NOT_SIMPLE = 0, 1, 2


@dataclass
class Faces:
    """The faces of a network. Half-edge ``2e`` runs along edge e from its first to its
    last junction, ``2e + 1`` back; ``face[h]`` is the face on the left of half-edge h,
    ``next_half[h]`` the half-edge that follows h around that face;
    ``face_halves[face_start[f]:face_start[f + 1]]`` are the half-edges of face f in
    order around it (``sides``: how many). Whether a face is a simple polygon, and the
    shorter side of its bounding box, are found when first asked (``check``), since a
    run asks about the faces its catchments reach end to end, often a few of them."""

    face: np.ndarray
    next_half: np.ndarray
    face_halves: np.ndarray
    face_start: np.ndarray
    sides: np.ndarray
    state: np.ndarray
    width: np.ndarray
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def ring(self, network: Network, face: int) -> Polygon:
        """The polygon of one face."""
        coordinates = []
        for half in self.face_halves[self.face_start[face]:self.face_start[face + 1]].tolist():
            xy = network.edge_coords(half // 2)
            coordinates.append(xy[:-1] if half % 2 == 0 else xy[::-1][:-1])
        return Polygon(np.concatenate(coordinates))

    def check(self, network: Network, faces: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """(whether each of ``faces`` is a simple polygon, the shorter side of its
        bounding box), checking the faces not checked before."""
        with self.lock:
            unknown = np.unique(faces[self.state[faces] == _UNKNOWN])
            for block in range(0, len(unknown), _CHECK_BLOCK):
                chosen = unknown[block:block + _CHECK_BLOCK]
                simple, width = _simple_faces(network, self, chosen)
                self.state[chosen] = np.where(simple, _SIMPLE, _NOT_SIMPLE)
                self.width[chosen] = width
        return self.state[faces] == _SIMPLE, self.width[faces]


def _half_edge_directions(network: Network) -> Tuple[np.ndarray, np.ndarray]:
    """(junction each half-edge leaves, the direction it leaves in, radians)."""
    start, stop = network.coord_start[:-1], network.coord_start[1:]
    xy = network.coords
    leaves = np.empty(2 * network.edge_count, dtype=np.int64)
    leaves[0::2], leaves[1::2] = network.edge_u, network.edge_v
    step = np.empty((2 * network.edge_count, 2))
    step[0::2] = xy[start + 1] - xy[start]
    step[1::2] = xy[stop - 2] - xy[stop - 1]
    return leaves, np.arctan2(step[:, 1], step[:, 0])


def _signed_areas(network: Network, face: np.ndarray, count: int) -> np.ndarray:
    """Signed area of each face (positive: bounded, traced anticlockwise)."""
    x, y = network.coords[:, 0], network.coords[:, 1]
    cross = np.r_[x[:-1] * y[1:] - x[1:] * y[:-1], 0.0]
    cross[network.coord_start[1:] - 1] = 0.0  # no term from one edge's end to the next
    along = np.add.reduceat(cross, network.coord_start[:-1])
    return 0.5 * (np.bincount(face[0::2], along, count) - np.bincount(face[1::2], along,
                                                                        count))


def _orientation(ax: np.ndarray, ay: np.ndarray, bx: np.ndarray, by: np.ndarray,
                 cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
    """Twice the signed area of triangles abc, zero where within rounding of it."""
    abx, aby, acx, acy = bx - ax, by - ay, cx - ax, cy - ay
    value = abx * acy - aby * acx
    scale = np.maximum(np.abs(abx), np.abs(aby)) * np.maximum(np.abs(acx), np.abs(acy))
    return np.where(np.abs(value) <= _TOUCH_EPS * scale, 0.0, value)


def _pairs_meet(p: Tuple[np.ndarray, ...], q: Tuple[np.ndarray, ...],
                consecutive: np.ndarray) -> np.ndarray:
    """Per pair of sides p and q of one face, each (x1, y1, x2, y2), whether they break
    its simplicity: ``consecutive`` sides (q starts where p ends) may only meet at that
    end, where they must not fold back over each other; other sides must not meet."""
    px1, py1, px2, py2 = p
    qx1, qy1, qx2, qy2 = q
    # a side walked there and back
    result = consecutive & (px1 == qx2) & (py1 == qy2)
    near = np.flatnonzero(
        (np.minimum(px1, px2) <= np.maximum(qx1, qx2)) &
        (np.minimum(qx1, qx2) <= np.maximum(px1, px2)) &
        (np.minimum(py1, py2) <= np.maximum(qy1, qy2)) &
        (np.minimum(qy1, qy2) <= np.maximum(py1, py2)) & ~result)
    px1, py1, px2, py2 = px1[near], py1[near], px2[near], py2[near]
    qx1, qy1, qx2, qy2 = qx1[near], qy1[near], qx2[near], qy2[near]
    o1 = _orientation(px1, py1, px2, py2, qx1, qy1)
    o2 = _orientation(px1, py1, px2, py2, qx2, qy2)
    meet = (o1 * o2 <= 0) & (_orientation(qx1, qy1, qx2, qy2, px1, py1) *
                             _orientation(qx1, qy1, qx2, qy2, px2, py2) <= 0)
    # consecutive sides meet at their shared end; they fold back when collinear and
    # the second heads back along the first
    back = (px1 - px2) * (qx2 - qx1) + (py1 - py2) * (qy2 - qy1) > 0
    result[near] = np.where(consecutive[near], (o2 == 0) & back, meet)
    return result


def _traversal_rank(face: np.ndarray, next_half: np.ndarray, first_half: np.ndarray,
                    sides: np.ndarray) -> np.ndarray:
    """Each half-edge's place around its face, counted from the face's first half-edge,
    by pointer jumping: exact for faces of up to MAX_FACE_SEGMENTS sides (the only ones
    ever checked or drawn); the order within larger faces is left unsettled."""
    last = next_half == first_half[face]
    jump = np.where(last, np.arange(len(face)), next_half)
    to_last = (~last).astype(np.int64)
    for _ in range(int(np.ceil(np.log2(MAX_FACE_SEGMENTS + 1))) + 1):
        to_last = to_last + to_last[jump]
        jump = jump[jump]
    return sides[face] - 1 - to_last


def _star_shaped(seg_face: np.ndarray, ends: List[np.ndarray], offset: np.ndarray
                 ) -> np.ndarray:
    """Per face, whether its sides (in order around it, ``offset`` where each face's
    start) turn once around the mean of their starts, each within a half turn: such a
    polygon is star-shaped around that point, so simple. Most blocks are; only the others
    need the test of every pair of sides."""
    count = len(offset) - 1
    size = np.diff(offset)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre_x = np.bincount(seg_face, ends[0], count) / size
        centre_y = np.bincount(seg_face, ends[1], count) / size
    bearing = np.arctan2(ends[1] - centre_y[seg_face], ends[0] - centre_x[seg_face])
    # each side ends where the next one around its face starts
    following = np.arange(1, len(seg_face) + 1)
    following[offset[1:][size > 0] - 1] = offset[:-1][size > 0]
    turn = bearing[following] - bearing
    turn = np.where(turn <= -np.pi, turn + 2 * np.pi, np.where(turn > np.pi,
                                                               turn - 2 * np.pi, turn))
    bad = np.bincount(seg_face, (turn <= _STAR_MARGIN) | (turn >= np.pi - _STAR_MARGIN),
                      count) > 0
    total = np.bincount(seg_face, turn, count)
    return ~bad & (np.abs(total - 2 * np.pi) < 1e-6) & (size > 2)


def _simple_faces(network: Network, faces: Faces, chosen: np.ndarray
                  ) -> Tuple[np.ndarray, np.ndarray]:
    """Whether each of the ``chosen`` bounded faces of at most MAX_FACE_SEGMENTS sides
    (``build_faces`` rules out the others) is a simple polygon (no two sides meet except
    consecutive ones at their shared end: no dead end, no junction visited twice, no
    crossing; no side of zero length), and the shorter side of each one's bounding box."""
    count = len(chosen)
    start = network.coord_start
    sides = faces.sides[chosen]
    first = faces.face_start[chosen]
    halves = faces.face_halves[np.repeat(first, sides) + positions_in_runs(sides)]
    owner = np.repeat(np.arange(count), sides)
    # the segments of those faces in order around each face, walked the way it goes
    edge = halves // 2
    repeat = start[edge + 1] - start[edge] - 1
    seg_face = np.repeat(owner, repeat)
    step = positions_in_runs(repeat)
    forward = np.repeat(halves % 2 == 0, repeat)
    vertex = np.where(forward, np.repeat(start[edge], repeat) + step,
                      np.repeat(start[edge + 1] - 1, repeat) - step)
    then = np.where(forward, vertex + 1, vertex - 1)
    ends = [network.coords[vertex, 0], network.coords[vertex, 1],
            network.coords[then, 0], network.coords[then, 1]]
    size = np.bincount(seg_face, minlength=count)
    offset = np.concatenate([[0], np.cumsum(size)])
    simple = size > 2
    width = np.full(count, np.inf)
    listed = np.flatnonzero(size)
    if len(listed):
        box = [reduce(ends[axis], offset[listed]) for axis, reduce in
               ((0, np.minimum.reduceat), (1, np.minimum.reduceat),
                (0, np.maximum.reduceat), (1, np.maximum.reduceat))]
        width[listed] = np.minimum(box[2] - box[0], box[3] - box[1])
    simple[seg_face[(ends[0] == ends[2]) & (ends[1] == ends[3])]] = False
    unsure = simple & ~_star_shaped(seg_face, ends, offset)
    for k in np.unique(size[unsure]).tolist():
        faces_k = np.flatnonzero(unsure & (size == k))
        left, right = np.triu_indices(k, 1)
        # the last side runs into the first: put the last first in its pair
        wrap = (left == 0) & (right == k - 1)
        left, right = np.where(wrap, right, left), np.where(wrap, left, right)
        consecutive = (right == left + 1) | wrap
        per_block = max(1, _PAIR_BLOCK // len(left))
        for block in range(0, len(faces_k), per_block):
            picked = faces_k[block:block + per_block]
            base = offset[picked][:, None]
            i, j = (base + left[None, :]).ravel(), (base + right[None, :]).ravel()
            broken = _pairs_meet(tuple(end[i] for end in ends), tuple(end[j] for end in ends),
                                 np.tile(consecutive, len(picked)))
            simple[picked[broken.reshape(len(picked), -1).any(axis=1)]] = False
    return simple, width


def _cycles(next_half: np.ndarray) -> Tuple[int, np.ndarray]:
    """The cycles of the permutation ``next_half`` (the faces): their count and each half
    edge's cycle, numbered in the order of their smallest half edge."""
    if connected_components is not None:
        count = len(next_half)
        graph = csr_matrix((np.ones(count, dtype=np.int8), (np.arange(count), next_half)),
                           shape=(count, count))
        found, cycle = connected_components(graph, directed=True, connection="weak")
        return int(found), cycle.astype(np.int64)
    return _cycles_by_doubling(next_half)


def _cycles_by_doubling(next_half: np.ndarray) -> Tuple[int, np.ndarray]:
    """``_cycles`` in numpy: after k rounds each half edge holds the smallest of the 2**k
    half edges from it onwards, and once a round changes nothing every cycle is covered
    (a longer one would still lower the label of the half edge 2**k before its smallest)."""
    label = np.arange(len(next_half))
    ahead = np.asarray(next_half, dtype=np.int64)
    while True:
        lower = np.minimum(label, label[ahead])
        if np.array_equal(lower, label):
            break
        label, ahead = lower, ahead[ahead]
    smallest = label == np.arange(len(label))
    return int(smallest.sum()), (np.cumsum(smallest) - 1)[label]


def build_faces(network: Network) -> Faces:
    """Trace the faces of ``network``."""
    half_count = 2 * network.edge_count
    leaves, direction = _half_edge_directions(network)
    # one integer key sorts by junction, then direction, several times faster than two
    steps = (direction + np.pi) * (_DIRECTION_STEPS / (2 * np.pi))
    key = leaves * (_DIRECTION_STEPS + 1) + np.minimum(steps, _DIRECTION_STEPS).astype(np.int64)
    order = np.argsort(key, kind="stable")
    node_of = leaves[order]
    group_start = np.searchsorted(node_of, node_of, side="left")
    group_end = np.searchsorted(node_of, node_of, side="right")
    position = np.arange(half_count)
    clockwise = np.empty(half_count, dtype=np.int64)
    clockwise[order] = order[np.where(position == group_start, group_end - 1, position - 1)]
    # around a face: arrive at a junction, leave by the next edge clockwise from the one
    # that came in, so the face stays on the left
    next_half = clockwise[np.arange(half_count) ^ 1]
    del clockwise, group_start, group_end, position
    count, face = _cycles(next_half)
    first_half = np.empty(count, dtype=np.int64)
    first_half[face[::-1]] = np.arange(half_count)[::-1]
    sides = np.bincount(face, minlength=count)
    rank = _traversal_rank(face, next_half, first_half, sides)
    face_halves = np.argsort(face * np.int64(half_count + 1) + rank)
    state = np.full(count, _UNKNOWN, dtype=np.int8)
    segments = np.bincount(face, (np.diff(network.coord_start) - 1)[np.arange(half_count) // 2],
                           count)
    state[(_signed_areas(network, face, count) <= 0) | (segments > MAX_FACE_SEGMENTS)] = \
        _NOT_SIMPLE
    # two edges leaving a junction in directions the key cannot tell apart may be taken
    # in the wrong order: no face around that junction is used
    tied = node_of[np.flatnonzero(np.diff(key[order]) == 0)]
    around = order[np.isin(node_of, tied)]
    state[face[np.concatenate([around, around ^ 1])]] = _NOT_SIMPLE
    return Faces(face=face, next_half=next_half, face_halves=face_halves,
                 face_start=np.concatenate([[0], np.cumsum(sides)]), sides=sides,
                 state=state, width=np.full(count, np.inf))


def network_faces(network: Network) -> Faces:
    """The network's faces, traced on first use."""
    return network.cached("faces", build_faces)


def enclosed_faces(network: Network, edge: np.ndarray, x0: np.ndarray, x1: np.ndarray,
                   trim: float) -> np.ndarray:
    """Sorted faces that lie wholly within ``trim`` metres of the parts (edge, x0, x1):
    simple faces no wider than twice ``trim`` whose every side is reached end to end."""
    if trim <= 0 or not len(edge):
        return np.zeros(0, dtype=np.int64)
    faces = network_faces(network)
    whole = np.unique(edge[(x0 <= FULL_EDGE_TOLERANCE) &
                           (x1 >= network.edge_length[edge] - FULL_EDGE_TOLERANCE)])
    touched, reached_sides = np.unique(np.concatenate([faces.face[2 * whole],
                                                       faces.face[2 * whole + 1]]),
                                       return_counts=True)
    touched = touched[reached_sides == faces.sides[touched]]
    simple, width = faces.check(network, touched)
    return touched[simple & (width <= 2.0 * trim)]


def inside_enclosed(network: Network, edge: np.ndarray, enclosed: np.ndarray) -> np.ndarray:
    """Per part on ``edge``, whether both sides of its edge are enclosed faces (its buffer
    adds nothing to theirs and to the buffers of the rims)."""
    faces = network_faces(network)
    return np.isin(faces.face[2 * edge], enclosed) & np.isin(faces.face[2 * edge + 1],
                                                             enclosed)


def _in_enclosed(network: Network, points: np.ndarray, enclosed: np.ndarray,
                 trim: float) -> np.ndarray:
    """Per point, whether it lies in one of the ``enclosed`` faces. Every point of such a
    face lies within ``trim`` of one of its sides, so the candidates are the enclosed
    faces beside the edges within ``trim`` of the point (the nearest edge alone may be a
    bridge passing over the face)."""
    faces = network_faces(network)
    index = segment_index(network)
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    pair_point, pair_segment = segments_within(index, points, trim * (1.0 + 1e-6) + 1e-6)
    edge = index.edge[pair_segment]
    pair_point = np.repeat(pair_point, 2)
    pair_face = np.column_stack([faces.face[2 * edge], faces.face[2 * edge + 1]]).ravel()
    chosen = np.isin(pair_face, enclosed)
    face_count = len(faces.sides)
    pairs = np.unique(pair_point[chosen] * face_count + pair_face[chosen])
    found = np.zeros(len(points), dtype=bool)
    rings: Dict[int, object] = {}
    for row, face in zip((pairs // face_count).tolist(), (pairs % face_count).tolist()):
        if found[row]:
            continue
        ring = rings.get(face)
        if ring is None:
            ring = rings[face] = prep(faces.ring(network, face))
        found[row] = ring.covers(Point(points[row]))
    return found


def _edge_probe(polygon: Polygon) -> Point:
    """A point on the exterior of ``polygon``: the middle of its first side."""
    (x0, y0), (x1, y1) = polygon.exterior.coords[:2]
    return Point((x0 + x1) / 2.0, (y0 + y1) / 2.0)


def fill_enclosed(network: Network, polygon: BaseGeometry, enclosed: np.ndarray,
                  trim: float) -> BaseGeometry:
    """``polygon`` (the buffer of the rims of the ``enclosed`` faces and of the other
    reached parts) with the holes that lie inside enclosed faces filled.

    A hole of the polygon stays clear of every rim, so it lies wholly inside the enclosed
    faces or wholly outside them; it is tested at one point of its own area (not of a
    part of the polygon lying inside it). A part inside a filled hole merges into the
    part around it, keeping its own holes that stay."""
    parts = polygon_parts(polygon)
    holes = [(part, ring) for part, shape in enumerate(parts)
             for ring in range(len(shape.interiors))]
    if not holes or not len(enclosed):
        return polygon
    hole_shapes = [Polygon(parts[part].interiors[ring]) for part, ring in holes]
    hole_boxes = np.array([shape.bounds for shape in hole_shapes])
    hole_area = np.array([shape.area for shape in hole_shapes])
    prepared: Dict[int, object] = {}
    container = np.full(len(parts), -1, dtype=np.int64)
    for part, shape in enumerate(parts):
        probe = _edge_probe(shape)
        near = np.flatnonzero((hole_boxes[:, 0] <= probe.x) & (hole_boxes[:, 2] >= probe.x) &
                              (hole_boxes[:, 1] <= probe.y) & (hole_boxes[:, 3] >= probe.y))
        holding = []
        for hole in near.tolist():
            if holes[hole][0] == part:
                continue
            test = prepared.get(hole)
            if test is None:
                test = prepared[hole] = prep(hole_shapes[hole])
            if test.contains(probe):
                holding.append(hole)
        if holding:
            container[part] = min(holding, key=lambda hole: hole_area[hole])
    within: Dict[int, List[int]] = {}
    for part, hole in enumerate(container.tolist()):
        if hole >= 0:
            within.setdefault(hole, []).append(part)
    probes = np.array([Polygon(parts[part].interiors[ring],
                               [parts[inner].exterior for inner in within.get(hole, [])]
                               ).representative_point().coords[0]
                       for hole, (part, ring) in enumerate(holes)])
    filled = _in_enclosed(network, probes, enclosed, trim)
    hole_of = {key: hole for hole, key in enumerate(holes)}

    def kept_holes(part: int) -> list:
        rings = []
        for ring, shape in enumerate(parts[part].interiors):
            hole = hole_of[(part, ring)]
            if filled[hole]:
                for inner in within.get(hole, []):
                    rings += kept_holes(inner)
            else:
                rings.append(shape)
        return rings

    result = [Polygon(parts[part].exterior, kept_holes(part)) for part in range(len(parts))
              if container[part] < 0 or not filled[container[part]]]
    return result[0] if len(result) == 1 else MultiPolygon(result)


def enclosed_catchment(network: Network, edge: np.ndarray, x0: np.ndarray, x1: np.ndarray,
                       trim: float,
                       buffered: Callable[[np.ndarray], BaseGeometry]) -> BaseGeometry:
    """The area within ``trim`` of the parts (edge, x0, x1): ``buffered(rows)`` draws the
    buffer of the parts in ``rows``. When at least FILL_MIN_SHARE of the parts lie
    between two enclosed faces, they are left out of it and the enclosed faces filled in
    instead."""
    enclosed = enclosed_faces(network, edge, x0, x1, trim)
    inside = inside_enclosed(network, edge, enclosed) if len(enclosed) \
        else np.zeros(len(edge), dtype=bool)
    if not len(edge) or inside.mean() < FILL_MIN_SHARE:
        return buffered(np.arange(len(edge)))
    return fill_enclosed(network, buffered(np.flatnonzero(~inside)), enclosed, trim)
