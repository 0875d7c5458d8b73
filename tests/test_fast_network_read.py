"""The network read through OGR's Arrow stream (algorithms/fast_read.py) gives exactly
what the QGIS feature loop gives, and only plain file layers take it."""

import numpy as np
from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsVectorLayer,
)

from community_asset_gaps.algorithms import layers
from community_asset_gaps.algorithms.fast_read import OgrFile, ogr_file, read_file_lines
from community_asset_gaps.algorithms.parameters import NetworkSettings
from community_asset_gaps.core import definitions as d

from helpers import LogFeedback, write_gpkg


def settings(**changes) -> NetworkSettings:
    return NetworkSettings(d.COST_DISTANCE, d.DEFAULT_WALK_SPEED_KMH, 250.0, **changes)


def read_both_ways(layer, walkable=None):
    """((lines, part ids, stats) of the Arrow stream, the same of the feature loop)."""
    walkable = walkable or settings()
    context = QgsProcessingContext()
    source = QgsProcessingFeatureSource(layer, context)
    file = ogr_file(layer)
    assert file is not None
    results = []
    for fast in (True, False):
        stats = {"read": 0, "dropped": {}, "filtered": 0, "no_geometry": 0, "presets": []}
        walkability = layers._Walkability(source, layer.name(), walkable, context, stats)
        if fast:
            read = layers._read_file_lines(file, source, walkability, layer.crs(),
                                           LogFeedback(), stats)
            assert read is not None, "the Arrow stream was not used"
        else:
            read = layers._read_layer_lines(source, walkability, layer.crs(), context,
                                            LogFeedback(), stats)
        results.append((*read, stats))
    return results


def assert_same(fast, general):
    (fast_lines, fast_ids, fast_stats), (lines, ids, stats) = fast, general
    np.testing.assert_array_equal(fast_lines.xy, lines.xy)
    np.testing.assert_array_equal(fast_lines.start, lines.start)
    np.testing.assert_array_equal(fast_ids, ids)
    assert fast_stats == stats


def read_lines_log(layer, walkable=None, files=None):
    """(lines, stats, log) of the whole read_lines, strays and all."""
    context, feedback = QgsProcessingContext(), LogFeedback()
    source = QgsProcessingFeatureSource(layer, context)
    lines, stats = layers.read_lines([(source, layer.name())], layer.crs(), context,
                                     walkable or settings(), feedback, files)
    return lines, stats, feedback.lines


def assert_read_lines_same(layer, walkable=None):
    fast_lines, fast_stats, fast_log = read_lines_log(layer, walkable, [ogr_file(layer)])
    lines, stats, log = read_lines_log(layer, walkable)
    np.testing.assert_array_equal(fast_lines.xy, lines.xy)
    np.testing.assert_array_equal(fast_lines.start, lines.start)
    assert fast_stats == stats
    assert fast_log == log
    return stats, log


OSM_FIELDS = [("highway", ogr.OFTString), ("access", ogr.OFTString),
              ("foot", ogr.OFTString), ("other_tags", ogr.OFTString),
              ("name", ogr.OFTString)]

OSM_ROWS = [
    (("footway", None, None, None, "Kävelytie"), "LINESTRING (0 0, 100 0)"),
    ((None, None, None, None, None), "LINESTRING (0 0, 0 100)"),        # NULL highway
    (("", "", "", "", ""), "LINESTRING (0 100, 100 100)"),               # empty texts
    (("residential", None, None, None, None), "LINESTRING EMPTY"),
    (("residential", None, None, None, None), None),                     # null geometry
    (("path", None, None, None, None),
     "MULTILINESTRING ((100 0, 100 50), EMPTY, (100 50, 100 100, 120 120))"),
    (("service", None, None, None, None), "LINESTRING Z (0 0 5, -50 -50 7)"),
    (("service", "private", None, None, None), "LINESTRING (0 0, 50 0)"),
    (("service", "private", "yes", None, None), "LINESTRING (50 0, 60 0)"),
    (("track", None, None, '"access"=>"no","surface"=>"gravel"'), "LINESTRING (1 1, 2 2)"),
    (("track", None, None, '"foot"=>"no"'), "LINESTRING (2 2, 3 3)"),
    (("motorway", None, None, None, None), "LINESTRING (0 -10, 100 -10)"),
    (("steps", None, None, None, None), "LINESTRING (5 5, 6 6)"),
    ((" Footway ", None, None, None, None), "LINESTRING (6 6, 7 7)"),
    (("footway", None, None, None, None), "LINESTRING (9000000 9000000, 9000010 9000000)"),
]


def osm_ways(tmp_path):
    """A GeoPackage layer of OSM_ROWS."""
    rows = [((list(values) + [None] * 5)[:5], wkt) for values, wkt in OSM_ROWS]
    return write_gpkg(tmp_path / "osm.gpkg", "ways", OSM_FIELDS, rows)


