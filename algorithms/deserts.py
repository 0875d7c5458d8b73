"""assetgaps:deserts — social infrastructure deserts from the access score."""

from qgis.core import QgsFeature, QgsProcessingException, QgsProcessingParameterFeatureSource

from ..core import fields as f
from ..core.deserts import find_deserts
from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from .base import AssetGapsAlgorithm
from .layers import from_shapely
from .outputs import output_fields, qgs_fields, rounded
from .parameters import DesertRuleParameters, ScoredInputParameters
from .qgis_compat import FAST_INSERT, SOURCE_POLYGON, WKB_MULTIPOLYGON
from .styles import DESERTS as DESERTS_STYLE


class DesertsAlgorithm(ScoredInputParameters, DesertRuleParameters, AssetGapsAlgorithm):
    ID = "deserts"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Social infrastructure deserts")
    HELP = QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT,
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
        "point lies in the mask count, with all their people.\n\n"
        "The access surface of polygon origins judged by area, with its population field, "
        "gives deserts drawn where people live: each piece holds its part of its origin's "
        "people, a piece with fewer people than the minimum is not in a desert, a "
        "desert's population is the sum of its pieces', and the mask only clips.")
    RESIDENTIAL_MASK = "RESIDENTIAL_MASK"

    def initAlgorithm(self, config=None):
        self.add_scored_input_parameters(
            self.tr("The scored origins or the access surface written by "
                    "\"Multi-asset access score\"."),
            self.tr("People per origin; without it deserts are ranked by area."))
        self.add_desert_rule_parameters()
        self.add_unit_size_parameter(advanced=False)
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.RESIDENTIAL_MASK, self.tr("Residential areas (mask)"), [SOURCE_POLYGON],
            optional=True),
            self.tr("Deserts are clipped to these polygons; only places whose point lies in "
                    "them count."))
        self.add_sink(self.OUTPUT, self.tr("Deserts"), self.tr(
            "Contiguous deserts: desert_id, area_ha, population, n_units, missing, "
            "mean_score and rank; hatched and labelled with rank and people."))

    def read_parameters(self, parameters, context):
        self.read_scored_input_parameters(parameters, context)
        self.read_desert_rule_parameters(parameters, context)
        self.mask_source = self.parameterAsSource(parameters, self.RESIDENTIAL_MASK, context)
        self.mask_name = self.layer_label(parameters, self.RESIDENTIAL_MASK, context)

    def compute(self):
        feedback = self.feedback
        units = self.read_scored_units()
        if feedback.isCanceled():
            return
        self.log_scored_limits()
        mask = self.read_mask()
        feedback.setProgress(40)
        deserts = find_deserts(units, self.min_missing, self.min_population, self.unit_size,
                               mask, feedback.isCanceled)
        if feedback.isCanceled():
            return
        feedback.setProgress(90)
        sink, dest_id = self.open_output(
            self.OUTPUT, qgs_fields(output_fields(*f.DESERT_FIELDS)), WKB_MULTIPOLYGON,
            self.crs, self.tr("OUTPUT: the deserts could not be written."))
        for desert in deserts:
            if feedback.isCanceled():
                return
            feature = QgsFeature()
            feature.setGeometry(from_shapely(desert.geometry, multi=True))
            feature.setAttributes([
                desert.desert_id, round(desert.area_ha, 4), desert.population, desert.n_units,
                desert.missing, rounded(desert.mean_score), desert.rank])
            sink.addFeature(feature, FAST_INSERT)
        self.log_summary(deserts, units)
        self.publish(self.OUTPUT, dest_id, DESERTS_STYLE)

    def read_mask(self):
        """RESIDENTIAL_MASK dissolved in the working CRS, or None when not given."""
        if self.mask_source is None:
            return None
        mask = self.read_dissolved(self.mask_source)
        if mask is None:
            raise QgsProcessingException(self.tr(
                "RESIDENTIAL_MASK \"{layer}\" holds no polygons: give residential areas, or "
                "leave it empty.").format(layer=self.mask_name))
        return mask

    def log_summary(self, deserts, units) -> None:
        feedback = self.feedback
        in_deserts = sum(desert.n_units for desert in deserts)
        # "label: count" reads right for 0, 1 and many
        feedback.pushInfo(self.tr("Deserts (places missing at least {min_missing} of the "
                                  "kinds scored): {count}; places in them: {units}; kinds "
                                  "scored: {kinds}.").format(
            count=len(deserts), units=in_deserts, min_missing=self.min_missing,
            kinds=len(units.kinds)))
        if units.population is not None:
            feedback.pushInfo(self.tr("People in deserts: {people:,.0f}.").format(
                people=sum(desert.population for desert in deserts)))
        if len(deserts) > 1 and in_deserts == len(deserts) and any(
                shape is not None and shape.geom_type == "Point" for shape in units.shapes):
            feedback.pushInfo(self.tr(
                "Every desert is a single place: if the points form a grid, set the cell size "
                "to its spacing so that neighbouring cells join."))

