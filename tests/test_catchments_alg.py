"""assetgaps:catchments through processing.run on the bundled Helsinki sample.

Expected values come from the brute-force oracle (tests/oracle.py) run on the same network,
read here independently and filtered by the OpenStreetMap walkability rule of docs/architecture.md.
At the default 4.8 km/h, one minute is 80 m.
"""

import hashlib
import math
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)
from shapely import wkb
from shapely.geometry import LineString, Point
from shapely.ops import unary_union

sys.path.insert(0, str(Path(__file__).resolve().parent))
import oracle  # noqa: E402
from helpers import LogFeedback as Log

M_PER_MIN = 80.0   # 4.8 km/h
ALG = "assetgaps:catchments"

# docs/architecture.md, "Walkability presets", OpenStreetMap
OSM_KEEP = {"footway", "path", "pedestrian", "steps", "living_street", "residential", "service",
            "unclassified", "tertiary", "secondary", "primary", "primary_link",
            "secondary_link", "tertiary_link", "cycleway", "track", "bridleway", "corridor",
            "platform", "elevator", "trail"}
TAG = re.compile(r'"([^"]*)"=>"([^"]*)"')


def osm_walkable(feature):
    tags = dict(TAG.findall(feature["other_tags"] or ""))
    if feature["highway"] not in OSM_KEEP or tags.get("foot") == "no":
        return False
    # access=private|no ways are dropped unless foot=yes|designated|permissive (OSM's rule;
    # the sample holds no way tagged both)
    return not (tags.get("access") in ("private", "no")
                and tags.get("foot") not in ("yes", "designated", "permissive"))


def run(parameters, feedback=None):
    import processing

    return processing.run(ALG, dict(parameters), feedback=feedback or QgsProcessingFeedback())


def shape(feature):
    return wkb.loads(bytes(feature.geometry().asWkb()))


def readable_shape(feature):
    """The feature's shapely geometry, or None when GEOS cannot read it (a ring of two
    points) or it is invalid."""
    try:
        geometry = shape(feature)
    except Exception:  # shapely 1.8 WKBReadingError, 2.x GEOSException
        return None
    return geometry if geometry.is_valid else None


def by_threshold(layer):
    """{threshold: shapely polygon} of a merged / rings output."""
    return {f["threshold"]: shape(f) for f in layer.getFeatures()}


