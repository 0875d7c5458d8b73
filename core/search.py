"""Bounded multi-source shortest paths over the network, in metres.

All seeds of one search hang from one virtual source, so a whole layer of facilities is
one Dijkstra run. scipy's compiled Dijkstra is used where scipy is installed, networkx
otherwise; both give the same costs.

With directed costs (slopes: up and down differ), the cost of a junction is the walk FROM
it TO the nearest seed, so the search runs from the seeds over the reversed graph: it
reaches a junction through an edge at the cost of walking that edge towards the seeds.
"""

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .attach import Seeds
from .network import Network
from .slope import DirectedCosts
from .spatial import spatial_order

try:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra as _scipy_dijkstra
except ImportError:  # scipy is optional: networkx serves instead
    csr_matrix = None

# Seed edges are lifted by this much so none has zero weight (sparse graphs treat a stored
# zero as no edge); the lift is taken off again afterwards.
_LIFT = 1.0
# The cell (metres) of the Z-order that numbers junctions for the compiled search.
SEARCH_ORDER_CELL_M = 50.0


def _undirected_pairs(network: Network):
    """Each junction pair once, at the length of its shortest edge; self-loops dropped."""
    u, v, w = network.edge_u, network.edge_v, network.edge_length
    keep = u != v
    a, b, w = np.minimum(u, v)[keep], np.maximum(u, v)[keep], w[keep]
    pair = a.astype(np.int64) * max(network.node_count, 1) + b
    order = np.lexsort((w, pair))
    a, b, w, pair = a[order], b[order], w[order], pair[order]
    first = np.r_[True, pair[1:] != pair[:-1]]
    return a[first], b[first], w[first]


def _reversed_arcs(network: Network, costs: DirectedCosts):
    """Arcs (from, to, cost) of the reversed graph: each junction pair once per direction,
    at the cost of the cheapest edge walked from ``to`` to ``from``; self-loops dropped."""
    u, v = network.edge_u, network.edge_v
    keep = u != v
    # reaching u from v in the reversed search means walking the edge from u to v
    tail = np.concatenate([v[keep], u[keep]])
    head = np.concatenate([u[keep], v[keep]])
    w = np.concatenate([costs.forward[keep], costs.backward[keep]])
    order = np.lexsort((w, head, tail))
    tail, head, w = tail[order], head[order], w[order]
    first = np.r_[True, (tail[1:] != tail[:-1]) | (head[1:] != head[:-1])]
    return tail[first], head[first], w[first]


@dataclass
class _SearchGraph:
    """The graph as scipy searches it: junction ``i`` is row ``position[i]``, junctions
    numbered along a Z-order of their coordinates (see ``search_positions``)."""

    indptr: np.ndarray
    cols: np.ndarray
    weights: np.ndarray
    position: np.ndarray


def search_positions(network: Network) -> np.ndarray:
    """Each junction's row in the search graph: junctions near each other get near
    numbers (a Z-order over SEARCH_ORDER_CELL_M cells), so that the rows a search visits
    one after another sit close in memory; a search runs about a quarter faster than
    over the junctions as they were numbered."""
    position = np.empty(network.node_count, dtype=np.int64)
    if network.node_count:
        position[spatial_order(network.node_xy, SEARCH_ORDER_CELL_M)] = \
            np.arange(network.node_count)
    return position


