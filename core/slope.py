"""Walking time that knows the slope: the cost of every edge in each direction.

Costs stay in metres walked on flat ground ("flat metres"): a stretch costs the metres one
would walk on the flat at WALK_SPEED in the time it takes, so thresholds converted from
minutes at WALK_SPEED, and the flat gap between a point and the network, apply unchanged.
A stretch of ``run`` metres climbing ``rise`` metres in the direction walked costs

    run * exp(3.5 * SLOPE_FACTOR * (|rise / run + 0.05| - 0.05))

flat metres: Tobler's hiking function, scaled so that flat ground is walked at WALK_SPEED
(SLOPE_FACTOR 0 ignores the slope).

Every edge is sampled at its vertices and, between them, at equal steps of at most
SLOPE_SAMPLE_SPACING_M; the gradient is constant from one sample to the next, so the cost
along an edge is piecewise linear between samples. A stretch with an end off the height
grid or on a no-data cell is walked as flat, and counted in :class:`DemCoverage`.
"""

from dataclasses import dataclass, field
from typing import Callable, Optional, Tuple

import numpy as np

from .definitions import MAX_SLOPE_FACTOR, SLOPE_SAMPLE_SPACING_M
from .errors import QT_TRANSLATE_NOOP, InputError
from .heights import HeightGrid, heights_at
from .network import Network

# Tobler's hiking function: speed = 6 exp(-3.5 |g + 0.05|) km/h, fastest slightly downhill.
TOBLER_STEEPNESS = 3.5
TOBLER_FASTEST_GRADIENT = -0.05
# exp(60) is about 1e26: a stretch that steep is a wall, and capping the exponent keeps
# costs finite where a no-data edge makes two close samples a cliff.
_MAX_EXPONENT = 60.0


def slope_slowdown(gradient: np.ndarray, slope_factor: float) -> np.ndarray:
    """Time to walk a metre at ``gradient`` (rise / run, in the direction walked) over the
    time to walk it on the flat: 1 on the flat, above 1 uphill and on steep descents."""
    exponent = TOBLER_STEEPNESS * slope_factor * (
        np.abs(np.asarray(gradient, dtype=float) - TOBLER_FASTEST_GRADIENT)
        + TOBLER_FASTEST_GRADIENT)
    return np.exp(np.minimum(exponent, _MAX_EXPONENT))


@dataclass
class EdgeSamples:
    """Points along every edge where the ground height is read.

    Attributes:
        sample_start: (E + 1,) where each edge's samples start in the arrays below.
        along: (S,) metres along its edge of each sample (0 at the first vertex, the edge's
            length at the last).
        xy: (S, 2) coordinates of each sample.
    """

    sample_start: np.ndarray
    along: np.ndarray
    xy: np.ndarray


def sample_edges(network: Network, spacing: float = SLOPE_SAMPLE_SPACING_M) -> EdgeSamples:
    """Samples at every vertex of every edge and, between two vertices farther apart than
    ``spacing`` metres, at equal steps of at most ``spacing`` metres."""
    coords, cumlen, coord_start = network.coords, network.cumlen, network.coord_start
    is_last = np.zeros(len(coords), dtype=bool)
    is_last[coord_start[1:] - 1] = True
    step = np.zeros(len(coords))
    step[:-1] = cumlen[1:] - cumlen[:-1]
    step[is_last] = 0.0
    # a vertex stands for itself and the samples on the segment that starts at it
    parts = np.maximum(1, np.ceil(step / spacing)).astype(np.int64)
    vertex = np.repeat(np.arange(len(coords)), parts)
    first_of_vertex = np.cumsum(parts) - parts
    fraction = (np.arange(parts.sum()) - first_of_vertex[vertex]) / parts[vertex]
    # an edge's last vertex has fraction 0, so it never reads the next edge's first
    following = np.minimum(vertex + 1, len(coords) - 1)
    sample_start = np.r_[first_of_vertex, parts.sum()][coord_start]
    return EdgeSamples(sample_start=sample_start.astype(np.int64),
                       along=cumlen[vertex] + step[vertex] * fraction,
                       xy=coords[vertex] + (coords[following] - coords[vertex])
                       * fraction[:, None])


@dataclass
class DemCoverage:
    """How much of the network was walked on known ground heights (metres)."""

    network_length_m: float
    on_dem_length_m: float

    @property
    def flat_length_m(self) -> float:
        """Metres walked as flat: off the height grid or on no-data cells."""
        return self.network_length_m - self.on_dem_length_m

    @property
    def share_on_dem(self) -> float:
        """Share (0-1) of the network's length walked on known heights."""
        return self.on_dem_length_m / self.network_length_m if self.network_length_m else 0.0


