"""The outputs of a fixed set of sample runs on resources/data/helsinki_centre.gpkg, compared
with the values recorded in tests/sample_outputs.json.

The recorded values are what the algorithms gave before the algorithms layer was
reorganised; a refactoring must leave every one of them as it is. The runs that judge the
grid cells at their point on surface (POLYGON_ORIGINS 1) pin the judgement every origin
had before area shares; the ``*_by_area`` entries pin the default judgement by area
share. Each run is summed up in readable figures (areas, costs, scores, desert
populations, zone figures, picks) and a digest of every output row (floats rounded to 6
decimals), so that any change shows.

The figures must agree on every QGIS release the plugin supports (counts and text exactly,
numbers to one part in a million: GEOS releases round the last digits of a buffer
differently); the digests, which see every digit, are compared where QGIS and GEOS are
the releases the values were recorded with (``recorded_with``).

To record the values again after a deliberate change of behaviour::

    RECORD_SAMPLE_OUTPUTS=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest \
        tests/test_sample_outputs.py
"""

import hashlib
import json
import os
import re
from pathlib import Path

import processing
import pytest
from qgis.core import Qgis, QgsVectorLayer

from helpers import HELSINKI_KINDS, layer_source, rows

RECORDED = Path(__file__).resolve().with_name("sample_outputs.json")
DIGITS = 6
RELATIVE_TOLERANCE = 1e-6


def _releases():
    return {"qgis": Qgis.QGIS_VERSION_INT, "geos": Qgis.geosVersion()}


def _clean(value):
    if isinstance(value, float):
        return round(value, DIGITS)
    return value


def _digest(table):
    """SHA-256 of the rows, sorted, floats rounded (geometries by area and length)."""
    text = json.dumps(sorted(json.dumps(row, sort_keys=True, default=str) for row in table))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _layer_rows(path, layer=None):
    uri = f"{path}|layername={layer}" if layer else str(path)
    loaded = QgsVectorLayer(uri, "out", "ogr")
    assert loaded.isValid(), uri
    table = []
    for feature, values in zip(loaded.getFeatures(), rows(loaded)):
        row = {key: _clean(value) for key, value in values.items() if key != "fid"}
        geometry = feature.geometry()
        if not geometry.isNull():
            row["_area"] = round(geometry.area(), 3)
            row["_length"] = round(geometry.length(), 3)
        table.append(row)
    return table


def _summary(table, keys):
    return {key: round(sum(row[key] or 0.0 for row in table), DIGITS) for key in keys}


def _run(algorithm, parameters):
    return processing.run(f"assetgaps:{algorithm}", parameters)


