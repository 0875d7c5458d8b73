"""Ground heights (DEM, SLOPE_FACTOR) through the algorithms, on a synthetic DEM written here.

A plane tilted at a known gradient under a straight street gives every answer in closed
form: walking at gradient g (rise / run in the direction walked) costs
exp(3.5 * (|g + 0.05| - 0.05)) flat metres per metre (Tobler's hiking function scaled so
that flat ground is walked at WALK_SPEED; docs/architecture.md, "Slope"). Walks go from
the home to the asset, so the catchment reaches farther on the side from which one walks
down to the asset.
"""

import math
import re

import numpy as np
import pytest
from osgeo import gdal, osr
from pyproj import Transformer
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from helpers import LogFeedback, rows

# A street running east from (X0, Y0) for LENGTH metres in British National Grid, with an
# asset half way along; the ground rises eastwards at GRADIENT.
X0, Y0 = 400000.0, 300000.0
LENGTH = 2000.0
ASSET_X = X0 + LENGTH / 2
GRADIENT = 0.05
CELL = 10.0
M_PER_MIN = 80.0  # 4.8 km/h


def slowdown(gradient, factor=1.0):
    """Flat metres per metre walked at ``gradient`` (the rule, written out again)."""
    return math.exp(3.5 * factor * (abs(gradient + 0.05) - 0.05))


