"""QGIS and Qt names as QGIS 3.22 gives them, or under their newer (scoped) names.

Newer QGIS releases moved many enums into ``Qgis`` and Qt 6 drops ``QVariant.Type``;
everything else in the plugin imports these names from here.
"""

import numpy as np
from qgis.core import (
    Qgis,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingFeatureSource,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsUnitTypes,
    QgsWkbTypes,
)

try:  # QGIS >= 3.36
    SOURCE_LINE = Qgis.ProcessingSourceType.VectorLine
    SOURCE_POINT = Qgis.ProcessingSourceType.VectorPoint
    SOURCE_POLYGON = Qgis.ProcessingSourceType.VectorPolygon
    SOURCE_ANY_GEOMETRY = Qgis.ProcessingSourceType.VectorAnyGeometry
    SOURCE_TABLE = Qgis.ProcessingSourceType.Vector
    NUMBER_DOUBLE = Qgis.ProcessingNumberParameterType.Double
    NUMBER_INTEGER = Qgis.ProcessingNumberParameterType.Integer
    FIELD_ANY = Qgis.ProcessingFieldParameterDataType.Any
    FIELD_NUMERIC = Qgis.ProcessingFieldParameterDataType.Numeric
    FLAG_ADVANCED = Qgis.ProcessingParameterFlag.Advanced
    FLAG_OPTIONAL = Qgis.ProcessingParameterFlag.Optional
    WKB_POINT = Qgis.WkbType.Point
    WKB_MULTIPOINT = Qgis.WkbType.MultiPoint
    WKB_MULTIPOLYGON = Qgis.WkbType.MultiPolygon
    WKB_LINESTRING = Qgis.WkbType.LineString
    WKB_NO_GEOMETRY = Qgis.WkbType.NoGeometry
    GEOMETRY_POINT = Qgis.GeometryType.Point
    GEOMETRY_LINE = Qgis.GeometryType.Line
    GEOMETRY_POLYGON = Qgis.GeometryType.Polygon
except AttributeError:  # QGIS 3.22 - 3.34
    SOURCE_LINE = QgsProcessing.TypeVectorLine
    SOURCE_POINT = QgsProcessing.TypeVectorPoint
    SOURCE_POLYGON = QgsProcessing.TypeVectorPolygon
    SOURCE_ANY_GEOMETRY = QgsProcessing.TypeVectorAnyGeometry
    SOURCE_TABLE = QgsProcessing.TypeVector
    NUMBER_DOUBLE = QgsProcessingParameterNumber.Double
    NUMBER_INTEGER = QgsProcessingParameterNumber.Integer
    FIELD_ANY = QgsProcessingParameterField.Any
    FIELD_NUMERIC = QgsProcessingParameterField.Numeric
    FLAG_ADVANCED = QgsProcessingParameterDefinition.FlagAdvanced
    FLAG_OPTIONAL = QgsProcessingParameterDefinition.FlagOptional
    WKB_POINT = QgsWkbTypes.Point
    WKB_MULTIPOINT = QgsWkbTypes.MultiPoint
    WKB_MULTIPOLYGON = QgsWkbTypes.MultiPolygon
    WKB_LINESTRING = QgsWkbTypes.LineString
    WKB_NO_GEOMETRY = QgsWkbTypes.NoGeometry
    GEOMETRY_POINT = QgsWkbTypes.PointGeometry
    GEOMETRY_LINE = QgsWkbTypes.LineGeometry
    GEOMETRY_POLYGON = QgsWkbTypes.PolygonGeometry

try:
    FAST_INSERT = QgsFeatureSink.Flag.FastInsert
except AttributeError:
    FAST_INSERT = QgsFeatureSink.FastInsert

try:  # QGIS >= 3.36
    SKIP_GEOMETRY_CHECKS = Qgis.ProcessingFeatureSourceFlag.SkipGeometryValidityChecks
