# ruff: noqa: F811 - the fixtures town and unchanged come from test_robustness
"""Hard inputs and data safety: outputs that would destroy an input, many assets at one
spot, coordinates no place has, filters and populations that cannot be right, failures
after writing, and log lines that read right for any count. Every input file stays
byte-identical (the ``unchanged`` fixture)."""

import shutil
import time

import numpy as np
import processing
import pytest
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
)

from community_asset_gaps.algorithms.qgis_compat import FIELD_DOUBLE, FIELD_STRING
from community_asset_gaps.core.attach import Seeds
from community_asset_gaps.core.extent import far_outside_boxes, impossible_boxes
from community_asset_gaps.core.network import build_network
from community_asset_gaps.core.reach import reachable_parts
from community_asset_gaps.core.search import node_costs

from helpers import LogFeedback as Log
from helpers import file_digest
from test_robustness import X0, Y0, point, scores, town, unchanged, write_layer  # noqa: F401

HTML = "<!DOCTYPE html>\n<html><body>an earlier report</body></html>\n"


def copy_of(town, tmp_path):
    """A copy of the town's GeoPackage, and its layer sources."""
    path = tmp_path / "copy.gpkg"
    shutil.copy(town["path"], path)
    return path, {name: f"{path}|layername={name}" for name in ("network", "homes",
                                                                  "libraries")}


def refusal(run, *args, **parameters):
    """What a refused run says: the exception and the feedback's log (errors found in
    prepareAlgorithm reach the log, and the exception says the run failed)."""
    feedback = Log()
    with pytest.raises(QgsProcessingException) as raised:
        run(*args, feedback=feedback, **parameters)
    return str(raised.value) + "\n" + feedback.text


def run_profile(feedback=None, **parameters):
    return processing.run("assetgaps:areaprofile", parameters, feedback=feedback)


# --- outputs that would replace an input --------------------------------------------------

@pytest.mark.parametrize("form", ["plain", "ogr"])
def test_output_into_an_input_file_is_refused(town, tmp_path, form):
    path, sources = copy_of(town, tmp_path)
    before = file_digest(path)
    output = str(path) if form == "plain" else f'ogr:dbname=\'{path}\' table="libraries"'
    message = refusal(scores, sources, OUTPUT=output)
    assert "OUTPUT would write into" in message and str(path) in message
    assert "NETWORK" in message or "ORIGINS" in message
    assert file_digest(path) == before


def test_areaprofile_report_never_replaces_an_input_or_another_file(town, tmp_path):
    path, sources = copy_of(town, tmp_path)
    scored = tmp_path / "scored.gpkg"
    scores(sources, OUTPUT=str(scored))
    # read once, so that SQLite has folded its journal into the file before the digests
    assert QgsVectorLayer(str(scored), "scored", "ogr").featureCount() == 9
    zones = write_layer(tmp_path / "zones.gpkg", "zones", "Polygon",
                        [QgsField("name", FIELD_STRING)],
                        [(f"POLYGON(({X0 - 50} {Y0 - 50}, {X0 + 750} {Y0 - 50}, "
                          f"{X0 + 750} {Y0 + 750}, {X0 - 50} {Y0 + 750}, {X0 - 50} {Y0 - 50}))",
                          ["all"])])
    notes = tmp_path / "notes.txt"
    notes.write_text("not a report\n", encoding="utf-8")
    for target, words in ((scored, "INPUT"), (tmp_path / "zones.gpkg", "ZONES"),
                          (notes, "not an HTML report")):
        before = file_digest(target)
        message = refusal(run_profile, ZONES=zones, INPUT=str(scored),
                          POPULATION_FIELD="population", MIN_MISSING=1, OUTPUT="memory:",
                          OUTPUT_HTML=str(target))
        assert words in message and str(target) in message
        assert file_digest(target) == before, target
    report = tmp_path / "report.html"
    report.write_text(HTML, encoding="utf-8")  # an earlier report may be replaced
    processing.run("assetgaps:areaprofile", {
        "ZONES": zones, "INPUT": str(scored), "POPULATION_FIELD": "population",
        "MIN_MISSING": 1, "OUTPUT": "memory:", "OUTPUT_HTML": str(report)}, feedback=Log())
    assert "area profile" in report.read_text(encoding="utf-8")
    from community_asset_gaps.algorithms.areaprofile import AreaProfileAlgorithm
    algorithm = AreaProfileAlgorithm()
    algorithm.initAlgorithm()
    assert "*.html" in algorithm.parameterDefinition("OUTPUT_HTML").fileFilter()


# --- failures after writing -----------------------------------------------------------

