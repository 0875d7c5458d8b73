"""The base algorithm: the network parameters every walking algorithm shares."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessingAlgorithm,
                       QgsProcessingFeatureSource,
                       QgsProcessingException, QgsProcessingParameterEnum,
                       QgsProcessingParameterBoolean, QgsProcessingParameterExpression,
                       QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterMapLayer,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterLayer, QgsProcessingParameterVectorLayer,
                       QgsProviderRegistry)
from qgis.PyQt import sip
from qgis.PyQt.QtGui import QIcon

from ..core import definitions as d
from ..core.errors import InputError
from ..core.network import Network, build_network
from ..core.topology import join_near_ends
from .layers import layer_label, read_lines, tr, working_crs
from .qgis_compat import FLAG_ADVANCED, FLAG_OPTIONAL, NUMBER_DOUBLE, SOURCE_LINE
from .styles import save_styles

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
LAYER_PARAMETERS = (QgsProcessingParameterFeatureSource, QgsProcessingParameterMapLayer,
                    QgsProcessingParameterRasterLayer, QgsProcessingParameterVectorLayer)
# The file of an OGR destination such as ogr:dbname='/data/x.gpkg' table="libraries"
OGR_DBNAME = re.compile(r"""^ogr:dbname=(?:'([^']*)'|"([^"]*)"|(\S+))""")
# How an HTML report begins; an existing file that does not is never overwritten.
HTML_STARTS = (b"<!doctype html", b"<html")
# SQLite's companions of a GeoPackage, removed with it.
GPKG_COMPANIONS = ("-wal", "-shm", "-journal")


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


def help_with_parameters(intro: str, parameters) -> str:
    """The help panel's text: ``intro``, then one line per input and per output with its
    help text (the parameters' own help is the one source)."""
    sections = [intro.strip()] if intro.strip() else []
    for heading, destination in ((tr("Inputs"), False), (tr("Outputs"), True)):
        lines = []
        for parameter in parameters:
            if parameter.isDestination() != destination:
                continue
            notes = [tr("optional")] if parameter.flags() & FLAG_OPTIONAL else []
            if parameter.flags() & FLAG_ADVANCED:
                notes.append(tr("advanced"))
            name = parameter.description() + (f" ({', '.join(notes)})" if notes else "")
            lines.append(f"\u2022 {name}: {parameter.help()}" if parameter.help()
                         else f"\u2022 {name}")
        if lines:
            sections.append("\n".join([heading] + lines))
    return "\n\n".join(sections)


@dataclass
class NetworkSettings:
    """The shared network parameters, read once per run."""

    cost_type: int
    walk_speed_kmh: float
    max_snap_m: float

    def to_metres(self, cost: float) -> float:
        return d.cost_to_metres(cost, self.cost_type, self.walk_speed_kmh)

    def to_cost(self, metres: float) -> float:
        return d.metres_to_cost(metres, self.cost_type, self.walk_speed_kmh)

    @property
    def unit(self) -> str:
        return tr("min") if self.cost_type == d.COST_TIME else tr("m")


