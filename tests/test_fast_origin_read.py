"""Point origins read through OGR's Arrow stream (fast_read.read_file_points) give exactly
what the QGIS feature loop gives, and any other layer takes the feature loop."""

import numpy as np
import pytest
from osgeo import gdal, ogr
from qgis.core import QgsProcessingContext, QgsProcessingFeatureSource, QgsVectorLayer

from community_asset_gaps.algorithms import readers
from community_asset_gaps.algorithms.fast_read import ogr_file, read_file_points

from helpers import HELSINKI_KINDS, layer_source, rows, write_gpkg

POINT_ROWS = [
    ((10.5,), "POINT (1000 2000)"),
    ((None,), "POINT (1010 2020)"),      # NULL people
    ((7.0,), None),                      # no geometry
    ((3.0,), "POINT EMPTY"),
    ((2.0,), "POINT (1030.25 2040.75)"),
    ((4.0,), "POINT (1000 2000)"),       # the same place as the first
]


def read_both_ways(layer, population_field="pop", streamed=True):
    """(OriginRows through the Arrow stream, OriginRows through the feature loop);
    whether the stream could read the layer must be ``streamed``."""
    context = QgsProcessingContext()
    source = QgsProcessingFeatureSource(layer, context)
    file = ogr_file(layer)
    assert file is not None
    assert (read_file_points(file, population_field) is not None) == streamed
    fast = readers.read_origin_rows(source, layer.crs(), context, population_field, False,
                                    file)
    general = readers.read_origin_rows(source, layer.crs(), context, population_field,
                                       False)
    return fast, general


def assert_same_rows(fast, general):
    np.testing.assert_array_equal(fast.fids, general.fids)
    np.testing.assert_array_equal(fast.points, general.points)
    np.testing.assert_array_equal(fast.boxes, general.boxes)
    if general.population is None:
        assert fast.population is None
    else:
        np.testing.assert_array_equal(fast.population, general.population)
    assert fast.shapes is None and general.shapes is None


def point_layer(tmp_path, kind=ogr.OFTReal, deleted=(), name="homes"):
    """A GeoPackage point layer of POINT_ROWS, with the features at ``deleted`` removed
    (gaps in the feature ids)."""
    path = tmp_path / f"{name}.gpkg"
    write_gpkg(path, name, [("pop", kind)], POINT_ROWS, ogr.wkbPoint)
    if deleted:
        source = ogr.Open(str(path), 1)
        for fid in deleted:
            source.GetLayer(0).DeleteFeature(fid)
        source = None
    return QgsVectorLayer(f"{path}|layername={name}", name, "ogr")


def test_hard_points_read_the_same(tmp_path):
    fast, general = read_both_ways(point_layer(tmp_path, deleted=(1,)))
    assert_same_rows(fast, general)
    assert fast.fids.tolist() == [2, 3, 4, 5, 6]
    # NULL people count 0; no geometry and an empty point are NaN rows
    assert fast.population.tolist() == [0.0, 7.0, 3.0, 2.0, 4.0]
    assert np.isnan(fast.points[1:3]).all()
    assert fast.points[[0, 3]].tolist() == [[1010.0, 2020.0], [1030.25, 2040.75]]


def test_integer_people_and_no_population_field_read_the_same(tmp_path):
    layer = point_layer(tmp_path, ogr.OFTInteger64)
    assert_same_rows(*read_both_ways(layer))
    assert_same_rows(*read_both_ways(layer, ""))


def test_shapefile_points_read_the_same(tmp_path):
    gpkg = point_layer(tmp_path)
    shapefile = tmp_path / "homes.shp"
    gdal.VectorTranslate(str(shapefile), gpkg.source().split("|")[0],
                         layerCreationOptions=["ENCODING=UTF-8"])
    layer = QgsVectorLayer(str(shapefile), "homes", "ogr")
    assert layer.isValid()
    assert_same_rows(*read_both_ways(layer))


def test_sample_asset_points_read_the_same(helsinki_gpkg):
    layer = QgsVectorLayer(f"{helsinki_gpkg}|layername=food_retail", "food", "ogr")
    fast, general = read_both_ways(layer, "")
    assert_same_rows(fast, general)
    assert len(fast.fids) == 15


