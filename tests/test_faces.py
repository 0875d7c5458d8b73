"""Faces of the network and catchments drawn with them (core/faces.py): which faces are
blocks, which blocks a catchment encloses, and that filling them gives the polygon that
buffering every reached street gives."""

import numpy as np
import pytest
from osgeo import ogr
from shapely import wkb
from shapely.geometry import LineString, Point, Polygon, box
from shapely.ops import unary_union

from community_asset_gaps.core import faces as faces_module
from community_asset_gaps.core.attach import attach_geometries
from community_asset_gaps.core.catchments import area_within, per_facility_pieces, search
from community_asset_gaps.core.faces import (
    FILL_MIN_SHARE,
    build_faces,
    enclosed_catchment,
    enclosed_faces,
    fill_enclosed,
    inside_enclosed,
)
from community_asset_gaps.core.geometry import catchment_polygon, chain_parts, polygon_parts
from community_asset_gaps.core.network import build_network
from community_asset_gaps.core.presets import PRESET_OSM, unwalkable_reason
from community_asset_gaps.core.reach import clip_pieces, merged_intervals


def grid_lines(columns, rows, spacing=40.0):
    """Streets of a ``columns`` x ``rows`` block grid, one line per block side."""
    lines = []
    for i in range(columns + 1):
        for j in range(rows + 1):
            x, y = i * spacing, j * spacing
            if i < columns:
                lines.append(np.array([(x, y), (x + spacing, y)]))
            if j < rows:
                lines.append(np.array([(x, y), (x, y + spacing)]))
    return lines


def simple_faces(network, faces):
    """The faces that are simple polygons, and the width of every face."""
    simple, width = faces.check(network, np.arange(len(faces.sides)))
    return np.flatnonzero(simple), width


def whole(network):
    """Every edge reached end to end, as (edge, x0, x1) parts."""
    edge = np.arange(network.edge_count)
    return edge, np.zeros(network.edge_count), network.edge_length.copy()


def plain_catchment(network, edge, x0, x1, trim):
    """The reference: every part buffered (chained, chunked and dissolved as before)."""
    return catchment_polygon(chain_parts(network, edge, x0, x1), trim)


def filled_catchment(network, edge, x0, x1, trim):
    def buffered(rows):
        return catchment_polygon(chain_parts(network, edge[rows], x0[rows], x1[rows]), trim)

    return enclosed_catchment(network, edge, x0, x1, trim, buffered)


def always_filled(network, edge, x0, x1, trim):
    """The rims buffered and the enclosed blocks filled, however few they are."""
    enclosed = enclosed_faces(network, edge, x0, x1, trim)
    rows = np.flatnonzero(~inside_enclosed(network, edge, enclosed))
    rims = catchment_polygon(chain_parts(network, edge[rows], x0[rows], x1[rows]), trim)
    return fill_enclosed(network, rims, enclosed, trim)


def assert_same_polygon(got, network, edge, x0, x1, trim):
    """``got`` is the polygon that buffering every part gives, up to the rounding of the
    buffers' arcs: what differs are slivers under half a metre wide, and nothing of it
    lies farther than ``trim`` from a part (measured against finely rounded buffers)."""
    assert got.is_valid
    expected = plain_catchment(network, edge, x0, x1, trim)
    differ = polygon_parts(got.symmetric_difference(expected))
    assert all(2.0 * part.area / part.length < 0.5 for part in differ)
    assert sum(part.area for part in differ) < 5e-5 * expected.area + 1.0
    fine = unary_union([LineString(xy).buffer(trim, 64)
                        for xy in chain_parts(network, edge, x0, x1)])
    assert got.difference(fine.buffer(0.01)).area < 1e-6


def test_a_grid_has_one_simple_face_per_block():
    network = build_network(grid_lines(3, 2))
    faces = build_faces(network)
    bounded, width = simple_faces(network, faces)
    assert len(bounded) == 6
    assert np.allclose(width[bounded], 40.0)
    # every bounded face is a 40 m square made of four sides
    assert sorted(faces.ring(network, f).area for f in bounded) == pytest.approx([1600.0] * 6)
    assert set(faces.sides[bounded].tolist()) == {4}
    # the half-edges of an inner street have a different block on each side
    assert (faces.face[0::2] != faces.face[1::2]).all()


