"""Engine tests (core/, no QGIS needed) against the brute-force oracle in tests/oracle.py.

Costs are metres walked and must agree with the oracle to 1e-6 m.
"""

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import LineString, MultiLineString, Point, Polygon

sys.path.insert(0, str(Path(__file__).resolve().parent))
from community_asset_gaps.core.attach import attach_geometries, locate_points  # noqa: E402
from community_asset_gaps.core.catchments import area_within, catchment_polygons, search  # noqa: E402
from community_asset_gaps.core.definitions import POLYGON_ENTRY_TOLERANCE_M  # noqa: E402
from community_asset_gaps.core.geometry import part_coordinates  # noqa: E402
from community_asset_gaps.core.heights import HeightGrid  # noqa: E402
from community_asset_gaps.core.network import build_network  # noqa: E402
from community_asset_gaps.core.reach import location_costs, merged_intervals, reachable_parts  # noqa: E402
from community_asset_gaps.core.search import node_costs  # noqa: E402
from community_asset_gaps.core.slope import edge_costs_with_slope  # noqa: E402
from community_asset_gaps.core.spatial import build_segment_index, nearest_segments  # noqa: E402

import oracle  # noqa: E402

TOL = 1e-6
FAR = 1e7          # a cutoff that never binds
SNAP = 1000.0      # a snap distance that never binds on these small networks
ENGINES = ["buckets", "networkx"]


# ----------------------------------------------------------------------------- helpers

def make_network(lines):
    arrays = [np.asarray(line, dtype=float) for line in lines]
    return build_network([a if a.ndim == 2 else a.reshape(-1, 2) for a in arrays])


def to_shapes(facilities):
    return [Polygon(f.vertices) if isinstance(f, oracle.ConvexPolygon) else Point(f)
            for f in facilities]


def engine_run(lines, facilities, engine="buckets", max_snap=SNAP, cutoff=FAR):
    network = make_network(lines)
    attachment = attach_geometries(network, to_shapes(facilities), max_snap)
    node_cost = node_costs(network, attachment.seeds, cutoff, engine=engine)
    return network, attachment, node_cost


def engine_costs(lines, facilities, queries, engine="buckets", max_snap=SNAP):
    network, attachment, node_cost = engine_run(lines, facilities, engine, max_snap)
    edge, offset, _ = locate_points(network, np.asarray(queries, dtype=float), SNAP)
    return location_costs(network, node_cost, attachment.seeds, edge, offset)


def sample_points(lines, per_segment=7):
    """Points along every segment (at fractions that avoid the middle, where test lines
    tend to cross) and every vertex."""
    points = []
    for a, b in oracle.segments(lines):
        points.append(a)
        for k in range(per_segment):
            t = (k + 0.3183) / per_segment
            points.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
        points.append(b)
    return points


def assert_matches_oracle(lines, facilities, queries=None, max_snap=math.inf):
    """Engine costs (both engines) equal oracle costs at ``queries`` (default: samples)."""
    queries = sample_points(lines) if queries is None else queries
    expected = np.array(oracle.network_costs(lines, facilities, queries, max_snap=max_snap,
                                             entry_tolerance=POLYGON_ENTRY_TOLERANCE_M))
    for engine in ENGINES:
        got = engine_costs(lines, facilities, queries, engine,
                           max_snap=SNAP if math.isinf(max_snap) else max_snap)
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOL,
                                   err_msg=f"engine={engine}")
    return expected


def point_on_edge(network, edge, x):
    xy = network.edge_coords(edge)
    along = network.edge_cumlen(edge)
    return float(np.interp(x, along, xy[:, 0])), float(np.interp(x, along, xy[:, 1]))


