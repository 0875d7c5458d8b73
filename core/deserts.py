"""Social infrastructure deserts: scored units that miss several kinds of asset, dissolved
into contiguous areas, summarised and ranked.

A unit is one origin of the access score (or one piece of its surface). Point origins stand
for the square cell of ``unit_size`` metres centred on them; where the cells of points closer
than ``unit_size`` overlap, each place goes to the nearer point, so no other origin's point
ever lies inside a desert. Polygon origins are used as they are. Units are located by their
point: the point itself, or a point on the surface of a polygon (as the access score does).
"""

from collections import Counter
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from shapely.prepared import prep

from .definitions import JUNCTION_PRECISION_M
from .errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT, InputError
from .fields import ORIGIN_SCORE_FIELDS, STATUS, SURFACE_FIELDS
from .geometry import polygon_parts, polygonal
from .spatial import positions_in_runs

DEFAULT_UNIT_SIZE_M = 100.0
DEFAULT_MIN_POPULATION = 1.0

INPUT_ORIGINS = "origins"
INPUT_SURFACE = "surface"

# Box-point pairs examined at once when locating points (bounds memory, not results).
_PAIR_CHUNK = 1 << 21


# --- the input: which fields make a scored layer ---------------------------------------

def scored_kinds(field_names: Sequence[str]) -> List[str]:
    """Kind names of an access score output: every ``K`` with both ``K_ok`` and ``K_cost``
    fields, in field order."""
    names = set(field_names)
    return [name[:-3] for name in field_names
            if name.endswith("_ok") and len(name) > 3 and f"{name[:-3]}_cost" in names]


def scored_input_type(field_names: Sequence[str], layer_name: str) -> str:
    """INPUT_ORIGINS or INPUT_SURFACE, from the fields present; InputError for any other
    layer, naming the fields it lacks."""
    names = set(field_names)
    if all(f in names for f in ORIGIN_SCORE_FIELDS) and scored_kinds(field_names):
        return INPUT_ORIGINS
    if all(f in names for f in SURFACE_FIELDS) and STATUS not in names:
        return INPUT_SURFACE
    lacking = [f for f in ORIGIN_SCORE_FIELDS if f not in names]
    if not scored_kinds(field_names):
        lacking.append("K_cost / K_ok")
    raise InputError(QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT, "INPUT \"{layer}\" is not an access score output: it lacks the fields "
                     "{fields}. Run \"Multi-asset access score\" first and give its output."),
        layer=layer_name, fields=", ".join(lacking))


def check_min_missing(min_missing: int, kinds: Sequence[str]) -> None:
    """InputError when MIN_MISSING asks for more kinds than the layer was scored on."""
    if min_missing > len(kinds):
        raise InputError(QT_TRANSLATE_NOOP(
            TRANSLATION_CONTEXT, "MIN_MISSING is {min_missing}, more than the kinds of asset the "
                         "layer was scored on ({kinds}: {count}): no place can miss that many."),
            min_missing=min_missing, count=len(kinds), kinds=", ".join(kinds))


def split_kinds(text: Optional[str]) -> List[str]:
    """Kind names of a comma-separated ``missing`` / ``reached`` value (empty for NULL)."""
    if not text:
        return []
    return [name.strip() for name in str(text).split(",") if name.strip()]


# --- the desert rule ---------------------------------------------------------------------

def unit_is_desert(n_missing: Optional[float], population: Optional[float], min_missing: int,
                   min_population: float) -> bool:
    """Whether a unit belongs in a desert: it was scored (``n_missing`` is not NULL; unreached
    origins never are), misses at least ``min_missing`` kinds and, when a population is
    given (not None), holds at least ``min_population`` people."""
    if n_missing is None or not np.isfinite(n_missing):
        return False
    if n_missing < min_missing:
        return False
    return population is None or population >= min_population


