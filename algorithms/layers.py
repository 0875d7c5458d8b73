"""Reading QGIS layers into the engine's terms and writing its results back.

Everything here converts; the graph logic lives in core/.
"""

from operator import itemgetter
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProviderRegistry,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from shapely import wkb
from shapely.geometry import MultiPoint

from ..core.crs import local_utm_epsg
from ..core.errors import TRANSLATION_CONTEXT
from ..core.extent import IMPOSSIBLE_COORDINATE_M, far_outside_boxes, impossible_boxes
from ..core.geometry import polygonal
from ..core.network import Lines, as_lines, concatenate_lines
from ..core.presets import PRESET_NAMES, preset_fields, resolve_preset, unwalkable_reason
from ..core.wkb import parse_lines
from .fast_read import OgrFile, read_file_lines
from .qgis_compat import (
    DISTANCE_METRES,
    GEOMETRY_LINE,
    GEOMETRY_POINT,
    GEOMETRY_POLYGON,
    SKIP_GEOMETRY_CHECKS,
)


def tr(text: str) -> str:
    """Translate a user-visible string in the plugin's context."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


def as_text(value) -> str:
    """A field value as text, '' for NULL (None, or a null QVariant before Qt 6)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value)


def is_true(value) -> bool:
    """An expression result as a filter sees it: NULL is false."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return False
    return bool(value)


def geometry_kind(source) -> str:
    """What a layer holds, in plain words for messages: points, lines, polygons..."""
    kind = QgsWkbTypes.geometryType(source.wkbType())
    return {GEOMETRY_POINT: tr("points"), GEOMETRY_LINE: tr("lines"),
            GEOMETRY_POLYGON: tr("polygons")}.get(kind, tr("no geometry"))


def working_crs(source, context) -> QgsCoordinateReferenceSystem:
    """The network's CRS when it is projected in metres, else its local UTM zone."""
    crs = source.sourceCrs()
    if crs.isValid() and not crs.isGeographic() and \
            crs.mapUnits() == DISTANCE_METRES:
        return crs
    extent = source.sourceExtent()
    if crs.isValid() and not crs.isGeographic():
        to_wgs84 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"),
                                          context.transformContext())
        extent = to_wgs84.transformBoundingBox(extent)
    centre = extent.center()
    return QgsCoordinateReferenceSystem(f"EPSG:{local_utm_epsg(centre.x(), centre.y())}")


def _has_degenerate_ring(polygon: QgsGeometry) -> bool:
    parts = polygon.asMultiPolygon() if polygon.isMultipart() else [polygon.asPolygon()]
    return any(len(ring) < 4 for part in parts for ring in part)


def to_shapely(geometry: QgsGeometry):
    """A 2D shapely geometry, or None for a null or empty one; invalid polygons repaired."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    flat = QgsGeometry(geometry)
    if QgsWkbTypes.isCurvedType(flat.wkbType()):
        flat = QgsGeometry(flat.constGet().segmentize())
    flat.get().dropZValue()
    flat.get().dropMValue()
    if flat.type() == GEOMETRY_POLYGON and _has_degenerate_ring(flat):
        # rings of fewer than four points, which GEOS refuses: keep the vertices, so the
        # feature is still reached from wherever it lies
        return MultiPoint([(v.x(), v.y()) for v in flat.vertices()])
    if flat.type() != GEOMETRY_LINE and not flat.isGeosValid():
        flat = flat.makeValid()
    shape = wkb.loads(bytes(flat.asWkb()))
    if shape.geom_type == "GeometryCollection":
        # makeValid can leave a spike or a dangling edge beside the polygon
        shape = polygonal(shape)
    return None if shape.is_empty else shape


def from_shapely(shape, multi: bool = False) -> QgsGeometry:
    """A QgsGeometry of a shapely geometry, made multi-part when ``multi``."""
    geometry = QgsGeometry()
    geometry.fromWkb(shape.wkb)
    if multi:
        geometry.convertToMultiType()
    return geometry


def polyline(coordinates: np.ndarray) -> QgsGeometry:
    """A line geometry from an (n, 2) vertex array."""
    return QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in coordinates.tolist()])


def layer_label(layer, fallback: str = "") -> str:
    """A layer's name for messages and kind names: the ``layername`` of its source when it
    has one (``file.gpkg|layername=parks`` loads as a layer named after the file)."""
    if layer is None:
        return fallback
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    return parts.get("layerName") or layer.name() or fallback


def features(source, crs, context, request: Optional[QgsFeatureRequest] = None):
    """Features of ``source`` in ``crs``; validity is checked by the caller, not QGIS."""
    request = request or QgsFeatureRequest()
    request.setDestinationCrs(crs, context.transformContext())
    return source.getFeatures(request, SKIP_GEOMETRY_CHECKS)


def line_parts(shape) -> List[np.ndarray]:
    """Vertex arrays of a (multi)line shapely geometry's parts."""
    return [np.asarray(part.coords) for part in getattr(shape, "geoms", [shape])]


