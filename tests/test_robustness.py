"""Awkward input ends well: a clear message naming the layer or parameter, or a
correct result with the problem reported; input files are byte-identical afterwards."""

import hashlib
import socket
import threading
import time

import processing
import pytest
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from community_asset_gaps.algorithms.qgis_compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING

from helpers import LogFeedback as Log

CRS = "EPSG:27700"
X0, Y0 = 350000.0, 400000.0      # somewhere in England
SPACING = 100.0
SIZE = 8                          # an 8 x 8 street grid, 700 m across


def grid_lines():
    """Streets of the grid, one per block side, meeting at shared vertices."""
    lines = []
    for i in range(SIZE):
        for j in range(SIZE - 1):
            lines.append(f"LINESTRING({X0 + j * SPACING} {Y0 + i * SPACING}, "
                         f"{X0 + (j + 1) * SPACING} {Y0 + i * SPACING})")
            lines.append(f"LINESTRING({X0 + i * SPACING} {Y0 + j * SPACING}, "
                         f"{X0 + i * SPACING} {Y0 + (j + 1) * SPACING})")
    return lines


def write_layer(path, name, geometry, fields, rows, crs=CRS):
    """Write a layer (rows of (wkt or None, attributes)) into a GeoPackage."""
    layer = QgsVectorLayer(f"{geometry}?crs={crs}", name, "memory")
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    features = []
    for wkt, attributes in rows:
        feature = QgsFeature(layer.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(attributes)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    if path.exists():
        options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options)
    if error[0] != QgsVectorFileWriter.NoError:
        raise RuntimeError(error)
    return f"{path}|layername={name}"