class Sample:
    """The Helsinki sample as the tests see it, with the oracle over the walkable network."""

    def __init__(self, gpkg):
        self.gpkg = gpkg
        self.network = f"{gpkg}|layername=walk_network"
        self.libraries = f"{gpkg}|layername=libraries"
        layer = QgsVectorLayer(self.network, "walk_network", "ogr")
        self.lines, self.dropped = [], 0
        for feature in layer.getFeatures():
            if osm_walkable(feature):
                self.lines.append([(p.x(), p.y()) for p in feature.geometry().asPolyline()])
            else:
                self.dropped += 1
        libraries = QgsVectorLayer(self.libraries, "libraries", "ogr")
        self.library_xy = [(f.geometry().asPoint().x(), f.geometry().asPoint().y())
                           for f in libraries.getFeatures()]
        self.solution = oracle.Solution(self.lines, self.library_xy)
        self._runs = {}

    def catchments(self, **parameters):
        """A merged run with the defaults plus ``parameters`` (memory outputs), cached."""
        key = tuple(sorted((k, str(v)) for k, v in parameters.items()))
        if key not in self._runs:
            full = {"NETWORK": self.network, "FACILITIES": self.libraries,
                    "OUTPUT": "memory:"}
            full.update(parameters)
            self._runs[key] = run(full)
        return self._runs[key]

    def cost_at(self, point):
        """Oracle cost (m) of the network location at ``point`` (to within 1e-7 m, some
        hundred float steps at these coordinates)."""
        return self.solution.min_cost_within(point, 1e-7)

    def locations_at_cost(self, cost, margin=1.0):
        """Network points whose cost is exactly ``cost`` m, on sub-segments where the cost
        rises from the first node and stays below the other side's by ``margin``."""
        xy_a, xy_b, length, cost_a, cost_b, inside = self.solution.arrays
        s = cost - cost_a
        with np.errstate(invalid="ignore"):
            ok = (np.isfinite(cost_a) & ~inside & (s > margin) & (s < length - margin)
                  & (cost_a + s < cost_b + length - s - 2 * margin))
        t = (s[ok] / length[ok])[:, None]
        points = xy_a[ok] + (xy_b[ok] - xy_a[ok]) * t
        # keep those where no other line passes (bridges) and the cost is as computed
        return [tuple(p) for p in points if abs(self.cost_at(tuple(p)) - cost) < 1e-6]

    def reachable_length(self, limit):
        """Length (m) of the network within ``limit`` m, by the oracle."""
        _, _, length, cost_a, cost_b, inside = self.solution.arrays
        with np.errstate(invalid="ignore"):
            from_a = np.where(np.isfinite(cost_a), np.clip(limit - cost_a, 0, None), 0)
            from_b = np.where(np.isfinite(cost_b), np.clip(limit - cost_b, 0, None), 0)
        reach = np.minimum(length, from_a + from_b)
        reach = np.where(inside & np.isfinite(cost_a), length, reach)
        return float(reach.sum())

    def reachable_lines(self, limit):
        """The oracle's reachable parts within ``limit`` m as shapely lines."""
        xy_a, xy_b, length, cost_a, cost_b, _ = self.solution.arrays
        parts = []
        for a, b, n, ca, cb in zip(xy_a, xy_b, length, cost_a, cost_b):
            u = (b - a) / n
            s_a = min(n, max(0.0, limit - ca)) if math.isfinite(ca) else 0.0
            s_b = min(n, max(0.0, limit - cb)) if math.isfinite(cb) else 0.0
            if s_a + s_b >= n:
                parts.append(LineString([a, b]))
                continue
            if s_a > 0:
                parts.append(LineString([a, a + u * s_a]))
            if s_b > 0:
                parts.append(LineString([b - u * s_b, b]))
        return parts


@pytest.fixture(scope="module")
def sample(helsinki_gpkg):
    return Sample(helsinki_gpkg)


# ------------------------------------------------------------------ minutes on the street

def test_point_3_minutes_away_is_inside_5_minutes_and_7_minutes_is_outside(sample):
    three = sample.locations_at_cost(3 * M_PER_MIN)
    assert len(three) > 10
    point3 = three[0]
    # the 7-minute point: no network location within 50 m + 10 m of it is within 5 minutes,
    # though as the crow flies it is closer to a library than 5 minutes plus the trim
    seven = []
    for p in sample.locations_at_cost(7 * M_PER_MIN):
        crow = min(math.dist(p, lib) for lib in sample.library_xy)
        if crow < 5 * M_PER_MIN + 50 and \
                sample.solution.min_cost_within(p, 60.0) > 5 * M_PER_MIN + 5:
            seven.append(p)
    assert seven, "no 7-minute point suitable for the test"
    point7 = seven[0]
    result = sample.catchments(THRESHOLDS="5,10")
    polygons = by_threshold(result["OUTPUT"])
    assert sorted(polygons) == [5.0, 10.0]
    assert polygons[5.0].contains(Point(point3)), point3
    assert not polygons[5.0].contains(Point(point7)), point7
    assert polygons[10.0].contains(Point(point7)), point7


def test_cuts_are_exact_to_5_centimetres(sample):
    """With a 1 cm trim, points 5 cm before the 5-minute cut are inside, 5 cm after are
    outside, on every street the 5-minute cut crosses."""
    limit = 5 * M_PER_MIN
    before = sample.locations_at_cost(limit - 0.05)
    after = [p for p in sample.locations_at_cost(limit + 0.05)
             if sample.solution.min_cost_within(p, 0.02) > limit]
    assert len(before) > 15 and len(after) > 15
    polygon = by_threshold(sample.catchments(THRESHOLDS="5", TRIM_DISTANCE=0.01)["OUTPUT"])[5.0]
    inside = [p for p in before if polygon.contains(Point(p))]
    outside = [p for p in after if not polygon.contains(Point(p))]
    assert len(inside) == len(before)
    assert len(outside) == len(after)


