"""Property-based tests of the engine (core/, no QGIS) on random small networks.

hypothesis draws street networks (jittered grids with links removed, extra ways that
share vertices with the grid, bridges that cross without a shared vertex, short dead
ends), 1-4 point facilities on or off the network, thresholds and trim distances, and
checks the engine against the brute-force oracle in tests/oracle.py:

- costs (junctions, any network location, every cost piece) equal the oracle's, and the
  bucketed search and networkx agree;
- catchments grow with the threshold;
- the merged catchment is the union of the per-facility catchments;
- rings are pairwise disjoint and together make the merged catchment;
- no polygon point lies farther than threshold + trim from a facility along the network,
  and every network location within the threshold is inside the polygon;
- band lines run monotonically, at the oracle's costs, inside their band, and together
  are exactly the network within the largest threshold.

Network vertices lie on a 0.5 m lattice (bridge ends on the lattice shifted by 0.25 m),
so two vertices are either the same junction or at least 0.35 m apart. Examples where a
facility lies equally near two different network locations (the engine and the oracle
may then pick different ones) are rejected; so are sampled points where two lines cross.
Runs are derandomized, so CI sees the same examples every time.

Polygons are compared through point-in-polygon tests and distances (``Region``), never
through the area of a GEOS difference or intersection: on nearly coincident buffers those
can be wildly wrong (a known JTS/GEOS overlay robustness bug; with GEOS 3.11 a symmetric
difference of two equal catchments came out at 420 m²). Two polygons agree when no sampled
point of one lies farther than a depth from the other: 1e-6 m for exact set operations,
and for buffers of the same lines chained differently the sagitta of a buffer arc plus
GEOS's 1 % line simplification (``buffer_depth``).
"""

import math
import sys
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scipy.spatial import cKDTree  # noqa: E402
from shapely.geometry import Point  # noqa: E402

from community_asset_gaps.core.attach import attach_geometries, locate_points  # noqa: E402
from community_asset_gaps.core.catchments import (  # noqa: E402
    area_within,
    band_lines,
    catchment_polygons,
    per_facility_pieces,
    search,
)
from community_asset_gaps.core.definitions import BUFFER_QUAD_SEGMENTS, POLYGON_ENTRY_TOLERANCE_M  # noqa: E402
from community_asset_gaps.core.network import build_network  # noqa: E402
from community_asset_gaps.core.reach import location_costs  # noqa: E402
from community_asset_gaps.core.search import node_costs  # noqa: E402

import oracle  # noqa: E402

try:
    from shapely import contains_xy  # shapely 2
except ImportError:  # shapely 1.8
    from shapely.vectorized import contains as contains_xy

TOL = 1e-6          # metres: of cost, and of depth where no buffering noise is involved
FAR = 1e7           # a search bound that never binds
LATTICE = 0.5       # network vertices lie on this lattice (metres)
SPACING = 40.0      # grid spacing (metres)
SNAP = 30.0         # MAX_SNAP_DISTANCE of every example
ENGINES = ("buckets", "networkx")

PROPERTY_SETTINGS = dict(deadline=None, derandomize=True, database=None,
                         suppress_health_check=[HealthCheck.too_slow,
                                                HealthCheck.filter_too_much])


# ------------------------------------------------------------------------- strategies