def assert_pieces_exact(lines, facilities, max_cost):
    """reachable_parts: every piece's cost is the oracle's, and it covers exactly the
    locations within ``max_cost``."""
    network, attachment, node_cost = engine_run(lines, facilities, cutoff=max_cost)
    pieces = reachable_parts(network, node_cost, attachment.seeds, max_cost)
    queries, expected_cost = [], []
    for i in range(len(pieces)):
        for f in (0.0, 0.25, 0.5, 0.75, 1.0):
            x = pieces.x0[i] + f * (pieces.x1[i] - pieces.x0[i])
            queries.append(point_on_edge(network, pieces.edge[i], x))
            expected_cost.append(pieces.c0[i] + f * (pieces.c1[i] - pieces.c0[i]))
    assert np.all(pieces.c0 <= max_cost + TOL) and np.all(pieces.c1 <= max_cost + TOL)
    solution = oracle.Solution(lines, facilities, queries,
                               entry_tolerance=POLYGON_ENTRY_TOLERANCE_M)
    np.testing.assert_allclose(expected_cost, solution.query_costs, rtol=0, atol=TOL)

    # coverage: sampled locations of every edge are in a piece exactly when within max_cost
    samples, where = [], []
    for edge in range(network.edge_count):
        length = network.edge_length[edge]
        for x in np.linspace(0.0, length, 41)[1:-1]:
            samples.append(point_on_edge(network, edge, x))
            where.append((edge, x))
    costs = oracle.network_costs(lines, facilities, samples,
                                 entry_tolerance=POLYGON_ENTRY_TOLERANCE_M)
    for (edge, x), cost in zip(where, costs):
        on = pieces.edge == edge
        covered = bool(np.any((pieces.x0[on] - 1e-9 <= x) & (x <= pieces.x1[on] + 1e-9)))
        if cost <= max_cost - TOL:
            assert covered, (edge, x, cost)
        elif cost > max_cost + TOL:
            assert not covered, (edge, x, cost)
    return network, pieces


# ------------------------------------------------------------------------ the oracle itself

def test_oracle_hand_computed():
    """The oracle's own answers on a case worked out by hand."""
    lines = [[(0, 0), (50, 0)], [(50, 0), (100, 0)], [(50, 0), (50, 80)]]
    assert oracle.network_cost(lines, [(10, 3)], (50, 60)) == pytest.approx(3 + 40 + 60)
    assert oracle.network_cost(lines, [(10, 3)], (0, 0)) == pytest.approx(13)
    assert oracle.network_cost(lines, [(10, 3)], (90, -7)) == pytest.approx(3 + 80)
    crossing = [[(0, 0), (100, 0)], [(50, -50), (50, 50)]]
    assert oracle.network_cost(crossing, [(0, 0)], (50, 30)) == math.inf


# ---------------------------------------------------------------------- hand-made networks

@pytest.mark.parametrize("engine", ENGINES)
def test_t_junction(engine):
    lines = [[(0, 0), (50, 0)], [(50, 0), (100, 0)], [(50, 0), (50, 80)]]
    network = make_network(lines)
    assert (network.node_count, network.edge_count) == (4, 3)
    costs = engine_costs(lines, [(10, 3)], [(50, 60), (0, 0), (100, 0), (50, 0)], engine)
    np.testing.assert_allclose(costs, [103, 13, 93, 43], atol=TOL)
    assert_matches_oracle(lines, [(10, 3)])
    assert_matches_oracle(lines, [(50, 77), (97, 1)])


def test_shared_interior_vertex_is_a_junction():
    """Two OSM-like ways crossing at a vertex both have in their interior."""
    lines = [[(0, 0), (50, 0), (100, 0)], [(50, -50), (50, 0), (50, 50)]]
    network = make_network(lines)
    assert (network.node_count, network.edge_count) == (5, 4)
    expected = assert_matches_oracle(lines, [(0, 0)], [(50, 40), (50, -50), (100, 0)])
    np.testing.assert_allclose(expected, [90, 100, 100], atol=TOL)
    assert_matches_oracle(lines, [(20, 1)])


def test_interior_vertex_shared_by_three_ways_and_a_line_end():
    lines = [[(0, 0), (30, 10), (60, 0), (90, 10)],
             [(30, -40), (30, 10), (30, 60)],
             [(30, 10), (80, 60)],
             [(90, 10), (90, 60), (80, 60)]]
    assert_matches_oracle(lines, [(1, 1)])
    assert_matches_oracle(lines, [(85, 59), (29, -39)])


