"""What a run reads from its layers, in the working CRS, with the log a user needs: the
network, the origins, facility layers attached to the network, the scored units of an
access score output and polygon layers.

These are methods of the base algorithm: they read the run's state (``self.settings``,
``self.network``, ``self.crs``, ``self.context``, ``self.feedback``) instead of taking it
as arguments.
"""

import math
from dataclasses import dataclass
from itertools import islice
from typing import List, Optional, Tuple

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsRectangle,
    QgsWkbTypes,
)
from shapely.geometry import Point
from shapely.ops import unary_union

from ..core import definitions as d
from ..core import fields as f
from ..core.access import Origins, locate_origin_points
from ..core.attach import Attachment, attach_geometries
from ..core.deserts import INPUT_ORIGINS, ScoredUnits, check_min_missing, split_kinds
from ..core.errors import InputError
from ..core.geometry import polygonal
from ..core.network import Network, build_network
from ..core.profile import as_number, check_population
from ..core.shares import locate_area_origins
from ..core.slope import edge_costs_with_slope, straight_gaps
from ..core.topology import join_near_ends, on_small_component
from .fast_read import OgrFile, read_file_points
from .layers import (
    as_text,
    features,
    geometry_kind,
    leave_out_strays,
    read_lines,
    read_sites,
    report_strays,
    stray_rows,
    to_shapely,
    tr,
    working_crs,
)
from .qgis_compat import GEOMETRY_POINT, GEOMETRY_POLYGON, WKB_MULTIPOINT, WKB_POINT

# Origins are read and written ORIGIN_CHUNK features at a time: a national run has
# millions, and a QgsFeature or a shapely geometry held per origin costs hundreds of
# bytes where the engine needs a few numbers.
ORIGIN_CHUNK = 50_000


@dataclass
class Sites:
    """A layer's features as the engine sees them: shapes, ids and how they attached."""

    shapes: List[object]
    ids: List[object]
    attachment: Attachment

    @property
    def seeds(self):
        return self.attachment.seeds


@dataclass
class OriginLayer:
    """Origins in the working CRS: their feature ids in reading order, the point each is
    judged at, where they meet the network, and people. No feature is held: the output is
    written in a second pass over ``source`` (``write_over_origins``)."""

    source: object
    fids: np.ndarray  # feature ids, in the order read
    points: np.ndarray  # (n, 2) point judged at (strays too); NaN without geometry
    origins: Origins
    population: Optional[np.ndarray]
    # shapely geometries (None without geometry or left out as strays) when kept, else None
    shapes: Optional[list]

    @property
    def weights(self) -> np.ndarray:
        """People per origin (1 each without a population field)."""
        return self.population if self.population is not None else \
            np.ones(len(self.fids))


@dataclass
class OriginRows:
    """What the engine needs of each origin, as read: feature id, the point it is judged at
    and its bounding box (NaN without geometry), people (with a population field) and, when
    asked for, its shapely geometry."""

    fids: np.ndarray
    points: np.ndarray
    boxes: np.ndarray
    population: Optional[np.ndarray]
    shapes: Optional[list]


def point_xy(geometry: QgsGeometry) -> Optional[Tuple[float, float]]:
    """(x, y) of a point, or of a multipoint of one point, read without shapely; None for
    any other geometry (or coordinates that are not finite), which shapely reads."""
    flat = QgsWkbTypes.flatType(geometry.wkbType())
    point = geometry.constGet()
    if flat == WKB_MULTIPOINT and point.numGeometries() == 1:
        point = point.geometryN(0)
    elif flat != WKB_POINT:
        return None
    x, y = point.x(), point.y()
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


def people(value) -> float:
    """A population field value as a number of people: NULL, text and non-finite are 0."""
    number = float(value) if isinstance(value, (int, float)) else 0.0
    return number if math.isfinite(number) else 0.0


