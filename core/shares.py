"""Polygon origins judged by where their people live.

An output area, LSOA or grid cell lies partly within a kind's catchment: the share of its
people within reach is the share of its area inside the catchment polygon or, with a
residential mask (buildings, residential land use), the share of its part inside the mask.
An origin with no area in the mask still holds its people, so its whole area carries them
(it is counted in ``AreaOrigins.unmasked`` for a warning) rather than its people vanishing
from every total. A kind is reached by the majority rule (share >= 50 %), the score is the
weighted mean of the shares (``access.score_shares``). A polygon is unreached only when no
part of it lies within the snap distance of the network; its costs are still walked from
its point on surface (``locate_area_origins``). The population surface cuts each origin by
every kind's catchment and gives each piece its origin's people in proportion to the
piece's carried area (``population_surface``), so deserts drawn from it count people where
they live.

The geometry work is local. The catchment, the mask and the origins are cut into small
polygons (at most MAX_PIECE_VERTICES vertices each, by halving their box), a spatial index
(STRtree) pairs pieces whose boxes meet, and only those pairs are worked on: an origin
piece that the catchment holds whole counts its area outright, the rest are intersected
with the catchment pieces they pair with. Shapely 2 runs each step as one vectorised call;
shapely 1.8 loops over the pairs; both compute the same intersections.
"""

from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import shapely
from shapely.geometry import MultiLineString, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import clip_by_rect, unary_union
from shapely.prepared import prep
from shapely.validation import make_valid

from .access import (
    KindReach,
    Origins,
    Scores,
    cut_pieces,
    kind_reach,
    locate_origin_points,
    locate_origins,
    nearest_costs,
    point_shares,
    score_shares,
    search_kind,
    search_kinds,
)
from .attach import Seeds, locate_points
from .catchments import area_within
from .deserts import ScoredUnits
from .faces import network_faces
from .geometry import (
    SHAPELY_2,
    box_pairs,
    object_array,
    parallel_map,
    polygon_parts,
    polygonal,
    shapely_threads,
)
from .network import Network
from .slope import DirectedCosts
from .spatial import segment_index

# Pieces are cut until they hold at most this many vertices: intersecting two small
# polygons is fast, and a piece's box stays close to the piece.
MAX_PIECE_VERTICES = 256
# A piece whose box is smaller than this (metres) is not cut further.
MIN_PIECE_SIDE_M = 1.0
# Surface pieces (and the parts of an origin inside or outside a catchment) smaller than
# this many square metres are slivers where boundaries nearly coincide.
MIN_SURFACE_PIECE_M2 = 1.0
# The relative difference between a polygon's area and the sum of its halves' beyond
# which a cut is made again by a general intersection (rounding stays far below it).
_AREA_TOLERANCE = 1e-9
# Polygons handled one by one between two cancel checks.
_CANCEL_CHECK_EVERY = 1000

# Whether pairwise operations run as vectorised shapely 2 calls (else a loop over pairs,
# which shapely 1.8 needs and which gives the same results).
_VECTORISED = SHAPELY_2


# --- pairwise geometry, shapely 1.8 and 2.x alike --------------------------------------

def _holds(container: Sequence[BaseGeometry], contained: Sequence[BaseGeometry],
           pair_container: np.ndarray, pair_contained: np.ndarray) -> np.ndarray:
    """Per pair, whether the container holds the other whole (boundaries may touch)."""
    if not len(pair_container):
        return np.zeros(0, dtype=bool)
    if _VECTORISED:
        outer = object_array(container)
        shapely.prepare(outer)
        return shapely.covers(outer[pair_container],
                              object_array(contained)[pair_contained])
    prepared = {}
    result = np.zeros(len(pair_container), dtype=bool)
    for row, (i, j) in enumerate(zip(pair_container.tolist(), pair_contained.tolist())):
        test = prepared.get(i)
        if test is None:
            test = prepared[i] = prep(container[i])
        result[row] = test.covers(contained[j])
    return result


def pair_intersections(left: Sequence[BaseGeometry], right: Sequence[BaseGeometry],
                       pair_left: np.ndarray, pair_right: np.ndarray) -> List[BaseGeometry]:
    """``left[i] & right[j]`` for every pair (i, j)."""
    if _VECTORISED:
        return list(shapely.intersection(object_array(left)[pair_left],
                                         object_array(right)[pair_right]))
    return [left[i].intersection(right[j])
            for i, j in zip(pair_left.tolist(), pair_right.tolist())]


