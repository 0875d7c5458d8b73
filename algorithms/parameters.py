"""Parameter groups: each owns the names, texts, defaults and checks of parameters that
belong together.

A group is a mixin of the base algorithm with an ``add_*`` method, which declares its
parameters in ``initAlgorithm``, and a ``read_*`` method, which reads them once per run in
``prepareAlgorithm`` (on the main thread) onto the algorithm, so that the run's helpers
take ``self`` instead of long argument lists. Algorithms combine the groups they need; the
dialogs, the model builder and the parameter reference (docs/parameters.md) take the
parameter names from here.
"""

from dataclasses import dataclass
from typing import List, Tuple

from qgis.core import (
    QgsExpression,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core import definitions as d
from ..core.access import sanitise_kind_names
from ..core.deserts import (
    DEFAULT_MIN_POPULATION,
    DEFAULT_UNIT_SIZE_M,
    INPUT_ORIGINS,
    scored_input_type,
    scored_kinds,
)
from ..core.errors import InputError
from ..core.profile import DEFAULT_MOST_DEPRIVED, DEFAULT_PRIORITY_DESERT_SHARE
from ..core.slope import check_slope_factor
from ..core.thresholds import parse_names, parse_thresholds, parse_weights, per_kind
from .fast_read import ogr_file
from .heights import read_dem, to_grid_transform
from .layers import layer_label, tr, working_crs
from .qgis_compat import (
    FIELD_ANY,
    FIELD_NUMERIC,
    FLAG_ADVANCED,
    GEOMETRY_POLYGON,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    SOURCE_ANY_GEOMETRY,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
)


def number_decimals(value) -> int:
    """The decimals a parameter dialog shows for a number whose default is ``value``:
    those the default needs, at least 1 and at most 3."""
    text = f"{float(value or 0):.3f}".rstrip("0")
    return min(3, max(1, len(text.split(".")[1])))


class ParameterReader:
    """What every group uses to add and read parameters.

    A group lists the parameter names it owns in ``NAMES``; each becomes a class attribute
    holding itself (``NetworkParameters.NETWORK == "NETWORK"``), for the algorithms, the
    dialogs and the tools to use instead of string literals."""

    NAMES: Tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in cls.__dict__.get("NAMES", ()):
            setattr(cls, name, name)

    def add_parameter(self, parameter, help_text: str = "", advanced: bool = False):
        """Add a parameter with its help text, optionally marked advanced. A decimal
        number is shown with the decimals its default needs (at least one: "4.8", not
        "4.800000")."""
        if isinstance(parameter, QgsProcessingParameterNumber) and \
                parameter.dataType() == NUMBER_DOUBLE:
            parameter.setMetadata({"widget_wrapper": {"decimals": number_decimals(
                parameter.defaultValue())}})
        if help_text:
            parameter.setHelp(help_text)
        if advanced:
            parameter.setFlags(parameter.flags() | FLAG_ADVANCED)
        self.addParameter(parameter)
        return parameter

    def raise_input_error(self, error: InputError):
        """Re-raise an engine input error as a translated Processing error."""
        raise QgsProcessingException(error.translated(
            lambda context, text: tr(text))) from error

    def layer_label(self, parameters, name: str, context) -> str:
        """The name of the layer given for parameter ``name``, for messages."""
        return layer_label(self.parameterAsVectorLayer(parameters, name, context), name)

    def required_source(self, parameters, name: str, context, message: str):
        """The feature source of parameter ``name``; ``message`` when it cannot be read."""
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(message)
        return source

    @staticmethod
    def check_numeric_field(source, field_name: str, message: str) -> None:
        """``message`` as an error unless ``field_name`` is a numeric field of ``source``."""
        index = source.fields().indexOf(field_name)
        if index < 0 or not source.fields().at(index).isNumeric():
            raise QgsProcessingException(message)

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
            raise QgsProcessingException(tr(
                "{parameter} \"{field}\" is not a field of {layer_parameter} \"{layer}\", "
                "whose fields are: {fields}.").format(
                    parameter=name, field=text, layer_parameter=layer_parameter,
                    layer=self.layer_label(parameters, layer_parameter, context),
                    fields=", ".join(source.fields().names())))
        return source.fields().at(index).name()


# --- the network ------------------------------------------------------------------------


@dataclass
class NetworkSettings:
    """The network parameters of one run."""

    cost_type: int
    walk_speed_kmh: float
    max_snap_m: float
    preset: int = d.PRESET_AUTOMATIC
    filter_expression: str = ""
    step_free: bool = False
    connect_tolerance_m: float = d.DEFAULT_CONNECT_TOLERANCE_M
    slope_factor: float = d.DEFAULT_SLOPE_FACTOR

    def to_metres(self, cost: float) -> float:
        return d.cost_to_metres(cost, self.cost_type, self.walk_speed_kmh)

    def to_cost(self, metres: float) -> float:
        return d.metres_to_cost(metres, self.cost_type, self.walk_speed_kmh)

    @property
    def unit(self) -> str:
        return tr("min") if self.cost_type == d.COST_TIME else tr("m")


class NetworkParameters(ParameterReader):
    """The street and path network, and how walks over it are measured."""

    NAMES = ("NETWORK", "NETWORK_EXTRA", "NETWORK_PRESET", "NETWORK_FILTER", "STEP_FREE",
             "CONNECT_TOLERANCE", "COST_TYPE", "WALK_SPEED", "MAX_SNAP_DISTANCE", "DEM",
             "SLOPE_FACTOR")

    def add_network_parameters(self, with_costs: bool = True, walks: bool = True) -> None:
        """NETWORK and its companions; COST_TYPE and WALK_SPEED when ``with_costs``; the
        ground heights (DEM, SLOPE_FACTOR) when the algorithm ``walks`` the network."""
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.NETWORK, tr("Street and path network"), [SOURCE_LINE]),
            tr("Lines people walk along: streets, footpaths, paths."))
        self.add_parameter(QgsProcessingParameterMultipleLayers(
            self.NETWORK_EXTRA, tr("More walkable lines (footpaths, rights of way)"),
            SOURCE_LINE, optional=True),
            tr("Further line layers merged into the network."), advanced=True)
        self.add_parameter(QgsProcessingParameterEnum(
            self.NETWORK_PRESET, tr("Walkability preset"),
            [tr("Automatic (from the fields present)"), tr("None"),
             tr("OpenStreetMap"), tr("OS Open Roads")],
            defaultValue=d.PRESET_AUTOMATIC),
            tr("Which features a pedestrian may use: OpenStreetMap drops motorways, "
               "trunk roads, construction and private or foot=no ways; OS Open Roads "
               "drops motorways."), advanced=True)
        self.add_parameter(QgsProcessingParameterExpression(
            self.NETWORK_FILTER, tr("Walkable features (expression)"),
            parentLayerParameterName=self.NETWORK, optional=True),
            tr("Applied after the preset: features for which it is false are left out."),
            advanced=True)
        self.add_parameter(QgsProcessingParameterBoolean(
            self.STEP_FREE, tr("Step-free routes only"), defaultValue=False),
            tr("Also leave out steps and elevators (OpenStreetMap highway=steps and "
               "highway=elevator), for wheelchair and pushchair users."), advanced=True)
        self.add_parameter(QgsProcessingParameterNumber(
            self.CONNECT_TOLERANCE, tr("Join line ends within (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_CONNECT_TOLERANCE_M, minValue=0.0),
            tr("0 joins lines only where they share a vertex. Above 0, a line end this "
               "close to another line joins it at the nearest point."), advanced=True)
        if with_costs:
            self.add_parameter(QgsProcessingParameterEnum(
                self.COST_TYPE, tr("Measure walks by"),
                [tr("Walking time (minutes)"), tr("Network distance (metres)")],
                defaultValue=d.COST_TIME),
                tr("The unit of every threshold and cost: minutes at the walking speed, "
                   "or metres along the network."))
            self.add_parameter(QgsProcessingParameterNumber(
                self.WALK_SPEED, tr("Walking speed (km/h)"), NUMBER_DOUBLE,
                defaultValue=d.DEFAULT_WALK_SPEED_KMH, minValue=0.1, maxValue=30.0),
                tr("4.8 km/h is an average adult; 3.2 km/h suits older or slower walkers."))
        if with_costs and walks:
            self.add_parameter(QgsProcessingParameterRasterLayer(
                self.DEM, tr("Ground heights"), optional=True),
                tr("A terrain model (DEM) with heights in metres. With it, walking time "
                   "depends on the slope: uphill and steep downhill take longer, so every "
                   "walk is measured from the home to the asset. Ignored when walks are "
                   "measured by distance."))
            self.add_parameter(QgsProcessingParameterNumber(
                self.SLOPE_FACTOR, tr("How much slope slows walking"), NUMBER_DOUBLE,
                defaultValue=d.DEFAULT_SLOPE_FACTOR, minValue=0.0,
                maxValue=d.MAX_SLOPE_FACTOR),
                tr("1 is Tobler's hiking function (a 10% climb takes about 1.4 times as "
                   "long as the flat), 0 ignores the slope, 2 counts it twice as "
                   "strongly."), advanced=True)
        self.add_parameter(QgsProcessingParameterNumber(
            self.MAX_SNAP_DISTANCE, tr("Farthest from the network (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_MAX_SNAP_M, minValue=0.0),
            tr("A point farther than this from any street or path is not attached "
               "and is reported."), advanced=True)

    def read_network_parameters(self, parameters, context) -> None:
        """``self.settings`` (NetworkSettings) and ``self.network_sources``, (source, name)
        of NETWORK and every NETWORK_EXTRA layer; ``self.network_files``, for each, its
        file when it is a plain OGR file layer read whole (fast_read.py), else None."""
        with_costs = self.parameterDefinition(self.COST_TYPE) is not None
        cost_type = self.parameterAsEnum(parameters, self.COST_TYPE, context) \
            if with_costs else d.COST_DISTANCE
        speed = self.parameterAsDouble(parameters, self.WALK_SPEED, context) \
            if with_costs else d.DEFAULT_WALK_SPEED_KMH
        if speed <= 0:
            raise QgsProcessingException(tr("WALK_SPEED must be above 0 km/h."))
        source = self.required_source(parameters, self.NETWORK, context, tr(
            "NETWORK: the network layer could not be read."))
        self.network_sources = [(source, self.layer_label(parameters, self.NETWORK, context))]
        self.network_files = [ogr_file(
            self.parameterAsVectorLayer(parameters, self.NETWORK, context),
            parameters.get(self.NETWORK))]
        for layer in self.parameterAsLayerList(parameters, self.NETWORK_EXTRA, context):
            self.network_sources.append((QgsProcessingFeatureSource(layer, context),
                                         layer_label(layer)))
            self.network_files.append(ogr_file(layer))
        self.settings = NetworkSettings(
            cost_type, speed,
            self.parameterAsDouble(parameters, self.MAX_SNAP_DISTANCE, context),
            preset=self.parameterAsEnum(parameters, self.NETWORK_PRESET, context),
            filter_expression=self.parameterAsString(parameters, self.NETWORK_FILTER,
                                                     context),
            step_free=self.parameterAsBoolean(parameters, self.STEP_FREE, context),
            connect_tolerance_m=self.parameterAsDouble(parameters, self.CONNECT_TOLERANCE,
                                                       context))
        if self.settings.connect_tolerance_m < 0:
            raise QgsProcessingException(tr("CONNECT_TOLERANCE must be 0 or more metres."))
        self.read_dem_parameters(parameters, context)

    def read_dem_parameters(self, parameters, context) -> None:
        """``self.dem`` (a DemBlock: the raster under the network, read here on the main
        thread) and ``self.to_dem`` (working CRS to the DEM's CRS, None when the same), or
        ``self.dem`` None without a DEM, in distance mode or with SLOPE_FACTOR 0 (then
        ``self.dem_ignored`` says why, for the log)."""
        self.dem, self.to_dem, self.dem_ignored = None, None, ""
        if self.parameterDefinition(self.DEM) is None:
            return
        slope_factor = self.parameterAsDouble(parameters, self.SLOPE_FACTOR, context)
        try:
            check_slope_factor(slope_factor)
        except InputError as error:
            self.raise_input_error(error)
        self.settings.slope_factor = slope_factor
        layer = self.parameterAsRasterLayer(parameters, self.DEM, context)
        if layer is None:
            if parameters.get(self.DEM):
                raise QgsProcessingException(tr(
                    "DEM: \"{value}\" could not be read as a raster layer.").format(
                        value=parameters.get(self.DEM)))
            return
        if self.settings.cost_type == d.COST_DISTANCE:
            self.dem_ignored = tr("DEM \"{name}\" is ignored: walks are measured by "
                                  "distance, which slope does not change.").format(
                                      name=layer.name())
            return
        if slope_factor == 0:
            self.dem_ignored = tr("DEM \"{name}\" is ignored: SLOPE_FACTOR is 0.").format(
                name=layer.name())
            return
        self.dem = read_dem(layer, self.network_sources, context)
        self.to_dem = to_grid_transform(working_crs(self.network_sources[0][0], context),
                                        self.dem.crs)


# --- where people live --------------------------------------------------------------------


class OriginParameters(ParameterReader):
    """Where people live (ORIGINS) and how many (POPULATION_FIELD)."""

    NAMES = ("ORIGINS", "POPULATION_FIELD", "POLYGON_ORIGINS", "RESIDENTIAL_MASK")

    def add_origin_parameters(self, judged_by_area: bool = False) -> None:
        """ORIGINS and POPULATION_FIELD; POLYGON_ORIGINS and RESIDENTIAL_MASK too when
        ``judged_by_area`` (polygon origins may be judged by area share)."""
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ORIGINS, tr("Origins (homes, grid cells, LSOAs)"),
            [SOURCE_POINT, SOURCE_POLYGON]),
            tr("Where people live. Polygons are judged by the share of their area within "
               "reach, or at a point on their surface (see how polygon origins are "
               "judged).") if judged_by_area else
            tr("Where people live. Polygons are evaluated at a point on their surface."))
        self.add_parameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, tr("Population field"),
            parentLayerParameterName=self.ORIGINS, type=FIELD_NUMERIC, optional=True),
            tr("People per origin; without it every origin counts as one."))
        if not judged_by_area:
            return
        self.add_parameter(QgsProcessingParameterEnum(
            self.POLYGON_ORIGINS, tr("Judge polygon origins"),
            [tr("By the share of their area within reach"),
             tr("At one point on their surface")],
            defaultValue=d.POLYGON_BY_AREA),
            tr("By area share, an LSOA half inside a kind's catchment has half its people "
               "within reach (it reaches the kind when at least half do, and its score is "
               "the weighted mean of its shares); at one point, the whole polygon is "
               "within reach or not. Point origins are always judged at their point."))
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.RESIDENTIAL_MASK, tr("Where people live (residential mask)"),
            [SOURCE_POLYGON], optional=True),
            tr("Buildings or residential land use: only the part of a polygon origin "
               "inside these polygons carries its people, so a park or a rail yard carries "
               "nobody. A polygon with no part inside keeps its whole area. Used when "
               "polygon origins are judged by area share."), advanced=True)

    def read_origin_parameters(self, parameters, context) -> None:
        """``self.origins_source``, ``self.origins_name``, ``self.population_field``
        ('' without one; a field that is not numeric is an error) and
        ``self.origins_file`` (its file when it is a plain OGR file layer read whole, for
        fast_read.py, else None)."""
        self.origins_source = self.required_source(parameters, self.ORIGINS, context, tr(
            "ORIGINS: the layer could not be read."))
        self.origins_file = ogr_file(self.parameterAsVectorLayer(parameters, self.ORIGINS,
                                                                 context),
                                     parameters.get(self.ORIGINS))
        self.origins_name = self.layer_label(parameters, self.ORIGINS, context)
        self.population_field = self.parameterAsString(parameters, self.POPULATION_FIELD,
                                                       context)
        if self.population_field:
            self.check_numeric_field(self.origins_source, self.population_field, tr(
                "POPULATION_FIELD \"{field}\" is not a numeric field of the origins layer: "
                "choose a field holding numbers of people.").format(
                    field=self.population_field))
        self.read_polygon_origin_parameters(parameters, context)

    def read_polygon_origin_parameters(self, parameters, context) -> None:
        """``self.by_area`` (polygon origins judged by area share: the origins are
        polygons and POLYGON_ORIGINS asks for it; False where the algorithm has no
        POLYGON_ORIGINS), ``self.mask_source`` (RESIDENTIAL_MASK or None) with its name,
        and ``self.mask_ignored`` (a mask given with origins judged at a point)."""
        self.by_area, self.mask_source, self.mask_ignored = False, None, False
        self.mask_name = ""
        if self.parameterDefinition(self.POLYGON_ORIGINS) is None:
            return
        polygons = QgsWkbTypes.geometryType(self.origins_source.wkbType()) == \
            GEOMETRY_POLYGON
        self.by_area = polygons and self.parameterAsEnum(
            parameters, self.POLYGON_ORIGINS, context) == d.POLYGON_BY_AREA
        mask = self.parameterAsSource(parameters, self.RESIDENTIAL_MASK, context)
        if mask is not None:
            self.mask_name = self.layer_label(parameters, self.RESIDENTIAL_MASK, context)
            if self.by_area:
                self.mask_source = mask
            else:
                self.mask_ignored = True


