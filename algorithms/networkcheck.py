"""assetgaps:networkcheck — can the network be trusted? Components, near misses, crossings."""

import numpy as np
from qgis.core import (QgsFeature, QgsField, QgsFields, QgsGeometry, QgsPointXY,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterNumber)

from ..core import definitions as d
from ..core.topology import crossings_without_junction, edge_components, near_misses
from .base import AssetGapsAlgorithm
from .layers import polyline
from .qgis_compat import (FAST_INSERT, FIELD_DOUBLE, FIELD_INT, FIELD_STRING, NUMBER_DOUBLE,
                          WKB_LINESTRING, WKB_POINT)
from .styles import NETWORK_COMPONENTS, NETWORK_PROBLEMS, style_output

PROBLEM_DANGLING = "dangling end near a line"
PROBLEM_CROSSING = "lines cross without a junction"
PROBLEM_SMALL_COMPONENT = "small component"


class NetworkCheckAlgorithm(AssetGapsAlgorithm):
    NEAR_DISTANCE = "NEAR_DISTANCE"
    OUTPUT = "OUTPUT"
    OUTPUT_COMPONENTS = "OUTPUT_COMPONENTS"

    def name(self) -> str:
        return "networkcheck"

    def displayName(self) -> str:
        return self.tr("Check the network")

    def help_intro(self) -> str:
        return self.tr(
            "Finds what makes walking catchments wrong without warning: line ends that stop "
            "just short of another line (candidates for the join tolerance), lines that "
            "cross without a junction (bridges and tunnels are fine; anything else needs a "
            "shared vertex), and small disconnected components (islands).\n\nThe "
            "components output gives every network edge its component and that "
            "component's length, largest first (component 0).")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        self.add_parameter(QgsProcessingParameterNumber(
            self.NEAR_DISTANCE, self.tr("Near-miss distance (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_NEAR_DISTANCE_M, minValue=0.0),
            self.tr("Line ends closer than this to another line, without touching it, are "
                    "reported."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Network problems")),
            self.tr("Points with problem (dangling end near a line, lines cross without a "
                    "junction, small component) and distance_m."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_COMPONENTS, self.tr("Network components"), optional=True),
            self.tr("Every network edge with component_id (0 is the largest) and "
                    "component_length_m."))

    def process(self, parameters, context, feedback):
        near = self.parameterAsDouble(parameters, self.NEAR_DISTANCE, context)
        network, crs, lines = self.load_network(parameters, context, feedback,
                                                with_lines=True)
        fields = QgsFields()
        for field in (QgsField("problem", FIELD_STRING), QgsField("distance_m", FIELD_DOUBLE)):
            fields.append(field)
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             WKB_POINT, crs)
        counts = {}

        def report(problem, xy, distance=None):
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
            feature.setAttributes([problem, distance])
            sink.addFeature(feature, FAST_INSERT)
            counts[problem] = counts.get(problem, 0) + 1

        ends, _, _, _, gaps, _ = near_misses(lines, near)
        for xy, gap in zip(ends.tolist(), gaps.tolist()):
            if gap > d.JUNCTION_PRECISION_M:
                report(PROBLEM_DANGLING, xy, round(gap, 3))
        feedback.setProgress(40)
        if feedback.isCanceled():
            return {}
        for xy in crossings_without_junction(network).tolist():
            report(PROBLEM_CROSSING, xy)
        feedback.setProgress(70)
        component = network.cached("components", edge_components)
        lengths = np.bincount(component, weights=network.edge_length)
        small = np.flatnonzero(lengths < d.SMALL_COMPONENT_SHARE * lengths.sum())
        for label in small.tolist():
            first_edge = int(np.flatnonzero(component == label)[0])
            report(PROBLEM_SMALL_COMPONENT, network.edge_coords(first_edge)[0].tolist(),
                   None)
        feedback.pushInfo(self.tr("Components: {count}; the largest holds {share:.0f}% of "
                                  "the network's length.").format(
            count=len(lengths), share=100.0 * lengths.max() / lengths.sum()))
        for problem, count in sorted(counts.items()):
            feedback.pushInfo(self.tr("{problem}: {count}").format(problem=self.tr(problem),
                                                                     count=count))
        results = {self.OUTPUT: sink_id}
        component_fields = QgsFields()
        for field in (QgsField("component_id", FIELD_INT),
                      QgsField("component_length_m", FIELD_DOUBLE)):
            component_fields.append(field)
        edges_sink, edges_id = self.parameterAsSink(
            parameters, self.OUTPUT_COMPONENTS, context, component_fields, WKB_LINESTRING, crs)
        if edges_sink is not None:
            for edge in range(network.edge_count):
                if edge % 10000 == 0 and feedback.isCanceled():
                    return {}
                feature = QgsFeature(component_fields)
                feature.setGeometry(polyline(network.edge_coords(edge)))
                feature.setAttributes([int(component[edge]),
                                       round(float(lengths[component[edge]]), 1)])
                edges_sink.addFeature(feature, FAST_INSERT)
            results[self.OUTPUT_COMPONENTS] = edges_id
        style_output(self, context, sink_id, NETWORK_PROBLEMS)
        style_output(self, context, results.get(self.OUTPUT_COMPONENTS), NETWORK_COMPONENTS)
        feedback.setProgress(100)
        return results