def desert_flags(n_missing: np.ndarray, population: Optional[np.ndarray], min_missing: int,
                 min_population: float) -> np.ndarray:
    """``unit_is_desert`` for every unit (NaN ``n_missing`` is NULL); a bool array."""
    n_missing = np.asarray(n_missing, dtype=float).tolist()
    people = [None] * len(n_missing) if population is None else \
        np.asarray(population, dtype=float).tolist()
    return np.array([unit_is_desert(m, p, min_missing, min_population)
                     for m, p in zip(n_missing, people)], dtype=bool)


# --- locating points in polygons (shapely 1.8 and 2.x alike) -----------------------------

def unit_points(shapes: Sequence[Optional[BaseGeometry]]) -> np.ndarray:
    """(n, 2) point of each unit: a point as it is, else a point on its surface; NaN for
    a missing geometry."""
    xy = np.full((len(shapes), 2), np.nan)
    for row, shape in enumerate(shapes):
        if shape is not None and not shape.is_empty:
            point = shape if shape.geom_type == "Point" else shape.representative_point()
            xy[row] = (point.x, point.y)
    return xy


def box_point_pairs(boxes: np.ndarray, xy: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(box, point) index pairs where the point lies in the box (edges included).

    ``boxes`` is (m, 4) of (xmin, ymin, xmax, ymax); points with NaN coordinates match
    nothing. Points are sorted by x once, each box takes the x strip it spans, and the
    strip is filtered by y: plain numpy, in chunks that bound memory.
    """
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    usable = np.flatnonzero(np.all(np.isfinite(xy), axis=1))
    order = usable[np.argsort(xy[usable, 0], kind="stable")]
    xs = xy[order, 0]
    lo = np.searchsorted(xs, boxes[:, 0], side="left")
    hi = np.searchsorted(xs, boxes[:, 2], side="right")
    counts = np.maximum(hi - lo, 0)
    ends = np.cumsum(counts)
    found_box, found_point = [], []
    start = 0
    while start < len(boxes):
        stop = max(start + 1, int(np.searchsorted(ends, ends[start] - counts[start] + _PAIR_CHUNK,
                                                  side="right")))
        chunk = np.arange(start, min(stop, len(boxes)))
        chunk_counts = counts[chunk]
        pair_box = np.repeat(chunk, chunk_counts)
        pair_point = order[lo[pair_box] + positions_in_runs(chunk_counts)]
        y = xy[pair_point, 1]
        keep = (y >= boxes[pair_box, 1]) & (y <= boxes[pair_box, 3])
        found_box.append(pair_box[keep])
        found_point.append(pair_point[keep])
        start = int(chunk[-1]) + 1
    if not found_box:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(found_box), np.concatenate(found_point)


def locate_in_polygons(polygons: Sequence[Optional[BaseGeometry]], xy: np.ndarray,
                       cancelled: Callable[[], bool] = lambda: False) -> np.ndarray:
    """Index of the first polygon holding each point (its boundary included), -1 for none.

    A numpy bounding-box prefilter, then a prepared-geometry test of each candidate pair.
    A point on the shared edge of two polygons goes to the lower-numbered one.
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    result = np.full(len(xy), -1, dtype=np.int64)
    present = [i for i, polygon in enumerate(polygons)
               if polygon is not None and not polygon.is_empty]
    if not present or not len(xy):
        return result
    boxes = np.array([polygons[i].bounds for i in present])
    pair_box, pair_point = box_point_pairs(boxes, xy)
    order = np.lexsort((pair_box, pair_point))
    prepared = {}
    for done, (box, point) in enumerate(zip(pair_box[order].tolist(),
                                            pair_point[order].tolist())):
        if result[point] >= 0:
            continue
        if done % 4096 == 0 and cancelled():
            break
        polygon_index = present[box]
        test = prepared.get(polygon_index)
        if test is None:
            test = prepared[polygon_index] = prep(polygons[polygon_index])
        if test.intersects(Point(xy[point])):
            result[point] = polygon_index
    return result


# --- units as areas -----------------------------------------------------------------------

def unit_square(x: float, y: float, size: float) -> Polygon:
    """The square cell of ``size`` metres centred on (x, y), corners rounded to the
    junction precision so that the cells of a regular grid share their edges exactly."""
    digits = int(round(-np.log10(JUNCTION_PRECISION_M)))
    half = size / 2.0
    x0, y0, x1, y1 = (round(v, digits) for v in (x - half, y - half, x + half, y + half))
    return Polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


def _clip_nearer(ring: List[Tuple[float, float]], a: Tuple[float, float],
                 b: Tuple[float, float]) -> List[Tuple[float, float]]:
    """The part of convex ``ring`` (open vertex list) nearer to ``a`` than to ``b``."""
    nx, ny = a[0] - b[0], a[1] - b[1]
    mx, my = (a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0

    def side(p):
        return (p[0] - mx) * nx + (p[1] - my) * ny

    out = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        s_cur, s_prev = side(current), side(previous)
        if (s_cur >= 0) != (s_prev >= 0):
            t = s_prev / (s_prev - s_cur)
            out.append((previous[0] + t * (current[0] - previous[0]),
                        previous[1] + t * (current[1] - previous[1])))
        if s_cur >= 0:
            out.append(current)
    return out


def point_cells(xy: np.ndarray, cell_of: np.ndarray, others: np.ndarray, size: float
                ) -> List[Optional[Polygon]]:
    """Cells of the points ``xy[cell_of]``: the square of ``size`` centred on each, less
    the places nearer to a point of ``others`` whose square overlaps it.

    ``others`` are the indexes of the points that must stay outside (origins that are not
    deserts); a point at exactly the same place as one of them cannot be separated from it
    and keeps its whole square. Returns one polygon per entry of ``cell_of`` (None when the
    point has no coordinates).
    """
    reach = size - JUNCTION_PRECISION_M
    centres = xy[cell_of]
    boxes = np.column_stack([centres - reach, centres + reach])
    pair_cell, pair_other = box_point_pairs(boxes, xy[others])
    neighbours = {}
    for cell, other in zip(pair_cell.tolist(), others[pair_other].tolist()):
        neighbours.setdefault(cell, []).append(other)
    cells = []
    for row, (x, y) in enumerate(centres.tolist()):
        if not (np.isfinite(x) and np.isfinite(y)):
            cells.append(None)
            continue
        square = unit_square(x, y, size)
        if row not in neighbours:
            cells.append(square)
            continue
        ring = list(square.exterior.coords)[:-1]
        for other in neighbours[row]:
            b = (float(xy[other, 0]), float(xy[other, 1]))
            if b != (x, y):
                ring = _clip_nearer(ring, (x, y), b)
        cells.append(Polygon(ring) if len(ring) >= 3 else None)
    return cells


def unit_areas(shapes: Sequence[Optional[BaseGeometry]], xy: np.ndarray, is_desert: np.ndarray,
               unit_size: float) -> List[Optional[BaseGeometry]]:
    """The area of every desert unit (None for the others): polygons as they are, points
    as their cells (see ``point_cells``), points of a multi-point as the union of cells."""
    areas: List[Optional[BaseGeometry]] = [None] * len(shapes)
    desert = np.flatnonzero(is_desert)
    singles = [i for i in desert.tolist()
               if shapes[i] is not None and shapes[i].geom_type == "Point"]
    others = np.flatnonzero(~is_desert)
    for i, cell in zip(singles, point_cells(xy, np.array(singles, dtype=np.int64), others,
                                            unit_size)):
        areas[i] = cell
    for i in desert.tolist():
        shape = shapes[i]
        if shape is None or shape.is_empty or shape.geom_type == "Point":
            continue
        if shape.geom_type == "MultiPoint":
            areas[i] = unary_union([unit_square(p.x, p.y, unit_size) for p in shape.geoms])
        else:
            areas[i] = polygonal(shape)
    return areas


# --- deserts ------------------------------------------------------------------------------

@dataclass
class ScoredUnits:
    """The units of a scored layer, in the working CRS.

    ``n_missing`` and ``score`` are NaN where NULL: unreached origins, whose ``status`` is
    not 'ok', have NaN ``n_missing`` whatever the layer says. ``ok`` (units x kinds, NaN
    where NULL) is only known for origins. ``population`` is None without a population field.
    ``share`` (units x kinds, 0-100 %, NaN where NULL) is the share of each origin's people
    within reach of each kind, when the layer has it (polygon origins judged by area).
    ``apportioned`` units are pieces of areas, each holding its part of an area's people
    (the pieces of a population surface): a mask then only clips them (see
    ``find_deserts``).
    """

    shapes: List[Optional[BaseGeometry]]
    kinds: List[str]
    n_missing: np.ndarray
    missing: List[str]
    score: np.ndarray
    population: Optional[np.ndarray] = None
    ok: Optional[np.ndarray] = None
    share: Optional[np.ndarray] = None
    apportioned: bool = False

    @property
    def scored(self) -> np.ndarray:
        """Units that were scored (on the network): the only ones in deserts and shares."""
        return np.isfinite(self.n_missing)

    @property
    def people(self) -> np.ndarray:
        """People per unit (1 each without a population field)."""
        return self.population if self.population is not None else \
            np.ones(len(self.shapes))

    @property
    def within_reach(self) -> Optional[np.ndarray]:
        """(units x kinds) fraction 0-1 of each unit's people within reach of each kind:
        the share when known, else ``ok`` (a unit judged at one point is all in or all
        out); NaN where NULL, None when neither is known."""
        if self.share is not None:
            return np.asarray(self.share, dtype=float) / 100.0
        return self.ok


@dataclass
class Desert:
    """One contiguous desert and its summary (population None without a population field)."""

    geometry: BaseGeometry
    units: List[int]
    desert_id: int
    area_ha: float
    population: Optional[float]
    missing: str
    mean_score: Optional[float]
    rank: int = 0

    @property
    def n_units(self) -> int:
        return len(self.units)


def _nearest(geometries: Sequence[BaseGeometry], xy) -> int:
    """Index of the geometry nearest to the point ``xy``."""
    point = Point(xy)
    return int(np.argmin([g.distance(point) if g is not None else np.inf
                          for g in geometries]))


def dissolve(areas: Sequence[Optional[BaseGeometry]], xy: np.ndarray,
             mask: Optional[BaseGeometry] = None, cancelled: Callable[[], bool] = lambda: False
             ) -> List[Tuple[BaseGeometry, List[int]]]:
    """Dissolve unit areas into contiguous deserts, optionally clipped to ``mask``.

    ``areas[i]`` is the area of unit i (None: not in a desert) and ``xy[i]`` its point. The
    union is split into connected polygons and each unit belongs to the polygon holding its
    point. A polygon holding no unit's point (a detached part of a multi-part unit, or a
    piece of a unit the mask cut off from its point) joins the desert of the unit it is
    part of. Returns (geometry, unit indexes) per desert, in the order of their first unit;
    nothing once ``cancelled()`` is true.
    """
    usable = [i for i, area in enumerate(areas) if area is not None and not area.is_empty]
    if not usable:
        return []
    union = unary_union([areas[i] for i in usable])
    if mask is not None:
        union = union.intersection(mask)
    pieces = polygon_parts(union)
    if not pieces:
        return []
    points = np.asarray(xy, dtype=float)[usable]
    piece_of = locate_in_polygons(pieces, points, cancelled)
    if cancelled():  # stopped early: the unlocated units must not each search the nearest
        return []
    for row in np.flatnonzero(piece_of < 0).tolist():  # moved off by rounding: nearest
        piece_of[row] = _nearest(pieces, points[row])
    held = set(piece_of.tolist())
    group = {p: p for p in held}
    orphans = [p for p in range(len(pieces)) if p not in held]
    if orphans:
        usable_areas = [areas[i] for i in usable]
        inside = np.array([pieces[p].representative_point().coords[0] for p in orphans])
        rows = locate_in_polygons(usable_areas, inside, cancelled)
        if cancelled():
            return []
        for p, row, point in zip(orphans, rows.tolist(), inside):
            group[p] = int(piece_of[row if row >= 0 else _nearest(usable_areas, point)])
    units_of: dict = {}
    for row, piece in enumerate(piece_of.tolist()):
        units_of.setdefault(piece, []).append(usable[row])
    parts_of: dict = {}
    for p, piece in enumerate(pieces):
        parts_of.setdefault(group[p], []).append(piece)
    deserts = [(parts[0] if len(parts) == 1 else unary_union(parts), units_of[key])
               for key, parts in parts_of.items()]
    return sorted(deserts, key=lambda desert: desert[1][0])


def missing_across(missing: Sequence[str], kinds: Sequence[str]) -> str:
    """Kinds missing in any of the ``missing`` values, most often first (ties in the
    order of ``kinds``, then by name), comma-separated."""
    counts = Counter(name for text in missing for name in split_kinds(text))
    position = {kind: i for i, kind in enumerate(kinds)}
    ordered = sorted(counts, key=lambda k: (-counts[k], position.get(k, len(kinds)), k))
    return ",".join(ordered)


def mean_score(score: np.ndarray, population: Optional[np.ndarray]) -> Optional[float]:
    """Mean of the non-NULL scores: weighted by population when it is given and the
    people add up to more than 0, else a plain mean of the units; None when none."""
    score = np.asarray(score, dtype=float)
    known = np.isfinite(score)
    if not known.any():
        return None
    if population is not None:
        people = np.asarray(population, dtype=float)[known]
        if people.sum() > 0:
            return float(np.average(score[known], weights=people))
    return float(score[known].mean())


def rank_deserts(deserts: List[Desert]) -> None:
    """Set ``rank`` 1..n: most people first (largest area first without population), ties
    broken by larger area, then lower desert_id."""
    def key(desert: Desert):
        people = desert.population if desert.population is not None else 0.0
        return (-people, -desert.area_ha, desert.desert_id)
    for rank, desert in enumerate(sorted(deserts, key=key), start=1):
        desert.rank = rank


def find_deserts(units: ScoredUnits, min_missing: int, min_population: float,
                 unit_size: float = DEFAULT_UNIT_SIZE_M, mask: Optional[BaseGeometry] = None,
                 cancelled: Callable[[], bool] = lambda: False) -> List[Desert]:
    """The deserts of a scored layer, numbered in the order of their first unit and ranked.

    Desert units follow ``unit_is_desert``. With a ``mask``, the deserts are clipped to it
    and only units whose point lies in the mask count (their whole population). A desert's
    population is the sum over its units; ``mean_score`` is population-weighted (see
    ``mean_score``). Returns no deserts as soon as ``cancelled()`` is true.

    Apportioned units (``units.apportioned``: pieces holding parts of an area's people)
    follow the same rule, piece by piece (a piece with fewer than ``min_population``
    people is not in a desert); the mask only clips their drawn areas, since the pieces'
    people already live where the mask says.
    """
    check_min_missing(min_missing, units.kinds)
    xy = unit_points(units.shapes)
    is_desert = desert_flags(units.n_missing, units.population, min_missing, min_population)
    areas = unit_areas(units.shapes, xy, is_desert, unit_size)
    if mask is not None and not units.apportioned:
        candidates = np.flatnonzero(is_desert)
        inside = locate_in_polygons([mask], xy[candidates], cancelled) >= 0
        if cancelled():
            return []
        for i in candidates[~inside].tolist():
            areas[i] = None
    deserts = []
    for number, (geometry, members) in enumerate(dissolve(areas, xy, mask, cancelled),
                                                 start=1):
        people = None if units.population is None else units.population[members]
        deserts.append(Desert(
            geometry=geometry, units=members, desert_id=number,
            area_ha=geometry.area / 10000.0,
            population=None if people is None else float(people.sum()),
            missing=missing_across([units.missing[i] for i in members], units.kinds),
            mean_score=mean_score(units.score[members], people)))
    rank_deserts(deserts)
    return deserts