def read_origin_rows(source, crs, context, population_field: str, keep_shapes: bool,
                     file: Optional[OgrFile] = None) -> OriginRows:
    """Every origin of ``source`` in ``crs``, ORIGIN_CHUNK features at a time, each chunk
    turned into arrays so that no Python object is held per origin (but its shape, when
    ``keep_shapes``). Points and one-point multipoints are judged as they are, anything
    else at a point on its surface (as ``locate_origins`` does). A layer of points that
    is a plain file layer in ``crs`` (``file``) is read from its file (fast_read.py)."""
    if file is not None and file.crs == crs and not keep_shapes:
        found = read_file_points(file, population_field)
        if found is not None:
            fids, points, population = found
            return OriginRows(fids, points, np.hstack([points, points]), population, None)
    request = QgsFeatureRequest()
    field = source.fields().lookupField(population_field) if population_field else -1
    request.setSubsetOfAttributes([field] if field >= 0 else [])
    found = {name: [] for name in _ORIGIN_COLUMNS}
    shapes = [] if keep_shapes else None
    chunk = {name: [] for name in _ORIGIN_COLUMNS}
    for feature in features(source, crs, context, request):
        _add_origin(chunk, shapes, feature, field)
        if len(chunk["fids"]) >= ORIGIN_CHUNK:
            _close_chunk(found, chunk)
    _close_chunk(found, chunk)
    return OriginRows(np.concatenate(found["fids"]), np.concatenate(found["points"]),
                      np.concatenate(found["boxes"]),
                      np.concatenate(found["population"]) if field >= 0 else None, shapes)


def _add_origin(chunk: dict, shapes: Optional[list], feature, field: int) -> None:
    """Append one feature's id, point, box, people and (to ``shapes``) shape to ``chunk``."""
    geometry = feature.geometry()
    xy = shape = None
    if not (geometry.isNull() or geometry.isEmpty()):
        xy = point_xy(geometry)
        if xy is None:
            shape = to_shapely(geometry)
        elif shapes is not None:
            shape = Point(xy)
    if xy is not None:
        box = (*xy, *xy)
    elif shape is not None:
        point = shape.representative_point()
        xy, box = (point.x, point.y), shape.bounds
    else:
        xy, box = (np.nan, np.nan), (np.nan,) * 4
    chunk["fids"].append(feature.id())
    chunk["points"].append(xy)
    chunk["boxes"].append(box)
    if field >= 0:
        chunk["population"].append(people(feature.attribute(field)))
    if shapes is not None:
        shapes.append(shape)


# What each origin adds to each array of OriginRows: (type, shape)
_ORIGIN_COLUMNS = {"fids": (np.int64, ()), "points": (float, (2,)), "boxes": (float, (4,)),
                   "population": (float, ())}


def _close_chunk(found: dict, chunk: dict) -> None:
    """Move a chunk's lists into ``found`` as arrays and empty them."""
    for name, values in chunk.items():
        dtype, shape = _ORIGIN_COLUMNS[name]
        found[name].append(np.array(values, dtype=dtype).reshape((-1,) + shape))
        values.clear()


def facilities_on_islands(network: Network, attachment: Attachment) -> np.ndarray:
    """Rows whose every seed lies on a component holding less than SMALL_COMPONENT_SHARE
    of the network's length."""
    seeds = attachment.seeds
    if not len(seeds):
        return np.zeros(0, dtype=np.int64)
    on_island = on_small_component(network, seeds.edge, d.SMALL_COMPONENT_SHARE)
    rows = np.unique(seeds.facility)
    mainland = np.unique(seeds.facility[~on_island])
    return np.setdiff1d(rows, mainland)


def _numbers(values) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


