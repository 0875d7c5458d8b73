"""Bounded multi-source shortest paths over the network, in metres.

All seeds of one search hang from one virtual source, so a whole layer of facilities is
one Dijkstra run. scipy's compiled Dijkstra is used where scipy is installed, networkx
otherwise; both give the same costs.
"""

from typing import Optional

import numpy as np

from .attach import Seeds
from .network import Network

try:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra as _scipy_dijkstra
except ImportError:  # scipy is optional: networkx serves instead
    csr_matrix = None

# Seed edges are lifted by this much so none has zero weight (sparse graphs treat a stored
# zero as no edge); the lift is taken off again afterwards.
_LIFT = 1.0


def _undirected_pairs(network: Network):
    """Each junction pair once, at the length of its shortest edge; self-loops dropped."""
    u, v, w = network.edge_u, network.edge_v, network.edge_length
    keep = u != v
    a, b, w = np.minimum(u, v)[keep], np.maximum(u, v)[keep], w[keep]
    order = np.lexsort((w, b, a))
    a, b, w = a[order], b[order], w[order]
    first = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])]
    return a[first], b[first], w[first]


def _csr_arrays(network: Network):
    a, b, w = _undirected_pairs(network)
    rows = np.concatenate([a, b])
    cols = np.concatenate([b, a])
    weights = np.concatenate([w, w])
    order = np.lexsort((cols, rows))
    rows, cols, weights = rows[order], cols[order], weights[order]
    indptr = np.zeros(network.node_count + 1, dtype=np.int64)
    np.add.at(indptr, rows + 1, 1)
    return np.cumsum(indptr), cols, weights


def _networkx_graph(network: Network):
    import networkx as nx
    graph = nx.DiGraph()
    graph.add_nodes_from(range(network.node_count))
    a, b, w = _undirected_pairs(network)
    graph.add_weighted_edges_from(zip(a.tolist(), b.tolist(), w.tolist()))
    graph.add_weighted_edges_from(zip(b.tolist(), a.tolist(), w.tolist()))
    return graph


def seed_node_costs(network: Network, seeds: Seeds):
    """Junctions the seeds reach directly along their own edge, and at what cost."""
    u = network.edge_u[seeds.edge]
    v = network.edge_v[seeds.edge]
    length = network.edge_length[seeds.edge]
    nodes = np.concatenate([u, v])
    costs = np.concatenate([seeds.gap + seeds.start, seeds.gap + (length - seeds.end)])
    return nodes, costs


def node_costs(network: Network, seeds: Seeds, cutoff: float,
               engine: Optional[str] = None) -> np.ndarray:
    """Cost in metres from the nearest seed to every junction; inf beyond ``cutoff``.

    ``engine`` forces "scipy" or "networkx" (tests compare them); by default scipy is
    used when installed.
    """
    result = np.full(network.node_count, np.inf)
    if not len(seeds) or network.node_count == 0:
        return result
    nodes, costs = seed_node_costs(network, seeds)
    within = costs <= cutoff
    nodes, costs = nodes[within], costs[within]
    if not len(nodes):
        return result
    order = np.lexsort((costs, nodes))
    nodes, costs = nodes[order], costs[order]
    first = np.r_[True, nodes[1:] != nodes[:-1]]
    nodes, costs = nodes[first], costs[first]
    if engine is None:
        engine = "scipy" if csr_matrix is not None else "networkx"
    if engine == "scipy":
        return _scipy_costs(network, nodes, costs, cutoff)
    return _networkx_costs(network, nodes, costs, cutoff)


def _scipy_costs(network, nodes, costs, cutoff):
    indptr, cols, weights = network.cached("csr", _csr_arrays)
    count = network.node_count
    source = count
    graph = csr_matrix(
        (np.concatenate([weights, costs + _LIFT]),
         np.concatenate([cols, nodes]),
         np.concatenate([indptr, [indptr[-1] + len(nodes)]])),
        shape=(count + 1, count + 1))
    distances = _scipy_dijkstra(graph, directed=True, indices=source, limit=cutoff + _LIFT)
    return distances[:count] - _LIFT


def _networkx_costs(network, nodes, costs, cutoff):
    import networkx as nx
    graph = network.cached("networkx", _networkx_graph)
    source = network.node_count
    graph.add_weighted_edges_from(zip([source] * len(nodes), nodes.tolist(), costs.tolist()))
    try:
        lengths = nx.single_source_dijkstra_path_length(graph, source, cutoff=cutoff)
    finally:
        graph.remove_node(source)
    result = np.full(network.node_count, np.inf)
    del lengths[source]
    result[list(lengths)] = list(lengths.values())
    return result