def sample_outputs(gpkg, folder):
    """Run the sample analyses into ``folder`` and sum up their outputs."""

    def src(name):
        return layer_source(gpkg, name)

    network = src("walk_network")
    found = {}

    for overlap in (0, 1, 2):
        out = folder / f"catchments_{overlap}.gpkg"
        lines = folder / f"catchment_lines_{overlap}.gpkg"
        _run("catchments", {"NETWORK": network, "FACILITIES": src("libraries"),
                            "THRESHOLDS": "5,10", "OVERLAP": overlap, "OUTPUT": str(out),
                            "OUTPUT_LINES": str(lines)})
        polygons = _layer_rows(out)
        by_threshold = {}
        for row in polygons:
            key = f"{row['threshold']:g}"
            by_threshold[key] = round(by_threshold.get(key, 0.0) + row["area_m2"], 3)
        found[f"catchments_overlap_{overlap}"] = {
            "area_m2_by_threshold": by_threshold, "polygons": len(polygons),
            "digest": _digest(polygons),
            "lines": _summary(_layer_rows(lines), ("cost_start", "cost_end", "_length")),
            "lines_digest": _digest(_layer_rows(lines))}

    scores_path = folder / "scores.gpkg"
    surface_path = folder / "surface.gpkg"
    # the grid cells judged at their point on surface, as before area shares existed
    _run("accessscore", {"NETWORK": network, "ORIGINS": src("population_grid"),
                         "POPULATION_FIELD": "population", "POLYGON_ORIGINS": 1,
                         "ASSETS": [src(name) for name in HELSINKI_KINDS],
                         "THRESHOLDS": "10,10,10,5,5", "OUTPUT": str(scores_path),
                         "OUTPUT_SURFACE": str(surface_path)})
    scores = _layer_rows(scores_path)
    found["accessscore"] = {
        "costs": _summary(scores, [f"{kind}_cost" for kind in HELSINKI_KINDS]),
        "ok": _summary(scores, [f"{kind}_ok" for kind in HELSINKI_KINDS]),
        "score": _summary(scores, ("score", "n_reached", "n_missing")),
        "unreached": sum(row["status"] == "unreached" for row in scores),
        "digest": _digest(scores)}
    surface = _layer_rows(surface_path)
    found["access_surface"] = {"pieces": len(surface),
                               "sums": _summary(surface, ("n_reached", "_area")),
                               "digest": _digest(surface)}

    for min_missing in (2, 3):
        out = folder / f"deserts_{min_missing}.gpkg"
        _run("deserts", {"INPUT": str(scores_path), "POPULATION_FIELD": "population",
                         "MIN_MISSING": min_missing, "OUTPUT": str(out)})
        deserts = _layer_rows(out)
        found[f"deserts_min_missing_{min_missing}"] = {
            "populations": sorted(row["population"] for row in deserts),
            "area_ha": _summary(deserts, ("area_ha",))["area_ha"],
            "digest": _digest(deserts)}

    # the grid cells judged by the share of their area within reach (the default)
    area_scores_path = folder / "scores_by_area.gpkg"
    area_surface_path = folder / "surface_by_area.gpkg"
    _run("accessscore", {"NETWORK": network, "ORIGINS": src("population_grid"),
                         "POPULATION_FIELD": "population",
                         "ASSETS": [src(name) for name in HELSINKI_KINDS],
                         "THRESHOLDS": "10,10,10,5,5", "OUTPUT": str(area_scores_path),
                         "OUTPUT_SURFACE": str(area_surface_path)})
    area_scores = _layer_rows(area_scores_path)
    found["accessscore_by_area"] = {
        "shares": _summary(area_scores, [f"{kind}_share" for kind in HELSINKI_KINDS]),
        "ok": _summary(area_scores, [f"{kind}_ok" for kind in HELSINKI_KINDS]),
        "score": _summary(area_scores, ("score", "n_reached", "n_missing")),
        "unreached": sum(row["status"] == "unreached" for row in area_scores),
        "digest": _digest(area_scores)}
    area_surface = _layer_rows(area_surface_path)
    found["access_surface_by_area"] = {
        "pieces": len(area_surface),
        "sums": _summary(area_surface, ("n_reached", "population", "_area")),
        "digest": _digest(area_surface)}
    out = folder / "deserts_by_area.gpkg"
    _run("deserts", {"INPUT": str(area_surface_path), "POPULATION_FIELD": "population",
                     "MIN_MISSING": 2, "OUTPUT": str(out)})
    deserts = _layer_rows(out)
    found["deserts_of_the_surface_by_area"] = {
        "populations": sorted(row["population"] for row in deserts),
        "area_ha": _summary(deserts, ("area_ha",))["area_ha"],
        "digest": _digest(deserts)}

    profile_path = folder / "profile.gpkg"
    report_path = folder / "report.html"
    _run("areaprofile", {"ZONES": src("population_grid"), "ZONE_NAME_FIELD": "id",
                         "INPUT": str(scores_path), "POPULATION_FIELD": "population",
                         "MIN_MISSING": 2, "DEPRIVATION_FIELD": "id", "MOST_DEPRIVED": 60,
                         "PRIORITY_DESERT_SHARE": 10, "OUTPUT": str(profile_path),
                         "OUTPUT_HTML": str(report_path)})
    profile = _layer_rows(profile_path)
    report = re.sub(r"Produced on \d{4}-\d{2}-\d{2}", "Produced on DATE",
                    report_path.read_text(encoding="utf-8"))
    found["areaprofile"] = {
        "sums": _summary(profile, ("population", "desert_pop", "priority",
                                   "unreached_pop")),
        "digest": _digest(profile),
        "report_digest": hashlib.sha256(report.encode("utf-8")).hexdigest()}

    summary_path = folder / "scenario_summary.gpkg"
    origins_path = folder / "scenario_origins.gpkg"
    zones_path = folder / "scenario_zones.gpkg"
    _run("scenario", {"NETWORK": network, "ORIGINS": src("population_grid"),
                      "POPULATION_FIELD": "population", "POLYGON_ORIGINS": 1,
                      "ASSETS": [src(name) for name in HELSINKI_KINDS],
                      "THRESHOLDS": "10,10,10,5,5", "REMOVE": "\"fid\" <= 3",
                      "ADD_SITES": src("dentists"), "ADD_KIND": "libraries",
                      "MIN_MISSING": 2, "ZONES": src("population_grid"),
                      "OUTPUT": str(origins_path), "OUTPUT_SUMMARY": str(summary_path),
                      "OUTPUT_ZONES": str(zones_path)})
    summary = _layer_rows(summary_path)
    found["scenario"] = {
        "summary": sorted(summary, key=lambda row: row["kind"]),
        "origins_digest": _digest(_layer_rows(origins_path)),
        "zones_digest": _digest(_layer_rows(zones_path))}

    best_path = folder / "bestsites.gpkg"
    _run("bestsites", {"NETWORK": network, "ORIGINS": src("population_grid"),
                       "POPULATION_FIELD": "population", "ASSETS": src("libraries"),
                       "CANDIDATES": src("food_retail"), "THRESHOLD": 5, "N_SITES": 4,
                       "OUTPUT": str(best_path)})
    best = _layer_rows(best_path)
    found["bestsites"] = {
        "picks": [(row["rank"], row["pop_gain"], row["cum_pop_gain"])
                  for row in sorted(best, key=lambda row: row["rank"])],
        "digest": _digest(best)}

    problems_path = folder / "problems.gpkg"
    components_path = folder / "components.gpkg"
    _run("networkcheck", {"NETWORK": network, "OUTPUT": str(problems_path),
                          "OUTPUT_COMPONENTS": str(components_path)})
    problems = _layer_rows(problems_path)
    counts = {}
    for row in problems:
        counts[row["problem"]] = counts.get(row["problem"], 0) + 1
    found["networkcheck"] = {"problems": counts, "digest": _digest(problems),
                             "components_digest": _digest(_layer_rows(components_path))}
    return json.loads(json.dumps(found))