# How many feature ids a message names.
EXAMPLE_IDS = 10


def examples(ids) -> str:
    """A few ids for a message: "3, 17, 41" (at most EXAMPLE_IDS)."""
    return ", ".join(str(i) for i in list(ids)[:EXAMPLE_IDS])


def shape_boxes(shapes) -> np.ndarray:
    """(n, 4) bounds of shapely geometries; NaN rows for None."""
    boxes = np.full((len(shapes), 4), np.nan)
    for row, shape in enumerate(shapes):
        if shape is not None:
            boxes[row] = shape.bounds
    return boxes


def stray_rows(boxes: np.ndarray) -> np.ndarray:
    """Rows of features with impossible coordinates or far outside the rest of their
    layer (core/extent.py)."""
    return np.flatnonzero(impossible_boxes(boxes) | far_outside_boxes(boxes))


def leave_out_strays(shapes: list, ids: list, name: str, feedback) -> Tuple[list, int]:
    """``shapes`` with those of stray features (impossible coordinates, or far outside
    the rest of the layer) replaced by None, named in a warning; and how many."""
    rows = stray_rows(shape_boxes(shapes))
    report_strays(rows, ids, name, feedback)
    if not len(rows):
        return shapes, 0
    shapes = list(shapes)
    for row in rows:
        shapes[row] = None
    return shapes, len(rows)


def report_strays(rows: np.ndarray, ids, name: str, feedback) -> None:
    """Warn of the stray features at ``rows`` of layer ``name`` (if any), naming a few
    of their ``ids``."""
    if not len(rows):
        return
    feedback.pushWarning(tr(
        "{name}: features left out because they lie far outside the rest of the layer, or "
        "at coordinates no place has (a stray vertex, or the layer's CRS is wrong): "
        "{count} (feature ids {ids}).").format(
            name=name, count=len(rows), ids=examples(ids[row] for row in rows)))


def _walkable_parts_in_extent(lines: Lines, part_ids: np.ndarray, name: str,
                              feedback) -> Lines:
    """The network parts of one layer, without features far outside the rest of it
    (warned); coordinates no place has are an error naming the features."""
    if not len(lines):
        return lines
    boxes = np.hstack([np.minimum.reduceat(lines.xy, lines.start[:-1], axis=0),
                       np.maximum.reduceat(lines.xy, lines.start[:-1], axis=0)])
    boxes[np.any(np.isnan(boxes), axis=1)] = np.inf
    impossible = impossible_boxes(boxes)
    if impossible.any():
        raise QgsProcessingException(tr(
            "The network layer \"{name}\" has coordinates no place has (infinite, or more "
            "than {limit:,.0f} km from the origin of the working CRS) in the features "
            "{ids}: the layer's CRS is probably wrong (projected metres labelled as degrees, "
            "or the reverse), or those features hold a stray vertex. Set the layer's CRS "
            "right or fix those vertices.").format(
                name=name, limit=IMPOSSIBLE_COORDINATE_M / 1000.0,
                ids=examples(dict.fromkeys(part_ids[impossible].tolist()))))
    far = far_outside_boxes(boxes)
    if not far.any():
        return lines
    stray = np.unique(part_ids[far])
    feedback.pushWarning(tr(
        "Network layer \"{name}\": features left out because they lie far outside the "
        "rest of the layer (a stray vertex?): {count} (feature ids {ids}).").format(
            name=name, count=len(stray), ids=examples(stray.tolist())))
    return lines.take(np.flatnonzero(~np.isin(part_ids, stray)))


# Bytes of WKB read at once: enough for array operations to pay, few enough that the
# bytes waiting and the arrays reading them stay a few tens of megabytes.
WKB_CHUNK_BYTES = 4 * 2 ** 20


def _prepared_filter(text: str, source, name: str, context):
    """NETWORK_FILTER as (expression, expression context) ready for ``source``'s
    features, or (None, None) without one; an expression that does not parse, or names a
    field the layer lacks, is an error."""
    if not text:
        return None, None
    expression = QgsExpression(text)
    if expression.hasParserError():
        raise QgsProcessingException(tr("NETWORK_FILTER is not a valid expression: {error}")
                                     .format(error=expression.parserErrorString()))
    expression_context = context.expressionContext()
    expression_context.setFields(source.fields())
    _check_filter_fields(expression, text, source.fields(), name)
    expression.prepare(expression_context)
    return expression, expression_context


