"""assetgaps:scenario — what if we close some assets, or build new ones?"""

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsExpression, QgsExpressionContext, QgsFeature

from ..core import fields as f
from ..core.access import score_origins, score_shares
from ..core.attach import Seeds
from ..core.deserts import check_min_missing, locate_in_polygons
from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT, InputError
from ..core.scenario import (
    KIND_NEW_SITES_ONLY,
    KIND_SEARCHED_AGAIN,
    ScenarioScores,
    change_labels,
    count_changes,
    kind_index,
    scenario_costs,
    scenario_shares,
)
from ..core.shares import area_origins, origin_shares
from .base import AssetGapsAlgorithm
from .layers import features, is_true, to_shapely
from .outputs import kind_fields, output_fields, qgs_fields, rounded
from .parameters import (
    AssetParameters,
    DesertRuleParameters,
    NetworkParameters,
    OriginParameters,
    ScenarioParameters,
    TrimParameters,
)
from .qgis_compat import FAST_INSERT, SOURCE_POLYGON, SOURCE_TABLE, WKB_NO_GEOMETRY
from .styles import SCENARIO


class ScenarioAlgorithm(NetworkParameters, OriginParameters, AssetParameters,
                        ScenarioParameters, DesertRuleParameters, TrimParameters,
                        AssetGapsAlgorithm):
    ID = "scenario"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT,
                                     "What if? Close or build assets (scenario)")
    HELP = QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT,
        "Compares access before and after a change: assets that close (REMOVE, an "
        "expression evaluated on every asset layer) and new sites that open (ADD_SITES, "
        "of the kind ADD_KIND).\n\n"
        "The summary table has one row per kind: the people within reach of that kind "
        "before and after and the change (negative is a loss), and, the same on every "
        "row, the people living in deserts (places missing at least MIN_MISSING kinds) "
        "and the people-weighted mean score before and after.\n\n"
        "The origins output gives, per kind, K_ok_before and K_ok_after (1/0), "
        "K_share_before and K_share_after (the % of the origin's people within reach) and "
        "'change': 'lost' when the origin loses reach of any kind, 'gained' when it "
        "gains reach of a kind and loses none, 'same' otherwise. Origins off the network "
        "(status 'unreached') have NULL results and are left out of every total.\n\n"
        "Polygon origins are judged as in the access score: by default by the share of "
        "their area within each kind's catchment, so that the people within reach count "
        "by that share and K_ok is 1 when at least half of them are within reach.\n\n"
        "A layer on which REMOVE cannot be evaluated (it lacks a field the expression "
        "names) keeps all its assets, and the log says so. With ZONES, the optional "
        "zones output gives the same figures per zone.\n\n"
        "Only the kinds that change are searched again; new sites alone are one search "
        "of their own, combined with the existing assets.")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        self.add_origin_parameters(judged_by_area=True)
        self.add_asset_parameters()
        self.add_trim_parameter(self.tr("For the area shares of polygon origins: how far "
                                        "either side of a reachable street a catchment "
                                        "reaches."), advanced=True)
        self.add_change_parameters()
        self.add_desert_rule_parameters()
        self.add_optional_zones_parameter()
        self.add_sink(self.OUTPUT_SUMMARY, self.tr("Scenario summary"), self.tr(
            "A table, one row per kind: kind, pop_before, pop_after, pop_change, "
            "then desert_pop_before, desert_pop_after, mean_score_before and "
            "mean_score_after for the whole area."), SOURCE_TABLE)
        self.add_sink(self.OUTPUT, self.tr("Scenario origins"), self.tr(
            "The origins with K_ok_before, K_ok_after, K_share_before and K_share_after per "
            "kind K, status, "
            "n_missing_before, n_missing_after, score_before, score_after and "
            "change ('gained', 'lost', 'same'); styled by change."))
        self.add_sink(self.OUTPUT_ZONES, self.tr("Scenario by zone"), self.tr(
            "With ZONES: the zones with K_pop_before, K_pop_after and K_pop_change "
            "per kind K, then desert_pop_before, desert_pop_after, "
            "mean_score_before and mean_score_after."), SOURCE_POLYGON, optional=True)

    def read_parameters(self, parameters, context):
        self.read_network_parameters(parameters, context)
        self.read_asset_parameters(parameters, context)
        self.read_desert_rule_parameters(parameters, context)
        # MIN_MISSING above the number of kinds leaves only the deserts unknown: the
        # change per kind is still what was asked for
        self.deserts_unknown = None
        try:
            check_min_missing(self.min_missing, self.kind_names)
        except InputError as error:
            self.deserts_unknown = error
        self.read_change_parameters(parameters, context)
        self.added_kind = self.find_added_kind()
        self.read_origin_parameters(parameters, context)
        self.read_trim_parameter(parameters, context)

    # --- reading the change ---------------------------------------------------------------

    def find_added_kind(self) -> int:
        """Index of the kind the new sites belong to; -1 without new sites."""
        text, has_sites = self.add_kind_text, self.added_sites is not None
        if not text and (not has_sites or len(self.kinds) == 1):
            return 0 if has_sites else -1
        try:
            index = kind_index(text, self.kind_names)
        except InputError as error:
            self.raise_input_error(error)
        return index if has_sites else -1

    def closed_rows(self, source, name, ids) -> np.ndarray:
        """Rows (in the order of ``ids``) of the features of ``source`` (as the engine sees
        them) matching REMOVE; none when REMOVE cannot be evaluated on it (logged). The
        layer's variables come from the source, never from the layer itself, which
        belongs to another thread."""
        none = np.zeros(0, dtype=np.int64)
        if self.remove is None:
            return none
        expression = QgsExpression(self.remove)
        expression_context = QgsExpressionContext(self.context.expressionContext())
        scope = source.createExpressionContextScope()
        if scope is not None:
            expression_context.appendScope(scope)
        expression_context.setFields(source.fields())
        cannot = self.tr("REMOVE cannot be evaluated on \"{name}\" ({error}): all its assets "
                         "stay open.")
        if not expression.prepare(expression_context):
            self.feedback.pushWarning(cannot.format(name=name,
                                                    error=expression.evalErrorString()))
            return none
        matched = set()
        for feature in features(source, self.crs, self.context):
            expression_context.setFeature(feature)
            value = expression.evaluate(expression_context)
            if expression.hasEvalError():
                self.feedback.pushWarning(cannot.format(name=name,
                                                        error=expression.evalErrorString()))
                return none
            if is_true(value):
                matched.add(feature.id())
        rows = np.array([row for row, fid in enumerate(ids) if fid in matched], dtype=np.int64)
        self.feedback.pushInfo(self.tr("REMOVE on \"{name}\": assets: {total}; closed: "
                                       "{closed}.").format(closed=len(rows), total=len(ids),
                                                           name=name))
        return rows

    # --- the run --------------------------------------------------------------------------

    def compute(self):
        feedback, kinds = self.feedback, self.kinds
        if self.deserts_unknown is not None:
            feedback.pushWarning(self.tr(
                "The desert figures are left empty (NULL): {reason} Lower MIN_MISSING to at "
                "most the number of kinds to count deserts.").format(
                    reason=self.deserts_unknown.translated(lambda _context, text: self.tr(text))))
        if self.mask_ignored:
            feedback.pushWarning(self.tr(
                "RESIDENTIAL_MASK \"{layer}\" is ignored: it is used only for polygon "
                "origins judged by area share.").format(layer=self.mask_name))
        if self.add_kind_text and self.added_sites is None:
            feedback.pushInfo(self.tr("ADD_KIND is ignored: no new sites (ADD_SITES) were "
                                      "given."))
        self.log_thresholds(feedback)
        self.load_network()
        feedback.setProgress(10)
        self.origin_layer = self.read_origins()
        feedback.setProgress(20)
        seeds, closed = [], []
        for kind in kinds:
            if feedback.isCanceled():
                return
            sites = self.attach_sites(kind.source, kind.label, self.tr("assets"),
                                      required=False)
            seeds.append(sites.seeds)
            closed.append(self.closed_rows(kind.source, kind.label, sites.ids))
        added = Seeds.empty()
        if self.added_kind >= 0:
            added = self.attach_sites(self.added_sites, self.added_sites_name,
                                      self.tr("new sites"), required=False).seeds
        if not any(len(rows) for rows in closed) and not len(added):
            feedback.pushWarning(self.tr("The scenario changes nothing: no asset closes and "
                                         "no new site attaches to the network."))
        feedback.setProgress(30)
        thresholds = [kind.threshold_m for kind in kinds]
        costs = scenario_costs(self.network, self.origin_layer.origins, seeds, closed,
                               thresholds, added, self.added_kind, feedback.isCanceled,
                               lambda fraction: feedback.setProgress(30 + 50 * fraction),
                               costs=self.costs)
        if costs is None:
            return
        self.log_searches(costs.how)
        weights = [kind.weight for kind in kinds]
        if self.by_area:
            shares = self.area_shares(seeds, closed, costs.how, added)
            if shares is None:
                return
            before = score_shares(origin_shares(shares.before, costs.before, thresholds),
                                  weights, self.kind_names)
            after = score_shares(origin_shares(shares.after, costs.after, thresholds),
                                 weights, self.kind_names)
        else:
            before = score_origins(costs.before, thresholds, weights, self.kind_names)
            after = score_origins(costs.after, thresholds, weights, self.kind_names)
        self.scores = ScenarioScores(before, after, self.origin_layer.origins.reached,
                                     self.origin_layer.population, self.min_missing,
                                     self.min_population)
        labels = change_labels(self.scores.before.ok, self.scores.after.ok,
                               self.scores.scored)
        area = self.scores.group_totals(np.zeros(len(labels), dtype=np.int64), 1)
        if not self.write_origins(labels):
            return
        feedback.setProgress(85)
        self.write_summary(area)
        self.log_summary(area, labels)
        self.write_zones()

    def area_shares(self, seeds, closed, how, added):
        """The area shares of the polygon origins before and after the change; None when
        cancelled."""
        feedback = self.feedback
        mask = self.read_residential_mask(self.origin_layer.shapes)
        if feedback.isCanceled():
            return None
        area = area_origins(self.origin_layer.shapes, mask, feedback.isCanceled)
        unmasked = int(np.count_nonzero(area.unmasked))
        if unmasked:
            feedback.pushWarning(self.tr(
                "Polygon origins with no part in RESIDENTIAL_MASK \"{layer}\", whose whole "
                "area carries their people: {count}.").format(layer=self.mask_name,
                                                               count=unmasked))
        return scenario_shares(self.network, area, seeds, closed,
                               [kind.threshold_m for kind in self.kinds], self.trim, how,
                               added, self.added_kind, feedback.isCanceled,
                               lambda fraction: feedback.setProgress(80 + 4 * fraction),
                               costs=self.costs)

    # --- writing --------------------------------------------------------------------------

    def desert_figure(self, value):
        """A desert population for output: NULL when MIN_MISSING exceeds the kinds."""
        return float(value) if self.deserts_unknown is None else None

    def write_origins(self, labels) -> bool:
        """The OUTPUT layer; False when cancelled."""
        names, before, after = self.kind_names, self.scores.before, self.scores.after
        added = kind_fields(names, f.OK_BEFORE_SUFFIX, f.OK_AFTER_SUFFIX,
                            f.SHARE_BEFORE_SUFFIX, f.SHARE_AFTER_SUFFIX) + output_fields(
            f.STATUS, f.N_MISSING_BEFORE, f.N_MISSING_AFTER, f.SCORE_BEFORE, f.SCORE_AFTER,
            f.CHANGE)
        source = self.origin_layer.source
        sink, dest_id, fields, kept = self.open_output_over(
            self.OUTPUT, source, added, self.replaced_origin_fields(),
            self.tr("OUTPUT: the origins could not be written."))
        unreached = [None] * 4 * len(names) + [f.STATUS_UNREACHED, None, None, None, None,
                                               None]
        share_before, share_after = 100.0 * before.within_reach, 100.0 * after.within_reach

        def values(row):
            if not self.scores.scored[row]:
                return unreached
            found = []
            for column in range(len(names)):
                found += [int(before.ok[row, column]), int(after.ok[row, column]),
                          rounded(share_before[row, column]),
                          rounded(share_after[row, column])]
            return found + [f.STATUS_OK, int(before.n_missing[row]), int(after.n_missing[row]),
                            rounded(before.score[row]), rounded(after.score[row]), labels[row]]

        if not self.write_over_origins(sink, fields, kept, lambda rows: [
                values(row) for row in range(rows.start, rows.stop)]):
            return False
        self.publish(self.OUTPUT, dest_id, SCENARIO)
        return True

    def write_summary(self, area) -> None:
        fields = qgs_fields(output_fields(f.KIND, f.POP_BEFORE, f.POP_AFTER, f.POP_CHANGE,
                                          *f.AREA_TOTALS))
        sink, dest_id = self.open_output(
            self.OUTPUT_SUMMARY, fields, WKB_NO_GEOMETRY, QgsCoordinateReferenceSystem(),
            self.tr("OUTPUT_SUMMARY: the summary could not be written."))
        for column, name in enumerate(self.kind_names):
            feature = QgsFeature(fields)
            feature.setAttributes([
                name, float(area.pop_before[0, column]), float(area.pop_after[0, column]),
                float(area.pop_change[0, column]), self.desert_figure(area.desert_pop_before[0]),
                self.desert_figure(area.desert_pop_after[0]), rounded(area.mean_score_before[0]),
                rounded(area.mean_score_after[0])])
            sink.addFeature(feature, FAST_INSERT)
        self.publish(self.OUTPUT_SUMMARY, dest_id)

    def write_zones(self) -> None:
        """The per-zone figures when ZONES and OUTPUT_ZONES are both given."""
        if self.zones is None:
            return
        if not self.output_wanted(self.OUTPUT_ZONES):
            self.feedback.pushWarning(self.tr("ZONES is given but OUTPUT_ZONES is not: no "
                                              "per-zone results are written."))
            return
        zone_features = self.read_features(self.zones)
        if zone_features is None:
            return
        shapes = [to_shapely(feature.geometry()) for feature in zone_features]
        zone_of = locate_in_polygons(shapes, self.origin_layer.points,
                                     self.feedback.isCanceled)
        by_zone = self.scores.group_totals(zone_of, len(zone_features))
        added = kind_fields(self.kind_names, *f.ZONE_KIND_SUFFIXES) + \
            output_fields(*f.AREA_TOTALS)
        sink, dest_id, fields, kept = self.open_output_over(
            self.OUTPUT_ZONES, self.zones, added, self.replaced_zone_fields())
        if sink is None:
            return

        def values(z):
            found = []
            for column in range(len(self.kinds)):
                found += [float(by_zone.pop_before[z, column]),
                          float(by_zone.pop_after[z, column]),
                          float(by_zone.pop_change[z, column])]
            return found + [self.desert_figure(by_zone.desert_pop_before[z]),
                            self.desert_figure(by_zone.desert_pop_after[z]),
                            rounded(by_zone.mean_score_before[z]),
                            rounded(by_zone.mean_score_after[z])]

        self.write_over(sink, fields, kept, zone_features,
                        (values(z) for z in range(len(zone_features))))
        self.feedback.pushInfo(self.tr("{zones} zones; {outside} origins lie outside every "
                                       "zone.").format(zones=len(zone_features),
                                                       outside=int(np.count_nonzero(
                                                           zone_of < 0))))
        self.publish(self.OUTPUT_ZONES, dest_id)

    # --- the log --------------------------------------------------------------------------

    def log_searches(self, how) -> None:
        for kind, done in zip(self.kinds, how):
            if done == KIND_SEARCHED_AGAIN:
                self.feedback.pushInfo(self.tr("{kind}: searched again without the closed "
                                               "assets.").format(kind=kind.name))
            elif done == KIND_NEW_SITES_ONLY:
                self.feedback.pushInfo(self.tr("{kind}: one search from the new sites, "
                                               "combined with the existing assets.")
                                       .format(kind=kind.name))

    def log_summary(self, area, labels) -> None:
        feedback = self.feedback
        people = self.tr("people") if self.origin_layer.population is not None \
            else self.tr("origins")
        feedback.pushInfo(self.tr("Within reach, before -> after ({people}):")
                          .format(people=people))
        for column, name in enumerate(self.kind_names):
            feedback.pushInfo(self.tr("  {kind}: {before:,.0f} -> {after:,.0f} ({change:+,.0f})")
                              .format(kind=name, before=area.pop_before[0, column],
                                      after=area.pop_after[0, column],
                                      change=area.pop_change[0, column]))
        if self.deserts_unknown is None:
            feedback.pushInfo(self.tr("In deserts: {before:,.0f} -> {after:,.0f} {people}.")
                              .format(before=area.desert_pop_before[0],
                                      after=area.desert_pop_after[0], people=people))
        if area.mean_score_before[0] is not None:
            feedback.pushInfo(self.tr("Mean score: {before:.1f} -> {after:.1f}.").format(
                before=area.mean_score_before[0], after=area.mean_score_after[0]))
        gained, lost, same = count_changes(labels)
        feedback.pushInfo(self.tr("Origins: {gained} gained reach of a kind, {lost} lost "
                                  "reach of a kind, {same} unchanged.")
                          .format(gained=gained, lost=lost, same=same))
