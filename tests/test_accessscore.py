"""assetgaps:accessscore: the engine against a brute-force oracle, the algorithm
on the Helsinki and São Paulo samples against an independent shortest-path computation,
bad input, qgis_process and the graphical modeller.

The oracle is tests/oracle.py, which shares no code with core/: every vertex of every line
is a graph node keyed by its exact (x, y), so lines join only where they share a vertex;
query points and point assets are inserted on their nearest segment as nodes of their own;
a polygon asset starts at cost 0 everywhere on the network inside it or within 5 m of it;
costs come from one plain heapq Dijkstra per kind.
"""

import math
import re

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from shapely import wkb
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.validation import make_valid

from community_asset_gaps.algorithms.qgis_compat import FIELD_INT, FIELD_STRING
from community_asset_gaps.core.access import (
    locate_origins,
    nearest_costs,
    overlay,
    sanitise_kind_names,
    score_origins,
    search_kind,
    search_kinds,
)
from community_asset_gaps.core.attach import attach_geometries
from community_asset_gaps.core.network import build_network

import oracle
from helpers import LogFeedback
from helpers import file_digest as _sha
from helpers import layer_source as _src
from helpers import rows as _rows
from helpers import value as _value

ALG = "assetgaps:accessscore"
M_PER_MIN = 80.0            # 4.8 km/h
MAX_SNAP = 250.0
ENTRY = 5.0                 # a polygon asset is entered from within 5 m of it
KINDS = ["libraries", "gp_surgeries", "pharmacies", "childrens_play", "parks"]
SCORE_FIELDS = ["status", "n_reached", "n_missing", "missing", "score", "cost_type"]


# --------------------------------------------------------------------------------------
# The oracle
# --------------------------------------------------------------------------------------

class Oracle:
    """Walking costs (metres) over one network from the brute-force oracle of
    tests/oracle.py: the straight gaps of origins and point assets walked, polygon assets
    entered from within ENTRY of their edge."""

    def __init__(self, lines, max_snap=MAX_SNAP):
        self.lines = lines
        self.max_snap = max_snap
        self.network = oracle.Solution(lines, [])

    def snap_distance(self, xy):
        return self.network.snap_distance(xy)

    def costs(self, point_assets=(), polygon_assets=(), queries=()):
        """Metres from the nearest asset to every query point (gaps walked); inf when the
        query or every asset is off the network."""
        return oracle.walking_costs(self.lines, list(point_assets) + list(polygon_assets),
                                    queries, ENTRY, self.max_snap)


def _close(got, expected, rel=0.01, absolute=0.1):
    return abs(got - expected) <= max(rel * abs(expected), absolute)


# --------------------------------------------------------------------------------------
# Engine (core/access.py)
# --------------------------------------------------------------------------------------

def _grid_lines():
    """A 300 m grid with vertices every 100 m, a diagonal sharing grid vertices, a
    'bridge' crossing the verticals with no shared vertex (joined only at one end) and a
    winding cul-de-sac."""
    lines = []
    for k in range(4):
        lines.append([(x, 100.0 * k) for x in (0.0, 100.0, 200.0, 300.0)])
        lines.append([(100.0 * k, y) for y in (0.0, 100.0, 200.0, 300.0)])
    lines.append([(0.0, 0.0), (50.0, 50.0), (100.0, 100.0), (150.0, 150.0), (200.0, 200.0),
                  (300.0, 300.0)])
    lines.append([(-50.0, 150.0), (350.0, 150.0), (350.0, 300.0), (300.0, 300.0)])
    lines.append([(100.0, 300.0), (120.0, 340.0), (160.0, 360.0), (200.0, 355.0)])
    return lines


def _engine_costs(lines, assets, origins, threshold=1e9, bound=None, max_snap=MAX_SNAP):
    network = build_network([np.asarray(line, dtype=float) for line in lines])
    seeds = attach_geometries(network, assets, max_snap).seeds
    bound = threshold * 3.0 if bound is None else bound
    reach = search_kind(network, seeds, threshold, bound)
    located = locate_origins(network, origins, max_snap)
    return nearest_costs(network, reach.node_cost, seeds, located, bound), located


def test_search_kinds_searches_each_kind_in_turn_and_stops_when_cancelled():
    """Each kind's node costs are its own search's (checked by hand at one junction); its
    parts within the threshold only when thresholds are given; once cancelled, no further
    kind is searched."""
    network = build_network([np.asarray(line, dtype=float) for line in _grid_lines()])
    assets = [[Point(0.0, 0.0)], [Point(300.0, 300.0), Point(300.0, 0.0)]]
    seeds = [attach_geometries(network, kind, MAX_SNAP).seeds for kind in assets]
    thresholds, bounds = [250.0, 150.0], [750.0, 450.0]
    alone = [search_kind(network, kind_seeds, threshold, bound)
             for kind_seeds, threshold, bound in zip(seeds, thresholds, bounds)]
    costs_only = search_kinds(network, seeds, bounds)
    with_parts = search_kinds(network, seeds, bounds, thresholds=thresholds)
    for reach, single, both in zip(costs_only, alone, with_parts):
        assert np.array_equal(reach.node_cost, single.node_cost)
        assert np.array_equal(both.node_cost, single.node_cost)
        assert reach.within is None
        for name in ("edge", "x0", "x1", "c0", "c1"):
            assert np.array_equal(getattr(both.within, name), getattr(single.within, name))
    # the junction at (100, 100) is 141 m from the first kind's asset (0, 0) along the
    # diagonal; for the second, 283 m along it from (300, 300), 300 m along the grid from
    # (300, 0)
    junction = int(np.argmin(np.hypot(*(network.node_xy - [100.0, 100.0]).T)))
    assert costs_only[0].node_cost[junction] == pytest.approx(100.0 * np.sqrt(2.0))
    assert costs_only[1].node_cost[junction] == pytest.approx(200.0 * np.sqrt(2.0))

    asked = []

    def cancelled():
        asked.append(len(asked))
        return len(asked) > 1

    assert search_kinds(network, seeds, bounds, cancelled=cancelled) is None
    assert len(asked) == 2


def test_engine_costs_match_oracle_on_a_grid():
    rng = np.random.default_rng(3)
    lines = _grid_lines()
    oracle = Oracle(lines)
    for trial in range(6):
        assets = [Point(*xy) for xy in rng.uniform(-40, 380, size=(1 + trial, 2))]
        if trial % 2:
            assets.append(Polygon([(210, 30), (270, 40), (260, 80), (215, 75)]))
        origins = [Point(*xy) for xy in rng.uniform(-40, 380, size=(40, 2))]
        got, located = _engine_costs(lines, assets, origins)
        expected = oracle.costs([(p.x, p.y) for p in assets if p.geom_type == "Point"],
                                [p for p in assets if p.geom_type == "Polygon"],
                                [(p.x, p.y) for p in origins])
        assert located.reached.all()
        assert np.array_equal(np.isfinite(got), np.isfinite(expected))
        finite = np.isfinite(expected)
        assert finite.sum() > 30
        assert np.max(np.abs(got[finite] - expected[finite]) / M_PER_MIN) <= 0.01