def test_polygon_is_within_threshold_plus_trim_along_the_network(sample):
    polygon = by_threshold(sample.catchments(THRESHOLDS="5,10")["OUTPUT"])[5.0]
    rings = [LineString(ring.coords) for part in polygon.geoms
             for ring in [part.exterior, *part.interiors]]
    vertices = [c for ring in rings for c in ring.coords]
    vertices += [ring.interpolate(d).coords[0] for ring in rings
                 for d in np.arange(0.0, ring.length, 2.0)]
    assert len(vertices) > 2000
    worst = max(sample.solution.min_cost_within(v, 50.0 + 1e-3) for v in vertices)
    assert worst <= 5 * M_PER_MIN + 1e-3


def test_polygon_matches_an_independent_buffer_of_the_reachable_streets(sample):
    polygons = by_threshold(sample.catchments(THRESHOLDS="5,10")["OUTPUT"])
    for minutes in (5.0, 10.0):
        lines = sample.reachable_lines(minutes * M_PER_MIN)
        expected = unary_union([line.buffer(50.0, 4) for line in lines])
        assert polygons[minutes].area == pytest.approx(expected.area, rel=1e-3)
        assert polygons[minutes].symmetric_difference(expected).area < 1e-3 * expected.area


def test_output_lines_costs_match_the_oracle(sample):
    result = sample.catchments(THRESHOLDS="5,10", OUTPUT_LINES="memory:")
    lines = result["OUTPUT_LINES"]
    assert [f.name() for f in lines.fields()] == \
        ["facility_id", "threshold", "cost_start", "cost_end"]
    features = list(lines.getFeatures())
    assert len(features) > 500
    for feature in features[::7]:
        coords = shape(feature).coords
        start, end = coords[0], coords[-1]
        assert feature["cost_start"] * M_PER_MIN == pytest.approx(sample.cost_at(start),
                                                                  abs=1e-6)
        assert feature["cost_end"] * M_PER_MIN == pytest.approx(sample.cost_at(end), abs=1e-6)
    for feature in features:
        low = {5.0: 0.0, 10.0: 5.0}[feature["threshold"]]
        for cost in (feature["cost_start"], feature["cost_end"]):
            assert low - 1e-9 <= cost <= feature["threshold"] + 1e-9
        assert feature["facility_id"] is None or str(feature["facility_id"]) == "NULL"
    # merged output holds each reachable part once: lengths add up to the oracle's
    for minutes in (5.0, 10.0):
        length = sum(f.geometry().length() for f in features if f["threshold"] <= minutes)
        assert length == pytest.approx(sample.reachable_length(minutes * M_PER_MIN), rel=1e-6)


# -------------------------------------------------------------------- thresholds and modes

def test_areas_grow_with_the_threshold(sample):
    result = sample.catchments(THRESHOLDS="15,5,10")
    polygons = by_threshold(result["OUTPUT"])
    assert sorted(polygons) == [5.0, 10.0, 15.0]
    a5, a10, a15 = (polygons[t].area for t in (5.0, 10.0, 15.0))
    assert 0 < a5 < a10 < a15
    # the sample is about 1.2 km x 2 km: 5 minutes around five central libraries covers
    # a good part of it, and no catchment exceeds the network's extent grown by the trim
    assert 40e4 < a5 < 150e4
    assert polygons[5.0].difference(polygons[10.0]).area < 1.0
    assert polygons[10.0].difference(polygons[15.0]).area < 1.0


def test_rings_are_disjoint_and_add_up_to_the_outer_catchment(sample):
    rings = list(sample.catchments(THRESHOLDS="5,10,15", OVERLAP=2)["OUTPUT"].getFeatures())
    merged = by_threshold(sample.catchments(THRESHOLDS="15,5,10")["OUTPUT"])
    assert sorted(f["threshold"] for f in rings) == [5.0, 10.0, 15.0]
    shapes = {f["threshold"]: shape(f) for f in rings}
    for a, b in ((5.0, 10.0), (5.0, 15.0), (10.0, 15.0)):
        assert shapes[a].intersection(shapes[b]).area < 1.0
    assert sum(s.area for s in shapes.values()) == pytest.approx(merged[15.0].area, rel=1e-3)
    assert unary_union(list(shapes.values())).area == pytest.approx(merged[15.0].area,
                                                                     rel=1e-3)
    # the first ring is the 5-minute catchment itself
    assert shapes[5.0].area == pytest.approx(merged[5.0].area, rel=1e-9)
    for feature in rings:
        assert feature["area_m2"] == pytest.approx(shape(feature).area, rel=1e-4)


