"""Polygon origins judged by area share, through the algorithms: the access score's
K_share against the catchments algorithm's own polygons (and against points spread evenly
inside each cell), the residential mask, the population surface and the deserts and
profiles drawn from it, and the choice to judge at one point instead.

The engine behind it (core/shares.py) is tested against the brute-force oracle in
test_shares.py; here the question is whether the algorithms wire it as documented.
"""

import processing
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
from shapely import wkb
from shapely.geometry import box
from shapely.ops import unary_union
from shapely.prepared import prep

from helpers import LogFeedback, layer_source, rows

KINDS = ("libraries", "parks")
MINUTES = (10.0, 5.0)
TRIM = 50.0
# Points spread evenly inside each cell, this many metres apart: the Helsinki cells are
# 250 m squares, so a cell holds 625 points and a catchment edge crossing it misplaces at
# most one row of them (4% of a cell, far less on average as the errors of points just
# inside and just outside cancel); the mean difference must stay under 1 point of share.
SPACING_M = 10.0


def _run(algorithm, params):
    feedback = LogFeedback()
    return processing.run(f"assetgaps:{algorithm}", params, feedback=feedback), feedback


def _shapes(layer):
    return {feature.id(): wkb.loads(bytes(feature.geometry().asWkb()))
            for feature in layer.getFeatures()}


def _params(gpkg, **extra):
    params = {"NETWORK": layer_source(gpkg, "walk_network"),
              "ORIGINS": layer_source(gpkg, "population_grid"),
              "POPULATION_FIELD": "population",
              "ASSETS": [layer_source(gpkg, kind) for kind in KINDS],
              "THRESHOLDS": ",".join(f"{m:g}" for m in MINUTES), "TRIM_DISTANCE": TRIM,
              "OUTPUT": "memory:"}
    params.update(extra)
    return params


@pytest.fixture(scope="module")
def catchments(helsinki_gpkg):
    """Each kind's merged catchment at its threshold, from assetgaps:catchments."""
    found = {}
    for kind, minutes in zip(KINDS, MINUTES):
        result, _ = _run("catchments", {
            "NETWORK": layer_source(helsinki_gpkg, "walk_network"),
            "FACILITIES": layer_source(helsinki_gpkg, kind), "THRESHOLDS": f"{minutes:g}",
            "OVERLAP": 1, "TRIM_DISTANCE": TRIM, "OUTPUT": "memory:"})
        found[kind] = unary_union(list(_shapes(result["OUTPUT"]).values()))
    return found


@pytest.fixture(scope="module")
def cells(helsinki_gpkg):
    layer = QgsVectorLayer(layer_source(helsinki_gpkg, "population_grid"), "grid", "ogr")
    return _shapes(layer)


@pytest.fixture(scope="module")
def by_area(helsinki_gpkg):
    result, feedback = _run("accessscore", _params(helsinki_gpkg,
                                                   OUTPUT_SURFACE="memory:"))
    return result, feedback


def _lattice_share(cell, catchment):
    xmin, ymin, xmax, ymax = cell.bounds
    inside_cell = prep(cell)
    inside = prep(catchment)
    total = hits = 0
    y = ymin + SPACING_M / 2
    while y < ymax:
        x = xmin + SPACING_M / 2
        while x < xmax:
            point = box(x, y, x, y).centroid
            if inside_cell.contains(point):
                total += 1
                hits += inside.contains(point)
            x += SPACING_M
        y += SPACING_M
    return 100.0 * hits / total


