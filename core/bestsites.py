"""Best new sites: which candidate sites bring the most people within reach.

Each candidate is one search bounded by the threshold, giving the set of origins it brings
within reach. The sites are then chosen greedily: each pick is the candidate that brings
the most people within reach who are not already (by an existing site or an earlier
pick). Ties go to the candidate that comes first (the algorithm orders candidates by
feature id). Picking stops early when no candidate brings anyone new within reach.
"""

from dataclasses import dataclass
from typing import Callable, List, Optional

import numpy as np

from .access import Origins, nearest_costs
from .attach import Seeds
from .network import Network
from .search import node_costs
from .slope import DirectedCosts

# Gains are compared after rounding to this many decimals, so that two candidates reaching
# the same people tie exactly whatever the order of the floating-point sums.
GAIN_DECIMALS = 6


def within_reach(network: Network, seeds: Seeds, origins: Origins, threshold: float,
                 costs: Optional[DirectedCosts] = None) -> np.ndarray:
    """Bool per origin: some seed lies within ``threshold`` metres (one search, over
    directed ``costs`` when given)."""
    if not len(seeds):
        return np.zeros(len(origins.edge), dtype=bool)
    cost = nearest_costs(network, node_costs(network, seeds, threshold, costs=costs), seeds,
                         origins, threshold, costs)
    return cost <= threshold


def candidate_coverage(network: Network, seeds: Seeds, count: int, origins: Origins,
                       threshold: float, cancelled: Callable[[], bool] = lambda: False,
                       progress: Callable[[float], None] = lambda fraction: None,
                       costs: Optional[DirectedCosts] = None) -> Optional[np.ndarray]:
    """(count, origins) bool: which origins each candidate (facility row of ``seeds``)
    brings within ``threshold`` metres; one bounded search per candidate that attached,
    over directed ``costs`` when given. None when cancelled."""
    covered = np.zeros((count, len(origins.edge)), dtype=bool)
    order = np.argsort(seeds.facility, kind="stable")
    rows = seeds.facility[order]
    present = np.unique(rows)
    for done, row in enumerate(present.tolist()):
        if cancelled():
            return None
        lo, hi = np.searchsorted(rows, row, side="left"), np.searchsorted(rows, row,
                                                                          side="right")
        covered[row] = within_reach(network, seeds.subset(order[lo:hi]), origins, threshold,
                                   costs)
        progress((done + 1) / len(present))
    return covered


@dataclass
class Pick:
    """One chosen candidate: its row, the people it newly brings within reach and the
    running total."""

    row: int
    pop_gain: float
    cum_pop_gain: float


def greedy_sites(covered: np.ndarray, people: np.ndarray, already: np.ndarray,
                 n_sites: int) -> List[Pick]:
    """Choose up to ``n_sites`` rows of ``covered`` greedily (see the module docstring).

    ``people`` is per origin, ``already`` marks origins already within reach.
    """
    covered = np.asarray(covered, dtype=bool)
    people = np.asarray(people, dtype=float)
    reached = np.asarray(already, dtype=bool).copy()
    available = np.ones(len(covered), dtype=bool)
    picks: List[Pick] = []
    total = 0.0
    while len(picks) < n_sites and available.any():
        gains = np.round(covered[:, ~reached].astype(float) @ people[~reached], GAIN_DECIMALS)
        gains[~available] = -1.0
        row = int(np.argmax(gains))  # the first of equal gains
        if gains[row] <= 0:
            break
        total += float(gains[row])
        picks.append(Pick(row, float(gains[row]), total))
        reached |= covered[row]
        available[row] = False
    return picks