# --- kinds of asset and their thresholds ----------------------------------------------------


@dataclass
class Kind:
    """One kind of asset: its layer, field-safe name, threshold (metres) and weight."""

    layer: object
    name: str
    threshold_cost: float
    threshold_m: float
    weight: float
    source: object = None
    label: str = ""
    # the recognised kind its threshold came from (empty THRESHOLDS), else None
    recognised: object = None
    by_name: bool = False

    @property
    def bound_m(self) -> float:
        """How far its search goes before an origin counts as having none."""
        return self.threshold_m * d.SEARCH_BOUND_FACTOR


class AssetParameters(ParameterReader):
    """One layer per kind of asset, the kinds' names, reach thresholds and weights."""

    NAMES = ("ASSETS", "ASSET_NAMES", "THRESHOLDS", "WEIGHTS")

    def add_asset_parameters(self) -> None:
        self.add_parameter(QgsProcessingParameterMultipleLayers(
            self.ASSETS, tr("Asset layers (one per kind)"), SOURCE_ANY_GEOMETRY),
            tr("One point or polygon layer per kind of asset; the kind is named after the "
               "layer."))
        self.add_parameter(QgsProcessingParameterString(
            self.ASSET_NAMES, tr("Kind names (comma-separated)"), optional=True),
            tr("One name per asset layer, in order; replaces the layer names."),
            advanced=True)
        self.add_parameter(QgsProcessingParameterString(
            self.THRESHOLDS, tr("Reach threshold per kind (empty: from each kind's name)"),
            defaultValue=d.DEFAULT_SCORE_THRESHOLD, optional=True),
            tr("Empty: each kind gets the reach threshold of the kind its name is recognised "
               "as (10 minutes for play areas, parks and retail, 20 for GP surgeries, "
               "libraries, pharmacies, dentists, schools, community and sports centres, "
               "food banks; 800 or 1600 m in distance mode), else 10 minutes (800 m); the "
               "log lists what each kind got. Or one value for every kind, or one per asset "
               "layer in order, in minutes or metres (see the cost type). Each kind's "
               "threshold is recorded in the output as K_limit."))
        self.add_parameter(QgsProcessingParameterString(
            self.WEIGHTS, tr("Weights (comma-separated)"), optional=True),
            tr("One per asset layer in order; every kind weighs 1 when empty."),
            advanced=True)

    def read_asset_parameters(self, parameters, context) -> None:
        """``self.kinds``: the asset layers with names, thresholds and weights checked
        against each other (needs ``self.settings`` for the cost type)."""
        layers = self.parameterAsLayerList(parameters, self.ASSETS, context)
        if not layers:
            raise QgsProcessingException(tr("ASSETS: give at least one asset layer."))
        try:
            raw = parse_names(self.parameterAsString(parameters, self.ASSET_NAMES, context))
            names = per_kind(raw, len(layers), "ASSET_NAMES") if raw else \
                [layer_label(layer) for layer in layers]
            text = self.parameterAsString(parameters, self.THRESHOLDS, context)
            by_name = not (text or "").strip()
            if by_name:
                found = [d.default_reach_threshold([name, layer.name()],
                                                   self.settings.cost_type)
                         for name, layer in zip(names, layers)]
                thresholds = [value for value, _ in found]
                recognised = [key for _, key in found]
            else:
                thresholds = per_kind(parse_thresholds(text, self.settings.cost_type),
                                      len(layers), "THRESHOLDS")
                recognised = [None] * len(layers)
            weights = parse_weights(self.parameterAsString(parameters, self.WEIGHTS, context),
                                    len(layers))
        except InputError as error:
            self.raise_input_error(error)
        self.kinds: List[Kind] = [
            Kind(layer, name, threshold, self.settings.to_metres(threshold), weight,
                 QgsProcessingFeatureSource(layer, context), layer_label(layer), key,
                 by_name)
            for layer, name, threshold, weight, key in zip(
                layers, sanitise_kind_names(names), thresholds, weights, recognised)]

    def log_thresholds(self, feedback) -> None:
        """One log line per kind: the reach threshold it is judged by, and where it came
        from."""
        feedback.pushInfo(tr("Reach thresholds:"))
        for kind in self.kinds:
            if not kind.by_name:
                origin = tr("as given")
            elif kind.recognised:
                origin = tr("recognised from its name")
            else:
                origin = tr("not recognised: the default for other kinds")
            feedback.pushInfo(tr("  {kind}: {threshold:g} {unit} ({origin})").format(
                kind=kind.name, threshold=kind.threshold_cost, unit=self.settings.unit,
                origin=origin))

    @property
    def kind_names(self) -> List[str]:
        return [kind.name for kind in self.kinds]