class _Walkability:
    """Whether the preset and NETWORK_FILTER keep each feature of one layer, counting
    what they drop in ``stats``."""

    def __init__(self, source, name: str, walkable, context, stats: dict):
        field_names = [f.name() for f in source.fields()]
        self.preset = resolve_preset(walkable.preset, field_names)
        lookup = {n.lower(): n for n in field_names}
        wanted = [lookup[f] for f in preset_fields(self.preset) if f in lookup]
        self.names = [f.lower() for f in wanted]
        self.indices = [source.fields().indexOf(f) for f in wanted]
        # the preset's values of a feature: one value, a tuple of several, or () for none
        self.values = itemgetter(*self.indices) if self.indices else lambda feature: ()
        self.step_free, self.stats, self.name = walkable.step_free, stats, name
        # the preset's verdict on each distinct tuple of values (OSM highway values repeat)
        self.reasons = {}
        self.filter_text = walkable.filter_expression
        self.expression, self.expression_context = _prepared_filter(
            self.filter_text, source, name, context)

    def request(self, source) -> QgsFeatureRequest:
        """A request for the attributes the preset and the filter read, and no others."""
        request = QgsFeatureRequest()
        columns = self.expression.referencedColumns() if self.expression is not None else []
        if QgsFeatureRequest.ALL_ATTRIBUTES not in columns:
            fields = source.fields()
            request.setSubsetOfAttributes(sorted(
                set(self.indices) | {fields.lookupField(c) for c in columns} - {-1}))
        return request

    def reason(self, values) -> Optional[str]:
        """Why the preset drops a feature with these values of its fields (one value, a
        tuple of several, or ()), or None."""
        try:
            reason = self.reasons[values]
        except KeyError:
            reason = self.reasons[values] = self._reason(values)
        except TypeError:  # a list or map value cannot be a key
            reason = self._reason(values)
        return reason

    def keeps(self, feature) -> bool:
        """Whether ``feature`` is walked; a drop is counted by reason."""
        reason = self.reason(self.values(feature))
        if reason:
            self.stats["dropped"][reason] = self.stats["dropped"].get(reason, 0) + 1
            return False
        return self.expression is None or self._passes_filter(feature)

    def _reason(self, values) -> Optional[str]:
        values = (values,) if len(self.indices) == 1 else values
        return unwalkable_reason(self.preset, dict(zip(self.names, values)), self.step_free)

    def _passes_filter(self, feature) -> bool:
        self.expression_context.setFeature(feature)
        walkable = self.expression.evaluate(self.expression_context)
        if self.expression.hasEvalError():
            raise QgsProcessingException(tr(
                "NETWORK_FILTER \"{expression}\" cannot be evaluated on the network "
                "layer \"{name}\" (feature {id}): {error}").format(
                    expression=self.filter_text, name=self.name, id=feature.id(),
                    error=self.expression.evalErrorString()))
        if not walkable:
            self.stats["filtered"] += 1
        return bool(walkable)


def _parts_of_wkb(wkbs: List[bytes], ids: List[int], stats: dict,
                  read_other: Optional[Callable[[bytes], List[np.ndarray]]] = None
                  ) -> Tuple[Lines, np.ndarray]:
    """The line parts of features' WKB and the feature id of each part; features with
    no parts are counted as without geometry. The common (multi)line WKB is read in bulk,
    anything else (curves, null geometries) one by one by ``read_other``: through QGIS
    and shapely unless given."""
    read_other = read_other or _line_parts_of_wkb
    sizes = np.fromiter(map(len, wkbs), dtype=np.int64, count=len(wkbs))
    lines, part_geometry, read = parse_lines(b"".join(wkbs), np.r_[0, np.cumsum(sizes)])
    unread = np.flatnonzero(~read)
    if len(unread):
        others = [read_other(wkbs[row]) for row in unread.tolist()]
        lines = concatenate_lines([lines, as_lines([p for parts in others for p in parts])])
        part_geometry = np.r_[part_geometry, np.repeat(unread, [len(p) for p in others])]
        order = np.argsort(part_geometry, kind="stable")
        lines, part_geometry = lines.take(order), part_geometry[order]
        kept = lines.counts > 0
        lines, part_geometry = lines.take(np.flatnonzero(kept)), part_geometry[kept]
    stats["no_geometry"] += int(np.count_nonzero(
        np.bincount(part_geometry, minlength=len(wkbs)) == 0))
    return lines, np.asarray(ids, dtype=np.int64)[part_geometry]


def _line_parts_of_wkb(data: bytes) -> List[np.ndarray]:
    """Vertex arrays of any line geometry's parts (curves segmentized), none for null."""
    geometry = QgsGeometry()
    geometry.fromWkb(data)
    shape = to_shapely(geometry)
    return [] if shape is None else line_parts(shape)


