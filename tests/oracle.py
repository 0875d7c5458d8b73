"""A brute-force oracle for walking costs over a line network, sharing no code with core/.

It is meant to be obviously correct rather than fast:

- every line (a list of (x, y) or (x, y, z) tuples; anything after x, y is ignored) is a
  chain of straight segments; repeated consecutive vertices are dropped;
- graph nodes are the vertices, keyed by their exact (x, y): lines join only where they
  share a vertex exactly, so lines that cross without one (bridges) stay apart;
- facilities and query points are inserted on their segments as extra nodes of their own
  (never merged with a vertex of another line that happens to lie there);
- a point facility joins the nearest point of the nearest segment, and the straight gap is
  walked (it is the facility's starting cost);
- a convex polygon facility (:class:`ConvexPolygon`) starts at cost 0 at every network
  location inside it or within ``entry_tolerance`` of it; when no location is that close,
  it joins the nearest network location with the gap as its starting cost; any other
  polygon (a shapely geometry: real parks, school sites) does the same, its entry area
  being ``polygon.buffer(entry_tolerance)`` cut out of each segment by shapely;
- costs come from one plain ``heapq`` Dijkstra from every facility at once.

Within one sub-segment (between two consecutive nodes of the chain) the cost at ``s``
metres from its first node is ``min(cost_a + s, cost_b + length - s)``, or 0 throughout
when the sub-segment lies inside a polygon facility's entry area.
"""

import heapq
import math

import numpy as np

_ITERATIONS = 200


class ConvexPolygon:
    """A convex polygon facility, given by its vertices (either orientation)."""

    def __init__(self, vertices):
        self.vertices = [(float(v[0]), float(v[1])) for v in vertices]
        if self.vertices[0] == self.vertices[-1]:
            self.vertices = self.vertices[:-1]

    def contains(self, p):
        """True when ``p`` is inside or on the boundary (all edge cross products agree)."""
        signs = set()
        n = len(self.vertices)
        for i in range(n):
            (ax, ay), (bx, by) = self.vertices[i], self.vertices[(i + 1) % n]
            cross = (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)
            if cross != 0:
                signs.add(cross > 0)
        return len(signs) <= 1

    def distance(self, p):
        """Euclidean distance from ``p`` to the polygon (0 inside)."""
        if self.contains(p):
            return 0.0
        n = len(self.vertices)
        return min(point_segment_distance(p, self.vertices[i], self.vertices[(i + 1) % n])[0]
                   for i in range(n))


def point_segment_distance(p, a, b):
    """(distance, t): distance from ``p`` to segment ab and the fraction t of its nearest
    point along it."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2
    t = min(1.0, max(0.0, t))
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy)), t


def segments(lines):
    """Straight segments ((x0, y0), (x1, y1)) of every line, Z dropped, repeats skipped."""
    result = []
    for line in lines:
        points = []
        for vertex in line:
            xy = (float(vertex[0]), float(vertex[1]))
            if not points or points[-1] != xy:
                points.append(xy)
        result += list(zip(points[:-1], points[1:]))
    return result


def _lerp(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _argmin_convex(f):
    """The t in [0, 1] minimising a convex function f (ternary search)."""
    lo, hi = 0.0, 1.0
    for _ in range(_ITERATIONS):
        m1, m2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
        if f(m1) < f(m2):
            hi = m2
        else:
            lo = m1
    return (lo + hi) / 2


def _bisect(inside, t_in, t_out):
    """The boundary between ``t_in`` (where ``inside`` holds) and ``t_out`` (where not)."""
    for _ in range(_ITERATIONS):
        mid = (t_in + t_out) / 2
        if inside(mid):
            t_in = mid
        else:
            t_out = mid
    return t_in


def _entry_interval(polygon, a, b, tolerance):
    """The interval [t0, t1] of segment ab within ``tolerance`` of the polygon, or None."""
    def dist(t):
        return polygon.distance(_lerp(a, b, t))

    def inside(t):
        return dist(t) <= tolerance

    best = _argmin_convex(dist)
    if not inside(best):
        return None
    t0 = 0.0 if inside(0.0) else _bisect(inside, best, 0.0)
    t1 = 1.0 if inside(1.0) else _bisect(inside, best, 1.0)
    return t0, t1


def _is_polygon(facility):
    return isinstance(facility, ConvexPolygon) or hasattr(facility, "geom_type")


def _shapely_entry_intervals(polygon, segment_list, lo, hi, tolerance):
    """(segment, (t0, t1)) of every part of a segment within ``tolerance`` of a shapely
    polygon, from shapely's intersection with the buffered polygon."""
    from shapely.geometry import LineString, Point

    area = polygon.buffer(tolerance)
    x0, y0, x1, y1 = area.bounds
    near = np.flatnonzero((hi[:, 0] >= x0) & (lo[:, 0] <= x1)
                          & (hi[:, 1] >= y0) & (lo[:, 1] <= y1))
    found = []
    for s in near.tolist():
        segment = LineString(segment_list[s])
        for part in _line_parts(segment.intersection(area)):
            ends = [segment.project(Point(c), normalized=True)
                    for c in (part.coords[0], part.coords[-1])]
            found.append((s, (min(ends), max(ends))))
    return found


