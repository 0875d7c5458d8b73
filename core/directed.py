"""What a search over directed costs (slopes) reaches, cut exactly at thresholds.

With directed costs (:class:`~.slope.DirectedCosts`, in flat metres), the cost at a point
``x`` metres along an edge is the walk from there to the nearest seed: the least of
walking back to the edge's first junction and on from there (``back(x)`` plus that
junction's cost), walking ahead to its last junction and on (``forward - ahead(x)`` plus
that junction's cost), and, for a seed on the edge, the seed's gap plus the walk along the
edge to it. Each of these is linear between the edge's samples, so their least is
piecewise linear: it is carried as cost pieces (:class:`~.reach.Pieces`), cut where the
walks from either end cost the same, and thresholds cut them exactly.

Without directed costs, the functions here are the flat ones of :mod:`.reach`, unchanged.
"""

from typing import List, Optional, Tuple

import numpy as np

from .attach import Seeds
from .network import Network
from .reach import Pieces, clip_pieces, location_costs, reachable_parts
from .slope import DirectedCosts

_EPS = 1e-9
# Consecutive pieces of an edge whose cost slopes agree this closely (relative) are one.
_SLOPE_TOLERANCE = 1e-9


def _gather(starts: np.ndarray, counts: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(index, group) of the ranges [start, start + count) laid end to end."""
    group = np.repeat(np.arange(len(starts)), counts)
    first = np.cumsum(counts) - counts
    return np.repeat(starts, counts) + np.arange(counts.sum()) - first[group], group


def _plain_edge_pieces(network: Network, costs: DirectedCosts, node_cost: np.ndarray,
                       edges: np.ndarray) -> Pieces:
    """Cost pieces, one per stretch between samples, of edges without seeds; a stretch
    where the walks through either end cost the same is cut there."""
    sample, group = _gather(costs.sample_start[edges],
                            costs.sample_start[edges + 1] - costs.sample_start[edges])
    edge = edges[group]
    via_u = node_cost[network.edge_u[edge]] + costs.back[sample]
    via_v = node_cost[network.edge_v[edge]] + costs.forward[edge] - costs.ahead[sample]
    # stretch k runs from sample k to sample k + 1 of the same edge
    stretch = np.flatnonzero(group[1:] == group[:-1])
    a0, a1 = via_u[stretch], via_u[stretch + 1]
    b0, b1 = via_v[stretch], via_v[stretch + 1]
    x0, x1 = costs.along[sample[stretch]], costs.along[sample[stretch + 1]]
    edge = edge[stretch]
    # via_u - via_v grows along the edge, so at most one cut per edge
    whole_u = a1 <= b1
    whole_v = ~whole_u & (a0 >= b0)
    cut = ~whole_u & ~whole_v
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(cut, (b0 - a0) / np.where(cut, (a1 - a0) - (b1 - b0), 1.0), 0.0)
        cm = a0 + t * (a1 - a0)
    xm = x0 + t * (x1 - x0)
    from_u = Pieces(edge, x0, np.where(cut, xm, x1), a0, np.where(cut, cm, a1))
    from_v = Pieces(edge, np.where(cut, xm, x0), x1, np.where(cut, cm, b0), b1)
    keep_u = (whole_u | cut) & (from_u.x1 - from_u.x0 > _EPS)
    keep_v = (whole_v | cut) & (from_v.x1 - from_v.x0 > _EPS)
    return Pieces.concat([from_u.subset(keep_u), from_v.subset(keep_v)])


def _seeded_edge_pieces(costs: DirectedCosts, edge: int, du: float, dv: float,
                        starts: np.ndarray, ends: np.ndarray, gaps: np.ndarray
                        ) -> List[tuple]:
    """Cost pieces (x0, x1, c0, c1) of one edge that carries seeds.

    Between consecutive samples and seed ends every walk is linear, so the least of them
    bends only where two walks cost the same: those points, found pairwise, are added.
    """
    lo, hi = costs.sample_start[edge], costs.sample_start[edge + 1]
    xs, ahead, back = costs.along[lo:hi], costs.ahead[lo:hi], costs.back[lo:hi]
    length, forward = xs[-1], ahead[-1]
    seed_ahead = np.interp(starts, xs, ahead)
    seed_back = np.interp(ends, xs, back)

    def walks(x):
        """(points, walks) cost of each way from the points to a seed."""
        a, b = np.interp(x, xs, ahead)[:, None], np.interp(x, xs, back)[:, None]
        to_seed = gaps[None, :] + np.maximum(0.0, np.maximum(seed_ahead[None, :] - a,
                                                             b - seed_back[None, :]))
        return np.hstack([du + b, dv + forward - a, to_seed])

    fixed = np.unique(np.clip(np.concatenate([xs, starts, ends]), 0.0, length))
    at_fixed = walks(fixed)
    finite = np.isfinite(at_fixed)
    both = finite[:-1, :, None] & finite[:-1, None, :] & finite[1:, :, None] & \
        finite[1:, None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        d0 = at_fixed[:-1, :, None] - at_fixed[:-1, None, :]
        d1 = at_fixed[1:, :, None] - at_fixed[1:, None, :]
        crossing = both & (d0 * d1 < 0)
        t = np.where(crossing, d0 / np.where(crossing, d0 - d1, 1.0), 0.0)
    interval, _, _ = np.nonzero(crossing)
    inner = fixed[interval] + t[crossing] * (fixed[interval + 1] - fixed[interval])
    x = np.unique(np.concatenate([fixed, inner]))
    c = walks(x).min(axis=1)
    return [(edge, x0, x1, c0, c1) for x0, x1, c0, c1
            in zip(x[:-1].tolist(), x[1:].tolist(), c[:-1].tolist(), c[1:].tolist())
            if x1 - x0 > _EPS]


def _merge_collinear(pieces: Pieces) -> Pieces:
    """Consecutive pieces of one edge that touch and share a cost slope, joined (flat
    stretches and ground off the height grid give runs of them)."""
    if not len(pieces):
        return pieces
    order = np.lexsort((pieces.x0, pieces.edge))
    p = pieces.subset(order)
    slope = (p.c1 - p.c0) / (p.x1 - p.x0)
    same = (p.edge[1:] == p.edge[:-1]) & (p.x0[1:] == p.x1[:-1]) & \
        (np.abs(slope[1:] - slope[:-1]) <= _SLOPE_TOLERANCE * np.maximum(
            1.0, np.abs(slope[:-1])))
    first = np.flatnonzero(np.r_[True, ~same])
    last = np.r_[first[1:], len(p)] - 1
    return Pieces(p.edge[first], p.x0[first], p.x1[last], p.c0[first], p.c1[last])


def directed_reachable_parts(network: Network, costs: DirectedCosts, node_cost: np.ndarray,
                             seeds: Seeds, max_cost: float) -> Pieces:
    """Cost pieces of every network location whose walk to the nearest seed costs at most
    ``max_cost`` flat metres; ``node_cost`` from :func:`~.search.node_costs` with ``costs``."""
    seeded = np.unique(seeds.edge)
    near = np.minimum(node_cost[network.edge_u], node_cost[network.edge_v]) <= max_cost
    near[seeded] = False
    parts = [_plain_edge_pieces(network, costs, node_cost, np.flatnonzero(near))]
    rows = []
    order = np.argsort(seeds.edge, kind="stable")
    sorted_edge = seeds.edge[order]
    for edge in seeded.tolist():
        which = order[np.searchsorted(sorted_edge, edge, side="left"):
                      np.searchsorted(sorted_edge, edge, side="right")]
        rows += _seeded_edge_pieces(costs, edge, node_cost[network.edge_u[edge]],
                                    node_cost[network.edge_v[edge]], seeds.start[which],
                                    seeds.end[which], seeds.gap[which])
    parts.append(Pieces.from_rows(rows))
    return clip_pieces(_merge_collinear(Pieces.concat(parts)), -np.inf, max_cost)


def directed_location_costs(network: Network, costs: DirectedCosts, node_cost: np.ndarray,
                            seeds: Seeds, edge: np.ndarray, offset: np.ndarray
                            ) -> np.ndarray:
    """Flat metres of the walk from network locations (edge, offset) to the nearest seed.

    Locations with edge -1 get inf. A location and a seed on the same edge reach each
    other along it.
    """
    found = edge >= 0
    safe_edge = np.where(found, edge, 0)
    ahead = costs.ahead_at(safe_edge, offset)
    back = costs.back_at(safe_edge, offset)
    cost = np.minimum(node_cost[network.edge_u[safe_edge]] + back,
                      node_cost[network.edge_v[safe_edge]] + costs.forward[safe_edge] - ahead)
    if len(seeds):
        order = np.argsort(seeds.edge, kind="stable")
        sorted_edge = seeds.edge[order]
        lo = np.searchsorted(sorted_edge, safe_edge, side="left")
        hi = np.searchsorted(sorted_edge, safe_edge, side="right")
        seed_index, location = _gather(lo, np.where(found, hi - lo, 0))
        seed = order[seed_index]
        to_start = costs.ahead_at(seeds.edge[seed], seeds.start[seed]) - ahead[location]
        from_end = back[location] - costs.back_at(seeds.edge[seed], seeds.end[seed])
        direct = seeds.gap[seed] + np.maximum(0.0, np.maximum(to_start, from_end))
        np.minimum.at(cost, location, direct)
    return np.where(found, cost, np.inf)


def walked_reachable_parts(network: Network, node_cost: np.ndarray, seeds: Seeds,
                           max_cost: float, costs: Optional[DirectedCosts] = None) -> Pieces:
    """Cost pieces within ``max_cost``: over directed ``costs`` when given, else flat
    (:func:`~.reach.reachable_parts`)."""
    if costs is None:
        return reachable_parts(network, node_cost, seeds, max_cost)
    return directed_reachable_parts(network, costs, node_cost, seeds, max_cost)


def walked_location_costs(network: Network, node_cost: np.ndarray, seeds: Seeds,
                          edge: np.ndarray, offset: np.ndarray,
                          costs: Optional[DirectedCosts] = None) -> np.ndarray:
    """Costs of network locations: over directed ``costs`` when given, else flat
    (:func:`~.reach.location_costs`)."""
    if costs is None:
        return location_costs(network, node_cost, seeds, edge, offset)
    return directed_location_costs(network, costs, node_cost, seeds, edge, offset)
