"""Multi-asset access: the walking cost from every origin to the nearest asset of each kind,
and the score of kinds reached."""

import re
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

import numpy as np
from shapely.geometry.base import BaseGeometry

from .attach import Seeds, locate_points
from .definitions import MAJORITY_SHARE, MAX_KIND_NAME_LENGTH
from .directed import walked_location_costs, walked_reachable_parts
from .geometry import polygonal
from .network import Network
from .reach import Pieces
from .search import node_costs
from .slope import DirectedCosts

_NOT_NAME = re.compile(r"\W", re.UNICODE)


def sanitise_kind_names(names: Sequence[str], taken: Sequence[str] = ()) -> List[str]:
    """Field-safe, unique kind names: lower case, anything but letters, digits and ``_``
    becomes ``_``, at most MAX_KIND_NAME_LENGTH characters, ``_2``, ``_3``... when repeated
    (or when in ``taken``)."""
    used = {name.lower() for name in taken}
    result = []
    for name in names:
        base = _NOT_NAME.sub("_", str(name).strip().lower())[:MAX_KIND_NAME_LENGTH] or "kind"
        candidate, number = base, 1
        while candidate in used:
            number += 1
            suffix = f"_{number}"
            candidate = base[:MAX_KIND_NAME_LENGTH - len(suffix)] + suffix
        used.add(candidate)
        result.append(candidate)
    return result


@dataclass
class Origins:
    """Origins located on the network: edge -1 where farther than the snap distance."""

    edge: np.ndarray
    offset: np.ndarray
    gap: np.ndarray

    @property
    def reached(self) -> np.ndarray:
        return self.edge >= 0


def judged_points(shapes: Sequence[Optional[BaseGeometry]]) -> np.ndarray:
    """(n, 2) point each origin is judged at: a point on its surface (a point as it is);
    NaN without geometry."""
    xy = np.full((len(shapes), 2), np.nan)
    for row, shape in enumerate(shapes):
        if shape is not None and not shape.is_empty:
            point = shape.representative_point()
            xy[row] = (point.x, point.y)
    return xy