def test_engine_bridge_without_shared_vertex_is_not_a_junction():
    lines = _grid_lines()
    # asset on the bridge just beside the x=100 vertical; the origin on that vertical
    asset, origin = Point(101.5, 150.5), Point(99.0, 152.0)
    got, _ = _engine_costs(lines, [asset], [origin])
    expected = Oracle(lines).costs([(asset.x, asset.y)], [], [(origin.x, origin.y)])
    # the straight 3.5 m hop is not walkable: the bridge only meets the grid at (300, 300)
    assert got[0] > 400.0
    assert abs(got[0] - expected[0]) / M_PER_MIN <= 0.01


def test_engine_origin_and_facility_on_the_same_edge():
    lines = [[(0.0, 0.0), (1000.0, 0.0)], [(1000.0, 0.0), (1000.0, 500.0)]]
    facility, origin = Point(300.0, 10.0), Point(700.0, -5.0)
    got, located = _engine_costs(lines, [facility], [origin])
    assert located.edge[0] >= 0
    # 10 m gap + 400 m along the edge + 5 m gap, not round a junction (1010 m)
    assert got[0] == pytest.approx(415.0, abs=1e-6)
    assert got[0] == pytest.approx(Oracle(lines).costs([(300, 10)], [], [(700, -5)])[0])
    # both sides of a facility on one edge, and the origin beyond the facility
    got, _ = _engine_costs(lines, [Point(500.0, 0.0)], [Point(100.0, 3.0), Point(900.0, 0.0)])
    assert got.tolist() == pytest.approx([403.0, 400.0])


def test_engine_polygon_facility_on_the_same_edge_as_the_origin():
    lines = [[(0.0, 0.0), (1000.0, 0.0)], [(1000.0, 0.0), (1000.0, 500.0)]]
    park = Polygon([(400, 3), (600, 3), (600, 80), (400, 80)])   # 3 m from the street
    got, _ = _engine_costs(lines, [park], [Point(100.0, -2.0), Point(450.0, -4.0),
                                           Point(990.0, 200.0)])
    expected = Oracle(lines).costs([], [park], [(100, -2), (450, -4), (990, 200)])
    # entered along the street from 395 m to 605 m (5 m entry tolerance, 3 m away)
    assert got[0] == pytest.approx(2.0 + (400.0 - math.sqrt(25 - 9)) - 100.0, abs=0.05)
    assert got[1] == pytest.approx(4.0, abs=1e-9)
    assert np.max(np.abs(got - expected)) / M_PER_MIN <= 0.01


def test_engine_origin_beyond_snap_distance():
    lines = [[(0.0, 0.0), (1000.0, 0.0)]]
    got, located = _engine_costs(lines, [Point(500.0, 0.0)],
                                 [Point(10.0, 249.0), Point(10.0, 251.0), None, Point()])
    assert located.edge.tolist()[1:] == [-1, -1, -1]
    assert located.edge[0] >= 0
    assert located.reached.tolist() == [True, False, False, False]
    assert np.isinf(located.gap[1:]).all()
    assert got[0] == pytest.approx(249.0 + 490.0)
    assert np.isinf(got[1:]).all()


def test_engine_polygon_origin_uses_a_point_on_its_surface():
    lines = [[(0.0, 0.0), (400.0, 0.0)], [(400.0, 0.0), (400.0, 400.0)]]
    # an L whose centroid lies outside it, nearer the other street
    ell = Polygon([(10, 10), (390, 10), (390, 40), (40, 40), (40, 390), (10, 390)])
    assert not ell.contains(ell.centroid)
    inside = ell.representative_point()
    assert ell.contains(inside)
    asset = Point(0.0, -1.0)
    got, located = _engine_costs(lines, [asset], [ell, inside, ell.centroid])
    assert located.reached.all()
    assert got[0] == got[1]
    assert got[0] != pytest.approx(got[2], abs=1.0)
    expected = Oracle(lines).costs([(0.0, -1.0)], [], [(inside.x, inside.y)])[0]
    assert abs(got[0] - expected) / M_PER_MIN <= 0.01


def test_engine_search_bound_is_three_times_the_threshold():
    lines = [[(0.0, 0.0), (5000.0, 0.0)]]
    threshold = 800.0                 # 10 minutes
    origins = [Point(x, 0.0) for x in (100.0, 801.0, 2300.0, 2399.0, 2401.0, 4000.0)]
    got, _ = _engine_costs(lines, [Point(0.0, 0.0)], origins, threshold=threshold)
    assert got[:4].tolist() == pytest.approx([100.0, 801.0, 2300.0, 2399.0])
    assert np.isinf(got[4:]).all()
    # the gaps count towards the bound too
    got, _ = _engine_costs(lines, [Point(0.0, 10.0)], [Point(2385.0, 0.0), Point(2385.0, 6.0)],
                           threshold=threshold)
    assert got[0] == pytest.approx(2395.0)
    assert np.isinf(got[1])
    # nothing to reach at all
    got, _ = _engine_costs(lines, [Point(0.0, 900.0)], [Point(10.0, 0.0)], threshold=threshold)
    assert np.isinf(got).all()


def test_score_origins_weights():
    names = ["libraries", "parks", "gp"]
    costs = np.array([[1.0, 2.0, 3.0],
                      [11.0, 2.0, 3.0],
                      [1.0, np.inf, 30.0],
                      [10.0, 5.0, 20.0],       # exactly at the thresholds: within
                      [10.01, np.inf, np.inf]])
    scores = score_origins(costs, [10.0, 5.0, 20.0], [2.0, 1.0, 1.0], names)
    assert scores.ok.tolist() == [[True, True, True], [False, True, True],
                                  [True, False, False], [True, True, True],
                                  [False, False, False]]
    assert scores.n_reached.tolist() == [3, 2, 1, 3, 0]
    assert scores.n_missing.tolist() == [0, 1, 2, 0, 3]
    assert scores.missing == ["", "libraries", "parks,gp", "", "libraries,parks,gp"]
    assert scores.score.tolist() == pytest.approx([100.0, 50.0, 50.0, 100.0, 0.0])
    equal = score_origins(costs, [10.0, 5.0, 20.0], [1.0, 1.0, 1.0], names)
    assert equal.score.tolist() == pytest.approx([100.0, 200 / 3, 100 / 3, 100.0, 0.0])
    zero = score_origins(costs, [10.0, 5.0, 20.0], [0.0, 1.0, 3.0], names)
    assert zero.score.tolist() == pytest.approx([100.0, 100.0, 0.0, 100.0, 0.0])


def test_sanitise_kind_names():
    assert sanitise_kind_names(["Libraries", "GP surgeries", "Children's Play",
                                "sports-leisure 2"]) == \
        ["libraries", "gp_surgeries", "children_s_play", "sports_leisure_2"]
    # 20 characters at most, de-duplicated within 20 characters
    long = sanitise_kind_names(["Community centres and halls", "community centres and Hubs",
                                "community centres an"])
    assert long == ["community_centres_an", "community_centres__2", "community_centres__3"]
    assert all(len(name) <= 20 for name in long)
    # repeats and collisions with names that already carry a suffix
    assert sanitise_kind_names(["parks", "Parks", "PARKS", "parks_2"]) == \
        ["parks", "parks_2", "parks_3", "parks_2_2"]
    assert sanitise_kind_names(["parks_2", "parks", "parks"]) == \
        ["parks_2", "parks", "parks_3"]
    # letters beyond ASCII are letters
    assert sanitise_kind_names(["Kirjastot ÄÖ", "Bibliothèques", "São Paulo escolas"]) == \
        ["kirjastot_äö", "bibliothèques", "são_paulo_escolas"]
    # names an origin field already holds
    assert sanitise_kind_names(["score", "Status"], taken=["score"]) == ["score_2", "status"]
    assert sanitise_kind_names(["  ", "!!"]) == ["kind", "__"]
    assert all(re.fullmatch(r"\w{1,20}", name) for name in
               sanitise_kind_names(["a" * 40, "a" * 40, "ä/ö" * 12, ""]))