def test_bridge_without_shared_vertex_is_not_a_junction():
    lines = [[(0, 0), (100, 0)], [(50, -50), (50, 50)]]
    network = make_network(lines)
    assert (network.node_count, network.edge_count) == (4, 2)
    expected = assert_matches_oracle(lines, [(10, 2)], [(50, 30), (50, -49), (90, 0)])
    assert expected[0] == math.inf and expected[1] == math.inf
    assert expected[2] == pytest.approx(82)
    # the other way round, from the bridge: the street below is unreachable
    expected = assert_matches_oracle(lines, [(52, 40)], [(90, 0), (50, 0.5), (50, -50)])
    assert expected[0] == math.inf
    assert expected[1] == pytest.approx(2 + 39.5)
    assert expected[2] == pytest.approx(2 + 90)


@pytest.mark.parametrize("engine", ENGINES)
def test_facility_mid_edge(engine):
    lines = [[(0, 0), (40, 0), (100, 0)]]
    facility = [(30, 4)]
    costs = engine_costs(lines, facility, [(0, 0), (30, 0), (50, 0), (100, 0)], engine)
    np.testing.assert_allclose(costs, [34, 4, 24, 74], atol=TOL)
    assert_matches_oracle(lines + [[(100, 0), (100, 80)]], facility)


def test_facility_attaches_to_nearest_point_not_nearest_vertex():
    # the nearest vertex is (0, 0) at 50.2 m, the nearest edge point (49, 0) at 10 m
    lines = [[(0, 0), (100, 0)], [(0, 0), (0, -30)]]
    network = make_network(lines)
    attachment = attach_geometries(network, [Point(49, 10)], SNAP)
    assert attachment.gap[0] == pytest.approx(10.0, abs=TOL)
    costs = assert_matches_oracle(lines, [(49, 10)], [(100, 0), (0, -30)])
    np.testing.assert_allclose(costs, [10 + 51, 10 + 49 + 30], atol=TOL)


def test_two_facilities_on_one_edge():
    lines = [[(0, 0), (100, 0)], [(100, 0), (100, 50)]]
    facilities = [(20, 2), (70, -6)]
    expected = assert_matches_oracle(
        lines, facilities, [(45, 0), (46, 0), (60, 0), (100, 30), (0, 0), (20, 0)])
    np.testing.assert_allclose(expected, [27, 28, 16, 66, 22, 2], atol=TOL)
    network, pieces = assert_pieces_exact(lines, facilities, 24.0)
    # within 24 m: [0, 42] (from 20 with gap 2) and [52, 88] (from 70 with gap 6)
    edge, x0, x1 = merged_intervals(pieces)
    spans = sorted(zip(x0.tolist(), x1.tolist()))
    np.testing.assert_allclose(spans, [[0, 42], [52, 88]], atol=TOL)


def test_cut_mid_edge_is_exact():
    lines = [[(0, 0), (30, 0), (30, 40)]]
    facility = [(10, -5)]
    network, pieces = assert_pieces_exact(lines, facility, 60.0)
    # cost at x is 5 + |x - 10|: reachable from 0 to 65, cut at (30, 35)
    assert pieces.x0.min() == pytest.approx(0.0, abs=TOL)
    assert pieces.x1.max() == pytest.approx(65.0, abs=TOL)
    last = [int(np.argmax(pieces.x1))]
    assert pieces.c1[last[0]] == pytest.approx(60.0, abs=TOL)
    coords = part_coordinates(network, pieces.edge[last], pieces.x0[last], pieces.x1[last])[0]
    np.testing.assert_allclose(coords[-1], [30, 35], atol=TOL)
    assert oracle.network_cost(lines, facility, (30, 35)) == pytest.approx(60.0, abs=TOL)


def test_cut_where_two_searches_meet_and_beyond_junctions():
    lines = [[(0, 0), (60, 0)], [(60, 0), (60, 60)], [(60, 60), (0, 60)], [(0, 60), (0, 0)],
             [(60, 0), (150, 0)]]
    for max_cost in (25.0, 59.999, 60.0, 95.5, 130.0):
        assert_pieces_exact(lines, [(3, 1), (61, 50)], max_cost)


