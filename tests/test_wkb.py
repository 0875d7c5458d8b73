"""core/wkb.py reads line vertices from the WKB QGIS writes, and declines what it cannot."""

import numpy as np
import pytest
from qgis.core import QgsGeometry

from community_asset_gaps.core.wkb import line_parts_from_wkb


def parts_of(wkt):
    return line_parts_from_wkb(bytes(QgsGeometry.fromWkt(wkt).asWkb()))


@pytest.mark.parametrize("wkt", [
    "LineString (0 0, 10 0, 10 5)",
    "LineStringZ (0 0 7, 10 0 7, 10 5 7)",
    "LineStringM (0 0 1, 10 0 2, 10 5 3)",
    "LineStringZM (0 0 7 1, 10 0 7 2, 10 5 7 3)",
])
def test_single_lines_in_every_dimension(wkt):
    (xy,) = parts_of(wkt)
    np.testing.assert_array_equal(xy, [[0, 0], [10, 0], [10, 5]])


def test_multilinestring_parts_in_order():
    parts = parts_of("MultiLineStringZ ((0 0 1, 1 1 1), (5 5 2, 6 6 2, 7 5 2))")
    assert [p.tolist() for p in parts] == [[[0, 0], [1, 1]], [[5, 5], [6, 6], [7, 5]]]


@pytest.mark.parametrize("wkt", [
    "CircularString (0 0, 1 1, 2 0)",
    "CompoundCurve ((0 0, 1 0), CircularString (1 0, 2 1, 3 0))",
    "Point (1 2)",
    "Polygon ((0 0, 1 0, 1 1, 0 0))",
])
def test_anything_else_is_left_to_the_caller(wkt):
    assert parts_of(wkt) is None


def test_curved_network_lines_are_walked_after_segmentizing(tmp_path):
    import processing
    from qgis.core import QgsFeature, QgsVectorLayer

    network = QgsVectorLayer("CompoundCurve?crs=EPSG:27700", "curved", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(
        "CompoundCurve ((0 0, 100 0), CircularString (100 0, 150 50, 200 0))"))
    network.dataProvider().addFeatures([feature])
    sites = QgsVectorLayer("Point?crs=EPSG:27700", "sites", "memory")
    site = QgsFeature()
    site.setGeometry(QgsGeometry.fromWkt("Point (0 0)"))
    sites.dataProvider().addFeatures([site])
    result = processing.run("assetgaps:catchments", {
        "NETWORK": network, "FACILITIES": sites, "COST_TYPE": 1, "THRESHOLDS": "1000",
        "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"})
    length = sum(f.geometry().length() for f in result["OUTPUT_LINES"].getFeatures())
    # 100 m straight, then a half circle of radius 50 m (segmentized a little shorter)
    assert length == pytest.approx(100 + np.pi * 50, rel=0.01)
