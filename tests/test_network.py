"""Real council networks: several layers, near-miss joins, walkability presets
and the network check."""

import re
import sqlite3

import processing
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer, edit

from helpers import LogFeedback

CRS = "EPSG:27700"


def lines_layer(name, lines, fields=""):
    layer = QgsVectorLayer(f"LineString?crs={CRS}{fields}", name, "memory")
    features = []
    for coordinates in lines:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*p) for p in coordinates]))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def points_layer(name, points):
    layer = QgsVectorLayer(f"Point?crs={CRS}", name, "memory")
    features = []
    for xy in points:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def reachable_lines(network, extra, tolerance, facility=(0.0, 0.0)):
    """OUTPUT_LINES features of a 1 km network-distance catchment."""
    result = processing.run("assetgaps:catchments", {
        "NETWORK": network, "NETWORK_EXTRA": extra, "CONNECT_TOLERANCE": tolerance,
        "FACILITIES": points_layer("facility", [facility]), "COST_TYPE": 1,
        "THRESHOLDS": "1000", "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"})
    return list(result["OUTPUT_LINES"].getFeatures())


def on_footpath(features):
    """Reached pieces along the footpath x = 100, y < -2."""
    return [f for f in features
            if f.geometry().boundingBox().xMaximum() <= 100.001
            and f.geometry().boundingBox().xMinimum() >= 99.999
            and f.geometry().boundingBox().yMinimum() < -2]


def test_footpath_short_of_road_joins_only_within_tolerance():
    roads = lines_layer("roads", [[(0, 0), (200, 0)]])
    footpaths = lines_layer("footpaths", [[(100, -1.5), (100, -200)]])
    assert on_footpath(reachable_lines(roads, [footpaths], 0.0)) == []
    joined = on_footpath(reachable_lines(roads, [footpaths], 2.0))
    assert joined
    # 100 m along the road, the 1.5 m join, then 198.5 m of footpath
    assert max(max(f["cost_start"], f["cost_end"]) for f in joined) == pytest.approx(300.0)


def test_bridge_stays_unjoined_at_any_tolerance():
    roads = lines_layer("roads", [[(0, 0), (200, 0)]])
    bridge = lines_layer("bridge", [[(100, -100), (100, 100)]])
    for tolerance in (0.0, 2.0, 10.0):
        reached = reachable_lines(roads, [bridge], tolerance)
        assert all(f.geometry().boundingBox().height() < 0.001 for f in reached)
        assert sum(f.geometry().length() for f in reached) == pytest.approx(200.0)


def test_join_count_is_logged():
    roads = lines_layer("roads", [[(0, 0), (200, 0)]])
    footpaths = lines_layer("footpaths", [[(100, -1.5), (100, -200)], [(150, 1.0), (150, 90)]])
    feedback = LogFeedback()
    processing.run("assetgaps:catchments", {
        "NETWORK": roads, "NETWORK_EXTRA": [footpaths], "CONNECT_TOLERANCE": 2.0,
        "FACILITIES": points_layer("facility", [(0, 0)]), "THRESHOLDS": "10",
        "OUTPUT": "memory:"}, feedback=feedback)
    assert "Line ends joined to a line within 2 m: 2." in feedback.lines


KEEP = {"footway", "path", "pedestrian", "steps", "living_street", "residential", "service",
        "unclassified", "tertiary", "secondary", "primary", "primary_link",
        "secondary_link", "tertiary_link", "cycleway", "track", "bridleway", "corridor",
        "platform", "elevator", "trail"}


def expected_osm_drops(gpkg):
    """Counts of ways the OSM preset must drop, by reason, read straight from the file."""
    drops = {}
    with sqlite3.connect(str(gpkg)) as db:
        for highway, other_tags in db.execute("select highway, other_tags from walk_network"):
            tags = dict(re.findall(r'"([^"]+)"=>"([^"]*)"', other_tags or ""))
            if highway not in KEEP:
                reason = f"highway={highway}"
            elif tags.get("foot") == "no":
                reason = "foot=no"
            elif tags.get("access") in ("private", "no") and \
                    tags.get("foot") not in ("yes", "designated", "permissive"):
                reason = f"access={tags['access']}"
            else:
                continue
            drops[reason] = drops.get(reason, 0) + 1
    return drops


