"""Walking time that knows the slope (core/; QGIS only reads the Helsinki sample).

Costs over a DEM are flat metres: the metres walked on the flat at WALK_SPEED in the same
time. They are checked against closed forms on a tilted plane, against hand-computed
heights, and, over a bumpy surface, against a brute-force directed Dijkstra written here
that shares no code with core/: every sample point of every line is a node of its own, and
each stretch between two samples is an arc per direction at Tobler's speed.
"""

import heapq
import math
from itertools import count

import numpy as np
import pytest
from qgis.core import QgsVectorLayer
from shapely import wkb
from shapely.geometry import Point

from community_asset_gaps.core.access import locate_origins, nearest_costs, search_kind
from community_asset_gaps.core.attach import Seeds, attach_geometries, locate_points
from community_asset_gaps.core.bestsites import candidate_coverage, within_reach
from community_asset_gaps.core.catchments import (
    area_within,
    band_lines,
    catchment_polygons,
    per_facility_pieces,
    search,
    slope_effect,
)
from community_asset_gaps.core.definitions import MAX_SLOPE_FACTOR
from community_asset_gaps.core.directed import directed_location_costs
from community_asset_gaps.core.errors import InputError
from community_asset_gaps.core.geometry import part_coordinates
from community_asset_gaps.core.heights import HeightGrid, heights_at
from community_asset_gaps.core.network import build_network
from community_asset_gaps.core.reach import merged_intervals
from community_asset_gaps.core.scenario import kind_costs, scenario_costs
from community_asset_gaps.core.search import node_costs
from community_asset_gaps.core.slope import (
    edge_costs_with_slope,
    sample_edges,
    slope_slowdown,
    straight_gaps,
)
from community_asset_gaps.core.wkb import parse_lines

TOL = 1e-6
FAR = 1e7
ENGINES = ["buckets", "networkx"]
NODATA = -9999.0


# ----------------------------------------------------------------------------- helpers

def tobler_time_per_flat_metre(gradient, slope_factor=1.0, walk_speed_kmh=4.8):
    """Time to walk a metre at ``gradient`` over the time on the flat, written from the
    speed formula itself (the walking speed cancels out)."""
    speed = walk_speed_kmh * math.exp(-3.5 * slope_factor * abs(gradient + 0.05)) / \
        math.exp(-3.5 * slope_factor * 0.05)
    return walk_speed_kmh / speed


def plane(gradient_x, gradient_y=0.0, bounds=(-50.0, -50.0, 1050.0, 550.0), cell=5.0):
    """A height grid of the plane z = gradient_x * x + gradient_y * y (exact at every cell
    centre, so bilinear heights are exact wherever all four cells exist)."""
    xmin, ymin, xmax, ymax = bounds
    columns = int(round((xmax - xmin) / cell))
    rows = int(round((ymax - ymin) / cell))
    x = xmin + (np.arange(columns) + 0.5) * cell
    y = ymax - (np.arange(rows) + 0.5) * cell
    return HeightGrid.from_array(gradient_x * x[None, :] + gradient_y * y[:, None],
                                 xmin, ymax, cell, cell)


def network_of(lines):
    return build_network([np.asarray(line, dtype=float) for line in lines])


def point_seeds(network, points, gaps=None):
    """Seeds at network locations (x, y on the network), with the given gaps."""
    edge, offset, _ = locate_points(network, np.asarray(points, dtype=float), 1.0)
    assert np.all(edge >= 0)
    gaps = np.zeros(len(points)) if gaps is None else np.asarray(gaps, dtype=float)
    return Seeds(np.arange(len(points)), edge, offset, offset, gaps)


# ---------------------------------------------------------------- heights (hand-computed)

HAND_GRID = [[1.0, 2.0, 4.0],
             [3.0, 5.0, 9.0]]  # cell centres at x 105, 115, 125 and y 195, 185


def hand_grid(nodata_cell=None):
    values = np.array(HAND_GRID)
    if nodata_cell is not None:
        values[nodata_cell] = NODATA
    return HeightGrid.from_array(values, 100.0, 200.0, 10.0, 10.0, nodata=NODATA)


def test_bilinear_between_the_four_nearest_cell_centres():
    got = heights_at(hand_grid(), [(110, 190), (112, 193), (120, 187), (105, 195),
                                   (115, 185)])
    expected = [
        (1 + 2 + 3 + 5) / 4,                                           # the four's middle
        0.3 * 0.8 * 1 + 0.7 * 0.8 * 2 + 0.3 * 0.2 * 3 + 0.7 * 0.2 * 5,  # tx 0.7, ty 0.2
        0.5 * 0.2 * 2 + 0.5 * 0.2 * 4 + 0.5 * 0.8 * 5 + 0.5 * 0.8 * 9,  # tx 0.5, ty 0.8
        1.0,                                                           # on a centre
        5.0,
    ]
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


def test_nearest_cell_where_one_of_the_four_is_off_the_raster():
    # the outer half cell: one of the four nearest centres lies beyond the raster's edge
    got = heights_at(hand_grid(), [(102, 192), (128, 183), (111, 199), (100, 200)])
    np.testing.assert_array_equal(got, [1.0, 9.0, 2.0, 1.0])


def test_nearest_cell_where_one_of_the_four_has_no_data():
    grid = hand_grid(nodata_cell=(0, 1))
    got = heights_at(grid, [(110, 190), (118, 188), (121, 191), (114, 196)])
    # own cells: (1, 1) = 5, (1, 1) = 5, (0, 2) = 4; the last point lies on the no-data cell
    np.testing.assert_array_equal(got[:3], [5.0, 5.0, 4.0])
    assert np.isnan(got[3])


def test_no_height_off_the_raster_or_for_nan_cells():
    grid = HeightGrid.from_array([[1.0, np.nan], [2.0, 3.0]], 0.0, 20.0, 10.0, 10.0)
    got = heights_at(grid, [(-0.01, 10), (20.0, 10), (10, 20.01), (10, -0.01), (15, 15),
                            (5, 5)])
    assert np.all(np.isnan(got[:5]))
    assert got[5] == 2.0