def _line_parts(geometry):
    if geometry.is_empty:
        return []
    if geometry.geom_type == "LineString":
        return [geometry]
    if geometry.geom_type in ("MultiLineString", "GeometryCollection"):
        return [p for g in geometry.geoms for p in _line_parts(g)]
    return []


class Solution:
    """Costs (metres) over the network; see the module docstring."""

    def __init__(self, lines, facilities, queries=(), entry_tolerance=5.0,
                 max_snap=math.inf):
        self.segments = segments(lines)
        ends = np.array(self.segments, dtype=float).reshape(-1, 2, 2)
        self._a, self._b = ends[:, 0], ends[:, 1]
        inserts = [[] for _ in self.segments]   # per segment: (t, tag)
        sources = []                            # (segment, t, cost) or (node key, cost)
        zero_intervals = [[] for _ in self.segments]
        self.facility_gap = []
        for facility in facilities:
            if _is_polygon(facility):
                found = False
                for s, interval in self._entry_intervals(facility, entry_tolerance):
                    found = True
                    zero_intervals[s].append(interval)
                    for t in interval:
                        inserts[s].append(t)
                        sources.append((s, t, 0.0))
                if found:
                    self.facility_gap.append(0.0)
                    continue
                s, t, gap = self._nearest(
                    lambda a, b, shape=facility: self._polygon_nearest(shape, a, b))
            else:
                s, t, gap = self.nearest_to_point(facility)
            if s is None or gap > max_snap:
                self.facility_gap.append(math.inf)
                continue
            self.facility_gap.append(gap)
            inserts[s].append(t)
            sources.append((s, t, gap))
        self.query_location = []
        for query in queries:
            s, t, gap = self.nearest_to_point(query) if query is not None else \
                (None, 0.0, math.inf)
            self.query_location.append((s, t, gap))
            if s is not None:
                inserts[s].append(t)

        # chains of nodes along each segment, and the graph
        self.adjacency = {}
        self._node_at = {}
        self.subsegments = []  # (node_a, node_b, xy_a, xy_b, length, inside a polygon)
        for s, (a, b) in enumerate(self.segments):
            ts = sorted(set([0.0, 1.0] + [t for t in inserts[s]]))
            nodes = [self._node(s, t) for t in ts]
            for (t0, n0), (t1, n1) in zip(zip(ts, nodes), zip(ts[1:], nodes[1:])):
                pa, pb = _lerp(a, b, t0), _lerp(a, b, t1)
                length = math.hypot(pb[0] - pa[0], pb[1] - pa[1])
                mid = (t0 + t1) / 2
                inside = any(lo <= mid <= hi for lo, hi in zero_intervals[s])
                self.subsegments.append((n0, n1, pa, pb, length, inside))
                self.adjacency.setdefault(n0, []).append((n1, length))
                self.adjacency.setdefault(n1, []).append((n0, length))
            for t, node in zip(ts, nodes):
                if any(lo <= t <= hi for lo, hi in zero_intervals[s]):
                    sources.append((node, 0.0))

        self.cost = self._dijkstra([
            (self._node(item[0], item[1]), item[2]) if len(item) == 3 else item
            for item in sources])
        self.query_costs = []
        self.query_gaps = []
        for s, t, gap in self.query_location:
            if s is None:
                self.query_costs.append(math.inf)
                self.query_gaps.append(math.inf)
            else:
                self.query_costs.append(self.cost.get(self._node(s, t), math.inf))
                self.query_gaps.append(gap)

    def _node(self, s, t):
        """A segment's end is the vertex (x, y); anything between is a node of its own."""
        a, b = self.segments[s]
        if t == 0.0:
            return a
        if t == 1.0:
            return b
        return ("inserted", s, t)

    def _nearest(self, measure):
        """(segment, t, distance) of the segment nearest by ``measure(a, b)`` -> (d, t);
        ties go to the first segment."""
        best = (None, 0.0, math.inf)
        for s, (a, b) in enumerate(self.segments):
            distance, t = measure(a, b)
            if distance < best[2]:
                best = (s, t, distance)
        return best

    def nearest_to_point(self, p):
        """(segment, t, distance) of the segment nearest to point ``p``, as ``_nearest``
        with ``point_segment_distance`` finds it (ties to the first segment): numpy
        narrows the search to the segments within a hair of the least distance."""
        if not len(self.segments):
            return None, 0.0, math.inf
        p = (float(p[0]), float(p[1]))
        d = self._b - self._a
        l2 = (d * d).sum(axis=1)
        t = np.clip(((np.asarray(p) - self._a) * d).sum(axis=1)
                    / np.where(l2 > 0, l2, 1.0), 0.0, 1.0)
        q = self._a + t[:, None] * d
        distance = np.hypot(q[:, 0] - p[0], q[:, 1] - p[1])
        least = distance.min()
        best = (None, 0.0, math.inf)
        for s in np.flatnonzero(distance <= least + 1e-9 * max(1.0, least)).tolist():
            gap, u = point_segment_distance(p, *self.segments[s])
            if gap < best[2]:
                best = (s, u, gap)
        return best

    def snap_distance(self, p):
        """Distance from point ``p`` to the network."""
        return self.nearest_to_point(p)[2]

    def _entry_intervals(self, polygon, tolerance):
        """(segment, (t0, t1)) of every network part within ``tolerance`` of a polygon."""
        if isinstance(polygon, ConvexPolygon):
            found = []
            for s, (a, b) in enumerate(self.segments):
                interval = _entry_interval(polygon, a, b, tolerance)
                if interval is not None:
                    found.append((s, interval))
            return found
        return _shapely_entry_intervals(polygon, self.segments, np.minimum(self._a, self._b),
                                        np.maximum(self._a, self._b), tolerance)

    @staticmethod
    def _polygon_nearest(polygon, a, b):
        if not isinstance(polygon, ConvexPolygon):
            from shapely.geometry import LineString
            from shapely.ops import nearest_points

            segment = LineString([a, b])
            on_segment = nearest_points(polygon, segment)[1]
            return segment.distance(polygon), segment.project(on_segment, normalized=True)
        t = _argmin_convex(lambda u: polygon.distance(_lerp(a, b, u)))
        return polygon.distance(_lerp(a, b, t)), t

    def _dijkstra(self, sources):
        cost = {}
        heap = [(c, i, node) for i, (node, c) in enumerate(sources)]
        heapq.heapify(heap)
        counter = len(heap)
        while heap:
            c, _, node = heapq.heappop(heap)
            if node in cost:
                continue
            cost[node] = c
            for other, length in self.adjacency.get(node, []):
                if other not in cost:
                    counter += 1
                    heapq.heappush(heap, (c + length, counter, other))
        return cost

    def subsegment_arrays(self):
        """Numpy arrays (xy_a, xy_b, length, cost_a, cost_b, inside) of every sub-segment."""
        rows = self.subsegments
        xy_a = np.array([r[2] for r in rows], dtype=float).reshape(-1, 2)
        xy_b = np.array([r[3] for r in rows], dtype=float).reshape(-1, 2)
        length = np.array([r[4] for r in rows], dtype=float)
        cost_a = np.array([self.cost.get(r[0], math.inf) for r in rows], dtype=float)
        cost_b = np.array([self.cost.get(r[1], math.inf) for r in rows], dtype=float)
        inside = np.array([r[5] for r in rows], dtype=bool)
        return xy_a, xy_b, length, cost_a, cost_b, inside

    def min_cost_within(self, point, radius):
        """The least cost of any network location within ``radius`` (euclidean) of ``point``.

        On a sub-segment the cost is concave between its nodes, so its least value over
        the part inside the disc is at one end of that part.
        """
        xy_a, xy_b, length, cost_a, cost_b, inside = self.arrays
        return float(min_cost_within_arrays(xy_a, xy_b, length, cost_a, cost_b, inside,
                                            point, radius))

    @property
    def arrays(self):
        if not hasattr(self, "_arrays"):
            self._arrays = self.subsegment_arrays()
        return self._arrays

    def cost_along(self, s_index, s):
        """Cost at ``s`` metres along sub-segment ``s_index``."""
        n0, n1, _, _, length, inside = self.subsegments[s_index]
        c0, c1 = self.cost.get(n0, math.inf), self.cost.get(n1, math.inf)
        if inside and math.isfinite(c0):
            return 0.0
        return min(c0 + s, c1 + length - s)


