"""assetgaps:accessscore — walking cost from every origin to each kind of asset, and a score."""

import numpy as np
from qgis.core import QgsFeature, QgsProcessingException
from shapely.ops import unary_union

from ..core import definitions as d
from ..core import fields as f
from ..core.access import nearest_costs, overlay, score_origins, search_kinds
from ..core.catchments import area_within
from ..core.definitions import MAJORITY_SHARE
from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from ..core.geometry import polygonal, running_beside
from ..core.shares import population_surface, score_by_area, search_for_area_shares
from .base import AssetGapsAlgorithm
from .layers import from_shapely
from .outputs import kind_fields, output_fields, qgs_fields, rounded_values
from .parameters import AssetParameters, NetworkParameters, OriginParameters, TrimParameters
from .qgis_compat import FAST_INSERT, WKB_MULTIPOLYGON
from .styles import ACCESS_SCORES, ACCESS_SURFACE


def score_fields(kind_names):
    """The fields accessscore adds after the origin's own."""
    return kind_fields(kind_names, f.COST_SUFFIX, f.SHARE_SUFFIX, f.OK_SUFFIX,
                       f.LIMIT_SUFFIX) + output_fields(*f.ORIGIN_SCORE_FIELDS,
                                                       f.ORIGIN_UNIT_FIELD)


