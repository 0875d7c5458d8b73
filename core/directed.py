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

from typing import Optional, Tuple

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


def _walk_pieces(edge: np.ndarray, x: np.ndarray, via_lo: np.ndarray, via_hi: np.ndarray,
                 at_end: np.ndarray, cap: Optional[np.ndarray] = None) -> Pieces:
    """Cost pieces of spans of edges given as points in order along each span (``edge``
    and ``x`` metres along it, ``at_end`` marking each span's last point), where the cost
    is the least of two walks, each linear between points: ``via_lo`` through the span's
    first end (growing along it) and ``via_hi`` through its last end (shrinking), and
    never more than ``cap`` (per point, the same along a span). One piece per stretch
    between points; the stretch where the two walks cost the same is cut there. Pieces
    come in order along each span.
    """
    stretch = np.flatnonzero(~at_end)
    a0, a1 = via_lo[stretch], via_lo[stretch + 1]
    b0, b1 = via_hi[stretch], via_hi[stretch + 1]
    x0, x1 = x[stretch], x[stretch + 1]
    # via_lo - via_hi grows along the span, so at most one cut per span
    whole_lo = a1 <= b1
    cut = ~whole_lo & (a0 < b0)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(cut, (b0 - a0) / np.where(cut, (a1 - a0) - (b1 - b0), 1.0), 0.0)
        cm = a0 + t * (a1 - a0)
    xm = x0 + t * (x1 - x0)
    lo_side = whole_lo | cut
    # one piece per stretch, walked through the first end where it is cheaper there, and
    # after each cut stretch the rest of it, walked through the last end
    slot = np.arange(len(stretch)) + np.cumsum(cut) - cut
    extra = slot[cut] + 1
    size = len(stretch) + int(cut.sum())
    fields = []
    for main, rest in ((edge[stretch], edge[stretch][cut]),
                       (x0, xm[cut]),
                       (np.where(cut, xm, x1), x1[cut]),
                       (np.where(lo_side, a0, b0), cm[cut]),
                       (np.where(cut, cm, np.where(lo_side, a1, b1)), b1[cut]),
                       *(() if cap is None else ((cap[stretch], cap[stretch][cut]),))):
        out = np.empty(size, dtype=main.dtype)
        out[slot], out[extra] = main, rest
        fields.append(out)
    pieces = Pieces(*fields[:5])
    keep = pieces.x1 - pieces.x0 > _EPS
    if cap is None:
        return pieces.subset(keep)
    return _capped(pieces.subset(keep), fields[5][keep])


def _edge_pieces(network: Network, costs: DirectedCosts, node_cost: np.ndarray,
                 edges: np.ndarray) -> Pieces:
    """Cost pieces of whole edges without seeds, walked through either junction."""
    sample, group = _gather(costs.sample_start[edges],
                            costs.sample_start[edges + 1] - costs.sample_start[edges])
    edge = edges[group]
    via_u = node_cost[network.edge_u[edges]][group] + costs.back[sample]
    via_v = (node_cost[network.edge_v[edges]] + costs.forward[edges])[group] - \
        costs.ahead[sample]
    at_end = np.r_[group[1:] != group[:-1], True] if len(group) else np.zeros(0, dtype=bool)
    return _walk_pieces(edge, costs.along[sample], via_u, via_v, at_end)


def _span_pieces(costs: DirectedCosts, edge: np.ndarray, x_lo: np.ndarray, x_hi: np.ndarray,
                 c_lo: np.ndarray, c_hi: np.ndarray, cap: np.ndarray) -> Pieces:
    """Cost pieces of spans of edges with no seed end inside (from ``x_lo`` to ``x_hi``
    metres along ``edge``), where walking on from ``x_lo`` costs ``c_lo``, from ``x_hi``
    ``c_hi``, and nowhere more than ``cap`` (a seed interval covering the span)."""
    if not len(edge):
        return Pieces.from_rows([])
    first, stop = costs.inner_samples(edge, x_lo, x_hi)
    # points of a span: x_lo, the samples strictly inside, x_hi
    sample, span = _gather(first - 1, stop - first + 2)
    at_lo = np.r_[True, span[1:] != span[:-1]]
    at_hi = np.r_[span[1:] != span[:-1], True]
    inner = np.clip(sample, 0, len(costs.along) - 1)
    ahead_lo, ahead_hi = costs.ahead_at(edge, x_lo), costs.ahead_at(edge, x_hi)
    back_lo, back_hi = costs.back_at(edge, x_lo), costs.back_at(edge, x_hi)
    x = np.where(at_lo, x_lo[span], np.where(at_hi, x_hi[span], costs.along[inner]))
    ahead = np.where(at_lo, ahead_lo[span], np.where(at_hi, ahead_hi[span], costs.ahead[inner]))
    back = np.where(at_lo, back_lo[span], np.where(at_hi, back_hi[span], costs.back[inner]))
    return _walk_pieces(edge[span], x, c_lo[span] + back - back_lo[span],
                        c_hi[span] + ahead_hi[span] - ahead, at_hi, cap[span])


