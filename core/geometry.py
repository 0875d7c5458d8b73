"""Turning reachable network parts into lines and catchment polygons (shapely 1.8 and 2.x)."""

import gc
import os
import threading
import warnings
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar

import numpy as np
import shapely
from shapely import wkb
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from shapely.strtree import STRtree

from .definitions import BUFFER_QUAD_SEGMENTS
from .network import Network
from .spatial import spatial_order
from .wkb import multilinestring_wkb

# A part this close to both ends of its edge spans the whole edge (metres).
FULL_EDGE_TOLERANCE = 1e-6
# Lines buffered together as one chunk (GEOS's buffer of a multi-line slows down on many
# more), the cell size of the order that keeps a chunk compact, and how many neighbouring
# chunks are then dissolved at a time.
UNION_CHUNK = 128
UNION_CELL_M = 100.0
UNION_FAN = 16
# Threads that buffer and dissolve chunks: GEOS releases Python's lock while it works.
UNION_WORKERS = max(1, min(4, os.cpu_count() or 1))
# Seconds between cancel checks while a chunk is being buffered or dissolved.
_CANCEL_POLL_S = 0.1

SHAPELY_2 = hasattr(shapely, "get_parts")

T = TypeVar("T")
R = TypeVar("R")


def _positions(network: Network):
    """Where each edge starts, and each vertex lies, along all edges laid end to end."""
    base = np.concatenate([[0.0], np.cumsum(network.edge_length)])
    edge_of_vertex = np.repeat(np.arange(network.edge_count), np.diff(network.coord_start))
    return base, base[edge_of_vertex] + network.cumlen


def part_vertices(network: Network, edge: np.ndarray, x0: np.ndarray, x1: np.ndarray
                  ) -> Tuple[np.ndarray, np.ndarray]:
    """The vertices of edge parts from ``x0`` to ``x1`` metres along each edge, part after
    part, and where each part's vertices start (one more entry, the total, at the end).

    Cuts are interpolated exactly; the vertices in between are the edge's own.
    """
    base, position = network.cached("positions", _positions)
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

    inner = inner_hi - inner_lo
    offsets = np.concatenate([[0], np.cumsum(inner + 2)])
    xy = np.empty((offsets[-1], 2))
    xy[offsets[:-1]] = interpolate(start, inner_lo)
    xy[offsets[1:] - 1] = interpolate(end, inner_hi)
    part = np.repeat(np.arange(len(edge)), inner)
    rank = np.arange(len(part)) - (np.cumsum(inner) - inner)[part]
    xy[offsets[part] + 1 + rank] = network.coords[inner_lo[part] + rank]
    return xy, offsets


def part_coordinates(network: Network, edge: np.ndarray, x0: np.ndarray, x1: np.ndarray
                     ) -> List[np.ndarray]:
    """Vertex arrays of edge parts from ``x0`` to ``x1`` metres along each edge
    (``part_vertices``, one array a part)."""
    xy, offsets = part_vertices(network, edge, x0, x1)
    return np.split(xy, offsets[1:-1]) if len(edge) else []


