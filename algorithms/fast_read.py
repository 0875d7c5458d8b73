"""Reading a network layer, or a layer of point origins, straight from its file through
GDAL's Arrow stream.

A QGIS feature loop costs a few microseconds a feature: at region scale (two million
lines) it is most of the time spent reading the network. A plain OGR file layer (no
subset, no selection, no filter, already in the working CRS) gives the same features,
in the same order, through OGR's Arrow stream many times faster. Whether a layer
qualifies is decided in ``prepareAlgorithm`` (where layers may be touched); the file is
opened only in the run. Whatever the stream gives that the general path might read
differently (curves, unusual field types) sends the whole layer back to it.
"""

import os
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple, TypeVar

import numpy as np
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from ..core.network import Lines, concatenate_lines
from .qgis_compat import FIELD_STRING

# OGR drivers whose feature ids, order and text QGIS's OGR provider passes on unchanged.
# Not FlatGeobuf: GDAL 3.6's Arrow stream never ends on a FlatGeobuf file without
# features.
_DRIVERS = frozenset(("GPKG", "ESRI Shapefile"))
# What the layer's source may name besides its file and layer.
_PLAIN_URI_KEYS = frozenset(("path", "layerName", "layerId"))
# Features a batch of the stream holds: text columns come as fixed-width arrays as wide
# as their longest value, so a batch stays some megabytes even with long OSM tags.
_BATCH_FEATURES = 16384


@dataclass
class OgrFile:
    """A network layer that is a plain OGR file layer: its file, its layer name ("" for
    a file's only layer) and its CRS."""

    path: str
    layer_name: str
    crs: QgsCoordinateReferenceSystem


T = TypeVar("T")


class _NotPlainError(Exception):
    """The file holds something the general path may read differently."""


def _plain_definition(value) -> bool:
    """Whether a parameter value asks for every feature, checked as the layer sets it."""
    if not isinstance(value, QgsProcessingFeatureSourceDefinition):
        return True
    default = QgsProcessingFeatureSourceDefinition(value.source)
    return (not value.selectedFeaturesOnly and value.featureLimit == default.featureLimit
            and value.flags == default.flags and not getattr(value, "filterExpression", ""))


