"""Building catchment polygons (core/geometry.py): the parts' vertices, their chains, the
chunked and threaded buffer-and-dissolve, against plain shapely computations of the same
things."""

import gc
import logging
import threading
import time

import numpy as np
import pytest
from shapely.geometry import LineString, MultiPolygon, Point, box
from shapely.ops import substring, unary_union

from community_asset_gaps.core import geometry
from community_asset_gaps.core.attach import attach_geometries
from community_asset_gaps.core.catchments import search
from community_asset_gaps.core.definitions import BUFFER_QUAD_SEGMENTS
from community_asset_gaps.core.geometry import (
    SHAPELY_2,
    catchment_polygon,
    chain_parts,
    geos_thread_ready,
    parallel_map,
    part_coordinates,
    running_beside,
    union_of,
)
from community_asset_gaps.core.network import build_network
from community_asset_gaps.core.reach import merged_intervals

import oracle

TRIM = 20.0


def street_grid(seed, n=12, spacing=40.0, offset=(0.0, 0.0)):
    """A jittered street grid of long ways, some links removed, each link bent at a
    vertex of its own near its middle, moved by ``offset``."""
    rng = np.random.default_rng(seed)
    lines = []
    for way in oracle.jittered_ways(rng, n, spacing, 9.0, 0.2):
        xy = np.asarray(way, dtype=float)
        bends = (xy[:-1] + xy[1:]) / 2.0 + rng.uniform(-4.0, 4.0, (len(xy) - 1, 2))
        bent = np.empty((2 * len(xy) - 1, 2))
        bent[0::2], bent[1::2] = xy, bends
        lines.append(bent + offset)
    return lines


def reached_parts(lines, facilities, threshold):
    """The network of ``lines`` and the (edge, x0, x1) parts within ``threshold`` metres
    of the facilities."""
    network = build_network(lines)
    seeds = attach_geometries(network, [Point(p) for p in facilities], 1000.0).seeds
    return network, merged_intervals(search(network, seeds, threshold))


def buffers_dissolved(lines):
    """The reference: every line buffered alone, all the buffers dissolved at once."""
    return unary_union([LineString(xy).buffer(TRIM, BUFFER_QUAD_SEGMENTS) for xy in lines])


@pytest.fixture(scope="module")
def town():
    """Two street grids 2 km apart, each reached from two facilities: a catchment of
    several separate polygons, one of them with holes."""
    lines = street_grid(4) + street_grid(5, offset=(2000.0, 0.0))
    facilities = [(120.0, 130.0), (300.0, 250.0), (2200.0, 200.0), (2380.0, 60.0)]
    return reached_parts(lines, facilities, 260.0)


def test_part_vertices_follow_their_edges(town):
    """Each part is its edge's line from x0 to x1: the cuts interpolated, the edge's own
    vertices in between (shapely's substring of the edge computes the same)."""
    network, (edge, x0, x1) = town
    parts = part_coordinates(network, edge, x0, x1)
    assert len(parts) == len(edge) > 100
    assert np.count_nonzero((x0 > 0) | (x1 < network.edge_length[edge])) > 10
    for xy, e, a, b in zip(parts, edge.tolist(), x0.tolist(), x1.tolist()):
        expected = substring(LineString(network.edge_coords(e)), a, b)
        np.testing.assert_allclose(LineString(xy).length, b - a, atol=1e-9)
        np.testing.assert_allclose(xy[[0, -1]], np.asarray(expected.coords)[[0, -1]],
                                   atol=1e-9)
        inner = network.edge_coords(e)[1:-1]
        along = network.edge_cumlen(e)[1:-1]
        np.testing.assert_array_equal(xy[1:-1], inner[(along > a) & (along < b)])