def test_blocks_with_a_dead_end_a_crossing_or_a_pinch_are_not_simple():
    lines = grid_lines(3, 1)
    # a dead end into the first block, from its corner
    lines.append(np.array([(0.0, 0.0), (15.0, 15.0)]))
    # two paths crossing in the middle block without a junction (a bridge)
    lines.append(np.array([(40.0, 0.0), (80.0, 40.0)]))
    lines.append(np.array([(40.0, 40.0), (80.0, 0.0)]))
    network = build_network(lines)
    faces = build_faces(network)
    simple_area = sorted(faces.ring(network, f).area for f in simple_faces(network, faces)[0])
    # only the last block is still a simple face; the crossing paths split the middle
    # block into faces whose sides cross
    assert simple_area == pytest.approx([1600.0])
    # a corner where two faces of one face touch: a ring around two blocks that meet at
    # one junction only is not simple
    pinch = [np.array([(0.0, 0.0), (40.0, 0.0), (40.0, 40.0), (0.0, 40.0), (0.0, 0.0)]),
             np.array([(40.0, 40.0), (80.0, 40.0), (80.0, 80.0), (40.0, 80.0),
                       (40.0, 40.0)])]
    network = build_network(pinch)
    faces = build_faces(network)
    areas = {round(faces.ring(network, f).area) for f in simple_faces(network, faces)[0]}
    assert areas == {1600}


def test_only_faces_reached_on_every_side_and_narrow_enough_are_enclosed():
    network = build_network(grid_lines(3, 3))
    edge, x0, x1 = whole(network)
    assert len(enclosed_faces(network, edge, x0, x1, 20.0)) == 9
    # a block wider than twice the trim distance is not wholly within it
    assert len(enclosed_faces(network, edge, x0, x1, 19.9)) == 0
    assert len(enclosed_faces(network, edge, x0, x1, 0.0)) == 0
    # an inner street reached only halfway: the two blocks beside it are not enclosed
    faces = build_faces(network)
    simple = np.isin(faces.face, simple_faces(network, faces)[0])
    inner_street = int(np.flatnonzero(simple[0::2] & simple[1::2])[0])
    half = x1.copy()
    half[inner_street] /= 2.0
    enclosed = enclosed_faces(network, edge, x0, half, 20.0)
    assert len(enclosed) == 7
    assert not np.isin(faces.face[[2 * inner_street, 2 * inner_street + 1]], enclosed).any()
    enclosed = enclosed_faces(network, edge, x0, x1, 20.0)
    inner = inside_enclosed(network, edge, enclosed)
    # the 12 streets inside the grid lie between two blocks, the 12 on its rim do not
    assert inner.sum() == 12


def test_a_grid_reached_everywhere_fills_its_blocks():
    network = build_network(grid_lines(6, 5))
    parts = whole(network)
    got = filled_catchment(network, *parts, 25.0)
    assert_same_polygon(got, network, *parts, 25.0)
    # the grid and a band of 25 m around it, with rounded corners
    assert got.area == pytest.approx(240 * 200 + 2 * 25 * (240 + 200) + np.pi * 25 ** 2,
                                     rel=2e-3)
    assert not any(part.interiors for part in polygon_parts(got))


def test_holes_outside_the_blocks_stay_and_parts_inside_them_merge():
    """A park wider than twice the trim distance stays a hole, with the buffer of a loop
    path inside it as an island; a short path in the middle of the blocks, reached from a
    facility of its own, merges into the filled blocks; a dead end and a bridge leave
    their blocks unfilled."""
    lines = [line for line in grid_lines(10, 10, 40.0)
             if not box(120.0, 120.0, 280.0, 280.0).contains(LineString(line))]
    lines.append(np.array([(170.0, 170.0), (230.0, 170.0), (230.0, 230.0), (170.0, 230.0),
                           (170.0, 170.0)]))
    lines.append(np.array([(60.0, 340.0), (64.0, 340.0)]))
    lines.append(np.array([(320.0, 20.0), (330.0, 20.0)]))
    lines.append(np.array([(40.0, 40.0), (80.0, 80.0)]))
    lines.append(np.array([(40.0, 80.0), (80.0, 40.0)]))
    network = build_network(lines)
    parts = whole(network)
    enclosed = enclosed_faces(network, *parts, 20.0)
    assert 0 < len(enclosed) < len(build_faces(network).sides)
    got = filled_catchment(network, *parts, 20.0)
    assert_same_polygon(got, network, *parts, 20.0)
    # the park and the middle of the loop path stay holes; the loop is an island
    holes = sorted(Polygon(ring).area for part in polygon_parts(got) for ring in part.interiors)
    assert len(polygon_parts(got)) == 2
    assert holes == pytest.approx([20.0 ** 2, 120.0 ** 2], rel=1e-6)


def test_partly_reached_grids_give_the_polygon_of_every_street(tmp_path):
    rng = np.random.default_rng(5)
    lines = []
    for line in grid_lines(20, 20, 60.0):
        if rng.random() < 0.1:
            continue
        lines.append(line + rng.uniform(-6.0, 6.0, (1, 2)) * [[0.0, 0.0]])
    network = build_network(lines)
    seeds = attach_geometries(network, [Point(300.0, 300.0), Point(1000.0, 900.0)],
                              100.0).seeds
    pieces = search(network, seeds, 700.0)
    edge, x0, x1 = merged_intervals(pieces)
    enclosed = enclosed_faces(network, edge, x0, x1, 35.0)
    dropped = inside_enclosed(network, edge, enclosed)
    assert len(enclosed) > 50 and dropped.sum() > 100
    assert_same_polygon(area_within(network, pieces, 700.0, 35.0), network, edge, x0, x1,
                        35.0)