class LayerReaders:
    """Reading layers into the engine's terms during a run."""

    # --- the network ------------------------------------------------------------------

    def load_network(self, with_lines: bool = False) -> None:
        """``self.network`` (the walkable graph) and ``self.crs`` (the working CRS); the
        joined input lines too, as ``self.lines``, when ``with_lines``."""
        feedback, settings = self.feedback, self.settings
        self.crs = working_crs(self.network_sources[0][0], self.context)
        feedback.pushInfo(tr("Working CRS: {crs}").format(crs=self.crs.authid()))
        with self.stage(tr("read network")):
            lines, stats = read_lines(self.network_sources, self.crs, self.context, settings,
                                      feedback, self.network_files)
        self.log_network_reading(stats)
        self.stop_if_cancelled()
        tolerance = settings.connect_tolerance_m
        with self.stage(tr("build graph")):
            lines, joins = join_near_ends(lines, tolerance)
            self.stop_if_cancelled()
            self.network = build_network(lines)
        if tolerance > 0:
            feedback.pushInfo(tr("Line ends joined to a line within {tolerance:g} m: {count}.")
                              .format(count=len(joins), tolerance=tolerance))
        self.stop_if_cancelled()
        if self.network.edge_count == 0:
            raise QgsProcessingException(tr(
                "The network has no walkable lines left ({read} features read): check the "
                "layer, the walkability preset and NETWORK_FILTER.").format(read=stats["read"]))
        feedback.pushInfo(tr("Network: {edges} edges between {nodes} junctions, "
                             "{km:.1f} km.").format(
            edges=self.network.edge_count, nodes=self.network.node_count,
            km=self.network.edge_length.sum() / 1000.0))
        if with_lines:
            self.lines = lines
        with self.stage(tr("build graph")):
            self.costs = self.slope_costs()

    def slope_costs(self):
        """The directed walking costs over ``self.dem`` (read in ``prepareAlgorithm``), or
        None when walks are on the flat; the log says which DEM, how much of the network
        lies on it, and why a DEM given is ignored."""
        feedback = self.feedback
        if getattr(self, "dem_ignored", ""):
            feedback.pushInfo(self.dem_ignored)
        dem = getattr(self, "dem", None)
        if dem is None:
            return None
        feedback.pushInfo(tr("Ground heights: DEM \"{name}\" ({crs}), slope factor "
                             "{factor:g}.").format(name=dem.name, crs=dem.crs.authid(),
                                                   factor=self.settings.slope_factor))
        if dem.coarser > 1:
            feedback.pushWarning(tr(
                "The DEM under the network is larger than {cells:,} cells: it was read "
                "{factor} times coarser.").format(cells=d.MAX_DEM_CELLS, factor=dem.coarser))
        if dem.grid is None:
            feedback.pushWarning(tr(
                "DEM \"{name}\" does not cover the network: every walk is on the flat.")
                .format(name=dem.name))
            return None
        try:
            costs = edge_costs_with_slope(self.network, dem.grid, self.settings.slope_factor,
                                          to_grid=self.to_dem)
        except InputError as error:
            self.raise_input_error(error)
        coverage = costs.coverage
        line = tr("Network on the DEM: {share:.0f}%; {km:.1f} km walked as flat (off the DEM "
                  "or no data).").format(share=100.0 * coverage.share_on_dem,
                                         km=coverage.flat_length_m / 1000.0)
        if coverage.share_on_dem < 1.0 - 1e-9 and coverage.flat_length_m > 0.5:
            feedback.pushWarning(line)
        else:
            feedback.pushInfo(line)
        return costs

    def log_straight_gaps(self, name: str, gap) -> None:
        """With slopes: how many points of layer ``name`` walk a straight gap to the
        network, which is walked as flat."""
        if getattr(self, "costs", None) is None:
            return
        count, metres = straight_gaps(gap)
        if count:
            self.feedback.pushInfo(tr(
                "{name}: straight gaps to the network walked as flat: {count} points, "
                "{metres:,.0f} m in all.").format(name=name, count=count, metres=metres))

    def log_network_reading(self, stats: dict) -> None:
        feedback = self.feedback
        for name, preset in stats["presets"]:
            feedback.pushInfo(tr("Network layer \"{name}\": walkability preset {preset}.")
                              .format(name=name, preset=tr(preset)))
        for reason, count in sorted(stats["dropped"].items()):
            feedback.pushInfo(tr("  features left out ({reason}): {count}")
                              .format(count=count, reason=reason))
        if stats["filtered"]:
            feedback.pushInfo(tr("  features left out by NETWORK_FILTER: {count}")
                              .format(count=stats["filtered"]))
        if stats["no_geometry"]:
            feedback.pushWarning(tr("  network features without geometry: {count}")
                                 .format(count=stats["no_geometry"]))

    # --- origins ----------------------------------------------------------------------

    def read_origins(self, keep_shapes: bool = False) -> OriginLayer:
        """The origins (``self.origins_source``) located on the network, with their feature
        ids and people, read ORIGIN_CHUNK features at a time. Polygon origins judged by area
        (``self.by_area``) are reached when any part of them lies within the snap distance;
        their shapes are kept, and those of any origins when ``keep_shapes``."""
        feedback, settings, network = self.feedback, self.settings, self.network
        by_area = self.by_area
        with self.stage(tr("read origins")):
            rows = read_origin_rows(self.origins_source, self.crs, self.context,
                                    self.population_field, by_area or keep_shapes,
                                    self.origins_file)
        if not len(rows.fids):
            raise QgsProcessingException(tr("The origins layer \"{name}\" has no features.")
                                         .format(name=self.origins_name))
        strays = stray_rows(rows.boxes)
        report_strays(strays, rows.fids, self.origins_name, feedback)
        shapes = rows.shapes
        if shapes is not None:
            for row in strays:
                shapes[row] = None
        judged = rows.points.copy()
        judged[strays] = np.nan
        with self.stage(tr("attach")):
            if by_area:
                origins = locate_area_origins(network, shapes, settings.max_snap_m, judged)
            else:
                origins = locate_origin_points(network, judged, settings.max_snap_m)
        population = rows.population
        if population is not None:
            self.check_population(population, rows.fids, self.origins_name)
        no_geometry = int(np.count_nonzero(np.isnan(rows.points[:, 0])))
        unreached = int(np.count_nonzero(~origins.reached)) - no_geometry
        feedback.pushInfo(tr("Origins: {count} read, {unreached} farther than {snap:g} m from "
                             "the network (status 'unreached').").format(
            count=len(rows.fids), unreached=unreached, snap=settings.max_snap_m))
        self.log_straight_gaps(self.origins_name, origins.gap)
        if no_geometry:
            feedback.pushWarning(tr("Origins without geometry (status 'unreached'): {count}.")
                                 .format(count=no_geometry))
        by_part = int(np.count_nonzero(origins.reached & (origins.gap > settings.max_snap_m)))
        if by_area and by_part:
            feedback.pushInfo(tr(
                "Polygon origins whose point on surface is farther than {snap:g} m from the "
                "network but some part of them is not: {count}; their costs are walked from "
                "that point.").format(count=by_part, snap=settings.max_snap_m))
        stranded = int(np.count_nonzero(on_small_component(
            network, origins.edge[origins.reached], d.SMALL_COMPONENT_SHARE)))
        if stranded:
            feedback.pushWarning(tr(
                "Origins joining the network only on a small disconnected part (less than "
                "{share:.0f}% of its length), so reaching little: {count}. Check the network "
                "with 'Check the network', or raise CONNECT_TOLERANCE.").format(
                    count=stranded, share=100 * d.SMALL_COMPONENT_SHARE))
        return OriginLayer(self.origins_source, rows.fids, rows.points, origins, population,
                           shapes)

    def write_over_origins(self, sink, fields, kept, values) -> bool:
        """Write every origin of ``self.origin_layer`` with its attributes at ``kept``, its
        geometry and its added values, re-reading the origins ORIGIN_CHUNK features at a
        time in the order first read; ``values(rows)`` gives the lists of added values of
        the slice ``rows``. False when cancelled."""
        layer = self.origin_layer
        iterator = iter(features(layer.source, self.crs, self.context))
        for start in range(0, len(layer.fids), ORIGIN_CHUNK):
            rows = slice(start, min(start + ORIGIN_CHUNK, len(layer.fids)))
            chunk = list(islice(iterator, rows.stop - rows.start))
            self.check_same_origins([feature.id() for feature in chunk], layer.fids[rows])
            if not self.write_over(sink, fields, kept, chunk, values(rows),
                                   read_for_this=True):
                return False
        self.check_same_origins([feature.id() for feature in islice(iterator, 1)], [])
        return True

    def check_same_origins(self, fids, expected) -> None:
        """The origins read again must be those first read, in the same order: a layer
        edited during the run is an error naming it."""
        if list(fids) != list(expected):
            raise QgsProcessingException(tr(
                "The origins layer \"{name}\" changed while the run read it: run it again "
                "once the layer is saved.").format(name=self.origins_name))

    def read_residential_mask(self, shapes) -> Optional[list]:
        """The polygons of RESIDENTIAL_MASK (``self.mask_source``) in ``self.crs`` that
        lie within the extent of ``shapes`` (the origins); None without a mask or when
        cancelled. A mask holding no polygons there is an error naming it."""
        if self.mask_source is None:
            return None
        boxes = [shape.bounds for shape in shapes if shape is not None]
        if not boxes:
            return None
        xmin, ymin = min(b[0] for b in boxes), min(b[1] for b in boxes)
        xmax, ymax = max(b[2] for b in boxes), max(b[3] for b in boxes)
        request = QgsFeatureRequest().setFilterRect(QgsRectangle(xmin, ymin, xmax, ymax))
        mask = []
        for feature in features(self.mask_source, self.crs, self.context, request):
            if self.feedback.isCanceled():
                return None
            shape = to_shapely(feature.geometry())
            if shape is not None and shape.geom_type in ("Polygon", "MultiPolygon"):
                mask.append(shape)
        if not mask:
            raise QgsProcessingException(tr(
                "RESIDENTIAL_MASK \"{layer}\" holds no polygons where the origins are: give "
                "buildings or residential areas covering them, or leave it empty.").format(
                    layer=self.mask_name))
        self.feedback.pushInfo(tr("Residential mask \"{layer}\": {count} polygons where the "
                                  "origins are.").format(layer=self.mask_name,
                                                         count=len(mask)))
        return mask

    def check_population(self, population, ids, layer_name: str) -> None:
        """Negative numbers of people are an error naming the field, the layer and a few
        feature ids."""
        try:
            check_population(population, ids, self.population_field, layer_name)
        except InputError as error:
            self.raise_input_error(error)

    # --- facilities -------------------------------------------------------------------

    def attach_sites(self, source, name: str, role: str, id_field: Optional[str] = None,
                     required: bool = True) -> Sites:
        """Read ``source`` (called ``name`` in messages, ``role`` says what it holds),
        attach its features to ``self.network`` and log how many attached and why not.

        If ``required``, raises a Processing error naming the layer when it is empty or
        nothing attaches; otherwise an empty layer is logged as a warning and gives no
        sites.
        """
        feedback, snap = self.feedback, self.settings.max_snap_m
        if QgsWkbTypes.geometryType(source.wkbType()) not in (GEOMETRY_POINT,
                                                              GEOMETRY_POLYGON):
            raise QgsProcessingException(tr(
                "The layer \"{name}\" ({role}) holds {kind}: give a layer of points or "
                "polygons.").format(name=name, role=role, kind=geometry_kind(source)))
        shapes, ids = read_sites(source, self.crs, self.context, id_field)
        if not shapes:
            empty = tr("The layer \"{name}\" ({role}) has no features.").format(name=name,
                                                                               role=role)
            if required:
                raise QgsProcessingException(empty)
            feedback.pushWarning(empty)
            return Sites(shapes, ids, Attachment.empty())
        shapes, strays = leave_out_strays(shapes, ids, name, feedback)
        with self.stage(tr("attach")):
            attachment = attach_geometries(self.network, shapes, snap)
        no_geometry = sum(shape is None for shape in shapes) - strays
        too_far = int(np.count_nonzero(~attachment.attached)) - no_geometry
        feedback.pushInfo(tr("{name}: {role} attached to the network: {attached} of {total}.")
                          .format(name=name, attached=int(attachment.attached.sum()),
                                  total=len(shapes), role=role))
        self.log_straight_gaps(name, attachment.gap)
        if no_geometry:
            feedback.pushWarning(tr("{name}: features without geometry, skipped: {count}.")
                                 .format(name=name, count=no_geometry))
        if too_far:
            examples = [str(ids[i]) for i in np.flatnonzero(~attachment.attached)
                        if shapes[i] is not None][:10]
            feedback.pushWarning(tr(
                "{name}: features farther than {snap:g} m from the network, skipped: {count} "
                "(for example {examples}).").format(
                    name=name, count=too_far, snap=snap, examples=", ".join(examples)))
        islands = facilities_on_islands(self.network, attachment)
        if len(islands):
            feedback.pushWarning(tr(
                "{name}: features joining the network only on a small disconnected part (less "
                "than {share:.0f}% of its length), whose catchments stay small: {count} (for "
                "example {examples}). Check the network with 'Check the network', or raise "
                "CONNECT_TOLERANCE.").format(
                    name=name, count=len(islands), share=100 * d.SMALL_COMPONENT_SHARE,
                    examples=", ".join(str(ids[i]) for i in islands[:10])))
        if required and not attachment.attached.any():
            raise QgsProcessingException(tr(
                "No feature of \"{name}\" ({role}) lies within {snap:g} m of the network: "
                "check that the layer covers the same area as the network, or raise "
                "MAX_SNAP_DISTANCE.").format(name=name, role=role, snap=snap))
        return Sites(shapes, ids, attachment)

    # --- scored units -----------------------------------------------------------------

    def log_scored_limits(self) -> None:
        """Say which reach threshold each kind of the scored layer was judged by (its K_limit
        fields), or that the layer does not record them."""
        if not self.scored_limits:
            self.feedback.pushInfo(tr(
                "The scored layer does not record its reach thresholds (no K_limit fields): "
                "make it again with \"Multi-asset access score\" to have them stated."))
            return
        unit = tr("m") if self.scored_unit == d.COST_TYPE_NAMES[d.COST_DISTANCE] else tr("min")
        self.feedback.pushInfo(tr("Judged by the reach thresholds of the access score: "
                                  "{limits}.").format(limits=", ".join(
                                      f"{kind} {value:g} {unit}"
                                      for kind, value in self.scored_limits.items())))

    def read_scored_units(self) -> ScoredUnits:
        """The scored layer (checked by ``read_scored_input_parameters``) as scored units
        in ``self.crs``, with each kind's share of the origins' people when the layer has
        ``K_share`` fields; the pieces of a surface with a population field are apportioned
        units. MIN_MISSING checked against its kinds."""
        feedback, source = self.feedback, self.scored_source
        origins = self.scored_type == INPUT_ORIGINS
        kinds = list(self.scored_kinds)
        shapes, n_missing, missing, score, population, ok, ids = [], [], [], [], [], [], []
        # polygon origins judged by area carry each kind's share of their people
        field_names = set(source.fields().names())
        with_shares = origins and bool(kinds) and all(
            f"{kind}{f.SHARE_SUFFIX}" in field_names for kind in kinds)
        shares = []
        names = field_names
        limit_fields = {kind: f"{kind}{f.LIMIT_SUFFIX}" for kind in kinds
                        if f"{kind}{f.LIMIT_SUFFIX}" in names}
        # each kind's reach threshold and their unit, as the access score recorded them
        self.scored_limits, self.scored_unit = {}, ""
        total = max(1, source.featureCount())
        for done, feature in enumerate(features(source, self.crs, self.context)):
            if feedback.isCanceled():
                break
            shapes.append(to_shapely(feature.geometry()))
            ids.append(feature.id())
            missing.append(as_text(feature[f.MISSING]))
            for kind, name in limit_fields.items():
                if kind not in self.scored_limits and as_number(feature[name]) is not None:
                    self.scored_limits[kind] = as_number(feature[name])
            if f.ORIGIN_UNIT_FIELD in names and not self.scored_unit:
                self.scored_unit = as_text(feature[f.ORIGIN_UNIT_FIELD])
            if origins:
                scored = as_text(feature[f.STATUS]) == f.STATUS_OK
                n_missing.append(as_number(feature[f.N_MISSING]) if scored else None)
                score.append(as_number(feature[f.SCORE]) if scored else None)
                ok.append([as_number(feature[f"{kind}{f.OK_SUFFIX}"]) if scored else None
                           for kind in kinds])
                if with_shares:
                    shares.append([as_number(feature[f"{kind}{f.SHARE_SUFFIX}"])
                                   if scored else None for kind in kinds])
            else:
                for kind in split_kinds(as_text(feature[f.REACHED])) + \
                        split_kinds(missing[-1]):
                    if kind not in kinds:
                        kinds.append(kind)
                n_missing.append(len(split_kinds(missing[-1])))
                score.append(None)
            if self.population_field:
                people = as_number(feature[self.population_field])
                population.append(people if people is not None else 0.0)
            if done % 1000 == 0:
                feedback.setProgress(30.0 * done / total)
        units = ScoredUnits(
            shapes=shapes, kinds=kinds, n_missing=_numbers(n_missing), missing=missing,
            score=_numbers(score),
            population=_numbers(population) if self.population_field else None,
            ok=_numbers(ok).reshape(len(shapes), len(kinds)) if origins else None,
            share=_numbers(shares).reshape(len(shapes), len(kinds)) if with_shares else None,
            # the pieces of a surface of polygon origins each hold their part of the people
            apportioned=not origins and bool(self.population_field))
        try:
            check_min_missing(self.min_missing, kinds)
        except InputError as error:
            self.raise_input_error(error)
        if self.population_field:
            self.check_population(population, ids, self.scored_name)
        unreached = int(np.count_nonzero(~units.scored))
        feedback.pushInfo(tr("INPUT \"{layer}\": {count} units scored on {kinds} kinds "
                             "({names}); {unreached} unreached origins are never deserts.")
                          .format(layer=self.scored_name, count=len(shapes) - unreached,
                                  kinds=len(kinds), names=", ".join(kinds),
                                  unreached=unreached))
        return units

    # --- polygons ---------------------------------------------------------------------

    def read_features(self, source) -> Optional[list]:
        """Every feature of ``source`` in ``self.crs``; None when cancelled."""
        found = []
        for feature in features(source, self.crs, self.context):
            if self.feedback.isCanceled():
                return None
            found.append(feature)
        return found

    def read_polygons(self, source) -> list:
        """Every feature of a polygon layer as a shapely polygon in ``self.crs`` (None where
        it has none)."""
        shapes = []
        for feature in features(source, self.crs, self.context):
            if self.feedback.isCanceled():
                break
            shape = to_shapely(feature.geometry())
            shapes.append(polygonal(shape) if shape is not None else None)
        return shapes

    def read_dissolved(self, source):
        """A polygon layer dissolved in ``self.crs``; None when it holds no polygons."""
        shapes = [s for s in self.read_polygons(source) if s is not None]
        dissolved = polygonal(unary_union(shapes)) if shapes else None
        return None if dissolved is None or dissolved.is_empty else dissolved