except AttributeError:
    SKIP_GEOMETRY_CHECKS = QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks

try:  # QGIS >= 3.30
    DISTANCE_METRES = Qgis.DistanceUnit.Meters
except AttributeError:
    DISTANCE_METRES = QgsUnitTypes.DistanceMeters

# QgsField takes QMetaType.Type from QGIS 3.38 (the QVariant.Type form is deprecated there
# and gone with Qt 6), QVariant.Type before.
if Qgis.QGIS_VERSION_INT >= 33800:
    from qgis.PyQt.QtCore import QMetaType
    FIELD_DOUBLE = QMetaType.Type.Double
    FIELD_INT = QMetaType.Type.Int
    FIELD_STRING = QMetaType.Type.QString
else:  # QGIS 3.22 - 3.36
    from qgis.PyQt.QtCore import QVariant
    FIELD_DOUBLE = QVariant.Type.Double
    FIELD_INT = QVariant.Type.Int
    FIELD_STRING = QVariant.Type.String

# Layer filters of the dialog's layer combo boxes (Qgis.LayerFilter from QGIS 3.34).
try:
    LAYER_FILTER_LINE = Qgis.LayerFilter.LineLayer
    LAYER_FILTER_POINT = Qgis.LayerFilter.PointLayer
    LAYER_FILTER_POLYGON = Qgis.LayerFilter.PolygonLayer
    LAYER_FILTER_RASTER = Qgis.LayerFilter.RasterLayer
    _LAYER_FILTERS = Qgis.LayerFilters
except AttributeError:  # QGIS 3.22 - 3.32
    from qgis.core import QgsMapLayerProxyModel
    LAYER_FILTER_LINE = QgsMapLayerProxyModel.Filter.LineLayer
    LAYER_FILTER_POINT = QgsMapLayerProxyModel.Filter.PointLayer
    LAYER_FILTER_POLYGON = QgsMapLayerProxyModel.Filter.PolygonLayer
    LAYER_FILTER_RASTER = QgsMapLayerProxyModel.Filter.RasterLayer
    _LAYER_FILTERS = QgsMapLayerProxyModel.Filters


# Raster data types as numpy reads a block's bytes (the
# complex and colour types are not heights and are left out).
_DATA_TYPES = Qgis.DataType
RASTER_NUMPY_TYPES = {
    _DATA_TYPES.Byte: np.uint8, _DATA_TYPES.UInt16: np.uint16, _DATA_TYPES.Int16: np.int16,
    _DATA_TYPES.UInt32: np.uint32, _DATA_TYPES.Int32: np.int32,
    _DATA_TYPES.Float32: np.float32, _DATA_TYPES.Float64: np.float64,
}
_INT8 = getattr(_DATA_TYPES, "Int8", None)  # QGIS >= 3.30
if _INT8 is not None:
    RASTER_NUMPY_TYPES[_INT8] = np.int8


def layer_filters(*filters):
    """Several LAYER_FILTER_* as one flags value for QgsMapLayerComboBox.setFilters."""
    # A bare `a | b` is a plain int on newer QGIS, which picks a deprecated overload.
    combined = _LAYER_FILTERS(filters[0])
    for layer_filter in filters[1:]:
        combined |= layer_filter
    return combined


def save_default_style(layer, name: str, description: str) -> str:
    """Save ``layer``'s style in its own database as its default; '' or the problem."""
    if hasattr(layer, "saveStyleToDatabaseV2"):  # QGIS >= 3.44
        results, problem = layer.saveStyleToDatabaseV2(name, description, True, "")
        return problem or str(results) if int(results) else ""
    return layer.saveStyleToDatabase(name, description, True, "")


# QAction moved from QtWidgets to QtGui in Qt 6.
try:
    from qgis.PyQt.QtGui import QAction
except ImportError:  # Qt 5
    from qgis.PyQt.QtWidgets import QAction  # noqa: F401 - used by plugin.py