def test_chains_walk_every_part_once(town):
    """The chains are the parts joined end to end: their segments are the parts'
    segments, each once, and a chain takes at most max_parts parts."""
    network, (edge, x0, x1) = town
    parts = part_coordinates(network, edge, x0, x1)
    alone = chain_parts(network, edge, x0, x1, max_parts=1)

    def either_way(lines):
        return sorted(min(xy.tolist(), xy[::-1].tolist()) for xy in lines)

    assert len(alone) == len(parts)
    assert either_way(alone) == either_way(parts)
    chains = chain_parts(network, edge, x0, x1, max_parts=5)
    assert len(parts) / 5 <= len(chains) < len(parts) / 2

    def segments(lines):
        found = [tuple(sorted((tuple(a), tuple(b))))
                 for xy in lines for a, b in zip(xy[:-1].tolist(), xy[1:].tolist())]
        return sorted(found)

    assert segments(chains) == segments(parts)


def test_chains_start_at_free_ends():
    """A street of four links reached from its middle, its parts listed from the middle
    out: one chain from one partial end to the other, not a chain cut where the list
    began."""
    network = build_network([np.array([[x, 0.0], [x + 100.0, 0.0]])
                             for x in (0.0, 100.0, 200.0, 300.0)])
    first_x = network.coords[network.coord_start[:-1], 0]
    last_x = network.coords[network.coord_start[1:] - 1, 0]
    edge = np.argsort(first_x + last_x)[[2, 1, 3, 0]]
    length = network.edge_length[edge]
    # the inner links whole, 60 m of each outer link from the end nearer the middle
    inner = np.array([True, True, False, False])
    from_first = np.abs(first_x[edge] - 200.0) < np.abs(last_x[edge] - 200.0)
    x0 = np.where(inner | from_first, 0.0, length - 60.0)
    x1 = np.where(inner | ~from_first, length, 60.0)
    chains = chain_parts(network, edge, x0, x1)
    assert len(chains) == 1
    assert sorted(np.round(chains[0][[0, -1], 0], 6).tolist()) == [40.0, 360.0]
    assert LineString(chains[0]).length == pytest.approx(320.0)


def test_catchment_polygon_is_the_union_of_the_buffers(town):
    """Small chunks (many of them, dissolved over several levels on threads) give the
    area of every line buffered alone and all dissolved at once, to floating noise."""
    network, (edge, x0, x1) = town
    lines = chain_parts(network, edge, x0, x1)
    expected = buffers_dissolved(lines)
    got = catchment_polygon(lines, TRIM, chunk=2)
    assert len(lines) > 2 * 4 ** 2, "too few lines for three levels of dissolving"
    assert got.is_valid
    assert len(got.geoms) == len(expected.geoms) >= 2
    assert sum(len(p.interiors) for p in got.geoms) > 0
    assert got.area == pytest.approx(expected.area, rel=1e-12)
    assert got.symmetric_difference(expected).area < 1e-6


def test_catchment_polygon_of_nothing_or_cancelled_is_empty(town):
    network, (edge, x0, x1) = town
    assert catchment_polygon([], TRIM).is_empty
    lines = chain_parts(network, edge, x0, x1)
    assert catchment_polygon(lines, TRIM, cancelled=lambda: True).is_empty
    calls = []

    def after_a_few():
        calls.append(1)
        return len(calls) > 3

    assert catchment_polygon(lines, TRIM, cancelled=after_a_few, chunk=2).is_empty


def test_union_of_overlays_only_what_meets():
    """Polygons of one part that meet no other part come out as they are; overlapping
    ones are merged; the result is the union."""
    apart = box(10, 0, 11, 1)
    parts = [MultiPolygon([box(0, 0, 1, 1), apart]), box(0.5, 0, 2, 1), box(20, 20, 21, 23),
             box(0, 0, 0, 0).buffer(0)]
    got = union_of(parts)
    assert got.is_valid
    assert got.area == pytest.approx(2 + 1 + 3)
    assert sorted(p.bounds for p in got.geoms) == [(0, 0, 2, 1), (10, 0, 11, 1),
                                                   (20, 20, 21, 23)]
    assert got.symmetric_difference(unary_union(parts)).area < 1e-12
    assert union_of([apart]) is apart
    assert union_of([box(0, 0, 0, 0).buffer(0)] * 2).is_empty