# --- catchments ---------------------------------------------------------------------------


class TrimParameters(ParameterReader):
    """How far either side of a reachable street a catchment reaches."""

    NAMES = ("TRIM_DISTANCE",)

    def add_trim_parameter(self, help_text: str, advanced: bool = False) -> None:
        """TRIM_DISTANCE: how far either side of a reachable street a catchment reaches."""
        self.add_parameter(QgsProcessingParameterNumber(
            self.TRIM_DISTANCE, tr("Reach either side of a street (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_TRIM_M, minValue=0.0), help_text, advanced=advanced)

    def read_trim_parameter(self, parameters, context) -> None:
        """``self.trim``, which must be above zero for catchments to have an area."""
        self.trim = self.parameterAsDouble(parameters, self.TRIM_DISTANCE, context)
        if self.trim <= 0:
            raise QgsProcessingException(tr(
                "TRIM_DISTANCE must be above 0 m: it is how far either side of a street the "
                "catchment reaches (50 m by default)."))


class CatchmentParameters(TrimParameters):
    """The facilities of one catchment map, its breaks and how its polygons are made."""

    NAMES = ("FACILITIES", "FACILITY_ID_FIELD", "THRESHOLDS", "OVERLAP")

    def add_facility_parameters(self) -> None:
        """FACILITIES, FACILITY_ID_FIELD and THRESHOLDS (the map's breaks)."""
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, tr("Facilities (assets)"), [SOURCE_POINT, SOURCE_POLYGON]),
            tr("Points or polygons: libraries, GP surgeries, parks..."))
        self.add_parameter(QgsProcessingParameterField(
            self.FACILITY_ID_FIELD, tr("Facility identifier"),
            parentLayerParameterName=self.FACILITIES, type=FIELD_ANY, optional=True),
            tr("Copied to the outputs; the feature id when empty."))
        self.add_parameter(QgsProcessingParameterString(
            self.THRESHOLDS, tr("Thresholds (comma-separated)"),
            defaultValue=d.DEFAULT_CATCHMENT_THRESHOLDS),
            tr("Breaks in minutes (walking time) or metres (network distance), "
               "e.g. \"5, 10\"."))

    def add_overlap_parameter(self) -> None:
        self.add_parameter(QgsProcessingParameterEnum(
            self.OVERLAP, tr("Overlap"),
            [tr("One polygon per facility and threshold"),
             tr("Merged per threshold"), tr("Rings (disjoint bands)")],
            defaultValue=d.OVERLAP_MERGED),
            tr("One polygon per facility and threshold (they overlap); one polygon per "
               "threshold for all facilities, each containing the smaller ones; or rings, "
               "each band from the previous threshold to its own."))

    def read_facility_parameters(self, parameters, context) -> None:
        """``self.thresholds`` (sorted breaks), ``self.facilities``, its name and
        ``self.id_field`` ('' for the feature id)."""
        try:
            thresholds = parse_thresholds(
                self.parameterAsString(parameters, self.THRESHOLDS, context),
                self.settings.cost_type)
        except InputError as error:
            self.raise_input_error(error)
        self.thresholds = sorted(set(thresholds))
        self.read_trim_parameter(parameters, context)
        self.facilities = self.required_source(parameters, self.FACILITIES, context, tr(
            "FACILITIES: the layer could not be read."))
        self.facilities_name = self.layer_label(parameters, self.FACILITIES, context)
        self.id_field = self.field_parameter(parameters, self.FACILITY_ID_FIELD,
                                             self.facilities, self.FACILITIES, context)

# --- the scored layer and the desert rule ----------------------------------------------------


class ScoredInputParameters(ParameterReader):
    """INPUT, the output of the access score, and the population field of it."""

    NAMES = ("INPUT", "POPULATION_FIELD")

    def add_scored_input_parameters(self, input_help: str, population_help: str) -> None:
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.INPUT, tr("Access scores"), [SOURCE_POINT, SOURCE_POLYGON]), input_help)
        self.add_parameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, tr("Population field"), parentLayerParameterName=self.INPUT,
            type=FIELD_NUMERIC, optional=True), population_help)

    def read_scored_input_parameters(self, parameters, context,
                                     origins_only: bool = False) -> None:
        """Check that INPUT is an access score output (its scored origins when
        ``origins_only``) and POPULATION_FIELD a numeric field of it: ``self.scored_source``,
        its name, type (INPUT_ORIGINS or INPUT_SURFACE) and kinds, ``self.population_field``
        and the working CRS ``self.crs``. Its features are read by ``read_scored_units``."""
        source = self.parameterAsSource(parameters, self.INPUT, context)
        name = self.layer_label(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(tr("INPUT: the layer could not be read."))
        field_names = source.fields().names()
        try:
            input_type = scored_input_type(field_names, name)
        except InputError as error:
            self.raise_input_error(error)
        if origins_only and input_type != INPUT_ORIGINS:
            raise QgsProcessingException(tr(
                "INPUT \"{layer}\" is an access surface: give the scored origins (the OUTPUT "
                "of \"Multi-asset access score\"), which know where people live.").format(
                    layer=name))
        population_field = self.parameterAsString(parameters, self.POPULATION_FIELD, context)
        if population_field:
            self.check_numeric_field(source, population_field, tr(
                "POPULATION_FIELD \"{field}\" is not a numeric field of INPUT \"{layer}\": "
                "choose a field holding numbers of people.").format(field=population_field,
                                                                   layer=name))
        self.scored_source, self.scored_name = source, name
        self.scored_type, self.scored_kinds = input_type, scored_kinds(field_names)
        self.population_field = population_field
        self.crs = working_crs(source, context)


class DesertRuleParameters(ParameterReader):
    """When a place is in a desert: kinds missing, people, and a point origin's cell."""

    NAMES = ("MIN_MISSING", "MIN_POPULATION", "UNIT_SIZE")

    def add_desert_rule_parameters(self) -> None:
        """MIN_MISSING and MIN_POPULATION."""
        self.add_parameter(QgsProcessingParameterNumber(
            self.MIN_MISSING, tr("Kinds missing to be a desert"), NUMBER_INTEGER,
            defaultValue=d.DEFAULT_MIN_MISSING, minValue=1),
            tr("A place is in a desert when it cannot walk to at least this many kinds of "
               "asset."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.MIN_POPULATION, tr("Fewest people in a desert place"), NUMBER_DOUBLE,
            defaultValue=DEFAULT_MIN_POPULATION, minValue=0.0),
            tr("Places with fewer people are not deserts (ignored without a population "
               "field)."), advanced=True)

    def add_unit_size_parameter(self, advanced: bool) -> None:
        """UNIT_SIZE: the square a point origin stands for."""
        self.add_parameter(QgsProcessingParameterNumber(
            self.UNIT_SIZE, tr("Cell size around a point (m)"), NUMBER_DOUBLE,
            defaultValue=DEFAULT_UNIT_SIZE_M, minValue=1.0),
            tr("A point origin stands for the square of this size centred on it; give the "
               "spacing of a point grid. Where the squares of close points overlap, each "
               "place goes to the nearer point. Polygon origins are used as they are."),
            advanced=advanced)

    def read_desert_rule_parameters(self, parameters, context) -> None:
        """``self.min_missing``, ``self.min_population`` and ``self.unit_size`` (the
        default where the algorithm has no UNIT_SIZE)."""
        self.min_missing = self.parameterAsInt(parameters, self.MIN_MISSING, context)
        self.min_population = self.parameterAsDouble(parameters, self.MIN_POPULATION,
                                                     context)
        self.unit_size = self.parameterAsDouble(parameters, self.UNIT_SIZE, context) \
            if self.parameterDefinition(self.UNIT_SIZE) is not None else DEFAULT_UNIT_SIZE_M


# --- zones ---------------------------------------------------------------------------------


class ZoneParameters(ParameterReader):
    """Zones (wards, LSOAs), their names and deprivation, and the priority rule."""

    NAMES = ("ZONES", "ZONE_NAME_FIELD", "DEPRIVATION_FIELD", "MOST_DEPRIVED",
             "PRIORITY_DESERT_SHARE", "DESERTS", "ATTRIBUTION")

    def add_zone_parameters(self) -> None:
        """ZONES and ZONE_NAME_FIELD."""
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ZONES, tr("Zones (wards, LSOAs)"), [SOURCE_POLYGON]),
            tr("The areas to profile; transformed to the scored layer's CRS."))
        self.add_parameter(QgsProcessingParameterField(
            self.ZONE_NAME_FIELD, tr("Zone name field"),
            parentLayerParameterName=self.ZONES, type=FIELD_ANY, optional=True),
            tr("Names the zones in the report; the feature id when empty."))

    def add_priority_parameters(self) -> None:
        """DEPRIVATION_FIELD, MOST_DEPRIVED and PRIORITY_DESERT_SHARE."""
        self.add_parameter(QgsProcessingParameterField(
            self.DEPRIVATION_FIELD, tr("Deprivation field (e.g. IMD decile)"),
            parentLayerParameterName=self.ZONES, type=FIELD_ANY, optional=True),
            tr("A number per zone where low means deprived, such as the IMD decile."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.MOST_DEPRIVED, tr("Most deprived: values at or below"), NUMBER_DOUBLE,
            defaultValue=DEFAULT_MOST_DEPRIVED),
            tr("3 takes IMD deciles 1 to 3 as the most deprived."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.PRIORITY_DESERT_SHARE, tr("Priority: share of people in deserts (%)"),
            NUMBER_DOUBLE, defaultValue=DEFAULT_PRIORITY_DESERT_SHARE, minValue=0.0,
            maxValue=100.0),
            tr("A most deprived zone where at least this share of people live in deserts "
               "is a priority."))

    def add_deserts_layer_parameter(self) -> None:
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.DESERTS, tr("Deserts (for the report)"), [SOURCE_POLYGON], optional=True),
            tr("The output of \"Social infrastructure deserts\"; when empty, the report "
               "finds the deserts from the scored origins with the same rule."),
            advanced=True)

    def add_attribution_parameter(self) -> None:
        self.add_parameter(QgsProcessingParameterString(
            self.ATTRIBUTION, tr("More data attribution for the report"), optional=True),
            tr("E.g. \"Contains OS data © Crown copyright and database right\" or the "
               "source of the deprivation figures."), advanced=True)

    def read_zone_parameters(self, parameters, context) -> None:
        """The zones layer with its name, the name and deprivation fields, the priority
        rule, the deserts layer (or None) and the extra attribution."""
        self.zones = self.required_source(parameters, self.ZONES, context, tr(
            "ZONES: the layer could not be read."))
        self.zones_name = self.layer_label(parameters, self.ZONES, context)
        self.deprivation_field = self.field_parameter(
            parameters, self.DEPRIVATION_FIELD, self.zones, self.ZONES, context)
        self.name_field = self.field_parameter(parameters, self.ZONE_NAME_FIELD, self.zones,
                                               self.ZONES, context)
        self.most_deprived = self.parameterAsDouble(parameters, self.MOST_DEPRIVED, context)
        self.priority_share = self.parameterAsDouble(parameters, self.PRIORITY_DESERT_SHARE,
                                                     context)
        self.deserts_source = self.parameterAsSource(parameters, self.DESERTS, context)
        self.deserts_name = self.layer_label(parameters, self.DESERTS, context)
        self.attribution = self.parameterAsString(parameters, self.ATTRIBUTION, context)


