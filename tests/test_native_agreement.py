"""Agreement with QGIS's own service areas, and assetgaps:catchments end to end through
qgis_process."""

import numpy as np
import pytest
from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsProcessingFeedback, QgsVectorLayer
from shapely import wkb
from shapely.ops import linemerge, unary_union

# the network parameters and the catchments parameters (names that never change)
NETWORK_PARAMETERS = ["NETWORK", "NETWORK_EXTRA", "NETWORK_PRESET", "NETWORK_FILTER",
                      "CONNECT_TOLERANCE", "COST_TYPE", "WALK_SPEED", "MAX_SNAP_DISTANCE"]
CATCHMENT_PARAMETERS = ["FACILITIES", "FACILITY_ID_FIELD", "THRESHOLDS", "TRIM_DISTANCE",
                        "OVERLAP", "OUTPUT", "OUTPUT_LINES"]
DEFAULTS = {"NETWORK_PRESET": 0, "CONNECT_TOLERANCE": 0, "COST_TYPE": 0, "WALK_SPEED": 4.8,
            "MAX_SNAP_DISTANCE": 250, "THRESHOLDS": "5,10", "TRIM_DISTANCE": 50, "OVERLAP": 1}
ENUM_SIZES = {"NETWORK_PRESET": 4, "COST_TYPE": 2, "OVERLAP": 3}
BUFFER_M = 2.0


def run(algorithm, parameters):
    import processing

    return processing.run(algorithm, parameters, feedback=QgsProcessingFeedback())


def shapes(layer):
    return [wkb.loads(bytes(f.geometry().asWkb())) for f in layer.getFeatures()]


def covered(layer):
    """The area within BUFFER_M of a line layer's lines, dissolved. The lines are noded
    and merged first (which also drops native's duplicates), then each merged part is
    buffered on its own: buffering one large multi-line at once is slow."""
    merged = linemerge(unary_union(shapes(layer)))
    parts = getattr(merged, "geoms", [merged])
    return unary_union([part.buffer(BUFFER_M, 2) for part in parts])