def test_one_polygon_per_facility_and_threshold(sample):
    features = list(sample.catchments(THRESHOLDS="5,10", OVERLAP=0)["OUTPUT"].getFeatures())
    assert len(features) == 5 * 2
    assert sorted((f["facility_id"], f["threshold"]) for f in features) == \
        [(fid, t) for fid in range(1, 6) for t in (5.0, 10.0)]
    merged = by_threshold(sample.catchments(THRESHOLDS="5,10")["OUTPUT"])
    for threshold in (5.0, 10.0):
        union = unary_union([shape(f) for f in features if f["threshold"] == threshold])
        assert union.area == pytest.approx(merged[threshold].area, rel=1e-3)
    # each library's polygon is the merged catchment of that library alone
    libraries = QgsVectorLayer(sample.libraries, "libraries", "ogr")
    one = QgsVectorLayer("Point?crs=EPSG:3067", "one_library", "memory")
    feature = next(f for f in libraries.getFeatures() if f.id() == 3)
    copy = QgsFeature()
    copy.setGeometry(feature.geometry())
    one.dataProvider().addFeatures([copy])
    alone = by_threshold(run({"NETWORK": sample.network, "FACILITIES": one,
                              "THRESHOLDS": "5,10", "OUTPUT": "memory:"})["OUTPUT"])
    for f in features:
        if f["facility_id"] == 3:
            assert shape(f).symmetric_difference(alone[f["threshold"]]).area < 1e-3


def test_facility_id_field_is_copied(sample):
    names = {f["name"] for f in QgsVectorLayer(sample.libraries, "l", "ogr").getFeatures()}
    assert len(names) == 5
    layer = sample.catchments(THRESHOLDS="5", OVERLAP=0, FACILITY_ID_FIELD="name")["OUTPUT"]
    assert {f["facility_id"] for f in layer.getFeatures()} == names
    assert layer.featureCount() == 5


def test_output_fields_and_area(sample, tmp_path):
    layer = sample.catchments(THRESHOLDS="5,10")["OUTPUT"]
    assert [f.name() for f in layer.fields()] == ["facility_id", "threshold", "cost_type",
                                                  "area_m2"]
    for feature in layer.getFeatures():
        assert feature["cost_type"] == "time_min"
        assert feature["area_m2"] == pytest.approx(feature.geometry().area(), rel=1e-4)
        assert feature["facility_id"] is None or str(feature["facility_id"]) == "NULL"
    # the same fields in a GeoPackage (plus its fid)
    out = tmp_path / "out.gpkg"
    result = run({"NETWORK": sample.network, "FACILITIES": sample.libraries,
                  "THRESHOLDS": "5,10", "OUTPUT": str(out)})
    written = QgsVectorLayer(result["OUTPUT"], "written", "ogr")
    assert written.isValid() and written.featureCount() == 2
    assert [f.name() for f in written.fields() if f.name() != "fid"] == \
        ["facility_id", "threshold", "cost_type", "area_m2"]
    areas = sorted(f["area_m2"] for f in written.getFeatures())
    assert areas == pytest.approx(sorted(f["area_m2"] for f in layer.getFeatures()), rel=1e-9)


