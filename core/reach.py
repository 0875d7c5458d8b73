"""What a search reaches: exact cost along every edge, cut where it meets a threshold.

The cost at a point ``x`` metres along an edge is the least of: the cost at its first
junction plus ``x``, the cost at its last junction plus the rest of the edge, and, for a
seed on that edge, its gap plus the distance along the edge to the seed. That function is
piecewise linear, so it is carried as pieces over which it is linear ("cost pieces") and
thresholds cut them exactly.
"""

from dataclasses import dataclass
from typing import List, Sequence

import numpy as np

from .attach import Seeds
from .network import Network
from .spatial import positions_in_runs

_EPS = 1e-9


@dataclass
class Pieces:
    """Parts of edges over which the cost runs linearly from ``c0`` at ``x0`` to ``c1`` at
    ``x1`` (metres along the edge, costs in metres walked)."""

    edge: np.ndarray
    x0: np.ndarray
    x1: np.ndarray
    c0: np.ndarray
    c1: np.ndarray

    def __len__(self) -> int:
        return len(self.edge)

    @classmethod
    def from_rows(cls, rows: Sequence[tuple]) -> "Pieces":
        if not rows:
            return cls(np.zeros(0, dtype=np.int64), *(np.zeros(0) for _ in range(4)))
        edge, x0, x1, c0, c1 = zip(*rows)
        return cls(np.asarray(edge, dtype=np.int64), *(np.asarray(a, dtype=float)
                                                        for a in (x0, x1, c0, c1)))

    @classmethod
    def concat(cls, parts: Sequence["Pieces"]) -> "Pieces":
        return cls(*(np.concatenate([getattr(p, f) for p in parts])
                     for f in ("edge", "x0", "x1", "c0", "c1")))

    def subset(self, mask) -> "Pieces":
        return Pieces(self.edge[mask], self.x0[mask], self.x1[mask], self.c0[mask],
                      self.c1[mask])


def _plain_edge_pieces(network: Network, node_cost: np.ndarray, edges: np.ndarray) -> Pieces:
    """Cost pieces of edges without seeds, each split where the costs from its ends meet."""
    du = node_cost[network.edge_u[edges]]
    dv = node_cost[network.edge_v[edges]]
    length = network.edge_length[edges]
    both = np.isfinite(du) & np.isfinite(dv)
    meet = np.where(both, np.clip((dv + length - du) / 2.0, 0.0, length), 0.0)
    only_u = np.isfinite(du) & ~both
    # from u: [0, meet] (or the whole edge when only u is reached)
    from_u_end = np.where(only_u, length, meet)
    with np.errstate(invalid="ignore"):
        pieces_u = Pieces(edges, np.zeros(len(edges)), from_u_end, du, du + from_u_end)
        from_v_start = np.where(both, meet, 0.0)
        pieces_v = Pieces(edges, from_v_start, length, dv + length - from_v_start, dv)
    keep_u = np.isfinite(du) & (pieces_u.x1 - pieces_u.x0 > _EPS)
    keep_v = np.isfinite(dv) & (pieces_v.x1 - pieces_v.x0 > _EPS)
    return Pieces.concat([pieces_u.subset(keep_u), pieces_v.subset(keep_v)])


def _seeded_edge_pieces(du: float, dv: float, length: float, starts, ends, gaps
                        ) -> List[tuple]:
    """Cost pieces (x0, x1, c0, c1) of one edge that carries seeds."""
    rising = [g - b for b, g in zip(ends, gaps)]     # cost = intercept + x
    falling = [g + a for a, g in zip(starts, gaps)]  # cost = intercept - x
    flat = list(gaps)
    if np.isfinite(du):
        rising.append(du)
    if np.isfinite(dv):
        falling.append(dv + length)
    breaks = {0.0, length, *starts, *ends}
    breaks.update((m - p) / 2.0 for p in rising for m in falling)
    breaks.update(z - p for p in rising for z in flat)
    breaks.update(m - z for m in falling for z in flat)
    xs = np.array(sorted(x for x in breaks if 0.0 <= x <= length))
    starts, ends, gaps = (np.asarray(a, dtype=float) for a in (starts, ends, gaps))

    def cost(x):
        outside = np.maximum(0.0, np.maximum(starts[None, :] - x[:, None],
                                             x[:, None] - ends[None, :]))
        best = (gaps[None, :] + outside).min(axis=1)
        return np.minimum(best, np.minimum(du + x, dv + length - x))

    cs = cost(xs)
    rows = []
    for x0, x1, c0, c1 in zip(xs[:-1], xs[1:], cs[:-1], cs[1:]):
        if x1 - x0 <= _EPS:
            continue
        if rows and np.isclose((c1 - c0) / (x1 - x0), (rows[-1][3] - rows[-1][2])
                               / (rows[-1][1] - rows[-1][0])) and rows[-1][1] == x0:
            rows[-1] = (rows[-1][0], x1, rows[-1][2], c1)
        else:
            rows.append((x0, x1, c0, c1))
    return rows