def vertex_facilities(network_uri, count, seed):
    """A point layer of ``count`` interior vertices of network lines, so that every
    facility lies exactly on the network (native service areas do not walk a gap)."""
    network = QgsVectorLayer(network_uri, "net", "ogr")
    candidates = [f.geometry().asPolyline() for f in network.getFeatures()]
    candidates = [line for line in candidates if len(line) >= 3]
    rng = np.random.default_rng(seed)
    layer = QgsVectorLayer("Point?crs=EPSG:3067", "starts", "memory")
    features = []
    for i in rng.choice(len(candidates), count, replace=False):
        line = candidates[i]
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(line[len(line) // 2]))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_native_service_area_parameters_are_as_expected():
    """The parameter names this module gives native:serviceareafromlayer (QGIS 3.22)."""
    algorithm = QgsApplication.processingRegistry().algorithmById("native:serviceareafromlayer")
    names = {p.name() for p in algorithm.parameterDefinitions()}
    assert {"INPUT", "START_POINTS", "STRATEGY", "TRAVEL_COST2", "OUTPUT_LINES",
            "TOLERANCE", "DEFAULT_DIRECTION", "INCLUDE_BOUNDS"} <= names
    assert algorithm.parameterDefinition("TOLERANCE").defaultValue() in (0, 0.0, None)
    assert algorithm.parameterDefinition("DEFAULT_DIRECTION").defaultValue() == 2  # both


@pytest.mark.parametrize("metres, seed", [(600, 1), (250, 2)])
def test_reachable_network_agrees_with_native_service_area(helsinki_gpkg, metres, seed):
    network = f"{helsinki_gpkg}|layername=walk_network"
    starts = vertex_facilities(network, 6, seed)
    native = run("native:serviceareafromlayer", {
        "INPUT": network, "START_POINTS": starts, "STRATEGY": 0, "TRAVEL_COST2": metres,
        "OUTPUT_LINES": "memory:"})["OUTPUT_LINES"]
    ours = run("assetgaps:catchments", {
        "NETWORK": network, "FACILITIES": starts, "NETWORK_PRESET": 1, "COST_TYPE": 1,
        "THRESHOLDS": str(metres), "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"})
    assert native.featureCount() == 6  # one multi-line per start point
    theirs, mine = covered(native), covered(ours["OUTPUT_LINES"])
    assert mine.area > 6 * metres * 2 * BUFFER_M  # well beyond six bare stars
    assert mine.area == pytest.approx(theirs.area, rel=0.01)
    assert mine.symmetric_difference(theirs).area < 0.01 * theirs.area
    # and the polygons are the reachable lines buffered by the trim
    polygon = unary_union(shapes(ours["OUTPUT"]))
    assert polygon.buffer(1e-6).contains(unary_union(shapes(ours["OUTPUT_LINES"])))


# ------------------------------------------------------------------------- qgis_process

def test_qgis_process_lists_catchments(qgis_process):
    result = qgis_process("list")
    assert result.returncode == 0, result.stderr
    algorithms = result.json["providers"]["assetgaps"]["algorithms"]
    assert "assetgaps:catchments" in algorithms


def test_qgis_process_help_lists_the_design_parameters(qgis_process):
    result = qgis_process("help", "assetgaps:catchments")
    assert result.returncode == 0, result.stderr
    parameters = result.json["parameters"]
    for name in NETWORK_PARAMETERS + CATCHMENT_PARAMETERS:
        assert name in parameters, name
    for name, default in DEFAULTS.items():
        value = parameters[name]["default_value"]
        if isinstance(default, str):
            assert value == default, name
        else:
            assert float(value) == pytest.approx(default), name
    for name, size in ENUM_SIZES.items():
        assert len(parameters[name]["raw_definition"]["options"]) == size, name
    for name in ("NETWORK_EXTRA", "NETWORK_FILTER", "FACILITY_ID_FIELD", "OUTPUT_LINES"):
        assert parameters[name]["optional"], name
    plain = qgis_process("help", "assetgaps:catchments", json_output=False)
    for name in NETWORK_PARAMETERS + CATCHMENT_PARAMETERS:
        assert f"{name}:" in plain.stdout, name


def test_qgis_process_runs_catchments_end_to_end(qgis_process, helsinki_gpkg, tmp_path):
    out = tmp_path / "out.gpkg"
    result = qgis_process("run", "assetgaps:catchments",
                          f"--NETWORK={helsinki_gpkg}|layername=walk_network",
                          f"--FACILITIES={helsinki_gpkg}|layername=libraries",
                          "--THRESHOLDS=5,10", f"--OUTPUT={out}")
    assert result.returncode == 0, result.stderr
    assert result.json["results"]["OUTPUT"].startswith(str(out))
    assert "Traceback" not in result.stderr
    layer = QgsVectorLayer(str(out), "out", "ogr")
    assert layer.isValid()
    assert layer.featureCount() == 2
    written = sorted((f["threshold"], f["cost_type"], f["area_m2"]) for f in layer.getFeatures())
    assert [w[:2] for w in written] == [(5.0, "time_min"), (10.0, "time_min")]
    # the same areas as an in-process run
    in_process = run("assetgaps:catchments", {
        "NETWORK": f"{helsinki_gpkg}|layername=walk_network",
        "FACILITIES": f"{helsinki_gpkg}|layername=libraries", "THRESHOLDS": "5,10",
        "OUTPUT": "memory:"})["OUTPUT"]
    expected = sorted((f["threshold"], f["area_m2"]) for f in in_process.getFeatures())
    for (threshold, _, area), (t, a) in zip(written, expected):
        assert threshold == t and area == pytest.approx(a, rel=1e-9)
    assert layer.crs().authid() == "EPSG:3067"


def test_qgis_process_bad_thresholds_fail_with_a_message(qgis_process, helsinki_gpkg,
                                                         tmp_path):
    result = qgis_process("run", "assetgaps:catchments",
                          f"--NETWORK={helsinki_gpkg}|layername=walk_network",
                          f"--FACILITIES={helsinki_gpkg}|layername=libraries",
                          "--THRESHOLDS=abc", f"--OUTPUT={tmp_path / 'bad.gpkg'}",
                          json_output=False)
    assert result.returncode != 0
    assert "\"abc\" is not a number" in result.stderr
    assert "Traceback" not in result.stderr