def _interiors_meet(geometries: Sequence[BaseGeometry], pair_left: np.ndarray,
                    pair_right: np.ndarray) -> np.ndarray:
    """Per pair, whether the two polygons overlap (share more than a boundary)."""
    if _VECTORISED:
        array = object_array(geometries)
        return np.asarray(shapely.relate_pattern(array[pair_left], array[pair_right],
                                                 "T********"), dtype=bool)
    return np.array([geometries[i].relate_pattern(geometries[j], "T********")
                     for i, j in zip(pair_left.tolist(), pair_right.tolist())], dtype=bool)


def _areas(geometries: Sequence[BaseGeometry]) -> np.ndarray:
    """Area of each geometry in square metres."""
    if _VECTORISED:
        return np.asarray(shapely.area(object_array(geometries)), dtype=float)
    return np.array([geometry.area for geometry in geometries], dtype=float)


def overlap_areas(left: Sequence[BaseGeometry], right: Sequence[BaseGeometry]
                  ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, area in m²) of every pair of ``left`` and ``right`` polygons that overlap.

    A pair where ``right[j]`` holds ``left[i]`` whole takes the area of ``left[i]``
    without an intersection; only the pairs on a boundary are intersected.
    """
    pair_left, pair_right = box_pairs(left, right)
    area = np.zeros(len(pair_left))
    whole = _holds(right, left, pair_right, pair_left)
    area[whole] = _areas(left)[pair_left[whole]]
    cut = np.flatnonzero(~whole)
    area[cut] = _areas(pair_intersections(left, right, pair_left[cut], pair_right[cut]))
    keep = area > 0
    return pair_left[keep], pair_right[keep], area[keep]


# --- cutting polygons into small pieces -------------------------------------------------

def _vertex_count(polygon: Polygon) -> int:
    """Vertices of a polygon, holes included."""
    return len(polygon.exterior.coords) + sum(len(ring.coords) for ring in polygon.interiors)


def _few_vertices(polygon: Polygon, max_vertices: int) -> bool:
    """Whether a polygon has at most ``max_vertices`` vertices. Its WKB (a 9-byte header,
    4 bytes per ring, at least 16 per vertex) bounds the count without reading the
    coordinates, which shapely 1.8 does slowly."""
    return (len(polygon.wkb) - 13) // 16 <= max_vertices or \
        _vertex_count(polygon) <= max_vertices


def subdivide(geometry: Optional[BaseGeometry], max_vertices: int = MAX_PIECE_VERTICES
              ) -> List[Polygon]:
    """Polygons that together are exactly the polygonal part of ``geometry``, each with at
    most ``max_vertices`` vertices (or a box under MIN_PIECE_SIDE_M): a polygon that
    has more is cut across the longer side of its box and each half cut again."""
    if geometry is None or geometry.is_empty:
        return []
    return _split_parts(polygon_parts(polygonal(geometry)), max_vertices)


def _split_parts(parts: List[Polygon], max_vertices: int = MAX_PIECE_VERTICES
                 ) -> List[Polygon]:
    """``subdivide`` for valid polygons."""
    result = []
    pending = list(parts)
    cut = False
    while pending:
        part = pending.pop()
        if _few_vertices(part, max_vertices):
            result.append(part)
            continue
        xmin, ymin, xmax, ymax = part.bounds
        if max(xmax - xmin, ymax - ymin) < MIN_PIECE_SIDE_M:
            result.append(part)
            continue
        if xmax - xmin >= ymax - ymin:
            middle = (xmin + xmax) / 2.0
            halves = (xmin, ymin, middle, ymax), (middle, ymin, xmax, ymax)
        else:
            middle = (ymin + ymax) / 2.0
            halves = (xmin, ymin, xmax, middle), (xmin, middle, xmax, ymax)
        pending += _halves(part, halves)
        cut = True
    # Only rectangle clipping makes invalid pieces: parts never cut are returned as given.
    return _repaired(result) if cut else result


def _halves(part: Polygon, halves: Sequence[Tuple[float, float, float, float]]
            ) -> List[Polygon]:
    """The polygons of ``part`` inside each of the two boxes that halve it. GEOS's
    rectangle clipping is several times faster than a general intersection on a polygon
    of a million vertices, but a boundary that runs a hair's breadth from a cut can leave
    it a wrong polygon; when the halves' areas do not add up to the part's, the part is
    cut by intersection instead."""
    pieces = [polygon_parts(clip_by_rect(part, *half)) for half in halves]
    area = sum(piece.area for half in pieces for piece in half)
    if abs(area - part.area) <= _AREA_TOLERANCE * part.area:
        return pieces[0] + pieces[1]
    return [piece for half in halves for piece in polygon_parts(part.intersection(box(*half)))]


def _repaired(polygons: List[Polygon]) -> List[Polygon]:
    """The polygons, each invalid one replaced by the polygons of its repair."""
    if _VECTORISED:
        valid = shapely.is_valid(object_array(polygons)).tolist()
    else:
        valid = [polygon.is_valid for polygon in polygons]
    if all(valid):
        return polygons
    return [piece for polygon, ok in zip(polygons, valid)
            for piece in ([polygon] if ok else polygon_parts(_valid_polygonal(polygon)))]


def disjoint_parts(geometries: Sequence[Optional[BaseGeometry]],
                   cancelled: Callable[[], bool] = lambda: False) -> List[Polygon]:
    """The union of the polygonal parts of ``geometries`` as polygons that do not overlap:
    each part minus the earlier parts it overlaps. Mask layers overlap (a building on a
    land-use polygon, a feature digitised twice) and must count their area once; this
    touches only the parts that overlap, which is much faster than one union of every
    building of a district. Incomplete once ``cancelled()`` is true."""
    parts = [part for geometry in geometries if geometry is not None and not geometry.is_empty
             for part in polygon_parts(_valid_polygonal(geometry))]
    pair_left, pair_right = box_pairs(parts, parts)
    later = pair_left > pair_right
    pair_left, pair_right = pair_left[later], pair_right[later]
    overlapping = _interiors_meet(parts, pair_left, pair_right)
    earlier: Dict[int, List[int]] = {}
    for part, other in zip(pair_left[overlapping].tolist(), pair_right[overlapping].tolist()):
        earlier.setdefault(part, []).append(other)
    result = []
    for index, part in enumerate(parts):
        if index % _CANCEL_CHECK_EVERY == 0 and cancelled():
            break
        if index in earlier:
            part = part.difference(unary_union([parts[i] for i in earlier[index]]))
        result += [piece for piece in polygon_parts(part) if piece.area > 0]
    return result


def _cut_all(polygons: Sequence[Optional[BaseGeometry]]) -> Tuple[List[Polygon], np.ndarray]:
    """Small pieces of every valid (multi)polygon (None: no pieces), and the index of the
    polygon each came from."""
    pieces, owner = [], []
    for index, polygon in enumerate(polygons):
        if polygon is None:
            continue
        parts = _split_parts(polygon_parts(polygon))
        pieces += parts
        owner += [index] * len(parts)
    return pieces, np.asarray(owner, dtype=np.int64)


# --- origins, masked -------------------------------------------------------------------

@dataclass
class AreaOrigins:
    """Polygon origins prepared for area shares (areas in square metres).

    ``polygons`` are the origins as valid (multi)polygons (None where an origin has no
    area: a point, a line, no geometry); ``outline`` are small polygons covering them,
    ``outline_origin`` the origin of each. ``carriers`` are small polygons covering where
    each origin's people live, ``carrier_origin`` the origin of each: its whole area, or
    its part inside the mask. ``unmasked`` marks origins that have area but none of it in
    the mask: their whole area carries their people.
    """

    polygons: List[Optional[BaseGeometry]]
    outline: List[Polygon]
    outline_origin: np.ndarray
    carriers: List[Polygon]
    carrier_origin: np.ndarray
    area: np.ndarray
    carried_area: np.ndarray
    unmasked: np.ndarray

    @property
    def count(self) -> int:
        return len(self.polygons)

    @property
    def has_area(self) -> np.ndarray:
        """Origins that are polygons with an area (the others have no share)."""
        return self.carried_area > 0


def _valid_polygonal(shape: BaseGeometry) -> BaseGeometry:
    """The polygonal part of a shape, repaired by make_valid when invalid: a self-crossing
    ring keeps all its lobes (a zero-width buffer would keep only some)."""
    if shape.geom_type == "Polygon" and shape.is_valid:
        return shape
    return polygonal(shape if shape.is_valid else make_valid(shape))


def _origin_polygon(shape: Optional[BaseGeometry]) -> Optional[BaseGeometry]:
    """The valid polygonal part of an origin, None when it has no area."""
    if shape is None or shape.is_empty or shape.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    polygon = _valid_polygonal(shape)
    return polygon if polygon.area > 0 else None


def area_origins(shapes: Sequence[Optional[BaseGeometry]],
                 mask: Optional[Sequence[BaseGeometry]] = None,
                 cancelled: Callable[[], bool] = lambda: False) -> AreaOrigins:
    """Prepare polygon origins: their small pieces, masked by the ``mask`` polygons when
    given (where mask polygons overlap, their area counts once). Incomplete once
    ``cancelled()`` is true: the caller discards it."""
    polygons = [_origin_polygon(shape) for shape in shapes]
    area = np.array([polygon.area if polygon is not None else 0.0 for polygon in polygons])
    outline, outline_origin = _cut_all(polygons)
    unmasked = np.zeros(len(polygons), dtype=bool)
    if mask is None:
        return AreaOrigins(polygons, outline, outline_origin, outline, outline_origin, area,
                           area.copy(), unmasked)
    mask_pieces = _split_parts(disjoint_parts(mask, cancelled))
    pair_outline, pair_mask = box_pairs(outline, mask_pieces)
    carriers, carrier_origin = [], []
    for outline_row, part in zip(pair_outline.tolist(),
                                 pair_intersections(outline, mask_pieces, pair_outline,
                                                    pair_mask)):
        for piece in polygon_parts(part):
            carriers.append(piece)
            carrier_origin.append(outline_origin[outline_row])
    carrier_origin = np.asarray(carrier_origin, dtype=np.int64)
    carried_area = np.bincount(carrier_origin, weights=_areas(carriers),
                               minlength=len(polygons))[:len(polygons)]
    unmasked = (area > 0) & (carried_area <= 0)
    fallback = np.flatnonzero(np.isin(outline_origin, np.flatnonzero(unmasked)))
    carriers += [outline[i] for i in fallback.tolist()]
    carrier_origin = np.concatenate([carrier_origin, outline_origin[fallback]])
    carried_area = np.where(unmasked, area, carried_area)
    return AreaOrigins(polygons, outline, outline_origin, carriers, carrier_origin, area,
                       carried_area, unmasked)


# --- shares ----------------------------------------------------------------------------

def area_shares(origins: AreaOrigins, catchment: BaseGeometry) -> np.ndarray:
    """Per origin, the share (0-100 %) of its people inside ``catchment``: its carried
    area inside over its carried area. NaN for origins without area.

    The catchment is cut into small pieces. A carrier whose box meets no piece's box is
    outside; one the catchment holds whole counts its area (one prepared test each,
    which settles the carriers of a catchment's interior); only the rest are intersected
    with the pieces their box meets."""
    carriers = origins.carriers
    pieces = subdivide(catchment)
    pair_carrier, pair_piece = box_pairs(carriers, pieces)
    near = np.unique(pair_carrier)
    held = np.zeros(len(carriers), dtype=bool)
    held[near] = _holds([catchment], carriers, np.zeros_like(near), near)
    inside_area = np.where(held, _areas(carriers), 0.0)
    cut = ~held[pair_carrier]
    pair_carrier, pair_piece = pair_carrier[cut], pair_piece[cut]
    inside_area += np.bincount(
        pair_carrier, weights=_areas(pair_intersections(carriers, pieces, pair_carrier,
                                                        pair_piece)),
        minlength=len(carriers))[:len(carriers)]
    inside = np.bincount(origins.carrier_origin, weights=inside_area,
                         minlength=origins.count)[:origins.count]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = 100.0 * inside / origins.carried_area
    return np.where(origins.has_area, np.clip(share, 0.0, 100.0), np.nan)


def origin_shares(area_share: np.ndarray, costs: np.ndarray, thresholds: Sequence[float]
                  ) -> np.ndarray:
    """(origins, kinds) shares 0-100 %: the area shares (a column per kind, NaN for
    origins without area), and for origins without area (a polygon collapsed to a line or
    a point) the judgement at their point from ``costs`` (metres) and ``thresholds``."""
    area_share = np.asarray(area_share, dtype=float)
    return np.where(np.isnan(area_share), point_shares(costs, thresholds), area_share)


# --- unreached polygons ----------------------------------------------------------------

def _near_network(network: Network, polygon: BaseGeometry, max_snap: float) -> bool:
    """Whether any part of ``polygon`` lies within ``max_snap`` metres of the network."""
    index = segment_index(network)
    xmin, ymin, xmax, ymax = polygon.bounds
    near = index.candidates_in_box(xmin - max_snap, ymin - max_snap, xmax + max_snap,
                                   ymax + max_snap)
    if not len(near):
        return False
    segments = MultiLineString([(tuple(index.start[s]), tuple(index.end[s]))
                                for s in near.tolist()])
    return polygon.distance(segments) <= max_snap


def locate_area_origins(network: Network, shapes: Sequence[Optional[BaseGeometry]],
                        max_snap: float, points: Optional[np.ndarray] = None) -> Origins:
    """Locate origins judged by area: each at its point on surface (points as they are),
    as ``locate_origins`` does, except that a polygon counts as reached when any part of
    it lies within ``max_snap`` metres of the network. Such a polygon whose point lies
    farther away is located at the network location nearest that point, and the straight
    gap is walked: a reached origin whose gap exceeds ``max_snap`` is one reached only by
    a part (worth a line in the log). Edge -1 marks the unreached. ``points`` are the
    shapes' points on surface when the caller has them already (``judged_points``)."""
    origins = locate_origins(network, shapes, max_snap) if points is None else \
        locate_origin_points(network, points, max_snap)
    rows, xy, bounds = [], [], []
    for row in np.flatnonzero(~origins.reached).tolist():
        polygon = _origin_polygon(shapes[row])
        if polygon is None or not _near_network(network, polygon, max_snap):
            continue
        point = polygon.representative_point()
        xmin, ymin, xmax, ymax = polygon.bounds
        rows.append(row)
        xy.append((point.x, point.y))
        # the point is no farther from the near part than the box's diagonal
        bounds.append(max_snap + float(np.hypot(xmax - xmin, ymax - ymin)))
    if rows:
        edge, offset, gap = locate_points(network, np.asarray(xy), max(bounds))
        origins.edge[rows], origins.offset[rows], origins.gap[rows] = edge, offset, gap
    return origins


# --- scoring polygon origins -----------------------------------------------------------

@dataclass
class AreaScores:
    """Polygon origins scored by area share: ``origins`` located (edge -1: unreached),
    ``costs`` (origins, kinds) metres from each point on surface to the nearest asset (inf
    beyond the kind's bound), ``scores`` from the shares, each kind's merged ``catchments``
    polygon (for the surface) and the prepared ``area`` origins."""

    origins: Origins
    costs: np.ndarray
    scores: Scores
    catchments: List[BaseGeometry]
    area: AreaOrigins


def score_by_area(network: Network, shapes: Sequence[Optional[BaseGeometry]],
                  seeds: Sequence[Seeds], thresholds: Sequence[float],
                  bounds: Sequence[float], weights: Sequence[float], names: Sequence[str],
                  trim: float, max_snap: float, mask: Optional[Sequence[BaseGeometry]] = None,
                  cancelled: Callable[[], bool] = lambda: False,
                  progress: Callable[[float], None] = lambda fraction: None,
                  origins: Optional[Origins] = None,
                  costs: Optional[DirectedCosts] = None,
                  kind_costs: Optional[Sequence[np.ndarray]] = None) -> Optional[AreaScores]:
    """Score origins by the share of their (masked) area within each kind's catchment.

    ``seeds[k]`` are kind k's assets on the network, ``thresholds[k]`` its reach and
    ``bounds[k]`` how far its costs are searched (metres); ``trim`` is how far either side
    of a reached street the catchment reaches, ``max_snap`` the snap distance (metres).
    One search and one catchment polygon per kind. Origins without area (points) are
    judged at their point. ``origins`` are the shapes as ``locate_area_origins`` locates
    them, when the caller has done so already, and ``kind_costs`` each kind's node costs
    (``search_for_area_shares``). With directed ``costs`` (slopes), every walk is from the
    origin to the asset. Returns None when cancelled.
    """
    if origins is None:
        origins = locate_area_origins(network, shapes, max_snap)
    area = area_origins(shapes, mask, cancelled)

    def searched() -> Iterator[Tuple[int, KindReach]]:
        """Each kind's search (with ``kind_costs``, only its parts within the threshold),
        one after another on the calling thread (a fraction of a kind's drawing), while the
        kinds searched before are drawn on the threads."""
        for kind in range(len(seeds)):
            if cancelled():
                return
            if kind_costs is None:
                yield kind, search_kind(network, seeds[kind], thresholds[kind], bounds[kind],
                                        costs)
            else:
                yield kind, kind_reach(network, kind_costs[kind], seeds[kind],
                                       thresholds[kind], costs)

    def judge(searched_kind: Tuple[int, KindReach]
              ) -> Tuple[np.ndarray, BaseGeometry, np.ndarray]:
        """A searched kind's costs, merged catchment and area shares."""
        kind, reach = searched_kind
        found = nearest_costs(network, reach.node_cost, seeds[kind], origins, bounds[kind],
                              costs)
        catchment = area_within(network, reach.within, thresholds[kind], trim,
                                cancelled=cancelled)
        return found, catchment, area_shares(area, catchment)

    if cancelled():
        return None
    with shapely_threads(1) as tracer:
        if kind_costs is None:
            # the faces every catchment needs are traced while the first kind is searched
            tracer.submit(network_faces, network)
        # the kinds are drawn side by side: one's Python steps while another's polygons
        # are in GEOS
        judged = parallel_map(judge, searched(), cancelled, progress)
    if judged is None or cancelled():
        return None
    found = np.full((len(shapes), len(seeds)), np.inf)
    shares = np.full((len(shapes), len(seeds)), np.nan)
    for kind, (kind_found, _, kind_shares) in enumerate(judged):
        found[:, kind], shares[:, kind] = kind_found, kind_shares
    scores = score_shares(origin_shares(shares, found, thresholds), weights, names)
    return AreaScores(origins, found, scores, [catchment for _, catchment, _ in judged], area)


def search_for_area_shares(network: Network, seeds: Sequence[Seeds], bounds: Sequence[float],
                           costs: Optional[DirectedCosts] = None,
                           cancelled: Callable[[], bool] = lambda: False
                           ) -> Optional[List[np.ndarray]]:
    """The work of ``score_by_area`` that needs no origins, so that it can run while they
    are read: the network's faces (every catchment is drawn with them) and each kind's
    node costs (``kind_costs``), searched to ``bounds[k]`` metres. None when cancelled."""
    if cancelled():
        return None
    network_faces(network)
    reaches = search_kinds(network, seeds, bounds, costs, cancelled=cancelled)
    return None if reaches is None else [reach.node_cost for reach in reaches]


# --- the population surface ------------------------------------------------------------

@dataclass
class SurfacePiece:
    """A polygon of one origin inside the catchments of the kinds ``inside`` (indexes) and
    outside the others, with its share of the origin's people."""

    geometry: BaseGeometry
    inside: Tuple[int, ...]
    origin: int
    population: float


def _parts_within(origins: AreaOrigins, catchment: BaseGeometry) -> Dict[int, List[Polygon]]:
    """origin -> the polygons where it meets ``catchment`` (they do not overlap)."""
    pieces = subdivide(catchment)
    pair_outline, pair_piece = box_pairs(origins.outline, pieces)
    whole = _holds(pieces, origins.outline, pair_piece, pair_outline)
    cut = np.flatnonzero(~whole)
    within: Dict[int, List[Polygon]] = {}
    for row in pair_outline[whole].tolist():
        within.setdefault(int(origins.outline_origin[row]), []).append(origins.outline[row])
    for row, part in zip(pair_outline[cut].tolist(), pair_intersections(
            origins.outline, pieces, pair_outline[cut], pair_piece[cut])):
        parts = [p for p in polygon_parts(part) if p.area > 0]
        if parts:
            within.setdefault(int(origins.outline_origin[row]), []).extend(parts)
    return within


def _split_origin(polygon: BaseGeometry, within: Sequence[Optional[List[Polygon]]]
                  ) -> List[Tuple[BaseGeometry, Tuple[int, ...]]]:
    """An origin's polygon cut by each kind's catchment: (part, kinds it is inside)."""
    area = polygon.area
    parts = [(polygon, ())]
    for kind, inside_parts in enumerate(within):
        if not inside_parts:
            continue
        # the parts come from disjoint pieces, so their areas add up
        if area - sum(inside_part.area for inside_part in inside_parts) < \
                MIN_SURFACE_PIECE_M2:
            parts = [(part, kinds + (kind,)) for part, kinds in parts]
            continue
        parts = cut_pieces(parts, unary_union(inside_parts), kind, MIN_SURFACE_PIECE_M2)
    return parts


def _carried(origins: AreaOrigins, origin: int, parts: Sequence[BaseGeometry],
             carrier_rows: np.ndarray) -> np.ndarray:
    """Area (m²) of each part of ``origin`` that carries people."""
    if not origins.unmasked[origin] and len(carrier_rows) and \
            origins.carried_area[origin] < origins.area[origin]:
        carriers = [origins.carriers[i] for i in carrier_rows.tolist()]
        pair_part, _, area = overlap_areas(list(parts), carriers)
        return np.bincount(pair_part, weights=area, minlength=len(parts))[:len(parts)]
    return _areas(parts)


def population_surface(origins: AreaOrigins, catchments: Sequence[BaseGeometry],
                       population: Optional[np.ndarray] = None,
                       include: Optional[np.ndarray] = None,
                       cancelled: Callable[[], bool] = lambda: False) -> List[SurfacePiece]:
    """The origins cut by every kind's catchment into single polygons, each piece with its
    origin's people apportioned by carried area: population x piece's carried area / the
    carried area of all the origin's pieces (so an origin's pieces hold exactly its
    people; pieces smaller than MIN_SURFACE_PIECE_M2 are slivers and left out).

    ``population`` is people per origin (None: every origin holds one person); only the
    origins in ``include`` (bool, default all) are cut, so that unreached origins can be
    left out. Returns no pieces once ``cancelled()`` is true.
    """
    people = np.ones(origins.count) if population is None else \
        np.asarray(population, dtype=float)
    chosen = origins.has_area if include is None else \
        origins.has_area & np.asarray(include, dtype=bool)
    within = []
    for catchment in catchments:
        if cancelled():
            return []
        within.append(_parts_within(origins, catchment))
    order = np.argsort(origins.carrier_origin, kind="stable")
    starts = np.searchsorted(origins.carrier_origin[order], np.arange(origins.count + 1))
    result = []
    for done, origin in enumerate(np.flatnonzero(chosen).tolist()):
        if done % _CANCEL_CHECK_EVERY == 0 and cancelled():
            return []
        # one polygon per piece, so that a piece's people stay with the place it covers
        parts = [(polygon, kinds) for part, kinds in
                 _split_origin(origins.polygons[origin], [w.get(origin) for w in within])
                 for polygon in polygon_parts(part)]
        if len(parts) == 1:
            carried = np.ones(1)
        else:
            carried = _carried(origins, origin, [part for part, _ in parts],
                               order[starts[origin]:starts[origin + 1]])
            if carried.sum() <= 0:
                carried = _areas([part for part, _ in parts])
        for (part, kinds), weight in zip(parts, (carried / carried.sum()).tolist()):
            result.append(SurfacePiece(part, kinds, origin, float(people[origin] * weight)))
    return result


def surface_units(pieces: Sequence[SurfacePiece], names: Sequence[str]) -> ScoredUnits:
    """The surface pieces as apportioned units of the desert rule: each misses the kinds
    whose catchment it lies outside, and holds its apportioned people."""
    missing = [",".join(name for k, name in enumerate(names) if k not in piece.inside)
               for piece in pieces]
    return ScoredUnits(
        shapes=[piece.geometry for piece in pieces], kinds=list(names),
        n_missing=np.array([len(names) - len(piece.inside) for piece in pieces], dtype=float),
        missing=missing, score=np.full(len(pieces), np.nan),
        population=np.array([piece.population for piece in pieces], dtype=float),
        apportioned=True)
