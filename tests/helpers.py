"""Helpers shared by the test modules (conftest puts tests/ on sys.path)."""

import hashlib

from osgeo import ogr, osr
from qgis.core import QgsProcessingFeedback, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant


class LogFeedback(QgsProcessingFeedback):
    """A feedback that keeps what the algorithm says (info, warnings, errors) and every
    progress value it reports."""

    def __init__(self):
        super().__init__()
        self.lines = []
        self.progress = []
        self.progressChanged.connect(self.progress.append)

    def pushInfo(self, info):
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):
        self.lines.append(warning)
        super().pushWarning(warning)

    def reportError(self, error, fatalError=False):
        self.lines.append(error)
        super().reportError(error, fatalError)

    @property
    def text(self):
        return "\n".join(self.lines)


def value(v):
    """A Python value, None for NULL."""
    if v is None or (isinstance(v, QVariant) and v.isNull()):
        return None
    return v


def rows(layer):
    """The layer's features as dicts of field name to value (None for NULL)."""
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, (value(v) for v in f.attributes()))) for f in layer.getFeatures()]


def layer_source(gpkg, layer):
    """The ``file.gpkg|layername=...`` source of one layer of a GeoPackage."""
    return f"{gpkg}|layername={layer}"


def file_digest(path):
    """SHA-256 of a file, to check inputs are byte-identical after a run."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


HELSINKI_KINDS = ("libraries", "gp_surgeries", "pharmacies", "childrens_play", "parks")


def score_helsinki(gpkg, output):
    """assetgaps:accessscore on the Helsinki grid with five kinds (10,10,10,5,5 minutes),
    written to ``output``."""
    import processing

    processing.run("assetgaps:accessscore", {
        "NETWORK": layer_source(gpkg, "walk_network"),
        "ORIGINS": layer_source(gpkg, "population_grid"),
        "POPULATION_FIELD": "population",
        "ASSETS": [layer_source(gpkg, name) for name in HELSINKI_KINDS],
        "THRESHOLDS": "10,10,10,5,5", "OUTPUT": str(output)})


def write_gpkg(path, name, fields, rows, geometry_type=ogr.wkbMultiLineString,
               epsg=27700):
    """A GeoPackage layer of ``rows`` ((attribute values, WKT or None), ...)."""
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = source.CreateLayer(name, srs, geometry_type)
    for field, kind in fields:
        layer.CreateField(ogr.FieldDefn(field, kind))
    for values, wkt in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (field, _), value in zip(fields, values):
            if value is not None:
                feature.SetField(field, value)
        if wkt is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    source = None
    return QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
