"""Attaching facilities and origins to the network.

A point joins the nearest point of the nearest edge (not the nearest junction) and walks
the straight gap. A polygon (park, school site) is entered from every network location
inside it or within a few metres of its edge; one that no street touches is reached from
the network location nearest to it. Locations are (edge, interval along it, gap).
"""

from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points
from shapely.prepared import prep

from .definitions import POLYGON_ENTRY_TOLERANCE_M
from .network import Network
from .spatial import nearest_segments, segment_index


@dataclass
class Seeds:
    """Where facilities join the network: on ``edge``, the interval [start, end] metres
    along it is reached at cost ``gap`` metres (start == end for a point)."""

    facility: np.ndarray
    edge: np.ndarray
    start: np.ndarray
    end: np.ndarray
    gap: np.ndarray

    @classmethod
    def empty(cls) -> "Seeds":
        return cls(*(np.zeros(0, dtype=t) for t in (np.int64, np.int64, float, float, float)))

    @classmethod
    def concat(cls, parts: Sequence["Seeds"]) -> "Seeds":
        parts = [p for p in parts if len(p)]
        if not parts:
            return cls.empty()
        return cls(*(np.concatenate([getattr(p, f) for p in parts])
                     for f in ("facility", "edge", "start", "end", "gap")))

    def __len__(self) -> int:
        return len(self.edge)

    def subset(self, mask: np.ndarray) -> "Seeds":
        return Seeds(self.facility[mask], self.edge[mask], self.start[mask], self.end[mask],
                     self.gap[mask])

    def of_facility(self, facility: int) -> "Seeds":
        return self.subset(self.facility == facility)

    def distinct(self) -> "Seeds":
        """One seed per place (edge, start, end), the one with the smallest gap.

        Many assets at one spot (a shopping centre's shops, one address repeated) reach
        the network at one place; a search needs it once, and the cost of the per-edge
        work grows with the square of the seeds on an edge. The facility kept is the
        first of the nearest, so per-facility results are not changed by merging."""
        if len(self) < 2:
            return self
        order = np.lexsort((np.arange(len(self)), self.gap, self.end, self.start, self.edge))
        edge, start, end = self.edge[order], self.start[order], self.end[order]
        first = np.r_[True, (edge[1:] != edge[:-1]) | (start[1:] != start[:-1])
                      | (end[1:] != end[:-1])]
        keep = np.sort(order[first])
        return self if len(keep) == len(self) else self.subset(keep)


@dataclass
class Attachment:
    """How each input geometry met the network: ``attached`` and its gap in metres
    (inf where it lies beyond the snap distance or has no usable geometry)."""

    seeds: Seeds
    attached: np.ndarray
    gap: np.ndarray

    @classmethod
    def empty(cls) -> "Attachment":
        return cls(Seeds.empty(), np.zeros(0, dtype=bool), np.zeros(0))


def locate_points(network: Network, points: np.ndarray, max_snap: float
                  ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nearest network location of each (x, y) point within ``max_snap`` metres.

    Returns (edge, offset along the edge in metres, gap in metres); edge is -1 and the
    gap inf where the network is farther than ``max_snap``.
    """
    index = segment_index(network)
    segment, gap, t = nearest_segments(index, points, max_snap)
    found = segment >= 0
    edge = np.where(found, index.edge[np.where(found, segment, 0)], -1)
    seg = np.where(found, segment, 0)
    lengths = np.hypot(*(index.end[seg] - index.start[seg]).T)
    offset = np.where(found, index.along[seg] + t * lengths, 0.0)
    return edge, offset, gap


def _polygon_intervals(network: Network, polygon: BaseGeometry, tolerance: float
                       ) -> List[Tuple[int, float, float]]:
    """Intervals (edge, start, end) of the network inside ``polygon`` grown by ``tolerance``."""
    index = segment_index(network)
    area = polygon.buffer(tolerance)
    prepared = prep(area)
    intervals = []
    for s in index.candidates_in_box(*area.bounds):
        a, b = index.start[s], index.end[s]
        length = float(np.hypot(*(b - a)))
        segment = LineString([tuple(a), tuple(b)])
        if not prepared.intersects(segment):
            continue
        if prepared.contains(segment):
            fractions = [(0.0, 1.0)]
        else:
            inside = segment.intersection(area)
            parts = getattr(inside, "geoms", [inside])
            fractions = [(segment.project(Point(p.coords[0]), normalized=True),
                          segment.project(Point(p.coords[-1]), normalized=True))
                         for p in parts if p.geom_type == "LineString" and not p.is_empty]
        along = index.along[s]
        edge = int(index.edge[s])
        intervals += [(edge, along + min(f) * length, along + max(f) * length)
                      for f in fractions]
    return intervals


def _nearest_location(network: Network, geometry: BaseGeometry, max_snap: float
                      ) -> Tuple[int, float, float]:
    """(edge, offset, gap) of the network location nearest to ``geometry``; edge -1 if none."""
    index = segment_index(network)
    xmin, ymin, xmax, ymax = geometry.bounds
    best = (-1, 0.0, np.inf)
    for s in index.candidates_in_box(xmin - max_snap, ymin - max_snap, xmax + max_snap,
                                     ymax + max_snap):
        segment = LineString([tuple(index.start[s]), tuple(index.end[s])])
        distance = segment.distance(geometry)
        if distance <= max_snap and distance < best[2]:
            on_segment = nearest_points(geometry, segment)[1]
            best = (int(index.edge[s]), index.along[s] + segment.project(on_segment), distance)
    return best


def attach_geometries(network: Network, geometries: Sequence[BaseGeometry], max_snap: float,
                      entry_tolerance: float = POLYGON_ENTRY_TOLERANCE_M) -> Attachment:
    """Attach facilities or origins (shapely points or polygons, None for no geometry).

    Points (and the parts of multi-points) snap to the nearest edge location; polygons
    are entered as described in the module docstring.
    """
    count = len(geometries)
    gaps = np.full(count, np.inf)
    point_rows, point_xy, polygon_parts = [], [], []
    for row, geometry in enumerate(geometries):
        if geometry is None or geometry.is_empty:
            continue
        if geometry.geom_type in ("Point", "MultiPoint"):
            for part in getattr(geometry, "geoms", [geometry]):
                point_rows.append(row)
                point_xy.append((part.x, part.y))
        elif geometry.geom_type in ("Polygon", "MultiPolygon"):
            polygon_parts.append((row, geometry if geometry.is_valid else geometry.buffer(0)))
    parts = []
    if point_rows:
        rows = np.asarray(point_rows)
        edge, offset, gap = locate_points(network, np.asarray(point_xy), max_snap)
        found = edge >= 0
        parts.append(Seeds(rows[found], edge[found], offset[found], offset[found], gap[found]))
        np.minimum.at(gaps, rows, gap)
    for row, polygon in polygon_parts:
        intervals = _polygon_intervals(network, polygon, entry_tolerance)
        if intervals:
            edge, start, end = (np.asarray(v) for v in zip(*intervals))
            parts.append(Seeds(np.full(len(edge), row), edge.astype(np.int64), start, end,
                               np.zeros(len(edge))))
            gaps[row] = 0.0
            continue
        edge, offset, gap = _nearest_location(network, polygon, max_snap)
        if edge >= 0:
            parts.append(Seeds(np.array([row]), np.array([edge]), np.array([offset]),
                               np.array([offset]), np.array([gap])))
            gaps[row] = gap
    return Attachment(seeds=Seeds.concat(parts), attached=np.isfinite(gaps), gap=gaps)
