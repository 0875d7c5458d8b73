"""assetgaps:catchments — walking catchments (service areas) as exact polygons."""

import numpy as np
from qgis.core import (QgsFeature, QgsField, QgsFields, QgsProcessingException,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..core import definitions as d
from ..core.catchments import band_lines, catchment_polygons, per_facility_pieces, search
from ..core.errors import InputError
from ..core.thresholds import parse_thresholds
from .base import AssetGapsAlgorithm
from .layers import from_shapely, polyline
from .qgis_compat import (FAST_INSERT, FIELD_ANY, FIELD_DOUBLE, FIELD_INT, FIELD_STRING,
                          NUMBER_DOUBLE, SOURCE_POINT, SOURCE_POLYGON, WKB_LINESTRING,
                          WKB_MULTIPOLYGON)
from .sites import attach_sites
from .styles import CATCHMENT_LINES, CATCHMENTS, style_output


class CatchmentsAlgorithm(AssetGapsAlgorithm):
    FACILITIES = "FACILITIES"
    FACILITY_ID_FIELD = "FACILITY_ID_FIELD"
    THRESHOLDS = "THRESHOLDS"
    TRIM_DISTANCE = "TRIM_DISTANCE"
    OVERLAP = "OVERLAP"
    OUTPUT = "OUTPUT"
    OUTPUT_LINES = "OUTPUT_LINES"

    def name(self) -> str:
        return "catchments"

    def displayName(self) -> str:
        return self.tr("Network catchments (service areas)")

    def help_intro(self) -> str:
        return self.tr(
            "Walking catchments around facilities over a street and path network, as exact "
            "polygons.\n\nEvery facility joins the network at the nearest point of the "
            "nearest street (polygons such as parks are entered from their edge); one "
            "search per layer finds how far each street can be walked within each "
            "threshold, streets are cut exactly where the threshold is reached, and the "
            "reachable streets are buffered by the trim distance.\n\nOverlap: one polygon "
            "per facility and threshold, merged per threshold, or disjoint rings.")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.FACILITIES, self.tr("Facilities (assets)"), [SOURCE_POINT, SOURCE_POLYGON]),
            self.tr("Points or polygons: libraries, GP surgeries, parks..."))
        self.add_parameter(QgsProcessingParameterField(
            self.FACILITY_ID_FIELD, self.tr("Facility identifier"),
            parentLayerParameterName=self.FACILITIES, type=FIELD_ANY, optional=True),
            self.tr("Copied to the outputs; the feature id when empty."))
        self.add_parameter(QgsProcessingParameterString(
            self.THRESHOLDS, self.tr("Thresholds (comma-separated)"),
            defaultValue=d.DEFAULT_CATCHMENT_THRESHOLDS),
            self.tr("Breaks in minutes (walking time) or metres (network distance), "
                    "e.g. \"5, 10\"."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.TRIM_DISTANCE, self.tr("Reach either side of a street (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_TRIM_M, minValue=0.0),
            self.tr("How far either side of a reachable street the catchment reaches."))
        self.add_parameter(QgsProcessingParameterEnum(
            self.OVERLAP, self.tr("Overlap"),
            [self.tr("One polygon per facility and threshold"),
             self.tr("Merged per threshold"), self.tr("Rings (disjoint bands)")],
            defaultValue=d.OVERLAP_MERGED),
            self.tr("One polygon per facility and threshold (they overlap); one polygon per "
                    "threshold for all facilities, each containing the smaller ones; or rings, "
                    "each band from the previous threshold to its own."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Catchments")),
            self.tr("Polygons with facility_id (per-facility overlap only), threshold, "
                    "cost_type and area_m2; styled by threshold."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_LINES, self.tr("Reachable network"), optional=True,
            createByDefault=False),
            self.tr("The streets and paths within each threshold, cut exactly where it is "
                    "reached: threshold, cost_start, cost_end."))

    def process(self, parameters, context, feedback):
        settings = self.network_settings(parameters, context)
        try:
            thresholds = parse_thresholds(
                self.parameterAsString(parameters, self.THRESHOLDS, context), settings.cost_type)
        except InputError as error:
            self.raise_input_error(error)
        thresholds = sorted(set(thresholds))
        trim = self.trim_distance(parameters, context)
        overlap = self.parameterAsEnum(parameters, self.OVERLAP, context)
        facilities = self.parameterAsSource(parameters, self.FACILITIES, context)
        if facilities is None:
            raise QgsProcessingException(self.tr("FACILITIES: the layer could not be read."))
        id_field = self.field_parameter(parameters, self.FACILITY_ID_FIELD, facilities,
                                        self.FACILITIES, context)

        network, crs = self.load_network(parameters, context, feedback)
        feedback.setProgress(10)
        sites = attach_sites(self, network, facilities,
                             self.layer_label(parameters, self.FACILITIES, context), crs,
                             context, settings, feedback,
                             id_field=id_field, role=self.tr("facilities"))
        feedback.setProgress(20)

        metres = [settings.to_metres(t) for t in thresholds]
        if overlap == d.OVERLAP_PER_FACILITY:
            runs = per_facility_pieces(network, sites.seeds, max(metres), feedback.isCanceled)
            total = max(1, len(np.unique(sites.seeds.facility)))
        else:
            runs = [(None, search(network, sites.seeds, max(metres)))]
            total = 1
        want_lines = parameters.get(self.OUTPUT_LINES) is not None
        polygons, lines = [], []
        for done, (facility, pieces) in enumerate(runs, start=1):
            facility_id = None if facility is None else sites.ids[facility]
            polygons += [(facility_id, catchment) for catchment in catchment_polygons(
                network, pieces, metres, trim, rings=overlap == d.OVERLAP_RINGS,
                cancelled=feedback.isCanceled) if not catchment.polygon.is_empty]
            if want_lines:
                lines += [(facility_id, line) for line in band_lines(network, pieces, metres)]
            feedback.setProgress(20 + 70 * done / total)
        # nothing is written until everything is computed, so a cancelled run leaves no
        # partial output behind
        if feedback.isCanceled():
            return {}
        return self.write_outputs(parameters, context, settings, crs, facilities, id_field,
                                  polygons, lines, feedback)

    def write_outputs(self, parameters, context, settings, crs, facilities, id_field,
                      polygons, lines, feedback):
        id_type = facilities.fields().field(id_field).type() if id_field else FIELD_INT
        polygon_sink, polygon_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, self._fields(id_type, lines=False),
            WKB_MULTIPOLYGON, crs)
        cost_name = d.COST_TYPE_NAMES[settings.cost_type]
        areas = {}
        for facility_id, catchment in polygons:
            feature = QgsFeature()
            feature.setGeometry(from_shapely(catchment.polygon, multi=True))
            threshold = settings.to_cost(catchment.threshold)
            feature.setAttributes([facility_id, threshold, cost_name, catchment.polygon.area])
            polygon_sink.addFeature(feature, FAST_INSERT)
            areas[threshold] = areas.get(threshold, 0.0) + catchment.polygon.area
        for threshold, area in sorted(areas.items()):
            feedback.pushInfo(self.tr("Within {threshold:g} {unit}: {ha:.1f} ha").format(
                threshold=threshold, unit=settings.unit, ha=area / 10000.0))
        results = {self.OUTPUT: polygon_id}
        line_sink, line_id = self.parameterAsSink(
            parameters, self.OUTPUT_LINES, context, self._fields(id_type, lines=True),
            WKB_LINESTRING, crs)
        if line_sink is not None:
            for facility_id, line in lines:
                feature = QgsFeature()
                feature.setGeometry(polyline(line.coordinates))
                feature.setAttributes([facility_id, settings.to_cost(line.threshold),
                                       settings.to_cost(line.cost_start),
                                       settings.to_cost(line.cost_end)])
                line_sink.addFeature(feature, FAST_INSERT)
            results[self.OUTPUT_LINES] = line_id
        style_output(self, context, results[self.OUTPUT], CATCHMENTS)
        style_output(self, context, results.get(self.OUTPUT_LINES), CATCHMENT_LINES)
        feedback.setProgress(100)
        return results

    @staticmethod
    def _fields(id_type, lines: bool) -> QgsFields:
        fields = QgsFields()
        fields.append(QgsField("facility_id", id_type))
        fields.append(QgsField("threshold", FIELD_DOUBLE))
        if lines:
            fields.append(QgsField("cost_start", FIELD_DOUBLE))
            fields.append(QgsField("cost_end", FIELD_DOUBLE))
        else:
            fields.append(QgsField("cost_type", FIELD_STRING))
            fields.append(QgsField("area_m2", FIELD_DOUBLE))
        return fields
