"""assetgaps:accessscore — walking cost from every origin to each kind of asset, and a score."""

import numpy as np
from qgis.core import (QgsFeature, QgsField, QgsFields, QgsProcessingException,
                       QgsProcessingFeatureSource, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterNumber)
from shapely.ops import unary_union

from ..core import definitions as d
from ..core.access import (nearest_costs, overlay, score_origins, search_kind)
from ..core.catchments import area_within
from ..core.geometry import polygonal
from . import access_inputs as inputs
from .base import AssetGapsAlgorithm
from .layers import from_shapely, layer_label
from .qgis_compat import (FAST_INSERT, FIELD_DOUBLE, FIELD_INT, FIELD_STRING,
                          NUMBER_DOUBLE, WKB_MULTIPOLYGON)
from .sites import attach_sites
from .styles import ACCESS_SCORES, ACCESS_SURFACE, style_output

STATUS_OK = "ok"
STATUS_UNREACHED = "unreached"


def score_fields(kind_names):
    """The fields accessscore adds after the origin's own."""
    fields = []
    for name in kind_names:
        fields += [QgsField(f"{name}_cost", FIELD_DOUBLE), QgsField(f"{name}_ok", FIELD_INT)]
    return fields + [QgsField("status", FIELD_STRING), QgsField("n_reached", FIELD_INT),
                     QgsField("n_missing", FIELD_INT), QgsField("missing", FIELD_STRING),
                     QgsField("score", FIELD_DOUBLE)]


def merge_fields(own: QgsFields, added) -> tuple:
    """Origin fields without those the added fields replace, then the added ones.

    Returns (fields, indexes of the origin fields kept, names replaced)."""
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