def _interleave(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """first[0], second[0], first[1], second[1], ..."""
    return np.column_stack([first, second]).ravel()


def _capped(pieces: Pieces, cap: np.ndarray) -> Pieces:
    """The pieces with their cost capped at ``cap`` (per piece; inf for none): a seed
    interval that covers a span costs its gap anywhere in it. A piece crossing the cap
    is cut there; order along each edge is kept."""
    c0, c1 = pieces.c0, pieces.c1
    crosses = (c0 - cap) * (c1 - cap) < 0
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(crosses, (cap - c0) / np.where(crosses, c1 - c0, 1.0), 1.0)
    xs = pieces.x0 + t * (pieces.x1 - pieces.x0)
    cs = np.minimum(c0 + t * (c1 - c0), cap)
    result = Pieces(np.repeat(pieces.edge, 2), _interleave(pieces.x0, xs),
                    _interleave(xs, pieces.x1), _interleave(np.minimum(c0, cap), cs),
                    _interleave(cs, np.minimum(c1, cap)))
    return result.subset(result.x1 - result.x0 > _EPS)


def _seeded_spans(network: Network, costs: DirectedCosts, node_cost: np.ndarray,
                  seeds: Seeds):
    """Edges with seeds cut at every seed's start and end into spans with no seed inside:
    (edge, x_lo, x_hi, cost at x_lo, cost at x_hi, cap), ordered along each edge. The
    cap is the least gap of the seed intervals covering the span (inf for none)."""
    if not len(seeds):
        empty = np.zeros(0)
        return np.zeros(0, dtype=np.int64), empty, empty, empty, empty, empty
    seeded = np.unique(seeds.edge)
    length = costs.along[costs.sample_start[seeded + 1] - 1]
    edge = np.concatenate([seeded, seeded, seeds.edge, seeds.edge])
    x = np.concatenate([np.zeros(len(seeded)), length, seeds.start, seeds.end])
    x = np.clip(x, 0.0, length[np.searchsorted(seeded, edge)])
    order = np.lexsort((x, edge))
    edge, x = edge[order], x[order]
    distinct = np.r_[True, (edge[1:] != edge[:-1]) | (x[1:] != x[:-1])]
    edge, x = edge[distinct], x[distinct]
    cost = directed_location_costs(network, costs, node_cost, seeds, edge, x)
    span = np.flatnonzero(edge[1:] == edge[:-1])
    span_edge, x_lo, x_hi = edge[span], x[span], x[span + 1]
    cap = np.full(len(span), np.inf)
    seed_order = np.argsort(seeds.edge, kind="stable")
    sorted_edge = seeds.edge[seed_order]
    lo = np.searchsorted(sorted_edge, span_edge, side="left")
    hi = np.searchsorted(sorted_edge, span_edge, side="right")
    seed_index, of_span = _gather(lo, hi - lo)
    seed = seed_order[seed_index]
    covers = (seeds.start[seed] <= x_lo[of_span]) & (seeds.end[seed] >= x_hi[of_span])
    np.minimum.at(cap, of_span[covers], seeds.gap[seed[covers]])
    return span_edge, x_lo, x_hi, cost[span], cost[span + 1], cap


def _merge_collinear(pieces: Pieces) -> Pieces:
    """Consecutive pieces of one edge that touch and share a cost slope, joined (flat
    stretches and ground off the height grid give runs of them). The pieces must come
    in order along each edge."""
    if not len(pieces):
        return pieces
    p = pieces
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
    seeds = seeds.distinct()
    near = np.minimum(node_cost[network.edge_u], node_cost[network.edge_v]) <= max_cost
    near[seeds.edge] = False
    seeded = _span_pieces(costs, *_seeded_spans(network, costs, node_cost, seeds))
    # each edge's pieces are together and in order, as the merge needs
    pieces = Pieces.concat([_edge_pieces(network, costs, node_cost, np.flatnonzero(near)),
                            seeded])
    return clip_pieces(_merge_collinear(pieces), -np.inf, max_cost)


def directed_location_costs(network: Network, costs: DirectedCosts, node_cost: np.ndarray,
                            seeds: Seeds, edge: np.ndarray, offset: np.ndarray
                            ) -> np.ndarray:
    """Flat metres of the walk from network locations (edge, offset) to the nearest seed.

    Locations with edge -1 get inf. A location and a seed on the same edge reach each
    other along it.
    """
    seeds = seeds.distinct()
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