class AccessScoreAlgorithm(NetworkParameters, OriginParameters, AssetParameters,
                           TrimParameters, AssetGapsAlgorithm):
    ID = "accessscore"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Multi-asset access score")
    HELP = QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT,
        "For every origin (home, grid cell, LSOA), the walking cost to the nearest asset "
        "of each kind, the share of its people within that kind's threshold, whether it "
        "reaches the kind, how many kinds it reaches and a 0-100 score (the weighted mean "
        "of the shares).\n\n"
        "A point origin is judged at its point: its share is 0 or 100. A polygon origin "
        "(output area, LSOA, grid cell) is judged by default by the share of its area "
        "within each kind's catchment (only its part in the residential mask, when one is "
        "given, carries people); it reaches a kind when at least half its people do. It "
        "can instead be judged at one point on its surface. Costs are walked from that "
        "point.\n\n"
        "Each kind is one search over the network from all its assets at once. An origin "
        "farther than the snap distance from the network (a polygon: no part of it "
        "within it) gets status 'unreached' and NULL results. A kind is costed up to three "
        "times its threshold; beyond that its cost is NULL.\n\n"
        "The optional surface overlays every kind's catchment; for polygon origins judged "
        "by area with a population field, its pieces carry their people.")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        self.add_origin_parameters(judged_by_area=True)
        self.add_asset_parameters()
        self.add_trim_parameter(self.tr("How far either side of a reachable street a "
                                        "catchment reaches: for the surface, and for the "
                                        "area shares of polygon origins."), advanced=True)
        self.add_sink(self.OUTPUT, self.tr("Access scores"), self.tr(
            "The origins with, per kind K, K_cost, K_share (% of the origin's people "
            "within reach), K_ok (1 when K_share is at least 50) and K_limit (the kind's "
            "reach threshold); then status, n_reached, n_missing, missing, score (0-100) "
            "and cost_type (the unit of the costs and limits)."))
        self.add_sink(self.OUTPUT_SURFACE, self.tr("Access surface"), self.tr(
            "The overlay of every kind's catchment: pieces with n_reached, reached "
            "and missing; for polygon origins judged by area, the pieces of each origin, "
            "with population when a population field is given."),
            optional=True, create_by_default=False)

    def read_parameters(self, parameters, context):
        self.read_network_parameters(parameters, context)
        self.read_asset_parameters(parameters, context)
        self.read_origin_parameters(parameters, context)
        self.read_trim_parameter(parameters, context)

    def compute(self):
        feedback, kinds = self.feedback, self.kinds
        self.log_thresholds(feedback)
        if self.mask_ignored:
            feedback.pushWarning(self.tr(
                "RESIDENTIAL_MASK \"{layer}\" is ignored: it is used only for polygon "
                "origins judged by area share.").format(layer=self.mask_name))
        self.load_network()
        feedback.setProgress(10)
        want_surface = self.output_wanted(self.OUTPUT_SURFACE)
        self.surface_people = None
        sites = []
        # the assets first: their searches run while the origins are read
        for kind in kinds:
            if feedback.isCanceled():
                return
            if kind.source.featureCount() == 0:  # a kind nobody can reach: a wrong layer
                raise QgsProcessingException(self.tr(
                    "The layer \"{name}\" ({role}) has no features.").format(
                        name=kind.label, role=self.tr("assets")))
            sites.append(self.attach_sites(kind.source, kind.label, self.tr("assets"),
                                           required=False))
        feedback.setProgress(15)
        found = self.scores_by_area(sites, want_surface) if self.by_area else \
            self.scores_at_points(sites, want_surface)
        # nothing is written until everything is computed, so a cancelled run leaves no
        # partial output behind
        if found is None or feedback.isCanceled():
            return
        costs, scores, pieces = found
        with self.stage(self.tr("write")):
            self.write_scores(costs, scores)
        self.log_summary(scores)
        if want_surface:
            with self.stage(self.tr("write")):
                self.write_surface(pieces)

    def scores_at_points(self, sites, want_surface):
        """Every origin judged at its point (a polygon at its point on surface): costs,
        scores and the surface pieces (piece, kinds inside); None when cancelled. The kinds
        are searched on a second thread while the origins are read and attached (the
        "search" stage is the wait for them once the origins are ready)."""
        feedback, kinds = self.feedback, self.kinds

        def search(stopped):
            return search_kinds(
                self.network, [kind_sites.seeds for kind_sites in sites],
                [k.bound_m for k in kinds], self.costs,
                thresholds=[k.threshold_m for k in kinds] if want_surface else None,
                cancelled=lambda: stopped() or feedback.isCanceled())

        with running_beside(search) as searched:
            # the surface's study area is drawn around the origins' shapes
            self.origin_layer = self.read_origins(keep_shapes=want_surface)
            feedback.setProgress(20)
            with self.stage(self.tr("search")):
                reaches = searched.result()
        if reaches is None:
            return None
        costs = np.full((len(self.origin_layer.fids), len(kinds)), np.inf)
        catchments = []
        for column, (kind, kind_sites, reach) in enumerate(zip(kinds, sites, reaches)):
            if feedback.isCanceled():
                return None
            if want_surface:
                with self.stage(self.tr("polygons")):
                    catchments.append(area_within(self.network, reach.within,
                                                  kind.threshold_m, self.trim,
                                                  cancelled=feedback.isCanceled))
            with self.stage(self.tr("search")):
                costs[:, column] = nearest_costs(self.network, reach.node_cost,
                                                 kind_sites.seeds, self.origin_layer.origins,
                                                 kind.bound_m, self.costs)
            feedback.setProgress(20 + 60 * (column + 1) / len(kinds))
        scores = score_origins(costs, [k.threshold_m for k in kinds], [k.weight for k in kinds],
                               self.kind_names)
        if not want_surface:
            return costs, scores, []
        with self.stage(self.tr("polygons")):
            pieces = overlay(catchments, self.study_area(), feedback.isCanceled)
        return costs, scores, pieces

    def scores_by_area(self, sites, want_surface):
        """Polygon origins judged by the share of their (masked) area within each kind's
        catchment: costs, scores and the surface pieces (SurfacePiece, of the reached
        origins); None when cancelled."""
        feedback, kinds = self.feedback, self.kinds
        seeds = [kind_sites.seeds for kind_sites in sites]

        def search(stopped):
            return search_for_area_shares(self.network, seeds, [k.bound_m for k in kinds],
                                          self.costs,
                                          lambda: stopped() or feedback.isCanceled())

        # the faces and the searches need no origins: they run while the origins are read
        with running_beside(search) as searched:
            origin_layer = self.origin_layer = self.read_origins(keep_shapes=want_surface)
            feedback.setProgress(20)
            mask = self.read_residential_mask(origin_layer.shapes)
            with self.stage(self.tr("search and area shares")):
                kind_costs = searched.result()
        if kind_costs is None or feedback.isCanceled():
            return None
        with self.stage(self.tr("search and area shares")):
            found = score_by_area(
                self.network, origin_layer.shapes, seeds, [k.threshold_m for k in kinds],
                [k.bound_m for k in kinds], [k.weight for k in kinds], self.kind_names,
                self.trim, self.settings.max_snap_m, mask, feedback.isCanceled,
                lambda fraction: feedback.setProgress(20 + 60 * fraction),
                origins=origin_layer.origins, costs=self.costs, kind_costs=kind_costs)
        if found is None:
            return None
        unmasked = int(np.count_nonzero(found.area.unmasked))
        if unmasked:
            feedback.pushWarning(self.tr(
                "Polygon origins with no part in RESIDENTIAL_MASK \"{layer}\", whose whole "
                "area carries their people: {count}.").format(layer=self.mask_name,
                                                               count=unmasked))
        pieces = []
        if want_surface:
            with self.stage(self.tr("polygons")):
                pieces = population_surface(found.area, found.catchments,
                                            origin_layer.population,
                                            include=origin_layer.origins.reached,
                                            cancelled=feedback.isCanceled)
            if origin_layer.population is not None:
                self.surface_people = (
                    sum(piece.population for piece in pieces),
                    float(origin_layer.population[origin_layer.origins.reached
                                                  & found.area.has_area].sum()))
        return found.costs, found.scores, pieces

    def write_scores(self, costs, scores) -> None:
        sink, dest_id, fields, kept = self.open_output_over(
            self.OUTPUT, self.origin_layer.source, score_fields(self.kind_names),
            self.replaced_origin_fields())
        if self.write_over_origins(sink, fields, kept,
                                   lambda rows: self.score_values(costs, scores, rows)):
            self.publish(self.OUTPUT, dest_id, ACCESS_SCORES)

    def score_values(self, costs, scores, rows: slice) -> list:
        """The values score_fields add to each origin of the slice ``rows``, built as one
        table of Python values (indexing numpy value by value is slow)."""
        limits = [kind.threshold_cost for kind in self.kinds]
        unit = d.COST_TYPE_NAMES[self.settings.cost_type]
        width = 4 * len(limits)
        reached = self.origin_layer.origins.reached[rows]
        table = np.empty((len(reached), width + 6), dtype=object)
        cost = self.settings.to_cost(costs[rows])
        table[:, 0:width:4] = np.where(np.isfinite(cost), cost, None)
        table[:, 1:width:4] = rounded_values(100.0 * scores.within_reach_at(rows))
        table[:, 2:width:4] = scores.ok[rows].astype(np.int64)
        table[:, 3:width:4] = np.array(limits, dtype=object)[None, :]
        table[:, width:] = np.array([f.STATUS_OK, None, None, None, None, unit], dtype=object)
        table[:, width + 1] = scores.n_reached[rows]
        table[:, width + 2] = scores.n_missing[rows]
        table[:, width + 3] = scores.missing[rows]
        table[:, width + 4] = rounded_values(scores.score[rows], 2)
        table[~reached] = np.array(
            [v for limit in limits for v in (None, None, None, limit)]
            + [f.STATUS_UNREACHED, None, None, None, None, unit], dtype=object)
        return table.tolist()

    def log_summary(self, scores) -> None:
        origin_layer = self.origin_layer
        reached = origin_layer.origins.reached
        people = origin_layer.weights[reached]
        self.feedback.pushInfo(self.tr("Within reach (origins on the network: {count}):")
                               .format(count=int(reached.sum())))
        within = scores.within_reach[reached]
        for column, kind in enumerate(self.kinds):
            ok = scores.ok[reached, column]
            share = 100.0 * ok.mean() if len(ok) else 0.0
            line = self.tr("  {kind} within {threshold:g} {unit}: {share:.0f}% of origins") \
                .format(kind=kind.name, threshold=kind.threshold_cost,
                        unit=self.settings.unit, share=share)
            if origin_layer.population is not None and people.sum() > 0:
                # each origin's people count by its share within reach (all or none at a
                # point)
                line += self.tr(", {share:.0f}% of people").format(
                    share=100.0 * (people * within[:, column]).sum() / people.sum())
            self.feedback.pushInfo(line)
        if self.by_area:
            self.feedback.pushInfo(self.tr(
                "Polygon origins judged by the share of their area within reach; an origin "
                "reaches a kind when at least {majority:g}% of its people do."
            ).format(majority=MAJORITY_SHARE))

    def write_surface(self, pieces) -> None:
        if self.by_area:
            self.write_population_surface(pieces)
            return
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

    def write_population_surface(self, pieces) -> None:
        """The pieces of the reached polygon origins cut by every kind's catchment, with
        their apportioned people when a population field is given."""
        names = self.kind_names
        with_people = self.origin_layer.population is not None
        surface_fields = f.SURFACE_FIELDS + ((f.POPULATION,) if with_people else ())
        fields = qgs_fields(output_fields(*surface_fields))
        sink, dest_id = self.open_output(self.OUTPUT_SURFACE, fields, WKB_MULTIPOLYGON,
                                         self.crs)
        for piece in pieces:
            feature = QgsFeature(fields)
            feature.setGeometry(from_shapely(piece.geometry, multi=True))
            values = [len(piece.inside), ",".join(names[i] for i in piece.inside),
                      ",".join(n for i, n in enumerate(names) if i not in piece.inside)]
            feature.setAttributes(values + ([piece.population] if with_people else []))
            sink.addFeature(feature, FAST_INSERT)
        if self.surface_people is not None:
            on_surface, of_origins = self.surface_people
            self.feedback.pushInfo(self.tr(
                "Access surface: {pieces} pieces holding {people:,.1f} people, of the "
                "{total:,.1f} living in the polygon origins on the network.").format(
                    pieces=len(pieces), people=on_surface, total=of_origins))
        self.publish(self.OUTPUT_SURFACE, dest_id, ACCESS_SURFACE)

    def study_area(self):
        """Where the surface is reported: polygon origins themselves, else the area around
        the point origins."""
        shapes = [s for s in self.origin_layer.shapes if s is not None]
        polygons = [s for s in shapes if s.geom_type in ("Polygon", "MultiPolygon")]
        if polygons:
            return polygonal(unary_union(polygons))
        return unary_union(shapes).convex_hull.buffer(self.trim)