def test_osm_preset_drops_exactly_the_unwalkable_ways(helsinki_gpkg):
    expected = expected_osm_drops(helsinki_gpkg)
    assert expected == {"highway=construction": 3, "foot=no": 34, "access=private": 15,
                        "access=no": 13}
    feedback = LogFeedback()
    processing.run("assetgaps:networkcheck", {
        "NETWORK": f"{helsinki_gpkg}|layername=walk_network", "OUTPUT": "memory:"},
        feedback=feedback)
    assert 'Network layer "walk_network": walkability preset OpenStreetMap.' in feedback.lines
    for reason, count in expected.items():
        assert f"  features left out ({reason}): {count}" in feedback.lines
    none = LogFeedback()
    processing.run("assetgaps:networkcheck", {
        "NETWORK": f"{helsinki_gpkg}|layername=walk_network", "NETWORK_PRESET": 1,
        "OUTPUT": "memory:"}, feedback=none)
    assert not any("left out" in line for line in none.lines)


def test_network_filter_applies_after_the_preset(helsinki_gpkg):
    feedback = LogFeedback()
    processing.run("assetgaps:networkcheck", {
        "NETWORK": f"{helsinki_gpkg}|layername=walk_network",
        "NETWORK_FILTER": "\"highway\" <> 'steps'", "OUTPUT": "memory:"}, feedback=feedback)
    with sqlite3.connect(str(helsinki_gpkg)) as db:
        steps = db.execute("select count(*) from walk_network where highway = 'steps' and "
                           "coalesce(other_tags, '') not like '%\"foot\"=>\"no\"%' and "
                           "coalesce(other_tags, '') not like '%\"access\"=>\"private\"%' "
                           "and coalesce(other_tags, '') not like '%\"access\"=>\"no\"%'"
                           ).fetchone()[0]
    assert f"  features left out by NETWORK_FILTER: {steps}" in feedback.lines


def test_network_check_finds_planted_problems():
    network = lines_layer("network", [
        [(0, 0), (200, 0)], [(0, 0), (0, 200)],      # the main network
        [(100, -1.5), (100, -200)],                    # stops 1.5 m short of the road
        [(50, -100), (50, 100)],                       # crosses the road without a junction
        [(1000, 1000), (1010, 1000)],                  # a 10 m island
    ])
    result = processing.run("assetgaps:networkcheck", {
        "NETWORK": network, "NEAR_DISTANCE": 5, "OUTPUT": "memory:",
        "OUTPUT_COMPONENTS": "memory:"})
    problems = {}
    for feature in result["OUTPUT"].getFeatures():
        point = feature.geometry().asPoint()
        problems.setdefault(feature["problem"], []).append(
            (round(point.x(), 3), round(point.y(), 3), feature["distance_m"]))
    assert problems["dangling end near a line"] == [(100.0, -1.5, 1.5)]
    assert [p[:2] for p in problems["lines cross without a junction"]] == [(50.0, 0.0)]
    assert [p[:2] for p in problems["small component"]] == [(1000.0, 1000.0)]
    components = {}
    for feature in result["OUTPUT_COMPONENTS"].getFeatures():
        components[feature["component_id"]] = feature["component_length_m"]
    # main network 400 m; footpath 198.5 m; the crossing line 200 m; the island 10 m
    assert sorted(components.values(), reverse=True) == [400.0, 200.0, 198.5, 10.0]
    assert components[0] == 400.0


@pytest.mark.parametrize("field", ["function", "roadFunction", "road_function"])
def test_os_open_roads_preset_drops_motorways_whatever_the_field_spelling(field):
    roads = lines_layer("road_link", [[(0, 0), (200, 0)], [(0, 0), (0, 200)]],
                        f"&field={field}:string&field=formOfWay:string")
    with edit(roads):
        for feature, function in zip(roads.getFeatures(), ["A Road", "Motorway"]):
            roads.changeAttributeValue(feature.id(), 0, function)
    feedback = LogFeedback()
    lines = processing.run("assetgaps:catchments", {
        "NETWORK": roads, "FACILITIES": points_layer("facility", [(0, 0)]), "COST_TYPE": 1,
        "THRESHOLDS": "500", "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"},
        feedback=feedback)
    assert 'walkability preset OS Open Roads.' in "\n".join(feedback.lines)
    assert "  features left out (function=Motorway): 1" in feedback.lines
    assert sum(f.geometry().length() for f in lines["OUTPUT_LINES"].getFeatures()) == \
        pytest.approx(200.0)