class AccessScoreAlgorithm(AssetGapsAlgorithm):
    TRIM_DISTANCE = "TRIM_DISTANCE"
    OUTPUT = "OUTPUT"
    OUTPUT_SURFACE = "OUTPUT_SURFACE"

    def name(self) -> str:
        return "accessscore"

    def displayName(self) -> str:
        return self.tr("Multi-asset access score")

    def help_intro(self) -> str:
        return self.tr(
            "For every origin (home, grid cell, LSOA), the walking cost to the nearest asset "
            "of each kind, whether it is within that kind's threshold, how many kinds it "
            "reaches and a 0-100 score (weighted share of kinds reached).\n\n"
            "Each kind is one search over the network from all its assets at once. An origin "
            "farther than the snap distance from the network gets status 'unreached' and "
            "NULL results. A kind is costed up to three times its threshold; beyond that its "
            "cost is NULL.\n\nThe optional surface overlays every kind's catchment.")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        inputs.add_access_parameters(self)
        self.add_parameter(QgsProcessingParameterNumber(
            self.TRIM_DISTANCE, self.tr("Reach either side of a street (m)"), NUMBER_DOUBLE,
            defaultValue=d.DEFAULT_TRIM_M, minValue=0.0),
            self.tr("For the surface: how far either side of a reachable street counts."),
            advanced=True)
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Access scores")),
            self.tr("The origins with, per kind K, K_cost and K_ok; then status, "
                    "n_reached, n_missing, missing and score (0-100)."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_SURFACE, self.tr("Access surface"), optional=True,
            createByDefault=False),
            self.tr("The overlay of every kind's catchment: pieces with n_reached, reached "
                    "and missing."))

    def process(self, parameters, context, feedback):
        settings = self.network_settings(parameters, context)
        kinds = inputs.read_kinds(self, parameters, context, settings)
        network, crs = self.load_network(parameters, context, feedback)
        feedback.setProgress(10)
        origin_layer = inputs.read_origins(self, parameters, context, network, crs, settings,
                                           feedback)
        origins = origin_layer.origins
        costs = np.full((len(origin_layer.features), len(kinds)), np.inf)
        want_surface = self.OUTPUT_SURFACE in parameters and \
            parameters[self.OUTPUT_SURFACE] is not None
        trim = self.trim_distance(parameters, context)
        catchments = []
        for column, kind in enumerate(kinds):
            if feedback.isCanceled():
                return {}
            source = QgsProcessingFeatureSource(kind.layer, context)
            if source.featureCount() == 0:  # a kind nobody can reach: surely a wrong layer
                raise QgsProcessingException(self.tr(
                    "The layer \"{name}\" ({role}) has no features.").format(
                        name=layer_label(kind.layer), role=self.tr("assets")))
            sites = attach_sites(self, network, source, layer_label(kind.layer), crs, context,
                                 settings, feedback,
                                 role=self.tr("assets"), required=False)
            reach = search_kind(network, sites.seeds, kind.threshold_m, kind.bound_m)
            costs[:, column] = nearest_costs(network, reach.node_cost, sites.seeds, origins,
                                             kind.bound_m)
            if want_surface:
                catchments.append(area_within(network, reach.within, kind.threshold_m, trim,
                                              cancelled=feedback.isCanceled))
            feedback.setProgress(10 + 70 * (column + 1) / len(kinds))

        names = [kind.name for kind in kinds]
        scores = score_origins(costs, [k.threshold_m for k in kinds], [k.weight for k in kinds],
                               names)
        pieces = overlay(catchments, self.study_area(origin_layer, trim),
                         feedback.isCanceled) if want_surface else []
        # nothing is written until everything is computed, so a cancelled run leaves no
        # partial output behind
        if feedback.isCanceled():
            return {}
        results = {self.OUTPUT: self.write_scores(parameters, context, origin_layer, kinds,
                                                  costs, scores, settings, crs, feedback)}
        self.log_summary(kinds, origin_layer, scores, settings, feedback)
        if want_surface:
            results[self.OUTPUT_SURFACE] = self.write_surface(parameters, context, pieces,
                                                              names, crs)
        style_output(self, context, results[self.OUTPUT], ACCESS_SCORES)
        style_output(self, context, results.get(self.OUTPUT_SURFACE), ACCESS_SURFACE)
        feedback.setProgress(100)
        return results

    def write_scores(self, parameters, context, origin_layer, kinds, costs, scores, settings,
                     crs, feedback):
        fields, kept, replaced = merge_fields(origin_layer.source.fields(),
                                              score_fields([k.name for k in kinds]))
        if replaced:
            feedback.pushInfo(self.tr("Origin fields replaced by the new results: {names}")
                              .format(names=", ".join(replaced)))
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             origin_layer.source.wkbType(), crs)
        reached = origin_layer.origins.reached
        for row, feature in enumerate(origin_layer.features):
            attributes = [feature.attributes()[i] for i in kept]
            if reached[row]:
                for column in range(len(kinds)):
                    cost = costs[row, column]
                    attributes += [float(settings.to_cost(cost)) if np.isfinite(cost) else None,
                                   int(scores.ok[row, column])]
                attributes += [STATUS_OK, int(scores.n_reached[row]),
                               int(scores.n_missing[row]), scores.missing[row],
                               round(float(scores.score[row]), 2)]
            else:
                attributes += [None, None] * len(kinds) + [STATUS_UNREACHED, None, None, None,
                                                             None]
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(attributes)
            sink.addFeature(out, FAST_INSERT)
        return sink_id

    def log_summary(self, kinds, origin_layer, scores, settings, feedback):
        reached = origin_layer.origins.reached
        people = origin_layer.weights[reached]
        feedback.pushInfo(self.tr("Within reach ({count} origins on the network):")
                          .format(count=int(reached.sum())))
        for column, kind in enumerate(kinds):
            ok = scores.ok[reached, column]
            share = 100.0 * ok.mean() if len(ok) else 0.0
            line = self.tr("  {kind} within {threshold:g} {unit}: {share:.0f}% of origins") \
                .format(kind=kind.name, threshold=kind.threshold_cost, unit=settings.unit,
                        share=share)
            if origin_layer.population is not None and people.sum() > 0:
                line += self.tr(", {share:.0f}% of people").format(
                    share=100.0 * people[ok].sum() / people.sum())
            feedback.pushInfo(line)

    def write_surface(self, parameters, context, pieces, names, crs):
        fields = QgsFields()
        for field in (QgsField("n_reached", FIELD_INT), QgsField("reached", FIELD_STRING),
                      QgsField("missing", FIELD_STRING)):
            fields.append(field)
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT_SURFACE, context, fields,
                                             WKB_MULTIPOLYGON, crs)
        for piece, inside in pieces:
            feature = QgsFeature(fields)
            feature.setGeometry(from_shapely(piece, multi=True))
            feature.setAttributes([len(inside), ",".join(names[i] for i in inside),
                                   ",".join(n for i, n in enumerate(names) if i not in inside)])
            sink.addFeature(feature, FAST_INSERT)
        return sink_id

    @staticmethod
    def study_area(origin_layer, trim):
        """Where the surface is reported: polygon origins themselves, else the area around
        the point origins."""
        shapes = [s for s in origin_layer.shapes if s is not None]
        polygons = [s for s in shapes if s.geom_type in ("Polygon", "MultiPolygon")]
        if polygons:
            return polygonal(unary_union(polygons))
        return unary_union(shapes).convex_hull.buffer(trim)
