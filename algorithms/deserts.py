"""assetgaps:deserts — social infrastructure deserts from the access score."""

import numpy as np
from qgis.core import (QgsFeature, QgsField, QgsFields, QgsProcessingException,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber)
from shapely.ops import unary_union

from ..core import definitions as d
from ..core.deserts import (DEFAULT_MIN_POPULATION, DEFAULT_UNIT_SIZE_M, INPUT_ORIGINS,
                            STATUS_OK, ScoredUnits, check_min_missing, find_deserts,
                            scored_input_type, scored_kinds, split_kinds)
from ..core.errors import InputError
from ..core.geometry import polygonal
from ..core.profile import as_number, check_population
from .base import AssetGapsAlgorithm
from .layers import features, from_shapely, to_shapely, tr, working_crs
from .qgis_compat import (FAST_INSERT, FIELD_DOUBLE, FIELD_INT, FIELD_NUMERIC, FIELD_STRING,
                          NUMBER_DOUBLE, NUMBER_INTEGER, SOURCE_POINT, SOURCE_POLYGON,
                          WKB_MULTIPOLYGON)
from .styles import DESERTS as DESERTS_STYLE, style_output

INPUT = "INPUT"
POPULATION_FIELD = "POPULATION_FIELD"
MIN_MISSING = "MIN_MISSING"
MIN_POPULATION = "MIN_POPULATION"
UNIT_SIZE = "UNIT_SIZE"


def add_rule_parameters(algorithm, input_help: str, population_help: str) -> None:
    """INPUT, POPULATION_FIELD, MIN_MISSING and MIN_POPULATION: the desert rule that
    assetgaps:deserts and assetgaps:areaprofile share."""
    algorithm.add_parameter(QgsProcessingParameterFeatureSource(
        INPUT, tr("Access scores"), [SOURCE_POINT, SOURCE_POLYGON]), input_help)
    algorithm.add_parameter(QgsProcessingParameterField(
        POPULATION_FIELD, tr("Population field"), parentLayerParameterName=INPUT,
        type=FIELD_NUMERIC, optional=True), population_help)
    algorithm.add_parameter(QgsProcessingParameterNumber(
        MIN_MISSING, tr("Kinds missing to be a desert"), NUMBER_INTEGER,
        defaultValue=d.DEFAULT_MIN_MISSING, minValue=1),
        tr("A place is in a desert when it cannot walk to at least this many kinds of "
           "asset."))
    algorithm.add_parameter(QgsProcessingParameterNumber(
        MIN_POPULATION, tr("Fewest people in a desert place"), NUMBER_DOUBLE,
        defaultValue=DEFAULT_MIN_POPULATION, minValue=0.0),
        tr("Places with fewer people are not deserts (ignored without a population "
           "field)."), advanced=True)


def add_unit_size_parameter(algorithm, advanced: bool) -> None:
    """UNIT_SIZE: the square a point origin stands for."""
    algorithm.add_parameter(QgsProcessingParameterNumber(
        UNIT_SIZE, tr("Cell size around a point (m)"), NUMBER_DOUBLE,
        defaultValue=DEFAULT_UNIT_SIZE_M, minValue=1.0),
        tr("A point origin stands for the square of this size centred on it; give the "
           "spacing of a point grid. Where the squares of close points overlap, each place "
           "goes to the nearer point. Polygon origins are used as they are."),
        advanced=advanced)