def test_float32_heights_are_read_as_they_are():
    grid = HeightGrid.from_array(np.array(HAND_GRID, dtype=np.float32), 100.0, 200.0, 10.0,
                                 10.0)
    assert grid.heights.dtype == np.float32
    np.testing.assert_allclose(heights_at(grid, [(112, 193)]),
                               heights_at(hand_grid(), [(112, 193)]), rtol=1e-7)
    # integer rasters become float64
    assert HeightGrid.from_array([[1, 2]], 0, 0, 1, 1).heights.dtype == np.float64


def test_a_height_grid_needs_a_2d_array_and_positive_cells():
    with pytest.raises(ValueError):
        HeightGrid.from_array([1.0, 2.0], 0, 0, 1, 1)
    with pytest.raises(ValueError):
        HeightGrid.from_array([[1.0]], 0, 0, 0, 1)


# ------------------------------------------------------------------------------ sampling

def test_samples_at_every_vertex_and_at_most_every_10_m():
    network = network_of([[(0, 0), (25, 0), (25, 10), (25, 30.5)]])
    samples = sample_edges(network)
    # 25 m in 3 equal steps, 10 m in one, 20.5 m in 3
    np.testing.assert_allclose(samples.along, [0, 25 / 3, 50 / 3, 25, 35, 35 + 20.5 / 3,
                                               35 + 41 / 3, 55.5], atol=1e-12)
    np.testing.assert_allclose(samples.xy[[3, 4, 7]], [(25, 0), (25, 10), (25, 30.5)])
    np.testing.assert_array_equal(samples.sample_start, [0, 8])
    assert np.diff(samples.along).max() <= 10.0


# ------------------------------------------------------------ a tilted plane (closed form)

@pytest.mark.parametrize("gradient", [0.08, 0.2, -0.03])
def test_straight_street_up_and_down_a_plane(gradient):
    # a street along the slope, with vertices between the samples' 10 m steps
    network = network_of([[(100, 100), (173.3, 100), (237, 100), (400, 100)]])
    costs = edge_costs_with_slope(network, plane(gradient), 1.0)
    up = tobler_time_per_flat_metre(gradient)
    down = tobler_time_per_flat_metre(-gradient)
    np.testing.assert_allclose(costs.forward, [300 * up], rtol=1e-12)
    np.testing.assert_allclose(costs.backward, [300 * down], rtol=1e-12)
    assert costs.coverage.share_on_dem == pytest.approx(1.0)
    for engine in ENGINES:
        # an asset at the east end: homes walk east (along the gradient) to it
        east = point_seeds(network, [(400, 100)])
        cost = node_costs(network, east, FAR, engine=engine, costs=costs)
        west_node = int(np.argmin(network.node_xy[:, 0]))
        assert cost[west_node] == pytest.approx(300 * up, rel=1e-12)
        # and one at the west end: homes walk west
        west = point_seeds(network, [(100, 100)])
        cost = node_costs(network, west, FAR, engine=engine, costs=costs)
        assert cost[1 - west_node] == pytest.approx(300 * down, rel=1e-12)
    # any point of the street: the walk to the asset at the east end
    x = np.array([100.0, 117.0, 173.3, 250.0, 399.0])
    node_cost = node_costs(network, east, FAR, costs=costs)
    got = directed_location_costs(network, costs, node_cost, east, np.zeros(5, dtype=int),
                                  x - 100)
    np.testing.assert_allclose(got, (400 - x) * up, rtol=1e-12)


def test_catchment_reaches_less_far_below_an_asset_than_above_it():
    gradient, threshold, trim = 0.08, 200.0, 25.0
    network = network_of([[(0, 100), (480, 100), (1000, 100)]])
    costs = edge_costs_with_slope(network, plane(gradient), 1.0)
    asset = [Point(500, 120)]  # 20 m off the street: a gap walked as flat
    seeds = attach_geometries(network, asset, 50.0).seeds
    pieces = search(network, seeds, threshold, costs)
    edge, x0, x1 = merged_intervals(pieces)
    # homes below (west) walk uphill, homes above (east) walk downhill
    reach_below = (threshold - 20) / tobler_time_per_flat_metre(gradient)
    reach_above = (threshold - 20) / tobler_time_per_flat_metre(-gradient)
    lows = [network.edge_coords(e)[0, 0] + a for e, a in zip(edge.tolist(), x0.tolist())]
    np.testing.assert_allclose(min(lows), 500 - reach_below, atol=TOL)
    xy = part_coordinates(network, edge, x0, x1)
    assert max(p[:, 0].max() for p in xy) == pytest.approx(500 + reach_above, abs=TOL)
    assert reach_above > reach_below
    polygon = area_within(network, pieces, threshold, trim)
    minx, _, maxx, _ = polygon.bounds
    assert minx == pytest.approx(500 - reach_below - trim, abs=TOL)
    assert maxx == pytest.approx(500 + reach_above + trim, abs=TOL)
    # the flat catchment lies between the two
    flat = merged_intervals(search(network, seeds, threshold))
    assert flat[2].sum() - flat[1].sum() == pytest.approx(2 * (threshold - 20), abs=TOL)


def test_no_seeds_reach_nothing():
    network = network_of([[(100, 100), (300, 100)], [(300, 100), (300, 300)]])
    costs = edge_costs_with_slope(network, plane(0.1), 1.0)
    nothing = Seeds.empty()
    assert np.isinf(node_costs(network, nothing, FAR, costs=costs)).all()
    assert len(search(network, nothing, FAR, costs)) == 0
    got = directed_location_costs(network, costs, np.full(3, np.inf), nothing,
                                  np.array([0, -1]), np.array([5.0, 0.0]))
    assert np.isinf(got).all()