def min_cost_within_arrays(xy_a, xy_b, length, cost_a, cost_b, inside, point, radius):
    """Vectorised :meth:`Solution.min_cost_within` over sub-segment arrays."""
    p = np.asarray(point, dtype=float)
    safe = np.where(length > 0, length, 1.0)
    u = np.where(length[:, None] > 0, (xy_b - xy_a) / safe[:, None], 0.0)
    w = p - xy_a
    proj = np.einsum("ij,ij->i", w, u)
    perp = np.abs(w[:, 0] * u[:, 1] - w[:, 1] * u[:, 0])   # cross product: no cancellation
    distance = np.where(proj < 0, np.hypot(*w.T),
                        np.where(proj > length, np.hypot(*(p - xy_b).T), perp))
    hit = distance <= radius
    half = np.sqrt(np.maximum(radius ** 2 - perp ** 2, 0.0))
    s0 = np.clip(proj - half, 0.0, length)
    s1 = np.clip(proj + half, 0.0, length)
    with np.errstate(invalid="ignore"):
        c0 = np.minimum(cost_a + s0, cost_b + length - s0)
        c1 = np.minimum(cost_a + s1, cost_b + length - s1)
    cost = np.minimum(c0, c1)
    cost = np.where(inside & np.isfinite(cost_a), 0.0, cost)
    cost = np.where(hit, cost, np.inf)
    return cost.min() if len(cost) else math.inf


