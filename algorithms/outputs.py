"""Outputs: declaring them, checking where they go, whether a run was asked for one,
opening, styling and, when a run fails, removing them.

Every algorithm writes its outputs the same way: ``check_destinations`` refuses, before
any work, a destination that cannot be written or would write into an input;
``output_wanted`` says whether an optional output was requested; ``open_output`` opens a
sink (a required output that cannot be opened is an error naming it); ``publish`` records
the output in the run's results and styles it (see styles.style_output); and
``discard_outputs`` removes what a failed or cancelled run wrote.
"""

import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np
from osgeo import gdal
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterVectorLayer,
    QgsProviderRegistry,
)
from qgis.PyQt import sip

from ..core import fields as f
from ..core.profile import SHARE_DIGITS
from .layers import layer_label, tr
from .parameters import ParameterReader
from .qgis_compat import FAST_INSERT, FIELD_DOUBLE, FIELD_INT, FIELD_STRING, FLAG_OPTIONAL
from .styles import style_output

LAYER_PARAMETERS = (QgsProcessingParameterFeatureSource, QgsProcessingParameterMapLayer,
                    QgsProcessingParameterRasterLayer, QgsProcessingParameterVectorLayer)
# The file of an OGR destination such as ogr:dbname='/data/x.gpkg' table="libraries"
OGR_DBNAME = re.compile(r"""^ogr:dbname=(?:'([^']*)'|"([^"]*)"|(\S+))""")
# How an HTML report begins; an existing file that does not is never overwritten.
HTML_STARTS = (b"<!doctype html", b"<html")
# SQLite's companions of a GeoPackage, removed with it.
GPKG_COMPANIONS = ("-wal", "-shm", "-journal")
# Features handed to a sink in one call, with a cancel check between calls.
WRITE_BATCH = 1000
# The SQLite page cache (MiB) of the GeoPackages written, set for this thread only while
# a sink opens: with SQLite's default 2 MiB, building the spatial index of half a million
# points when the file closes takes 5 s instead of 4.
SQLITE_CACHE_OPTION = "OGR_SQLITE_CACHE"
OUTPUT_SQLITE_CACHE_MB = "64"

# The type of every output field the algorithms write (names from core/fields.py) ...
FIELD_TYPES = {
    **dict.fromkeys((f.COST_TYPE, f.STATUS, f.MISSING, f.REACHED, f.KIND, f.CHANGE,
                     f.PROBLEM), FIELD_STRING),
    **dict.fromkeys((f.N_REACHED, f.N_MISSING, f.DESERT_ID, f.N_UNITS, f.RANK, f.PRIORITY,
                     f.N_MISSING_BEFORE, f.N_MISSING_AFTER, f.COMPONENT_ID), FIELD_INT),
    **dict.fromkeys((f.THRESHOLD, f.AREA_M2, f.COST_START, f.COST_END, f.SCORE, f.POPULATION,
                     f.AREA_HA, f.MEAN_SCORE, f.DESERT_POP, f.DESERT_SHARE, f.UNREACHED_POP,
                     f.SCORE_BEFORE, f.SCORE_AFTER, f.POP_BEFORE, f.POP_AFTER, f.POP_CHANGE,
                     f.POP_GAIN, f.CUM_POP_GAIN, f.DISTANCE_M, f.COMPONENT_LENGTH_M)
                    + f.AREA_TOTALS, FIELD_DOUBLE),
}
# ... and of the per-kind fields, by their suffix.
SUFFIX_TYPES = {
    **dict.fromkeys((f.OK_SUFFIX, f.OK_BEFORE_SUFFIX, f.OK_AFTER_SUFFIX), FIELD_INT),
    **dict.fromkeys((f.COST_SUFFIX, f.SHARE_SUFFIX, f.SHARE_BEFORE_SUFFIX,
                     f.SHARE_AFTER_SUFFIX, f.LIMIT_SUFFIX) + f.ZONE_KIND_SUFFIXES,
                    FIELD_DOUBLE),
}