def test_assets_at_one_place_count_once_over_a_slope():
    network = network_of([[(100, 100), (300, 100)], [(300, 100), (300, 300)]])
    costs = edge_costs_with_slope(network, plane(0.1, 0.05), 1.0)
    one = point_seeds(network, [(180, 100)], [3.0])
    many = point_seeds(network, [(180, 100)] * 3 + [(300, 250)], [9.0, 3.0, 5.0, 2.0])
    alone = point_seeds(network, [(180, 100), (300, 250)], [3.0, 2.0])
    for seeds, expected in ((many, alone), (one, one)):
        got = search(network, seeds, 150.0, costs)
        want = search(network, expected, 150.0, costs)
        for name in ("edge", "x0", "x1", "c0", "c1"):
            np.testing.assert_allclose(getattr(got, name), getattr(want, name), atol=1e-12)


def test_a_gap_is_walked_as_flat_and_counted():
    count, total = straight_gaps(np.array([0.0, 12.5, np.inf, 7.5]))
    assert (count, total) == (2, 20.0)


def test_slope_factor_scales_the_slope_and_zero_ignores_it():
    network = network_of([[(100, 100), (300, 100)]])
    for factor in (0.0, 0.5, 2.0):
        costs = edge_costs_with_slope(network, plane(0.1), factor)
        assert costs.forward[0] == pytest.approx(
            200 * tobler_time_per_flat_metre(0.1, factor), rel=1e-12)
        assert costs.backward[0] == pytest.approx(
            200 * tobler_time_per_flat_metre(-0.1, factor), rel=1e-12)
    flat = edge_costs_with_slope(network, plane(0.1), 0.0)
    np.testing.assert_allclose(flat.ahead, flat.along, rtol=0, atol=1e-9)
    for wrong in (-0.1, MAX_SLOPE_FACTOR + 1, math.nan):
        with pytest.raises(InputError):
            edge_costs_with_slope(network, plane(0.1), wrong)


def test_slowdown_is_one_on_the_flat_and_fastest_slightly_downhill():
    assert slope_slowdown(np.array([0.0]), 1.0)[0] == 1.0
    gradients = np.linspace(-0.5, 0.5, 1001)
    assert gradients[np.argmin(slope_slowdown(gradients, 1.0))] == pytest.approx(-0.05)
    # a 10 % climb: 0.70 of the flat speed; a 20 % climb halves it
    assert 1 / slope_slowdown(np.array([0.1]), 1.0)[0] == pytest.approx(
        math.exp(-3.5 * 0.1), rel=1e-12)
    assert 1 / slope_slowdown(np.array([0.2]), 1.0)[0] == pytest.approx(0.5, abs=0.01)
    # steeper than any street: huge but finite
    assert np.isfinite(slope_slowdown(np.array([1e6, -1e6]), MAX_SLOPE_FACTOR)).all()


# ------------------------------------------------------- off the DEM and no-data: flat

def test_network_off_the_dem_is_walked_as_flat_and_counted():
    grid = plane(0.1, bounds=(0.0, 0.0, 200.0, 100.0), cell=10.0)
    network = network_of([[(-100, 50), (300, 50)]])
    costs = edge_costs_with_slope(network, grid, 1.0)
    # samples every 10 m; heights at x = 0 ... 190 (x = 200 is the raster's far edge)
    assert costs.coverage.network_length_m == pytest.approx(400)
    assert costs.coverage.on_dem_length_m == pytest.approx(190)
    assert costs.coverage.flat_length_m == pytest.approx(210)
    assert costs.coverage.share_on_dem == pytest.approx(190 / 400)
    # the first 100 m and the last 110 m cost their length, either way
    assert costs.ahead_at([0], [100.0])[0] == pytest.approx(100, abs=1e-9)
    assert costs.forward[0] - costs.ahead_at([0], [290.0])[0] == pytest.approx(110, abs=1e-9)
    assert costs.back_at([0], [100.0])[0] == pytest.approx(100, abs=1e-9)


def test_no_data_cells_are_walked_as_flat():
    values = np.full((10, 40), 0.0) + 0.1 * (np.arange(40) * 10 + 5)[None, :]
    values[:, 20:25] = NODATA  # x 200 to 250
    grid = HeightGrid.from_array(values, 0.0, 100.0, 10.0, 10.0, nodata=NODATA)
    network = network_of([[(20, 50), (380, 50)]])
    costs = edge_costs_with_slope(network, grid, 1.0)
    # samples at x = 20, 30, ...: no height from 200 to 250, so the stretches 190-260
    # (those with an end at 200, 210, ..., 250) are walked as flat
    assert costs.coverage.flat_length_m == pytest.approx(70)
    assert costs.ahead_at([0], [240.0])[0] - costs.ahead_at([0], [170.0])[0] == \
        pytest.approx(70, abs=1e-9)


def test_heights_read_through_a_transformation_to_the_grids_crs():
    network = network_of([[(100, 100), (173.3, 100), (237, 130), (400, 100)]])
    here = edge_costs_with_slope(network, plane(0.08, 0.03), 1.0)
    # the same plane (but for a constant) in a CRS turned a quarter and shifted:
    # x' = 5000 - y, y' = x - 2000
    shifted = plane(-0.03, 0.08, bounds=(4800.0, -1950.0, 4950.0, -1550.0))
    there = edge_costs_with_slope(network, shifted, 1.0, to_grid=lambda xy: np.column_stack(
        [5000.0 - xy[:, 1], xy[:, 0] - 2000.0]))
    np.testing.assert_allclose(there.ahead, here.ahead, rtol=1e-12)
    np.testing.assert_allclose(there.back, here.back, rtol=1e-12)
    assert here.forward[0] > network.edge_length[0] > here.backward[0]


def test_dem_entirely_elsewhere_gives_flat_costs():
    network = network_of([[(0, 0), (100, 0), (100, 80)]])
    grid = plane(0.3, bounds=(5000.0, 5000.0, 5100.0, 5100.0))
    costs = edge_costs_with_slope(network, grid, 1.0)
    assert costs.coverage.share_on_dem == 0.0
    np.testing.assert_allclose(costs.forward, network.edge_length, rtol=1e-12)
    np.testing.assert_allclose(costs.backward, network.edge_length, rtol=1e-12)


# ------------------------------------------ a bumpy surface against brute-force Dijkstra