def test_distance_mode_equals_time_mode_at_80_m_per_minute(sample):
    time_mode = sample.catchments(THRESHOLDS="5,10")["OUTPUT"]
    distance_mode = sample.catchments(THRESHOLDS="400,800", COST_TYPE=1)["OUTPUT"]
    by_time = by_threshold(time_mode)
    by_distance = by_threshold(distance_mode)
    assert sorted(by_distance) == [400.0, 800.0]
    assert {f["cost_type"] for f in distance_mode.getFeatures()} == {"distance_m"}
    for minutes, metres in ((5.0, 400.0), (10.0, 800.0)):
        assert by_time[minutes].symmetric_difference(by_distance[metres]).area < 1e-3
    # a slower walker covers 5 x 3.2 / 60 km = 266.67 m in 5 minutes
    slow = by_threshold(sample.catchments(THRESHOLDS="5", WALK_SPEED=3.2)["OUTPUT"])[5.0]
    metres = by_threshold(sample.catchments(THRESHOLDS=str(5 * 3200 / 60),
                                            COST_TYPE=1)["OUTPUT"])
    assert slow.symmetric_difference(list(metres.values())[0]).area < 1e-3
    assert slow.area < by_time[5.0].area * 0.9


def test_wgs84_network_gives_the_same_catchments_in_utm(sample, helsinki_gpkg):
    projected = by_threshold(sample.catchments(THRESHOLDS="5,10")["OUTPUT"])
    result = run({"NETWORK": f"{helsinki_gpkg}|layername=walk_network_wgs84",
                  "FACILITIES": sample.libraries, "THRESHOLDS": "5,10", "OUTPUT": "memory:"})
    layer = result["OUTPUT"]
    assert layer.crs().authid() == "EPSG:32635"  # WGS 84 / UTM zone 35N
    geographic = by_threshold(layer)
    for threshold in (5.0, 10.0):
        assert geographic[threshold].area == pytest.approx(projected[threshold].area, rel=0.02)
    # output stays in the network's CRS when it is projected
    assert sample.catchments(THRESHOLDS="5,10")["OUTPUT"].crs().authid() == "EPSG:3067"


def test_log_names_preset_drops_and_attachments(sample):
    log = Log()
    run({"NETWORK": sample.network, "FACILITIES": sample.libraries, "THRESHOLDS": "5,10",
         "OUTPUT": "memory:"}, feedback=log)
    assert "OpenStreetMap" in log.text
    dropped = sum(int(n) for n in re.findall(r"features left out [^:]*: (\d+)", log.text))
    assert dropped == sample.dropped == 65
    assert "5 of 5" in log.text
    polygons = by_threshold(sample.catchments(THRESHOLDS="5,10")["OUTPUT"])
    assert f"{polygons[5.0].area / 1e4:.1f} ha" in log.text


def test_log_times_each_stage_and_the_stages_add_up(sample):
    log = Log()
    run({"NETWORK": sample.network, "FACILITIES": sample.libraries, "THRESHOLDS": "5,10",
         "OUTPUT": "memory:"}, feedback=log)
    found = re.search(r"Time by stage: (.*); total ([\d.]+) s\.", log.text)
    assert found, log.text
    stages = dict((name, float(seconds)) for name, seconds in
                  re.findall(r"([a-z][a-z ]*) ([\d.]+) s", found.group(1)))
    assert list(stages) == ["read network", "build graph", "attach", "search", "polygons",
                            "write"]
    # each stage is rounded to 0.1 s in the line
    assert sum(stages.values()) == pytest.approx(float(found.group(2)), abs=0.35)


# ---------------------------------------------------------------- polygons and clean-up

def test_park_polygons_start_from_every_street_in_or_beside_them(sample, helsinki_gpkg):
    parks = QgsVectorLayer(f"{helsinki_gpkg}|layername=parks", "parks", "ogr")
    # parks whose rings are valid (the sample also holds a two-point ring, which the
    # plugin must survive)
    park_shapes = [p for p in map(readable_shape, parks.getFeatures()) if p is not None]
    assert len(park_shapes) >= 15
    result = run({"NETWORK": sample.network, "FACILITIES": parks, "THRESHOLDS": "5",
                  "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"})
    zero = [shape(f) for f in result["OUTPUT_LINES"].getFeatures()
            if f["cost_start"] == 0 and f["cost_end"] == 0]
    zero_length = sum(line.length for line in zero)
    entry = unary_union([p.buffer(5.0) for p in park_shapes])
    network = unary_union([LineString(line) for line in sample.lines])
    expected = network.intersection(entry).length
    assert expected > 1000
    assert zero_length == pytest.approx(expected, rel=0.01)
    polygon = by_threshold(result["OUTPUT"])[5.0]
    assert polygon.buffer(1e-6).contains(network.intersection(entry))