def _csr_from_arcs(network: Network, rows, cols, weights) -> _SearchGraph:
    position = network.cached("search_positions", search_positions)
    node_count = network.node_count
    rows, cols = position[rows], position[cols]
    order = np.argsort(rows * max(node_count, 1) + cols, kind="stable")
    rows, cols, weights = rows[order], cols[order], weights[order]
    indptr = np.zeros(node_count + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(np.bincount(rows, minlength=node_count))
    return _SearchGraph(indptr, cols, weights, position)


def _csr_arrays(network: Network) -> _SearchGraph:
    a, b, w = _undirected_pairs(network)
    return _csr_from_arcs(network, np.concatenate([a, b]), np.concatenate([b, a]),
                          np.concatenate([w, w]))


def _networkx_from_arcs(node_count: int, tails, heads, weights):
    import networkx as nx
    graph = nx.DiGraph()
    graph.add_nodes_from(range(node_count))
    graph.add_weighted_edges_from(zip(tails.tolist(), heads.tolist(), weights.tolist()))
    return graph


def _networkx_graph(network: Network):
    a, b, w = _undirected_pairs(network)
    return _networkx_from_arcs(network.node_count, np.concatenate([a, b]),
                               np.concatenate([b, a]), np.concatenate([w, w]))


def _directed_csr_arrays(costs: DirectedCosts, network: Network) -> _SearchGraph:
    return _csr_from_arcs(network, *_reversed_arcs(network, costs))


def _directed_networkx_graph(costs: DirectedCosts, network: Network):
    return _networkx_from_arcs(network.node_count, *_reversed_arcs(network, costs))


def seed_node_costs(network: Network, seeds: Seeds, costs: Optional[DirectedCosts] = None):
    """Junctions the seeds reach directly along their own edge, and at what cost (with
    ``costs``, the walk from the junction to the seed)."""
    u = network.edge_u[seeds.edge]
    v = network.edge_v[seeds.edge]
    nodes = np.concatenate([u, v])
    if costs is not None:
        to_start = costs.ahead_at(seeds.edge, seeds.start)
        from_end = costs.backward[seeds.edge] - costs.back_at(seeds.edge, seeds.end)
        return nodes, np.concatenate([seeds.gap + to_start, seeds.gap + from_end])
    length = network.edge_length[seeds.edge]
    return nodes, np.concatenate([seeds.gap + seeds.start, seeds.gap + (length - seeds.end)])


def node_costs(network: Network, seeds: Seeds, cutoff: float,
               engine: Optional[str] = None, costs: Optional[DirectedCosts] = None
               ) -> np.ndarray:
    """Cost in metres from the nearest seed to every junction; inf beyond ``cutoff``.

    With directed ``costs`` (flat metres), the cost of the walk from each junction to its
    nearest seed. ``engine`` forces "scipy" or "networkx" (tests compare them); by default
    scipy is used when installed.
    """
    result = np.full(network.node_count, np.inf)
    if not len(seeds) or network.node_count == 0:
        return result
    nodes, start_costs = seed_node_costs(network, seeds, costs)
    within = start_costs <= cutoff
    nodes, start_costs = nodes[within], start_costs[within]
    if not len(nodes):
        return result
    order = np.lexsort((start_costs, nodes))
    nodes, start_costs = nodes[order], start_costs[order]
    first = np.r_[True, nodes[1:] != nodes[:-1]]
    nodes, start_costs = nodes[first], start_costs[first]
    if engine is None:
        engine = "scipy" if csr_matrix is not None else "networkx"
    if engine == "scipy":
        arrays = network.cached("csr", _csr_arrays) if costs is None else \
            costs.cached("csr", lambda c: _directed_csr_arrays(c, network))
        return _scipy_costs(network.node_count, arrays, nodes, start_costs, cutoff)
    graph = network.cached("networkx", _networkx_graph) if costs is None else \
        costs.cached("networkx", lambda c: _directed_networkx_graph(c, network))
    return _networkx_costs(network.node_count, graph, nodes, start_costs, cutoff)


def _scipy_costs(count: int, searched: _SearchGraph, nodes, costs, cutoff):
    source = count
    graph = csr_matrix(
        (np.concatenate([searched.weights, costs + _LIFT]),
         np.concatenate([searched.cols, searched.position[nodes]]),
         np.concatenate([searched.indptr, [searched.indptr[-1] + len(nodes)]])),
        shape=(count + 1, count + 1))
    distances = _scipy_dijkstra(graph, directed=True, indices=source, limit=cutoff + _LIFT)
    return distances[searched.position] - _LIFT


def _networkx_costs(count, graph, nodes, costs, cutoff):
    import networkx as nx
    source = count
    graph.add_weighted_edges_from(zip([source] * len(nodes), nodes.tolist(), costs.tolist()))
    try:
        lengths = nx.single_source_dijkstra_path_length(graph, source, cutoff=cutoff)
    finally:
        graph.remove_node(source)
    result = np.full(count, np.inf)
    del lengths[source]
    result[list(lengths)] = list(lengths.values())
    return result