class BatchWriter:
    """Hands batches of features to a sink on one writer thread, one batch at a time and
    in order: adding a batch waits for the one before it. Leaving the ``with`` block
    waits for the last batch; an error writing one is raised in the caller's thread."""

    def __init__(self, sink):
        self.sink = sink
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pending: Optional[Future] = None

    def add(self, batch: List[QgsFeature]) -> None:
        self.wait()
        self.pending = self.pool.submit(self.sink.addFeatures, batch, FAST_INSERT)

    def wait(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def __enter__(self) -> "BatchWriter":
        return self

    def __exit__(self, *exception) -> None:
        try:
            self.wait()
        finally:
            self.pool.shutdown(wait=True)


def output_fields(*names: str) -> List[QgsField]:
    """The output fields called ``names``, typed as FIELD_TYPES says."""
    return [QgsField(name, FIELD_TYPES[name]) for name in names]


def kind_fields(kinds: Sequence[str], *suffixes: str) -> List[QgsField]:
    """The per-kind output fields: for each kind in order, one field per suffix."""
    return [QgsField(f"{kind}{suffix}", SUFFIX_TYPES[suffix])
            for kind in kinds for suffix in suffixes]


def qgs_fields(fields: Iterable[QgsField]) -> QgsFields:
    """A QgsFields holding ``fields`` in order."""
    result = QgsFields()
    for field in fields:
        result.append(field)
    return result


def layer_file(layer) -> Optional[Path]:
    """The file a layer is read from (resolved), None for memory and database layers."""
    if layer is None:
        return None
    path = QgsProviderRegistry.instance().decodeUri(layer.providerType(),
                                                    layer.source()).get("path")
    return Path(path).resolve() if path else None


def destination_file(destination: str) -> Optional[Path]:
    """The file an output destination writes (resolved), None for temporary layers."""
    text = str(destination or "")
    match = OGR_DBNAME.match(text)
    if match:
        text = next(group for group in match.groups() if group is not None)
    elif text.startswith(("memory:", "TEMPORARY_OUTPUT")) or ":" in text.split("/")[0]:
        return None  # a temporary layer, or another provider's URI (postgres:...)
    text = text.split("|")[0]
    return Path(text).resolve() if text and Path(text).is_absolute() else None


def is_html_report(path: Path) -> bool:
    """True when ``path`` begins as an HTML document does."""
    with open(path, "rb") as report:
        start = report.read(512).lstrip().lower()
    return start.startswith(HTML_STARTS)


def remove_written(path: Path) -> None:
    """Delete a file the run wrote, with a GeoPackage's journal files."""
    for written in (path, *(path.with_name(path.name + suffix)
                            for suffix in GPKG_COMPANIONS)):
        if written.is_file():
            written.unlink()


def merge_fields(own: QgsFields, added: Sequence[QgsField]) -> tuple:
    """An input layer's fields without those the added fields replace, then the added ones.

    Returns (fields, indexes of the input fields kept, names replaced)."""
    added_names = {field.name().lower() for field in added}
    fields, kept, replaced = QgsFields(), [], []
    for index, field in enumerate(own):
        if field.name().lower() in added_names:
            replaced.append(field.name())
            continue
        fields.append(field)
        kept.append(index)
    for field in added:
        fields.append(field)
    return fields, kept, replaced


def rounded(value, digits: int = SHARE_DIGITS) -> Optional[float]:
    """A share or score for an output field: rounded, or None."""
    return None if value is None else round(float(value), digits)


def rounded_values(values: np.ndarray, digits: int = SHARE_DIGITS) -> np.ndarray:
    """``rounded`` of every value of an array, as an array of Python floats: rounded as
    Python rounds (not as numpy does), once per distinct value (shares and scores of
    many origins take few values)."""
    distinct, where = np.unique(values, return_inverse=True)
    found = np.array([round(value, digits) for value in distinct.tolist()], dtype=object)
    return found[where.reshape(np.shape(values))]


class OutputParameters(ParameterReader):
    """Declaring, opening and styling outputs; ``self.parameters``, ``self.context`` and
    ``self.results`` belong to the run (set by the base algorithm). The output names of
    every algorithm are this group's."""

    NAMES = ("OUTPUT", "OUTPUT_LINES", "OUTPUT_SURFACE", "OUTPUT_HTML", "OUTPUT_SUMMARY",
             "OUTPUT_ZONES", "OUTPUT_COMPONENTS")

    def add_sink(self, name: str, description: str, help_text: str, sink_type=None,
                 optional: bool = False, create_by_default: bool = True):
        """A feature sink output; an optional one may be created by default or not."""
        arguments = {} if sink_type is None else {"type": sink_type}
        if optional:
            arguments.update(optional=True, createByDefault=create_by_default)
        return self.add_parameter(QgsProcessingParameterFeatureSink(
            name, description, **arguments), help_text)

    def add_file_output(self, name: str, description: str, file_filter: str,
                        help_text: str):
        """An optional file output, not created unless asked for."""
        return self.add_parameter(QgsProcessingParameterFileDestination(
            name, description, file_filter, optional=True, createByDefault=False), help_text)

    # --- where outputs go ---------------------------------------------------------------

    def check_destinations(self, parameters, context) -> None:
        """Before any work: refuse destinations that cannot be written or would replace
        or write into a file an input is read from."""
        self._sinks = []
        self._existing = set()
        inputs = self.input_files(parameters, context)
        for name, (path, destination) in self.destination_files(parameters, context).items():
            self.check_destination(name, path, inputs)
            if path.exists() and OGR_DBNAME.match(destination):
                self._existing.add(path)  # a table is added into it: never delete it

    def input_files(self, parameters, context) -> Dict[Path, str]:
        """{file: "PARAMETER \"layer\""} of every layer input read from a file."""
        files = {}
        for definition in self.parameterDefinitions():
            name = definition.name()
            if definition.isDestination() or parameters.get(name) in (None, "", []):
                continue
            if isinstance(definition, QgsProcessingParameterMultipleLayers):
                layers = self.parameterAsLayerList(parameters, name, context)
            elif isinstance(definition, LAYER_PARAMETERS):
                layers = [self.parameterAsLayer(parameters, name, context)]
            else:
                continue
            for layer in layers:
                path = layer_file(layer)
                if path is not None:
                    files.setdefault(path, f"{name} \"{layer_label(layer)}\"")
        return files

    def destination_files(self, parameters, context) -> Dict[str, tuple]:
        """{parameter name: (file, destination)} of every output written to a file."""
        files = {}
        for definition in self.destinationParameterDefinitions():
            name = definition.name()
            if parameters.get(name) in (None, ""):
                continue
            if isinstance(definition, QgsProcessingParameterFileDestination):
                destination = self.parameterAsFileOutput(parameters, name, context)
            else:
                destination = self.parameterAsOutputLayer(parameters, name, context)
            path = destination_file(destination)
            if path is not None:
                files[name] = (path, str(destination))
        return files

    def check_destination(self, name: str, path: Path, inputs: Dict[Path, str]) -> None:
        """Raise a Processing error when output ``name`` cannot or must not write
        ``path``: its folder is missing, an input is read from it, or it is an existing
        file a report would wrongly replace."""
        if path in inputs:
            raise QgsProcessingException(tr(
                "{output} would write into \"{path}\", which {input} is read from: choose "
                "another file for the output, so the input stays as it is.").format(
                    output=name, path=path, input=inputs[path]))
        if not path.parent.is_dir():
            raise QgsProcessingException(tr(
                "{output}: the folder \"{folder}\" does not exist: give a file in an "
                "existing folder.").format(output=name, folder=path.parent))
        definition = self.parameterDefinition(name)
        if isinstance(definition, QgsProcessingParameterFileDestination) and \
                path.is_file() and not is_html_report(path):
            raise QgsProcessingException(tr(
                "{output}: \"{path}\" exists and is not an HTML report: it is not replaced. "
                "Give a new .html file, or an earlier report.").format(output=name,
                                                                       path=path))

    # --- writing ----------------------------------------------------------------------

    def output_wanted(self, name: str) -> bool:
        """Whether the run was asked for the output ``name``."""
        return self.parameters.get(name) is not None

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):
        """QGIS's, keeping each sink so that a failed or cancelled run can remove it. A
        GeoPackage is opened with a larger SQLite page cache (OUTPUT_SQLITE_CACHE_MB):
        GDAL builds its spatial index when it closes, a fifth faster with room for it."""
        previous = gdal.GetThreadLocalConfigOption(SQLITE_CACHE_OPTION, None)
        gdal.SetThreadLocalConfigOption(SQLITE_CACHE_OPTION, OUTPUT_SQLITE_CACHE_MB)
        try:
            sink, destination = super().parameterAsSink(parameters, name, context, *args,
                                                        **kwargs)
        finally:
            gdal.SetThreadLocalConfigOption(SQLITE_CACHE_OPTION, previous)
        if sink is not None:
            self._sinks.append((sink, destination_file(destination)))
        return sink, destination

    def open_output(self, name: str, fields: QgsFields, wkb_type, crs,
                    unwritable: str = ""):
        """(sink, destination id) of the output ``name``; (None, None) for an optional
        output not asked for. A required output that cannot be opened is an error:
        ``unwritable``, or QGIS's own message naming the output."""
        sink, dest_id = self.parameterAsSink(self.parameters, name, self.context, fields,
                                             wkb_type, crs)
        if sink is None and not self.parameterDefinition(name).flags() & FLAG_OPTIONAL:
            raise QgsProcessingException(
                unwritable or self.invalidSinkError(self.parameters, name))
        return sink, dest_id

    def open_output_over(self, name: str, layer, added: Sequence[QgsField],
                         replaced_message: str = "", unwritable: str = ""):
        """Open an output holding ``layer``'s own fields plus ``added`` (which replace the
        layer's fields of the same name, as logged with ``replaced_message``), with the
        layer's geometry type, in the working CRS.

        Returns (sink, destination id, fields, indexes of the layer's fields kept)."""
        fields, kept, replaced = merge_fields(layer.fields(), added)
        if replaced and replaced_message:
            self.feedback.pushInfo(replaced_message.format(names=", ".join(replaced)))
        sink, dest_id = self.open_output(name, fields, layer.wkbType(), self.crs, unwritable)
        return sink, dest_id, fields, kept

    def write_over(self, sink, fields: QgsFields, kept: Sequence[int], features,
                   added_values: Iterable[list], read_for_this: bool = False) -> bool:
        """Write each of ``features`` with the attributes at ``kept`` and its list of
        ``added_values``, keeping its geometry; False when cancelled. Features go to
        the sink WRITE_BATCH at a time, on a writer thread (QGIS writes a batch without
        holding Python's lock, while the next one is built here). Features
        ``read_for_this`` call alone are changed in place rather than copied."""
        kept = list(kept)
        whole = kept == list(range(len(kept)))  # every field kept, in order
        with BatchWriter(sink) as writer:
            batch = []
            for feature, values in zip(features, added_values):
                attributes = feature.attributes()
                # a copy shares the geometry; the caller's feature stays as it was
                out = feature if read_for_this else QgsFeature(feature)
                out.setFields(fields, False)
                out.setAttributes((attributes[:len(kept)] if whole else
                                   [attributes[i] for i in kept]) + list(values))
                batch.append(out)
                if len(batch) == WRITE_BATCH:
                    if self.feedback.isCanceled():
                        return False
                    writer.add(batch)
                    batch = []
            if batch:
                writer.add(batch)
        return not self.feedback.isCanceled()

    def publish(self, name: str, dest_id, style_name: str = "") -> None:
        """Record the output ``name`` in the run's results and style it (an output not
        asked for, with no destination, is skipped)."""
        if not dest_id:
            return
        self.results[name] = dest_id
        if style_name:
            style_output(self, self.context, dest_id, style_name)

    def release_outputs(self) -> None:
        """Let go of the sinks of a run that succeeded, which closes their files before
        the styles are saved into them."""
        self._sinks = []

    def discard_outputs(self) -> None:
        """Close the sinks this run opened and delete the files they wrote; a GeoPackage
        that existed before and only had a table added into it is left."""
        for sink, path in getattr(self, "_sinks", []):
            sip.delete(sink)  # closes the file now, whoever still refers to the sink
            if path is not None and path.is_file() and path not in self._existing:
                remove_written(path)
        self._sinks = []

    @staticmethod
    def replaced_origin_fields() -> str:
        return tr("Origin fields replaced by the new results: {names}")

    @staticmethod
    def replaced_zone_fields() -> str:
        return tr("Zone fields replaced by the new results: {names}")