def test_multipart_lines_with_z_in_a_memory_layer(tmp_path):
    """Z is dropped (lengths are 2D) and a multi-line's parts are not joined."""
    network = QgsVectorLayer("MultiLineStringZ?crs=EPSG:3067", "z_network", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(
        "MultiLineStringZ ((0 0 10, 300 0 90), (400 0 0, 700 0 0))"))
    cross = QgsFeature()
    cross.setGeometry(QgsGeometry.fromWkt("MultiLineStringZ ((100 0 50, 100 200 5))"))
    network.dataProvider().addFeatures([feature, cross])
    facility = QgsVectorLayer("Point?crs=EPSG:3067", "start", "memory")
    start = QgsFeature()
    start.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(0, 3)))
    facility.dataProvider().addFeatures([start])
    result = run({"NETWORK": network, "FACILITIES": facility, "THRESHOLDS": "1000",
                  "COST_TYPE": 1, "TRIM_DISTANCE": 5, "OUTPUT": "memory:",
                  "OUTPUT_LINES": "memory:"})
    lines = [shape(f) for f in result["OUTPUT_LINES"].getFeatures()]
    # (100, 0) is not a vertex of the first part, so the cross street is not joined: only
    # the first part is reached, from (0, 0) with a 3 m gap
    assert sum(line.length for line in lines) == pytest.approx(300.0, abs=1e-6)
    costs = sorted((f["cost_start"], f["cost_end"])
                   for f in result["OUTPUT_LINES"].getFeatures())
    assert costs[0][0] == pytest.approx(3.0) and costs[-1][1] == pytest.approx(303.0)
    assert max(line.bounds[2] for line in lines) == pytest.approx(300.0)


def memory_lines(name, wkts, highways=None):
    layer = QgsVectorLayer("LineString?crs=EPSG:3067&field=highway:string", name, "memory")
    features = []
    for i, text in enumerate(wkts):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(text))
        feature["highway"] = highways[i] if highways else "footway"
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def origin_point():
    layer = QgsVectorLayer("Point?crs=EPSG:3067", "start", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(0, 0)))
    layer.dataProvider().addFeatures([feature])
    return layer


def reached(network, **parameters):
    """(total length, largest cost) of OUTPUT_LINES within 1000 m of (0, 0)."""
    full = {"NETWORK": network, "FACILITIES": origin_point(), "COST_TYPE": 1,
            "THRESHOLDS": "1000", "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"}
    full.update(parameters)
    features = list(run(full)["OUTPUT_LINES"].getFeatures())
    return (sum(f.geometry().length() for f in features),
            max(max(f["cost_start"], f["cost_end"]) for f in features))


NEAR_MISS = ["LineString (0 0, 200 0)",
             "LineString (100 2, 100 100)",      # its end is 2 m from the first line
             "LineString (150 -50, 150 50)"]     # crosses the first line, no shared vertex


@pytest.mark.parametrize("tolerance, length, largest", [(0, 200, 200), (1, 200, 200),
                                                        (5, 300, 200)])
def test_connect_tolerance_joins_near_miss_ends_only(tolerance, length, largest):
    network = memory_lines("near_miss", NEAR_MISS)
    got_length, got_largest = reached(network, CONNECT_TOLERANCE=tolerance)
    assert got_length == pytest.approx(length, abs=1e-6)
    assert got_largest == pytest.approx(largest, abs=1e-6)
    if tolerance == 5:
        # the oracle with the join drawn by hand: a vertex at (100, 0) and a 2 m link
        lines = [[(0, 0), (100, 0), (200, 0)], [(100, 2), (100, 100)], [(100, 2), (100, 0)],
                 [(150, -50), (150, 50)]]
        assert oracle.network_cost(lines, [(0, 0)], (100, 100)) == pytest.approx(200)
        assert oracle.network_cost(lines, [(0, 0)], (150, 40)) == math.inf