def test_shares_are_the_cells_area_inside_the_catchments(by_area, catchments, cells):
    result, feedback = by_area
    scored = [row for row in rows(result["OUTPUT"]) if row["status"] == "ok"]
    assert len(scored) == 38
    partly, differences = 0, []
    for row in scored:
        cell = cells[row["fid"]]
        for kind in KINDS:
            share = row[f"{kind}_share"]
            expected = 100.0 * cell.intersection(catchments[kind]).area / cell.area
            assert share == pytest.approx(expected, abs=0.01), (row["fid"], kind)
            differences.append(abs(share - _lattice_share(cell, catchments[kind])))
            assert row[f"{kind}_ok"] == int(share >= 50.0)
            partly += 0.0 < share < 100.0
        reached = [kind for kind in KINDS if row[f"{kind}_ok"]]
        assert row["n_reached"] == len(reached)
        assert row["missing"] == ",".join(k for k in KINDS if k not in reached)
        # the score is the mean of the shares (both kinds weigh 1)
        assert row["score"] == pytest.approx(
            sum(row[f"{kind}_share"] for kind in KINDS) / len(KINDS), abs=0.01)
    assert partly >= 10
    assert sum(differences) / len(differences) < 1.0
    people = sum(row["population"] for row in scored)
    for kind, minutes in zip(KINDS, MINUTES):
        within = sum(row["population"] * row[f"{kind}_share"] / 100.0 for row in scored)
        line = next(line for line in feedback.lines
                    if line.strip().startswith(f"{kind} within {minutes:g} min"))
        assert f"{100.0 * within / people:.0f}% of people" in line
    assert "at least 50% of its people do" in feedback.text


def test_unreached_cells_have_no_part_near_the_network(by_area, cells, helsinki_gpkg):
    result, feedback = by_area
    table = rows(result["OUTPUT"])
    network = QgsVectorLayer(layer_source(helsinki_gpkg, "walk_network"), "net", "ogr")
    lines = unary_union(list(_shapes(network).values()))
    for row in table:
        near = cells[row["fid"]].distance(lines) <= 250.0
        assert (row["status"] == "ok") == near, row["fid"]
        if row["status"] == "unreached":
            assert all(row[f"{kind}_{suffix}"] is None for kind in KINDS
                       for suffix in ("cost", "share", "ok"))
            assert row["score"] is None and row["n_missing"] is None
    # cells whose point on surface is too far but some part is near are said in the log
    by_point = {row["fid"] for row in rows(_run("accessscore", _params(
        helsinki_gpkg, POLYGON_ORIGINS=1))[0]["OUTPUT"]) if row["status"] == "ok"}
    by_part = sum(row["status"] == "ok" and row["fid"] not in by_point for row in table)
    assert by_part > 0
    assert (f"farther than 250 m from the network but some part of them is not: {by_part}"
            in feedback.text)


def test_the_surface_keeps_the_people(by_area, catchments):
    result, feedback = by_area
    scored = [row for row in rows(result["OUTPUT"]) if row["status"] == "ok"]
    surface = result["OUTPUT_SURFACE"]
    assert "population" in surface.fields().names()
    pieces = rows(surface)
    total = sum(row["population"] for row in scored)
    assert sum(piece["population"] for piece in pieces) == pytest.approx(total, rel=1e-3)
    assert f"holding {total:,.1f} people, of the {total:,.1f}" in feedback.text
    for feature in surface.getFeatures():
        shape = wkb.loads(bytes(feature.geometry().asWkb()))
        inside = [kind for kind in KINDS
                  if shape.intersection(catchments[kind]).area > 0.5 * shape.area]
        assert feature["reached"] == ",".join(inside)
        assert feature["n_reached"] == len(inside)


def test_deserts_of_the_surface_hold_the_people_living_in_them(by_area, cells):
    result, _ = by_area
    scored = {row["fid"]: row for row in rows(result["OUTPUT"]) if row["status"] == "ok"}
    deserts, _ = _run("deserts", {"INPUT": result["OUTPUT_SURFACE"],
                                  "POPULATION_FIELD": "population", "MIN_MISSING": 2,
                                  "MIN_POPULATION": 1.0, "OUTPUT": "memory:"})
    found = deserts["OUTPUT"]
    assert found.featureCount() >= 1
    for feature in found.getFeatures():
        desert = wkb.loads(bytes(feature.geometry().asWkb()))
        expected = sum(row["population"] * desert.intersection(cells[fid]).area
                       / cells[fid].area for fid, row in scored.items())
        assert feature["population"] == pytest.approx(expected, rel=1e-3)
    # MIN_POPULATION applies to each piece: no piece under it is in a desert
    pieces = [wkb.loads(bytes(f.geometry().asWkb())) for f in
              result["OUTPUT_SURFACE"].getFeatures()
              if f["n_reached"] == 0 and f["population"] < 1.0]
    everything = unary_union([wkb.loads(bytes(f.geometry().asWkb()))
                              for f in found.getFeatures()])
    assert pieces
    assert all(piece.intersection(everything).area < 1.0 for piece in pieces)