def point(dx, dy):
    return f"POINT({X0 + dx} {Y0 + dy})"


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    """A small town in one GeoPackage with every awkward layer the tests need."""
    path = tmp_path_factory.mktemp("town") / "town.gpkg"
    name = [QgsField("name", FIELD_STRING)]
    people = [QgsField("population", FIELD_DOUBLE)]
    layers = {
        "network": write_layer(path, "network", "LineString", name,
                               [(wkt, ["street"]) for wkt in grid_lines()]),
        "libraries": write_layer(path, "libraries", "Point", name,
                                 [(point(150, 10), ["Central"]), (point(610, 680), ["North"])]),
        "homes": write_layer(path, "homes", "Point", people + [QgsField("score", FIELD_INT)],
                             [(point(x, y), [10.0, 7]) for x in (20, 330, 680)
                              for y in (30, 390, 660)]),
        "empty_points": write_layer(path, "empty_points", "Point", name, []),
        "empty_lines": write_layer(path, "empty_lines", "LineString", name, []),
        "network_as_points": write_layer(path, "network_as_points", "Point", name,
                                         [(point(0, 0), ["a"])]),
        "network_as_polygons": write_layer(
            path, "network_as_polygons", "Polygon", name,
            [(f"POLYGON(({X0} {Y0}, {X0 + 10} {Y0}, {X0 + 10} {Y0 + 10}, {X0} {Y0}))", ["a"])]),
        "with_null_geometry": write_layer(path, "with_null_geometry", "Point", name,
                                          [(point(150, 10), ["ok"]), (None, ["no geometry"])]),
        "far_away": write_layer(path, "far_away", "Point", name,
                                [(point(5000, 5000), ["far"]), (point(-3000, 0), ["far too"])]),
        "parks_invalid": write_layer(path, "parks_invalid", "Polygon", name, [
            # bow-tie
            (f"POLYGON(({X0 + 120} {Y0 + 120}, {X0 + 180} {Y0 + 180}, {X0 + 180} {Y0 + 120}, "
             f"{X0 + 120} {Y0 + 180}, {X0 + 120} {Y0 + 120}))", ["bow-tie"]),
            # self-touching ring
            (f"POLYGON(({X0 + 410} {Y0 + 410}, {X0 + 490} {Y0 + 410}, {X0 + 490} {Y0 + 490}, "
             f"{X0 + 450} {Y0 + 410}, {X0 + 410} {Y0 + 490}, {X0 + 410} {Y0 + 410}))",
             ["self-touching"])]),
        "multipoints": write_layer(path, "multipoints", "MultiPoint", name, [
            (f"MULTIPOINT(({X0 + 150} {Y0 + 10}), ({X0 + 610} {Y0 + 680}))", ["two sites"])]),
        "network_zm": write_layer(path, "network_zm", "MultiLineStringZM", name, [
            ("MULTILINESTRING ZM(" + ", ".join(
                "(" + wkt[len("LINESTRING("):-1].replace(",", " 5 1,") + " 5 1)"
                for wkt in grid_lines()[:2 * (SIZE - 1):2] + grid_lines()[1:2 * (SIZE - 1):2])
             + ")", ["zm"])]),
        "one_line": write_layer(path, "one_line", "LineString", name,
                                [(f"LINESTRING({X0} {Y0}, {X0 + 700} {Y0})", ["only street"])]),
        "overlapping": write_layer(path, "overlapping", "LineString", name,
                                   [(wkt, ["twice"]) for wkt in grid_lines() * 2]),
        "island_library": write_layer(path, "island_library", "Point", name,
                                      [(point(150, 10), ["on the mainland"]),
                                       (point(3000, 3000), ["on the island"])]),
        "network_with_island": write_layer(
            path, "network_with_island", "LineString", name,
            [(wkt, ["street"]) for wkt in grid_lines()] +
            [(f"LINESTRING({X0 + 2990} {Y0 + 3000}, {X0 + 3010} {Y0 + 3000})", ["island"])]),
    }
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    to_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem(CRS), wgs84,
                                      QgsProject.instance())
    lonlat = []
    for dx, dy in ((150, 10), (610, 680)):
        geometry = QgsGeometry.fromWkt(point(dx, dy))
        geometry.transform(to_wgs84)
        lonlat.append((geometry.asWkt(), ["in WGS 84"]))
    layers["libraries_wgs84"] = write_layer(path, "libraries_wgs84", "Point", name, lonlat,
                                            crs="EPSG:4326")
    csv = path.parent / "libraries.csv"
    csv.write_text("name,x,y\nCentral,%f,%f\nNorth,%f,%f\n"
                   % (X0 + 150, Y0 + 10, X0 + 610, Y0 + 680), encoding="utf-8")
    layers["csv"] = QgsVectorLayer(f"file://{csv}?type=csv&xField=x&yField=y&crs={CRS}",
                                   "libraries_csv", "delimitedtext")
    layers["path"] = path
    layers["csv_path"] = csv
    return layers


def digest(town):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (town["path"], town["csv_path"])}


@pytest.fixture
def unchanged(town):
    """Checks that the town's files are byte-identical after the test."""
    before = digest(town)
    yield
    assert digest(town) == before


def catchments(town, feedback=None, **parameters):
    full = {"NETWORK": town["network"], "FACILITIES": town["libraries"],
            "THRESHOLDS": "5", "OUTPUT": "memory:"}
    full.update(parameters)
    return processing.run("assetgaps:catchments", full, feedback=feedback or Log())


def scores(town, feedback=None, **parameters):
    full = {"NETWORK": town["network"], "ORIGINS": town["homes"],
            "POPULATION_FIELD": "population", "ASSETS": [town["libraries"]],
            "THRESHOLDS": "5", "OUTPUT": "memory:"}
    full.update(parameters)
    return processing.run("assetgaps:accessscore", full, feedback=feedback or Log())


def error_of(run, town, **parameters):
    with pytest.raises(QgsProcessingException) as raised:
        run(town, **parameters)
    message = str(raised.value)
    assert "Traceback" not in message
    return message


