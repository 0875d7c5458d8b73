"""Network topology: joining near-miss line ends, components, and data problems."""

from dataclasses import dataclass
from typing import List, Tuple

import numpy as np

from .definitions import JUNCTION_PRECISION_M
from .network import (
    Lines,
    Network,
    _concatenate_parts,
    _group_equal_points,
    _quantize,
    _starts,
    as_lines,
    build_network,
    concatenate_lines,
)
from .spatial import SegmentIndex, nearest_segments, segment_index

try:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
except ImportError:  # scipy is optional: a union-find in Python serves instead
    connected_components = None


@dataclass
class Join:
    """A line end joined to another line: from ``end`` to ``at``, ``distance`` metres."""

    end: Tuple[float, float]
    at: Tuple[float, float]
    distance: float


def _line_offsets(network: Network) -> np.ndarray:
    """Distance along its input line at which every edge starts."""
    offsets = np.zeros(network.edge_count)
    order = np.argsort(network.edge_line, kind="stable")
    line = network.edge_line[order]
    cumulative = np.cumsum(network.edge_length[order]) - network.edge_length[order]
    first = np.searchsorted(line, line, side="left")
    offsets[order] = cumulative - cumulative[first]
    return offsets


def dangling_ends(lines, precision: float = JUNCTION_PRECISION_M):
    """Line ends that meet no other vertex: (xy (k, 2), line index (k,))."""
    xy, line, keys = _concatenate_parts(lines, precision)
    if not len(xy):
        return np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    point_id, occurrences = _group_equal_points(keys)
    first = np.flatnonzero(np.r_[True, line[1:] != line[:-1]])
    last = np.r_[first[1:], len(xy)] - 1
    ends = np.concatenate([first, last])
    ends = ends[occurrences[point_id[ends]] == 1]
    return xy[ends], line[ends]


def near_misses(lines, distance: float):
    """Dangling line ends within ``distance`` of another line.

    Returns (end xy, end's line, network of the lines, nearest segment, gap, fraction).
    """
    lines = as_lines(lines)
    network = build_network(lines)
    ends, end_line = dangling_ends(lines)
    index: SegmentIndex = segment_index(network)
    segment_line = network.edge_line[index.edge]
    segment, gap, t = nearest_segments(index, ends, distance, end_line, segment_line)
    found = segment >= 0
    return ends[found], end_line[found], network, segment[found], gap[found], t[found]


def join_near_ends(lines, tolerance: float) -> Tuple[Lines, List[Join]]:
    """Join every dangling line end within ``tolerance`` metres of another line.

    The other line gets a vertex at its nearest point, and a short connecting line is
    added from the end to it (none when the end already lies on the line). Lines that
    cross without a shared vertex are left apart. Returns (:class:`Lines`, joins).
    """
    lines = as_lines(lines)
    if tolerance <= 0 or not len(lines):
        return lines, []
    ends, _, network, segment, gap, t = near_misses(lines, tolerance)
    index = segment_index(network)
    edge = index.edge[segment]
    start, stop = index.start[segment], index.end[segment]
    at = start + (stop - start) * t[:, None]
    along_line = _line_offsets(network)[edge] + index.along[segment] + \
        t * np.hypot(*(stop - start).T)
    joined = _with_vertices(lines, network.edge_line[edge], along_line, at)
    links = [[end, point] for end, point, distance in zip(ends.tolist(), at.tolist(),
                                                          gap.tolist())
             if distance > JUNCTION_PRECISION_M]
    link_xy = np.array(links, dtype=float).reshape(-1, 2)
    joined = concatenate_lines([joined, Lines(link_xy, np.arange(0, len(link_xy) + 1, 2))])
    joins = [Join(tuple(end), tuple(point), distance)
             for end, point, distance in zip(ends.tolist(), at.tolist(), gap.tolist())]
    return joined, joins


