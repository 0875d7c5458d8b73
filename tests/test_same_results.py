"""The same results on every QGIS release the plugin supports (3.22, 3.40, 3.44).

A fixed set of runs on the bundled Helsinki sample (catchments merged and as rings, point
and polygon assets, the access score and its surface, deserts, the network check) is
summed up in figures: areas in m², costs in minutes, counts and people. The figures were
recorded once (on QGIS 3.22, shapely 1.8, GEOS 3.11) in tests/data/sample_results.json;
every release must give them again: counts and people exactly, areas and costs to within
one part in a million (GEOS releases round the last digits of a buffer differently).

Record anew (only when a change of results is intended) with
``CAG_RECORD_RESULTS=1 make test`` and say why in the commit.
"""

import json
import math
import os
from collections import Counter

import processing
import pytest
from qgis.core import QgsVectorLayer

from community_asset_gaps.algorithms.qgis_compat import GEOMETRY_POLYGON

from helpers import HELSINKI_KINDS, layer_source, rows, score_helsinki

RECORDED = os.path.join(os.path.dirname(__file__), "data", "sample_results.json")
RELATIVE_TOLERANCE = 1e-6


def catchment_figures(gpkg, tmp_path, facilities, thresholds, overlap):
    """{threshold: area_m2} of one catchments run."""
    output = tmp_path / f"catchments_{facilities}_{overlap}.gpkg"
    processing.run("assetgaps:catchments", {
        "NETWORK": layer_source(gpkg, "walk_network"),
        "FACILITIES": layer_source(gpkg, facilities),
        "THRESHOLDS": thresholds, "OVERLAP": overlap, "OUTPUT": str(output)})
    areas = {}
    for row in rows(QgsVectorLayer(str(output), "catchments", "ogr")):
        key = f"{row['threshold']:g}"
        areas[key] = areas.get(key, 0.0) + row["area_m2"]
    return areas


def score_figures(scored):
    """Per kind: origins within reach and the sum of their costs; status and score totals."""
    features = rows(scored)
    figures = {"status": dict(Counter(row["status"] for row in features)),
               "score_sum": sum(row["score"] or 0 for row in features),
               "n_missing": dict(Counter(str(row["n_missing"]) for row in features))}
    for kind in HELSINKI_KINDS:
        costs = [row[f"{kind}_cost"] for row in features if row[f"{kind}_cost"] is not None]
        figures[kind] = {"ok": sum(row[f"{kind}_ok"] or 0 for row in features),
                         "cost_sum_min": sum(costs), "with_cost": len(costs)}
    return figures


def surface_figures(surface):
    """Area per number of kinds reached, m²."""
    areas = {}
    for feature in surface.getFeatures():
        key = str(feature["n_reached"])
        areas[key] = areas.get(key, 0.0) + feature.geometry().area()
    return areas


def desert_figures(gpkg, scored_path, tmp_path):
    output = tmp_path / "deserts.gpkg"
    processing.run("assetgaps:deserts", {
        "INPUT": str(scored_path), "MIN_MISSING": 2, "POPULATION_FIELD": "population",
        "OUTPUT": str(output)})
    deserts = rows(QgsVectorLayer(str(output), "deserts", "ogr"))
    return {"count": len(deserts), "population": sum(row["population"] for row in deserts),
            "area_ha": sum(row["area_ha"] for row in deserts)}


def network_check_figures(gpkg, tmp_path):
    output = tmp_path / "problems.gpkg"
    processing.run("assetgaps:networkcheck", {
        "NETWORK": layer_source(gpkg, "walk_network"), "OUTPUT": str(output),
        "OUTPUT_COMPONENTS": str(tmp_path / "components.gpkg")})
    return dict(Counter(row["problem"] for row in rows(QgsVectorLayer(str(output), "p", "ogr"))))


@pytest.fixture(scope="module")
def sample_results(helsinki_gpkg, tmp_path_factory):
    """The figures of every run, as the JSON file records them."""
    tmp_path = tmp_path_factory.mktemp("same_results")
    scored_path = tmp_path / "score.gpkg"
    surface_path = tmp_path / "surface.gpkg"
    score_helsinki(helsinki_gpkg, scored_path)
    processing.run("assetgaps:accessscore", {
        "NETWORK": layer_source(helsinki_gpkg, "walk_network"),
        "ORIGINS": layer_source(helsinki_gpkg, "population_grid"),
        "ASSETS": [layer_source(helsinki_gpkg, name) for name in HELSINKI_KINDS],
        "THRESHOLDS": "10,10,10,5,5", "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_SURFACE": str(surface_path)})
    surface = QgsVectorLayer(str(surface_path), "surface", "ogr")
    assert surface.geometryType() == GEOMETRY_POLYGON
    return {
        "libraries_merged": catchment_figures(helsinki_gpkg, tmp_path, "libraries", "5,10", 1),
        "libraries_rings": catchment_figures(helsinki_gpkg, tmp_path, "libraries", "5,10", 2),
        "parks_merged": catchment_figures(helsinki_gpkg, tmp_path, "parks", "5,10", 1),
        "score": score_figures(QgsVectorLayer(str(scored_path), "score", "ogr")),
        "surface_m2": surface_figures(surface),
        "deserts": desert_figures(helsinki_gpkg, scored_path, tmp_path),
        "network_check": network_check_figures(helsinki_gpkg, tmp_path),
    }


def differences(recorded, found, where=""):
    """Where ``found`` differs from ``recorded``: numbers beyond the tolerance, anything else
    not equal."""
    if isinstance(recorded, dict) and isinstance(found, dict):
        problems = [f"{where}/{key}: missing" for key in recorded if key not in found]
        problems += [f"{where}/{key}: not recorded" for key in found if key not in recorded]
        for key in recorded.keys() & found.keys():
            problems += differences(recorded[key], found[key], f"{where}/{key}")
        return problems
    if isinstance(recorded, float) or isinstance(found, float):
        if math.isclose(recorded, found, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-9):
            return []
    elif recorded == found:
        return []
    return [f"{where}: recorded {recorded!r}, now {found!r}"]


def test_sample_results_are_the_recorded_ones(sample_results):
    if os.environ.get("CAG_RECORD_RESULTS") == "1":
        os.makedirs(os.path.dirname(RECORDED), exist_ok=True)
        with open(RECORDED, "w", encoding="utf-8") as file:
            json.dump(sample_results, file, indent=1, sort_keys=True)
            file.write("\n")
    with open(RECORDED, encoding="utf-8") as file:
        recorded = json.load(file)
    assert differences(recorded, sample_results) == []


def test_the_comparison_sees_a_change():
    """Control: a change in the seventh digit of an area, or of one person, is reported."""
    recorded = {"a": {"5": 1234567.0}, "people": 51}
    assert differences(recorded, {"a": {"5": 1234567.0 * (1 + 2e-6)}, "people": 51}) != []
    assert differences(recorded, {"a": {"5": 1234567.0 * (1 + 2e-7)}, "people": 51}) == []
    assert differences(recorded, {"a": {"5": 1234567.0}, "people": 52}) != []