def area(result, threshold=5.0):
    return sum(f["area_m2"] for f in result["OUTPUT"].getFeatures()
               if f["threshold"] == threshold)


@pytest.mark.parametrize("parameter, layer, words", [
    ("FACILITIES", "empty_points", ["empty_points", "no features"]),
    ("NETWORK", "empty_lines", ["no walkable lines", "0 features"]),
    ("NETWORK", "network_as_points", ["network_as_points", "holds points", "line layer"]),
    ("NETWORK", "network_as_polygons", ["network_as_polygons", "holds polygons"]),
    ("FACILITIES", "far_away", ["far_away", "250 m", "MAX_SNAP_DISTANCE"]),
])
def test_catchments_bad_layers(town, unchanged, parameter, layer, words):
    message = error_of(catchments, town, **{parameter: town[layer]})
    for word in words:
        assert word in message


@pytest.mark.parametrize("parameter, layer, words", [
    ("ORIGINS", "empty_points", ["empty_points", "no features"]),
    ("ASSETS", "empty_points", ["empty_points", "no features"]),
    ("NETWORK", "network_as_points", ["network_as_points", "holds points"]),
])
def test_accessscore_bad_layers(town, unchanged, parameter, layer, words):
    value = [town[layer]] if parameter == "ASSETS" else town[layer]
    message = error_of(scores, town, POPULATION_FIELD="", **{parameter: value})
    for word in words:
        assert word in message


@pytest.mark.parametrize("text, words", [
    ("abc", ['"abc" is not a number', "minutes"]),
    ("-5", ["-5 is not above zero"]),
    ("0", ["0 is not above zero"]),
    ("5,,10", ["empty item"]),
    ("800 m", ['given in "m"', "minutes"]),
])
def test_bad_thresholds_in_both_algorithms(town, unchanged, text, words):
    for run in (catchments, scores):
        message = error_of(run, town, THRESHOLDS=text)
        assert "THRESHOLDS" in message
        for word in words:
            assert word in message


def test_threshold_with_unit_and_very_large_threshold(town, unchanged):
    assert area(catchments(town, THRESHOLDS="5 mins")) == pytest.approx(
        area(catchments(town, THRESHOLDS="5")))
    # a day's walk reaches the whole 700 m grid: its area is the grid buffered by 50 m
    whole = area(catchments(town, THRESHOLDS="1440"), 1440.0)
    assert whole == pytest.approx(800 * 800 - 36 * (100 - 2 * 50) ** 2, rel=0.01)


def test_null_geometry_facility_is_skipped_and_reported(town, unchanged):
    log = Log()
    result = catchments(town, feedback=log, FACILITIES=town["with_null_geometry"])
    assert "with_null_geometry: features without geometry, skipped: 1." in log.text
    assert "with_null_geometry: facilities attached to the network: 1 of 2." in log.text
    per_library = catchments(town, FACILITIES=town["libraries"], OVERLAP=0)["OUTPUT"]
    central = [f["area_m2"] for f in per_library.getFeatures() if f["facility_id"] == 1]
    assert area(result) == pytest.approx(central[0], rel=1e-9)


def test_null_geometry_origin_is_unreached_and_kept(town, unchanged):
    log = Log()
    result = scores(town, feedback=log, ORIGINS=town["with_null_geometry"],
                    POPULATION_FIELD="")
    rows = {f["name"]: f for f in result["OUTPUT"].getFeatures()}
    assert rows["no geometry"]["status"] == "unreached"
    assert rows["ok"]["status"] == "ok" and rows["ok"]["libraries_ok"] == 1
    assert "Origins without geometry (status 'unreached'): 1." in log.text


def test_invalid_polygons_are_repaired_and_attached(town, unchanged):
    log = Log()
    result = catchments(town, feedback=log, FACILITIES=town["parks_invalid"], OVERLAP=0)
    assert "parks_invalid: facilities attached to the network: 2 of 2." in log.text
    assert {f["facility_id"] for f in result["OUTPUT"].getFeatures()} == {1, 2}