def test_disconnected_island_is_unreached():
    lines = [[(0, 0), (100, 0)], [(0, 0), (0, 100)], [(500, 500), (560, 500)]]
    expected = assert_matches_oracle(lines, [(50, 1)], [(530, 500), (560, 500), (0, 100)])
    assert expected[0] == math.inf and expected[1] == math.inf
    assert expected[2] == pytest.approx(151)
    network, attachment, node_cost = engine_run(lines, [(50, 1)])
    island = network.edge_line == 2
    assert np.all(np.isinf(node_cost[network.edge_u[island]]))
    pieces = reachable_parts(network, node_cost, attachment.seeds, 1e6)
    assert not np.any(island[pieces.edge])


def test_facility_on_the_island_reaches_only_the_island():
    lines = [[(0, 0), (100, 0)], [(500, 500), (560, 500)]]
    expected = assert_matches_oracle(lines, [(510, 498)], [(560, 500), (50, 0)])
    assert expected[0] == pytest.approx(52) and expected[1] == math.inf


def test_cutoff_bounds_the_search():
    lines = [[(0, 0), (100, 0)], [(100, 0), (200, 0)], [(200, 0), (300, 0)]]
    for engine in ENGINES:
        network, _, node_cost = engine_run(lines, [(0, 0)], engine, cutoff=150)
        reached = np.sort(node_cost[np.isfinite(node_cost)])
        np.testing.assert_allclose(reached, [0, 100], atol=TOL)
    assert oracle.network_cost(lines, [(0, 0)], (300, 0)) == pytest.approx(300)


# -------------------------------------------------------------------------- polygon facility

PARK = oracle.ConvexPolygon([(40, 10), (60, 10), (60, 30), (40, 30)])
PARK_STREETS = [
    [(0, 20), (100, 20)],               # straddles the park: enters at x=35, leaves at 65
    [(45, 33), (55, 33), (55, 80)],     # 3 m outside the north edge, leaves north at y=35
    [(0, 20), (0, 37), (100, 37)],      # 7 m outside the north edge: not an entry
]


def test_polygon_entry_tolerance_is_a_few_metres():
    assert 3.0 < POLYGON_ENTRY_TOLERANCE_M <= 10.0


def test_polygon_facility_entered_from_its_edge_not_its_centroid():
    queries = [(50, 20), (41, 20), (20, 20), (80, 20), (100, 20),
               (50, 33), (55, 60), (55, 80), (50, 37), (0, 37)]
    expected = assert_matches_oracle(PARK_STREETS, [PARK], queries)
    np.testing.assert_allclose(
        expected,
        [0, 0, 15, 15, 35,        # inside is 0; from the edge (x=35 / x=65), not from x=50
         0, 25, 45,               # entered from the street 3 m outside
         35 + 17 + 50, 35 + 17],  # the street 7 m outside is only reached round by x=0
        atol=TOL)
    # a centroid search would give 30 at (80, 20)
    assert expected[3] < 30 - 1


def test_polygon_facility_pieces_exact():
    assert_pieces_exact(PARK_STREETS, [PARK], 40.0)


def test_polygon_facility_away_from_streets_joins_nearest_location():
    lines = [[(0, 0), (100, 0)], [(100, 0), (100, 100)]]
    # a diamond, so that its nearest street point is unique: (30, 0), 20 m from (30, 20)
    square = oracle.ConvexPolygon([(30, 20), (40, 30), (30, 40), (20, 30)])
    expected = assert_matches_oracle(lines, [square], [(30, 0), (0, 0), (100, 50)])
    np.testing.assert_allclose(expected, [20, 50, 20 + 70 + 50], atol=TOL)


def test_polygon_and_point_facilities_together():
    assert_matches_oracle(PARK_STREETS, [PARK, (98, 21)])


# ----------------------------------------------------------- geometry clean-up of the input

def test_z_coordinates_are_ignored():
    flat = [[(0, 0), (60, 0), (60, 80)], [(60, 0), (120, 0)]]
    with_z = [[(0, 0, 5.0), (60, 0, 40.0), (60, 80, -3.0)], [(60, 0, 40.0), (120, 0, 0.0)]]
    network = make_network(with_z)
    np.testing.assert_allclose(sorted(network.edge_length), [60, 60, 80], atol=TOL)
    assert network.coords.shape[1] == 2
    queries = [(60, 80), (120, 0), (30, 0)]
    np.testing.assert_allclose(engine_costs(with_z, [(0, 0)], queries),
                               oracle.network_costs(flat, [(0, 0)], queries), atol=TOL)
    np.testing.assert_allclose(engine_costs(with_z, [(0, 0)], queries), [140, 120, 30],
                               atol=TOL)