def locate_origin_points(network: Network, xy: np.ndarray, max_snap: float) -> Origins:
    """Locate origins judged at the (n, 2) points ``xy``; rows holding NaN (no geometry)
    stay unreached."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    count = len(xy)
    usable = np.flatnonzero(np.all(np.isfinite(xy), axis=1))
    edge = np.full(count, -1, dtype=np.int64)
    offset = np.zeros(count)
    gap = np.full(count, np.inf)
    if len(usable):
        edge[usable], offset[usable], gap[usable] = locate_points(network, xy[usable], max_snap)
    return Origins(edge, offset, gap)


def locate_origins(network: Network, shapes: Sequence[Optional[BaseGeometry]],
                   max_snap: float) -> Origins:
    """Locate origins: points as they are, polygons at a point on their surface."""
    return locate_origin_points(network, judged_points(shapes), max_snap)


@dataclass
class KindReach:
    """One kind's search: its node costs and the parts within its threshold (None when
    they were not asked for)."""

    node_cost: np.ndarray
    within: Optional[Pieces]


def search_kind(network: Network, seeds: Seeds, threshold: float, bound: float,
                costs: Optional[DirectedCosts] = None) -> KindReach:
    """One multi-source search for a kind, bounded by ``bound`` metres (over directed
    ``costs``, walks to the kind, when given)."""
    return kind_reach(network, node_costs(network, seeds, bound, costs=costs), seeds,
                      threshold, costs)


def kind_reach(network: Network, node_cost: np.ndarray, seeds: Seeds, threshold: float,
               costs: Optional[DirectedCosts] = None) -> KindReach:
    """A searched kind's reach: its ``node_cost`` and the parts within ``threshold``
    metres of its ``seeds`` (over the directed ``costs`` the search used, when given)."""
    return KindReach(node_cost, walked_reachable_parts(network, node_cost, seeds, threshold,
                                                       costs))


def search_kinds(network: Network, seeds: Sequence[Seeds], bounds: Sequence[float],
                 costs: Optional[DirectedCosts] = None,
                 thresholds: Optional[Sequence[float]] = None,
                 cancelled: Callable[[], bool] = lambda: False) -> Optional[List[KindReach]]:
    """Each kind's search in turn, from ``seeds[k]`` to ``bounds[k]`` metres: its node
    costs and, when ``thresholds`` are given, its parts within ``thresholds[k]`` (else
    ``within`` is None). None once ``cancelled()`` is true, checked before each kind."""
    reaches = []
    for kind, (kind_seeds, bound) in enumerate(zip(seeds, bounds)):
        if cancelled():
            return None
        cost = node_costs(network, kind_seeds, bound, costs=costs)
        reaches.append(KindReach(cost, None) if thresholds is None else
                       kind_reach(network, cost, kind_seeds, thresholds[kind], costs))
    return reaches


def nearest_costs(network: Network, node_cost: np.ndarray, seeds: Seeds, origins: Origins,
                  bound: float, costs: Optional[DirectedCosts] = None) -> np.ndarray:
    """Metres from each origin to the nearest seed (gap included, walked as flat); inf
    beyond ``bound`` or for origins off the network. With directed ``costs``, flat metres
    of the walk from the origin to the seed; ``node_cost`` must come from the same costs."""
    cost = walked_location_costs(network, node_cost, seeds, origins.edge, origins.offset,
                                 costs) + origins.gap
    return np.where(cost <= bound, cost, np.inf)


@dataclass
class Scores:
    """Per-origin results over all kinds; rows of unreached origins are meaningless."""

    ok: np.ndarray          # (origins, kinds) bool: share >= MAJORITY_SHARE
    n_reached: np.ndarray
    n_missing: np.ndarray
    score: np.ndarray       # 0-100
    missing: List[str]      # comma-separated kind names
    # (origins, kinds) 0-100: % of the origin's people within reach (None: all or none, by ok)
    share: Optional[np.ndarray] = None

    @property
    def within_reach(self) -> np.ndarray:
        """(origins, kinds) fraction 0-1 of each origin's people within reach of each kind:
        exactly 0 or 1 for origins judged at one point."""
        return self.within_reach_at(slice(None))

    def within_reach_at(self, rows) -> np.ndarray:
        """``within_reach`` of the origins at ``rows`` (a slice or indexes) only."""
        if self.share is None:
            return np.asarray(self.ok[rows], dtype=float)
        return np.asarray(self.share[rows], dtype=float) / 100.0


def missing_names(ok: np.ndarray, names: Sequence[str]) -> List[str]:
    """Per row of ``ok`` (origins, kinds), the comma-separated names of the kinds it
    misses. Rows alike share one string: millions of origins fall in a few patterns."""
    ok = np.asarray(ok, dtype=bool).reshape(len(ok), len(names))
    if not len(ok):
        return []
    _, first, pattern = np.unique(np.packbits(ok, axis=1), axis=0, return_index=True,
                                  return_inverse=True)
    texts = [",".join(name for name, hit in zip(names, row) if not hit)
             for row in ok[first].tolist()]
    return [texts[i] for i in pattern.ravel().tolist()]


def score_shares(shares: np.ndarray, weights: Sequence[float], names: Sequence[str]
                 ) -> Scores:
    """Scores from each origin's share (0-100 %) of people within reach of each kind:
    a kind is reached by the majority rule (share >= MAJORITY_SHARE), the score is the
    weighted mean of the shares. NaN shares (origins without area) count as 0."""
    shares = np.nan_to_num(np.asarray(shares, dtype=float), nan=0.0)
    ok = shares >= MAJORITY_SHARE
    weights = np.asarray(weights, dtype=float)
    n_reached = ok.sum(axis=1)
    missing = missing_names(ok, names)
    # shares / 100 is exactly 0 or 1 for origins judged at a point, so their score is
    # the weighted share of kinds reached, to the last bit
    return Scores(ok=ok, n_reached=n_reached, n_missing=len(names) - n_reached,
                  score=100.0 * ((shares / 100.0) * weights[None, :]).sum(axis=1)
                  / weights.sum(),
                  missing=missing, share=shares)


def point_shares(costs: np.ndarray, thresholds: Sequence[float]) -> np.ndarray:
    """Shares (0 or 100 %) of origins judged at one point, (origins, kinds): 100 where the
    cost (metres) is within the kind's threshold (metres)."""
    return np.where(costs <= np.asarray(thresholds, dtype=float)[None, :], 100.0, 0.0)


def score_origins(costs: np.ndarray, thresholds: Sequence[float], weights: Sequence[float],
                  names: Sequence[str]) -> Scores:
    """Scores of origins judged at one point (see ``point_shares``)."""
    return score_shares(point_shares(costs, thresholds), weights, names)


def _boxes_overlap(a, b) -> bool:
    # a bounding-box test: GEOS predicates can fail on coinciding boundaries, while the
    # overlay operations themselves are robust
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def overlay(polygons: Sequence[BaseGeometry], extent: BaseGeometry,
            cancelled: Callable[[], bool] = lambda: False, min_area: float = 1.0
            ) -> List[tuple]:
    """Split ``extent`` by every polygon: (piece, tuple of the polygons' indexes it lies in).

    Slivers under ``min_area`` square metres (where boundaries coincide) are dropped."""
    extent = polygonal(extent, min_area)
    if extent.is_empty:
        return []
    pieces = [(extent, ())]
    for index, polygon in enumerate(polygons):
        polygon = polygonal(polygon, min_area)
        if polygon.is_empty:
            continue
        if cancelled():
            break
        pieces = cut_pieces(pieces, polygon, index, min_area)
    return pieces


def cut_pieces(pieces: Sequence[tuple], polygon: BaseGeometry, label: int, min_area: float
               ) -> List[tuple]:
    """Each (piece, labels) cut by ``polygon``: the part inside gains ``label``, the part
    outside keeps its labels; parts under ``min_area`` square metres are dropped."""
    cut = []
    for piece, labels in pieces:
        if not _boxes_overlap(piece.bounds, polygon.bounds):
            cut.append((piece, labels))
            continue
        for part, part_labels in ((piece.intersection(polygon), labels + (label,)),
                                  (piece.difference(polygon), labels)):
            # slivers where boundaries coincide would break the next overlay
            part = polygonal(part, min_area)
            if not part.is_empty:
                cut.append((part, part_labels))
    return cut
