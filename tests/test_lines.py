"""Network lines as one vertex array (core/network.Lines), the grouping of equal points
that makes junctions, and joining near-miss ends on Lines (core/topology)."""

import numpy as np
import pytest

from community_asset_gaps.core import topology
from community_asset_gaps.core.network import (
    Lines,
    _group_equal_points,
    as_lines,
    build_network,
    concatenate_lines,
)
from community_asset_gaps.core.topology import edge_components, join_near_ends

ROAD = [(0.0, 0.0), (200.0, 0.0)]


def as_lists(lines):
    return [part.tolist() for part in lines]


def test_lines_of_arrays_drop_z_and_read_anything_else_as_empty():
    lines = as_lines([np.array([[0, 0, 5], [1, 1, 6]]), np.zeros(0), [(2, 2), (3, 3), (4, 4)]])
    assert len(lines) == 3
    assert lines.counts.tolist() == [2, 0, 3]
    assert as_lists(lines) == [[[0, 0], [1, 1]], [], [[2, 2], [3, 3], [4, 4]]]
    assert lines[2].tolist() == [[2, 2], [3, 3], [4, 4]]
    assert lines.vertex_line().tolist() == [0, 0, 2, 2, 2]


def test_take_and_concatenate_keep_each_line_whole():
    lines = as_lines([[(0, 0), (1, 0)], [(5, 5), (6, 6), (7, 7)], [(9, 9), (9, 8)]])
    assert as_lists(lines.take(np.array([2, 0]))) == [[[9, 9], [9, 8]], [[0, 0], [1, 0]]]
    both = concatenate_lines([lines.take(np.array([1])), lines.take(np.array([0]))])
    assert as_lists(both) == [[[5, 5], [6, 6], [7, 7]], [[0, 0], [1, 0]]]
    assert len(concatenate_lines([])) == 0 and list(concatenate_lines([])) == []


@pytest.mark.parametrize("spread", [1000, 10 ** 12])
def test_equal_points_are_grouped_in_x_then_y_order(spread):
    rng = np.random.default_rng(3)
    distinct = rng.integers(-spread, spread, (300, 2))
    keys = distinct[rng.integers(0, len(distinct), 2000)]
    group, size = _group_equal_points(keys)
    # the groups are the distinct rows, numbered in sorted (x, y) order
    expected = sorted(set(map(tuple, keys.tolist())))
    number = {row: i for i, row in enumerate(expected)}
    assert group.tolist() == [number[row] for row in map(tuple, keys.tolist())]
    assert size.tolist() == [keys.tolist().count(list(row)) for row in expected]


def test_a_far_line_does_not_change_the_junctions_of_the_others():
    # a grid spanning millimetres to kilometres, then the same with one line 900,000 km
    # away: its keys no longer fit one 64-bit number, and points are grouped another way
    grid = [[(0.0, y), (100.0, y), (200.0, y)] for y in (0.0, 100.0)] + \
        [[(x, 0.0), (x, 100.0)] for x in (0.0, 100.0, 200.0)]
    near = build_network(grid)
    far = build_network(grid + [[(9e8, 9e8), (9e8 + 10, 9e8)]])
    assert (near.node_count, near.edge_count) == (6, 7)
    assert far.node_count == near.node_count + 2 and far.edge_count == near.edge_count + 1
    np.testing.assert_array_equal(far.node_xy[:6], near.node_xy)
    np.testing.assert_array_equal(far.edge_u[:7], near.edge_u)
    np.testing.assert_array_equal(far.edge_v[:7], near.edge_v)


def test_networks_from_lines_and_from_arrays_are_the_same():
    rng = np.random.default_rng(5)
    arrays = [np.column_stack([rng.uniform(0, 50, n), rng.uniform(0, 50, n)]).round()
              for n in rng.integers(2, 6, 200)]
    from_arrays = build_network(arrays)
    from_lines = build_network(Lines(np.concatenate(arrays),
                                     np.r_[0, np.cumsum([len(a) for a in arrays])]))
    for name in ("node_xy", "edge_u", "edge_v", "edge_length", "coords", "coord_start",
                 "cumlen", "edge_line"):
        np.testing.assert_array_equal(getattr(from_lines, name), getattr(from_arrays, name))
    assert from_arrays.edge_count > 200


def test_nothing_is_joined_or_copied_at_tolerance_zero():
    lines = as_lines([ROAD, [(100.0, -1.5), (100.0, -200.0)]])
    joined, joins = join_near_ends(lines, 0.0)
    assert joined is lines and joins == []


def test_near_ends_get_a_vertex_on_the_line_and_a_link():
    footpaths = [[(150.0, 1.0), (150.0, 90.0)], [(100.0, -1.5), (100.0, -200.0)],
                 [(20.0, 0.0), (20.0, -50.0)]]
    joined, joins = join_near_ends([np.array([(x, y, 9.0) for x, y in ROAD])] + footpaths,
                                   2.0)
    # the road gains its vertices in order along it, the one the third footpath's end
    # touches too; the footpaths stay as they were
    assert as_lists(joined)[:4] == [[[0, 0], [20, 0], [100, 0], [150, 0], [200, 0]]] + \
        [[list(p) for p in footpath] for footpath in footpaths]
    # a link from each end that does not touch the road
    assert sorted(as_lists(joined)[4:]) == [[[100, -1.5], [100, 0]], [[150, 1], [150, 0]]]
    assert sorted((j.end, j.at, j.distance) for j in joins) == [
        ((20.0, 0.0), (20.0, 0.0), 0.0), ((100.0, -1.5), (100.0, 0.0), 1.5),
        ((150.0, 1.0), (150.0, 0.0), 1.0)]
    reached = build_network(joined)
    assert reached.edge_length.sum() == pytest.approx(200 + 89 + 1 + 198.5 + 1.5 + 50)
    assert reached.edge_count == 4 + 3 + 2


def _islands():
    """Lines of three separate pieces: a 3-segment path (300 m), a square (400 m) and a
    lone 50 m line, plus a self-loop on the path."""
    return [np.array([[0.0, 0.0], [100.0, 0.0]]), np.array([[100.0, 0.0], [200.0, 0.0]]),
            np.array([[200.0, 0.0], [300.0, 0.0]]),
            np.array([[1000.0, 0.0], [1100.0, 0.0], [1100.0, 100.0], [1000.0, 100.0],
                      [1000.0, 0.0]]),
            np.array([[5000.0, 0.0], [5050.0, 0.0]]),
            np.array([[100.0, 0.0], [150.0, 50.0], [100.0, 50.0], [100.0, 0.0]])]


def test_components_are_numbered_by_decreasing_length():
    network = build_network(_islands())
    component = edge_components(network)
    lengths = np.bincount(component, weights=network.edge_length)
    # the path with its loop (300 m + 150.7 m), the square (400 m), the lone line (50 m)
    assert lengths == pytest.approx([300 + 50 * 2 ** 0.5 + 100, 400.0, 50.0])
    first = network.edge_line == 0
    assert set(component[first].tolist()) == {0}


def test_components_with_and_without_scipy_are_the_same(monkeypatch):
    rng = np.random.default_rng(3)
    lines = [rng.integers(0, 40, (2, 2)).astype(float) for _ in range(120)]
    network = build_network(lines)
    with_scipy = edge_components(network)
    monkeypatch.setattr(topology, "connected_components", None)
    without = edge_components(network)
    assert len(np.unique(with_scipy)) > 3
    assert np.array_equal(with_scipy, without)