def bumpy_grid(cell=7.0, bounds=(-30.0, -30.0, 280.0, 280.0), holes=True):
    """Hills and a valley, with a few no-data cells (holes) to exercise the nearest rule."""
    xmin, ymin, xmax, ymax = bounds
    columns, rows = int((xmax - xmin) / cell), int((ymax - ymin) / cell)
    x = xmin + (np.arange(columns) + 0.5) * cell
    y = ymax - (np.arange(rows) + 0.5) * cell
    z = 18 * np.sin(x[None, :] / 31.0) * np.cos(y[:, None] / 43.0) + 0.04 * x[None, :] \
        - 0.02 * y[:, None]
    if holes:
        z[5:7, 9] = NODATA
        z[20, 14:17] = NODATA
        z[30:32, 30:33] = NODATA
    return z, xmin, ymax, cell


def brute_height(z, xmin, ymax, cell, x, y):
    """The height rule, one point at a time, in plain Python."""
    rows, columns = len(z), len(z[0])

    def value(r, c):
        if 0 <= r < rows and 0 <= c < columns and z[r][c] != NODATA:
            return float(z[r][c])
        return None

    u = (x - xmin) / cell - 0.5  # cell-centre coordinates
    v = (ymax - y) / cell - 0.5
    c0, r0 = math.floor(u), math.floor(v)
    four = [value(r0, c0), value(r0, c0 + 1), value(r0 + 1, c0), value(r0 + 1, c0 + 1)]
    if None not in four:
        fu, fv = u - c0, v - r0
        top = four[0] + (four[1] - four[0]) * fu
        bottom = four[2] + (four[3] - four[2]) * fu
        return top + (bottom - top) * fv
    return value(math.floor((ymax - y) / cell), math.floor((x - xmin) / cell))


def bumpy_lines(seed):
    """A jittered 5 x 5 street grid with bent links, some removed, and two diagonals."""
    rng = np.random.default_rng(seed)
    n, spacing = 5, 60.0
    nodes = {(i, j): (i * spacing + rng.uniform(-8, 8), j * spacing + rng.uniform(-8, 8))
             for i in range(n) for j in range(n)}
    lines = []
    for (i, j), a in nodes.items():
        for di, dj in ((1, 0), (0, 1)):
            if (i + di, j + dj) in nodes and rng.random() > 0.1:
                b = nodes[(i + di, j + dj)]
                bend = ((a[0] + b[0]) / 2 + rng.uniform(-6, 6),
                        (a[1] + b[1]) / 2 + rng.uniform(-6, 6))
                lines.append([a, bend, b])
    lines.append([nodes[(0, 0)], nodes[(1, 1)], nodes[(2, 2)]])
    lines.append([nodes[(4, 0)], nodes[(3, 1)]])
    return lines


class BruteForce:
    """Directed walking costs on a graph whose nodes are every sample point of every line.

    Lines are cut into stretches at every vertex and at equal steps of at most 10 m. A
    stretch from a to b costs run * (time per metre at its gradient / time per flat metre);
    a stretch with an end without height costs its run. Seeds are network locations
    (x, y, gap) inserted on their stretch, which keeps that stretch's gradient.
    """

    def __init__(self, lines, heights, slope_factor=1.0):
        self.arcs = {}       # node -> list of (next node, cost of walking node -> next)
        self.stretches = []  # (a, b, cost a -> b, cost b -> a)
        for line in lines:
            for p, q in zip(line[:-1], line[1:]):
                run = math.dist(p, q)
                steps = max(1, math.ceil(run / 10.0))
                points = [(p[0] + (q[0] - p[0]) * k / steps, p[1] + (q[1] - p[1]) * k / steps)
                          for k in range(steps)] + [tuple(q)]
                for a, b in zip(points[:-1], points[1:]):
                    ha, hb = heights(*a), heights(*b)
                    length = math.dist(a, b)
                    if ha is None or hb is None:
                        there = back = length
                    else:
                        g = (hb - ha) / length
                        there = length * tobler_time_per_flat_metre(g, slope_factor)
                        back = length * tobler_time_per_flat_metre(-g, slope_factor)
                        self.stretches.append((a, b, there, back))
                        continue
                    self.stretches.append((a, b, there, back))

    def costs(self, seeds, intervals=()):
        """Cost of the walk from every node to the nearest seed: Dijkstra from the seeds,
        following arcs backwards. ``intervals`` are ((x, y), (x, y)) pairs on one straight
        segment, everywhere between them at cost 0 (a park the street runs through).
        Returns (node costs, stretches split at the seeds)."""
        stretches = list(self.stretches)
        start = {}
        ends = [(*p, 0.0) for pair in intervals for p in pair]
        for sx, sy, gap in list(seeds) + ends:
            best = min(range(len(stretches)), key=lambda i: _distance_to(stretches[i], sx, sy))
            a, b, there, back = stretches.pop(best)
            t = math.dist(_xy(a), (sx, sy)) / math.dist(_xy(a), _xy(b))
            s = ("seed", sx, sy)
            stretches += [(a, s, there * t, back * t), (s, b, there * (1 - t), back * (1 - t))]
            start[s] = min(start.get(s, math.inf), gap)
        for p, q in intervals:
            stretches = [(a, b, 0.0, 0.0) if _between(a, p, q) and _between(b, p, q)
                         else (a, b, there, back) for a, b, there, back in stretches]
        into = {}
        for a, b, there, back in stretches:
            into.setdefault(b, []).append((a, there))  # a walks to b
            into.setdefault(a, []).append((b, back))
        cost = dict(start)
        order = count()  # ties in cost are popped in push order, never compared by node
        queue = [(c, next(order), n) for n, c in start.items()]
        heapq.heapify(queue)
        while queue:
            c, _, n = heapq.heappop(queue)
            if c > cost.get(n, math.inf):
                continue
            for m, w in into.get(n, []):
                if c + w < cost.get(m, math.inf):
                    cost[m] = c + w
                    heapq.heappush(queue, (c + w, next(order), m))
        return cost, stretches


def _between(node, p, q):
    """Whether a node lies on the segment from p to q."""
    x, y = _xy(node)
    return math.dist(p, (x, y)) + math.dist((x, y), q) <= math.dist(p, q) + 1e-9