def network_costs(lines, facilities, query_points, entry_tolerance=5.0, max_snap=math.inf):
    """Cost (metres, from the nearest facility, its gap included) of the network location
    nearest each query point; the query point's own gap is not added. inf = unreached."""
    return Solution(lines, facilities, query_points, entry_tolerance, max_snap).query_costs


def walking_costs(lines, facilities, query_points, entry_tolerance=5.0, max_snap=math.inf):
    """Metres walked from the nearest facility to each query point: the network cost plus
    the query point's own straight gap; inf for a query point (or None) farther than
    ``max_snap`` from the network, or reaching no facility."""
    solution = Solution(lines, facilities, query_points, entry_tolerance, max_snap)
    return np.array([gap + cost if gap <= max_snap else math.inf
                     for cost, gap in zip(solution.query_costs, solution.query_gaps)])


def network_cost(lines, facilities, query_point, entry_tolerance=5.0, max_snap=math.inf):
    """:func:`network_costs` for one query point."""
    return network_costs(lines, facilities, [query_point], entry_tolerance, max_snap)[0]


def min_costs_within(solution, points, radius, chunk=2000):
    """:meth:`Solution.min_cost_within` for many points at once (an (m, 2) array),
    in chunks of ``chunk`` points: the same formula broadcast over points and
    sub-segments."""
    xy_a, xy_b, length, cost_a, cost_b, inside = solution.arrays
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    result = np.full(len(points), math.inf)
    if not len(length):
        return result
    safe = np.where(length > 0, length, 1.0)
    u = np.where(length[:, None] > 0, (xy_b - xy_a) / safe[:, None], 0.0)
    for start in range(0, len(points), chunk):
        p = points[start:start + chunk, None, :]                  # (m, 1, 2)
        w = p - xy_a[None, :, :]                                  # (m, n, 2)
        proj = (w * u[None, :, :]).sum(axis=2)
        perp = np.abs(w[..., 0] * u[None, :, 1] - w[..., 1] * u[None, :, 0])
        to_b = p - xy_b[None, :, :]
        distance = np.where(proj < 0, np.hypot(w[..., 0], w[..., 1]),
                            np.where(proj > length, np.hypot(to_b[..., 0], to_b[..., 1]),
                                     perp))
        half = np.sqrt(np.maximum(radius ** 2 - perp ** 2, 0.0))
        s0 = np.clip(proj - half, 0.0, length)
        s1 = np.clip(proj + half, 0.0, length)
        with np.errstate(invalid="ignore"):
            c0 = np.minimum(cost_a + s0, cost_b + length - s0)
            c1 = np.minimum(cost_a + s1, cost_b + length - s1)
        cost = np.minimum(c0, c1)
        cost = np.where(inside & np.isfinite(cost_a), 0.0, cost)
        cost = np.where(distance <= radius, cost, np.inf)
        result[start:start + chunk] = cost.min(axis=1)
    return result


def jittered_ways(rng, n: int, spacing: float, jitter: float, drop: float) -> list:
    """A jittered n x n street grid as long ways (rows and columns, so junctions sit at
    interior vertices), each way cut where a link is dropped with probability ``drop``."""
    xy = np.stack(np.meshgrid(np.arange(n), np.arange(n), indexing="ij"), -1) * spacing
    xy = xy + rng.uniform(-jitter, jitter, xy.shape)
    lines = []
    for i in range(n):
        for way in ([tuple(xy[i, j]) for j in range(n)], [tuple(xy[j, i]) for j in range(n)]):
            current = [way[0]]
            for b in way[1:]:
                if rng.uniform() < drop:
                    if len(current) > 1:
                        lines.append(current)
                    current = [b]
                else:
                    current.append(b)
            if len(current) > 1:
                lines.append(current)
    return lines