def test_multi_part_lines_do_not_join_their_parts():
    """A multi-line's parts are separate lines: no walk from one part's end to the next's
    start (as a naive concatenation of vertices would give)."""
    multi = MultiLineString([[(0, 0), (10, 0)], [(20, 0), (30, 0)], [(10, 0), (10, 10)]])
    parts = [list(part.coords) for part in multi.geoms]
    network = make_network(parts)
    assert network.edge_count == 3
    assert network.edge_length.sum() == pytest.approx(30.0)
    expected = assert_matches_oracle(parts, [(0, 0)], [(25, 0), (10, 10)])
    assert expected[0] == math.inf and expected[1] == pytest.approx(20)


def test_degenerate_lines_are_ignored():
    lines = [[(0, 0), (100, 0)],
             [(50, 1), (50, 1), (50, 1)],          # one point repeated
             [(50, 1.5)],                          # a single vertex
             [(70, 1.0, 3.0), (70, 1.0, 9.0)]]     # a vertical line: one point in 2D
    network = make_network(lines)
    assert (network.node_count, network.edge_count) == (2, 1)
    assert network.edge_length[0] == pytest.approx(100)
    # the facility beside the degenerate points attaches to the real street, 2 m away
    costs = engine_costs(lines, [(50, 2)], [(100, 0), (0, 0)])
    np.testing.assert_allclose(costs, [52, 52], atol=TOL)
    assert build_network([np.zeros((0, 2))]).edge_count == 0


def test_repeated_vertices_inside_a_line_keep_its_length():
    lines = [[(0, 0), (10, 0), (10, 0), (10, 0), (40, 0)], [(10, 0), (10, 25)]]
    assert_matches_oracle(lines, [(0, 0)])
    assert make_network(lines).edge_length.sum() == pytest.approx(65)


# ---------------------------------------------------------- engines and random networks

def random_street_network(seed, n=8, spacing=40.0, jitter=9.0, drop=0.2):
    """A jittered grid whose streets run as long multi-vertex ways (so junctions sit at
    interior vertices), with some links removed and some bridges crossing without a
    junction."""
    rng = np.random.default_rng(seed)
    lines = oracle.jittered_ways(rng, n, spacing, jitter, drop)
    for _ in range(3):  # bridges: straight lines between random points, no shared vertex
        a, b = rng.uniform(0, spacing * (n - 1), (2, 2))
        lines.append([tuple(a + 0.123), tuple(b + 0.456)])
    return lines, rng


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_networks_match_oracle(seed):
    lines, rng = random_street_network(seed)
    facilities = [tuple(p) for p in rng.uniform(0, 280, (4, 2))]
    assert_matches_oracle(lines, facilities, sample_points(lines, per_segment=3))


@pytest.mark.parametrize("seed", [4, 5])
def test_random_networks_pieces_exact(seed):
    lines, rng = random_street_network(seed, n=5)
    facilities = [tuple(p) for p in rng.uniform(0, 160, (3, 2))]
    assert_pieces_exact(lines, facilities, 70.0)


@pytest.mark.parametrize("seed", [6, 7, 8])
def test_buckets_and_networkx_give_identical_costs(seed):
    lines, rng = random_street_network(seed, n=12)
    network = make_network(lines)
    attachment = attach_geometries(network, [Point(*p) for p in rng.uniform(0, 440, (6, 2))],
                                   SNAP)
    for cutoff in (50.0, 180.0, FAR):
        by_buckets = node_costs(network, attachment.seeds, cutoff, engine="buckets")
        by_networkx = node_costs(network, attachment.seeds, cutoff, engine="networkx")
        # the same sums in the same order: equal to the last bit, inf alike
        np.testing.assert_array_equal(by_buckets, by_networkx)
        finite = np.isfinite(by_buckets)
        assert 0 < finite.sum() < network.node_count or cutoff == FAR
        assert np.all(by_buckets[finite] <= cutoff)


