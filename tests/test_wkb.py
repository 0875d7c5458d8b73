"""core/wkb.py reads line vertices from the WKB QGIS writes, many geometries at once, and
declines what it cannot; shapely's own WKB reader is the reference."""

import numpy as np
import pytest
from qgis.core import QgsGeometry
from shapely import wkb

from community_asset_gaps.core.wkb import multilinestring_wkb, parse_lines


def wkb_of(wkt):
    return bytes(QgsGeometry.fromWkt(wkt).asWkb())


def parse_all(blobs):
    """parse_lines over ``blobs`` laid end to end."""
    offsets = np.r_[0, np.cumsum([len(b) for b in blobs])]
    return parse_lines(b"".join(blobs), offsets)


def parts_of(wkt):
    lines, _, read = parse_all([wkb_of(wkt)])
    return [part.tolist() for part in lines] if read[0] else None


def shapely_parts(blob):
    """Vertex lists (x, y) of each non-empty part as shapely reads the WKB."""
    shape = wkb.loads(blob)
    return [np.asarray(part.coords)[:, :2].tolist()
            for part in getattr(shape, "geoms", [shape]) if not part.is_empty]


@pytest.mark.parametrize("wkt", [
    "LineString (0 0, 10 0, 10 5)",
    "LineStringZ (0 0 7, 10 0 7, 10 5 7)",
    "LineStringM (0 0 1, 10 0 2, 10 5 3)",
    "LineStringZM (0 0 7 1, 10 0 7 2, 10 5 7 3)",
])
def test_single_lines_in_every_dimension(wkt):
    assert parts_of(wkt) == [[[0, 0], [10, 0], [10, 5]]]


def test_multilinestring_parts_in_order():
    assert parts_of("MultiLineStringZ ((0 0 1, 1 1 1), (5 5 2, 6 6 2, 7 5 2))") == \
        [[[0, 0], [1, 1]], [[5, 5], [6, 6], [7, 5]]]


@pytest.mark.parametrize("wkt", [
    "CircularString (0 0, 1 1, 2 0)",
    "CompoundCurve ((0 0, 1 0), CircularString (1 0, 2 1, 3 0))",
    "MultiCurve ((0 0, 1 0), CircularString (1 0, 2 1, 3 0))",
    "Point (1 2)",
    "Polygon ((0 0, 1 0, 1 1, 0 0))",
])
def test_anything_else_is_left_to_the_caller(wkt):
    assert parts_of(wkt) is None


@pytest.mark.parametrize("wkt", ["LineString EMPTY", "MultiLineString EMPTY",
                                 "MultiLineStringZ EMPTY"])
def test_empty_lines_are_read_with_no_parts(wkt):
    assert parts_of(wkt) == []


def test_no_bytes_big_endian_and_broken_wkb_are_not_read():
    line = wkb_of("LineString (0 0, 10 0, 10 5)")
    big_endian = wkb.dumps(wkb.loads(line), big_endian=True)
    truncated = line[:-3]
    # a MultiLineString claiming 2**31 parts in 30 bytes
    many_parts = wkb_of("MultiLineString ((0 0, 1 1))")[:5] + (2 ** 31).to_bytes(4, "little") \
        + wkb_of("LineString (0 0, 1 1)")
    # a MultiLineString whose part claims more vertices than there are bytes
    long_part = wkb_of("MultiLineString ((0 0, 1 1))")
    long_part = long_part[:14] + (1000).to_bytes(4, "little") + long_part[18:]
    lines, part_geometry, read = parse_all([b"", big_endian, truncated, many_parts,
                                            long_part, line])
    assert read.tolist() == [False, False, False, False, False, True]
    assert part_geometry.tolist() == [5]
    assert [part.tolist() for part in lines] == [[[0, 0], [10, 0], [10, 5]]]


def random_wkt(rng, kind, suffix):
    width = 2 + len(suffix)

    def part():
        vertices = rng.uniform(-1e6, 1e6, (int(rng.integers(2, 6)), width))
        return "(" + ", ".join(" ".join(repr(float(v)) for v in row) for row in vertices) + ")"

    if kind == "line":
        return f"LineString{suffix} {part()}"
    if kind == "empty":
        return f"LineString{suffix} EMPTY"
    return f"MultiLineString{suffix} (" + ", ".join(
        part() for _ in range(int(rng.integers(1, 5)))) + ")"


def test_many_geometries_at_once_agree_with_shapely():
    rng = np.random.default_rng(7)
    curves = [wkb_of("CircularString (0 0, 1 1, 2 0)"),
              wkb_of("CompoundCurve ((0 0, 1 0), CircularString (1 0, 2 1, 3 0))")]
    blobs, expected = [], []
    for _ in range(400):
        if rng.uniform() < 0.05:
            blobs.append(curves[int(rng.integers(2))])
            expected.append(None)
            continue
        kind = str(rng.choice(["line", "multi", "multi", "empty"]))
        blob = wkb_of(random_wkt(rng, kind, str(rng.choice(["", "Z", "M", "ZM"]))))
        blobs.append(blob)
        expected.append(shapely_parts(blob))
    lines, part_geometry, read = parse_all(blobs)
    assert read.tolist() == [parts is not None for parts in expected]
    found = [[] for _ in blobs]
    for part, geometry in zip(lines, part_geometry.tolist()):
        found[geometry].append(part.tolist())
    assert found == [parts or [] for parts in expected]
    # the geometries start at every byte alignment, so every way of reading is used
    assert len(set((np.cumsum([len(b) for b in blobs]) % 8).tolist())) == 8


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


def test_multilinestring_written_as_wkb_is_the_lines():
    """The WKB written for buffering holds each line's vertices as they are, in order,
    whatever the arrays' layout, and reads back through QGIS too."""
    rng = np.random.default_rng(7)
    lines = [rng.uniform(-1e5, 1e5, (count, 2)) for count in (2, 3, 17, 2)]
    lines[1] = np.asfortranarray(lines[1])
    lines[2] = lines[2][::-1]
    data = multilinestring_wkb(lines)
    shape = wkb.loads(data)
    assert shape.geom_type == "MultiLineString"
    assert [np.asarray(part.coords).tolist() for part in shape.geoms] == \
        [xy.tolist() for xy in lines]
    assert QgsGeometry.fromWkt(shape.wkt).equals(_from_wkb(data))


def _from_wkb(data):
    geometry = QgsGeometry()
    geometry.fromWkb(data)
    return geometry
