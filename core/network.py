"""Building a walkable graph from line geometries.

Lines are split into edges wherever they share a vertex with another line (OSM ways meet
at interior vertices) and at their ends. Lines that merely cross, with no shared vertex
(bridges, tunnels), stay apart. Everything is in metres in one projected CRS.
"""

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from .definitions import JUNCTION_PRECISION_M


@dataclass
class Network:
    """A walkable graph whose edges keep their geometry.

    Attributes:
        node_xy: (N, 2) junction coordinates.
        edge_u, edge_v: (E,) end nodes of each edge (from its first to its last vertex).
        edge_length: (E,) length of each edge in metres.
        coords: (V, 2) vertices of every edge, edge after edge.
        coord_start: (E + 1,) where each edge's vertices start in ``coords``.
        cumlen: (V,) distance along its edge of every vertex.
        edge_line: (E,) index of the input line each edge comes from.
    """

    node_xy: np.ndarray
    edge_u: np.ndarray
    edge_v: np.ndarray
    edge_length: np.ndarray
    coords: np.ndarray
    coord_start: np.ndarray
    cumlen: np.ndarray
    edge_line: np.ndarray
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def node_count(self) -> int:
        return len(self.node_xy)

    @property
    def edge_count(self) -> int:
        return len(self.edge_u)

    def edge_coords(self, edge: int) -> np.ndarray:
        """The (n, 2) vertices of one edge."""
        return self.coords[self.coord_start[edge]:self.coord_start[edge + 1]]

    def edge_cumlen(self, edge: int) -> np.ndarray:
        """Distance along the edge of each of its vertices."""
        return self.cumlen[self.coord_start[edge]:self.coord_start[edge + 1]]

    def cached(self, key: str, build):
        """A value derived from the network, built once (spatial index, search graph)."""
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]


def _quantize(xy: np.ndarray, precision: float) -> np.ndarray:
    return np.round(xy / precision).astype(np.int64)


def _group_equal_points(keys: np.ndarray):
    """(group id of each row, rows per group) of equal integer (x, y) rows."""
    order = np.lexsort((keys[:, 1], keys[:, 0]))
    ordered = keys[order]
    new_group = np.r_[True, np.any(ordered[1:] != ordered[:-1], axis=1)]
    group_of_sorted = np.cumsum(new_group) - 1
    point_id = np.empty(len(keys), dtype=np.int64)
    point_id[order] = group_of_sorted
    return point_id, np.bincount(group_of_sorted)


def _concatenate_parts(lines: Sequence[np.ndarray], precision: float):
    """All usable vertices, line after line: (xy, line index of each vertex).

    Z/M columns, non-finite vertices and repeated vertices are dropped, then lines left
    with fewer than two vertices.
    """
    arrays = [np.asarray(xy, dtype=float) for xy in lines]
    arrays = [(i, a[:, :2]) for i, a in enumerate(arrays) if a.ndim == 2 and len(a) >= 2
              and a.shape[1] >= 2]
    if not arrays:
        return np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    xy = np.concatenate([a for _, a in arrays])
    line = np.repeat([i for i, _ in arrays], [len(a) for _, a in arrays])
    finite = np.all(np.isfinite(xy), axis=1)
    xy, line = xy[finite], line[finite]
    keys = _quantize(xy, precision)
    repeated = np.r_[False, (line[1:] == line[:-1]) & np.all(keys[1:] == keys[:-1], axis=1)]
    xy, line = xy[~repeated], line[~repeated]
    counts = np.bincount(line, minlength=len(lines))
    usable = counts[line] >= 2
    return xy[usable], line[usable]


def build_network(lines: Sequence[np.ndarray], precision: float = JUNCTION_PRECISION_M
                  ) -> Network:
    """Build a :class:`Network` from line vertex arrays (one (n, 2+) array per line part).

    Vertices closer than ``precision`` metres are the same junction. Degenerate parts
    (fewer than two distinct vertices) are ignored. ``edge_line`` refers to positions in
    ``lines``.
    """
    xy, vertex_line = _concatenate_parts(lines, precision)
    if not len(xy):
        empty = np.zeros(0, dtype=np.int64)
        return Network(np.zeros((0, 2)), empty, empty, np.zeros(0), np.zeros((0, 2)),
                       np.zeros(1, dtype=np.int64), np.zeros(0), empty)
    starts = np.flatnonzero(np.r_[True, vertex_line[1:] != vertex_line[:-1]])
    ends = np.r_[starts[1:], len(xy)] - 1
    vertex_part = np.cumsum(np.r_[True, vertex_line[1:] != vertex_line[:-1]]) - 1

    point_id, occurrences = _group_equal_points(_quantize(xy, precision))
    is_node = occurrences[point_id] > 1
    is_node[starts] = True
    is_node[ends] = True

    node_vertices = np.flatnonzero(is_node)
    first, last = node_vertices[:-1], node_vertices[1:]
    same_part = vertex_part[first] == vertex_part[last]
    first, last = first[same_part], last[same_part]

    seg = np.zeros(len(xy))
    seg[1:] = np.hypot(*(xy[1:] - xy[:-1]).T)
    seg[starts] = 0.0
    along_part = np.cumsum(seg)
    edge_length = along_part[last] - along_part[first]

    node_points, node_index = np.unique(point_id[node_vertices], return_inverse=True)
    node_of_point = np.full(point_id.max() + 1, -1, dtype=np.int64)
    node_of_point[node_points] = np.arange(len(node_points))
    edge_u = node_of_point[point_id[first]]
    edge_v = node_of_point[point_id[last]]

    keep = ~((edge_u == edge_v) & (edge_length <= precision))
    first, last, edge_u, edge_v, edge_length = (
        a[keep] for a in (first, last, edge_u, edge_v, edge_length))

    counts = last - first + 1
    coord_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    offsets = np.arange(coord_start[-1]) - np.repeat(coord_start[:-1], counts)
    vertex = np.repeat(first, counts) + offsets
    node_xy = np.zeros((len(node_points), 2))
    node_xy[node_of_point[point_id[node_vertices]]] = xy[node_vertices]
    return Network(
        node_xy=node_xy,
        edge_u=edge_u,
        edge_v=edge_v,
        edge_length=edge_length,
        coords=xy[vertex],
        coord_start=coord_start,
        cumlen=along_part[vertex] - np.repeat(along_part[first], counts),
        edge_line=vertex_line[first],
    )