def test_network_extra_and_filter():
    main = memory_lines("main", ["LineString (0 0, 100 0)"])
    extra = memory_lines("extra", ["LineString (100 0, 100 80)", "LineString (100 80, 0 80)"],
                         ["footway", "steps"])
    assert reached(main) == pytest.approx((100, 100))
    assert reached(main, NETWORK_EXTRA=[extra]) == pytest.approx((280, 280))
    # NETWORK_FILTER applies to the merged layers: no steps
    assert reached(main, NETWORK_EXTRA=[extra], NETWORK_FILTER="\"highway\" <> 'steps'") \
        == pytest.approx((180, 180))


# ------------------------------------------------------------------------------ bad input

def error_of(parameters):
    with pytest.raises(QgsProcessingException) as caught:
        run(parameters)
    return str(caught.value)


def test_empty_facilities_layer(sample):
    empty = QgsVectorLayer("Point?crs=EPSG:3067", "empty_libraries", "memory")
    text = error_of({"NETWORK": sample.network, "FACILITIES": empty, "OUTPUT": "memory:"})
    assert "empty_libraries" in text and "no features" in text


def test_point_layer_as_network(sample):
    text = error_of({"NETWORK": sample.libraries, "FACILITIES": sample.libraries,
                     "OUTPUT": "memory:"})
    assert "libraries" in text and "holds points" in text and "line layer" in text


@pytest.mark.parametrize("thresholds, words", [("abc", ["\"abc\"", "not a number"]),
                                               ("0", ["not above zero"]),
                                               ("-5", ["-5", "not above zero"])])
def test_bad_thresholds(sample, thresholds, words):
    text = error_of({"NETWORK": sample.network, "FACILITIES": sample.libraries,
                     "THRESHOLDS": thresholds, "OUTPUT": "memory:"})
    for word in words + ["THRESHOLDS", "minutes"]:
        assert word in text


def test_every_facility_beyond_the_snap_distance(sample):
    far = QgsVectorLayer("Point?crs=EPSG:3067", "far_libraries", "memory")
    features = []
    for x, y in sample.library_xy:
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x + 10000, y)))
        features.append(feature)
    far.dataProvider().addFeatures(features)
    text = error_of({"NETWORK": sample.network, "FACILITIES": far, "OUTPUT": "memory:"})
    assert "far_libraries" in text and "250 m" in text and "MAX_SNAP_DISTANCE" in text
    # the libraries themselves lie 1.6 to 35 m off the streets
    text = error_of({"NETWORK": sample.network, "FACILITIES": sample.libraries,
                     "MAX_SNAP_DISTANCE": 0.5, "OUTPUT": "memory:"})
    assert "0.5 m" in text and "MAX_SNAP_DISTANCE" in text


def test_some_facilities_beyond_the_snap_distance_are_skipped_and_reported(sample):
    log = Log()
    # the libraries lie 1.7, 2.5, 4.7, 13.0 and 34.8 m from the walkable network
    assert sorted(round(g, 1) for g in sample.solution.facility_gap) == \
        [1.7, 2.5, 4.7, 13.0, 34.8]
    result = run({"NETWORK": sample.network, "FACILITIES": sample.libraries,
                  "THRESHOLDS": "5", "OVERLAP": 0, "MAX_SNAP_DISTANCE": 10,
                  "OUTPUT": "memory:"}, feedback=log)
    assert result["OUTPUT"].featureCount() == 3
    assert "3 of 5" in log.text
    assert "features farther than 10 m from the network, skipped: 2 (for example" in log.text


def test_line_layer_as_facilities_says_points_or_polygons(sample):
    text = error_of({"NETWORK": sample.network, "FACILITIES": sample.network,
                     "OUTPUT": "memory:"})
    assert "point" in text.lower() and "polygon" in text.lower()


def test_inputs_are_not_modified(helsinki_gpkg, tmp_copy, tmp_path):
    copy = tmp_copy(helsinki_gpkg, "input.gpkg")
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    out = tmp_path / "result.gpkg"
    result = run({"NETWORK": f"{copy}|layername=walk_network",
                  "FACILITIES": f"{copy}|layername=parks", "THRESHOLDS": "5,10",
                  "OVERLAP": 2, "OUTPUT": str(out)})
    assert QgsVectorLayer(result["OUTPUT"], "out", "ogr").featureCount() == 2
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