@pytest.mark.parametrize("geometry_type, wkt", [
    (ogr.wkbMultiPoint, "MULTIPOINT ((1000 2000))"),
    (ogr.wkbPoint25D, "POINT Z (1000 2000 5)"),
    (ogr.wkbPolygon, "POLYGON ((0 0, 10 0, 10 10, 0 0))"),
])
def test_other_geometries_take_the_feature_loop(tmp_path, geometry_type, wkt):
    path = tmp_path / "other.gpkg"
    layer = write_gpkg(path, "other", [("pop", ogr.OFTReal)], [((1.0,), wkt)],
                       geometry_type)
    # the algorithm's reader still gives the feature loop's rows
    fast, general = read_both_ways(layer, streamed=False)
    assert_same_rows(fast, general)


def test_text_people_take_the_feature_loop(tmp_path):
    layer = write_gpkg(tmp_path / "text.gpkg", "text", [("pop", ogr.OFTString)],
                       [(("12",), "POINT (1 2)")], ogr.wkbPoint)
    assert read_file_points(ogr_file(layer), "pop") is None


def test_access_score_reads_point_files_through_the_stream(helsinki_gpkg, tmp_path,
                                                          monkeypatch):
    """The access score of a point file layer is the same read either way, and the
    Arrow stream is what read it."""
    calls = []

    def counted(file, population_field):
        found = read_file_points(file, population_field)
        calls.append(found is not None)
        return found

    import processing

    origins = tmp_path / "homes.gpkg"
    ogr.GetDriverByName("GPKG").CopyDataSource(ogr.Open(str(helsinki_gpkg)), str(origins))
    outputs = {}
    for fast in (True, False):
        monkeypatch.setattr(readers, "read_file_points",
                            counted if fast else lambda *args: None)
        outputs[fast] = tmp_path / f"scores_{fast}.gpkg"
        processing.run("assetgaps:accessscore", {
            "NETWORK": layer_source(helsinki_gpkg, "walk_network"),
            "ORIGINS": layer_source(origins, "food_retail"),
            "ASSETS": [layer_source(helsinki_gpkg, name) for name in HELSINKI_KINDS],
            "THRESHOLDS": "10,10,10,5,5", "OUTPUT": str(outputs[fast])})
    assert calls == [True]
    written = [rows(QgsVectorLayer(str(outputs[fast]), "scores", "ogr")) for fast in
               (True, False)]
    assert len(written[0]) == 15 and written[0] == written[1]


def test_the_output_page_cache_is_set_only_while_a_sink_opens(helsinki_gpkg, tmp_path):
    """The larger SQLite cache of the GeoPackages written is this thread's, for the time a
    sink opens: GDAL's settings are as they were after a run."""
    import processing

    gdal.SetConfigOption("OGR_SQLITE_CACHE", None)
    processing.run("assetgaps:accessscore", {
        "NETWORK": layer_source(helsinki_gpkg, "walk_network"),
        "ORIGINS": layer_source(helsinki_gpkg, "food_retail"),
        "ASSETS": [layer_source(helsinki_gpkg, "libraries")],
        "THRESHOLDS": "10", "OUTPUT": str(tmp_path / "scores.gpkg")})
    assert gdal.GetThreadLocalConfigOption("OGR_SQLITE_CACHE", None) is None
    assert gdal.GetConfigOption("OGR_SQLITE_CACHE") is None
    assert QgsVectorLayer(str(tmp_path / "scores.gpkg"), "s", "ogr").featureCount() == 15


def test_flatgeobuf_points_take_the_feature_loop(tmp_path):
    """GDAL 3.6's Arrow stream never ends on a FlatGeobuf file without features: points
    in FlatGeobuf are read by the feature loop, an empty file too."""
    path = tmp_path / "homes.fgb"
    # FlatGeobuf takes no feature without a point (GDAL 3.6 leaves them out, newer
    # releases refuse them)
    gdal.VectorTranslate(str(path), point_layer(tmp_path).source().split("|")[0],
                         skipFailures=True)
    empty = tmp_path / "empty.fgb"
    gdal.VectorTranslate(str(empty), str(path), where="0 = 1")
    for file in (path, empty):
        layer = QgsVectorLayer(str(file), "homes", "ogr")
        assert layer.isValid()
        fast, general = read_both_ways(layer, streamed=False)
        assert_same_rows(fast, general)
        assert len(fast.fids) == layer.featureCount() == (4 if file == path else 0)
