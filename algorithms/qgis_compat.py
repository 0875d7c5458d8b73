"""QGIS and Qt enums under the names QGIS 3.22 gives them, or their newer scoped names.

Newer QGIS releases moved many enums into ``Qgis`` and Qt 6 drops ``QVariant.Type``;
everything else in the plugin imports these names from here.
"""

from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

try:  # QGIS >= 3.36
    from qgis.core import Qgis
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

if hasattr(QVariant, "Type"):  # Qt 5: QgsField takes QVariant.Type
    FIELD_DOUBLE = QVariant.Type.Double
    FIELD_INT = QVariant.Type.Int
    FIELD_STRING = QVariant.Type.String
else:  # Qt 6: QgsField takes QMetaType.Type
    from qgis.PyQt.QtCore import QMetaType
    FIELD_DOUBLE = QMetaType.Type.Double
    FIELD_INT = QMetaType.Type.Int
    FIELD_STRING = QMetaType.Type.QString

# Layer filters of the dialog's layer combo boxes (Qgis.LayerFilter from QGIS 3.34).
try:
    from qgis.core import Qgis as _Qgis
    LAYER_FILTER_LINE = _Qgis.LayerFilter.LineLayer
    LAYER_FILTER_POINT = _Qgis.LayerFilter.PointLayer
    LAYER_FILTER_POLYGON = _Qgis.LayerFilter.PolygonLayer
except AttributeError:  # QGIS 3.22 - 3.32
    from qgis.core import QgsMapLayerProxyModel
    LAYER_FILTER_LINE = QgsMapLayerProxyModel.Filter.LineLayer
    LAYER_FILTER_POINT = QgsMapLayerProxyModel.Filter.PointLayer
    LAYER_FILTER_POLYGON = QgsMapLayerProxyModel.Filter.PolygonLayer