def test_parallel_map_keeps_the_order_and_reports_progress():
    done = []
    got = parallel_map(lambda x: x * x, list(range(20)), lambda: False, done.append)
    assert got == [x * x for x in range(20)]
    assert done == [(k + 1) / 20 for k in range(20)]


def test_parallel_map_stops_when_cancelled():
    """Once cancelled it returns None as soon as the items running have ended, and starts
    nothing more."""
    started = []
    lock = threading.Lock()

    def slow(x):
        with lock:
            started.append(x)
        time.sleep(0.05)
        return x

    begin = time.perf_counter()
    assert parallel_map(slow, list(range(200)), lambda: len(started) >= 4) is None
    assert time.perf_counter() - begin < 1.0
    count = len(started)
    assert count < 10
    time.sleep(0.2)
    assert len(started) == count
    with pytest.raises(ZeroDivisionError):
        parallel_map(lambda x: 1 / x, [1, 0, 2], lambda: False)


def test_parallel_map_draws_items_as_it_hands_them_on():
    """Items from a generator are drawn on the calling thread, each handed to the threads
    at once: the work on the first runs while the next is drawn. When drawing fails, the
    call raises only once the items running have ended."""
    first_started = threading.Event()
    ended = []

    def drawn():
        yield 1
        # the first item is being worked on before the generator goes on
        assert first_started.wait(5.0)
        yield 2

    def work(x):
        first_started.set()
        return x * 10

    assert parallel_map(work, drawn(), lambda: False) == [10, 20]

    slow_started = threading.Event()

    def failing():
        yield 1
        assert slow_started.wait(5.0)
        raise RuntimeError("drawing failed")

    def slow(x):
        slow_started.set()
        time.sleep(0.3)
        ended.append(x)

    with pytest.raises(RuntimeError):
        parallel_map(slow, failing(), lambda: False)
    assert ended == [1]


def test_running_beside_runs_the_work_on_its_own_thread_and_stops_it_on_an_error():
    """The work runs on another thread while the block runs; its result (or its error)
    comes through the Future. An error in the block tells the work to stop, and the work
    has ended when the error reaches the caller."""
    block_running = threading.Event()

    def work(stopped):
        assert block_running.wait(5.0)
        return threading.get_ident(), stopped()

    with running_beside(work) as future:
        block_running.set()
        worker, stopped = future.result()
    assert worker != threading.get_ident() and not stopped

    with running_beside(lambda stopped: 1 / 0) as future:
        with pytest.raises(ZeroDivisionError):
            future.result()

    steps, started, ended = [], threading.Event(), threading.Event()

    def long_work(stopped):
        while not stopped() and len(steps) < 500:
            steps.append(time.sleep(0.01))
            started.set()
        ended.set()
        return len(steps)

    with pytest.raises(RuntimeError, match="reading failed"):
        with running_beside(long_work) as future:
            assert started.wait(5.0)
            raise RuntimeError("reading failed")
    assert ended.is_set() and future.done()
    assert 0 < future.result() < 500