def test_a_catchment_with_few_streets_between_blocks_buffers_every_street():
    """Below FILL_MIN_SHARE of the parts between enclosed blocks, the rims' buffer with
    its holes would cost more than it saves: every part is buffered, as before."""
    network = build_network(grid_lines(6, 1) + [np.array([(240.0, 0.0), (900.0, 0.0)])])
    edge, x0, x1 = whole(network)
    enclosed = enclosed_faces(network, edge, x0, x1, 20.0)
    assert len(enclosed) == 6
    assert inside_enclosed(network, edge, enclosed).mean() < FILL_MIN_SHARE
    drawn = []
    filled_catchment(network, edge, x0, x1, 20.0)
    got = enclosed_catchment(network, edge, x0, x1, 20.0,
                             lambda rows: drawn.append(len(rows)) or catchment_polygon(
                                 chain_parts(network, edge[rows], x0[rows], x1[rows]), 20.0))
    assert drawn == [len(edge)]
    assert got.equals(plain_catchment(network, edge, x0, x1, 20.0))


def _helsinki_layer(gpkg, name, walkable_only=False):
    """The shapes of one layer of the sample; with ``walkable_only``, of the features the
    OpenStreetMap preset keeps (as the algorithms read the network)."""
    source = ogr.Open(str(gpkg))  # the layer lives only as long as its source
    layer = source.GetLayerByName(name)
    fields = [layer.GetLayerDefn().GetFieldDefn(i).GetName()
              for i in range(layer.GetLayerDefn().GetFieldCount())]
    shapes = []
    for feature in layer:
        attributes = {field.lower(): feature.GetField(field) for field in fields}
        if walkable_only and unwalkable_reason(PRESET_OSM, attributes) is not None:
            continue
        shapes.append(wkb.loads(bytes(feature.GetGeometryRef().ExportToWkb())))
    return shapes


def _helsinki_network(gpkg, walkable_only=False):
    """The network of the sample's walk_network layer (see ``_helsinki_layer``)."""
    return build_network([np.asarray(part.coords)[:, :2] for shape in
                          _helsinki_layer(gpkg, "walk_network", walkable_only)
                          for part in getattr(shape, "geoms", [shape])])


def test_faces_are_followed_alike_without_scipy(helsinki_gpkg):
    """scipy is optional: numpy's doubling finds the same cycles of half edges (faces),
    numbered alike, on a small permutation and on the sample's streets."""
    count, cycle = faces_module._cycles_by_doubling(np.array([3, 0, 4, 1, 2, 5]))
    assert count == 3
    assert cycle.tolist() == [0, 0, 1, 0, 1, 2]
    faces = build_faces(_helsinki_network(helsinki_gpkg))
    count, cycle = faces_module._cycles_by_doubling(faces.next_half)
    assert count == len(faces.sides) > 1000
    np.testing.assert_array_equal(cycle, faces.face)
    # the outer face and the longest blocks need many rounds of doubling
    assert faces.sides.max() > 64


def test_on_helsinki_the_filled_catchment_is_every_street_buffered(helsinki_gpkg):
    """OpenStreetMap streets and paths: dead ends, bridges and tunnels passing over
    blocks without a junction, blocks of every shape. Around each library and around all
    of them, the blocks a catchment encloses are filled, the rest buffered, and the
    polygon is the one buffering every reached street gives."""
    network = _helsinki_network(helsinki_gpkg, walkable_only=True)
    faces = build_faces(network)
    assert 0 < len(simple_faces(network, faces)[0]) < len(faces.sides) - 1
    seeds = attach_geometries(network, _helsinki_layer(helsinki_gpkg, "libraries"),
                              200.0).seeds
    runs = [(None, search(network, seeds, 800.0))] + list(per_facility_pieces(network, seeds,
                                                                             800.0))
    filled = []
    for _, pieces in runs:
        for threshold, trim in ((400.0, 50.0), (800.0, 50.0), (800.0, 25.0)):
            edge, x0, x1 = merged_intervals(clip_pieces(pieces, -np.inf, threshold))
            enclosed = enclosed_faces(network, edge, x0, x1, trim)
            if inside_enclosed(network, edge, enclosed).mean() >= FILL_MIN_SHARE:
                filled.append(len(enclosed))
            assert_same_polygon(area_within(network, pieces, threshold, trim), network, edge,
                                x0, x1, trim)
            # filling however few blocks are enclosed gives that polygon too
            assert_same_polygon(always_filled(network, edge, x0, x1, trim), network, edge, x0,
                                x1, trim)
    # the blocks of central Helsinki are often wider than 100 m: the larger catchments
    # with a 50 m trim fill hundreds of blocks, the others buffer every street
    assert len(filled) >= 2 and sum(filled) > 500, filled