def test_helsinki_sample_reads_the_same(helsinki_gpkg):
    layer = QgsVectorLayer(f"{helsinki_gpkg}|layername=walk_network", "walk_network", "ogr")
    fast, general = read_both_ways(layer)
    assert_same(fast, general)
    assert fast[2]["read"] == 2504
    assert fast[2]["dropped"] == {"highway=construction": 3, "foot=no": 34,
                                  "access=private": 15, "access=no": 13}
    step_free = read_both_ways(layer, settings(step_free=True))
    assert_same(*step_free)
    assert any(reason.endswith("(step-free)") for reason in step_free[0][2]["dropped"])


def test_sao_paulo_network_reads_the_same(sao_paulo_gpkg):
    layer = QgsVectorLayer(f"{sao_paulo_gpkg}|layername=street_network", "streets", "ogr")
    fast, general = read_both_ways(layer)
    assert_same(fast, general)
    assert fast[2]["dropped"]["highway=trunk"] > 0


def test_hard_features_read_the_same(tmp_path):
    osm_layer = osm_ways(tmp_path)
    fast, general = read_both_ways(osm_layer)
    assert_same(fast, general)
    stats = fast[2]
    assert stats["read"] == len(OSM_ROWS)
    assert stats["no_geometry"] == 2
    # the NULL highway reads as QGIS gives it on this release ("NULL" or "null"), the empty
    # one as NULL; the private service road without foot=yes is dropped
    assert sum(count for reason, count in stats["dropped"].items()
               if reason.lower() == "highway=null") == 2
    assert stats["dropped"]["access=private"] == 1
    assert stats["dropped"]["access=no"] == 1
    assert stats["dropped"]["foot=no"] == 1
    assert stats["dropped"]["highway=motorway"] == 1
    # the multi-line's two parts with vertices, the Z line flattened
    lines, ids = fast[0], fast[1]
    path = [lines[i].tolist() for i in np.flatnonzero(ids == 6)]
    assert path == [[[100.0, 0.0], [100.0, 50.0]], [[100.0, 50.0], [100.0, 100.0],
                                                     [120.0, 120.0]]]
    assert [lines[i].tolist() for i in np.flatnonzero(ids == 7)] == \
        [[[0.0, 0.0], [-50.0, -50.0]]]
    stats, log = assert_read_lines_same(osm_layer)
    assert any("far outside the rest of the layer" in line for line in log)


def test_os_open_roads_layer_reads_the_same(tmp_path):
    fields = [("roadFunction", ogr.OFTString), ("formOfWay", ogr.OFTString),
              ("length", ogr.OFTReal), ("roadNumber", ogr.OFTInteger)]
    rows = [(("A Road", "Single Carriageway", 12.5, 1), "LINESTRING (0 0, 10 0)"),
            (("Motorway", "Dual Carriageway", 3.0, 2), "LINESTRING (10 0, 20 0)"),
            ((None, None, None, None), "LINESTRING (20 0, 30 0)"),
            (("Local Road", "", 1.0, None), "LINESTRING (30 0, 40 0)")]
    layer = write_gpkg(tmp_path / "roads.gpkg", "road_link", fields, rows)
    fast, general = read_both_ways(layer)
    assert_same(fast, general)
    assert fast[2]["dropped"] == {"function=Motorway": 1}
    assert fast[1].tolist() == [1, 3, 4]
    # numbers reach the preset as the feature loop gives them: "function" an integer
    numbered = write_gpkg(tmp_path / "numbered.gpkg", "road_link",
                          [("function", ogr.OFTInteger), ("form_of_way", ogr.OFTReal)],
                          [((1, 2.5), "LINESTRING (0 0, 1 0)"),
                           ((None, None), "LINESTRING (1 0, 2 0)")])
    assert_same(*read_both_ways(numbered))


def test_no_preset_reads_every_feature_the_same(tmp_path):
    osm_layer = osm_ways(tmp_path)
    fast, general = read_both_ways(osm_layer, settings(preset=d.PRESET_NONE))
    assert_same(fast, general)
    assert fast[2]["dropped"] == {}


def test_curves_send_the_layer_to_the_general_path(tmp_path):
    layer = write_gpkg(tmp_path / "curves.gpkg", "ways", [("highway", ogr.OFTString)],
                       [(("footway",), "LINESTRING (0 0, 10 0)"),
                        (("footway",), "CIRCULARSTRING (10 0, 15 5, 20 0)")],
                       geometry_type=ogr.wkbUnknown)
    context = QgsProcessingContext()
    source = QgsProcessingFeatureSource(layer, context)
    stats = {"read": 0, "dropped": {}, "filtered": 0, "no_geometry": 0, "presets": []}
    walkability = layers._Walkability(source, "ways", settings(), context, stats)
    assert read_file_lines(ogr_file(layer), walkability, ["highway"], LogFeedback(), stats,
                           layers._parts_of_wkb) is None
    assert stats["read"] == 0
    lines, stats, _ = read_lines_log(layer, files=[ogr_file(layer)])
    assert stats["read"] == 2
    assert len(lines) == 2 and len(lines[1]) > 3  # the arc segmentized by QGIS