def test_multipoint_facility_reaches_from_each_part(town, unchanged):
    single = area(catchments(town, FACILITIES=town["libraries"]))
    multi = area(catchments(town, FACILITIES=town["multipoints"]))
    assert multi == pytest.approx(single, rel=1e-9)


def test_z_and_m_values_are_dropped(town, unchanged):
    result = catchments(town, NETWORK=town["network_zm"], FACILITIES=town["libraries"],
                        THRESHOLDS="10")
    # the ZM network is the first horizontal and vertical street only: 700 m each way from
    # the corner, the library at (150, 10) is 10 m off the first street
    lines = processing.run("assetgaps:catchments", {
        "NETWORK": town["network_zm"], "FACILITIES": town["libraries"], "COST_TYPE": 1,
        "THRESHOLDS": "2000", "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"})
    total = sum(f.geometry().length() for f in lines["OUTPUT_LINES"].getFeatures())
    assert total == pytest.approx(1400.0)
    assert area(result, 10.0) > 0


def test_layers_in_different_crs_are_transformed(town, unchanged):
    projected = area(catchments(town))
    geographic = catchments(town, FACILITIES=town["libraries_wgs84"])
    assert geographic["OUTPUT"].crs().authid() == CRS
    assert area(geographic) == pytest.approx(projected, rel=1e-3)


def test_csv_point_layer_works_as_facilities_and_origins(town, unchanged):
    assert area(catchments(town, FACILITIES=town["csv"])) == pytest.approx(
        area(catchments(town)), rel=1e-9)
    rows = list(scores(town, ORIGINS=town["csv"], POPULATION_FIELD="")["OUTPUT"]
                .getFeatures())
    # each home stands on a library, both 10 m off the street: 20 m walked, 0.25 minutes
    assert [r["libraries_cost"] for r in rows] == pytest.approx([0.25, 0.25], abs=1e-9)


def test_facility_on_a_tiny_island_is_reported(town, unchanged):
    log = Log()
    catchments(town, feedback=log, NETWORK=town["network_with_island"],
               FACILITIES=town["island_library"])
    assert "island_library: features joining the network only on a small disconnected " \
           "part" in log.text
    assert "whose catchments stay small: 1 (for example 2)." in log.text


def test_network_with_one_feature(town, unchanged):
    lines = processing.run("assetgaps:catchments", {
        "NETWORK": town["one_line"], "FACILITIES": town["libraries"], "COST_TYPE": 1,
        "THRESHOLDS": "100", "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"})
    # the library 10 m off the street reaches 90 m either way along it
    total = sum(f.geometry().length() for f in lines["OUTPUT_LINES"].getFeatures())
    assert total == pytest.approx(180.0)


def test_network_with_exactly_overlapping_lines(town, unchanged):
    assert area(catchments(town, NETWORK=town["overlapping"])) == pytest.approx(
        area(catchments(town)), rel=1e-9)


def test_duplicate_and_non_ascii_asset_names_and_field_collisions(town, unchanged):
    log = Log()
    result = scores(town, feedback=log, ASSETS=[town["libraries"], town["libraries"],
                                                town["multipoints"]],
                    ASSET_NAMES="Kirjastöt ä,Kirjastöt ä,Score")
    names = [f.name() for f in result["OUTPUT"].fields()]
    assert names[:2] == ["fid", "population"]
    for kind in ("kirjastöt_ä", "kirjastöt_ä_2", "score"):
        assert f"{kind}_cost" in names and f"{kind}_ok" in names
    # the origin's own `score` field gave way to the new one, and the log says so
    assert names.count("score") == 1
    assert "Origin fields replaced by the new results: score" in log.text


