"""Walking catchments: merged, per facility, or as disjoint rings."""

from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional, Sequence

import numpy as np
from shapely.geometry.base import BaseGeometry

from .attach import Seeds
from .directed import walked_reachable_parts
from .faces import enclosed_catchment
from .geometry import catchment_polygon, chain_parts, part_coordinates, union_of
from .network import Network
from .reach import Pieces, clip_pieces, merged_intervals
from .search import node_costs
from .slope import DirectedCosts


@dataclass
class Catchment:
    """One catchment polygon; ``threshold`` in metres walked, ``facility`` None when merged."""

    threshold: float
    polygon: BaseGeometry
    facility: Optional[int] = None


@dataclass
class ReachedLine:
    """A reachable network part in the band that ends at ``threshold`` (metres); the cost
    runs from ``cost_start`` to ``cost_end`` along it."""

    threshold: float
    coordinates: np.ndarray
    cost_start: float
    cost_end: float
    facility: Optional[int] = None


def search(network: Network, seeds: Seeds, max_cost: float,
           costs: Optional[DirectedCosts] = None) -> Pieces:
    """Cost pieces of everything within ``max_cost`` metres of the seeds (one search).

    With directed ``costs`` (slopes), of everything from where the walk to the nearest
    seed costs at most ``max_cost`` flat metres.
    """
    node_cost = node_costs(network, seeds, max_cost, costs=costs)
    return walked_reachable_parts(network, node_cost, seeds, max_cost, costs)


def area_within(network: Network, pieces: Pieces, threshold: float, trim: float,
                low: float = -np.inf, cancelled: Callable[[], bool] = lambda: False
                ) -> BaseGeometry:
    """The catchment polygon of the pieces' parts with cost in (low, threshold] metres."""
    edge, x0, x1 = merged_intervals(clip_pieces(pieces, low, threshold))

    def buffered(rows: np.ndarray) -> BaseGeometry:
        return catchment_polygon(chain_parts(network, edge[rows], x0[rows], x1[rows]), trim,
                                 cancelled)

    return enclosed_catchment(network, edge, x0, x1, trim, buffered)


@dataclass
class SlopeEffect:
    """How the slopes change what the seeds' merged catchment reaches within
    ``threshold`` metres, for the log: the length of network reached, and, when asked
    for, the catchment's area, walked on the flat and over the slopes."""

    threshold: float
    length_flat_m: float
    length_slope_m: float
    area_flat_m2: Optional[float] = None
    area_slope_m2: Optional[float] = None


def slope_effect(network: Network, seeds: Seeds, threshold: float, costs: DirectedCosts,
                 trim: Optional[float] = None, cancelled: Callable[[], bool] = lambda: False
                 ) -> SlopeEffect:
    """What the slopes change within ``threshold`` metres: one search each way (flat,
    and over the directed ``costs``). With ``trim`` (metres), also the two catchments'
    areas, which costs as much as building both polygons (on a large network, far more
    than the searches)."""
    reached = [search(network, seeds, threshold, walk) for walk in (None, costs)]
    lengths = [float((x1 - x0).sum()) for _, x0, x1 in map(merged_intervals, reached)]
    if trim is None:
        return SlopeEffect(threshold, *lengths)
    areas = [area_within(network, pieces, threshold, trim, cancelled=cancelled).area
             for pieces in reached]
    return SlopeEffect(threshold, *lengths, *areas)


def catchment_polygons(network: Network, pieces: Pieces, thresholds: Sequence[float],
                       trim: float, rings: bool = False, facility: Optional[int] = None,
                       cancelled: Callable[[], bool] = lambda: False) -> List[Catchment]:
    """Polygons within each threshold (sorted ascending); with ``rings``, each minus the
    one before it, so the bands are disjoint and together cover the largest.

    Each threshold only buffers the parts beyond the previous one and adds the previous
    polygon, since the buffer of a union is the union of the buffers.
    """
    result = []
    inner = None
    low = -np.inf
    for threshold in sorted(thresholds):
        if cancelled():
            break
        band = area_within(network, pieces, threshold, trim, low, cancelled)
        if inner is None:
            area, polygon = band, band
        else:
            area = union_of([inner, band])
            polygon = band.difference(inner) if rings else area
        result.append(Catchment(threshold, polygon, facility))
        inner, low = area, threshold
    return result


def band_lines(network: Network, pieces: Pieces, thresholds: Sequence[float],
               facility: Optional[int] = None) -> List[ReachedLine]:
    """Reachable parts cut into bands (previous threshold, threshold], each part once."""
    lines = []
    low = -np.inf
    for threshold in sorted(thresholds):
        band = clip_pieces(pieces, low, threshold)
        coordinates = part_coordinates(network, band.edge, band.x0, band.x1)
        lines += [ReachedLine(threshold, xy, c0, c1, facility)
                  for xy, c0, c1 in zip(coordinates, band.c0.tolist(), band.c1.tolist())]
        low = threshold
    return lines


def per_facility_pieces(network: Network, seeds: Seeds, max_cost: float,
                        cancelled: Callable[[], bool] = lambda: False,
                        costs: Optional[DirectedCosts] = None) -> Iterator[tuple]:
    """(facility, pieces) for each facility in turn, each search bounded by ``max_cost``
    (over directed ``costs`` when given)."""
    for facility in np.unique(seeds.facility).tolist():
        if cancelled():
            return
        yield facility, search(network, seeds.of_facility(facility), max_cost, costs)