@dataclass
class DirectedCosts:
    """Walking costs along every edge in each direction, in flat metres (see the module
    docstring), linear between samples.

    Attributes:
        sample_start, along: the samples (as in :class:`EdgeSamples`).
        ahead: (S,) cost of walking from the edge's first vertex forward to each sample.
        back: (S,) cost of walking from each sample back to the edge's first vertex.
        coverage: how much of the network lies on known heights.
    """

    sample_start: np.ndarray
    along: np.ndarray
    ahead: np.ndarray
    back: np.ndarray
    coverage: DemCoverage
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def forward(self) -> np.ndarray:
        """(E,) cost of walking each edge from its first vertex to its last."""
        return self.cached("forward", lambda c: c.ahead[c.sample_start[1:] - 1])

    @property
    def backward(self) -> np.ndarray:
        """(E,) cost of walking each edge from its last vertex to its first."""
        return self.cached("backward", lambda c: c.back[c.sample_start[1:] - 1])

    def ahead_at(self, edge: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Cost of walking edge ``edge`` forward from its first vertex to ``x`` metres."""
        return self._interpolate(self.ahead, edge, x)

    def back_at(self, edge: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Cost of walking edge ``edge`` from ``x`` metres back to its first vertex."""
        return self._interpolate(self.back, edge, x)

    def inner_samples(self, edge: np.ndarray, x_lo: np.ndarray, x_hi: np.ndarray):
        """(first, stop): the samples of ``edge`` strictly between ``x_lo`` and ``x_hi``
        metres along it are those numbered first to stop - 1."""
        base, position = self.cached("positions", _sample_positions)
        lo, hi = self.sample_start[edge], self.sample_start[edge + 1]
        first = np.clip(np.searchsorted(position, base[edge] + x_lo, side="right"), lo, hi)
        stop = np.clip(np.searchsorted(position, base[edge] + x_hi, side="left"), first, hi)
        return first, stop

    def cached(self, key: str, build):
        """A value derived from these costs (a search graph), built once."""
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]

    def _interpolate(self, table: np.ndarray, edge, x) -> np.ndarray:
        edge = np.asarray(edge, dtype=np.int64)
        x = np.asarray(x, dtype=float)
        base, position = self.cached("positions", _sample_positions)
        lo = self.sample_start[edge]
        hi = self.sample_start[edge + 1] - 2
        i = np.clip(np.searchsorted(position, base[edge] + x, side="right") - 1, lo, hi)
        span = self.along[i + 1] - self.along[i]
        t = np.clip((x - self.along[i]) / np.where(span > 0, span, 1.0), 0.0, 1.0)
        return table[i] + t * (table[i + 1] - table[i])


def _sample_positions(costs: DirectedCosts):
    """Where each edge starts, and each sample lies, along all edges laid end to end."""
    counts = np.diff(costs.sample_start)
    lengths = costs.along[costs.sample_start[1:] - 1]
    base = np.concatenate([[0.0], np.cumsum(lengths)])
    return base, np.repeat(base[:-1], counts) + costs.along


def _per_edge_cumsum(steps: np.ndarray, sample_start: np.ndarray) -> np.ndarray:
    """Running totals of ``steps`` restarting at 0 at every edge's first sample (whose
    step is 0)."""
    total = np.cumsum(steps)
    counts = np.diff(sample_start)
    return total - np.repeat(total[sample_start[:-1]], counts)


def check_slope_factor(slope_factor: float) -> None:
    """Raise InputError unless 0 <= ``slope_factor`` <= MAX_SLOPE_FACTOR."""
    if not 0.0 <= slope_factor <= MAX_SLOPE_FACTOR:
        raise InputError(QT_TRANSLATE_NOOP(
            "AssetGaps", "SLOPE_FACTOR must be between 0 (slope ignored) and {largest:g} "
                         "(1 is Tobler's hiking function); got {value}."),
            largest=MAX_SLOPE_FACTOR, value=slope_factor)


def edge_costs_with_slope(network: Network, heights: HeightGrid, slope_factor: float,
                          to_grid: Optional[Callable[[np.ndarray], np.ndarray]] = None,
                          spacing: float = SLOPE_SAMPLE_SPACING_M) -> DirectedCosts:
    """Directed walking costs (flat metres) of every edge over the ground ``heights``.

    ``to_grid`` maps (n, 2) network coordinates to the grid's CRS when the two differ (a
    vectorised coordinate transformation), so heights are read from the raster's own
    cells rather than from a resampled copy; lengths stay the network's. See the module
    docstring for the rule.
    """
    check_slope_factor(slope_factor)
    samples = sample_edges(network, spacing)
    height = heights_at(heights, samples.xy if to_grid is None else to_grid(samples.xy))
    is_first = np.zeros(len(samples.along), dtype=bool)
    is_first[samples.sample_start[:-1]] = True
    # step i runs from sample i - 1 to sample i of the same edge
    run = np.zeros(len(samples.along))
    run[1:] = samples.along[1:] - samples.along[:-1]
    rise = np.zeros(len(samples.along))
    rise[1:] = height[1:] - height[:-1]
    run[is_first] = 0.0
    known = np.isfinite(rise) & ~is_first
    with np.errstate(divide="ignore", invalid="ignore"):
        gradient = np.where(known & (run > 0), rise / np.where(run > 0, run, 1.0), 0.0)
    forward = run * slope_slowdown(gradient, slope_factor)
    backward = run * slope_slowdown(-gradient, slope_factor)
    coverage = DemCoverage(network_length_m=float(run.sum()),
                           on_dem_length_m=float(run[known].sum()))
    # totals are the length plus what the slopes add: flat ground (and ground off the
    # grid) then costs exactly its length, however long the network
    return DirectedCosts(
        sample_start=samples.sample_start, along=samples.along,
        ahead=samples.along + _per_edge_cumsum(forward - run, samples.sample_start),
        back=samples.along + _per_edge_cumsum(backward - run, samples.sample_start),
        coverage=coverage)


def straight_gaps(gap: np.ndarray) -> Tuple[int, float]:
    """(how many points walk a straight gap to the network, its total in metres): gaps
    are walked as flat whatever the heights; points not attached (inf) are left out."""
    gap = np.asarray(gap, dtype=float)
    walked = np.isfinite(gap) & (gap > 0)
    return int(walked.sum()), float(gap[walked].sum())
