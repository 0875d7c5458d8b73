"""assetgaps:networkcheck — can the network be trusted? Components, near misses, crossings."""

import numpy as np
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

from ..core import definitions as d
from ..core import fields as f
from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from ..core.topology import crossings_without_junction, edge_components, near_misses
from .base import AssetGapsAlgorithm
from .layers import polyline
from .outputs import output_fields, qgs_fields
from .parameters import NetworkCheckParameters, NetworkParameters
from .qgis_compat import FAST_INSERT, WKB_LINESTRING, WKB_POINT
from .styles import NETWORK_COMPONENTS, NETWORK_PROBLEMS


class NetworkCheckAlgorithm(NetworkParameters, NetworkCheckParameters, AssetGapsAlgorithm):
    ID = "networkcheck"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Check the network")
    HELP = QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT,
        "Finds what makes walking catchments wrong without warning: line ends that stop "
        "just short of another line (candidates for the join tolerance), lines that "
        "cross without a junction (bridges and tunnels are fine; anything else needs a "
        "shared vertex), and small disconnected components (islands).\n\nThe "
        "components output gives every network edge its component and that "
        "component's length, largest first (component 0).")

    def initAlgorithm(self, config=None):
        # the check measures no walks: no cost type, walking speed or ground heights
        self.add_network_parameters(with_costs=False, walks=False)
        self.add_near_distance_parameter()
        self.add_sink(self.OUTPUT, self.tr("Network problems"), self.tr(
            "Points with problem (dangling end near a line, lines cross without a "
            "junction, small component) and distance_m."))
        self.add_sink(self.OUTPUT_COMPONENTS, self.tr("Network components"), self.tr(
            "Every network edge with component_id (0 is the largest) and "
            "component_length_m."), optional=True)

    def read_parameters(self, parameters, context):
        self.read_near_distance_parameter(parameters, context)
        self.read_network_parameters(parameters, context)

    def compute(self):
        feedback = self.feedback
        self.load_network(with_lines=True)
        fields = qgs_fields(output_fields(f.PROBLEM, f.DISTANCE_M))
        sink, dest_id = self.open_output(self.OUTPUT, fields, WKB_POINT, self.crs)
        counts = {}

        def report(problem, xy, distance=None):
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
            feature.setAttributes([problem, distance])
            sink.addFeature(feature, FAST_INSERT)
            counts[problem] = counts.get(problem, 0) + 1

        ends, _, _, _, gaps, _ = near_misses(self.lines, self.near_distance)
        for xy, gap in zip(ends.tolist(), gaps.tolist()):
            if gap > d.JUNCTION_PRECISION_M:
                report(f.PROBLEM_DANGLING, xy, round(gap, 3))
        feedback.setProgress(40)
        if feedback.isCanceled():
            return
        for xy in crossings_without_junction(self.network).tolist():
            report(f.PROBLEM_CROSSING, xy)
        feedback.setProgress(70)
        component = self.network.cached("components", edge_components)
        lengths = np.bincount(component, weights=self.network.edge_length)
        small = np.flatnonzero(lengths < d.SMALL_COMPONENT_SHARE * lengths.sum())
        for label in small.tolist():
            first_edge = int(np.flatnonzero(component == label)[0])
            report(f.PROBLEM_SMALL_COMPONENT,
                   self.network.edge_coords(first_edge)[0].tolist(), None)
        feedback.pushInfo(self.tr("Components: {count}; the largest holds {share:.0f}% of "
                                  "the network's length.").format(
            count=len(lengths), share=100.0 * lengths.max() / lengths.sum()))
        for problem, count in sorted(counts.items()):
            feedback.pushInfo(self.tr("{problem}: {count}").format(problem=self.tr(problem),
                                                                     count=count))
        self.publish(self.OUTPUT, dest_id, NETWORK_PROBLEMS)
        self.write_components(component, lengths)

    def write_components(self, component, lengths) -> None:
        fields = qgs_fields(output_fields(f.COMPONENT_ID, f.COMPONENT_LENGTH_M))
        sink, dest_id = self.open_output(self.OUTPUT_COMPONENTS, fields, WKB_LINESTRING,
                                         self.crs)
        if sink is None:
            return
        for edge in range(self.network.edge_count):
            if edge % 10000 == 0 and self.feedback.isCanceled():
                return
            feature = QgsFeature(fields)
            feature.setGeometry(polyline(self.network.edge_coords(edge)))
            feature.setAttributes([int(component[edge]),
                                   round(float(lengths[component[edge]]), 1)])
            sink.addFeature(feature, FAST_INSERT)
        self.publish(self.OUTPUT_COMPONENTS, dest_id, NETWORK_COMPONENTS)