def test_overlay_pieces_partition_the_extent():
    extent = box(0, 0, 1000, 600)
    polygons = [Point(300, 300).buffer(250), box(200, 100, 700, 500),
                Point(650, 300).buffer(200).difference(Point(650, 300).buffer(60)),
                box(2000, 2000, 2100, 2100),               # outside the extent
                MultiPolygon([box(-100, -100, 100, 100), box(900, 500, 1100, 700)])]
    pieces = overlay(polygons, extent)
    total = sum(piece.area for piece, _ in pieces)
    assert total == pytest.approx(extent.area, rel=1e-6)
    for piece, inside in pieces:
        assert piece.area >= 1.0
        assert list(inside) == sorted(set(inside))
        probe = piece.representative_point()
        assert set(inside) == {i for i, p in enumerate(polygons) if p.contains(probe)}
    for j, (first, _) in enumerate(pieces):
        for second, _ in pieces[j + 1:]:
            assert first.intersection(second).area < 1e-6
    combos = {inside for _, inside in pieces}
    assert () in combos and (0, 1) in combos and (1, 2) in combos and (0, 1, 2) in combos
    assert (4,) in combos and not any(3 in c for c in combos)
    # each combination's area, from the polygons themselves
    area = {c: sum(p.area for p, i in pieces if i == c) for c in combos}
    assert area[(4,)] == pytest.approx(2 * 100 * 100)
    assert area[(0, 1, 2)] == pytest.approx(
        polygons[0].intersection(polygons[1]).intersection(polygons[2]).area, rel=1e-6)


# --------------------------------------------------------------------------------------
# Algorithm: helpers
# --------------------------------------------------------------------------------------

def _run(params, feedback=None):
    import processing

    feedback = feedback or LogFeedback()
    full = {"OUTPUT": "memory:"}
    full.update(params)
    result = processing.run(ALG, full, feedback=feedback)
    return result, feedback


def _layer(gpkg, name):
    layer = QgsVectorLayer(_src(gpkg, name), name, "ogr")
    assert layer.isValid(), name
    return layer


