"""A uniform-grid index over the network's straight segments, in plain numpy.

Segments are registered in the grid cell of the midpoint of each piece of at most one
cell length, so a query ring of k cells around a point is exact for every segment whose
distance is at most (k - 0.5) cells. Queries are vectorised over many points at once.
"""

from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np

from .network import Network

_KEY_SHIFT = np.int64(1 << 31)
POINT_BLOCK = 1 << 16
# Bits per axis of the Z-order: cells up to 2**21 apart (2,100 km at 1 m cells).
_ORDER_BITS = 21
# Points are searched in a Z-order over cells this many index cells across: nearby
# points then read nearby segments, which is a third faster than in the order given.
QUERY_ORDER_CELLS = 16


@dataclass
class SegmentIndex:
    """Straight segments of a network and a grid over them."""

    start: np.ndarray        # (S, 2) segment start points
    end: np.ndarray          # (S, 2) segment end points
    edge: np.ndarray         # (S,) edge of each segment
    along: np.ndarray        # (S,) distance along the edge where the segment starts
    cell_size: float
    cell_keys: np.ndarray    # (P,) sorted cell key of each registered piece
    piece_segment: np.ndarray  # (P,) segment of each registered piece
    piece_mid: np.ndarray    # (P, 2) midpoint of each registered piece

    def _cell(self, xy: np.ndarray) -> np.ndarray:
        return np.floor(xy / self.cell_size).astype(np.int64)

    def candidates(self, points: np.ndarray, ring: int) -> Tuple[np.ndarray, np.ndarray]:
        """(point, segment) pairs whose pieces lie within ``ring`` cells of each point,
        ordered by point."""
        cells = self._cell(points)
        width = 2 * ring + 1
        # the cells of one grid column are consecutive keys: one range per column
        column = (cells[:, 0:1] + np.arange(-ring, ring + 1)[None, :]).ravel()
        row = np.repeat(cells[:, 1], width)
        low = column * _KEY_SHIFT + row - ring
        # searched in key order, the sorted keys are read from memory in order too
        order = np.argsort(low, kind="stable")
        lo, hi = np.empty_like(low), np.empty_like(low)
        lo[order] = np.searchsorted(self.cell_keys, low[order], side="left")
        hi[order] = np.searchsorted(self.cell_keys, low[order] + 2 * ring, side="right")
        counts = hi - lo
        pair_point = np.repeat(np.repeat(np.arange(len(points)), width), counts)
        first = np.repeat(lo - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
        pair_piece = first + np.arange(counts.sum())
        return pair_point, self.piece_segment[pair_piece]

    def candidates_in_box(self, xmin: float, ymin: float, xmax: float, ymax: float
                          ) -> np.ndarray:
        """Segments with a piece whose cell overlaps the box (a superset, unique)."""
        if not len(self.cell_keys):
            return np.zeros(0, dtype=np.int64)
        c0 = self._cell(np.array([xmin, ymin]) - self.cell_size)
        c1 = self._cell(np.array([xmax, ymax]) + self.cell_size)
        # no column beyond the indexed ones (a huge box would loop for nothing)
        c0[0] = max(c0[0], int(self.cell_keys[0] // _KEY_SHIFT))
        c1[0] = min(c1[0], int(self.cell_keys[-1] // _KEY_SHIFT))
        found = []
        for cx in range(c0[0], c1[0] + 1):
            lo = np.searchsorted(self.cell_keys, cx * _KEY_SHIFT + c0[1], side="left")
            hi = np.searchsorted(self.cell_keys, cx * _KEY_SHIFT + c1[1], side="right")
            found.append(self.piece_segment[lo:hi])
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def build_segment_index(network: Network, cell_size: float = 0.0) -> SegmentIndex:
    """Index every straight segment of ``network`` (cell size from the segment lengths)."""
    coords, starts = network.coords, network.coord_start
    is_first_vertex = np.zeros(len(coords), dtype=bool)
    is_first_vertex[starts[:-1]] = True
    # a segment runs from vertex i to vertex i + 1 of the same edge
    seg_first = np.flatnonzero(~is_first_vertex[1:])
    edge_of_vertex = np.repeat(np.arange(network.edge_count), np.diff(starts))
    start, end = coords[seg_first], coords[seg_first + 1]
    lengths = np.hypot(*(end - start).T)
    if cell_size <= 0:
        cell_size = float(np.clip(np.median(lengths) if len(lengths) else 25.0, 5.0, 50.0))
    pieces = np.maximum(1, np.ceil(lengths / cell_size)).astype(np.int64)
    piece_segment = np.repeat(np.arange(len(start)), pieces)
    within = positions_in_runs(pieces)
    t = (within + 0.5) / pieces[piece_segment]
    mid = start[piece_segment] + (end - start)[piece_segment] * t[:, None]
    cells = np.floor(mid / cell_size).astype(np.int64)
    keys = cells[:, 0] * _KEY_SHIFT + cells[:, 1]
    order = np.argsort(keys, kind="stable")
    return SegmentIndex(start=start, end=end, edge=edge_of_vertex[seg_first],
                        along=network.cumlen[seg_first], cell_size=cell_size,
                        cell_keys=keys[order], piece_segment=piece_segment[order],
                        piece_mid=mid[order])


def positions_in_runs(counts: np.ndarray) -> np.ndarray:
    """0, 1, ... counts[0] - 1, 0, 1, ... counts[1] - 1, ...: each item's place in its run,
    for runs of ``counts`` items laid end to end."""
    counts = np.asarray(counts, dtype=np.int64)
    return np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)


def spatial_order(xy: np.ndarray, cell: float) -> np.ndarray:
    """Indexes of the points ``xy`` along a Z-order curve over cells of ``cell`` metres:
    consecutive runs of them are compact blocks, and so are runs of those runs."""
    cells = np.floor((xy - xy.min(axis=0)) / cell).astype(np.int64)
    code = np.zeros(len(xy), dtype=np.int64)
    for bit in range(_ORDER_BITS):
        code |= ((cells[:, 0] >> bit) & 1) << (2 * bit + 1)
        code |= ((cells[:, 1] >> bit) & 1) << (2 * bit)
    return np.argsort(code, kind="stable")


def segment_index(network: Network) -> SegmentIndex:
    """The network's segment index, built on first use."""
    return network.cached("segment_index", build_segment_index)


def _project(points: np.ndarray, start: np.ndarray, end: np.ndarray):
    """Distance from each point to its paired segment and the fraction along it."""
    d = end - start
    length2 = np.einsum("ij,ij->i", d, d)
    t = np.where(length2 > 0,
                 np.einsum("ij,ij->i", points - start, d) / np.where(length2 > 0, length2, 1),
                 0.0)
    t = np.clip(t, 0.0, 1.0)
    nearest = start + d * t[:, None]
    return np.hypot(*(points - nearest).T), t


def segments_within(index: SegmentIndex, points: np.ndarray, distance: float
                    ) -> Tuple[np.ndarray, np.ndarray]:
    """(point, segment) pairs of every segment within ``distance`` metres of each point,
    ordered by point."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    ring = int(np.ceil(distance / index.cell_size + 0.5))
    pair_point, pair_segment = index.candidates(points, ring)
    gap, _ = _project(points[pair_point], index.start[pair_segment], index.end[pair_segment])
    near = gap <= distance
    return pair_point[near], pair_segment[near]


def _nearest_pairs(pair_point: np.ndarray, distance: np.ndarray, segment: np.ndarray
                   ) -> np.ndarray:
    """Per point (``pair_point`` ascending), the first of its pairs at the least distance
    with the lowest segment number."""
    starts = np.flatnonzero(np.r_[True, pair_point[1:] != pair_point[:-1]])
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(pair_point)]))
    nearest = distance == np.minimum.reduceat(distance, starts)[group]
    lowest = np.minimum.reduceat(np.where(nearest, segment, np.iinfo(np.int64).max), starts)
    chosen = np.flatnonzero(nearest & (segment == lowest[group]))
    return chosen[np.r_[True, group[chosen][1:] != group[chosen][:-1]]]


def nearest_segments(index: SegmentIndex, points: np.ndarray, max_distance: float,
                     point_group: Optional[np.ndarray] = None,
                     segment_group: Optional[np.ndarray] = None
                     ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The nearest segment to each point, within ``max_distance`` metres.

    With ``point_group`` and ``segment_group``, a point ignores the segments of its own
    group (a line end looking for another line). Returns (segment, distance, fraction
    along the segment); segment is -1 where none is that close. Ties go to the lowest
    segment number, so results are repeatable.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    count = len(points)
    best = (np.full(count, -1, dtype=np.int64), np.full(count, np.inf), np.zeros(count))
    finite = np.flatnonzero(np.isfinite(points).all(axis=1))
    order = finite[spatial_order(points[finite], QUERY_ORDER_CELLS * index.cell_size)] \
        if len(finite) else finite
    # points are taken POINT_BLOCK at a time: a point's candidate pairs cost about a
    # kilobyte, too much for millions of origins at once
    for start in range(0, len(order), POINT_BLOCK):
        block = order[start:start + POINT_BLOCK]
        found = _nearest_in_block(index, points[block], max_distance,
                                  None if point_group is None else point_group[block],
                                  segment_group)
        for whole, part in zip(best, found):
            whole[block] = part
    return best


def _nearest_in_block(index: SegmentIndex, points: np.ndarray, max_distance: float,
                      point_group: Optional[np.ndarray], segment_group: Optional[np.ndarray]
                      ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """nearest_segments for one block of points: rings of cells grow until each point's
    nearest segment is certain (or farther than ``max_distance``)."""
    count = len(points)
    best_segment = np.full(count, -1, dtype=np.int64)
    best_distance = np.full(count, np.inf)
    best_t = np.zeros(count)
    pending = np.arange(count)
    ring = 1
    while len(pending) and len(index.start):
        pair_point, pair_segment = index.candidates(points[pending], ring)
        if point_group is not None:
            other = point_group[pending][pair_point] != segment_group[pair_segment]
            pair_point, pair_segment = pair_point[other], pair_segment[other]
        if len(pair_point):
            distance, t = _project(points[pending[pair_point]], index.start[pair_segment],
                                   index.end[pair_segment])
            first = _nearest_pairs(pair_point, distance, pair_segment)
            hit = pending[pair_point[first]]
            best_segment[hit] = pair_segment[first]
            best_distance[hit] = distance[first]
            best_t[hit] = t[first]
        exact_within = (ring - 0.5) * index.cell_size
        unresolved = best_distance[pending] > exact_within
        if exact_within >= max_distance:
            break
        pending = pending[unresolved]
        ring *= 2
    too_far = best_distance > max_distance
    best_segment[too_far] = -1
    best_distance[too_far] = np.inf
    return best_segment, best_distance, best_t