def test_a_missing_folder_stops_the_run_before_anything_is_written(town, unchanged,
                                                                   tmp_path):
    output = tmp_path / "scores.gpkg"
    message = refusal(scores, {n: town[n] for n in ("network", "homes", "libraries")},
                      OUTPUT=str(output),
                      OUTPUT_SURFACE=str(tmp_path / "missing" / "surface.gpkg"))
    assert "OUTPUT_SURFACE" in message and "does not exist" in message
    assert not output.exists()


def test_a_run_that_fails_after_writing_removes_its_output(town, unchanged, tmp_path):
    scored = tmp_path / "scored.gpkg"
    scores({n: town[n] for n in ("network", "homes", "libraries")}, OUTPUT=str(scored))
    profile = tmp_path / "profile.gpkg"
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("assetgaps:areaprofile", {
            "ZONES": town["network_as_polygons"], "INPUT": str(scored),
            "MIN_MISSING": 1, "DESERTS": town["network_as_polygons"],
            "OUTPUT": str(profile), "OUTPUT_HTML": str(tmp_path / "r.html")}, feedback=Log())
    assert "DESERTS" in str(raised.value)
    assert not profile.exists() and not (tmp_path / "r.html").exists()


def test_cancelled_networkcheck_leaves_no_findings(town, unchanged, tmp_path):
    output = tmp_path / "problems.gpkg"
    feedback = Log()
    feedback.progressChanged.connect(lambda percent: percent >= 40 and feedback.cancel())
    processing.run("assetgaps:networkcheck", {
        "NETWORK": town["network_with_island"], "OUTPUT": str(output)}, feedback=feedback)
    assert feedback.isCanceled()
    assert not output.exists()


# --- many assets at one spot ----------------------------------------------------------

def test_co_located_seeds_are_one_search():
    network = build_network([np.array([[0.0, 0.0], [1000.0, 0.0]]),
                             np.array([[1000.0, 0.0], [1000.0, 1000.0]])])
    count = 100_000
    many = Seeds(np.arange(count), np.zeros(count, dtype=np.int64), np.full(count, 400.0),
                 np.full(count, 400.0), np.full(count, 3.0))
    one = many.subset(np.arange(1))
    started = time.monotonic()
    costs = node_costs(network, many, 2000.0)
    parts = reachable_parts(network, costs, many, 800.0)
    assert time.monotonic() - started < 5
    expected = reachable_parts(network, node_costs(network, one, 2000.0), one, 800.0)
    assert np.allclose(sorted(parts.x1 - parts.x0), sorted(expected.x1 - expected.x0))
    assert len(many.distinct()) == 1


def spot_layer(count):
    layer = QgsVectorLayer("Point?crs=EPSG:27700", "one_spot", "memory")
    features = []
    for _ in range(count):
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 150, Y0 + 10)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_100000_assets_at_one_spot_score_in_seconds(town, unchanged):
    started = time.monotonic()
    result = scores({n: town[n] for n in ("network", "homes")} |
                    {"libraries": spot_layer(100_000)})
    assert time.monotonic() - started < 60
    assert result["OUTPUT"].featureCount() == 9


def test_cancel_with_many_assets_returns_within_a_second(town, unchanged):
    feedback = Log()
    layer = spot_layer(12_000)
    cancelled_at = []

    def cancel(percent):
        if percent >= 10 and not cancelled_at:
            cancelled_at.append(time.monotonic())
            feedback.cancel()
    feedback.progressChanged.connect(cancel)
    scores({n: town[n] for n in ("network", "homes")} | {"libraries": layer},
           feedback=feedback)
    assert cancelled_at and time.monotonic() - cancelled_at[0] < 1.0


# --- coordinates no place has ---------------------------------------------------------

def test_impossible_and_far_boxes():
    boxes = np.array([[0, 0, 10, 10], [5, 5, 20, 20], [1e300, 0, 1e300, 1],
                      [np.nan] * 4, [1e8, 0, 1e8, 1], [np.inf, 0, np.inf, 0]], dtype=float)
    assert impossible_boxes(boxes).tolist() == [False, False, True, False, False, True]
    assert far_outside_boxes(boxes).tolist() == [False, False, False, False, True, False]


def test_network_vertex_at_1e300_is_a_clear_error(town, tmp_path):
    path = tmp_path / "net.gpkg"
    network = write_layer(path, "network", "LineString", [QgsField("name", FIELD_STRING)],
                          [(f"LINESTRING({X0} {Y0}, {X0 + 100} {Y0})", ["ok"]),
                           (f"LINESTRING({X0} {Y0}, 1e300 {Y0})", ["stray"])])
    before = file_digest(path)
    with pytest.raises(QgsProcessingException) as raised:
        scores({"network": network, "homes": town["homes"], "libraries": town["libraries"]})
    message = str(raised.value)
    assert "network" in message and "2" in message and "CRS" in message
    assert "Traceback" not in message and file_digest(path) == before


