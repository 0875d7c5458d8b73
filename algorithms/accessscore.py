"""assetgaps:accessscore — walking cost from every origin to each kind of asset, and a score."""

import numpy as np
from qgis.core import QgsFeature, QgsProcessingException
from shapely.ops import unary_union

from ..core import fields as f
from ..core.access import nearest_costs, overlay, score_origins, search_kind
from ..core.catchments import area_within
from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from ..core.geometry import polygonal
from ..core.search import node_costs
from .base import AssetGapsAlgorithm
from .layers import from_shapely
from .outputs import kind_fields, output_fields, qgs_fields
from .parameters import AssetParameters, NetworkParameters, OriginParameters, TrimParameters
from .qgis_compat import FAST_INSERT, WKB_MULTIPOLYGON
from .styles import ACCESS_SCORES, ACCESS_SURFACE


def score_fields(kind_names):
    """The fields accessscore adds after the origin's own."""
    return kind_fields(kind_names, f.COST_SUFFIX, f.OK_SUFFIX) + \
        output_fields(*f.ORIGIN_SCORE_FIELDS)


class AccessScoreAlgorithm(NetworkParameters, OriginParameters, AssetParameters,
                           TrimParameters, AssetGapsAlgorithm):
    ID = "accessscore"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Multi-asset access score")
    HELP = QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT,
        "For every origin (home, grid cell, LSOA), the walking cost to the nearest asset "
        "of each kind, whether it is within that kind's threshold, how many kinds it "
        "reaches and a 0-100 score (weighted share of kinds reached).\n\n"
        "Each kind is one search over the network from all its assets at once. An origin "
        "farther than the snap distance from the network gets status 'unreached' and "
        "NULL results. A kind is costed up to three times its threshold; beyond that its "
        "cost is NULL.\n\nThe optional surface overlays every kind's catchment.")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        self.add_origin_parameters()
        self.add_asset_parameters()
        self.add_trim_parameter(self.tr("For the surface: how far either side of a reachable "
                                        "street counts."), advanced=True)
        self.add_sink(self.OUTPUT, self.tr("Access scores"), self.tr(
            "The origins with, per kind K, K_cost and K_ok; then status, "
            "n_reached, n_missing, missing and score (0-100)."))
        self.add_sink(self.OUTPUT_SURFACE, self.tr("Access surface"), self.tr(
            "The overlay of every kind's catchment: pieces with n_reached, reached "
            "and missing."), optional=True, create_by_default=False)

    def read_parameters(self, parameters, context):
        self.read_network_parameters(parameters, context)
        self.read_asset_parameters(parameters, context)
        self.read_origin_parameters(parameters, context)
        self.read_trim_parameter(parameters, context)

    def compute(self):
        feedback, kinds = self.feedback, self.kinds
        self.load_network()
        feedback.setProgress(10)
        self.origin_layer = self.read_origins()
        costs = np.full((len(self.origin_layer.features), len(kinds)), np.inf)
        want_surface = self.output_wanted(self.OUTPUT_SURFACE)
        catchments = []
        for column, kind in enumerate(kinds):
            if feedback.isCanceled():
                return
            if kind.source.featureCount() == 0:  # a kind nobody can reach: a wrong layer
                raise QgsProcessingException(self.tr(
                    "The layer \"{name}\" ({role}) has no features.").format(
                        name=kind.label, role=self.tr("assets")))
            sites = self.attach_sites(kind.source, kind.label, self.tr("assets"),
                                      required=False)
            if want_surface:
                reach = search_kind(self.network, sites.seeds, kind.threshold_m, kind.bound_m,
                                    self.costs)
                node_cost = reach.node_cost
                catchments.append(area_within(self.network, reach.within, kind.threshold_m,
                                              self.trim, cancelled=feedback.isCanceled))
            else:  # the reachable parts are only needed for the surface
                node_cost = node_costs(self.network, sites.seeds, kind.bound_m,
                                       costs=self.costs)
            costs[:, column] = nearest_costs(self.network, node_cost, sites.seeds,
                                             self.origin_layer.origins, kind.bound_m,
                                             self.costs)
            feedback.setProgress(10 + 70 * (column + 1) / len(kinds))
        scores = score_origins(costs, [k.threshold_m for k in kinds], [k.weight for k in kinds],
                               self.kind_names)
        pieces = overlay(catchments, self.study_area(), feedback.isCanceled) \
            if want_surface else []
        # nothing is written until everything is computed, so a cancelled run leaves no
        # partial output behind
        if feedback.isCanceled():
            return
        self.write_scores(costs, scores)
        self.log_summary(scores)
        if want_surface:
            self.write_surface(pieces)

    def write_scores(self, costs, scores) -> None:
        origin_layer, to_cost = self.origin_layer, self.settings.to_cost
        sink, dest_id, fields, kept = self.open_output_over(
            self.OUTPUT, origin_layer.source, score_fields(self.kind_names),
            self.replaced_origin_fields())
        reached = origin_layer.origins.reached
        unreached = [None, None] * len(self.kinds) + [f.STATUS_UNREACHED, None, None, None,
                                                      None]

        def values(row):
            if not reached[row]:
                return unreached
            found = []
            for column in range(len(self.kinds)):
                cost = costs[row, column]
                found += [float(to_cost(cost)) if np.isfinite(cost) else None,
                          int(scores.ok[row, column])]
            return found + [f.STATUS_OK, int(scores.n_reached[row]),
                            int(scores.n_missing[row]), scores.missing[row],
                            round(float(scores.score[row]), 2)]

        self.write_over(sink, fields, kept, origin_layer.features,
                        (values(row) for row in range(len(origin_layer.features))))
        self.publish(self.OUTPUT, dest_id, ACCESS_SCORES)

    def log_summary(self, scores) -> None:
        origin_layer = self.origin_layer
        reached = origin_layer.origins.reached
        people = origin_layer.weights[reached]
        self.feedback.pushInfo(self.tr("Within reach ({count} origins on the network):")
                               .format(count=int(reached.sum())))
        for column, kind in enumerate(self.kinds):
            ok = scores.ok[reached, column]
            share = 100.0 * ok.mean() if len(ok) else 0.0
            line = self.tr("  {kind} within {threshold:g} {unit}: {share:.0f}% of origins") \
                .format(kind=kind.name, threshold=kind.threshold_cost,
                        unit=self.settings.unit, share=share)
            if origin_layer.population is not None and people.sum() > 0:
                line += self.tr(", {share:.0f}% of people").format(
                    share=100.0 * people[ok].sum() / people.sum())
            self.feedback.pushInfo(line)

    def write_surface(self, pieces) -> None:
        names = self.kind_names
        fields = qgs_fields(output_fields(*f.SURFACE_FIELDS))
        sink, dest_id = self.open_output(self.OUTPUT_SURFACE, fields, WKB_MULTIPOLYGON,
                                         self.crs)
        for piece, inside in pieces:
            feature = QgsFeature(fields)
            feature.setGeometry(from_shapely(piece, multi=True))
            feature.setAttributes([len(inside), ",".join(names[i] for i in inside),
                                   ",".join(n for i, n in enumerate(names) if i not in inside)])
            sink.addFeature(feature, FAST_INSERT)
        self.publish(self.OUTPUT_SURFACE, dest_id, ACCESS_SURFACE)

    def study_area(self):
        """Where the surface is reported: polygon origins themselves, else the area around
        the point origins."""
        shapes = [s for s in self.origin_layer.shapes if s is not None]
        polygons = [s for s in shapes if s.geom_type in ("Polygon", "MultiPolygon")]
        if polygons:
            return polygonal(unary_union(polygons))
        return unary_union(shapes).convex_hull.buffer(self.trim)