def as_text(value) -> str:
    """A field value as text, '' for NULL (None, or a null QVariant before Qt 6)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value)


def read_scored(algorithm, parameters, context, feedback, origins_only: bool = False):
    """INPUT as scored units in its working CRS: (units, crs, input type, layer name).

    Raises QgsProcessingException naming INPUT when it is not an access score output,
    POPULATION_FIELD when it is not a numeric field of it, MIN_MISSING when it exceeds
    the number of kinds.
    """
    source = algorithm.parameterAsSource(parameters, INPUT, context)
    name = algorithm.layer_label(parameters, INPUT, context)
    if source is None:
        raise QgsProcessingException(tr("INPUT: the layer could not be read."))
    field_names = source.fields().names()
    try:
        input_type = scored_input_type(field_names, name)
    except InputError as error:
        algorithm.raise_input_error(error)
    if origins_only and input_type != INPUT_ORIGINS:
        raise QgsProcessingException(tr(
            "INPUT \"{layer}\" is an access surface: give the scored origins (the OUTPUT of "
            "\"Multi-asset access score\"), which know where people live.").format(layer=name))
    population_field = algorithm.parameterAsString(parameters, POPULATION_FIELD, context)
    if population_field:
        index = source.fields().indexOf(population_field)
        if index < 0 or not source.fields().at(index).isNumeric():
            raise QgsProcessingException(tr(
                "POPULATION_FIELD \"{field}\" is not a numeric field of INPUT \"{layer}\": "
                "choose a field holding numbers of people.").format(field=population_field,
                                                                   layer=name))
    kinds = scored_kinds(field_names)
    shapes, n_missing, missing, score, population, ok, ids = [], [], [], [], [], [], []
    crs = working_crs(source, context)
    total = max(1, source.featureCount())
    for done, feature in enumerate(features(source, crs, context)):
        if feedback.isCanceled():
            break
        shapes.append(to_shapely(feature.geometry()))
        ids.append(feature.id())
        missing.append(as_text(feature["missing"]))
        if input_type == INPUT_ORIGINS:
            scored = as_text(feature["status"]) == STATUS_OK
            n_missing.append(as_number(feature["n_missing"]) if scored else None)
            score.append(as_number(feature["score"]) if scored else None)
            ok.append([as_number(feature[f"{kind}_ok"]) if scored else None for kind in kinds])
        else:
            for kind in split_kinds(as_text(feature["reached"])) + split_kinds(missing[-1]):
                if kind not in kinds:
                    kinds.append(kind)
            n_missing.append(len(split_kinds(missing[-1])))
            score.append(None)
        if population_field:
            people = as_number(feature[population_field])
            population.append(people if people is not None else 0.0)
        if done % 1000 == 0:
            feedback.setProgress(30.0 * done / total)

    def numbers(values):
        return np.array([np.nan if v is None else v for v in values], dtype=float)

    units = ScoredUnits(
        shapes=shapes, kinds=kinds, n_missing=numbers(n_missing), missing=missing,
        score=numbers(score), population=numbers(population) if population_field else None,
        ok=numbers(ok).reshape(len(shapes), len(kinds)) if input_type == INPUT_ORIGINS
        else None)
    try:
        check_min_missing(algorithm.parameterAsInt(parameters, MIN_MISSING, context), kinds)
        if population_field:
            check_population(population, ids, population_field, name)
    except InputError as error:
        algorithm.raise_input_error(error)
    unreached = int(np.count_nonzero(~units.scored))
    feedback.pushInfo(tr("INPUT \"{layer}\": {count} units scored on {kinds} kinds ({names}); "
                         "{unreached} unreached origins are never deserts.").format(
        layer=name, count=len(shapes) - unreached, kinds=len(kinds), names=", ".join(kinds),
        unreached=unreached))
    return units, crs, input_type, name


def read_polygons(source, crs, context, feedback):
    """Every feature of a polygon layer as a shapely polygon in ``crs`` (None if empty)."""
    shapes = []
    for feature in features(source, crs, context):
        if feedback.isCanceled():
            break
        shape = to_shapely(feature.geometry())
        shapes.append(polygonal(shape) if shape is not None else None)
    return shapes


class DesertsAlgorithm(AssetGapsAlgorithm):
    RESIDENTIAL_MASK = "RESIDENTIAL_MASK"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "deserts"

    def displayName(self) -> str:
        return self.tr("Social infrastructure deserts")

    def help_intro(self) -> str:
        return self.tr(
            "Finds the populated places that cannot walk to several kinds of asset, from the "
            "output of \"Multi-asset access score\" (scored origins, or the access surface), "
            "and dissolves them into contiguous deserts.\n\n"
            "A place is in a desert when it misses at least the given number of kinds and "
            "holds at least the given number of people. Unreached origins (off the network) "
            "never are. A point origin stands for a square cell centred on it; polygon "
            "origins are used as they are.\n\n"
            "Each desert gets its area, its population (the sum over the places it holds), "
            "the kinds missing (most often missing first), the mean score (weighted by "
            "population when a population field is given) and a rank: 1 is the desert with "
            "the most people (the largest without a population field); ties go to the "
            "larger area.\n\n"
            "With a residential mask the deserts are clipped to it, and only places whose "
            "point lies in the mask count, with all their people.")

    def initAlgorithm(self, config=None):
        add_rule_parameters(
            self, self.tr("The scored origins or the access surface written by "
                          "\"Multi-asset access score\"."),
            self.tr("People per origin; without it deserts are ranked by area."))
        add_unit_size_parameter(self, advanced=False)
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.RESIDENTIAL_MASK, self.tr("Residential areas (mask)"), [SOURCE_POLYGON],
            optional=True),
            self.tr("Deserts are clipped to these polygons; only places whose point lies in "
                    "them count."))
        self.add_parameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Deserts")),
                           self.tr("Contiguous deserts: desert_id, area_ha, population, "
                                   "n_units, missing, mean_score and rank; hatched and "
                                   "labelled with rank and people."))

    def process(self, parameters, context, feedback):
        units, crs, input_type, name = read_scored(self, parameters, context, feedback)
        if feedback.isCanceled():
            return {}
        min_missing = self.parameterAsInt(parameters, MIN_MISSING, context)
        min_population = self.parameterAsDouble(parameters, MIN_POPULATION, context)
        unit_size = self.parameterAsDouble(parameters, UNIT_SIZE, context)
        mask = self.read_mask(parameters, context, crs, feedback)
        feedback.setProgress(40)
        deserts = find_deserts(units, min_missing, min_population, unit_size, mask,
                               feedback.isCanceled)
        if feedback.isCanceled():
            return {}
        feedback.setProgress(90)
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT, context, desert_fields(),
                                             WKB_MULTIPOLYGON, crs)
        if sink is None:
            raise QgsProcessingException(self.tr("OUTPUT: the deserts could not be written."))
        for desert in deserts:
            if feedback.isCanceled():
                return {}
            feature = QgsFeature()
            feature.setGeometry(from_shapely(desert.geometry, multi=True))
            feature.setAttributes([
                desert.desert_id, round(desert.area_ha, 4), desert.population, desert.n_units,
                desert.missing,
                None if desert.mean_score is None else round(desert.mean_score, 2),
                desert.rank])
            sink.addFeature(feature, FAST_INSERT)
        self.log_summary(deserts, units, min_missing, feedback)
        style_output(self, context, sink_id, DESERTS_STYLE)
        feedback.setProgress(100)
        return {self.OUTPUT: sink_id}

    def read_mask(self, parameters, context, crs, feedback):
        """RESIDENTIAL_MASK dissolved in ``crs``, or None when not given."""
        source = self.parameterAsSource(parameters, self.RESIDENTIAL_MASK, context)
        if source is None:
            return None
        shapes = [s for s in read_polygons(source, crs, context, feedback) if s is not None]
        mask = polygonal(unary_union(shapes)) if shapes else None
        if mask is None or mask.is_empty:
            raise QgsProcessingException(self.tr(
                "RESIDENTIAL_MASK \"{layer}\" holds no polygons: give residential areas, or "
                "leave it empty.").format(
                    layer=self.layer_label(parameters, self.RESIDENTIAL_MASK, context)))
        return mask

    def log_summary(self, deserts, units, min_missing, feedback):
        in_deserts = sum(desert.n_units for desert in deserts)
        # "label: count" reads right for 0, 1 and many
        feedback.pushInfo(self.tr("Deserts (places missing at least {min_missing} of the "
                                  "kinds scored): {count}; places in them: {units}; kinds "
                                  "scored: {kinds}.").format(
            count=len(deserts), units=in_deserts, min_missing=min_missing,
            kinds=len(units.kinds)))
        if units.population is not None:
            feedback.pushInfo(self.tr("People in deserts: {people:,.0f}.").format(
                people=sum(desert.population for desert in deserts)))
        if len(deserts) > 1 and in_deserts == len(deserts) and any(
                shape is not None and shape.geom_type == "Point" for shape in units.shapes):
            feedback.pushInfo(self.tr(
                "Every desert is a single place: if the points form a grid, set the cell size "
                "to its spacing so that neighbouring cells join."))


def desert_fields() -> QgsFields:
    """The fields of the deserts output (DESIGN.md)."""
    fields = QgsFields()
    for name, kind in (("desert_id", FIELD_INT), ("area_ha", FIELD_DOUBLE),
                       ("population", FIELD_DOUBLE), ("n_units", FIELD_INT),
                       ("missing", FIELD_STRING), ("mean_score", FIELD_DOUBLE),
                       ("rank", FIELD_INT)):
        fields.append(QgsField(name, kind))
    return fields