def test_projected_coordinates_labelled_as_degrees_are_a_clear_error(town, tmp_path):
    path = tmp_path / "net.gpkg"
    network = write_layer(path, "degrees", "LineString", [QgsField("name", FIELD_STRING)],
                          [(f"LINESTRING({X0} {Y0}, {X0 + 100} {Y0})", ["a"])],
                          crs="EPSG:4326")
    with pytest.raises(QgsProcessingException) as raised:
        scores({"network": network, "homes": town["homes"], "libraries": town["libraries"]})
    message = str(raised.value)
    assert '"degrees"' in message and "features 1:" in message
    assert "CRS is probably wrong" in message and "Traceback" not in message


def test_far_features_are_named_and_left_out(town, tmp_path):
    path = tmp_path / "far.gpkg"
    name = [QgsField("name", FIELD_STRING)]
    from test_robustness import grid_lines
    network = write_layer(path, "network", "LineString", name,
                          [(wkt, ["street"]) for wkt in grid_lines()] +
                          [(f"LINESTRING({X0} {Y0}, {X0 + 1e8} {Y0})", ["stray"])])
    homes = write_layer(path, "homes", "Point", [QgsField("population", FIELD_DOUBLE)],
                        [(point(20, 30), [5.0]), (point(330, 390), [5.0]),
                         ("POINT(1e300 -1e300)", [5.0])])
    before = file_digest(path)
    feedback = Log()
    result = scores({"network": network, "homes": homes, "libraries": town["libraries"]},
                    feedback=feedback, OUTPUT_SURFACE="memory:")
    assert "left out" in feedback.text and "far outside" in feedback.text
    assert "feature ids 113" in feedback.text or "113" in feedback.text
    statuses = sorted(f["status"] for f in result["OUTPUT"].getFeatures())
    assert statuses == ["ok", "ok", "unreached"]
    assert result["OUTPUT_SURFACE"].featureCount() > 0
    assert "100095" not in feedback.text
    assert file_digest(path) == before


# --- filters and populations ------------------------------------------------------------

def test_filter_on_a_field_an_extra_layer_lacks_names_it(town, unchanged, tmp_path):
    extra = write_layer(tmp_path / "extra.gpkg", "paths", "LineString",
                        [QgsField("kind", FIELD_STRING)],
                        [(f"LINESTRING({X0} {Y0 - 50}, {X0} {Y0})", ["path"])])
    with pytest.raises(QgsProcessingException) as raised:
        scores({n: town[n] for n in ("network", "homes", "libraries")},
               NETWORK_EXTRA=[extra], NETWORK_FILTER="\"name\" = 'street'")
    message = str(raised.value)
    assert "\"name\" = 'street'" in message and "name" in message and "paths" in message
    with pytest.raises(QgsProcessingException) as raised:
        scores({n: town[n] for n in ("network", "homes", "libraries")},
               NETWORK_FILTER="\"highway\" <> 'motorway'")
    assert "highway" in str(raised.value) and "network" in str(raised.value)


def test_negative_populations_are_refused(town, tmp_path):
    path = tmp_path / "homes.gpkg"
    homes = write_layer(path, "homes", "Point", [QgsField("population", FIELD_DOUBLE)],
                        [(point(20, 30), [5.0]), (point(330, 390), [-3.0]),
                         (point(680, 660), [-1.0])])
    with pytest.raises(QgsProcessingException) as raised:
        scores({"network": town["network"], "homes": homes, "libraries": town["libraries"]})
    message = str(raised.value)
    assert "negative" in message and ": 2 " in message and "2, 3" in message


# --- scenario with fewer kinds than MIN_MISSING ---------------------------------------

def test_scenario_with_two_kinds_runs_at_the_default_min_missing(town, unchanged):
    feedback = Log()
    result = processing.run("assetgaps:scenario", {
        "NETWORK": town["network"], "ORIGINS": town["homes"],
        "POPULATION_FIELD": "population",
        "ASSETS": [town["libraries"], town["island_library"]], "THRESHOLDS": "5",
        "REMOVE": "\"name\" = 'Central'", "OUTPUT": "memory:", "OUTPUT_SUMMARY": "memory:"},
        feedback=feedback)
    rows = list(result["OUTPUT_SUMMARY"].getFeatures())
    assert len(rows) == 2
    assert rows[0]["pop_change"] < 0
    assert all(row["desert_pop_before"] is None or
               (hasattr(row["desert_pop_before"], "isNull") and
                row["desert_pop_before"].isNull()) for row in rows)
    assert "left empty (NULL)" in feedback.text and "MIN_MISSING" in feedback.text


# --- counts in the log ----------------------------------------------------------------

def test_count_lines_read_right_for_one(town, unchanged):
    feedback = Log()
    processing.run("assetgaps:networkcheck", {"NETWORK": town["one_line"],
                                              "OUTPUT": "memory:"}, feedback=feedback)
    assert "Components: 1;" in feedback.text and "1 components" not in feedback.text
