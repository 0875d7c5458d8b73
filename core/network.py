"""Building a walkable graph from line geometries.

Lines are split into edges wherever they share a vertex with another line (OSM ways meet
at interior vertices) and at their ends. Lines that merely cross, with no shared vertex
(bridges, tunnels), stay apart. Everything is in metres in one projected CRS.
"""

import threading
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from .definitions import JUNCTION_PRECISION_M

# Guards the lock of each derived value: the kinds of a run are judged on several threads,
# and each would otherwise build the same index or faces at once.
_CACHE_LOCK = threading.Lock()


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
    _cache_locks: dict = field(default_factory=dict, repr=False)

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
        """A value derived from the network, built once (spatial index, search graph,
        faces), even when several threads ask for it at once."""
        with _CACHE_LOCK:
            key_lock = self._cache_locks.setdefault(key, threading.Lock())
        # one lock per value: a thread building the faces does not hold up one that
        # builds or reads the search graph
        with key_lock:
            if key not in self._cache:
                self._cache[key] = build(self)
            return self._cache[key]


@dataclass
class Lines:
    """Line parts as one vertex array: part ``i`` is ``xy[start[i]:start[i + 1]]``.

    A region's network holds millions of short lines; one array and its offsets cost a
    fraction of the memory and time of as many small arrays.
    """

    xy: np.ndarray
    start: np.ndarray

    def __len__(self) -> int:
        return len(self.start) - 1

    def __getitem__(self, line: int) -> np.ndarray:
        """The (n, 2) vertices of one line (a view)."""
        return self.xy[self.start[line]:self.start[line + 1]]

    def __iter__(self):
        return iter(np.split(self.xy, self.start[1:-1]) if len(self) else [])

    @property
    def counts(self) -> np.ndarray:
        """Vertices per line."""
        return np.diff(self.start)

    def vertex_line(self) -> np.ndarray:
        """The line of every vertex."""
        return np.repeat(np.arange(len(self), dtype=np.int64), self.counts)

    def take(self, rows: np.ndarray) -> "Lines":
        """The lines ``rows`` (indices), in that order."""
        counts = self.counts[rows]
        start = _starts(counts)
        vertex = np.arange(start[-1]) + np.repeat(self.start[:-1][rows] - start[:-1], counts)
        return Lines(self.xy[vertex], start)


def _starts(counts: np.ndarray) -> np.ndarray:
    """Offsets (n + 1,) of consecutive runs of ``counts`` items."""
    start = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=start[1:])
    return start


def concatenate_lines(parts: Sequence[Lines]) -> Lines:
    """One :class:`Lines` of several, in order."""
    if not parts:
        return Lines(np.zeros((0, 2)), np.zeros(1, dtype=np.int64))
    return Lines(np.concatenate([part.xy for part in parts]),
                 _starts(np.concatenate([part.counts for part in parts])))


def as_lines(lines) -> Lines:
    """:class:`Lines` of a sequence of vertex arrays ((n, 2+) each; Z/M columns dropped,
    anything not an (n, 2+) array read as a line without vertices), or ``lines`` itself."""
    if isinstance(lines, Lines):
        return lines
    arrays = [np.asarray(xy, dtype=float) for xy in lines]
    arrays = [a[:, :2] if a.ndim == 2 and a.shape[1] >= 2 else np.zeros((0, 2))
              for a in arrays]
    if not arrays:
        return concatenate_lines([])
    return Lines(np.concatenate(arrays), _starts(np.array([len(a) for a in arrays])))


def _quantize(xy: np.ndarray, precision: float) -> np.ndarray:
    scaled = np.divide(xy, precision)
    # rounded in place: at region scale every temporary is another (V, 2) array
    return np.round(scaled, out=scaled).astype(np.int64)