def chain_parts(network: Network, edge: np.ndarray, x0: np.ndarray, x1: np.ndarray,
                max_parts: int = 32) -> List[np.ndarray]:
    """The edge parts from ``x0`` to ``x1`` metres along each edge, joined end to end
    through the junctions they share into longer lines (vertex arrays).

    At every junction the part ends are paired off and followed, so a street grid
    becomes a few thousand long lines instead of one line per edge: buffering and
    dissolving those is several times faster, for the same area. A line takes at most
    ``max_parts`` parts, since very long self-crossing lines buffer slowly.
    """
    count = len(edge)
    length = network.edge_length[edge]
    ends = np.full(2 * count, -1, dtype=np.int64)
    ends[0::2] = np.where(x0 <= FULL_EDGE_TOLERANCE, network.edge_u[edge], -1)
    ends[1::2] = np.where(x1 >= length - FULL_EDGE_TOLERANCE, network.edge_v[edge], -1)
    at_node = np.flatnonzero(ends >= 0)
    at_node = at_node[np.argsort(ends[at_node], kind="stable")]
    node = ends[at_node]
    rank = np.arange(len(at_node)) - np.searchsorted(node, node, side="left")
    has_next = np.r_[node[1:] == node[:-1], False] & (rank % 2 == 0)
    partner = np.full(2 * count, -1, dtype=np.int64)
    first = at_node[np.flatnonzero(has_next)]
    second = at_node[np.flatnonzero(has_next) + 1]
    partner[first], partner[second] = second, first
    # chains start at the free ends (a part's end inside its edge, or one left unpaired at
    # a junction) and walk away from them, so that every chain ends at free ends where it
    # can: fewer, longer chains; the parts left form closed loops and start anywhere
    free_ends = np.flatnonzero(partner < 0).tolist()
    partner = partner.tolist()
    used = [False] * count
    # each step of a chain: the part, whether it is walked forward, whether it starts one
    steps, forwards, starts = [], [], []
    for start_end in free_ends + [2 * part for part in range(count)]:
        start = start_end // 2
        if used[start]:
            continue
        used[start] = True
        forward = start_end % 2 == 0
        steps.append(start)
        forwards.append(forward)
        starts.append(True)
        exit_end = 2 * start + 1 if forward else 2 * start
        for _ in range(max_parts - 1):
            enter = partner[exit_end]
            if enter < 0 or used[enter // 2]:
                break
            part = enter // 2
            used[part] = True
            forward = enter % 2 == 0
            steps.append(part)
            forwards.append(forward)
            starts.append(False)
            exit_end = 2 * part + 1 if forward else 2 * part
    xy, offsets = part_vertices(network, edge, x0, x1)
    return _chained(xy, offsets, np.asarray(steps, dtype=np.int64), np.asarray(forwards),
                    np.asarray(starts))


def _chained(xy: np.ndarray, offsets: np.ndarray, steps: np.ndarray, forward: np.ndarray,
             starts: np.ndarray) -> List[np.ndarray]:
    """Vertex arrays of chains of parts (``part_vertices``): ``steps`` are the parts in
    chain order, each walked ``forward`` or backward; a part that does not ``starts`` a
    chain leaves out its first vertex, the one it shares with the part before."""
    if not len(steps):
        return []
    skip = (~starts).astype(np.int64)
    taken = offsets[steps + 1] - offsets[steps] - skip
    direction = np.where(forward, 1, -1)
    first = np.where(forward, offsets[steps] + skip, offsets[steps + 1] - 1 - skip)
    step = np.repeat(np.arange(len(steps)), taken)
    rank = np.arange(len(step)) - (np.cumsum(taken) - taken)[step]
    vertices = xy[first[step] + direction[step] * rank]
    chain_start = np.concatenate([[0], np.cumsum(taken)])[np.flatnonzero(starts)]
    return np.split(vertices, chain_start[1:])


def catchment_polygon(lines: Sequence[np.ndarray], trim_distance: float,
                      cancelled: Callable[[], bool] = lambda: False,
                      chunk: int = UNION_CHUNK) -> BaseGeometry:
    """The area within ``trim_distance`` of the lines (vertex arrays), buffered and dissolved.

    The buffer polygons are inscribed in the true buffer, so nothing lies farther than
    ``trim_distance`` from a line. The lines are taken in spatially compact chunks, each
    buffered as one multi-line (GEOS dissolves the buffers of a chunk as it builds them,
    far faster than buffering each line and dissolving the polygons), on a few threads;
    the chunks are then dissolved neighbours first. ``cancelled`` is checked while they
    run, so a large run stops quickly when asked; a cancelled run returns an empty polygon.
    """
    if not len(lines):
        return Polygon()
    order = spatial_order(np.array([xy[0] for xy in lines]), UNION_CELL_M).tolist()
    groups = [order[start:start + chunk] for start in range(0, len(order), chunk)]

    def buffered(rows: List[int]) -> BaseGeometry:
        multi_line = wkb.loads(multilinestring_wkb([lines[i] for i in rows]))
        return multi_line.buffer(trim_distance, BUFFER_QUAD_SEGMENTS)

    parts = parallel_map(buffered, groups, cancelled)
    return Polygon() if parts is None else dissolve_neighbours(parts, cancelled)


_GEOS_SET_UP = threading.Lock()
# The unfinished items (``_Unfinished``) of the parallel_map whose item a thread works on,
# so that a map called from that work can tell whether the cores are busy already.
_POOL_WORK = threading.local()


class _Unfinished:
    """How many items of a parallel_map have been handed to its threads and not ended."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0

    def add(self, change: int) -> None:
        with self._lock:
            self.count += change


def geos_thread_ready() -> None:
    """Set up shapely 1.8's GEOS handle for the calling thread with Python's garbage
    collector paused. Shapely 1.8 sets the handle up on a thread's first use; a collection
    that frees a geometry meanwhile finds the handle half made, logs "Failed to delete GEOS
    geom" and leaks the geometry. Called first in every thread that uses shapely (shapely 2
    needs nothing)."""
    if SHAPELY_2:
        return
    from shapely.geos import lgeos

    # one thread at a time, so that none turns the collector back on while another sets up
    with _GEOS_SET_UP:
        collecting = gc.isenabled()
        gc.disable()
        try:
            lgeos.geos_handle  # noqa: B018 - the thread's first read sets the handle up
        finally:
            if collecting:
                gc.enable()


def shapely_threads(workers: int) -> ThreadPoolExecutor:
    """A pool of ``workers`` threads that may use shapely: each sets it up first
    (``geos_thread_ready``)."""
    return ThreadPoolExecutor(max_workers=workers, initializer=geos_thread_ready)


@contextmanager
def running_beside(work: Callable[[Callable[[], bool]], R]) -> Iterator["Future[R]"]:
    """Run ``work(stopped)`` on a thread of its own (one that may use shapely) while the
    ``with`` block runs on the calling thread, which gets the work's Future. When the block
    raises, ``stopped()`` turns true, so that the work can end early; either way the thread
    has ended when the block is left, so it never outlives it."""
    stop = threading.Event()
    pool = shapely_threads(1)
    try:
        yield pool.submit(work, stop.is_set)
    except BaseException:
        stop.set()
        raise
    finally:
        pool.shutdown(wait=True)


def parallel_map(function: Callable[[T], R], items: Iterable[T],
                 cancelled: Callable[[], bool],
                 progress: Callable[[float], None] = lambda fraction: None
                 ) -> Optional[List[R]]:
    """``[function(item) for item in items]`` on UNION_WORKERS threads (GEOS releases
    Python's lock while it works), None once ``cancelled()`` is true: it is checked every
    _CANCEL_POLL_S while waiting, items not yet started are then skipped, and the call
    returns once the items running have ended, so that no thread outlives it (and calls
    a ``cancelled`` whose run is over). ``progress`` is told the share of items done, in
    order, on the calling thread. The items are drawn on the calling thread, each handed
    to the threads as soon as it is drawn: work done by a generator of items overlaps
    the work on the items drawn before.

    Called from the work of another parallel_map that has at least as many items
    unfinished as it has threads, it runs the items in turn on the calling thread
    (``_map_in_turn``): the cores are busy already, and more threads would only contend
    for them, each holding memory of its own."""
    outer = getattr(_POOL_WORK, "unfinished", None)
    if outer is not None and outer.count >= UNION_WORKERS:
        return _map_in_turn(function, items, cancelled, progress)
    stop = threading.Event()
    unfinished = _Unfinished()

    def run(item: T) -> Optional[R]:
        _POOL_WORK.unfinished = unfinished
        try:
            return None if stop.is_set() else function(item)
        finally:
            _POOL_WORK.unfinished = None
            unfinished.add(-1)

    pool = shapely_threads(UNION_WORKERS)
    try:
        futures: List[Future] = []
        for item in items:
            unfinished.add(1)
            futures.append(pool.submit(run, item))
        for done, future in enumerate(futures, start=1):
            while not wait([future], timeout=_CANCEL_POLL_S).done:
                if cancelled():
                    return None
            if cancelled():
                return None
            progress(done / len(futures))
        return [future.result() for future in futures]
    finally:
        stop.set()
        pool.shutdown(wait=True)


def _map_in_turn(function: Callable[[T], R], items: Iterable[T],
                 cancelled: Callable[[], bool], progress: Callable[[float], None]
                 ) -> Optional[List[R]]:
    """``parallel_map`` on the calling thread: the items drawn first, then worked on one
    after another, with ``cancelled()`` checked between them."""
    work = list(items)
    results: List[R] = []
    if cancelled():
        return None
    for done, item in enumerate(work, start=1):
        results.append(function(item))
        if cancelled():
            return None
        progress(done / len(work))
    return results


def dissolve_neighbours(parts: List[BaseGeometry], cancelled: Callable[[], bool],
                        fan: int = UNION_FAN) -> BaseGeometry:
    """The union of ``parts`` (in spatial order), ``fan`` neighbours at a time, level by
    level (the groups of a level on several threads): each step is small enough for a
    cancel check between steps, where one union of everything would run for seconds
    without one. A cancelled run gives an empty polygon."""
    while len(parts) > 1:
        groups = [parts[start:start + fan] for start in range(0, len(parts), fan)]
        merged = parallel_map(union_of, groups, cancelled)
        if merged is None:
            return Polygon()
        parts = merged
    return parts[0]


def object_array(geometries: Sequence[BaseGeometry]) -> np.ndarray:
    """A 1-D object array of geometries (numpy must not look inside them)."""
    array = np.empty(len(geometries), dtype=object)
    array[:] = list(geometries)
    return array


def box_pairs(left: Sequence[BaseGeometry], right: Sequence[BaseGeometry]
              ) -> Tuple[np.ndarray, np.ndarray]:
    """(i, j) index pairs of ``left[i]`` and ``right[j]`` whose bounding boxes meet,
    sorted by i then j."""
    if not len(left) or not len(right):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if SHAPELY_2:
        found = STRtree(object_array(right)).query(object_array(left))
        pair_left, pair_right = found[0].astype(np.int64), found[1].astype(np.int64)
    else:
        # shapely 1.8's tree returns the geometries it was given: their ids name them
        row_of = {id(geometry): row for row, geometry in enumerate(right)}
        from shapely.errors import ShapelyDeprecationWarning

        with warnings.catch_warnings():
            # the warning announces shapely 2's interface, which takes the branch above
            warnings.simplefilter("ignore", ShapelyDeprecationWarning)
            tree = STRtree(list(right))
        hits = [[row_of[id(found)] for found in tree.query(geometry)] for geometry in left]
        pair_left = np.repeat(np.arange(len(left)), [len(h) for h in hits])
        pair_right = np.array([j for h in hits for j in h], dtype=np.int64)
    order = np.lexsort((pair_right, pair_left))
    return pair_left[order], pair_right[order]


def union_of(parts: Sequence[BaseGeometry]) -> BaseGeometry:
    """The union of valid polygonal ``parts``. Only the polygons whose boxes meet a polygon
    of another part are overlaid; the others touch nothing else and are kept as they are,
    which on many separate catchments saves most of the work."""
    if len(parts) == 1:
        return parts[0]
    polygons, owner = [], []
    for index, part in enumerate(parts):
        found = polygon_parts(part)
        polygons += found
        owner += [index] * len(found)
    owner = np.asarray(owner, dtype=np.int64)
    left, right = box_pairs(polygons, polygons)
    meets = np.zeros(len(polygons), dtype=bool)
    meets[left[owner[left] != owner[right]]] = True
    result = [polygon for polygon, met in zip(polygons, meets.tolist()) if not met]
    if meets.any():
        result += polygon_parts(unary_union([polygon for polygon, met in
                                             zip(polygons, meets.tolist()) if met]))
    if not result:
        return Polygon()
    return result[0] if len(result) == 1 else MultiPolygon(result)


def polygon_parts(geometry: BaseGeometry) -> List[Polygon]:
    """The polygons of a (multi)polygon or collection, empty ones dropped."""
    if geometry.is_empty:
        return []
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [g for part in getattr(geometry, "geoms", []) for g in polygon_parts(part)]


def polygonal(geometry: BaseGeometry, min_area: float = 0.0) -> MultiPolygon:
    """Only the polygon parts of a geometry (intersections can add lines and points),
    without parts smaller than ``min_area``, and valid."""
    result = MultiPolygon([part for part in polygon_parts(geometry) if part.area >= min_area])
    return result if result.is_valid else polygonal(result.buffer(0), min_area)