def _with_vertices(lines: Lines, target_line: np.ndarray, along: np.ndarray,
                   points: np.ndarray) -> Lines:
    """``lines`` with ``points`` inserted into lines ``target_line`` at distances
    ``along`` them."""
    if not len(target_line):
        return lines
    positions, inserted = [], []
    for line in np.unique(target_line).tolist():
        mine = np.flatnonzero(target_line == line)
        mine = mine[np.argsort(along[mine], kind="stable")]
        positions.append(lines.start[line] + _insertion_positions(lines[line], along[mine]))
        inserted.append(points[mine])
    added = np.bincount(target_line, minlength=len(lines))
    return Lines(np.insert(lines.xy, np.concatenate(positions), np.concatenate(inserted),
                           axis=0), lines.start + _starts(added))


def _insertion_positions(xy: np.ndarray, along: np.ndarray) -> np.ndarray:
    """Where points at distances ``along`` the line ``xy`` (sorted) go among its
    vertices."""
    cumulative = np.r_[0.0, np.cumsum(np.hypot(*np.diff(xy, axis=0).T))]
    return np.searchsorted(cumulative, along, side="right")


def _component_roots(network: Network) -> np.ndarray:
    """The smallest junction of each junction's connected component."""
    if connected_components is not None:
        both = np.concatenate([network.edge_u, network.edge_v])
        graph = coo_matrix((np.ones(len(both), dtype=np.int8),
                            (both, np.concatenate([network.edge_v, network.edge_u]))),
                           shape=(network.node_count, network.node_count))
        _, label = connected_components(graph, directed=False)
        smallest = np.full(label.max() + 1 if len(label) else 0, network.node_count)
        np.minimum.at(smallest, label, np.arange(network.node_count))
        return smallest[label]
    parent = np.arange(network.node_count)

    def find(node):
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    for u, v in zip(network.edge_u.tolist(), network.edge_v.tolist()):
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    return np.array([find(node) for node in range(network.node_count)], dtype=np.int64)


def edge_components(network: Network) -> np.ndarray:
    """Connected component of every edge, numbered from 0 by decreasing total length."""
    edge_root = _component_roots(network)[network.edge_u]
    unique_roots, label = np.unique(edge_root, return_inverse=True)
    lengths = np.bincount(label, weights=network.edge_length)
    rank = np.empty(len(unique_roots), dtype=np.int64)
    rank[np.argsort(-lengths, kind="stable")] = np.arange(len(unique_roots))
    return rank[label]


def crossings_without_junction(network: Network) -> np.ndarray:
    """Points (k, 2) where segments of two edges cross but share no junction."""
    index = segment_index(network)
    # a crossing lies within half a cell of a piece midpoint of each segment
    pair_piece, pair_b = index.candidates(index.piece_mid, 1)
    pair_a = index.piece_segment[pair_piece]
    keep = (pair_a < pair_b) & (index.edge[pair_a] != index.edge[pair_b])
    pairs = np.unique(pair_a[keep] * len(index.start) + pair_b[keep])
    pair_a, pair_b = pairs // len(index.start), pairs % len(index.start)
    p, r = index.start[pair_a], index.end[pair_a] - index.start[pair_a]
    q, s = index.start[pair_b], index.end[pair_b] - index.start[pair_b]
    denominator = r[:, 0] * s[:, 1] - r[:, 1] * s[:, 0]
    qp = q - p
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / denominator
        u = (qp[:, 0] * r[:, 1] - qp[:, 1] * r[:, 0]) / denominator
    inside = (np.abs(denominator) > 1e-12) & (t > 1e-9) & (t < 1 - 1e-9) & \
        (u > 1e-9) & (u < 1 - 1e-9)
    points = p[inside] + r[inside] * t[inside, None]
    if not len(points):
        return points.reshape(0, 2)
    keys = _quantize(points, 0.01)
    _, first = np.unique(keys, axis=0, return_index=True)
    return points[np.sort(first)]


def on_small_component(network: Network, edges: np.ndarray, share: float) -> np.ndarray:
    """Whether each edge lies on a component holding less than ``share`` of the network's
    length (an island: a footway cut off, an indoor corridor)."""
    component = network.cached("components", edge_components)
    lengths = np.bincount(component, weights=network.edge_length)
    return lengths[component[edges]] < share * lengths.sum()