@pytest.fixture(scope="module")
def outputs(helsinki_gpkg, tmp_path_factory):
    return sample_outputs(helsinki_gpkg, tmp_path_factory.mktemp("sample_outputs"))


def _differences(got, want, digests, where=""):
    """Where ``got`` differs from ``want``: numbers beyond RELATIVE_TOLERANCE, anything
    else unequal; digests only when ``digests``."""
    if isinstance(want, dict):
        if sorted(got) != sorted(want):
            return [f"{where}: keys {sorted(got)} != {sorted(want)}"]
        found = []
        for key in want:
            if key.endswith("digest") and not digests:
                continue
            found += _differences(got[key], want[key], digests, f"{where}/{key}")
        return found
    if isinstance(want, list):
        if len(got) != len(want):
            return [f"{where}: {len(got)} items != {len(want)}"]
        return [d for i, (g, w) in enumerate(zip(got, want))
                for d in _differences(g, w, digests, f"{where}[{i}]")]
    if isinstance(want, float) or isinstance(got, float):
        close = got is not None and want is not None and \
            abs(got - want) <= RELATIVE_TOLERANCE * max(1.0, abs(want))
        return [] if close else [f"{where}: {got} != {want}"]
    return [] if got == want else [f"{where}: {got!r} != {want!r}"]


def test_sample_outputs_are_the_recorded_ones(outputs):
    if os.environ.get("RECORD_SAMPLE_OUTPUTS"):
        RECORDED.write_text(json.dumps(dict(outputs, recorded_with=_releases()), indent=1,
                                       sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    same_releases = recorded.pop("recorded_with") == _releases()
    assert not _differences(outputs, recorded, digests=same_releases)


def test_the_comparison_sees_a_change():
    """Control: a change in the seventh digit of an area, or of one person, is reported."""
    recorded = {"area": 1234567.0, "people": 51}
    assert _differences({"area": 1234567.0 * (1 + 2e-6), "people": 51}, recorded, False)
    assert not _differences({"area": 1234567.0 * (1 + 2e-7), "people": 51}, recorded, False)
    assert _differences({"area": 1234567.0, "people": 52}, recorded, False)