def ogr_file(layer, value=None) -> Optional[OgrFile]:
    """The file behind ``layer`` when it is read whole, as it is on disk (``value`` is the
    parameter value it came from); None otherwise. Called on the main thread."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr" or \
            layer.subsetString() or layer.isEditable() or not _plain_definition(value) or \
            layer.dataProvider().encoding().upper() != "UTF-8":
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    given = {key for key, part in parts.items() if part}  # NULL, None or "" is not given
    path = parts.get("path") or ""
    if given - _PLAIN_URI_KEYS or not os.path.isfile(path) or \
            ("layerId" in given and "layerName" not in given):
        return None
    return OgrFile(path, parts.get("layerName") or "", layer.crs())


def _qgis_null():
    """A NULL attribute as QGIS gives it to Python: a null QVariant on QGIS 3.22, None on
    newer releases; the walkability preset reads the two differently."""
    fields = QgsFields()
    fields.append(QgsField("value", FIELD_STRING))
    feature = QgsFeature(fields)
    feature.setAttributes([None])
    return feature[0]


def _open_layer(file: OgrFile):
    """(data source, layer) of ``file``, or (None, None) when OGR cannot give it."""
    try:
        dataset = ogr.Open(file.path, 0)
    except RuntimeError:  # opening raises when the caller enabled OGR exceptions
        return None, None
    if dataset is None or dataset.GetDriver().GetName() not in _DRIVERS:
        return None, None
    if file.layer_name:
        return dataset, dataset.GetLayerByName(file.layer_name)
    return dataset, dataset.GetLayer(0) if dataset.GetLayerCount() == 1 else None


def _read_stream(file: OgrFile, read: Callable[[object], T]) -> Optional[T]:
    """``read(layer)`` of ``file``'s layer, or None when GDAL has no Arrow stream (before
    3.6), OGR cannot open the file, or ``read`` meets what the general path may read
    differently (it raises _NotPlainError, or text is not UTF-8)."""
    if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        return None
    dataset, layer = _open_layer(file)
    if layer is None:
        return None
    try:
        return read(layer)
    except (_NotPlainError, UnicodeDecodeError):
        return None
    finally:
        del layer, dataset  # the layer must go before its data source


def _stream_columns(layer, fields: Sequence[str]) -> Tuple[str, str]:
    """Leave every field but ``fields`` out of ``layer``'s stream; (the name of its
    feature id column, of its geometry column) in the stream."""
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    layer.SetIgnoredFields([name for name in names if name not in fields])
    return layer.GetFIDColumn() or "OGC_FID", layer.GetGeometryColumn() or "wkb_geometry"


def _column_decoders(definition, names: List[str]):
    """How to turn each of the ``names`` columns' values into what QGIS would give:
    text decoded, numbers as they are; None for a field type QGIS may convert."""
    decoders = []
    for name in names:
        index = definition.GetFieldIndex(name)
        if index < 0:
            return None
        field = definition.GetFieldDefn(index)
        if field.GetSubType() != ogr.OFSTNone:
            return None
        if field.GetType() == ogr.OFTString:
            # bytes from GDAL before 3.8 or so, str (None for NULL) from newer releases
            decoders.append(lambda value: value.decode("utf-8") if isinstance(value, bytes)
                            else value)
        elif field.GetType() in (ogr.OFTInteger, ogr.OFTInteger64, ogr.OFTReal):
            decoders.append(lambda value: value)
        else:
            return None
    return decoders


def _column_values(column) -> Tuple[np.ndarray, np.ndarray]:
    """(a column's values, where it is NULL): a masked array of bytes, or an object
    array of str with None for NULL (newer GDAL releases), whose NULLs become "" so that
    the values sort."""
    data, missing = np.ma.getdata(column), np.ma.getmaskarray(column)
    if data.dtype == object:
        nulls = np.array([value is None for value in data.tolist()], dtype=bool)
        data = np.where(nulls, "", data)
        missing = missing | nulls
    return data, missing


def _distinct_values(batch: dict, rows: int, names: List[str], decoders, null):
    """(each distinct tuple of the ``names`` columns' values in the batch of ``rows``
    features, decoded as QGIS gives them; which tuple each feature has)."""
    key, first, columns = np.zeros(rows, dtype=np.int64), np.zeros(1, dtype=np.int64), []
    for name, decode in zip(names, decoders):
        data, missing = _column_values(batch[name])
        values, codes = np.unique(data, return_inverse=True)
        codes = codes.reshape(-1)
        codes[missing] = len(values)
        columns.append(([decode(value) for value in values.tolist()] + [null], codes))
        # numbered again after each column, so that the key stays below ``rows``
        _, first, key = np.unique(key * (len(values) + 1) + codes, return_index=True,
                                  return_inverse=True)
        key = key.reshape(-1)
    tuples = [tuple(distinct[codes[row]] for distinct, codes in columns)
              for row in first.tolist()]
    return tuples, key


def _null_geometry(data: bytes) -> list:
    """No parts for a null geometry; anything else the bulk reader left is not plain."""
    if data:
        raise _NotPlainError()
    return []


class _ArrowReader:
    """One layer's walkable line parts from its Arrow stream, by the rule of a
    walkability (layers._Walkability) and with its WKB reader (layers._parts_of_wkb)."""

    def __init__(self, walkability, field_names: List[str], parts_of_wkb):
        self.walkability, self.names = walkability, field_names
        self.parts_of_wkb = parts_of_wkb
        self.stats = {"read": 0, "dropped": {}, "no_geometry": 0}

    def read(self, layer, feedback) -> Tuple[Lines, np.ndarray]:
        """The parts and the feature id of each; raises _NotPlainError."""
        decoders = _column_decoders(layer.GetLayerDefn(), self.names)
        if decoders is None:
            raise _NotPlainError()
        fid_column, geometry_column = _stream_columns(layer, self.names)
        null, chunks = _qgis_null(), []
        for batch in layer.GetArrowStreamAsNumPy(
                options=["INCLUDE_FID=YES", f"MAX_FEATURES_IN_BATCH={_BATCH_FEATURES}"]):
            if feedback.isCanceled():
                break
            geometries = batch[geometry_column]
            rows = np.flatnonzero(self._walkable(batch, len(geometries), decoders, null))
            wkbs = [data or b"" for data in geometries[rows].tolist()]
            chunks.append(self.parts_of_wkb(wkbs, batch[fid_column][rows].tolist(),
                                            self.stats, _null_geometry))
            self.stats["read"] += len(geometries)
        return (concatenate_lines([lines for lines, _ in chunks]),
                np.concatenate([np.zeros(0, dtype=np.int64)]
                               + [part_ids for _, part_ids in chunks]))

    def _walkable(self, batch: dict, rows: int, decoders, null) -> np.ndarray:
        """Whether each of the ``rows`` features of the batch is walked; drops counted
        by reason."""
        tuples, inverse = _distinct_values(batch, rows, self.names, decoders, null)
        if len(self.names) == 1:
            tuples = [values[0] for values in tuples]
        reasons = [self.walkability.reason(values) for values in tuples]
        counts = np.bincount(inverse, minlength=len(tuples))
        dropped = self.stats["dropped"]
        for reason, count in zip(reasons, counts.tolist()):
            if reason and count:
                dropped[reason] = dropped.get(reason, 0) + count
        return np.array([not reason for reason in reasons], dtype=bool)[inverse]


def read_file_lines(file: OgrFile, walkability, field_names: List[str], feedback,
                    stats: dict, parts_of_wkb) -> Optional[Tuple[Lines, np.ndarray]]:
    """The walkable line parts of ``file`` and the feature id of each, read through
    OGR's Arrow stream, with the counts added to ``stats``; None (and ``stats``
    untouched) when the general path must read it."""
    reader = _ArrowReader(walkability, field_names, parts_of_wkb)
    result = _read_stream(file, lambda layer: reader.read(layer, feedback))
    if result is None:
        return None
    for key in ("read", "no_geometry"):
        stats[key] += reader.stats[key]
    for reason, count in reader.stats["dropped"].items():
        stats["dropped"][reason] = stats["dropped"].get(reason, 0) + count
    return result


# A 2-D point as little-endian WKB: byte order 1, type 1, then x and y.
_WKB_POINT = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _point_coordinates(wkbs: list) -> np.ndarray:
    """(n, 2) x, y of the WKB points ``wkbs`` (NaN for None, no bytes or an empty point);
    raises _NotPlainError for anything else (multipoints, Z, non-finite coordinates)."""
    xy = np.full((len(wkbs), 2), np.nan)
    present = np.array([bool(data) for data in wkbs], dtype=bool)
    data = b"".join(wkb for wkb in wkbs if wkb)
    if len(data) != _WKB_POINT.itemsize * int(present.sum()):
        raise _NotPlainError()
    points = np.frombuffer(data, dtype=_WKB_POINT)
    if (points["order"] != 1).any() or (points["type"] != 1).any():
        raise _NotPlainError()
    found = np.column_stack([points["x"], points["y"]])
    empty = np.isnan(found).all(axis=1)
    if not np.isfinite(found[~empty]).all():
        raise _NotPlainError()
    xy[present] = found
    return xy


def _people_column(column) -> np.ndarray:
    """A population column as numbers of people: NULL and non-finite are 0."""
    values = np.ma.getdata(column)
    if values.dtype == object:  # NULLs given as None
        values = np.array([0.0 if value is None else value for value in values.tolist()],
                          dtype=float)
    values = np.where(np.ma.getmaskarray(column), 0.0, values.astype(float))
    return np.where(np.isfinite(values), values, 0.0)


def read_file_points(file: OgrFile, population_field: str
                     ) -> Optional[Tuple[np.ndarray, np.ndarray, Optional[np.ndarray]]]:
    """(feature ids, (n, 2) points with NaN rows for features without geometry, people
    or None without ``population_field``) of a layer of 2-D points read through OGR's
    Arrow stream; None when the general path must read it (any other geometry, a
    population field that is not a plain number)."""
    return _read_stream(file, lambda layer: _read_points(layer, population_field))


def _read_points(layer, population_field: str):
    if ogr.GT_Flatten(layer.GetGeomType()) != ogr.wkbPoint:
        raise _NotPlainError()
    definition = layer.GetLayerDefn()
    if population_field:
        index = definition.GetFieldIndex(population_field)
        if index < 0:
            raise _NotPlainError()
        field = definition.GetFieldDefn(index)
        if field.GetSubType() != ogr.OFSTNone or \
                field.GetType() not in (ogr.OFTInteger, ogr.OFTInteger64, ogr.OFTReal):
            raise _NotPlainError()
    fid_column, geometry_column = _stream_columns(
        layer, [population_field] if population_field else [])
    fids, points, people = [np.zeros(0, dtype=np.int64)], [np.zeros((0, 2))], [np.zeros(0)]
    for batch in layer.GetArrowStreamAsNumPy(
            options=["INCLUDE_FID=YES", f"MAX_FEATURES_IN_BATCH={_BATCH_FEATURES * 4}"]):
        fids.append(np.asarray(batch[fid_column], dtype=np.int64))
        points.append(_point_coordinates(batch[geometry_column].tolist()))
        if population_field:
            people.append(_people_column(batch[population_field]))
    return np.concatenate(fids), np.concatenate(points), \
        np.concatenate(people) if population_field else None