def test_unusual_field_type_sends_the_layer_to_the_general_path(tmp_path):
    layer = write_gpkg(tmp_path / "dates.gpkg", "ways", [("highway", ogr.OFTDate)],
                       [(("2024-01-02",), "LINESTRING (0 0, 10 0)")])
    context = QgsProcessingContext()
    source = QgsProcessingFeatureSource(layer, context)
    stats = {"read": 0, "dropped": {}, "filtered": 0, "no_geometry": 0, "presets": []}
    walkability = layers._Walkability(source, "ways", settings(), context, stats)
    assert layers._read_file_lines(ogr_file(layer), source, walkability, layer.crs(),
                                   LogFeedback(), stats) is None
    assert stats == {"read": 0, "dropped": {}, "filtered": 0, "no_geometry": 0,
                     "presets": []}
    assert_read_lines_same(layer)


def test_only_plain_file_layers_take_the_arrow_stream(tmp_path):
    osm_layer = osm_ways(tmp_path)
    path = osm_layer.source().split("|")[0]
    assert ogr_file(osm_layer) == OgrFile(path, "ways", osm_layer.crs())
    assert ogr_file(QgsVectorLayer(path, "only", "ogr")) == OgrFile(path, "", osm_layer.crs())
    subset = QgsVectorLayer(osm_layer.source(), "subset", "ogr")
    subset.setSubsetString("\"highway\" = 'footway'")
    assert ogr_file(subset) is None
    assert ogr_file(QgsVectorLayer(f"{osm_layer.source()}|subset=fid > 3", "s", "ogr")) \
        is None
    selected = QgsProcessingFeatureSourceDefinition(osm_layer.id(), True)
    assert ogr_file(osm_layer, selected) is None
    limited = QgsProcessingFeatureSourceDefinition(osm_layer.id(), False, 5)
    assert ogr_file(osm_layer, limited) is None
    assert ogr_file(osm_layer, QgsProcessingFeatureSourceDefinition(osm_layer.id())) == \
        ogr_file(osm_layer)
    memory = QgsVectorLayer("LineString?crs=EPSG:27700", "memory", "memory")
    assert ogr_file(memory) is None
    editing = QgsVectorLayer(osm_layer.source(), "editing", "ogr")
    editing.startEditing()
    assert ogr_file(editing) is None
    editing.rollBack()


def test_transform_or_filter_takes_the_general_path(tmp_path):
    osm_layer = osm_ways(tmp_path)
    context = QgsProcessingContext()
    source = QgsProcessingFeatureSource(osm_layer, context)
    file = ogr_file(osm_layer)
    for walkable, crs in ((settings(), QgsCoordinateReferenceSystem("EPSG:3857")),
                          (settings(filter_expression="\"highway\" <> 'steps'"),
                           osm_layer.crs())):
        stats = {"read": 0, "dropped": {}, "filtered": 0, "no_geometry": 0, "presets": []}
        walkability = layers._Walkability(source, "ways", walkable, context, stats)
        assert layers._read_file_lines(file, source, walkability, crs, LogFeedback(),
                                       stats) is None
    stats, _ = assert_read_lines_same(
        osm_layer, settings(filter_expression="\"highway\" <> 'steps'"))
    assert stats["filtered"] == 1


def test_flatgeobuf_takes_the_feature_loop(tmp_path):
    """GDAL 3.6's Arrow stream never ends on a FlatGeobuf file without features: such
    files are read by the feature loop, an empty one too."""
    path = tmp_path / "ways.fgb"
    gdal.VectorTranslate(str(path), osm_ways(tmp_path).source().split("|")[0],
                         layers=["ways"], geometryType="PROMOTE_TO_MULTI", dim="XY",
                         skipFailures=True)  # newer GDAL refuses features without geometry
    empty = tmp_path / "empty.fgb"
    gdal.VectorTranslate(str(empty), str(path), where="0 = 1")
    for file in (path, empty):
        layer = QgsVectorLayer(str(file), "ways", "ogr")
        assert layer.isValid()
        assert read_file_lines(ogr_file(layer), None, [], LogFeedback(), {},
                               None) is None
    layer = QgsVectorLayer(str(path), "ways", "ogr")
    lines, stats, _ = read_lines_log(layer, files=[ogr_file(layer)])
    assert stats["read"] == layer.featureCount() >= len(OSM_ROWS) - 2
    assert len(lines) > 0
