"""Reading line vertices straight from WKB, without building geometry objects.

Network layers are the largest input: hundreds of thousands of lines. Their vertices are
read from the bytes QGIS gives, which is several times faster than a shapely round trip.
"""

from typing import List, Optional

import numpy as np

_LINESTRING = 2
_MULTILINESTRING = 5


def _dimensions(wkb_type: int) -> Optional[int]:
    """Coordinates per vertex of an ISO WKB type (2D, Z, M, ZM), None if not ISO."""
    return {0: 2, 1: 3, 2: 3, 3: 4}.get(wkb_type // 1000)


def _linestring(data: bytes, offset: int, dims: int):
    count = int(np.frombuffer(data, "<u4", 1, offset)[0])
    xy = np.frombuffer(data, "<f8", count * dims, offset + 4).reshape(count, dims)[:, :2]
    return xy, offset + 4 + 8 * count * dims


def line_parts_from_wkb(data: bytes) -> Optional[List[np.ndarray]]:
    """Vertex arrays (n, 2) of a little-endian ISO WKB LineString or MultiLineString (with
    or without Z/M). None for anything else (curves, big-endian), which the caller reads
    another way."""
    if len(data) < 9 or data[0] != 1:
        return None
    wkb_type = int(np.frombuffer(data, "<u4", 1, 1)[0])
    dims = _dimensions(wkb_type)
    if dims is None:
        return None
    if wkb_type % 1000 == _LINESTRING:
        return [_linestring(data, 5, dims)[0]]
    if wkb_type % 1000 != _MULTILINESTRING:
        return None
    parts, offset = [], 9
    for _ in range(int(np.frombuffer(data, "<u4", 1, 5)[0])):
        if data[offset] != 1 or int(np.frombuffer(data, "<u4", 1, offset + 1)[0]) % 1000 \
                != _LINESTRING:
            return None
        xy, offset = _linestring(data, offset + 5, dims)
        parts.append(xy)
    return parts
