"""assetgaps:catchments — walking catchments (service areas) as exact polygons."""

import numpy as np
from qgis.core import QgsFeature, QgsField

from ..core import definitions as d
from ..core import fields as f
from ..core.catchments import (
    area_within,
    band_lines,
    catchment_polygons,
    per_facility_pieces,
    search,
    slope_effect,
)
from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from ..core.reach import merged_intervals
from .base import AssetGapsAlgorithm
from .layers import from_shapely, polyline
from .outputs import output_fields, qgs_fields
from .parameters import CatchmentParameters, NetworkParameters
from .qgis_compat import FAST_INSERT, FIELD_INT, WKB_LINESTRING, WKB_MULTIPOLYGON
from .styles import CATCHMENT_LINES, CATCHMENTS


class CatchmentsAlgorithm(NetworkParameters, CatchmentParameters, AssetGapsAlgorithm):
    ID = "catchments"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Network catchments (service areas)")
    HELP = QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT,
        "Walking catchments around facilities over a street and path network, as exact "
        "polygons.\n\nEvery facility joins the network at the nearest point of the "
        "nearest street (polygons such as parks are entered from their edge); one "
        "search per layer finds how far each street can be walked within each "
        "threshold, streets are cut exactly where the threshold is reached, and the "
        "reachable streets are buffered by the trim distance.\n\nOverlap: one polygon "
        "per facility and threshold, merged per threshold, or disjoint rings.")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        self.add_facility_parameters()
        self.add_trim_parameter(self.tr("How far either side of a reachable street the "
                                        "catchment reaches."))
        self.add_overlap_parameter()
        self.add_sink(self.OUTPUT, self.tr("Catchments"), self.tr(
            "Polygons with facility_id (per-facility overlap only), threshold, "
            "cost_type and area_m2; styled by threshold."))
        self.add_sink(self.OUTPUT_LINES, self.tr("Reachable network"), self.tr(
            "The streets and paths within each threshold, cut exactly where it is "
            "reached: threshold, cost_start, cost_end."), optional=True,
            create_by_default=False)

    def read_parameters(self, parameters, context):
        self.read_network_parameters(parameters, context)
        self.read_facility_parameters(parameters, context)
        self.overlap = self.parameterAsEnum(parameters, self.OVERLAP, context)

    def compute(self):
        feedback = self.feedback
        self.load_network()
        feedback.setProgress(10)
        sites = self.attach_sites(self.facilities, self.facilities_name,
                                  self.tr("facilities"), id_field=self.id_field)
        feedback.setProgress(20)
        metres = [self.settings.to_metres(t) for t in self.thresholds]
        if self.overlap == d.OVERLAP_PER_FACILITY:
            runs = per_facility_pieces(self.network, sites.seeds, max(metres),
                                       feedback.isCanceled, costs=self.costs)
            total = max(1, len(np.unique(sites.seeds.facility)))
        else:
            with self.stage(self.tr("search")):
                runs = [(None, search(self.network, sites.seeds, max(metres), self.costs))]
            total = 1
        want_lines = self.output_wanted(self.OUTPUT_LINES)
        polygons, lines = [], []
        runs = iter(runs)
        for done in range(1, total + 1):
            with self.stage(self.tr("search")):
                facility, pieces = next(runs, (None, None))
            if pieces is None:  # cancelled between facilities
                break
            facility_id = None if facility is None else sites.ids[facility]
            with self.stage(self.tr("polygons")):
                polygons += [(facility_id, catchment) for catchment in catchment_polygons(
                    self.network, pieces, metres, self.trim,
                    rings=self.overlap == d.OVERLAP_RINGS,
                    cancelled=feedback.isCanceled) if not catchment.polygon.is_empty]
            if want_lines:
                lines += [(facility_id, line)
                          for line in band_lines(self.network, pieces, metres)]
            feedback.setProgress(20 + 70 * done / total)
        # nothing is written until everything is computed, so a cancelled run leaves no
        # partial output behind
        if feedback.isCanceled():
            return
        id_type = self.facilities.fields().field(self.id_field).type() if self.id_field \
            else FIELD_INT
        with self.stage(self.tr("write")):
            self.write_polygons(polygons, id_type)
            self.write_lines(lines, id_type)
        self.log_slope_effect(sites.seeds, polygons)

    def log_slope_effect(self, seeds, polygons) -> None:
        """With slopes: the merged catchment of the first threshold with and without
        them. Merged or in rings, the catchment with slope is the one just built, so only
        the flat one is searched and built again; on a large network (more than
        SLOPE_EFFECT_MAX_AREA_PARTS parts of streets reached) the log compares the length
        of street reached instead, which costs a search rather than a polygon."""
        if self.costs is None or self.feedback.isCanceled():
            return
        threshold = self.thresholds[0]
        metres = self.settings.to_metres(threshold)
        flat_pieces = search(self.network, seeds, metres)
        edge, _, _ = merged_intervals(flat_pieces)
        if len(edge) > d.SLOPE_EFFECT_MAX_AREA_PARTS:
            effect = slope_effect(self.network, seeds, metres, self.costs)
            change = effect.length_slope_m / effect.length_flat_m - 1.0 \
                if effect.length_flat_m else 0.0
            self.feedback.pushInfo(self.tr(
                "Within {threshold:g} {unit}: {slope:,.1f} km of streets reached with slope, "
                "{flat:,.1f} km on the flat ({change:+.0%}); on a network this large the "
                "streets reached are compared rather than the areas.").format(
                    threshold=threshold, unit=self.settings.unit,
                    slope=effect.length_slope_m / 1000.0, flat=effect.length_flat_m / 1000.0,
                    change=change))
            return
        if self.overlap == d.OVERLAP_PER_FACILITY:
            effect = slope_effect(self.network, seeds, metres, self.costs, self.trim,
                                  self.feedback.isCanceled)
            slope_m2, flat_m2 = effect.area_slope_m2, effect.area_flat_m2
        else:
            slope_m2 = sum(catchment.polygon.area for _, catchment in polygons
                           if catchment.threshold == metres)
            flat_m2 = area_within(self.network, flat_pieces, metres, self.trim,
                                  cancelled=self.feedback.isCanceled).area
        if self.feedback.isCanceled():
            return
        change = slope_m2 / flat_m2 - 1.0 if flat_m2 else 0.0
        self.feedback.pushInfo(self.tr(
            "Within {threshold:g} {unit}: {slope:,.1f} ha with slope, {flat:,.1f} ha on the "
            "flat ({change:+.0%}).").format(
                threshold=threshold, unit=self.settings.unit, slope=slope_m2 / 10000.0,
                flat=flat_m2 / 10000.0, change=change))

    def write_polygons(self, polygons, id_type) -> None:
        settings = self.settings
        fields = qgs_fields([QgsField(f.FACILITY_ID, id_type)]
                            + output_fields(f.THRESHOLD, f.COST_TYPE, f.AREA_M2))
        sink, dest_id = self.open_output(self.OUTPUT, fields, WKB_MULTIPOLYGON, self.crs)
        cost_name = d.COST_TYPE_NAMES[settings.cost_type]
        areas = {}
        for facility_id, catchment in polygons:
            feature = QgsFeature()
            feature.setGeometry(from_shapely(catchment.polygon, multi=True))
            threshold = settings.to_cost(catchment.threshold)
            feature.setAttributes([facility_id, threshold, cost_name, catchment.polygon.area])
            sink.addFeature(feature, FAST_INSERT)
            areas[threshold] = areas.get(threshold, 0.0) + catchment.polygon.area
        lower = None
        for threshold, area in sorted(areas.items()):
            if self.overlap == d.OVERLAP_RINGS and lower is not None:
                # a ring holds only its band, not everything within its threshold
                line = self.tr("From {lower:g} to {threshold:g} {unit}: {ha:.1f} ha")
            else:
                line = self.tr("Within {threshold:g} {unit}: {ha:.1f} ha")
            self.feedback.pushInfo(line.format(lower=lower, threshold=threshold,
                                               unit=settings.unit, ha=area / 10000.0))
            lower = threshold
        self.publish(self.OUTPUT, dest_id, CATCHMENTS)

    def write_lines(self, lines, id_type) -> None:
        to_cost = self.settings.to_cost
        fields = qgs_fields([QgsField(f.FACILITY_ID, id_type)]
                            + output_fields(f.THRESHOLD, f.COST_START, f.COST_END))
        sink, dest_id = self.open_output(self.OUTPUT_LINES, fields, WKB_LINESTRING, self.crs)
        if sink is None:
            return
        for facility_id, line in lines:
            feature = QgsFeature()
            feature.setGeometry(polyline(line.coordinates))
            feature.setAttributes([facility_id, to_cost(line.threshold),
                                   to_cost(line.cost_start), to_cost(line.cost_end)])
            sink.addFeature(feature, FAST_INSERT)
        self.publish(self.OUTPUT_LINES, dest_id, CATCHMENT_LINES)