# --- what if: the change ---------------------------------------------------------------------


class ScenarioParameters(ParameterReader):
    """The change a scenario makes: assets that close, new sites of one kind, zones."""

    NAMES = ("REMOVE", "ADD_SITES", "ADD_KIND", "ZONES")

    def add_change_parameters(self) -> None:
        """REMOVE, ADD_SITES and ADD_KIND."""
        self.add_parameter(QgsProcessingParameterExpression(
            self.REMOVE, tr("Assets that close (expression)"), optional=True),
            tr("Evaluated on every asset layer: matching features close. A layer "
               "lacking a field the expression names keeps all its assets."))
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ADD_SITES, tr("New sites"), [SOURCE_POINT], optional=True),
            tr("Points where new assets open."))
        self.add_parameter(QgsProcessingParameterString(
            self.ADD_KIND, tr("Kind of the new sites"), optional=True),
            tr("The kind name the new sites belong to, as in the kind names (or the "
               "asset layer's name). May be left empty when there is one kind."))

    def add_optional_zones_parameter(self) -> None:
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ZONES, tr("Zones (wards, LSOAs)"), [SOURCE_POLYGON], optional=True),
            tr("For the zones output: the changes summed per zone. An origin belongs "
               "to the zone holding its point."))

    def read_change_parameters(self, parameters, context) -> None:
        """``self.remove`` (the REMOVE text, None when empty; a parser error is a clear
        error), ``self.added_sites`` (a source or None) with its name, the ADD_KIND text
        and ``self.zones`` (a source or None)."""
        # parameterAsExpression gives "" for an expression that does not parse
        text = self.parameterAsString(parameters, self.REMOVE, context)
        self.remove = text if text and text.strip() else None
        if self.remove is not None:
            expression = QgsExpression(self.remove)
            if expression.hasParserError():
                raise QgsProcessingException(tr("REMOVE is not a valid expression: {error}")
                                             .format(error=expression.parserErrorString()))
        self.added_sites = self.parameterAsSource(parameters, self.ADD_SITES, context)
        self.added_sites_name = self.layer_label(parameters, self.ADD_SITES, context)
        self.add_kind_text = (self.parameterAsString(parameters, self.ADD_KIND, context)
                              or "").strip()
        self.zones = self.parameterAsSource(parameters, self.ZONES, context)


