"""Turning reachable network parts into lines and catchment polygons (shapely 1.8 and 2.x)."""

from typing import List, Sequence

import numpy as np
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, unary_union

from .definitions import BUFFER_QUAD_SEGMENTS
from .network import Network

_FULL_EDGE_TOLERANCE = 1e-6


def part_coordinates(network: Network, edge: np.ndarray, x0: np.ndarray, x1: np.ndarray
                     ) -> List[np.ndarray]:
    """Vertex arrays of edge parts from ``x0`` to ``x1`` metres along each edge.

    Cuts are interpolated exactly; the vertices in between are the edge's own.
    """
    base = np.concatenate([[0.0], np.cumsum(network.edge_length)])
    edge_of_vertex = np.repeat(np.arange(network.edge_count), np.diff(network.coord_start))
    position = base[edge_of_vertex] + network.cumlen
    start = base[edge] + x0
    end = base[edge] + x1
    inner_lo = np.searchsorted(position, start, side="right")
    inner_hi = np.searchsorted(position, end, side="left")
    lo_bound = network.coord_start[edge]
    hi_bound = network.coord_start[edge + 1]
    inner_lo = np.clip(inner_lo, lo_bound, hi_bound)
    inner_hi = np.clip(inner_hi, inner_lo, hi_bound)

    def interpolate(at, lo_vertex):
        # the segment containing ``at`` starts at lo_vertex - 1
        first = np.clip(lo_vertex - 1, lo_bound, hi_bound - 2)
        seg_len = position[first + 1] - position[first]
        t = np.where(seg_len > 0, (at - position[first]) / np.where(seg_len > 0, seg_len, 1), 0)
        t = np.clip(t, 0.0, 1.0)[:, None]
        return network.coords[first] * (1 - t) + network.coords[first + 1] * t

    first_point = interpolate(start, inner_lo)
    last_point = interpolate(end, inner_hi)
    lines = []
    for i in range(len(edge)):
        inner = network.coords[inner_lo[i]:inner_hi[i]]
        lines.append(np.vstack([first_point[i:i + 1], inner, last_point[i:i + 1]]))
    return lines


def to_linestrings(coordinates: Sequence[np.ndarray]) -> List[LineString]:
    """shapely LineStrings of vertex arrays."""
    return [LineString(xy) for xy in coordinates]


def catchment_polygon(lines: Sequence[LineString], trim_distance: float) -> BaseGeometry:
    """The area within ``trim_distance`` of the lines: merged lines buffered once and
    dissolved. The buffer polygons are inscribed in the true buffer, so nothing lies
    farther than ``trim_distance`` from a line."""
    if not lines:
        return Polygon()
    merged = linemerge(MultiLineString(list(lines)))
    parts = list(getattr(merged, "geoms", [merged]))
    buffers = [part.buffer(trim_distance, BUFFER_QUAD_SEGMENTS) for part in parts]
    return unary_union(buffers)


def polygon_parts(geometry: BaseGeometry) -> List[Polygon]:
    """The polygons of a (multi)polygon or collection, empty ones dropped."""
    if geometry.is_empty:
        return []
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [g for part in getattr(geometry, "geoms", []) for g in polygon_parts(part)]


def polygonal(geometry: BaseGeometry) -> MultiPolygon:
    """Only the polygon parts of a geometry (intersections can add lines and points)."""
    return MultiPolygon(polygon_parts(geometry))
