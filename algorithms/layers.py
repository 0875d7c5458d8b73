"""Reading QGIS layers into the engine's terms and writing its results back.

Everything here converts; the graph logic lives in core/.
"""

from typing import Iterable, List, Optional, Tuple

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
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
from ..core.presets import PRESET_NAMES, preset_fields, resolve_preset, unwalkable_reason
from ..core.wkb import line_parts_from_wkb
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


def _walkable_parts_in_extent(parts: List[np.ndarray], part_ids: List[object], name: str,
                              feedback) -> List[np.ndarray]:
    """The network parts of one layer, without features far outside the rest of it
    (warned); coordinates no place has are an error naming the features."""
    if not parts:
        return parts
    boxes = np.array([[*part[:, :2].min(axis=0), *part[:, :2].max(axis=0)]
                      for part in parts])
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
                ids=examples(dict.fromkeys(
                    part_ids[i] for i in np.flatnonzero(impossible)))))
    far = far_outside_boxes(boxes)
    if not far.any():
        return parts
    stray = set(part_ids[i] for i in np.flatnonzero(far))
    feedback.pushWarning(tr(
        "Network layer \"{name}\": features left out because they lie far outside the "
        "rest of the layer (a stray vertex?): {count} (feature ids {ids}).").format(
            name=name, count=len(stray), ids=examples(sorted(stray))))
    return [part for part, fid in zip(parts, part_ids) if fid not in stray]


def read_lines(sources: Iterable[Tuple[object, str]], crs, context, walkable, feedback
               ) -> Tuple[List[np.ndarray], dict]:
    """Walkable line parts of every (source, layer name) in ``crs``, by the rule of
    ``walkable`` (the network settings: ``preset``, ``filter_expression``, ``step_free``).

    Returns the vertex arrays and counts for the log: features read, dropped by the
    preset (by reason), dropped by the filter, and without geometry.
    """
    preset, filter_expression = walkable.preset, walkable.filter_expression
    step_free = walkable.step_free
    parts: List[np.ndarray] = []
    stats = {"read": 0, "dropped": {}, "filtered": 0, "no_geometry": 0, "presets": []}
    for source, name in sources:
        if QgsWkbTypes.geometryType(source.wkbType()) != GEOMETRY_LINE:
            raise QgsProcessingException(tr(
                "The network layer \"{name}\" holds {kind}: give a line layer of streets and "
                "paths.").format(name=name, kind=geometry_kind(source)))
        field_names = [f.name() for f in source.fields()]
        layer_preset = resolve_preset(preset, field_names)
        stats["presets"].append((name, PRESET_NAMES[layer_preset]))
        lookup = {n.lower(): n for n in field_names}
        wanted = [lookup[f] for f in preset_fields(layer_preset) if f in lookup]
        expression = QgsExpression(filter_expression) if filter_expression else None
        if expression is not None and expression.hasParserError():
            raise QgsProcessingException(tr("NETWORK_FILTER is not a valid expression: {error}")
                                         .format(error=expression.parserErrorString()))
        expression_context = None
        if expression is not None:
            expression_context = context.expressionContext()
            expression_context.setFields(source.fields())
            _check_filter_fields(expression, filter_expression, source.fields(), name)
            expression.prepare(expression_context)
        layer_parts: List[np.ndarray] = []
        part_ids: List[object] = []
        for feature in features(source, crs, context):
            if feedback.isCanceled():
                break
            stats["read"] += 1
            attributes = {f.lower(): feature[f] for f in wanted}
            reason = unwalkable_reason(layer_preset, attributes, step_free)
            if reason:
                stats["dropped"][reason] = stats["dropped"].get(reason, 0) + 1
                continue
            if expression is not None:
                expression_context.setFeature(feature)
                walkable = expression.evaluate(expression_context)
                if expression.hasEvalError():
                    raise QgsProcessingException(tr(
                        "NETWORK_FILTER \"{expression}\" cannot be evaluated on the network "
                        "layer \"{name}\" (feature {id}): {error}").format(
                            expression=filter_expression, name=name, id=feature.id(),
                            error=expression.evalErrorString()))
                if not walkable:
                    stats["filtered"] += 1
                    continue
            geometry = feature.geometry()
            found = None if geometry.isNull() or geometry.isEmpty() else \
                line_parts_from_wkb(bytes(geometry.asWkb()))
            if found is None:
                shape = to_shapely(geometry)
                found = [] if shape is None else line_parts(shape)
            if not found:
                stats["no_geometry"] += 1
                continue
            layer_parts += found
            part_ids += [feature.id()] * len(found)
        parts += _walkable_parts_in_extent(layer_parts, part_ids, name, feedback)
    return parts, stats


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
