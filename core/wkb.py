"""Reading line vertices straight from WKB, many geometries at once, and writing it.

Network layers are the largest input: millions of lines at region scale. Their WKB is
laid end to end in one buffer and read with array operations, which is many times
faster than a shapely round trip or a loop over geometries. Lines handed to GEOS for
buffering are written as WKB for the same reason.
"""

import struct
from typing import Sequence, Tuple

import numpy as np

from .network import Lines, _starts

_LINESTRING = 2
_MULTILINESTRING = 5
_HEADER = 9  # byte order (1), geometry type (4), vertex or part count (4)
# Coordinates per vertex of an ISO WKB type by its thousands: 2D, Z, M, ZM.
_DIMENSIONS = np.array([2, 3, 3, 4])


def _uint32(buffer: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Little-endian unsigned 32-bit integers at byte ``position`` (any alignment)."""
    value = np.zeros(len(position), dtype=np.int64)
    for byte in range(4):
        value |= buffer[position + byte].astype(np.int64) << (8 * byte)
    return value


def _xy(buffer: np.ndarray, position: np.ndarray) -> np.ndarray:
    """(n, 2) little-endian doubles x, y at byte ``position`` (any alignment): their 16
    bytes gathered, then read as numbers."""
    return np.asarray(buffer[position[:, None] + np.arange(16)].view("<f8"), dtype=float)


def _headers(buffer: np.ndarray, start: np.ndarray, stop: np.ndarray):
    """(type modulo 1000, coordinates per vertex, vertex or part count) of the WKB
    headers at ``start``; type -1 where there is none to read: fewer than a header's
    bytes before ``stop``, big-endian, or not ISO WKB."""
    kind = np.full(len(start), -1, dtype=np.int64)
    dimensions = np.full(len(start), 2, dtype=np.int64)
    count = np.zeros(len(start), dtype=np.int64)
    rows = np.flatnonzero(stop - start >= _HEADER)
    rows = rows[buffer[start[rows]] == 1]
    wkb_type = _uint32(buffer, start[rows] + 1)
    iso = wkb_type // 1000 < len(_DIMENSIONS)
    rows, wkb_type = rows[iso], wkb_type[iso]
    kind[rows] = wkb_type % 1000
    dimensions[rows] = _DIMENSIONS[wkb_type // 1000]
    count[rows] = _uint32(buffer, start[rows] + 5)
    return kind, dimensions, count


def _vertex_positions(part_data: np.ndarray, part_vertices: np.ndarray,
                      part_dimensions: np.ndarray):
    """(byte position of every vertex, where each part's vertices start)."""
    vertex_start = _starts(part_vertices)
    within = np.arange(vertex_start[-1]) - np.repeat(vertex_start[:-1], part_vertices)
    within *= np.repeat(8 * part_dimensions, part_vertices)
    within += np.repeat(part_data, part_vertices)
    return within, vertex_start


def parse_lines(data: bytes, offsets: np.ndarray) -> Tuple[Lines, np.ndarray, np.ndarray]:
    """Line parts of geometries laid end to end in ``data`` (geometry ``i`` is
    ``data[offsets[i]:offsets[i + 1]]``): little-endian ISO WKB LineStrings and
    MultiLineStrings, 2D or with Z and/or M (dropped).

    Returns (the parts that have vertices, in order; each part's geometry; whether each
    geometry was read). Anything else (curves, big-endian, no bytes) is not read and has
    no parts: the caller reads it another way.
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    buffer = np.frombuffer(data, np.uint8)
    start, stop = offsets[:-1], offsets[1:]
    kind, dimensions, count = _headers(buffer, start, stop)
    single = kind == _LINESTRING
    # a part takes a header's bytes at least: more parts than that is not WKB
    multi = (kind == _MULTILINESTRING) & (count <= (stop - start) // _HEADER)
    parts = np.where(single, 1, np.where(multi, count, 0))
    first_part = _starts(parts)
    part_data = np.zeros(first_part[-1], dtype=np.int64)
    part_vertices = np.zeros(first_part[-1], dtype=np.int64)
    lines = np.flatnonzero(single)
    part_data[first_part[lines]] = start[lines] + _HEADER
    part_vertices[first_part[lines]] = count[lines]
    end = np.where(single, start + _HEADER + 8 * dimensions * count, stop)
    read = single | multi
    _read_multi_parts(buffer, np.flatnonzero(multi), start + _HEADER, stop, dimensions,
                      parts, first_part, part_data, part_vertices, end, read)
    read &= end <= stop
    part_geometry = np.repeat(np.arange(len(parts), dtype=np.int64), parts)
    kept = read[part_geometry] & (part_vertices > 0)
    part_geometry = part_geometry[kept]
    position, vertex_start = _vertex_positions(part_data[kept], part_vertices[kept],
                                               dimensions[part_geometry])
    return Lines(_xy(buffer, position), vertex_start), part_geometry, read


def _read_multi_parts(buffer, multi, cursor, stop, dimensions, parts, first_part,
                      part_data, part_vertices, end, read) -> None:
    """Fill ``part_data`` / ``part_vertices`` with the parts of the MultiLineStrings
    ``multi``, all geometries' first parts at once, then their second parts...; a
    geometry with a part that is not a whole LineString is marked not ``read``."""
    cursor = cursor.copy()
    for part in range(int(parts[multi].max()) if len(multi) else 0):
        multi = multi[(parts[multi] > part) & read[multi]]
        kind, _, vertices = _headers(buffer, cursor[multi], stop[multi])
        following = cursor[multi] + _HEADER + 8 * dimensions[multi] * vertices
        whole = (kind == _LINESTRING) & (following <= stop[multi])
        read[multi[~whole]] = False
        multi, following, vertices = multi[whole], following[whole], vertices[whole]
        part_data[first_part[multi] + part] = cursor[multi] + _HEADER
        part_vertices[first_part[multi] + part] = vertices
        cursor[multi] = following
        end[multi] = following


def multilinestring_wkb(lines: Sequence[np.ndarray]) -> bytes:
    """Little-endian WKB of a multi-line of the vertex arrays ``lines`` (2D, two vertices
    or more each): shapely reads it in one call, where building the multi-line from the
    arrays loops over them holding Python's lock."""
    return struct.pack("<BII", 1, _MULTILINESTRING, len(lines)) + b"".join(
        struct.pack("<BII", 1, _LINESTRING, len(xy)) +
        np.ascontiguousarray(xy, dtype="<f8").tobytes() for xy in lines)