def _point_keys(keys: np.ndarray) -> Optional[np.ndarray]:
    """One int64 per integer (x, y) row that sorts as (x, y) does, or None when the
    span of the rows does not fit in 63 bits."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    low = keys.min(axis=0)
    span = keys.max(axis=0) - low + 1
    if float(span[0]) * float(span[1]) >= 2.0 ** 62:
        return None
    combined = keys[:, 0] - low[0]
    combined *= span[1]
    combined += keys[:, 1] - low[1]
    return combined


def _group_equal_points(keys: np.ndarray):
    """(group id of each row, rows per group) of equal integer (x, y) rows; groups are
    numbered in (x, y) order."""
    combined = _point_keys(keys)
    if combined is None:
        order = np.lexsort((keys[:, 1], keys[:, 0]))
        ordered = keys[order]
        new_group = np.r_[True, np.any(ordered[1:] != ordered[:-1], axis=1)]
    else:
        order = np.argsort(combined)
        ordered = combined[order]
        new_group = np.r_[True, ordered[1:] != ordered[:-1]]
    group_of_sorted = np.cumsum(new_group) - 1
    point_id = np.empty(len(keys), dtype=np.int64)
    point_id[order] = group_of_sorted
    return point_id, np.bincount(group_of_sorted)


def _concatenate_parts(lines, precision: float):
    """All usable vertices, line after line: (xy, line index of each vertex, quantized
    xy).

    Non-finite vertices and repeated vertices are dropped, then lines left with fewer
    than two vertices.
    """
    lines = as_lines(lines)
    xy, line = lines.xy, lines.vertex_line()
    finite = np.all(np.isfinite(xy), axis=1)
    if not finite.all():
        xy, line = xy[finite], line[finite]
    keys = _quantize(xy, precision)
    repeated = np.r_[False, (line[1:] == line[:-1]) & np.all(keys[1:] == keys[:-1], axis=1)]
    if repeated.any():
        xy, line, keys = xy[~repeated], line[~repeated], keys[~repeated]
    usable = np.bincount(line, minlength=len(lines))[line] >= 2
    if not usable.all():
        xy, line, keys = xy[usable], line[usable], keys[usable]
    return xy, line, keys


def build_network(lines, precision: float = JUNCTION_PRECISION_M) -> Network:
    """Build a :class:`Network` from :class:`Lines` or line vertex arrays (one (n, 2+)
    array per line part).

    Vertices closer than ``precision`` metres are the same junction. Degenerate parts
    (fewer than two distinct vertices) are ignored. ``edge_line`` refers to positions in
    ``lines``.
    """
    xy, vertex_line, keys = _concatenate_parts(lines, precision)
    if not len(xy):
        empty = np.zeros(0, dtype=np.int64)
        return Network(np.zeros((0, 2)), empty, empty, np.zeros(0), np.zeros((0, 2)),
                       np.zeros(1, dtype=np.int64), np.zeros(0), empty)
    new_part = np.r_[True, vertex_line[1:] != vertex_line[:-1]]
    starts = np.flatnonzero(new_part)
    ends = np.r_[starts[1:], len(xy)] - 1
    vertex_part = np.cumsum(new_part) - 1
    del new_part

    point_id, occurrences = _group_equal_points(keys)
    del keys
    is_node = occurrences[point_id] > 1
    is_node[starts] = True
    is_node[ends] = True

    node_vertices = np.flatnonzero(is_node)
    del is_node
    first, last = node_vertices[:-1], node_vertices[1:]
    same_part = vertex_part[first] == vertex_part[last]
    del vertex_part
    first, last = first[same_part], last[same_part]

    seg = np.zeros(len(xy))
    seg[1:] = np.hypot(xy[1:, 0] - xy[:-1, 0], xy[1:, 1] - xy[:-1, 1])
    seg[starts] = 0.0
    along_part = np.cumsum(seg, out=seg)
    edge_length = along_part[last] - along_part[first]

    # nodes are numbered in the order of their points, which is (x, y) order
    node_point_ids = point_id[node_vertices]
    is_node_point = np.zeros(len(occurrences), dtype=bool)
    is_node_point[node_point_ids] = True
    node_of_point = np.cumsum(is_node_point) - 1
    edge_u = node_of_point[point_id[first]]
    edge_v = node_of_point[point_id[last]]
    del point_id

    keep = ~((edge_u == edge_v) & (edge_length <= precision))
    first, last, edge_u, edge_v, edge_length = (
        a[keep] for a in (first, last, edge_u, edge_v, edge_length))

    counts = last - first + 1
    coord_start = _starts(counts)
    vertex = np.arange(coord_start[-1]) + np.repeat(first - coord_start[:-1], counts)
    node_xy = np.zeros((int(is_node_point.sum()), 2))
    node_xy[node_of_point[node_point_ids]] = xy[node_vertices]
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