def test_a_network_of_one_closed_ring_is_searched():
    """A way closed on itself is one edge from a junction back to it, which the search
    graph leaves out (flat or over a DEM): the junction costs the walk along the ring."""
    network = make_network([[(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]])
    seeds = attach_geometries(network, [Point(5, -1)], SNAP).seeds
    flat_dem = HeightGrid.from_array(np.full((6, 6), 12.0), -20.0, 30.0, 10.0, 10.0)
    for costs in (None, edge_costs_with_slope(network, flat_dem, 1.0)):
        for engine in ENGINES:
            cost = node_costs(network, seeds, FAR, engine=engine, costs=costs)
            assert cost.tolist() == pytest.approx([6.0], abs=TOL)  # 1 m gap + 5 m along
    with pytest.raises(ValueError):
        node_costs(network, seeds, FAR, engine="scipy")
    with pytest.raises(ValueError):
        node_costs(network, seeds, FAR, bucket=0.0)


def test_bucketed_search_lowers_a_cost_found_first_by_a_longer_way():
    """In the first bucket (100 m) X is reached by the long way (one 90 m edge) and
    relaxed, offering 100 m to Y; the short way (three 10 m edges) then lowers X to 30 m,
    and Y must follow it down to 40 m."""
    lines = [[(0, 0), (0, 30), (30, 30), (30, 0)],
             [(0, 0), (10, 0)], [(10, 0), (20, 0)], [(20, 0), (30, 0)],
             [(30, 0), (40, 0)]]
    network = make_network(lines)
    seeds = attach_geometries(network, [Point(0, 0)], SNAP).seeds
    cost = node_costs(network, seeds, FAR)
    at = {tuple(xy): c for xy, c in zip(network.node_xy.tolist(), cost.tolist())}
    assert at[(30.0, 0.0)] == pytest.approx(30.0, abs=TOL)
    assert at[(40.0, 0.0)] == pytest.approx(40.0, abs=TOL)


@pytest.mark.parametrize("bucket", [0.5, 7.0, 1e9])
def test_bucketed_search_gives_dijkstras_costs_for_any_bucket_width(bucket):
    """Narrow buckets (almost Dijkstra) and one bucket for all (Bellman-Ford in waves)
    give networkx's costs to the last bit."""
    lines, rng = random_street_network(9, n=10)
    network = make_network(lines)
    seeds = attach_geometries(network, [Point(*p) for p in rng.uniform(0, 360, (5, 2))],
                              SNAP).seeds
    for cutoff in (60.0, 150.0, FAR):
        expected = node_costs(network, seeds, cutoff, engine="networkx")
        got = node_costs(network, seeds, cutoff, bucket=bucket)
        np.testing.assert_array_equal(got, expected)
        assert 0 < np.isfinite(got).sum() < network.node_count or cutoff == FAR


# ------------------------------------------------------------------ spatial index

@pytest.mark.parametrize("seed, cell_size, block", [(11, 0.0, 7), (12, 3.0, 1 << 16),
                                                     (13, 50.0, 64), (14, 17.0, 1)])
def test_nearest_segments_against_brute_force(seed, cell_size, block, monkeypatch):
    """Points taken ``block`` at a time find what a brute-force search finds."""
    from community_asset_gaps.core import spatial

    monkeypatch.setattr(spatial, "POINT_BLOCK", block)
    rng = np.random.default_rng(seed)
    starts = rng.uniform(0, 500, (300, 2))
    ends = starts + rng.normal(0, 25, (300, 2))
    network = make_network([[tuple(a), tuple(b)] for a, b in zip(starts, ends)])
    index = build_segment_index(network, cell_size)
    points = rng.uniform(-100, 600, (400, 2))
    for max_distance in (5.0, 30.0, 1e6):
        segment, distance, t = nearest_segments(index, points, max_distance)
        d = index.end - index.start
        length2 = np.einsum("ij,ij->i", d, d)
        # brute force: every point against every segment
        rel = points[:, None, :] - index.start[None, :, :]
        tt = np.clip(np.einsum("pij,ij->pi", rel, d) / length2[None, :], 0, 1)
        near = index.start[None] + tt[..., None] * d[None]
        dist = np.hypot(*(points[:, None, :] - near).transpose(2, 0, 1))
        best = dist.min(axis=1)
        within = best <= max_distance
        assert np.array_equal(segment >= 0, within)
        np.testing.assert_allclose(distance[within], best[within], rtol=0, atol=1e-9)
        assert np.all(np.isinf(distance[~within]))
        # the returned segment and fraction give a point at that distance
        s = segment[within]
        at = index.start[s] + t[within, None] * (index.end[s] - index.start[s])
        np.testing.assert_allclose(np.hypot(*(points[within] - at).T), best[within],
                                   rtol=0, atol=1e-9)


@pytest.mark.parametrize("block", [3, 1 << 16])
def test_nearest_segments_ties_and_groups(block, monkeypatch):
    """Ties go to the lowest segment number, whatever the blocks of points; a point
    ignores the segments of its own group."""
    from community_asset_gaps.core import spatial

    monkeypatch.setattr(spatial, "POINT_BLOCK", block)
    # four streets around a 20 m square, numbered in this order, and the square again
    square = [(0, 0), (20, 0), (20, 20), (0, 20)]
    lines = [[square[i], square[(i + 1) % 4]] for i in range(4)] * 2
    index = build_segment_index(make_network(lines), 5.0)
    assert len(index.start) == 8
    points = np.array([[10.0, 10.0], [5.0, 10.0], [10.0, 3.0], [10.0, 17.0], [25.0, 10.0]])
    segment, distance, t = nearest_segments(index, points, 100.0)
    # the lowest-numbered of the segments at the least distance
    for p, found in zip(points, segment.tolist()):
        d = [LineString([a, b]).distance(Point(p)) for a, b in zip(index.start, index.end)]
        assert found == int(np.flatnonzero(np.isclose(d, min(d), rtol=0, atol=1e-12))[0])
    np.testing.assert_allclose(distance, [10.0, 5.0, 3.0, 3.0, 5.0])
    # a point of group g never takes a segment of group g: segments 4-7 are group 1
    segment_group = (np.arange(8) >= 4).astype(np.int64)
    for group in (0, 1):
        found, by_group, _ = nearest_segments(index, points, 100.0, np.full(5, group),
                                              segment_group)
        assert np.all((found >= 4) == (group == 0))
        np.testing.assert_allclose(by_group, distance)


def test_nearest_segments_on_an_empty_and_a_far_network():
    network = make_network([[(0, 0), (10, 0)]])
    index = build_segment_index(network)
    segment, distance, _ = nearest_segments(index, np.array([[0, 300.0], [5, 2.0]]), 250.0)
    assert segment.tolist()[0] == -1 and distance[0] == math.inf
    assert segment[1] >= 0 and distance[1] == pytest.approx(2.0)


# ------------------------------------------------------ catchment polygons vs the oracle

def boundary_points(polygon, step=1.0):
    """Every vertex of the polygon's rings and points every ``step`` metres along them."""
    points = []
    for part in getattr(polygon, "geoms", [polygon]):
        for ring in [part.exterior, *part.interiors]:
            points += list(ring.coords)
            line = LineString(ring.coords)
            points += [line.interpolate(d).coords[0]
                       for d in np.arange(0, line.length, step)]
    return points


CATCHMENT_CASES = [
    ("grid", [[(0, 0), (50, 0), (100, 0), (150, 0)], [(0, 60), (50, 60), (100, 60)],
              [(0, 0), (0, 60)], [(50, 0), (50, 60), (50, 120)], [(100, 0), (100, 60)],
              [(20, -30), (80, 90)]],  # a bridge over the grid, no junction
     [(12, 3), (100, 61)], 70.0, 20.0),
    ("park", PARK_STREETS, [PARK], 30.0, 8.0),
    ("long trim", [[(0, 0), (200, 0)], [(100, 0), (100, 50)], [(300, 0), (350, 0)]],
     [(100, 20)], 45.0, 60.0),
]


@pytest.mark.parametrize("name, lines, facilities, threshold, trim", CATCHMENT_CASES,
                         ids=[c[0] for c in CATCHMENT_CASES])
def test_catchment_polygon_within_threshold_plus_trim(name, lines, facilities, threshold,
                                                      trim):
    network, attachment, node_cost = engine_run(lines, facilities, cutoff=threshold)
    pieces = reachable_parts(network, node_cost, attachment.seeds, threshold)
    polygon = area_within(network, pieces, threshold, trim)
    assert not polygon.is_empty
    solution = oracle.Solution(lines, facilities, entry_tolerance=POLYGON_ENTRY_TOLERANCE_M)
    points = boundary_points(polygon)
    assert len(points) > 50
    worst = max(solution.min_cost_within(p, trim + TOL) for p in points)
    assert worst <= threshold + TOL, f"a boundary point is {worst} m from a facility"
    # and every sampled network location within the threshold is inside the polygon
    grown = polygon.buffer(TOL)
    samples = sample_points(lines, per_segment=11)
    costs = oracle.network_costs(lines, facilities, samples,
                                 entry_tolerance=POLYGON_ENTRY_TOLERANCE_M)
    for point, cost in zip(samples, costs):
        if cost <= threshold - TOL:
            assert grown.contains(Point(point)), (point, cost)
        if solution.min_cost_within(point, trim * 0.999) > threshold + TOL:
            assert not polygon.contains(Point(point)), (point, cost)


def test_catchment_polygon_area_of_a_single_street():
    """A straight street reached 30 m either way, trimmed 10 m: a 60 x 20 rectangle with
    rounded ends (inscribed 4-segment quarter circles)."""
    lines = [[(0, 0), (200, 0)]]
    network, attachment, node_cost = engine_run(lines, [(100, 0)], cutoff=30.0)
    pieces = reachable_parts(network, node_cost, attachment.seeds, 30.0)
    polygon = area_within(network, pieces, 30.0, 10.0)
    xmin, ymin, xmax, ymax = polygon.bounds
    np.testing.assert_allclose([xmin, ymin, xmax, ymax], [60, -10, 140, 10], atol=TOL)
    circle = math.pi * 100
    assert 60 * 20 + 0.9 * circle < polygon.area <= 60 * 20 + circle


def test_rings_are_disjoint_and_cover_the_outer_catchment():
    lines, rng = random_street_network(21, n=8)
    network = make_network(lines)
    attachment = attach_geometries(network, [Point(100, 100), Point(200, 250)], SNAP)
    pieces = search(network, attachment.seeds, 150.0)
    rings = catchment_polygons(network, pieces, [150.0, 50.0, 100.0], 15.0, rings=True)
    merged = catchment_polygons(network, pieces, [50.0, 100.0, 150.0], 15.0)
    assert [c.threshold for c in rings] == [50.0, 100.0, 150.0]
    areas = [c.polygon.area for c in merged]
    assert areas[0] < areas[1] < areas[2]
    for i in range(3):
        for j in range(i + 1, 3):
            assert rings[i].polygon.intersection(rings[j].polygon).area < 1e-6
    assert sum(c.polygon.area for c in rings) == pytest.approx(areas[2], rel=1e-9)


def test_search_order_of_junctions_changes_no_cost(monkeypatch):
    """Junctions are renumbered along a Z-order for the search: a permutation,
    whose costs are exactly those of a search over the junctions as built."""
    from community_asset_gaps.core import search as search_module

    rng = np.random.default_rng(5)
    nodes = rng.uniform(-20, 20, (20, 20, 2)) + np.stack(
        np.meshgrid(np.arange(20) * 100.0, np.arange(20) * 100.0, indexing="ij"), axis=2)
    lines = [[nodes[i, j], nodes[i + di, j + dj]] for i in range(20) for j in range(20)
             for di, dj in ((1, 0), (0, 1)) if i + di < 20 and j + dj < 20
             and rng.random() > 0.1]
    network = make_network(lines)
    seeds = attach_geometries(network, [Point(100, 100), Point(1500, 1700)], SNAP).seeds
    position = search_module.search_positions(network)
    assert sorted(position.tolist()) == list(range(network.node_count))
    assert not np.array_equal(position, np.arange(network.node_count))
    ordered = node_costs(network, seeds, 3000.0)
    monkeypatch.setattr(search_module, "search_positions",
                        lambda net: np.arange(net.node_count))
    as_built = node_costs(make_network(lines), seeds, 3000.0)
    assert np.isfinite(ordered).sum() > 200
    np.testing.assert_array_equal(ordered, as_built)