def reachable_parts(network: Network, node_cost: np.ndarray, seeds: Seeds,
                    max_cost: float) -> Pieces:
    """Cost pieces of every network location whose cost is at most ``max_cost``."""
    seeds = seeds.distinct()
    seeded = np.unique(seeds.edge)
    near = np.minimum(node_cost[network.edge_u], node_cost[network.edge_v]) <= max_cost
    near[seeded] = False
    parts = [_plain_edge_pieces(network, node_cost, np.flatnonzero(near))]
    rows = []
    order = np.argsort(seeds.edge, kind="stable")
    bounds = np.searchsorted(seeds.edge[order], seeded, side="left"), \
        np.searchsorted(seeds.edge[order], seeded, side="right")
    for edge, lo, hi in zip(seeded, *bounds):
        which = order[lo:hi]
        rows += [(edge, *piece) for piece in _seeded_edge_pieces(
            node_cost[network.edge_u[edge]], node_cost[network.edge_v[edge]],
            network.edge_length[edge], seeds.start[which].tolist(),
            seeds.end[which].tolist(), seeds.gap[which].tolist())]
    parts.append(Pieces.from_rows(rows))
    return clip_pieces(Pieces.concat(parts), -np.inf, max_cost)


def clip_pieces(pieces: Pieces, low: float, high: float) -> Pieces:
    """The parts of ``pieces`` whose cost lies in (low, high], cut exactly."""
    c0, c1, x0, x1 = pieces.c0, pieces.c1, pieces.x0, pieces.x1
    span = c1 - c0
    flat = np.abs(span) <= _EPS
    with np.errstate(divide="ignore", invalid="ignore"):
        t_low = np.where(flat, -np.inf, (low - c0) / np.where(flat, 1.0, span))
        t_high = np.where(flat, np.inf, (high - c0) / np.where(flat, 1.0, span))
    t_start = np.clip(np.minimum(t_low, t_high), 0.0, 1.0)
    t_end = np.clip(np.maximum(t_low, t_high), 0.0, 1.0)
    keep = np.where(flat, (c0 > low) & (c0 <= high), t_end - t_start > 0)
    new_x0 = x0 + (x1 - x0) * t_start
    new_x1 = x0 + (x1 - x0) * t_end
    keep &= new_x1 - new_x0 > _EPS
    clipped = Pieces(pieces.edge, new_x0, new_x1, c0 + span * t_start, c0 + span * t_end)
    return clipped.subset(keep)


def location_costs(network: Network, node_cost: np.ndarray, seeds: Seeds,
                   edge: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """Cost in metres of network locations (edge, offset), walking from the seeds.

    Locations with edge -1 get inf. A location and a seed on the same edge reach each
    other along it.
    """
    found = edge >= 0
    safe_edge = np.where(found, edge, 0)
    du = node_cost[network.edge_u[safe_edge]]
    dv = node_cost[network.edge_v[safe_edge]]
    cost = np.minimum(du + offset, dv + network.edge_length[safe_edge] - offset)
    seeds = seeds.distinct()
    if len(seeds):
        order = np.argsort(seeds.edge, kind="stable")
        sorted_edge = seeds.edge[order]
        lo = np.searchsorted(sorted_edge, safe_edge, side="left")
        hi = np.searchsorted(sorted_edge, safe_edge, side="right")
        counts = np.where(found, hi - lo, 0)
        location = np.repeat(np.arange(len(edge)), counts)
        seed = order[np.repeat(lo, counts) + positions_in_runs(counts)]
        x = offset[location]
        direct = seeds.gap[seed] + np.maximum(0.0, np.maximum(seeds.start[seed] - x,
                                                             x - seeds.end[seed]))
        np.minimum.at(cost, location, direct)
    return np.where(found, cost, np.inf)


def merged_intervals(pieces: Pieces):
    """(edge, x0, x1) of the pieces with touching parts of one edge joined."""
    if not len(pieces):
        return pieces.edge, pieces.x0, pieces.x1
    order = np.lexsort((pieces.x0, pieces.edge))
    edge, x0, x1 = pieces.edge[order], pieces.x0[order], pieces.x1[order]
    new_run = np.r_[True, (edge[1:] != edge[:-1]) | (x0[1:] > x1[:-1] + 1e-6)]
    starts = np.flatnonzero(new_run)
    return edge[starts], x0[starts], np.maximum.reduceat(x1, starts)