@st.composite
def street_networks(draw):
    """Lines (lists of (x, y) tuples) of a random small street network."""
    cols, rows = draw(st.integers(3, 6)), draw(st.integers(3, 6))
    jitter = draw(st.integers(0, 16))  # lattice steps, so at most 8 m
    step = st.integers(-jitter, jitter)
    grid = {(i, j): (i * SPACING + draw(step) * LATTICE, j * SPACING + draw(step) * LATTICE)
            for i in range(cols) for j in range(rows)}
    ways = [[grid[i, j] for i in range(cols)] for j in range(rows)]
    ways += [[grid[i, j] for j in range(rows)] for i in range(cols)]
    links = [(w, k) for w, way in enumerate(ways) for k in range(len(way) - 1)]
    removed = draw(st.sets(st.sampled_from(links), max_size=len(links) // 4))
    lines = []
    for w, way in enumerate(ways):
        # ways run through the junctions (they meet at interior vertices, as OSM ways do)
        # and are cut where a link is removed
        current = [way[0]]
        for k in range(len(way) - 1):
            if (w, k) in removed:
                if len(current) > 1:
                    lines.append(current)
                current = [way[k + 1]]
            else:
                current.append(way[k + 1])
        if len(current) > 1:
            lines.append(current)

    span_x = int((cols - 1) * SPACING / LATTICE)
    span_y = int((rows - 1) * SPACING / LATTICE)
    node = st.sampled_from(sorted(grid))

    def lattice_point(shift=0.0):
        return (draw(st.integers(0, span_x)) * LATTICE + shift,
                draw(st.integers(0, span_y)) * LATTICE + shift)

    # extra ways that share vertices with the grid: from a junction, through free
    # points, ending at (or passing through) another junction
    for _ in range(draw(st.integers(0, 3))):
        way = [grid[draw(node)]]
        way += [lattice_point() for _ in range(draw(st.integers(1, 2)))]
        if draw(st.booleans()):
            way.append(grid[draw(node)])
            if draw(st.booleans()):
                way.append(lattice_point())
        lines.append(way)
    # bridges: cross the grid without sharing a vertex (their ends are off the lattice)
    for _ in range(draw(st.integers(0, 2))):
        lines.append([lattice_point(0.25), lattice_point(0.25)])
    # short dead ends
    for _ in range(draw(st.integers(0, 3))):
        x, y = grid[draw(node)]
        dx, dy = draw(st.integers(-30, 30)), draw(st.integers(-30, 30))
        dx = dx if dx or dy else 1
        lines.append([(x, y), (x + dx * LATTICE, y + dy * LATTICE)])
    return lines


@st.composite
def facility_points(draw, lines):
    """1-4 points near the network: on a vertex, on a segment, or off it (the first
    within the snap distance, the others possibly beyond it)."""
    segments = oracle.segments(lines)
    points = []
    for k in range(draw(st.integers(1, 4))):
        a, b = segments[draw(st.integers(0, len(segments) - 1))]
        t = draw(st.sampled_from([0.0, 1.0])) if draw(st.booleans()) else \
            draw(st.floats(0.0, 1.0))
        x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        if draw(st.booleans()):
            angle = draw(st.floats(0.0, 2 * math.pi))
            radius = draw(st.floats(0.0, SNAP * (0.95 if k == 0 else 3.0)))
            x, y = x + radius * math.cos(angle), y + radius * math.sin(angle)
        points.append((x, y))
    return points


thresholds_st = st.lists(st.floats(2.0, 250.0), min_size=1, max_size=3, unique=True)
# half the trims small, so that a cut made in the wrong place is not hidden by the buffer
trims_st = st.one_of(st.floats(0.1, 2.0), st.floats(2.0, 40.0))


@st.composite
def scenarios(draw):
    lines = draw(street_networks())
    facilities = draw(facility_points(lines))
    assume(unambiguous_facilities(lines, facilities))
    return lines, facilities


# --------------------------------------------------------------------------- helpers

def segment_arrays(lines):
    segments = oracle.segments(lines)
    a = np.array([s[0] for s in segments], dtype=float)
    b = np.array([s[1] for s in segments], dtype=float)
    return a, b


def nearest_on_segments(a, b, p):
    """(distance, nearest point) from ``p`` to every segment ab."""
    d = b - a
    length2 = np.einsum("ij,ij->i", d, d)
    t = np.clip(np.einsum("ij,ij->i", p - a, d) / length2, 0.0, 1.0)
    near = a + t[:, None] * d
    return np.hypot(*(p - near).T), near


def unambiguous_facilities(lines, facilities):
    """True when each facility has one nearest network location (or several segments
    that meet at it, a shared vertex) and its gap is not the snap distance itself."""
    a, b = segment_arrays(lines)
    for f in facilities:
        p = np.asarray(f, dtype=float)
        distance, near = nearest_on_segments(a, b, p)
        best = distance.min()
        if abs(best - SNAP) <= 1e-6:
            return False
        tied = np.flatnonzero(distance <= best + 1e-6)
        if len(tied) > 1 and not _one_shared_vertex(a[tied], b[tied], near[tied]):
            return False
    return True


def _one_shared_vertex(a, b, near):
    """The nearest points are one vertex that every segment has as an end."""
    point = near[0]
    if np.any(np.hypot(*(near - point).T) > 1e-6):
        return False
    at_end = (np.hypot(*(a - point).T) <= 1e-6) | (np.hypot(*(b - point).T) <= 1e-6)
    return bool(np.all(at_end))


def unambiguous_points(lines, points):
    """Mask of the points that lie on one network location only: on one segment, or on
    a vertex that every segment through it has as an end (not where lines cross)."""
    a, b = segment_arrays(lines)
    keep = []
    for p in np.asarray(points, dtype=float).reshape(-1, 2):
        distance, near = nearest_on_segments(a, b, p)
        on = np.flatnonzero(distance <= 1e-6)
        keep.append(len(on) <= 1 or _one_shared_vertex(a[on], b[on], near[on]))
    return np.array(keep, dtype=bool)


def make_network(lines):
    return build_network([np.asarray(line, dtype=float) for line in lines])


def engine_setup(lines, facilities):
    network = make_network(lines)
    attachment = attach_geometries(network, [Point(f) for f in facilities], SNAP)
    return network, attachment


def solution(lines, facilities):
    return oracle.Solution(lines, facilities, max_snap=SNAP,
                           entry_tolerance=POLYGON_ENTRY_TOLERANCE_M)


def oracle_cost_at(sol, point):
    """The oracle's cost at a network location given by its point (not where lines
    cross): the least cost within 1e-7 m, which is that location's cost to 1e-7."""
    return sol.min_cost_within(point, 1e-7)


def point_on_edge(network, edge, x):
    xy = network.edge_coords(edge)
    along = network.edge_cumlen(edge)
    return float(np.interp(x, along, xy[:, 0])), float(np.interp(x, along, xy[:, 1]))


def segment_samples(lines, fractions=(0.0, 0.1234, 0.5, 0.8765, 1.0)):
    """Points along every segment of the lines."""
    points = []
    for a, b in oracle.segments(lines):
        points += [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for t in fractions]
    return points


def oracle_locations(sol, spacing=0.25):
    """(points, costs) every ``spacing`` metres along every oracle sub-segment (and at
    its ends), with their exact costs."""
    xy_a, xy_b, length, cost_a, cost_b, _ = sol.arrays
    counts = np.ceil(length / spacing).astype(int) + 1
    which = np.repeat(np.arange(len(length)), counts)
    step = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    s = np.minimum(step * spacing, length[which])
    f = (s / np.where(length > 0, length, 1.0)[which])[:, None]
    points = xy_a[which] * (1.0 - f) + xy_b[which] * f
    with np.errstate(invalid="ignore"):
        costs = np.minimum(cost_a[which] + s, cost_b[which] + length[which] - s)
    return points, costs


def reach_length(sol, threshold):
    """Exact length of the network whose oracle cost is at most ``threshold``."""
    if threshold == -math.inf:
        return 0.0
    _, _, length, cost_a, cost_b, _ = sol.arrays
    with np.errstate(invalid="ignore"):
        from_a = np.clip(threshold - cost_a, 0.0, length)
        from_b = np.clip(threshold - cost_b, 0.0, length)
    from_a = np.nan_to_num(from_a, nan=0.0)
    from_b = np.nan_to_num(from_b, nan=0.0)
    return float(np.minimum(length, from_a + from_b).sum())


def boundary_vertices(polygon, limit=None):
    """Vertices of every ring of a (multi)polygon (at most about ``limit`` of them)."""
    points = []
    for part in polygon_parts(polygon):
        for ring in [part.exterior, *part.interiors]:
            points += list(ring.coords)
    stride = max(1, len(points) // limit) if limit else 1
    return points[::stride]


def polygon_parts(geometry):
    if geometry.is_empty:
        return []
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [g for part in getattr(geometry, "geoms", []) for g in polygon_parts(part)]


class Region:
    """The union of some polygons, known only through point-in-polygon tests and
    distances: GEOS overlays (difference, intersection) of nearly coincident buffers can
    return wildly wrong areas (a known JTS/GEOS bug), so tests never measure through them."""

    def __init__(self, *polygons):
        self.parts = [p for g in polygons for p in polygon_parts(g)]

    def contains(self, xy):
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        inside = np.zeros(len(xy), dtype=bool)
        for part in self.parts:
            inside |= np.asarray(contains_xy(part, xy[:, 0], xy[:, 1]), dtype=bool)
        return inside

    def distance(self, p):
        return min((part.distance(Point(p)) for part in self.parts), default=math.inf)

    def boundary_distance(self, p):
        return min((part.boundary.distance(Point(p)) for part in self.parts),
                   default=math.inf)

    def vertices(self):
        return [v for part in self.parts for v in boundary_vertices(part)]

    def samples(self, spacing):
        """A grid over the region's bounding box (at most about 40 000 points) and
        every vertex."""
        vertices = self.vertices()
        if not vertices:
            return np.zeros((0, 2))
        xy = np.asarray(vertices, dtype=float)
        (xmin, ymin), (xmax, ymax) = xy.min(axis=0), xy.max(axis=0)
        spacing = max(spacing, math.sqrt((xmax - xmin) * (ymax - ymin) / 40000.0))
        gx, gy = np.meshgrid(np.arange(xmin, xmax + spacing, spacing),
                             np.arange(ymin, ymax + spacing, spacing))
        return np.vstack([np.column_stack([gx.ravel(), gy.ravel()]), xy])


def buffer_depth(trim):
    """How far apart two buffers of the same lines can lie, built from differently
    chained parts: an inscribed arc's sagitta, plus the 1 % by which GEOS simplifies a
    line before offsetting it."""
    return trim * (1.0 - math.cos(math.pi / 4.0 / BUFFER_QUAD_SEGMENTS) + 0.01) + TOL


def assert_inside(inner, outer, depth, what):
    """Every point of ``inner`` (grid samples and vertices) is in ``outer`` or no farther
    than ``depth`` from it."""
    points = inner.samples(depth * 3.0 if depth > TOL else 0.5)
    vertices = len(inner.vertices())
    candidates = inner.contains(points)
    candidates[len(points) - vertices:] = True
    candidates &= ~outer.contains(points)
    for p in points[candidates]:
        distance = outer.distance(p)
        assert distance <= depth, f"{what}: {tuple(p)} lies {distance} m outside (> {depth})"


def assert_same_region(a, b, depth, what):
    assert_inside(a, b, depth, what + " (first in second)")
    assert_inside(b, a, depth, what + " (second in first)")


def assert_disjoint(a, b, depth, what):
    """No point lies inside both regions by more than ``depth``."""
    points = Region(*a.parts, *b.parts).samples(0.5)
    for p in points[a.contains(points) & b.contains(points)]:
        depth_in = min(a.boundary_distance(p), b.boundary_distance(p))
        assert depth_in <= depth, f"{what}: {tuple(p)} is {depth_in} m inside both"


def assert_near_reached(points, sol, threshold, trim, what):
    """Each point is within ``trim`` of a network location the oracle reaches within
    ``threshold``. A point with a reached sample location that near passes at once; the
    oracle decides the rest."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    network_xy, costs = oracle_locations(sol)
    reached = network_xy[costs <= threshold]
    if len(reached) and len(points):
        distance, _ = cKDTree(reached).query(points, distance_upper_bound=trim)
        points = points[~np.isfinite(distance)]
    for p in points:
        cost = sol.min_cost_within(p, trim + TOL)
        assert cost <= threshold + TOL, (
            f"{what}: point {tuple(p)} is {cost} m along the network from a facility "
            f"(threshold {threshold}, trim {trim})")


def assert_within_threshold_plus_trim(polygon, sol, threshold, trim, what):
    """Polygon points (every vertex, and grid points inside) are within ``trim`` of a
    network location the oracle reaches within ``threshold``."""
    region = Region(polygon)
    grid = region.samples(min(trim, 1.0))
    points = np.vstack([np.asarray(boundary_vertices(polygon)).reshape(-1, 2),
                        grid[region.contains(grid)]])
    assert_near_reached(points, sol, threshold, trim, what)


def assert_network_inside_exactly_when_reached(polygon, sol, threshold, trim, what,
                                               cover=True):
    """Network locations (every 0.25 m) the oracle reaches within ``threshold`` are in
    the polygon (unless not ``cover``: rings leave out the inner catchment); those inside
    it that it does not reach are within ``trim`` of some that it does (where a part is
    cut or a gap is bridged, this is where errors show)."""
    points, costs = oracle_locations(sol)
    region = Region(polygon)
    inside = region.contains(points)
    for p in points[(costs <= threshold - TOL) & ~inside & cover]:
        distance = region.distance(p)
        assert distance <= TOL, (
            f"{what}: network point {tuple(p)} within {threshold} is {distance} m outside")
    assert_near_reached(points[(costs > threshold) & inside], sol, threshold, trim, what)


# -------------------------------------------------------------------------- properties

@settings(max_examples=100, **PROPERTY_SETTINGS)
@given(scenarios(), thresholds_st)
def test_costs_equal_oracle_and_engines_agree(scenario, thresholds):
    lines, facilities = scenario
    cutoff = max(thresholds)
    network, attachment = engine_setup(lines, facilities)
    sol = solution(lines, facilities)
    assert np.array_equal(attachment.attached, np.isfinite(sol.facility_gap))
    np.testing.assert_allclose(attachment.gap, sol.facility_gap, rtol=0, atol=TOL)

    # queries: points along every segment and where each facility joins the network
    seeds = attachment.seeds
    queries = segment_samples(lines) + [point_on_edge(network, e, x)
                                        for e, x in zip(seeds.edge, seeds.start)]
    queries = [q for q, ok in zip(queries, unambiguous_points(lines, queries)) if ok]
    expected = np.array([oracle_cost_at(sol, q) for q in queries])
    edge, offset, gap = locate_points(network, np.asarray(queries), 1e-3)
    assert np.all(edge >= 0) and np.all(gap <= 1e-6)
    oracle_node = np.array([sol.cost.get((float(x), float(y)), math.inf)
                            for x, y in network.node_xy])

    by_engine = {}
    for engine in ENGINES:
        unbounded = node_costs(network, seeds, FAR, engine=engine)
        bounded = node_costs(network, seeds, cutoff, engine=engine)
        by_engine[engine] = (unbounded, bounded)
        np.testing.assert_allclose(unbounded, oracle_node, rtol=0, atol=TOL,
                                   err_msg=f"junction costs, engine={engine}")
        clear = np.abs(oracle_node - cutoff) > TOL
        np.testing.assert_allclose(bounded[clear],
                                   np.where(oracle_node <= cutoff, oracle_node, np.inf)[clear],
                                   rtol=0, atol=TOL, err_msg=f"bounded, engine={engine}")
        got = location_costs(network, unbounded, seeds, edge, offset)
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOL,
                                   err_msg=f"location costs, engine={engine}")
    for a, b in zip(*by_engine.values()):
        assert np.array_equal(np.isfinite(a), np.isfinite(b))
        finite = np.isfinite(a)
        np.testing.assert_allclose(a[finite], b[finite], rtol=0, atol=1e-9)

    # cost pieces within the cutoff: linear at the oracle's costs
    pieces = search(network, seeds, cutoff)
    assert np.all(pieces.c0 <= cutoff + 1e-9) and np.all(pieces.c1 <= cutoff + 1e-9)
    assert np.all(pieces.x1 > pieces.x0)
    for i in range(len(pieces)):
        for f in (0.0, 0.5, 1.0):
            x = pieces.x0[i] + f * (pieces.x1[i] - pieces.x0[i])
            p = point_on_edge(network, pieces.edge[i], x)
            if unambiguous_points(lines, [p])[0]:
                cost = pieces.c0[i] + f * (pieces.c1[i] - pieces.c0[i])
                assert abs(cost - oracle_cost_at(sol, p)) <= TOL, (i, f, p, cost)


@settings(max_examples=60, **PROPERTY_SETTINGS)
@given(scenarios(), st.floats(2.0, 200.0), st.floats(0.5, 100.0), trims_st)
def test_catchments_grow_with_the_threshold(scenario, t1, extra, trim):
    lines, facilities = scenario
    t2 = t1 + extra
    network, attachment = engine_setup(lines, facilities)
    # each polygon from its own search, bounded by its own threshold
    small = area_within(network, search(network, attachment.seeds, t1), t1, trim)
    large = area_within(network, search(network, attachment.seeds, t2), t2, trim)
    depth = buffer_depth(trim)
    assert small.area <= large.area + depth * small.length + TOL
    assert_inside(Region(small), Region(large), depth, f"{t1} in {t2}")
    # and within one search, catchment_polygons gives the same, nested polygons
    pieces = search(network, attachment.seeds, t2)
    nested = catchment_polygons(network, pieces, [t2, t1], trim)
    assert [c.threshold for c in nested] == [t1, t2]
    assert_inside(Region(nested[0].polygon), Region(nested[1].polygon), TOL, "nested")
    assert_same_region(Region(nested[0].polygon), Region(small), depth, f"two searches {t1}")


@settings(max_examples=60, **PROPERTY_SETTINGS)
@given(scenarios(), thresholds_st, trims_st)
def test_merged_catchment_is_the_union_of_per_facility_catchments(scenario, thresholds,
                                                                   trim):
    lines, facilities = scenario
    network, attachment = engine_setup(lines, facilities)
    top = max(thresholds)
    merged = catchment_polygons(network, search(network, attachment.seeds, top), thresholds,
                                trim)
    per_facility = [catchment_polygons(network, pieces, thresholds, trim, facility=f)
                    for f, pieces in per_facility_pieces(network, attachment.seeds, top)]
    assert sorted(c[0].facility for c in per_facility) == \
        np.flatnonzero(attachment.attached).tolist()
    for k, catchment in enumerate(merged):
        union = Region(*(c[k].polygon for c in per_facility))
        assert_same_region(Region(catchment.polygon), union, buffer_depth(trim),
                           f"threshold {catchment.threshold}: merged vs per facility")
        assert catchment.polygon.area <= sum(c[k].polygon.area for c in per_facility) + \
            buffer_depth(trim) * catchment.polygon.length + TOL


@settings(max_examples=50, **PROPERTY_SETTINGS)
@given(scenarios(), thresholds_st, trims_st)
def test_rings_are_disjoint_and_make_the_merged_catchment(scenario, thresholds, trim):
    lines, facilities = scenario
    network, attachment = engine_setup(lines, facilities)
    pieces = search(network, attachment.seeds, max(thresholds))
    rings = catchment_polygons(network, pieces, thresholds, trim, rings=True)
    merged = catchment_polygons(network, pieces, thresholds, trim)
    assert [c.threshold for c in rings] == sorted(thresholds)
    for i in range(len(rings)):
        for j in range(i + 1, len(rings)):
            assert_disjoint(Region(rings[i].polygon), Region(rings[j].polygon), TOL,
                            f"rings {rings[i].threshold} and {rings[j].threshold}")
    # the rings up to each threshold make the merged catchment at that threshold
    for k in range(len(rings)):
        assert_same_region(Region(*(c.polygon for c in rings[:k + 1])),
                           Region(merged[k].polygon), TOL, f"rings up to {k}")
    outer = merged[-1].polygon.area
    assert abs(sum(c.polygon.area for c in rings) - outer) <= 1e-6 * outer + 1e-3


@settings(max_examples=40, **PROPERTY_SETTINGS)
@given(scenarios(), thresholds_st, trims_st)
def test_polygons_lie_within_threshold_plus_trim(scenario, thresholds, trim):
    lines, facilities = scenario
    network, attachment = engine_setup(lines, facilities)
    top = max(thresholds)
    sol = solution(lines, facilities)
    pieces = search(network, attachment.seeds, top)
    merged = catchment_polygons(network, pieces, thresholds, trim)
    rings = catchment_polygons(network, pieces, thresholds, trim, rings=True)
    for catchment, ring in zip(merged, rings):
        t = catchment.threshold
        assert_within_threshold_plus_trim(catchment.polygon, sol, t, trim, "merged")
        assert_within_threshold_plus_trim(ring.polygon, sol, t, trim, "ring")
        assert_network_inside_exactly_when_reached(catchment.polygon, sol, t, trim, "merged")
        assert_network_inside_exactly_when_reached(ring.polygon, sol, t, trim, "ring",
                                                   cover=False)
    for f, own in per_facility_pieces(network, attachment.seeds, top):
        alone = solution(lines, [facilities[f]])
        for catchment in catchment_polygons(network, own, thresholds, trim, facility=f):
            what = f"facility {f}"
            assert_within_threshold_plus_trim(catchment.polygon, alone, catchment.threshold,
                                              trim, what)
            assert_network_inside_exactly_when_reached(catchment.polygon, alone,
                                                       catchment.threshold, trim, what)


@settings(max_examples=100, **PROPERTY_SETTINGS)
@given(scenarios(), thresholds_st)
def test_band_lines_are_monotone_and_lie_in_their_band(scenario, thresholds):
    lines, facilities = scenario
    network, attachment = engine_setup(lines, facilities)
    sol = solution(lines, facilities)
    pieces = search(network, attachment.seeds, max(thresholds))
    reached = band_lines(network, pieces, thresholds)
    bounds = [-math.inf] + sorted(thresholds)
    length_in_band = {t: 0.0 for t in thresholds}
    for line in reached:
        assert line.threshold in length_in_band
        low = bounds[bounds.index(line.threshold) - 1]
        xy = np.asarray(line.coordinates)
        length = float(np.hypot(*np.diff(xy, axis=0).T).sum())
        length_in_band[line.threshold] += length
        change = abs(line.cost_end - line.cost_start)
        assert change <= length + 1e-9, (line.cost_start, line.cost_end, length)
        # point facilities: the cost runs at one metre per metre along every piece
        assert abs(change - length) <= TOL, (line.cost_start, line.cost_end, length)
        for cost in (line.cost_start, line.cost_end):
            assert max(low, 0.0) - 1e-9 <= cost <= line.threshold + 1e-9, (
                low, line.threshold, line.cost_start, line.cost_end)
        for cost, p in ((line.cost_start, xy[0]), (line.cost_end, xy[-1])):
            if unambiguous_points(lines, [p])[0]:
                assert abs(cost - oracle_cost_at(sol, p)) <= TOL, (p, cost)
    # each band is exactly the network with cost in (previous threshold, threshold]
    for low, high in zip(bounds[:-1], bounds[1:]):
        expected = reach_length(sol, high) - reach_length(sol, low)
        assert abs(length_in_band[high] - expected) <= TOL, (low, high,
                                                              length_in_band[high], expected)