def test_every_algorithm_runs_offline(town, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network calls allowed")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    scored = scores(town)["OUTPUT"]
    catchments(town, OUTPUT_LINES="memory:")
    processing.run("assetgaps:deserts", {"INPUT": scored, "MIN_MISSING": 1,
                                         "OUTPUT": "memory:"})
    processing.run("assetgaps:networkcheck", {"NETWORK": town["network"],
                                              "OUTPUT": "memory:"})


def test_qgis_process_bad_input_is_a_message_not_a_traceback(town, unchanged, qgis_process,
                                                             tmp_path):
    out = tmp_path / "out.gpkg"
    result = qgis_process("run", "assetgaps:catchments", f"--NETWORK={town['network']}",
                          f"--FACILITIES={town['far_away']}", "--THRESHOLDS=5",
                          f"--OUTPUT={out}", json_output=False)
    assert result.returncode != 0
    text = result.stdout + result.stderr
    assert "far_away" in text and "MAX_SNAP_DISTANCE" in text
    assert "Traceback" not in text
    assert not out.exists()


def test_cancel_stops_quickly_and_writes_nothing(tmp_path):
    """A run on a 120 x 120 street grid (about 28,000 edges) is cancelled after one second:
    it returns within two seconds of the cancel, writes no output file, and its progress
    never goes backwards."""
    path = tmp_path / "big.gpkg"
    size, spacing = 120, 50.0
    rows = []
    for i in range(size):
        for j in range(size - 1):
            rows.append((f"LINESTRING({X0 + j * spacing} {Y0 + i * spacing}, "
                         f"{X0 + (j + 1) * spacing} {Y0 + i * spacing})", []))
            rows.append((f"LINESTRING({X0 + i * spacing} {Y0 + j * spacing}, "
                         f"{X0 + i * spacing} {Y0 + (j + 1) * spacing})", []))
    network = write_layer(path, "network", "LineString", [], rows)
    sites = write_layer(path, "sites", "Point", [], [
        (point(i * 370.0 % 5900, i * 530.0 % 5900), []) for i in range(150)])
    out = tmp_path / "catchments.gpkg"
    log = Log()
    cancelled_at = []

    def cancel():
        cancelled_at.append(time.monotonic())
        log.cancel()

    timer = threading.Timer(1.0, cancel)
    timer.start()
    try:
        result = processing.run("assetgaps:catchments", {
            "NETWORK": network, "FACILITIES": sites, "THRESHOLDS": "5,10,15,20",
            "OVERLAP": 0, "OUTPUT": str(out)}, feedback=log)
    except QgsProcessingException:
        result = {}
    finished = time.monotonic()
    timer.cancel()
    assert cancelled_at, "the run ended before it could be cancelled"
    assert finished - cancelled_at[0] < 2.0
    assert not out.exists()
    assert "OUTPUT" not in result
    assert log.progress == sorted(log.progress)


def test_invalid_network_filter_is_an_error_not_ignored(town, unchanged):
    message = error_of(catchments, town, NETWORK_FILTER="\"name\" = ")
    assert "NETWORK_FILTER is not a valid expression" in message


def test_origin_on_a_tiny_island_is_reported(town, unchanged):
    log = Log()
    result = scores(town, feedback=log, NETWORK=town["network_with_island"],
                    ORIGINS=town["island_library"], POPULATION_FIELD="")
    assert "Origins joining the network only on a small disconnected part" in log.text
    assert "so reaching little: 1. Check the network" in log.text
    costs = {f["name"]: f["libraries_cost"] for f in result["OUTPUT"].getFeatures()}
    assert costs["on the island"] == NULL
    assert costs["on the mainland"] == pytest.approx(0.25)


def test_mistyped_facility_id_field_names_the_parameter(town, unchanged):
    message = error_of(catchments, town, FACILITY_ID_FIELD="nmae")
    assert 'FACILITY_ID_FIELD "nmae" is not a field of FACILITIES "libraries"' in message