def _shape(geometry):
    """A shapely geometry of a QgsGeometry (None when null); rings GEOS refuses become
    their vertices, invalid polygons are repaired."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    try:
        shape = wkb.loads(bytes(geometry.asWkb()))
    except Exception:  # a ring of fewer than four points: reached from its vertices
        from shapely.geometry import MultiPoint
        return MultiPoint([(v.x(), v.y()) for v in geometry.vertices()])
    return shape if shape.is_valid else make_valid(shape)


def _split_assets(shapes):
    points, polygons = [], []
    for shape in shapes:
        if shape is None:
            continue
        if shape.geom_type in ("Point", "MultiPoint"):
            points += [(p.x, p.y) for p in getattr(shape, "geoms", [shape])]
        else:
            polygons.append(shape)
    return points, polygons


_WALKABLE = {"footway", "path", "pedestrian", "steps", "living_street", "residential",
             "service", "unclassified", "tertiary", "secondary", "primary", "tertiary_link",
             "secondary_link", "primary_link", "cycleway", "track", "bridleway", "corridor",
             "platform", "elevator", "trail"}
_TAG = re.compile(r'"([^"]*)"=>"([^"]*)"')


def _osm_walkable(feature):
    """The OpenStreetMap walkability rule of docs/architecture.md (foot=yes|designated|permissive
    lets pedestrians use an access=private|no way, as OSM itself says)."""
    highway = (_value(feature["highway"]) or "").lower()
    tags = dict(_TAG.findall(_value(feature["other_tags"]) or ""))
    access, foot = tags.get("access", "").lower(), tags.get("foot", "").lower()
    if highway not in _WALKABLE or foot == "no":
        return False
    return not (access in ("private", "no") and foot not in ("yes", "designated", "permissive"))


def _network_lines(layer, walkable=None):
    lines = []
    for feature in layer.getFeatures():
        if walkable is not None and not walkable(feature):
            continue
        geometry = feature.geometry()
        if geometry.isNull():
            continue
        parts = geometry.asMultiPolyline() if geometry.isMultipart() else \
            [geometry.asPolyline()]
        lines += [[(p.x(), p.y()) for p in part] for part in parts]
    return lines


def _origin_points(layer):
    """fid -> point on surface (x, y), or None."""
    points = {}
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        if geometry.isNull():
            points[feature.id()] = None
            continue
        point = geometry.pointOnSurface().asPoint()
        points[feature.id()] = (point.x(), point.y())
    return points


class Expected:
    """Independent costs (minutes) of every origin to every kind."""

    def __init__(self, oracle, origins, kinds):
        self.fids = list(origins)
        queries = [origins[fid] for fid in self.fids]
        self.on_network = {fid: q is not None and oracle.snap_distance(q) <= MAX_SNAP
                           for fid, q in zip(self.fids, queries)}
        self.cost = {}
        for name, shapes in kinds.items():
            points, polygons = _split_assets(shapes)
            metres = oracle.costs(points, polygons, queries)
            self.cost[name] = dict(zip(self.fids, (metres / M_PER_MIN).tolist()))


def _kind_shapes(gpkg, names):
    return {name: [_shape(f.geometry()) for f in _layer(gpkg, name).getFeatures()]
            for name in names}


@pytest.fixture(scope="module")
def helsinki_expected(helsinki_gpkg):
    """Oracle costs on the Helsinki sample: {preset: Expected} for preset 1 (none) and
    0 (automatic, which is OpenStreetMap here)."""
    network = _layer(helsinki_gpkg, "walk_network")
    origins = _origin_points(_layer(helsinki_gpkg, "population_grid"))
    kinds = _kind_shapes(helsinki_gpkg, KINDS)
    return {1: Expected(Oracle(_network_lines(network)), origins, kinds),
            0: Expected(Oracle(_network_lines(network, _osm_walkable)), origins, kinds)}


def _helsinki_params(gpkg, **extra):
    """The Helsinki grid judged at each cell's point on surface, as the oracle judges it
    (the judgement by area share has tests of its own in test_shares.py)."""
    params = {"NETWORK": _src(gpkg, "walk_network"),
              "ORIGINS": _src(gpkg, "population_grid"),
              "POPULATION_FIELD": "population",
              "ASSETS": [_src(gpkg, name) for name in KINDS],
              "POLYGON_ORIGINS": 1,
              # one value for all, as the expected costs were computed with
              "THRESHOLDS": "10"}
    params.update(extra)
    return params


# the reach threshold each of the sample's kinds is recognised by (minutes)
SAMPLE_LIMITS = {"libraries": 20, "pharmacies": 20, "gp_surgeries": 20, "dentists": 20,
                 "community_centres": 20, "food_retail": 10, "childrens_play": 10,
                 "parks": 10, "schools": 20, "sports_leisure": 20}


def test_helsinki_thresholds_from_kind_names(helsinki_gpkg):
    """Empty THRESHOLDS: every kind of the sample gets its recognised reach threshold, the
    log lists it, K_limit records it and K_ok agrees with K_cost <= K_limit."""
    params = _helsinki_params(helsinki_gpkg, THRESHOLDS="",
                              ASSETS=[_src(helsinki_gpkg, k) for k in SAMPLE_LIMITS])
    result, log = _run(params)
    for kind, minutes in SAMPLE_LIMITS.items():
        assert f"  {kind}: {minutes} min (recognised from its name)" in log.lines, log.text
        assert f"  {kind} within {minutes} min:" in log.text
    rows = _rows(result["OUTPUT"])
    assert {r["cost_type"] for r in rows} == {"time_min"}
    for row in rows:
        for kind, minutes in SAMPLE_LIMITS.items():
            assert row[f"{kind}_limit"] == minutes
            if row["status"] == "ok":
                cost = row[f"{kind}_cost"]
                assert row[f"{kind}_ok"] == int(cost is not None and cost <= minutes)
    # an unknown name gets 10 minutes; distance mode walks the minutes at 4.8 km/h
    result, log = _run(_helsinki_params(
        helsinki_gpkg, THRESHOLDS=" ", COST_TYPE=1, ASSET_NAMES="libraries,x,y,z,w"))
    assert "  libraries: 1600 m (recognised from its name)" in log.lines
    assert "  x: 800 m (not recognised: the default for other kinds)" in log.lines
    row = _rows(result["OUTPUT"])[0]
    assert (row["libraries_limit"], row["x_limit"], row["cost_type"]) == \
        (1600, 800, "distance_m")


def _check_against(rows, expected, names, kinds, thresholds):
    """Costs within 1% or 0.1 min, NULL beyond 3 x threshold, flags exactly cost <= T."""
    compared = 0
    for row in rows:
        fid = row["fid"]
        if not expected.on_network[fid]:
            continue
        for name, kind, threshold in zip(names, kinds, thresholds):
            cost, want = row[f"{name}_cost"], expected.cost[kind][fid]
            bound = 3 * threshold
            if want > bound + 0.1:
                assert cost is None, (fid, name, cost, want)
            elif want < bound - 0.1:
                assert cost is not None and _close(cost, want), (fid, name, cost, want)
                compared += 1
            ok = row[f"{name}_ok"]
            assert ok == int(cost is not None and cost <= threshold), (fid, name)
            if abs(want - threshold) > max(0.01 * threshold, 0.1):
                assert ok == int(want <= threshold), (fid, name, cost, want)
    return compared


# --------------------------------------------------------------------------------------
# Algorithm on the Helsinki sample
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("preset", [1, 0], ids=["preset_none", "preset_automatic"])
def test_helsinki_costs_flags_and_unreached(helsinki_gpkg, helsinki_expected, preset):
    expected = helsinki_expected[preset]
    result, log = _run(_helsinki_params(helsinki_gpkg, NETWORK_PRESET=preset))
    layer = result["OUTPUT"]
    origin_layer = _layer(helsinki_gpkg, "population_grid")
    origin_fields = [f.name() for f in origin_layer.fields()]
    assert [f.name() for f in layer.fields()] == origin_fields + [
        f"{k}_{s}" for k in KINDS for s in ("cost", "share", "ok", "limit")] + SCORE_FIELDS
    rows = _rows(layer)
    # nothing dropped, origin attributes carried through
    assert len(rows) == origin_layer.featureCount() == 92
    originals = {f.id(): (f["id"], f["population"]) for f in origin_layer.getFeatures()}
    assert {r["fid"]: (r["id"], r["population"]) for r in rows} == originals

    compared = _check_against(rows, expected, KINDS, KINDS, [10.0] * len(KINDS))
    assert compared > 100

    unreached = sorted(fid for fid, on in expected.on_network.items() if not on)
    assert 20 < len(unreached) < 92          # the grid reaches well beyond the network
    assert sorted(r["fid"] for r in rows if r["status"] == "unreached") == unreached
    assert f"92 read, {len(unreached)} farther than 250 m" in log.text
    for row in rows:
        if row["status"] == "unreached":
            assert all(row[f"{k}_cost"] is None for k in KINDS)
            assert row["n_missing"] is None and row["score"] is None
            continue
        assert row["status"] == "ok"
        flags = [row[f"{k}_ok"] for k in KINDS]
        assert row["n_reached"] == sum(flags)
        assert row["n_missing"] == len(KINDS) - sum(flags)
        assert row["missing"] == ",".join(k for k, f in zip(KINDS, flags) if not f)
        assert row["score"] == pytest.approx(100.0 * sum(flags) / len(KINDS), abs=0.01)
    # every kind is both reached and missed somewhere: the checks above are not vacuous
    reached = [r for r in rows if r["status"] == "ok"]
    for k in KINDS[:4]:
        assert {r[f"{k}_ok"] for r in reached} == {0, 1}, k
    if preset == 0:
        assert "walkability preset OpenStreetMap" in log.text
        assert "highway=construction" in log.text


def test_helsinki_share_log(helsinki_gpkg):
    result, log = _run(_helsinki_params(helsinki_gpkg))
    rows = [r for r in _rows(result["OUTPUT"]) if r["status"] == "ok"]
    people = sum(r["population"] for r in rows)
    for kind in KINDS:
        ok = [r for r in rows if r[f"{kind}_ok"]]
        origins_share = 100.0 * len(ok) / len(rows)
        people_share = 100.0 * sum(r["population"] for r in ok) / people
        line = [t for t in log.lines if t.strip().startswith(f"{kind} within 10 min")]
        assert len(line) == 1, log.text
        numbers = [float(n) for n in re.findall(r"([\d.]+)% of", line[0])]
        assert numbers == pytest.approx([origins_share, people_share], abs=0.5)


def test_helsinki_thresholds_one_per_kind(helsinki_gpkg, helsinki_expected):
    thresholds = [5.0, 10.0, 15.0, 2.0, 20.0]
    result, _ = _run(_helsinki_params(helsinki_gpkg, THRESHOLDS="5, 10,15 ,2,20"))
    rows = _rows(result["OUTPUT"])
    compared = _check_against(rows, helsinki_expected[0], KINDS, KINDS, thresholds)
    assert compared > 100
    # a 2-minute bound (6 minutes) leaves play areas NULL for some reached origins
    assert any(r["childrens_play_cost"] is None for r in rows if r["status"] == "ok")
    # the same costs as with one value for all, where both are within their bounds
    single = {r["fid"]: r for r in _rows(_run(_helsinki_params(helsinki_gpkg))[0]["OUTPUT"])}
    for row in rows:
        for kind in KINDS:
            a, b = row[f"{kind}_cost"], single[row["fid"]][f"{kind}_cost"]
            if a is not None and b is not None:
                assert a == pytest.approx(b)
    for row in rows:
        if row["status"] == "ok":
            flags = [row[f"{k}_ok"] for k in KINDS]
            assert row["score"] == pytest.approx(100.0 * sum(flags) / 5, abs=0.01)


def test_helsinki_one_threshold_for_all(helsinki_gpkg, helsinki_expected):
    result, _ = _run(_helsinki_params(helsinki_gpkg, THRESHOLDS="7 mins"))
    rows = _rows(result["OUTPUT"])
    assert _check_against(rows, helsinki_expected[0], KINDS, KINDS, [7.0] * 5) > 100


def test_helsinki_distance_cost_type(helsinki_gpkg, helsinki_expected):
    result, _ = _run(_helsinki_params(helsinki_gpkg, COST_TYPE=1, THRESHOLDS="800 m"))
    rows = _rows(result["OUTPUT"])
    expected = helsinki_expected[0]
    compared = 0
    for row in rows:
        if row["status"] != "ok":
            continue
        for kind in KINDS:
            cost, want = row[f"{kind}_cost"], expected.cost[kind][row["fid"]] * M_PER_MIN
            if want < 2390:
                assert _close(cost, want, absolute=8.0), (row["fid"], kind, cost, want)
                compared += 1
            assert row[f"{kind}_ok"] == int(cost is not None and cost <= 800.0)
    assert compared > 100


def test_helsinki_weights(helsinki_gpkg, tmp_copy):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    weights = [2.0, 1.0, 1.0, 0.5, 3.0]
    result, _ = _run(_helsinki_params(gpkg, WEIGHTS="2, 1,1,0.5 ,3"))
    rows = [r for r in _rows(result["OUTPUT"]) if r["status"] == "ok"]
    scores = set()
    for row in rows:
        flags = [row[f"{k}_ok"] for k in KINDS]
        want = 100.0 * sum(w * f for w, f in zip(weights, flags)) / sum(weights)
        assert row["score"] == pytest.approx(want, abs=0.006)
        assert row["n_reached"] == sum(flags)
        scores.add(round(want, 2))
    assert len(scores) >= 3
    # one weight for all is the plain share
    result, _ = _run(_helsinki_params(gpkg, WEIGHTS="4"))
    for row in _rows(result["OUTPUT"]):
        if row["status"] == "ok":
            assert row["score"] == pytest.approx(20.0 * row["n_reached"], abs=0.006)
    assert _sha(gpkg) == before


def test_helsinki_asset_names(helsinki_gpkg):
    names = "Kirjastot, GP Surgeries, Apteekit ÄÖ, Children's Play, parks"
    result, _ = _run(_helsinki_params(helsinki_gpkg, ASSET_NAMES=names))
    kinds = ["kirjastot", "gp_surgeries", "apteekit_äö", "children_s_play", "parks"]
    fields = [f.name() for f in result["OUTPUT"].fields()]
    assert fields[3:] == [f"{k}_{s}" for k in kinds
                          for s in ("cost", "share", "ok", "limit")] + SCORE_FIELDS
    rows = _rows(result["OUTPUT"])
    reference = {r["fid"]: r for r in _rows(_run(_helsinki_params(helsinki_gpkg))[0]["OUTPUT"])}
    for row in rows:
        old = reference[row["fid"]]
        for new, kind in zip(kinds, KINDS):
            assert row[f"{new}_cost"] == old[f"{kind}_cost"]
        if row["status"] == "ok":
            assert row["missing"] == ",".join(k for k in kinds if not row[f"{k}_ok"])
    assert any(r["missing"] and "apteekit_äö" in r["missing"] for r in rows)


def test_helsinki_kind_names_from_sources(helsinki_gpkg):
    # layers loaded from 'file.gpkg|layername=...' are named after the file
    libraries = QgsVectorLayer(_src(helsinki_gpkg, "libraries"), "helsinki_centre", "ogr")
    parks = QgsVectorLayer(_src(helsinki_gpkg, "parks"), "helsinki_centre", "ogr")
    play = _memory_copy(_layer(helsinki_gpkg, "childrens_play"), "Children's Play Areas")
    result, _ = _run(_helsinki_params(helsinki_gpkg, ASSETS=[libraries, parks, play,
                                                             _src(helsinki_gpkg, "parks")]))
    kinds = ["libraries", "parks", "children_s_play_area", "parks_2"]
    assert [f.name() for f in result["OUTPUT"].fields()][3:] == \
        [f"{k}_{s}" for k in kinds for s in ("cost", "share", "ok", "limit")] + SCORE_FIELDS
    for row in _rows(result["OUTPUT"]):
        assert row["parks_cost"] == row["parks_2_cost"]


def test_helsinki_duplicate_asset_names(helsinki_gpkg):
    lib = _src(helsinki_gpkg, "libraries")
    result, log = _run(_helsinki_params(helsinki_gpkg, ASSETS=[lib, lib],
                                        THRESHOLDS="10,5"))
    fields = [f.name() for f in result["OUTPUT"].fields()]
    assert fields[3:] == ["libraries_cost", "libraries_share", "libraries_ok",
                          "libraries_limit", "libraries_2_cost", "libraries_2_share",
                          "libraries_2_ok", "libraries_2_limit"] + SCORE_FIELDS
    rows = [r for r in _rows(result["OUTPUT"]) if r["status"] == "ok"]
    assert any(r["libraries_cost"] is not None and 5 < r["libraries_cost"] <= 10
               for r in rows)
    for row in rows:
        if row["libraries_2_cost"] is not None:
            assert row["libraries_cost"] == row["libraries_2_cost"]
        if row["libraries_ok"] and not row["libraries_2_ok"]:
            assert row["missing"] == "libraries_2"
    assert "libraries_2 within 5 min" in log.text
    # names given in ASSET_NAMES are de-duplicated too
    result, _ = _run(_helsinki_params(helsinki_gpkg, ASSETS=[lib, lib, lib],
                                      ASSET_NAMES="Libraries,libraries,LIBRARIES"))
    assert [f.name() for f in result["OUTPUT"].fields()][3:15:4] == \
        ["libraries_cost", "libraries_2_cost", "libraries_3_cost"]


def _memory_copy(layer, name, extra_fields=(), values=None):
    """A memory copy of ``layer`` called ``name`` with more fields (values by fid)."""
    from qgis.core import QgsWkbTypes

    uri = f"{QgsWkbTypes.displayString(layer.wkbType())}?crs={layer.crs().authid()}"
    copy = QgsVectorLayer(uri, name, "memory")
    provider = copy.dataProvider()
    provider.addAttributes(list(layer.fields()) + list(extra_fields))
    copy.updateFields()
    features = []
    for feature in layer.getFeatures():
        out = QgsFeature(copy.fields())
        out.setGeometry(feature.geometry())
        out.setAttributes(feature.attributes() + (values(feature) if values else
                                                  [None] * len(extra_fields)))
        features.append(out)
    provider.addFeatures(features)
    assert copy.featureCount() == layer.featureCount()
    return copy


def test_helsinki_field_name_collision(helsinki_gpkg):
    grid = _layer(helsinki_gpkg, "population_grid")
    origins = _memory_copy(grid, "grid", [QgsField("score", FIELD_STRING),
                                          QgsField("Parks_OK", FIELD_INT),
                                          QgsField("note", FIELD_STRING)],
                           lambda f: ["old", 7, f"cell {f['id']}"])
    result, log = _run(_helsinki_params(helsinki_gpkg, ORIGINS=origins))
    fields = [f.name() for f in result["OUTPUT"].fields()]
    assert fields == ["fid", "id", "population", "note"] + [
        f"{k}_{s}" for k in KINDS for s in ("cost", "share", "ok", "limit")] + SCORE_FIELDS
    assert "replaced" in log.text and "score" in log.text and "Parks_OK" in log.text
    replaced_line = [t for t in log.lines if "replaced" in t]
    assert len(replaced_line) == 1 and "score" in replaced_line[0] \
        and "Parks_OK" in replaced_line[0]
    reference = {r["fid"]: r for r in _rows(_run(_helsinki_params(helsinki_gpkg))[0]["OUTPUT"])}
    for row in _rows(result["OUTPUT"]):
        old = reference[row["fid"]]
        assert row["note"] == f"cell {row['id']}"
        assert row["score"] == old["score"] and row["parks_ok"] == old["parks_ok"]
        assert row["score"] != "old"


# --------------------------------------------------------------------------------------
# OUTPUT_SURFACE
# --------------------------------------------------------------------------------------

def _shapes(layer):
    return [_shape(f.geometry()) for f in layer.getFeatures()]


@pytest.mark.parametrize("thresholds", [
    [10.0] * 5,
    [10.0, 10.0, 10.0, 5.0, 10.0],
], ids=["10", "10_10_10_5_10"])
def test_helsinki_surface(helsinki_gpkg, thresholds):
    import processing
    from shapely.ops import unary_union

    result, _ = _run(_helsinki_params(helsinki_gpkg, OUTPUT_SURFACE="memory:",
                                      THRESHOLDS=",".join(f"{t:g}" for t in thresholds)))
    surface = result["OUTPUT_SURFACE"]
    assert [f.name() for f in surface.fields()] == ["n_reached", "reached", "missing"]
    rows = _rows(surface)
    pieces = _shapes(surface)
    assert len(rows) >= 6
    combos = set()
    for row in rows:
        reached = row["reached"].split(",") if row["reached"] else []
        missing = row["missing"].split(",") if row["missing"] else []
        assert row["n_reached"] == len(reached)
        assert reached == [k for k in KINDS if k in reached]
        assert sorted(reached + missing) == sorted(KINDS)
        combos.add(tuple(reached))
    assert () in combos and tuple(KINDS) in combos
    # pieces do not overlap
    for i, piece in enumerate(pieces):
        for other in pieces[i + 1:]:
            assert piece.intersection(other).area < 1.0
    # together they cover the study area: the population grid
    grid = unary_union(_shapes(_layer(helsinki_gpkg, "population_grid")))
    total = sum(p.area for p in pieces)
    assert total == pytest.approx(grid.area, rel=0.005)
    assert unary_union(pieces).symmetric_difference(grid).area < 0.005 * grid.area
    # each kind's pieces are its catchment (assetgaps:catchments, merged, same threshold)
    for kind, threshold in zip(KINDS, thresholds):
        catchment = processing.run("assetgaps:catchments", {
            "NETWORK": _src(helsinki_gpkg, "walk_network"),
            "FACILITIES": _src(helsinki_gpkg, kind), "THRESHOLDS": str(threshold),
            "OVERLAP": 1, "OUTPUT": "memory:"})["OUTPUT"]
        area = unary_union(_shapes(catchment)).intersection(grid)
        inside = unary_union([p for p, r in zip(pieces, rows)
                              if kind in (r["reached"] or "").split(",")])
        assert inside.area > 0.05 * grid.area, kind
        assert inside.symmetric_difference(area).area < 0.001 * grid.area + 10.0, kind


# The inputs below are the corner of the Helsinki surface (five kinds over the population
# grid, commit 7420ddc) where the overlay failed; two kinds' catchments coincide there.
_OVERLAY_A = (
    "POLYGON ((386473.5982561361743137 6672051.2221426945179701, "
    "386474.0143563302117400 6672050.5890419092029333, "
    "386474.0143563302117400 6672047.3061634488403797, "
    "386470.0143563302117400 6672047.3061634488403797, "
    "386470.0143563302117400 6672051.3061634488403797, "
    "386473.6677143293200061 6672051.3061634488403797, "
    "386473.5982561361743137 6672051.2221426945179701))")
_OVERLAY_B = (
    "POLYGON ((386472.0143563302117400 6672049.3061634488403797, "
    "386470.5608321135514416 6672048.1219573765993118, "
    "386471.1594556985655800 6672047.3061634488403797, "
    "386470.0143563302117400 6672047.3061634488403797, "
    "386470.0143563302117400 6672051.3061634488403797, "
    "386473.6677143294946291 6672051.3061634488403797, "
    "386472.0143563302117400 6672049.3061634488403797))")


def test_overlay_survives_coincident_catchment_boundaries():
    from shapely import wkt

    a, b = wkt.loads(_OVERLAY_A), wkt.loads(_OVERLAY_B)
    extent = box(386470.0143563302117400, 6672047.3061634488403797,
                 386474.0143563302117400, 6672051.3061634488403797)
    assert a.is_valid and b.is_valid
    # a 4 m box: keep slivers down to a square millimetre, not the default square metre
    pieces = overlay([a, b, a], extent, min_area=1e-6)
    assert sum(p.area for p, _ in pieces) == pytest.approx(extent.area, rel=1e-6)
    for piece, inside in pieces:
        probe = piece.representative_point()
        assert set(inside) == {i for i, p in enumerate([a, b, a]) if p.contains(probe)}


# --------------------------------------------------------------------------------------
# São Paulo: hexagons scored by schools within 10 and 20 minutes
# --------------------------------------------------------------------------------------

def test_sao_paulo_schools(sao_paulo_gpkg):
    hexgrid = _layer(sao_paulo_gpkg, "hexgrid")
    schools = QgsVectorLayer(f"Point?crs={hexgrid.crs().authid()}&field=hex:string",
                             "schools", "memory")
    features = []
    for hexagon in hexgrid.getFeatures():
        if (_value(hexagon["schools"]) or 0) > 0:
            feature = QgsFeature(schools.fields())
            feature.setGeometry(hexagon.geometry().centroid())
            feature.setAttributes([hexagon["id"]])
            features.append(feature)
    schools.dataProvider().addFeatures(features)
    assert schools.featureCount() == 51
    result, log = _run({"NETWORK": _src(sao_paulo_gpkg, "street_network"),
                        "ORIGINS": _src(sao_paulo_gpkg, "hexgrid"),
                        "POPULATION_FIELD": "population", "POLYGON_ORIGINS": 1,
                        "ASSETS": [schools, schools], "THRESHOLDS": "10, 20"})
    layer = result["OUTPUT"]
    names = ["schools", "schools_2"]
    assert [f.name() for f in layer.fields()] == [f.name() for f in hexgrid.fields()] + [
        "schools_cost", "schools_share", "schools_ok", "schools_limit", "schools_2_cost",
        "schools_2_share", "schools_2_ok", "schools_2_limit"] + SCORE_FIELDS
    rows = _rows(layer)
    assert len(rows) == hexgrid.featureCount()

    oracle = Oracle(_network_lines(_layer(sao_paulo_gpkg, "street_network"), _osm_walkable))
    school_points = [(f.geometry().asPoint().x(), f.geometry().asPoint().y())
                     for f in schools.getFeatures()]
    expected = Expected(oracle, _origin_points(hexgrid), {"schools": [
        Point(*xy) for xy in school_points]})
    assert sorted(r["fid"] for r in rows if r["status"] == "unreached") == \
        sorted(fid for fid, on in expected.on_network.items() if not on)
    assert _check_against(rows, expected, names, ["schools", "schools"], [10.0, 20.0]) > 300

    on = [r for r in rows if r["status"] == "ok"]
    people = sum(r["population"] for r in on)
    for name, threshold in zip(names, (10, 20)):
        mine = 100.0 * sum(r["population"] for r in on
                           if expected.cost["schools"][r["fid"]] <= threshold) / people
        computed = 100.0 * sum(r["population"] for r in on if r[f"{name}_ok"]) / people
        assert computed == pytest.approx(mine, abs=0.5)
        line = [t for t in log.lines if t.strip().startswith(f"{name} within {threshold} min")]
        assert len(line) == 1, log.text
        logged = float(re.search(r"([\d.]+)% of people", line[0]).group(1))
        assert logged == pytest.approx(computed, abs=0.5)
        assert 5 < computed < 100
    assert any(r["schools_ok"] == 0 and r["schools_2_ok"] == 1 for r in on)
    assert all(r["schools_2_ok"] >= r["schools_ok"] for r in on)


# --------------------------------------------------------------------------------------
# Bad input: a clear message naming the parameter; inputs unchanged
# --------------------------------------------------------------------------------------

def _text_origins():
    """A point origin layer whose 'population' field holds text."""
    layer = QgsVectorLayer("Point?crs=EPSG:3067&field=population:string&field=n:integer",
                           "homes", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(386000.0, 6672000.0)))
    feature.setAttributes(["12", 3])
    layer.dataProvider().addFeatures([feature])
    return layer


@pytest.mark.parametrize("change, parameter, words", [
    ({"ASSETS": []}, "ASSETS", ["at least one"]),
    ({"THRESHOLDS": "10,20"}, "THRESHOLDS", ["values: 2", "asset layers: 3"]),
    ({"THRESHOLDS": "10,20,30,40"}, "THRESHOLDS", ["values: 4", "asset layers: 3"]),
    ({"WEIGHTS": "1,2"}, "WEIGHTS", ["values: 2", "asset layers: 3"]),
    ({"WEIGHTS": "1,2,3,4,5"}, "WEIGHTS", ["values: 5"]),
    ({"ASSET_NAMES": "a,b"}, "ASSET_NAMES", ["values: 2"]),
    ({"POPULATION_FIELD": "population", "ORIGINS": "text"}, "POPULATION_FIELD",
     ["numeric"]),
    ({"POPULATION_FIELD": "no_such_field"}, "POPULATION_FIELD", ["no_such_field"]),
    ({"THRESHOLDS": "10,,20"}, "THRESHOLDS", ["empty item"]),
], ids=["no_assets", "thresholds_2_of_3", "thresholds_4_of_3", "weights_2_of_3",
        "weights_5_of_3", "names_2_of_3", "population_text", "population_missing",
        "thresholds_empty_item"])
def test_bad_input(helsinki_gpkg, tmp_copy, change, parameter, words):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    params = _helsinki_params(gpkg, ASSETS=[_src(gpkg, k) for k in KINDS[:3]])
    params.update(change)
    if params["ORIGINS"] == "text":
        params["ORIGINS"] = _text_origins()
    out = gpkg.parent / "scores.gpkg"
    params["OUTPUT"] = str(out)
    with pytest.raises(QgsProcessingException) as raised:
        _run(params)
    message = str(raised.value)
    assert parameter in message
    assert all(word in message for word in words), message
    assert "Traceback" not in message
    assert _sha(gpkg) == before
    assert not out.exists()


def test_line_layer_as_assets_is_refused(helsinki_gpkg, tmp_copy):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    with pytest.raises(QgsProcessingException) as raised:
        _run(_helsinki_params(gpkg, ASSETS=[_src(gpkg, "libraries"),
                                            _src(gpkg, "walk_network")]))
    assert "walk_network" in str(raised.value) and "lines" in str(raised.value)
    assert _sha(gpkg) == before


def test_inputs_unchanged_by_a_run(helsinki_gpkg, tmp_copy):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    result, _ = _run(_helsinki_params(gpkg, OUTPUT=str(gpkg.parent / "out.gpkg"),
                                      OUTPUT_SURFACE=str(gpkg.parent / "surface.gpkg")))
    assert QgsVectorLayer(result["OUTPUT"], "out", "ogr").featureCount() == 92
    assert _sha(gpkg) == before


# --------------------------------------------------------------------------------------
# qgis_process and the modeller
# --------------------------------------------------------------------------------------

def test_qgis_process_assets_given_twice(qgis_process, helsinki_gpkg, tmp_copy):
    gpkg = tmp_copy(helsinki_gpkg)
    before = _sha(gpkg)
    out = gpkg.parent / "scores.gpkg"
    result = qgis_process("run", ALG, f"--NETWORK={_src(gpkg, 'walk_network')}",
                          f"--ORIGINS={_src(gpkg, 'population_grid')}",
                          "--POPULATION_FIELD=population",
                          f"--ASSETS={_src(gpkg, 'libraries')}",
                          f"--ASSETS={_src(gpkg, 'childrens_play')}",
                          "--THRESHOLDS=10,5", f"--OUTPUT={out}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.json is not None, result.stdout
    layer = QgsVectorLayer(result.json["results"]["OUTPUT"], "scores", "ogr")
    assert layer.isValid()
    names = [f.name() for f in layer.fields()]
    assert names == ["fid", "id", "population", "libraries_cost", "libraries_share",
                     "libraries_ok", "libraries_limit", "childrens_play_cost",
                     "childrens_play_share", "childrens_play_ok",
                     "childrens_play_limit"] + SCORE_FIELDS
    rows = _rows(layer)
    assert len(rows) == 92
    # qgis_process judges the grid cells by area share by default
    reference = {r["fid"]: r for r in _rows(_run(_helsinki_params(
        helsinki_gpkg, ASSETS=[_src(helsinki_gpkg, k) for k in ("libraries", "childrens_play")],
        THRESHOLDS="10,5", POLYGON_ORIGINS=0))[0]["OUTPUT"])}
    assert any(0 < (r["libraries_share"] or 0) < 100 for r in rows)
    for row in rows:
        want = reference[row["fid"]]
        for name in names[3:]:
            if isinstance(want[name], float):
                assert row[name] == pytest.approx(want[name]), name
            else:
                assert row[name] == want[name], name
    log = "\n".join(result.json["log"]["info"])
    assert "libraries within 10 min" in log and "childrens_play within 5 min" in log
    assert _sha(gpkg) == before


def test_modeller_child_algorithm(helsinki_gpkg):
    import processing

    model = QgsProcessingModelAlgorithm("access model", "tests")
    inputs = [
        ("network", QgsProcessingParameterFeatureSource(
            "network", "network", [QgsProcessing.TypeVectorLine])),
        ("origins", QgsProcessingParameterFeatureSource(
            "origins", "origins", [QgsProcessing.TypeVectorPolygon,
                                   QgsProcessing.TypeVectorPoint])),
        ("assets", QgsProcessingParameterMultipleLayers(
            "assets", "assets", QgsProcessing.TypeVectorAnyGeometry)),
    ]
    for name, definition in inputs:
        model.addModelParameter(definition, QgsProcessingModelParameter(name))
    child = QgsProcessingModelChildAlgorithm(ALG)
    child.setChildId("score")
    for parameter, source in (("NETWORK", "network"), ("ORIGINS", "origins"),
                              ("ASSETS", "assets")):
        child.addParameterSources(parameter, [
            QgsProcessingModelChildParameterSource.fromModelParameter(source)])
    child.addParameterSources("THRESHOLDS", [
        QgsProcessingModelChildParameterSource.fromStaticValue("10,5")])
    output = QgsProcessingModelOutput("scores")
    output.setChildId("score")
    output.setChildOutputName("OUTPUT")
    child.setModelOutputs({"scores": output})
    model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    assert model.parameterDefinition("score:scores") is not None

    result = processing.run(model, {
        "network": _src(helsinki_gpkg, "walk_network"),
        "origins": _src(helsinki_gpkg, "population_grid"),
        "assets": [_src(helsinki_gpkg, "libraries"), _src(helsinki_gpkg, "parks")],
        "score:scores": "memory:"})
    layer = result["score:scores"]
    if isinstance(layer, str):
        layer = QgsProcessingUtils.mapLayerFromString(layer, QgsProcessingContext())
    names = [f.name() for f in layer.fields()]
    assert names[3:] == ["libraries_cost", "libraries_share", "libraries_ok",
                         "libraries_limit", "parks_cost", "parks_share", "parks_ok",
                         "parks_limit"] + SCORE_FIELDS
    rows = _rows(layer)
    assert len(rows) == 92
    # judged by area share by default: a cell is unreached only when no part of it lies
    # within 250 m of the network (29 cells have their point on surface that close)
    assert sum(r["status"] == "ok" for r in rows) == 38
    assert any(0 < (r["parks_share"] or 0) < 100 for r in rows)
    assert any(r["parks_ok"] == 1 for r in rows)


# --------------------------------------------------------------------------------------
# Origins read and written in chunks
# --------------------------------------------------------------------------------------

FAR_EAST_M = 5000.0        # beyond the snap distance from every street of the sample
STRAY_EAST_M = 300_000.0   # far outside the rest of the layer: left out as a stray


def _awkward_origins(grid, kind):
    """The Helsinki grid with a cell moved FAR_EAST_M east (unreached), one moved
    STRAY_EAST_M east (a stray), features without geometry and people, among the others.
    ``kind`` "Polygon" keeps the cells; "MultiPoint" puts each cell at its point on
    surface, every tenth with a second point 300 m east (judged at its first, the one
    nearer the parts' centre by a hair: see below)."""
    from shapely.affinity import translate

    layer = QgsVectorLayer(f"{kind}?crs={grid.crs().authid()}", kind, "memory")
    layer.dataProvider().addAttributes(list(grid.fields())[1:])
    layer.updateFields()
    features = []
    for index, cell in enumerate(grid.getFeatures()):
        shape = wkb.loads(bytes(cell.geometry().asWkb()))
        if index == 20:
            shape = translate(shape, FAR_EAST_M)
        elif index == 45:
            shape = translate(shape, STRAY_EAST_M)
        if kind == "MultiPoint":
            point = shape.representative_point()
            # a second point a little farther from the parts' centre is never the one
            # judged (GEOS keeps the point nearest the centroid)
            shape = wkb.loads(bytes(QgsGeometry.fromWkt(
                f"MULTIPOINT(({point.x} {point.y}), ({point.x + 300} {point.y + 1e-3}))"
                if index % 10 == 3 else f"MULTIPOINT(({point.x} {point.y}))").asWkb()))
        for geometry, people in ((shape, cell["population"]), (None, None))[
                :2 if index % 30 == 11 else 1]:
            feature = QgsFeature(layer.fields())
            if geometry is not None:
                feature.setGeometry(QgsGeometry.fromWkt(geometry.wkt))
            feature.setAttributes([cell["id"], people])
            features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _output_table(layer):
    """(field names, [(attributes, geometry WKB or None) per feature in order])."""
    return [f.name() for f in layer.fields()], [
        ([_value(v) for v in feature.attributes()],
         None if feature.geometry().isNull() else bytes(feature.geometry().asWkb()))
        for feature in layer.getFeatures()]


def _statuses(table, names):
    return [attributes[names.index("status")] for attributes, _ in table]


@pytest.mark.parametrize("kind,judged", [("MultiPoint", 1), ("Polygon", 1), ("Polygon", 0)],
                         ids=["points", "polygons_at_a_point", "polygons_by_area"])
def test_origins_in_chunks_give_what_one_chunk_gives(helsinki_gpkg, monkeypatch, kind,
                                                     judged):
    """Origins read and written 5 or 7 at a time (chunks ending at the last origin or
    mid-layer, beside unreached origins, strays and features without geometry) give the
    output and log of one chunk, attribute for attribute and geometry for geometry, in
    the input's order."""
    from community_asset_gaps.algorithms import readers

    grid = _layer(helsinki_gpkg, "population_grid")
    origins = _awkward_origins(grid, kind)
    found = {}
    for chunk in (5, 7, 10 ** 9):  # 5 ends a chunk at the last origin
        monkeypatch.setattr(readers, "ORIGIN_CHUNK", chunk)
        result, log = _run(_helsinki_params(helsinki_gpkg, ORIGINS=origins,
                                            POLYGON_ORIGINS=judged))
        found[chunk] = (_output_table(result["OUTPUT"]),
                        [line for line in log.lines
                         if not line.startswith(("Time by stage", "Results:"))])
    assert found[5] == found[7] == found[10 ** 9]
    (names, table), lines = found[7]
    # every input feature, in order, with its own geometry
    inputs = list(origins.getFeatures())
    assert len(table) == len(inputs) == 95
    assert [attributes[0] for attributes, _ in table] == [f["id"] for f in inputs]
    assert [geometry for _, geometry in table] == [
        None if f.geometry().isNull() else bytes(f.geometry().asWkb()) for f in inputs]
    # unreached: the moved cells, those without geometry and those the grid's own run
    # leaves unreached
    plain_names, plain = _output_table(_run(_helsinki_params(
        helsinki_gpkg, POLYGON_ORIGINS=judged))[0]["OUTPUT"])
    moved = [cell["id"] for index, cell in enumerate(grid.getFeatures()) if index in (20, 45)]
    unreached = {attributes[plain_names.index("id")] for attributes, status in zip(
        (row for row, _ in plain), _statuses(plain, plain_names)) if status == "unreached"}
    assert 0 < len(unreached) < 80
    assert [i for i, status in enumerate(_statuses(table, names)) if status == "unreached"] \
        == [i for i, f in enumerate(inputs) if f.geometry().isNull() or f["id"] in moved
            or f["id"] in unreached]
    assert "Origins without geometry (status 'unreached'): 3." in lines
    stray = next(i for i, f in enumerate(inputs) if f["id"] == moved[1])
    assert any("lie far outside the rest of the layer" in line
               and f"(feature ids {inputs[stray].id()})" in line for line in lines)
    if kind == "MultiPoint":
        # each point is judged where its cell is judged at a point on its surface
        cell_names, cells = _output_table(_run(_helsinki_params(
            helsinki_gpkg, ORIGINS=_awkward_origins(grid, "Polygon"),
            POLYGON_ORIGINS=1))[0]["OUTPUT"])
        costs = [name for name in names if name.endswith("_cost")]
        assert [[row[names.index(c)] for c in costs] for row, _ in table] == \
            [[row[cell_names.index(c)] for c in costs] for row, _ in cells]


def test_origins_read_again_in_another_order_are_an_error(helsinki_gpkg, monkeypatch):
    """The output is written from a second reading of the origins: one that does not give
    the features first read, in their order, stops the run naming the layer."""
    from community_asset_gaps.algorithms import readers

    reading = readers.features
    calls = []

    def second_reading_reversed(*args, **kwargs):
        calls.append(args[0])
        found = reading(*args, **kwargs)
        return reversed(list(found)) if len(calls) == 2 else found

    monkeypatch.setattr(readers, "features", second_reading_reversed)
    with pytest.raises(QgsProcessingException, match='"population_grid" changed while the '
                                                     'run read it'):
        _run(_helsinki_params(helsinki_gpkg))
    assert len(calls) == 2