def _distance_to(stretch, x, y):
    (ax, ay), (bx, by) = stretch[0][-2:], stretch[1][-2:]
    dx, dy = bx - ax, by - ay
    t = min(1.0, max(0.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(ax + t * dx - x, ay + t * dy - y)


def _xy(node):
    return node[-2:] if node[0] == "seed" else node


def brute_location_cost(cost, stretch, t):
    """Cost at fraction t of a stretch (a, b): walk back to a or on to b."""
    a, b, there, back = stretch
    return min(cost.get(a, math.inf) + t * back, cost.get(b, math.inf) + (1 - t) * there)


def brute_cuts(cost, stretches, threshold):
    """(length within the threshold, points where the cost reaches it)."""
    within, cuts = 0.0, []
    for stretch in stretches:
        a, b, there, back = stretch
        length = math.dist(_xy(a), _xy(b))
        ca, cb = cost.get(a, math.inf), cost.get(b, math.inf)
        # reached from a up to t1, from b down to t2 (a stretch inside a park costs 0)
        t1 = min(1.0, (threshold - ca) / back) if back > 0 else 1.0
        t2 = max(0.0, 1 - (threshold - cb) / there) if there > 0 else 0.0
        reached_from_a = ca <= threshold
        reached_from_b = cb <= threshold
        if reached_from_a and reached_from_b and t1 >= t2:
            within += length
            continue
        within += length * ((t1 if reached_from_a else 0.0) + (1 - t2 if reached_from_b
                                                              else 0.0))
        (ax, ay), (bx, by) = _xy(a), _xy(b)
        for t, reached in ((t1, reached_from_a), (t2, reached_from_b)):
            if reached and 0.0 < t < 1.0:
                cuts.append((ax + (bx - ax) * t, ay + (by - ay) * t))
    return within, cuts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bumpy_surface_matches_brute_force(seed):
    z, xmin, ymax, cell = bumpy_grid()
    lines = bumpy_lines(seed)
    network = network_of(lines)
    grid = HeightGrid.from_array(z, xmin, ymax, cell, cell, nodata=NODATA)
    costs = edge_costs_with_slope(network, grid, 1.0)
    assert 0.5 < costs.coverage.share_on_dem < 1.0  # the holes are crossed
    brute = BruteForce(lines, lambda x, y: brute_height(z, xmin, ymax, cell, x, y))
    rng = np.random.default_rng(seed)
    # seeds on the network: at a fraction of a random segment, with a gap
    on_network = []
    for k in range(3):
        line = lines[rng.integers(len(lines))]
        i = rng.integers(len(line) - 1)
        t = rng.uniform(0.2, 0.8)
        on_network.append((line[i][0] + (line[i + 1][0] - line[i][0]) * t,
                           line[i][1] + (line[i + 1][1] - line[i][1]) * t, 15.0 * k))
    expected, stretches = brute.costs(on_network)
    seeds = point_seeds(network, [s[:2] for s in on_network], [s[2] for s in on_network])

    for engine in ENGINES:
        node_cost = node_costs(network, seeds, FAR, engine=engine, costs=costs)
        want = [expected.get(tuple(xy), math.inf) for xy in network.node_xy.tolist()]
        np.testing.assert_allclose(node_cost, want, rtol=1e-9, atol=TOL)

    # any location: a few points on every stretch
    node_cost = node_costs(network, seeds, FAR, costs=costs)
    points, want = [], []
    for stretch in stretches:
        (ax, ay), (bx, by) = _xy(stretch[0]), _xy(stretch[1])
        for t in (0.13, 0.5, 0.91):
            points.append((ax + (bx - ax) * t, ay + (by - ay) * t))
            want.append(brute_location_cost(expected, stretch, t))
    edge, offset, _ = locate_points(network, np.array(points), 1.0)
    got = directed_location_costs(network, costs, node_cost, seeds, edge, offset)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=TOL)

    # cut points: where the cost reaches the threshold, and the length within it
    for threshold in (60.0, 140.0):
        pieces = search(network, seeds, threshold, costs)
        edge, x0, x1 = merged_intervals(pieces)
        length, cuts = brute_cuts(expected, stretches, threshold)
        assert (x1 - x0).sum() == pytest.approx(length, abs=1e-5)
        ends = []
        for e, a, b, xy in zip(edge.tolist(), x0.tolist(), x1.tolist(),
                               part_coordinates(network, edge, x0, x1)):
            if a > TOL:
                ends.append(xy[0])
            if b < network.edge_length[e] - TOL:
                ends.append(xy[-1])
        assert len(cuts) >= 3 and len(ends) == len(cuts)
        for cut in cuts:
            assert min(math.dist(cut, end) for end in ends) < 1e-5
        # every piece runs within the threshold at the costs of any location along it
        middle = (pieces.x0 + pieces.x1) / 2
        np.testing.assert_allclose(
            directed_location_costs(network, costs, node_cost, seeds, pieces.edge, middle),
            (pieces.c0 + pieces.c1) / 2, rtol=1e-9, atol=TOL)
        assert pieces.c1.max() <= threshold + TOL and pieces.c0.max() <= threshold + TOL


def _on_segment(line, i, t):
    (ax, ay), (bx, by) = line[i], line[i + 1]
    return ax + (bx - ax) * t, ay + (by - ay) * t


@pytest.mark.parametrize("seed", [4, 5])
def test_points_and_parks_on_a_bumpy_surface_match_brute_force(seed):
    # point assets with gaps and parks (intervals at cost 0), some on one edge together
    z, xmin, ymax, cell = bumpy_grid()
    lines = bumpy_lines(seed)
    network = network_of(lines)
    costs = edge_costs_with_slope(
        network, HeightGrid.from_array(z, xmin, ymax, cell, cell, nodata=NODATA), 1.5)
    brute = BruteForce(lines, lambda x, y: brute_height(z, xmin, ymax, cell, x, y), 1.5)
    rng = np.random.default_rng(seed)
    points, parks = [], []
    for k in range(4):
        line = lines[rng.integers(len(lines))]
        i = int(rng.integers(len(line) - 1))
        points.append((*_on_segment(line, i, rng.uniform(0.05, 0.95)), rng.uniform(0, 30)))
        if k < 2:  # a park on the same segment as the point
            a, b = np.sort(rng.uniform(0.05, 0.95, 2))
            parks.append((_on_segment(line, i, a), _on_segment(line, i, b)))
    expected, stretches = brute.costs(points, parks)
    places = np.vstack([np.array(points)[:, :2], [p for park in parks for p in park]])
    edge, offset, _ = locate_points(network, places, 1.0)
    # four points, then the parks from their first end (places 4, 6) to their last (5, 7)
    seeds = Seeds(np.arange(6), edge[[0, 1, 2, 3, 4, 6]], offset[[0, 1, 2, 3, 4, 6]],
                  offset[[0, 1, 2, 3, 5, 7]], np.r_[np.array(points)[:, 2], 0.0, 0.0])
    node_cost = node_costs(network, seeds, FAR, costs=costs)
    want = [expected.get(tuple(xy), math.inf) for xy in network.node_xy.tolist()]
    np.testing.assert_allclose(node_cost, want, rtol=1e-9, atol=TOL)
    for threshold in (20.0, 90.0):
        pieces = search(network, seeds, threshold, costs)
        length, _ = brute_cuts(expected, stretches, threshold)
        _, x0, x1 = merged_intervals(pieces)
        assert (x1 - x0).sum() == pytest.approx(length, abs=1e-5)
        middle = (pieces.x0 + pieces.x1) / 2
        np.testing.assert_allclose(
            directed_location_costs(network, costs, node_cost, seeds, pieces.edge, middle),
            (pieces.c0 + pieces.c1) / 2, rtol=1e-9, atol=TOL)


def test_seeds_sharing_an_edge_over_a_slope_match_brute_force():
    # a hilly street with a point asset, a second one beside it, and an interval seed
    # (a park the street runs through) on one edge
    z, xmin, ymax, cell = bumpy_grid(holes=False)
    lines = [[(0, 100), (90, 103), (250, 100)], [(90, 103), (95, 200)]]
    network = network_of(lines)
    grid = HeightGrid.from_array(z, xmin, ymax, cell, cell)
    costs = edge_costs_with_slope(network, grid, 1.0)
    brute = BruteForce(lines, lambda x, y: brute_height(z, xmin, ymax, cell, x, y))
    point_a, point_b = (30.0, 101.0), (60.0, 102.0)
    park_from, park_to = (150.0, 101.875), (210.0, 100.75)
    expected, stretches = brute.costs([(*point_a, 4.0), (*point_b, 0.0)],
                                      [(park_from, park_to)])
    edge, offset, _ = locate_points(network, np.array([point_a, point_b, park_from, park_to]),
                                    1.0)
    seeds = Seeds(np.array([0, 1, 2]), edge[:3], np.r_[offset[:2], offset[2]],
                  np.r_[offset[:2], offset[3]], np.array([4.0, 0.0, 0.0]))
    node_cost = node_costs(network, seeds, FAR, costs=costs)
    want = [expected.get(tuple(xy), math.inf) for xy in network.node_xy.tolist()]
    np.testing.assert_allclose(node_cost, want, rtol=1e-9, atol=TOL)
    for threshold in (15.0, 45.0, 120.0):
        pieces = search(network, seeds, threshold, costs)
        length, _ = brute_cuts(expected, stretches, threshold)
        edge_of, x0, x1 = merged_intervals(pieces)
        assert (x1 - x0).sum() == pytest.approx(length, abs=1e-5)
        middle = (pieces.x0 + pieces.x1) / 2
        np.testing.assert_allclose(
            directed_location_costs(network, costs, node_cost, seeds, pieces.edge, middle),
            (pieces.c0 + pieces.c1) / 2, rtol=1e-9, atol=TOL)


# ------------------------------------------------------- the Helsinki sample, flat and hilly

# The flat engine's figures on the Helsinki sample, recorded before walking costs knew
# the slope: runs without a DEM must keep giving exactly these.
FLAT_FIGURES = {
    "nodes": 3652, "edges": 4782, "length_m": 95880.81268110969,
    "libraries_buckets_reached": 3408, "libraries_buckets_cost_sum": 1631089.8958713673,
    "libraries_networkx_reached": 3408, "libraries_networkx_cost_sum": 1631089.8958713673,
    "libraries_pieces": 5167, "libraries_pieces_length": 78502.88156623492,
    "libraries_pieces_cost_sum": 4411181.900089357,
    "libraries_area_400": 798619.7890049554, "libraries_area_800": 1434688.1512930302,
    "libraries_lines": 5313,
    "libraries_origins_reached": 29, "libraries_origins_cost_sum": 15977.575587796613,
    "libraries_0_length": 14951.070338832134, "libraries_1_length": 121.78879536305782,
    "libraries_2_length": 16719.153182028247, "libraries_3_length": 121.78879536306252,
    "libraries_4_length": 16170.222693358488,
    "childrens_play_buckets_reached": 3503, "childrens_play_buckets_cost_sum": 1683345.3032590165,
    "childrens_play_networkx_reached": 3503,
    "childrens_play_networkx_cost_sum": 1683345.3032590165,
    "childrens_play_pieces": 5528, "childrens_play_pieces_length": 87516.20167054949,
    "childrens_play_pieces_cost_sum": 4940685.33287254,
    "childrens_play_area_400": 926362.7592310774, "childrens_play_area_800": 1692638.0868992833,
    "childrens_play_lines": 5663,
    "childrens_play_origins_reached": 29, "childrens_play_origins_cost_sum": 16176.797545372698,
    "childrens_play_0_length": 15661.649246517336, "childrens_play_1_length": 10074.66208537953,
    "childrens_play_2_length": 14766.839939925954, "childrens_play_3_length": 5132.246295823313,
    "childrens_play_4_length": 11919.946242583372,
}
COUNTS = {key for key, value in FLAT_FIGURES.items() if isinstance(value, int)}
# GEOS releases round the last digits of a buffer differently
AREA_TOLERANCE = 1e-6


class Sample:
    """The Helsinki sample read for the engine: network, two kinds of asset (points and
    polygons) and the population grid's cells as origins."""

    def __init__(self, gpkg):
        blobs = [bytes(geometry.asWkb()) for geometry in self._geometries(gpkg, "walk_network")]
        lines, _, _ = parse_lines(b"".join(blobs), np.r_[0, np.cumsum([len(b) for b in blobs])])
        self.network = build_network(lines)
        self.assets = {name: [wkb.loads(bytes(g.asWkb())) for g in self._geometries(gpkg, name)]
                       for name in ("libraries", "childrens_play")}
        cells = [wkb.loads(bytes(g.asWkb())) for g in self._geometries(gpkg, "population_grid")]
        self.origins = locate_origins(self.network, cells, 250.0)

    @staticmethod
    def _geometries(gpkg, name):
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        assert layer.isValid()
        return [feature.geometry() for feature in layer.getFeatures()]

    def hill(self, height=45.0, sigma=350.0, cell=10.0):
        """A synthetic hill in the middle of the network, over all but its eastern tenth,
        with a no-data patch on its western slope."""
        xmin, ymin = self.network.node_xy.min(axis=0) - 20
        xmax, ymax = self.network.node_xy.max(axis=0) + 20
        xmax -= 0.1 * (xmax - xmin)
        columns, rows = int((xmax - xmin) / cell), int((ymax - ymin) / cell)
        x = xmin + (np.arange(columns) + 0.5) * cell
        y = ymax - (np.arange(rows) + 0.5) * cell
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        z = 5 + height * np.exp(-((x[None, :] - cx) ** 2 + (y[:, None] - cy) ** 2)
                                / (2 * sigma ** 2))
        z[rows // 2 - 5:rows // 2 + 5, columns // 4:columns // 4 + 8] = NODATA
        return HeightGrid.from_array(z, xmin, ymax, cell, cell, nodata=NODATA)


@pytest.fixture(scope="module")
def sample(helsinki_gpkg):
    return Sample(helsinki_gpkg)


def sample_figures(sample, costs=None):
    """What the engine's public functions give on the sample (see FLAT_FIGURES)."""
    network = sample.network
    figures = {"nodes": network.node_count, "edges": network.edge_count,
               "length_m": float(network.edge_length.sum())}
    for kind, shapes in sample.assets.items():
        seeds = attach_geometries(network, shapes, 250.0).seeds
        for engine in ENGINES:
            cost = node_costs(network, seeds, 1200.0, engine=engine, costs=costs)
            figures[f"{kind}_{engine}_reached"] = int(np.isfinite(cost).sum())
            figures[f"{kind}_{engine}_cost_sum"] = float(cost[np.isfinite(cost)].sum())
        pieces = search(network, seeds, 800.0, costs)
        figures[f"{kind}_pieces"] = len(pieces)
        figures[f"{kind}_pieces_length"] = float((pieces.x1 - pieces.x0).sum())
        figures[f"{kind}_pieces_cost_sum"] = float((pieces.c0 + pieces.c1).sum())
        for catchment in catchment_polygons(network, pieces, [400.0, 800.0], 50.0):
            figures[f"{kind}_area_{catchment.threshold:g}"] = catchment.polygon.area
        figures[f"{kind}_lines"] = len(band_lines(network, pieces, [400.0, 800.0]))
        reach = search_kind(network, seeds, 800.0, 2400.0, costs)
        cost = nearest_costs(network, reach.node_cost, seeds, sample.origins, 2400.0, costs)
        figures[f"{kind}_origins_reached"] = int(np.isfinite(cost).sum())
        figures[f"{kind}_origins_cost_sum"] = float(cost[np.isfinite(cost)].sum())
        for facility, part in per_facility_pieces(network, seeds, 400.0, costs=costs):
            figures[f"{kind}_{facility}_length"] = float((part.x1 - part.x0).sum())
    return figures


def assert_figures(got, expected, relative, pieces_may_differ=False):
    """``got`` == ``expected``: counts exactly, other figures to ``relative``, areas to
    AREA_TOLERANCE. With ``pieces_may_differ``, counts of pieces and lines may differ by
    one in a thousand: where the cost is constant (inside a park), one run may be cut
    into more or fewer pieces, for the same costs everywhere."""
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        if pieces_may_differ and key.endswith(("_pieces", "_lines")):
            assert got[key] == pytest.approx(value, rel=1e-3), key
        elif key in COUNTS:
            assert got[key] == value, key
        else:
            tolerance = AREA_TOLERANCE if "_area_" in key else relative
            assert got[key] == pytest.approx(value, rel=tolerance), key


def test_without_a_dem_the_results_are_todays(sample):
    assert_figures(sample_figures(sample), FLAT_FIGURES, relative=1e-12)


def test_slope_factor_zero_gives_the_flat_results(sample):
    costs = edge_costs_with_slope(sample.network, sample.hill(), 0.0)
    np.testing.assert_allclose(costs.forward, sample.network.edge_length, rtol=1e-12)
    np.testing.assert_allclose(costs.backward, sample.network.edge_length, rtol=1e-12)
    assert_figures(sample_figures(sample, costs), FLAT_FIGURES, relative=1e-12,
                   pieces_may_differ=True)


def test_hill_buckets_and_networkx_agree_and_uphill_costs_more(sample):
    network = sample.network
    costs = edge_costs_with_slope(network, sample.hill(), 1.0)
    assert 0.8 < costs.coverage.share_on_dem < 0.95
    # every edge costs at least its length walked at the fastest (slightly downhill) pace
    fastest = math.exp(-3.5 * 0.05)
    assert np.all(costs.forward >= fastest * network.edge_length - 1e-9)
    assert np.all(costs.backward >= fastest * network.edge_length - 1e-9)
    assert np.abs(costs.forward - costs.backward).max() > 1.0
    seeds = attach_geometries(network, sample.assets["libraries"], 250.0).seeds
    for cutoff in (300.0, 1200.0, FAR):
        by_buckets = node_costs(network, seeds, cutoff, engine="buckets", costs=costs)
        by_networkx = node_costs(network, seeds, cutoff, engine="networkx", costs=costs)
        np.testing.assert_array_equal(by_buckets, by_networkx)
        finite = np.isfinite(by_buckets)
        assert np.all(by_buckets[finite] <= cutoff)
    flat = node_costs(network, seeds, FAR)
    hilly = node_costs(network, seeds, FAR, costs=costs)
    assert np.nanmean(hilly[np.isfinite(hilly)]) > np.nanmean(flat[np.isfinite(flat)])


def test_hill_catchments_stay_within_the_threshold(sample):
    network = sample.network
    costs = edge_costs_with_slope(network, sample.hill(height=80.0), 1.0)
    seeds = attach_geometries(network, sample.assets["childrens_play"], 250.0).seeds
    node_cost = node_costs(network, seeds, 800.0, costs=costs)
    pieces = search(network, seeds, 800.0, costs)
    # the pieces carry the cost of every location along them, and none exceeds 800
    for at in (0.0, 0.37, 1.0):
        x = pieces.x0 + at * (pieces.x1 - pieces.x0)
        np.testing.assert_allclose(
            directed_location_costs(network, costs, node_cost, seeds, pieces.edge, x),
            pieces.c0 + at * (pieces.c1 - pieces.c0), rtol=0, atol=1e-6)
    assert pieces.c0.max() <= 800 + 1e-9 and pieces.c1.max() <= 800 + 1e-9
    # and nothing within 800 is left out: sampled locations outside the pieces cost more
    rng = np.random.default_rng(5)
    edge = rng.integers(network.edge_count, size=4000)
    offset = rng.uniform(0, 1, 4000) * network.edge_length[edge]
    cost = directed_location_costs(network, costs, node_cost, seeds, edge, offset)
    merged = merged_intervals(pieces)
    inside = np.zeros(len(edge), dtype=bool)
    for e, a, b in zip(*merged):
        inside |= (edge == e) & (offset >= a - 1e-9) & (offset <= b + 1e-9)
    assert np.all(cost[~inside] > 800 - 1e-6)
    assert np.all(cost[inside] <= 800 + 1e-6)
    # band lines lie within their band: (-inf, 400] or (400, 800]
    lines = band_lines(network, pieces, [400.0, 800.0])
    assert {line.threshold for line in lines} == {400.0, 800.0}
    for line in lines:
        low, high = sorted((line.cost_start, line.cost_end))
        assert high <= line.threshold + 1e-9
        assert line.threshold == 400.0 or low >= 400.0 - 1e-9


def test_the_same_origins_costs_through_every_path(sample):
    network = sample.network
    costs = edge_costs_with_slope(network, sample.hill(), 1.0)
    seeds = attach_geometries(network, sample.assets["libraries"], 250.0).seeds
    reach = search_kind(network, seeds, 600.0, 1800.0, costs)
    by_kind = nearest_costs(network, reach.node_cost, seeds, sample.origins, 1800.0, costs)
    np.testing.assert_array_equal(by_kind, kind_costs(network, seeds, sample.origins, 1800.0,
                                                      costs))
    reached = within_reach(network, seeds, sample.origins, 600.0, costs)
    np.testing.assert_array_equal(reached, by_kind <= 600.0)
    flat = kind_costs(network, seeds, sample.origins, 1800.0)
    assert not np.allclose(by_kind[np.isfinite(by_kind)], flat[np.isfinite(flat)])


def test_candidates_and_scenarios_walk_the_slope_too(sample):
    network = sample.network
    costs = edge_costs_with_slope(network, sample.hill(height=80.0), 1.0)
    seeds = attach_geometries(network, sample.assets["libraries"], 250.0).seeds
    covered = candidate_coverage(network, seeds, 5, sample.origins, 500.0, costs=costs)
    for row in range(5):
        np.testing.assert_array_equal(covered[row], within_reach(
            network, seeds.of_facility(row), sample.origins, 500.0, costs))
    play = attach_geometries(network, sample.assets["childrens_play"], 250.0).seeds
    result = scenario_costs(network, sample.origins, [seeds, play], [np.array([1]),
                                                                     np.array([], dtype=int)],
                            [1500.0, 1500.0], added=seeds.of_facility(1), added_kind=1,
                            costs=costs)
    np.testing.assert_array_equal(result.before[:, 0],
                                  kind_costs(network, seeds, sample.origins, 1500.0, costs))
    np.testing.assert_array_equal(result.after[:, 1], np.minimum(
        result.before[:, 1], kind_costs(network, seeds.of_facility(1), sample.origins, 1500.0,
                                        costs)))
    flat = scenario_costs(network, sample.origins, [seeds, play],
                          [np.array([1]), np.array([], dtype=int)], [1500.0, 1500.0])
    assert not np.array_equal(flat.before, result.before)


def test_slope_effect_reports_lengths_and_areas_flat_and_over_the_slope(sample):
    network = sample.network
    costs = edge_costs_with_slope(network, sample.hill(height=80.0), 1.0)
    seeds = attach_geometries(network, sample.assets["libraries"], 250.0).seeds
    cheap = slope_effect(network, seeds, 400.0, costs)
    assert cheap.area_flat_m2 is None and cheap.area_slope_m2 is None
    flat = merged_intervals(search(network, seeds, 400.0))
    assert cheap.length_flat_m == pytest.approx((flat[2] - flat[1]).sum(), rel=1e-12)
    assert cheap.length_slope_m < cheap.length_flat_m
    effect = slope_effect(network, seeds, 400.0, costs, trim=50.0)
    assert (effect.threshold, effect.length_flat_m, effect.length_slope_m) == \
        (400.0, cheap.length_flat_m, cheap.length_slope_m)
    assert effect.area_flat_m2 == pytest.approx(FLAT_FIGURES["libraries_area_400"],
                                                rel=AREA_TOLERANCE)
    assert effect.area_slope_m2 == pytest.approx(
        area_within(network, search(network, seeds, 400.0, costs), 400.0, 50.0).area)
    assert effect.area_slope_m2 < 0.999 * effect.area_flat_m2