# --- best sites ----------------------------------------------------------------------------


class SiteChoiceParameters(ParameterReader):
    """The existing sites of one kind, the candidates, what is within reach and how many
    sites to choose."""

    NAMES = ("ASSETS", "CANDIDATES", "THRESHOLD", "N_SITES")

    def add_site_choice_parameters(self) -> None:
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ASSETS, tr("Existing sites of this kind"), [SOURCE_POINT, SOURCE_POLYGON],
            optional=True),
            tr("People already within reach of one of these gain nothing from a new site."))
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.CANDIDATES, tr("Candidate sites"), [SOURCE_POINT]),
            tr("Points where a new site could go."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.THRESHOLD, tr("Within reach (minutes or metres, see the cost type)"),
            NUMBER_DOUBLE, defaultValue=d.DEFAULT_SITE_THRESHOLD, minValue=0.0),
            tr("How far counts as within reach of a site, in the unit of the cost type."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.N_SITES, tr("Number of sites to choose"), NUMBER_INTEGER,
            defaultValue=d.DEFAULT_N_SITES, minValue=1),
            tr("How many candidates to pick, one after the other."))

    def n_sites_problem(self, parameters, context) -> str:
        """The message for N_SITES below 1, '' when it is fine."""
        n_sites = self.parameterAsInt(parameters, self.N_SITES, context)
        if n_sites < 1:
            return tr("N_SITES is {value}: give how many sites to choose, 1 or more.") \
                .format(value=n_sites)
        return ""

    def read_site_choice_parameters(self, parameters, context) -> None:
        """``self.threshold`` (in the cost unit) and ``self.threshold_m``,
        ``self.n_sites``, ``self.candidates`` with its name, and ``self.existing`` (a
        source or None) with its name."""
        self.threshold = self.parameterAsDouble(parameters, self.THRESHOLD, context)
        if self.threshold <= 0:
            raise QgsProcessingException(tr(
                "THRESHOLD must be above 0 {unit}: how far counts as within reach.")
                .format(unit=self.settings.unit))
        problem = self.n_sites_problem(parameters, context)
        if problem:
            raise QgsProcessingException(problem)
        self.n_sites = self.parameterAsInt(parameters, self.N_SITES, context)
        self.candidates = self.required_source(parameters, self.CANDIDATES, context, tr(
            "CANDIDATES: the layer could not be read."))
        self.candidates_name = self.layer_label(parameters, self.CANDIDATES, context)
        self.threshold_m = self.settings.to_metres(self.threshold)
        self.existing = self.parameterAsSource(parameters, self.ASSETS, context)
        self.existing_name = self.layer_label(parameters, self.ASSETS, context)


# --- the network check ---------------------------------------------------------------------


class NetworkCheckParameters(ParameterReader):
    """How near a line end must come to another line to be reported."""

    NAMES = ("NEAR_DISTANCE",)

    def add_near_distance_parameter(self) -> None:
        self.add_parameter(QgsProcessingParameterNumber(
            self.NEAR_DISTANCE, tr("Near-miss distance (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_NEAR_DISTANCE_M, minValue=0.0),
            tr("Line ends closer than this to another line, without touching it, are "
               "reported."))

    def read_near_distance_parameter(self, parameters, context) -> None:
        self.near_distance = self.parameterAsDouble(parameters, self.NEAR_DISTANCE, context)