def test_parallel_map_within_a_busy_parallel_map_runs_on_the_calling_thread(monkeypatch):
    """While the outer map has an item unfinished for each of its threads, the work of an
    item that maps again runs those items in turn on its own thread, in order, with
    progress and cancel checks; a lone outer item's map still uses threads."""
    monkeypatch.setattr(geometry, "UNION_WORKERS", 2)
    inner_progress = {10: [], 20: []}
    outer_threads = []
    both_running = threading.Barrier(2, timeout=5.0)

    def inner_threads(x):
        """(values, whether every inner item ran on this thread) of an inner map."""
        pairs = parallel_map(lambda y: (y * x, threading.get_ident()), [1, 2, 3],
                             lambda: False, inner_progress.setdefault(x, []).append)
        return [value for value, _ in pairs], \
            {thread for _, thread in pairs} == {threading.get_ident()}

    def outer(x):
        outer_threads.append(threading.get_ident())
        both_running.wait()
        mapped = inner_threads(x)
        # neither ends before the other has mapped
        both_running.wait()
        return mapped

    assert parallel_map(outer, [10, 20], lambda: False) == \
        [([10, 20, 30], True), ([20, 40, 60], True)]
    assert len(set(outer_threads)) == 2
    assert inner_progress == {10: [1 / 3, 2 / 3, 1.0], 20: [1 / 3, 2 / 3, 1.0]}

    assert parallel_map(inner_threads, [5], lambda: False) == [([5, 10, 15], False)]

    started = {0: [], 1: []}

    def cancelled_inside(x):
        both_running.wait()
        mapped = parallel_map(started[x].append, [1, 2, 3], lambda: len(started[x]) >= 2)
        both_running.wait()
        return mapped

    assert parallel_map(cancelled_inside, [0, 1], lambda: False) == [None, None]
    assert started == {0: [1, 2], 1: [1, 2]}


def test_derived_values_are_built_once_and_apart(town):
    """A value derived from the network is built once however many threads ask for it,
    and building one does not hold up another."""
    network, _ = town
    release, building = threading.Event(), threading.Event()
    builds = []

    def slow(built_on):
        builds.append("slow")
        building.set()
        release.wait(5.0)
        return "slow value"

    askers = [threading.Thread(target=network.cached, args=("test slow", slow))
              for _ in range(3)]
    for asker in askers:
        asker.start()
    assert building.wait(5.0)
    begin = time.perf_counter()
    assert network.cached("test quick", lambda built_on: "quick value") == "quick value"
    assert time.perf_counter() - begin < 1.0
    release.set()
    for asker in askers:
        asker.join(5.0)
    assert network.cached("test slow", slow) == "slow value"
    assert builds == ["slow"]


def _geometries_lost_while_a_thread_sets_up(set_up) -> int:
    """How many geometries shapely could not free when a collection ran while a new thread
    called ``set_up`` (its first use of shapely): garbage polygons wait in a reference
    cycle, and the collector runs a few dozen allocations into the thread's set-up."""
    failures = []

    class Count(logging.Handler):
        def emit(self, record):
            failures.append(record)

    def make_garbage():
        parts = [box(i, 0, i + 1, 1) for i in range(50)]

        def recurse(n):  # a closure calling itself: a cycle that holds ``parts``
            return parts if n == 0 else recurse(n - 1)

        recurse(1)

    def thread():
        gc.set_threshold(gc.get_count()[0] + 30)
        gc.enable()
        set_up()

    shapely_log = logging.getLogger("shapely.geometry.base")
    handler = Count()
    shapely_log.addHandler(handler)
    threshold = gc.get_threshold()
    gc.disable()
    try:
        for _ in range(20):
            make_garbage()
        runner = threading.Thread(target=thread)
        runner.start()
        runner.join()
    finally:
        gc.set_threshold(*threshold)
        gc.enable()
        shapely_log.removeHandler(handler)
        gc.collect()
    return len(failures)


@pytest.mark.skipif(SHAPELY_2, reason="shapely 2 has no per-thread GEOS handle")
def test_threads_set_up_geos_before_a_collection_can_free_geometries():
    """Shapely 1.8 sets up each thread's GEOS handle on first use; a collection during
    that set-up cannot free the geometries it finds (it logs "Failed to delete GEOS geom"
    and leaks them). geos_thread_ready, which every pool thread runs first, pauses the
    collector meanwhile."""
    from shapely.geos import lgeos

    assert _geometries_lost_while_a_thread_sets_up(lambda: lgeos.geos_handle) > 0
    assert _geometries_lost_while_a_thread_sets_up(geos_thread_ready) == 0
