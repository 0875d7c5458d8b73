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
            expression.prepare(expression_context)
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
                if not expression.evaluate(expression_context):
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
            parts += found
    return parts, stats


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