def test_the_area_profile_counts_people_by_their_share(by_area, cells):
    result, _ = by_area
    scored = [row for row in rows(result["OUTPUT"]) if row["status"] == "ok"]
    everything = unary_union(list(cells.values())).buffer(10.0)
    zones = QgsVectorLayer("Polygon?crs=EPSG:3067&field=name:string", "zones", "memory")
    feature = QgsFeature(zones.fields())
    feature.setGeometry(QgsGeometry.fromWkt(everything.wkt))
    feature.setAttributes(["all"])
    zones.dataProvider().addFeatures([feature])
    profile, _ = _run("areaprofile", {"ZONES": zones, "INPUT": result["OUTPUT"],
                                      "POPULATION_FIELD": "population", "MIN_MISSING": 2,
                                      "OUTPUT": "memory:"})
    zone, = rows(profile["OUTPUT"])
    people = sum(row["population"] for row in scored)
    for kind in KINDS:
        within = sum(row["population"] * row[f"{kind}_share"] / 100.0 for row in scored)
        assert zone[f"{kind}_share"] == pytest.approx(100.0 * within / people, abs=0.01)


def _polygon_layer(name, shapes):
    layer = QgsVectorLayer("Polygon?crs=EPSG:3067", name, "memory")
    features = []
    for shape in shapes:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(shape.wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_a_residential_mask_decides_where_the_people_are(helsinki_gpkg, catchments, cells):
    # homes in the western half of every cell but one, which has none in the mask
    bare = min(cells)
    halves = {fid: c.intersection(box(c.bounds[0], c.bounds[1],
                                      (c.bounds[0] + c.bounds[2]) / 2, c.bounds[3]))
              for fid, c in cells.items() if fid != bare}
    mask = _polygon_layer("homes", halves.values())
    result, feedback = _run("accessscore", _params(helsinki_gpkg, RESIDENTIAL_MASK=mask))
    compared = 0
    for row in rows(result["OUTPUT"]):
        if row["status"] != "ok":
            continue
        carrier = halves.get(row["fid"], cells[row["fid"]])
        for kind in KINDS:
            expected = 100.0 * carrier.intersection(catchments[kind]).area / carrier.area
            assert row[f"{kind}_share"] == pytest.approx(expected, abs=0.01)
            compared += 1
    assert compared > 50
    assert "Residential mask \"homes\": 91 polygons where the origins are." in feedback.text
    assert ("Polygon origins with no part in RESIDENTIAL_MASK \"homes\", whose whole area "
            "carries their people: 1.") in feedback.text


def test_one_point_judgement_and_point_origins_ignore_the_mask(helsinki_gpkg, cells):
    mask = _polygon_layer("homes", [next(iter(cells.values()))])
    result, feedback = _run("accessscore", _params(helsinki_gpkg, POLYGON_ORIGINS=1,
                                                   RESIDENTIAL_MASK=mask))
    assert "RESIDENTIAL_MASK \"homes\" is ignored" in feedback.text
    scored = [row for row in rows(result["OUTPUT"]) if row["status"] == "ok"]
    assert len(scored) == 29
    for row in scored:
        for kind in KINDS:
            assert row[f"{kind}_share"] == 100.0 * row[f"{kind}_ok"]
    # a layer of points is judged at its points whatever POLYGON_ORIGINS says
    points = QgsVectorLayer("Point?crs=EPSG:3067&field=population:double", "homes", "memory")
    features = []
    for cell in cells.values():
        feature = QgsFeature(points.fields())
        point = cell.representative_point()
        feature.setGeometry(QgsGeometry.fromWkt(point.wkt))
        feature.setAttributes([10.0])
        features.append(feature)
    points.dataProvider().addFeatures(features)
    at_points = rows(_run("accessscore", _params(helsinki_gpkg, ORIGINS=points))[0]["OUTPUT"])
    judged_at_point = sorted(rows(result["OUTPUT"]), key=lambda row: row["fid"])
    assert len(at_points) == len(judged_at_point) == len(cells)
    for row, cell_row in zip(at_points, judged_at_point):
        assert row["status"] == cell_row["status"]
        for kind in KINDS:
            assert row[f"{kind}_share"] == cell_row[f"{kind}_share"]
        assert row["score"] == cell_row["score"]