class AssetGapsAlgorithm(QgsProcessingAlgorithm):
    """Shared behaviour: translation, icons, and the network parameters."""

    NETWORK = "NETWORK"
    NETWORK_EXTRA = "NETWORK_EXTRA"
    NETWORK_PRESET = "NETWORK_PRESET"
    NETWORK_FILTER = "NETWORK_FILTER"
    STEP_FREE = "STEP_FREE"
    CONNECT_TOLERANCE = "CONNECT_TOLERANCE"
    COST_TYPE = "COST_TYPE"
    WALK_SPEED = "WALK_SPEED"
    MAX_SNAP_DISTANCE = "MAX_SNAP_DISTANCE"

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self):
        return type(self)()

    def icon(self) -> QIcon:
        path = ICONS / f"{self.name()}.svg"
        return QIcon(str(path if path.exists() else ICONS / "icon.svg"))

    def help_intro(self) -> str:
        """What the algorithm does, in plain words; shortHelpString adds the parameters."""
        return ""

    def shortHelpString(self) -> str:
        return help_with_parameters(self.help_intro(), self.parameterDefinitions())

    # --- what a run may write, and what it leaves when it fails ----------------------------

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
            raise QgsProcessingException(self.tr(
                "{output} would write into \"{path}\", which {input} is read from: choose "
                "another file for the output, so the input stays as it is.").format(
                    output=name, path=path, input=inputs[path]))
        if not path.parent.is_dir():
            raise QgsProcessingException(self.tr(
                "{output}: the folder \"{folder}\" does not exist: give a file in an "
                "existing folder.").format(output=name, folder=path.parent))
        definition = self.parameterDefinition(name)
        if isinstance(definition, QgsProcessingParameterFileDestination) and \
                path.is_file() and not is_html_report(path):
            raise QgsProcessingException(self.tr(
                "{output}: \"{path}\" exists and is not an HTML report: it is not replaced. "
                "Give a new .html file, or an earlier report.").format(output=name,
                                                                       path=path))

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802
        """QGIS's, keeping each sink so that a failed or cancelled run can remove it."""
        sink, destination = super().parameterAsSink(parameters, name, context, *args,
                                                    **kwargs)
        if sink is not None:
            self._sinks.append((sink, destination_file(destination)))
        return sink, destination

    def processAlgorithm(self, parameters, context, feedback):
        """Check the destinations, then run ``process``; when it fails or is cancelled,
        remove the outputs it wrote, so that no file looks like a finished result."""
        self.check_destinations(parameters, context)
        try:
            results = self.process(parameters, context, feedback)
        except BaseException:
            self.discard_outputs()
            raise
        if feedback is not None and feedback.isCanceled():
            self.discard_outputs()
            return {}
        # let go of the sinks, which closes their files before the styles are saved
        self._sinks = []
        return results

    def process(self, parameters, context, feedback) -> dict:
        """What the algorithm does (its processAlgorithm)."""
        raise NotImplementedError

    def discard_outputs(self) -> None:
        """Close the sinks this run opened and delete the files they wrote; a GeoPackage
        that existed before and only had a table added into it is left."""
        for sink, path in getattr(self, "_sinks", []):
            sip.delete(sink)  # closes the file now, whoever still refers to the sink
            if path is None or not path.is_file() or path in self._existing:
                continue
            for written in (path, *(path.with_name(path.name + suffix)
                                    for suffix in GPKG_COMPANIONS)):
                if written.is_file():
                    written.unlink()
        self._sinks = []

    def postProcessAlgorithm(self, context, feedback):
        """Save the output styles into GeoPackage outputs (see styles.style_output): done
        here, on the main thread, once the outputs are written and closed."""
        save_styles(self, feedback)
        return {}

    def helpUrl(self) -> str:
        return "https://github.com/community-asset-gaps/community_asset_gaps#readme"

    def add_parameter(self, parameter, help_text: str = "", advanced: bool = False):
        """Add a parameter with its help text, optionally marked advanced."""
        if help_text:
            parameter.setHelp(help_text)
        if advanced:
            parameter.setFlags(parameter.flags() | FLAG_ADVANCED)
        self.addParameter(parameter)
        return parameter

    def add_network_parameters(self, with_costs: bool = True) -> None:
        """NETWORK and its companions (DESIGN.md: network parameters)."""
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.NETWORK, self.tr("Street and path network"), [SOURCE_LINE]),
            self.tr("Lines people walk along: streets, footpaths, paths."))
        self.add_parameter(QgsProcessingParameterMultipleLayers(
            self.NETWORK_EXTRA, self.tr("More walkable lines (footpaths, rights of way)"),
            SOURCE_LINE, optional=True),
            self.tr("Further line layers merged into the network."), advanced=True)
        self.add_parameter(QgsProcessingParameterEnum(
            self.NETWORK_PRESET, self.tr("Walkability preset"),
            [self.tr("Automatic (from the fields present)"), self.tr("None"),
             self.tr("OpenStreetMap"), self.tr("OS Open Roads")],
            defaultValue=d.PRESET_AUTOMATIC),
            self.tr("Which features a pedestrian may use: OpenStreetMap drops motorways, "
                    "trunk roads, construction and private or foot=no ways; OS Open Roads "
                    "drops motorways."), advanced=True)
        self.add_parameter(QgsProcessingParameterExpression(
            self.NETWORK_FILTER, self.tr("Walkable features (expression)"),
            parentLayerParameterName=self.NETWORK, optional=True),
            self.tr("Applied after the preset: features for which it is false are left out."),
            advanced=True)
        self.add_parameter(QgsProcessingParameterBoolean(
            self.STEP_FREE, self.tr("Step-free routes only"), defaultValue=False),
            self.tr("Also leave out steps and elevators (OpenStreetMap highway=steps and "
                    "highway=elevator), for wheelchair and pushchair users."), advanced=True)
        self.add_parameter(QgsProcessingParameterNumber(
            self.CONNECT_TOLERANCE, self.tr("Join line ends within (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_CONNECT_TOLERANCE_M, minValue=0.0),
            self.tr("0 joins lines only where they share a vertex. Above 0, a line end this "
                    "close to another line joins it at the nearest point."), advanced=True)
        if with_costs:
            self.add_parameter(QgsProcessingParameterEnum(
                self.COST_TYPE, self.tr("Measure walks by"),
                [self.tr("Walking time (minutes)"), self.tr("Network distance (metres)")],
                defaultValue=d.COST_TIME),
                self.tr("The unit of every threshold and cost: minutes at the walking speed, "
                        "or metres along the network."))
            self.add_parameter(QgsProcessingParameterNumber(
                self.WALK_SPEED, self.tr("Walking speed (km/h)"), NUMBER_DOUBLE,
                defaultValue=d.DEFAULT_WALK_SPEED_KMH, minValue=0.1, maxValue=30.0),
                self.tr("4.8 km/h is an average adult; 3.2 km/h suits older or slower "
                        "walkers."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.MAX_SNAP_DISTANCE, self.tr("Farthest from the network (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_MAX_SNAP_M, minValue=0.0),
            self.tr("A point farther than this from any street or path is not attached "
                    "and is reported."), advanced=True)

    def network_settings(self, parameters, context) -> NetworkSettings:
        cost_type = self.parameterAsEnum(parameters, self.COST_TYPE, context) \
            if self.parameterDefinition(self.COST_TYPE) else d.COST_DISTANCE
        speed = self.parameterAsDouble(parameters, self.WALK_SPEED, context) \
            if self.parameterDefinition(self.WALK_SPEED) else d.DEFAULT_WALK_SPEED_KMH
        if speed <= 0:
            raise QgsProcessingException(self.tr("WALK_SPEED must be above 0 km/h."))
        return NetworkSettings(cost_type, speed,
                               self.parameterAsDouble(parameters, self.MAX_SNAP_DISTANCE,
                                                      context))

    def network_sources(self, parameters, context):
        """(source, name) of NETWORK and every NETWORK_EXTRA layer."""
        source = self.parameterAsSource(parameters, self.NETWORK, context)
        if source is None:
            raise QgsProcessingException(self.tr("NETWORK: the network layer could not be "
                                                 "read."))
        sources = [(source, self.layer_label(parameters, self.NETWORK, context))]
        for layer in self.parameterAsLayerList(parameters, self.NETWORK_EXTRA, context):
            sources.append((QgsProcessingFeatureSource(layer, context), layer_label(layer)))
        return sources

    def trim_distance(self, parameters, context) -> float:
        """TRIM_DISTANCE, which must be above zero for catchments to have an area."""
        trim = self.parameterAsDouble(parameters, "TRIM_DISTANCE", context)
        if trim <= 0:
            raise QgsProcessingException(self.tr(
                "TRIM_DISTANCE must be above 0 m: it is how far either side of a street the "
                "catchment reaches (50 m by default)."))
        return trim

    def layer_label(self, parameters, name: str, context) -> str:
        """The name of the layer given for parameter ``name``, for messages."""
        return layer_label(self.parameterAsVectorLayer(parameters, name, context), name)

    def field_parameter(self, parameters, name: str, source, layer_parameter: str,
                        context) -> str:
        """The field given for parameter ``name`` as ``source`` (the layer of parameter
        ``layer_parameter``) spells it; "" when none is given. A field the layer lacks
        (mistyped in qgis_process or a script) is an error naming both parameters."""
        text = self.parameterAsString(parameters, name, context)
        if not text:
            return ""
        index = source.fields().lookupField(text)
        if index < 0:
            raise QgsProcessingException(self.tr(
                "{parameter} \"{field}\" is not a field of {layer_parameter} \"{layer}\", "
                "whose fields are: {fields}.").format(
                    parameter=name, field=text, layer_parameter=layer_parameter,
                    layer=self.layer_label(parameters, layer_parameter, context),
                    fields=", ".join(source.fields().names())))
        return source.fields().at(index).name()

    def load_network(self, parameters, context, feedback, step_free: bool = False,
                     with_lines: bool = False):
        """The walkable graph in the working CRS: (network, crs), and the joined input
        lines too when ``with_lines``. Steps and elevators are left out when ``step_free``
        or the STEP_FREE parameter is true."""
        if self.parameterDefinition(self.STEP_FREE) is not None:
            step_free = step_free or self.parameterAsBoolean(parameters, self.STEP_FREE,
                                                             context)
        sources = self.network_sources(parameters, context)
        crs: QgsCoordinateReferenceSystem = working_crs(sources[0][0], context)
        feedback.pushInfo(self.tr("Working CRS: {crs}").format(crs=crs.authid()))
        lines, stats = read_lines(
            sources, crs, context,
            self.parameterAsEnum(parameters, self.NETWORK_PRESET, context),
            self.parameterAsString(parameters, self.NETWORK_FILTER, context),
            step_free, feedback)
        for name, preset in stats["presets"]:
            feedback.pushInfo(self.tr("Network layer \"{name}\": walkability preset {preset}.")
                              .format(name=name, preset=self.tr(preset)))
        for reason, count in sorted(stats["dropped"].items()):
            feedback.pushInfo(self.tr("  left out {count} features with {reason}")
                              .format(count=count, reason=reason))
        if stats["filtered"]:
            feedback.pushInfo(self.tr("  left out {count} features by NETWORK_FILTER")
                              .format(count=stats["filtered"]))
        if stats["no_geometry"]:
            feedback.pushWarning(self.tr("  {count} network features have no geometry")
                                 .format(count=stats["no_geometry"]))
        tolerance = self.parameterAsDouble(parameters, self.CONNECT_TOLERANCE, context)
        if tolerance < 0:
            raise QgsProcessingException(self.tr("CONNECT_TOLERANCE must be 0 or more metres."))
        lines, joins = join_near_ends(lines, tolerance)
        if tolerance > 0:
            feedback.pushInfo(self.tr("Joined {count} line ends to a line within {tolerance:g} m.")
                              .format(count=len(joins), tolerance=tolerance))
        network: Network = build_network(lines)
        if network.edge_count == 0:
            raise QgsProcessingException(self.tr(
                "The network has no walkable lines left ({read} features read): check the "
                "layer, the walkability preset and NETWORK_FILTER.").format(read=stats["read"]))
        feedback.pushInfo(self.tr("Network: {edges} edges between {nodes} junctions, "
                                  "{km:.1f} km.").format(
            edges=network.edge_count, nodes=network.node_count,
            km=network.edge_length.sum() / 1000.0))
        return (network, crs, lines) if with_lines else (network, crs)

    def raise_input_error(self, error: InputError):
        """Re-raise an engine input error as a translated Processing error."""
        raise QgsProcessingException(error.translated(
            lambda context, text: tr(text))) from error