def write_dem(path, heights_of, x_min, y_max, columns, rows_, cell=CELL, epsg=27700,
              nodata=None, data_type=gdal.GDT_Float32):
    """A north-up GeoTIFF whose cell centres (x, y) hold ``heights_of(x, y)``."""
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(str(path), columns, rows_, 1, data_type)
    dataset.SetGeoTransform((x_min, cell, 0.0, y_max, 0.0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    dataset.SetProjection(srs.ExportToWkt())
    xs = x_min + (np.arange(columns) + 0.5) * cell
    ys = y_max - (np.arange(rows_) + 0.5) * cell
    grid_x, grid_y = np.meshgrid(xs, ys)
    band = dataset.GetRasterBand(1)
    band.WriteArray(heights_of(grid_x, grid_y))
    if nodata is not None:
        band.SetNoDataValue(nodata)
    dataset.FlushCache()
    dataset = None
    return str(path)


def tilted_plane(path, gradient=GRADIENT, x_min=X0 - 500, x_max=X0 + LENGTH + 500):
    """The plane height = gradient * (x - X0) + 100 over the street and well beyond it."""
    columns = int(round((x_max - x_min) / CELL))
    return write_dem(path, lambda x, y: gradient * (x - X0) + 100.0, x_min, Y0 + 500,
                     columns, int(1000 / CELL))


def write_layer(path, name, wkt_list, geometry="LineString", epsg=27700):
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:{epsg}", name, "memory")
    features = []
    for wkt in wkt_list:
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.layerName = name
    options.driverName = "GPKG"
    if path.exists():
        options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error
    return f"{path}|layername={name}"


@pytest.fixture
def street(tmp_path):
    """(network, asset, homes) sources: the street, its asset and homes 300 m either side."""
    gpkg = tmp_path / "street.gpkg"
    network = write_layer(gpkg, "street", [f"LineString({X0} {Y0}, {X0 + LENGTH} {Y0})"])
    asset = write_layer(gpkg, "asset", [f"Point({ASSET_X} {Y0})"], "Point")
    homes = write_layer(gpkg, "homes", [f"Point({ASSET_X - 300} {Y0})",
                                        f"Point({ASSET_X + 300} {Y0})"], "Point")
    return network, asset, homes


def catchments(network, asset, feedback=None, **extra):
    import processing

    parameters = {"NETWORK": network, "FACILITIES": asset, "THRESHOLDS": "5",
                  "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"}
    parameters.update(extra)
    return processing.run("assetgaps:catchments", parameters,
                          feedback=feedback or LogFeedback())


def reach_either_side(lines_layer):
    """(metres reached west of the asset, metres reached east of it)."""
    xs = [point.x() for feature in lines_layer.getFeatures()
          for point in feature.geometry().vertices()]
    return ASSET_X - min(xs), max(xs) - ASSET_X


# --- the tilted plane in closed form -------------------------------------------------------


def test_tilted_plane_catchment_reaches_farther_downhill(street, tmp_path):
    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")
    flat_metres = 5 * M_PER_MIN
    log = LogFeedback()
    result = catchments(network, asset, log, DEM=dem)
    west, east = reach_either_side(result["OUTPUT_LINES"])
    # from the west a home walks up to the asset; from the east, down to it
    assert west == pytest.approx(flat_metres / slowdown(GRADIENT), abs=0.01)
    assert east == pytest.approx(flat_metres / slowdown(-GRADIENT), abs=0.01)
    assert west == pytest.approx(335.79, abs=0.01)
    assert east == pytest.approx(476.50, abs=0.01)
    # the flat run reaches 400 m either way
    flat = catchments(network, asset)
    assert reach_either_side(flat["OUTPUT_LINES"]) == pytest.approx((400.0, 400.0), abs=0.01)
    # the cost along the reachable lines ends at the threshold
    ends = sorted(feature["cost_end"] for feature in result["OUTPUT_LINES"].getFeatures())
    assert ends[-1] == pytest.approx(5.0)
    assert "Ground heights: DEM \"plane\" (EPSG:27700), slope factor 1." in log.text
    assert "Network on the DEM: 100%; 0.0 km walked as flat" in log.text
    # the area of the merged catchment with and without slope, for the first threshold
    polygon = next(result["OUTPUT"].getFeatures())
    flat_polygon = next(flat["OUTPUT"].getFeatures())
    match = re.search(r"Within 5 min: ([\d.,]+) ha with slope, ([\d.,]+) ha on the flat "
                      r"\(([+-]\d+)%\)", log.text)
    assert match, log.text
    assert float(match.group(1)) == pytest.approx(polygon["area_m2"] / 1e4, abs=0.05)
    assert float(match.group(2)) == pytest.approx(flat_polygon["area_m2"] / 1e4, abs=0.05)
    change = polygon["area_m2"] / flat_polygon["area_m2"] - 1
    assert int(match.group(3)) == round(100 * change)


def test_slope_effect_is_logged_alike_for_every_overlap(street, tmp_path):
    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")
    found = []
    for overlap in (0, 1, 2):
        log = LogFeedback()
        catchments(network, asset, log, DEM=dem, OVERLAP=overlap, THRESHOLDS="5,10")
        found.append([line for line in log.lines if "with slope" in line])
    assert found[0] == found[1] == found[2]
    assert len(found[0]) == 1 and found[0][0].startswith("Within 5 min: ")


def test_on_a_large_network_the_log_compares_streets_reached(street, tmp_path,
                                                             monkeypatch):
    """Beyond SLOPE_EFFECT_MAX_AREA_PARTS parts of streets reached, the log compares the
    length of street within the first threshold (a search) instead of the areas (a
    second polygon): here 335.79 m + 476.50 m with slope, 800 m on the flat."""
    from community_asset_gaps.core import definitions

    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")
    monkeypatch.setattr(definitions, "SLOPE_EFFECT_MAX_AREA_PARTS", 0)
    log = LogFeedback()
    catchments(network, asset, log, DEM=dem)
    assert "Within 5 min: 0.8 km of streets reached with slope, 0.8 km on the flat (+2%); " \
        "on a network this large the streets reached are compared rather than the areas." \
        in log.text
    assert "ha with slope" not in log.text


def test_slope_factor_scales_the_gradient_and_zero_ignores_it(street, tmp_path):
    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")
    west, east = reach_either_side(catchments(network, asset, DEM=dem,
                                              SLOPE_FACTOR=2)["OUTPUT_LINES"])
    assert west == pytest.approx(400.0 / slowdown(GRADIENT, 2), abs=0.01)
    assert east == pytest.approx(400.0 / slowdown(-GRADIENT, 2), abs=0.01)
    log = LogFeedback()
    result = catchments(network, asset, log, DEM=dem, SLOPE_FACTOR=0)
    assert reach_either_side(result["OUTPUT_LINES"]) == pytest.approx((400.0, 400.0), abs=0.01)
    assert "is ignored: SLOPE_FACTOR is 0" in log.text


def test_slope_factor_out_of_range_is_a_clear_error(street, tmp_path):
    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")
    with pytest.raises(QgsProcessingException, match="SLOPE_FACTOR"):
        catchments(network, asset, DEM=dem, SLOPE_FACTOR=12)


def test_access_costs_walk_from_the_home_to_the_asset(street, tmp_path):
    import processing

    network, asset, homes = street
    dem = tilted_plane(tmp_path / "plane.tif")
    log = LogFeedback()
    result = processing.run("assetgaps:accessscore", {
        "NETWORK": network, "ORIGINS": homes, "ASSETS": [asset], "ASSET_NAMES": "library",
        "THRESHOLDS": "4", "DEM": dem, "OUTPUT": "memory:"}, feedback=log)
    found = [row["library_cost"] for row in rows(result["OUTPUT"])]
    # west home: 300 m uphill; east home: 300 m downhill (minutes at 80 m a minute)
    assert found == pytest.approx([300 * slowdown(GRADIENT) / M_PER_MIN,
                                   300 * slowdown(-GRADIENT) / M_PER_MIN], abs=1e-4)
    assert found == pytest.approx([4.4672, 3.1480], abs=1e-4)
    assert [row["library_ok"] for row in rows(result["OUTPUT"])] == [0, 1]
    # with the surface asked for (the reachable parts are built too) the costs agree
    with_surface = processing.run("assetgaps:accessscore", {
        "NETWORK": network, "ORIGINS": homes, "ASSETS": [asset], "ASSET_NAMES": "library",
        "THRESHOLDS": "4", "DEM": dem, "OUTPUT": "memory:", "OUTPUT_SURFACE": "memory:"})
    assert [row["library_cost"] for row in rows(with_surface["OUTPUT"])] == \
        pytest.approx(found, abs=1e-9)


def test_areas_judged_by_share_use_the_slope(street, tmp_path):
    """Polygon origins judged by the share of their area within the catchment: squares
    40 m across, 430 to 470 m either side of the asset, lie half in the flat 5-minute
    catchment (400 m, then 50 m either side); with the slope, the east one (downhill to
    the asset: 476.50 m) lies wholly in it, the west one (uphill: 335.79 m) wholly out."""
    import processing

    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")

    def square(x0):
        return f"Polygon(({x0} {Y0 - 20}, {x0 + 40} {Y0 - 20}, {x0 + 40} {Y0 + 20}, " \
               f"{x0} {Y0 + 20}, {x0} {Y0 - 20}))"

    areas = write_layer(tmp_path / "street.gpkg", "areas",
                        [square(ASSET_X - 470), square(ASSET_X + 430)], "Polygon")

    def shares(**extra):
        result = processing.run("assetgaps:accessscore", dict({
            "NETWORK": network, "ORIGINS": areas, "ASSETS": [asset], "ASSET_NAMES": "library",
            "THRESHOLDS": "5", "OUTPUT": "memory:"}, **extra))
        return [row["library_share"] for row in rows(result["OUTPUT"])]

    west, east = shares()
    assert west == pytest.approx(east, abs=0.5) and 10 < west < 90
    assert shares(DEM=dem) == pytest.approx([0.0, 100.0], abs=1e-6)
    # the scenario judges them the same way before the asset closes
    scenario = processing.run("assetgaps:scenario", {
        "NETWORK": network, "ORIGINS": areas, "ASSETS": [asset], "ASSET_NAMES": "library",
        "THRESHOLDS": "5", "REMOVE": "fid = 1", "DEM": dem, "OUTPUT": "memory:",
        "OUTPUT_SUMMARY": "memory:"})
    assert [(row["library_share_before"], row["library_share_after"])
            for row in rows(scenario["OUTPUT"])] == [(0.0, 0.0), (100.0, 0.0)]


def test_homes_off_the_street_walk_their_gap_flat(street, tmp_path):
    import processing

    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")
    homes = write_layer(tmp_path / "street.gpkg", "far_homes",
                        [f"Point({ASSET_X + 300} {Y0 + 40})"], "Point")
    log = LogFeedback()
    result = processing.run("assetgaps:accessscore", {
        "NETWORK": network, "ORIGINS": homes, "ASSETS": [asset], "ASSET_NAMES": "library",
        "THRESHOLDS": "10", "DEM": dem, "OUTPUT": "memory:"}, feedback=log)
    cost = rows(result["OUTPUT"])[0]["library_cost"]
    assert cost == pytest.approx((40 + 300 * slowdown(-GRADIENT)) / M_PER_MIN, abs=1e-4)
    assert "far_homes: straight gaps to the network walked as flat: 1 points, 40 m in all." \
        in log.text


def test_scenario_and_best_sites_use_the_slope(street, tmp_path):
    import processing

    network, asset, homes = street
    dem = tilted_plane(tmp_path / "plane.tif")
    # within 4 minutes only the east home (downhill to the asset) is within reach
    common = {"NETWORK": network, "ORIGINS": homes, "DEM": dem}
    scenario = processing.run("assetgaps:scenario", dict(
        common, ASSETS=[asset], ASSET_NAMES="library", THRESHOLDS="4",
        REMOVE="fid = 1", OUTPUT="memory:", OUTPUT_SUMMARY="memory:"))
    summary = rows(scenario["OUTPUT_SUMMARY"])[0]
    assert (summary["pop_before"], summary["pop_after"]) == (1.0, 0.0)
    flat = processing.run("assetgaps:scenario", dict(
        common, DEM=None, ASSETS=[asset], ASSET_NAMES="library", THRESHOLDS="4",
        REMOVE="fid = 1", OUTPUT="memory:", OUTPUT_SUMMARY="memory:"))
    assert rows(flat["OUTPUT_SUMMARY"])[0]["pop_before"] == 2.0
    best = processing.run("assetgaps:bestsites", dict(
        common, CANDIDATES=asset, THRESHOLD=4, N_SITES=1, OUTPUT="memory:"))
    assert [row["pop_gain"] for row in rows(best["OUTPUT"])] == [1.0]


# --- the DEM's CRS, extent and no-data -----------------------------------------------------


def test_dem_in_another_crs_is_read_in_its_own_cells(street, tmp_path):
    """A plane tilted in UTM zone 30N coordinates: along the street (in British National
    Grid) its gradient is GRADIENT times how fast UTM x grows along British x."""
    network, asset, _ = street
    to_utm = Transformer.from_crs("EPSG:27700", "EPSG:32630", always_xy=True)
    corners = np.array(to_utm.transform([X0 - 600, X0 + LENGTH + 600, X0 - 600,
                                         X0 + LENGTH + 600],
                                        [Y0 - 600, Y0 - 600, Y0 + 600, Y0 + 600])).T
    x_min, y_max = corners[:, 0].min(), corners[:, 1].max()
    columns = int((corners[:, 0].max() - x_min) / CELL) + 1
    rows_ = int((y_max - corners[:, 1].min()) / CELL) + 1
    dem = write_dem(tmp_path / "utm.tif", lambda x, y: GRADIENT * (x - x_min), x_min, y_max,
                    columns, rows_, epsg=32630)
    (ax, _), (bx, _) = np.array(to_utm.transform([ASSET_X - 400, ASSET_X + 400],
                                                 [Y0, Y0])).T
    gradient = GRADIENT * (bx - ax) / 800.0
    log = LogFeedback()
    west, east = reach_either_side(catchments(network, asset, log, DEM=dem)["OUTPUT_LINES"])
    assert west == pytest.approx(400.0 / slowdown(gradient), abs=0.05), log.text
    assert east == pytest.approx(400.0 / slowdown(-gradient), abs=0.05)
    assert "(EPSG:32630)" in log.text, log.text
    assert "Network on the DEM: 100%" in log.text


def test_dem_in_degrees(street, tmp_path):
    """A DEM in longitude and latitude (as global terrain models are) holding the plane of
    the street's CRS: read in its own cells, the gradient along the street is GRADIENT
    (up to the interpolation between cells about 7 by 11 m)."""
    network, asset, _ = street
    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    to_degrees = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    lon, lat = to_degrees.transform([X0 - 600, X0 + LENGTH + 600], [Y0 - 600, Y0 + 600])
    cell = 0.0001
    columns = int((max(lon) - min(lon)) / cell) + 1
    rows_ = int((max(lat) - min(lat)) / cell) + 1

    def plane(x, y):
        bng_x, _ = to_bng.transform(x, y)
        return GRADIENT * (np.asarray(bng_x) - X0) + 100.0

    dem = write_dem(tmp_path / "degrees.tif", plane, min(lon), max(lat), columns, rows_,
                    cell=cell, epsg=4326)
    log = LogFeedback()
    west, east = reach_either_side(catchments(network, asset, log, DEM=dem)["OUTPUT_LINES"])
    assert west == pytest.approx(400.0 / slowdown(GRADIENT), abs=0.5)
    assert east == pytest.approx(400.0 / slowdown(-GRADIENT), abs=0.5)
    assert "(EPSG:4326)" in log.text and "Network on the DEM: 100%" in log.text


def test_a_large_dem_is_read_coarser(street, tmp_path):
    """Above the cell limit the part under the network is read coarser: each side divided
    by the same whole number, heights still those of the ground."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeatureSource, QgsRasterLayer

    from community_asset_gaps.algorithms.heights import read_dem
    from community_asset_gaps.core.heights import heights_at

    network, _, _ = street
    layer = QgsRasterLayer(tilted_plane(tmp_path / "plane.tif"), "plane")
    context = QgsProcessingContext()
    street_layer = QgsVectorLayer(network, "street", "ogr")  # alive as long as its source
    source = QgsProcessingFeatureSource(street_layer, context)
    whole = read_dem(layer, [(source, "street")], context)
    coarse = read_dem(layer, [(source, "street")], context, max_cells=1000)
    assert whole.coarser == 1 and coarse.coarser > 1
    rows_, columns = whole.grid.heights.shape
    assert coarse.grid.heights.shape == (rows_ // coarse.coarser, columns // coarse.coarser)
    # the street's extent (a flat box, padded by 1% of its length: 20 m) grown by two
    # cells, snapped to the raster's cells
    assert whole.grid.x_min == X0 - 20 - 2 * CELL
    assert columns == (LENGTH + 40 + 4 * CELL) / CELL
    assert rows_ == (40 + 4 * CELL) / CELL
    xy = np.array([[X0 + 100.0, Y0], [X0 + 1500.0, Y0]])
    assert heights_at(whole.grid, xy) == pytest.approx([105.0, 175.0], abs=1e-4)
    assert heights_at(coarse.grid, xy) == pytest.approx([105.0, 175.0],
                                                        abs=GRADIENT * CELL * coarse.coarser)


def test_dem_partly_off_the_network_is_walked_flat_and_logged(street, tmp_path):
    network, asset, _ = street
    # the DEM ends 50 m east of the asset
    dem = tilted_plane(tmp_path / "half.tif", x_max=ASSET_X + 50)
    log = LogFeedback()
    west, east = reach_either_side(catchments(network, asset, log, DEM=dem)["OUTPUT_LINES"])
    assert west == pytest.approx(400.0 / slowdown(GRADIENT), abs=0.01)
    assert east == pytest.approx(EAST_OF_THE_EDGE, abs=0.01)
    # samples are 10 m apart from the street's west end; the one on the DEM's edge (50 m
    # east of the asset) has no height, so the stretch from 40 to 50 m is walked flat too
    assert re.search(r"Network on the DEM: 52%; 1\.0 km walked as flat", log.text), \
        log.text


# east of the asset with heights known for 40 m only: 40 m downhill, then flat
EAST_OF_THE_EDGE = 400.0 + 40 * (1 - slowdown(-GRADIENT))


def test_no_data_cells_are_walked_flat(street, tmp_path):
    network, asset, _ = street

    def plane_with_hole(x, y):
        heights = GRADIENT * (x - X0) + 100.0
        return np.where(x > ASSET_X + 50, -9999.0, heights)

    dem = write_dem(tmp_path / "hole.tif", plane_with_hole, X0 - 500, Y0 + 500,
                    int((LENGTH + 1000) / CELL), int(1000 / CELL), nodata=-9999.0)
    log = LogFeedback()
    west, east = reach_either_side(catchments(network, asset, log, DEM=dem)["OUTPUT_LINES"])
    assert west == pytest.approx(400.0 / slowdown(GRADIENT), abs=0.01)
    assert east == pytest.approx(EAST_OF_THE_EDGE, abs=0.01)
    assert re.search(r"Network on the DEM: 52%; 1\.0 km walked as flat", log.text), log.text


def test_integer_dem_is_read(street, tmp_path):
    """Heights stored as 16-bit integers (whole metres, as many national terrain models
    are): a plane rising 1 m every 20 m, whole metres at every cell centre."""
    network, asset, _ = street
    dem = write_dem(tmp_path / "int.tif", lambda x, y: np.round(0.05 * (x - X0 - 10) + 100),
                    X0 - 500, Y0 + 500, int((LENGTH + 1000) / 20.0), int(1000 / 20.0),
                    cell=20.0, data_type=gdal.GDT_Int16)
    west, east = reach_either_side(catchments(network, asset, DEM=dem)["OUTPUT_LINES"])
    assert west == pytest.approx(400.0 / slowdown(GRADIENT), abs=0.01)
    assert east == pytest.approx(400.0 / slowdown(-GRADIENT), abs=0.01)


def test_dem_without_a_crs_is_a_clear_error(street, tmp_path):
    network, asset, _ = street
    path = tmp_path / "no_crs.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), 10, 10, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((X0, CELL, 0.0, Y0 + 50, 0.0, -CELL))
    dataset.GetRasterBand(1).WriteArray(np.zeros((10, 10), dtype=np.float32))
    dataset = None
    with pytest.raises(QgsProcessingException,
                       match="DEM \"no_crs\" has no coordinate reference system"):
        catchments(network, asset, DEM=str(path))


def test_dem_away_from_the_network_is_a_warning(street, tmp_path):
    network, asset, _ = street
    dem = write_dem(tmp_path / "away.tif", lambda x, y: x * 0.0, X0 + 50000, Y0 + 50000,
                    10, 10)
    log = LogFeedback()
    result = catchments(network, asset, log, DEM=dem)
    assert reach_either_side(result["OUTPUT_LINES"]) == pytest.approx((400.0, 400.0), abs=0.01)
    assert "does not cover the network: every walk is on the flat" in log.text


# --- what the DEM leaves alone ---------------------------------------------------------------


def test_distance_mode_ignores_the_dem(street, tmp_path):
    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")
    log = LogFeedback()
    with_dem = catchments(network, asset, log, DEM=dem, COST_TYPE=1, THRESHOLDS="300")
    without = catchments(network, asset, COST_TYPE=1, THRESHOLDS="300")
    assert reach_either_side(with_dem["OUTPUT_LINES"]) == pytest.approx((300.0, 300.0),
                                                                        abs=1e-9)
    assert [f.geometry().asWkt(3) for f in with_dem["OUTPUT"].getFeatures()] == \
        [f.geometry().asWkt(3) for f in without["OUTPUT"].getFeatures()]
    assert "DEM \"plane\" is ignored: walks are measured by distance" in log.text
    assert "Ground heights" not in log.text


def test_network_check_has_no_dem_parameter():
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    assert registry.algorithmById("assetgaps:networkcheck").parameterDefinition("DEM") is None
    for name in ("catchments", "accessscore", "scenario", "bestsites"):
        algorithm = registry.algorithmById(f"assetgaps:{name}")
        assert algorithm.parameterDefinition("DEM") is not None, name
        assert algorithm.parameterDefinition("SLOPE_FACTOR").defaultValue() == 1.0, name


# --- qgis_process ------------------------------------------------------------------------------


def test_qgis_process_catchment_with_a_dem(qgis_process, street, tmp_path):
    network, asset, _ = street
    dem = tilted_plane(tmp_path / "plane.tif")
    lines = tmp_path / "lines.gpkg"
    result = qgis_process("run", "assetgaps:catchments", f"--NETWORK={network}",
                          f"--FACILITIES={asset}", "--THRESHOLDS=5", f"--DEM={dem}",
                          f"--OUTPUT={tmp_path / 'catchments.gpkg'}",
                          f"--OUTPUT_LINES={lines}")
    assert result.returncode == 0, result.stdout + result.stderr
    layer = QgsVectorLayer(result.json["results"]["OUTPUT_LINES"], "lines", "ogr")
    assert layer.isValid()
    west, east = reach_either_side(layer)
    assert (west, east) == pytest.approx((335.79, 476.50), abs=0.01)
    assert "Network on the DEM: 100%" in result.stdout + result.stderr
    assert layer.crs() == QgsCoordinateReferenceSystem("EPSG:27700")