def _read_layer_lines(source, walkability: _Walkability, crs, context, feedback,
                      stats: dict) -> Tuple[Lines, np.ndarray]:
    """The walkable line parts of one layer and the feature id of each."""
    chunks, wkbs, ids, read, waiting = [], [], [], 0, 0
    iterator = features(source, crs, context, walkability.request(source))
    feature = QgsFeature()
    while iterator.nextFeature(feature):
        if feedback.isCanceled():
            break
        read += 1
        if not walkability.keeps(feature):
            continue
        data = bytes(feature.geometry().asWkb())
        wkbs.append(data)
        ids.append(feature.id())
        waiting += len(data)
        if waiting >= WKB_CHUNK_BYTES:
            chunks.append(_parts_of_wkb(wkbs, ids, stats))
            wkbs, ids, waiting = [], [], 0
    chunks.append(_parts_of_wkb(wkbs, ids, stats))
    stats["read"] += read
    return (concatenate_lines([lines for lines, _ in chunks]),
            np.concatenate([part_ids for _, part_ids in chunks]))


def _read_file_lines(file: Optional[OgrFile], source, walkability: _Walkability, crs,
                     feedback, stats: dict) -> Optional[Tuple[Lines, np.ndarray]]:
    """What _read_layer_lines gives, read from the layer's file through OGR's Arrow
    stream when the layer is a plain file layer (``file``) needing neither a transform
    nor NETWORK_FILTER; None when the general path must read it."""
    if file is None or file.crs != crs or walkability.expression is not None:
        return None
    fields = source.fields()
    names = [fields.at(index).name() for index in walkability.indices]
    return read_file_lines(file, walkability, names, feedback, stats, _parts_of_wkb)


def read_lines(sources: Iterable[Tuple[object, str]], crs, context, walkable, feedback,
               files: Optional[Sequence[Optional[OgrFile]]] = None) -> Tuple[Lines, dict]:
    """Walkable line parts of every (source, layer name) in ``crs``, by the rule of
    ``walkable`` (the network settings: ``preset``, ``filter_expression``, ``step_free``).
    ``files`` gives, for each source, its file when it is a plain OGR file layer (read
    faster, fast_read.py), or None.

    Returns the parts and counts for the log: features read, dropped by the preset (by
    reason), dropped by the filter, and without geometry.
    """
    layers = []
    stats = {"read": 0, "dropped": {}, "filtered": 0, "no_geometry": 0, "presets": []}
    sources = list(sources)
    for (source, name), file in zip(sources, files or [None] * len(sources)):
        if QgsWkbTypes.geometryType(source.wkbType()) != GEOMETRY_LINE:
            raise QgsProcessingException(tr(
                "The network layer \"{name}\" holds {kind}: give a line layer of streets and "
                "paths.").format(name=name, kind=geometry_kind(source)))
        walkability = _Walkability(source, name, walkable, context, stats)
        stats["presets"].append((name, PRESET_NAMES[walkability.preset]))
        read = _read_file_lines(file, source, walkability, crs, feedback, stats) or \
            _read_layer_lines(source, walkability, crs, context, feedback, stats)
        lines, part_ids = read
        layers.append(_walkable_parts_in_extent(lines, part_ids, name, feedback))
    return concatenate_lines(layers), stats


def _check_filter_fields(expression: QgsExpression, text: str, fields, name: str) -> None:
    """A NETWORK_FILTER naming a field the layer lacks is an error naming the expression,
    the field and the layer (evaluated, it would be NULL and drop every feature)."""
    names = {field.name().lower() for field in fields}
    missing = sorted(column for column in expression.referencedColumns()
                     if column != QgsFeatureRequest.ALL_ATTRIBUTES
                     and column.lower() not in names)
    if missing:
        raise QgsProcessingException(tr(
            "NETWORK_FILTER \"{expression}\" names the field \"{field}\", which the network "
            "layer \"{name}\" lacks (its fields: {fields}): every network layer must have "
            "the fields the filter uses.").format(
                expression=text, field=missing[0], name=name,
                fields=", ".join(field.name() for field in fields)))


def read_sites(source, crs, context, id_field: Optional[str] = None):
    """(shapely geometries, ids) of every feature of a facility or origin layer.

    Polygons keep their shape (they are entered from their edge); null geometries stay as
    None so that nothing is silently dropped.
    """
    shapes, ids = [], []
    for feature in features(source, crs, context):
        shapes.append(to_shapely(feature.geometry()))
        ids.append(feature[id_field] if id_field else feature.id())
    return shapes, ids
