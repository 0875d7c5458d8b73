"""assetgaps:scenario — what if we close some assets, or build new ones?"""

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsExpression, QgsExpressionContext,
                       QgsFeature, QgsField, QgsFields, QgsProcessingException,
                       QgsProcessingFeatureSource,
                       QgsProcessingParameterExpression, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from ..core import definitions as d
from ..core.access import score_origins
from ..core.attach import Seeds
from ..core.deserts import DEFAULT_MIN_POPULATION, check_min_missing, locate_in_polygons, \
    unit_points
from ..core.errors import InputError
from ..core.scenario import (KIND_NEW_SITES_ONLY, KIND_SEARCHED_AGAIN, change_labels,
                             count_changes, group_totals, kind_index, scenario_costs)
from . import access_inputs as inputs
from .accessscore import STATUS_OK, STATUS_UNREACHED, merge_fields
from .base import AssetGapsAlgorithm
from .deserts import MIN_MISSING, MIN_POPULATION
from .layers import features, layer_label, to_shapely
from .qgis_compat import (FAST_INSERT, FIELD_DOUBLE, FIELD_INT, FIELD_STRING, NUMBER_DOUBLE,
                          NUMBER_INTEGER, SOURCE_POINT, SOURCE_POLYGON, SOURCE_TABLE,
                          WKB_NO_GEOMETRY)
from .sites import attach_sites
from .styles import SCENARIO, style_output

SCORE_DIGITS = 2


def _is_true(value) -> bool:
    """An expression result as a filter sees it: NULL is false."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return False
    return bool(value)


def _rounded(value):
    """A score rounded for output, None for None."""
    return None if value is None else round(float(value), SCORE_DIGITS)


class ScenarioAlgorithm(AssetGapsAlgorithm):
    REMOVE = "REMOVE"
    ADD_SITES = "ADD_SITES"
    ADD_KIND = "ADD_KIND"
    ZONES = "ZONES"
    OUTPUT = "OUTPUT"
    OUTPUT_SUMMARY = "OUTPUT_SUMMARY"
    OUTPUT_ZONES = "OUTPUT_ZONES"

    def name(self) -> str:
        return "scenario"

    def displayName(self) -> str:
        return self.tr("What if? Close or build assets (scenario)")

    def help_intro(self) -> str:
        return self.tr(
            "Compares access before and after a change: assets that close (REMOVE, an "
            "expression evaluated on every asset layer) and new sites that open (ADD_SITES, "
            "of the kind ADD_KIND).\n\n"
            "The summary table has one row per kind: the people within reach of that kind "
            "before and after and the change (negative is a loss), and, the same on every "
            "row, the people living in deserts (places missing at least MIN_MISSING kinds) "
            "and the people-weighted mean score before and after.\n\n"
            "The origins output gives, per kind, K_ok_before and K_ok_after (1/0) and "
            "'change': 'lost' when the origin loses reach of any kind, 'gained' when it "
            "gains reach of a kind and loses none, 'same' otherwise. Origins off the network "
            "(status 'unreached') have NULL results and are left out of every total.\n\n"
            "A layer on which REMOVE cannot be evaluated (it lacks a field the expression "
            "names) keeps all its assets, and the log says so. With ZONES, the optional "
            "zones output gives the same figures per zone.\n\n"
            "Only the kinds that change are searched again; new sites alone are one search "
            "of their own, combined with the existing assets.")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        inputs.add_access_parameters(self)
        self.add_parameter(QgsProcessingParameterExpression(
            self.REMOVE, self.tr("Assets that close (expression)"), optional=True),
            self.tr("Evaluated on every asset layer: matching features close. A layer "
                    "lacking a field the expression names keeps all its assets."))
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ADD_SITES, self.tr("New sites"), [SOURCE_POINT], optional=True),
            self.tr("Points where new assets open."))
        self.add_parameter(QgsProcessingParameterString(
            self.ADD_KIND, self.tr("Kind of the new sites"), optional=True),
            self.tr("The kind name the new sites belong to, as in the kind names (or the "
                    "asset layer's name). May be left empty when there is one kind."))
        self.add_parameter(QgsProcessingParameterNumber(
            MIN_MISSING, self.tr("Kinds missing to be a desert"), NUMBER_INTEGER,
            defaultValue=d.DEFAULT_MIN_MISSING, minValue=1),
            self.tr("A place is in a desert when it cannot walk to at least this many kinds "
                    "of asset."))
        self.add_parameter(QgsProcessingParameterNumber(
            MIN_POPULATION, self.tr("Fewest people in a desert place"), NUMBER_DOUBLE,
            defaultValue=DEFAULT_MIN_POPULATION, minValue=0.0),
            self.tr("Places with fewer people are not deserts (ignored without a population "
                    "field)."), advanced=True)
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ZONES, self.tr("Zones (wards, LSOAs)"), [SOURCE_POLYGON], optional=True),
            self.tr("For the zones output: the changes summed per zone. An origin belongs "
                    "to the zone holding its point."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_SUMMARY, self.tr("Scenario summary"), SOURCE_TABLE),
            self.tr("A table, one row per kind: kind, pop_before, pop_after, pop_change, "
                    "then desert_pop_before, desert_pop_after, mean_score_before and "
                    "mean_score_after for the whole area."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Scenario origins")),
            self.tr("The origins with K_ok_before and K_ok_after per kind K, status, "
                    "n_missing_before, n_missing_after, score_before, score_after and "
                    "change ('gained', 'lost', 'same'); styled by change."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_ZONES, self.tr("Scenario by zone"), SOURCE_POLYGON, optional=True),
            self.tr("With ZONES: the zones with K_pop_before, K_pop_after and K_pop_change "
                    "per kind K, then desert_pop_before, desert_pop_after, "
                    "mean_score_before and mean_score_after."))

    # --- reading the change ---------------------------------------------------------------

    def remove_expression(self, parameters, context):
        """The REMOVE expression, None when empty; a parser error is a clear error."""
        # parameterAsExpression gives "" for an expression that does not parse
        text = self.parameterAsString(parameters, self.REMOVE, context)
        if not text or not text.strip():
            return None
        expression = QgsExpression(text)
        if expression.hasParserError():
            raise QgsProcessingException(self.tr("REMOVE is not a valid expression: {error}")
                                         .format(error=expression.parserErrorString()))
        return text

    def added_kind(self, parameters, context, names, feedback) -> int:
        """Index of the kind the new sites belong to; -1 without new sites."""
        text = (self.parameterAsString(parameters, self.ADD_KIND, context) or "").strip()
        has_sites = self.parameterAsSource(parameters, self.ADD_SITES, context) is not None
        if not text and (not has_sites or len(names) == 1):
            return 0 if has_sites else -1
        try:
            index = kind_index(text, names)
        except InputError as error:
            self.raise_input_error(error)
        if not has_sites:
            feedback.pushInfo(self.tr("ADD_KIND is ignored: no new sites (ADD_SITES) were "
                                      "given."))
            return -1
        return index

    def closed_rows(self, source, name, ids, text, crs, context, feedback) -> np.ndarray:
        """Rows (in the order of ``ids``) of the features of ``source`` (in ``crs`` as the
        engine sees them) matching REMOVE; none when REMOVE cannot be evaluated on it
        (logged). The layer's variables come from the source, never from the layer itself,
        which belongs to another thread."""
        none = np.zeros(0, dtype=np.int64)
        if text is None:
            return none
        expression = QgsExpression(text)
        expression_context = QgsExpressionContext(context.expressionContext())
        scope = source.createExpressionContextScope()
        if scope is not None:
            expression_context.appendScope(scope)
        expression_context.setFields(source.fields())
        if not expression.prepare(expression_context):
            feedback.pushWarning(self.tr(
                "REMOVE cannot be evaluated on \"{name}\" ({error}): all its assets stay "
                "open.").format(name=name, error=expression.evalErrorString()))
            return none
        matched = set()
        for feature in features(source, crs, context):
            expression_context.setFeature(feature)
            value = expression.evaluate(expression_context)
            if expression.hasEvalError():
                feedback.pushWarning(self.tr(
                    "REMOVE cannot be evaluated on \"{name}\" ({error}): all its assets stay "
                    "open.").format(name=name, error=expression.evalErrorString()))
                return none
            if _is_true(value):
                matched.add(feature.id())
        rows = np.array([row for row, fid in enumerate(ids) if fid in matched], dtype=np.int64)
        feedback.pushInfo(self.tr("REMOVE on \"{name}\": assets: {total}; closed: {closed}.")
                          .format(closed=len(rows), total=len(ids), name=name))
        return rows

    # --- the run --------------------------------------------------------------------------

    def process(self, parameters, context, feedback):
        settings = self.network_settings(parameters, context)
        kinds = inputs.read_kinds(self, parameters, context, settings)
        names = [kind.name for kind in kinds]
        min_missing = self.parameterAsInt(parameters, MIN_MISSING, context)
        min_population = self.parameterAsDouble(parameters, MIN_POPULATION, context)
        self.deserts_known = True
        try:
            check_min_missing(min_missing, names)
        except InputError as error:
            # the change per kind is still what was asked for: only deserts are unknown
            self.deserts_known = False
            feedback.pushWarning(self.tr(
                "The desert figures are left empty (NULL): {reason} Lower MIN_MISSING to at "
                "most the number of kinds to count deserts.").format(
                    reason=error.translated(lambda _context, text: self.tr(text))))
        added_kind = self.added_kind(parameters, context, names, feedback)
        remove = self.remove_expression(parameters, context)
        network, crs = self.load_network(parameters, context, feedback)
        feedback.setProgress(10)
        origin_layer = inputs.read_origins(self, parameters, context, network, crs, settings,
                                           feedback)
        feedback.setProgress(20)
        seeds, closed = [], []
        for kind in kinds:
            if feedback.isCanceled():
                return {}
            source = QgsProcessingFeatureSource(kind.layer, context)
            name = layer_label(kind.layer)
            sites = attach_sites(self, network, source, name, crs, context, settings,
                                 feedback, role=self.tr("assets"), required=False)
            seeds.append(sites.seeds)
            closed.append(self.closed_rows(source, name, sites.ids, remove, crs, context,
                                           feedback))
        added = Seeds.empty()
        if added_kind >= 0:
            source = self.parameterAsSource(parameters, self.ADD_SITES, context)
            added = attach_sites(self, network, source,
                                 self.layer_label(parameters, self.ADD_SITES, context), crs,
                                 context, settings, feedback, role=self.tr("new sites"),
                                 required=False).seeds
        if not any(len(rows) for rows in closed) and not len(added):
            feedback.pushWarning(self.tr("The scenario changes nothing: no asset closes and "
                                         "no new site attaches to the network."))
        feedback.setProgress(30)
        costs = scenario_costs(network, origin_layer.origins, seeds, closed,
                               [kind.threshold_m for kind in kinds], added, added_kind,
                               feedback.isCanceled,
                               lambda fraction: feedback.setProgress(30 + 50 * fraction))
        if costs is None:
            return {}
        self.log_searches(kinds, costs.how, feedback)
        thresholds = [kind.threshold_m for kind in kinds]
        weights = [kind.weight for kind in kinds]
        before = score_origins(costs.before, thresholds, weights, names)
        after = score_origins(costs.after, thresholds, weights, names)
        scored = origin_layer.origins.reached
        labels = change_labels(before.ok, after.ok, scored)

        def totals(group, count):
            return group_totals(before.ok, after.ok, before.n_missing, after.n_missing,
                                before.score, after.score, scored, origin_layer.population,
                                group, count, min_missing, min_population)

        area = totals(np.zeros(len(scored), dtype=np.int64), 1)
        results = {}
        results[self.OUTPUT] = self.write_origins(parameters, context, origin_layer, names,
                                                  before, after, labels, crs, feedback)
        if results[self.OUTPUT] is None:
            return {}
        feedback.setProgress(85)
        results[self.OUTPUT_SUMMARY] = self.write_summary(parameters, context, names, area)
        self.log_summary(names, area, labels, origin_layer.population is not None, feedback)
        zones_id = self.write_zones(parameters, context, origin_layer, names, totals, crs,
                                    feedback)
        if zones_id is not None:
            results[self.OUTPUT_ZONES] = zones_id
        style_output(self, context, results[self.OUTPUT], SCENARIO)
        feedback.setProgress(100)
        return results

    # --- writing --------------------------------------------------------------------------

    def desert_figure(self, value):
        """A desert population for output: NULL when MIN_MISSING exceeds the kinds."""
        return float(value) if self.deserts_known else None

    def write_origins(self, parameters, context, origin_layer, names, before, after, labels,
                      crs, feedback):
        added = []
        for name in names:
            added += [QgsField(f"{name}_ok_before", FIELD_INT),
                      QgsField(f"{name}_ok_after", FIELD_INT)]
        added += [QgsField("status", FIELD_STRING), QgsField("n_missing_before", FIELD_INT),
                  QgsField("n_missing_after", FIELD_INT), QgsField("score_before", FIELD_DOUBLE),
                  QgsField("score_after", FIELD_DOUBLE), QgsField("change", FIELD_STRING)]
        fields, kept, replaced = merge_fields(origin_layer.source.fields(), added)
        if replaced:
            feedback.pushInfo(self.tr("Origin fields replaced by the new results: {names}")
                              .format(names=", ".join(replaced)))
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             origin_layer.source.wkbType(), crs)
        if sink is None:
            raise QgsProcessingException(self.tr("OUTPUT: the origins could not be written."))
        reached = origin_layer.origins.reached
        for row, feature in enumerate(origin_layer.features):
            if row % 1000 == 0 and feedback.isCanceled():
                return None
            attributes = [feature.attributes()[i] for i in kept]
            if reached[row]:
                for column in range(len(names)):
                    attributes += [int(before.ok[row, column]), int(after.ok[row, column])]
                attributes += [STATUS_OK, int(before.n_missing[row]),
                               int(after.n_missing[row]), _rounded(before.score[row]),
                               _rounded(after.score[row]), labels[row]]
            else:
                attributes += [None, None] * len(names) + [STATUS_UNREACHED, None, None, None,
                                                             None, None]
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(attributes)
            sink.addFeature(out, FAST_INSERT)
        return sink_id

    def write_summary(self, parameters, context, names, area):
        fields = QgsFields()
        fields.append(QgsField("kind", FIELD_STRING))
        for name in ("pop_before", "pop_after", "pop_change", "desert_pop_before",
                     "desert_pop_after", "mean_score_before", "mean_score_after"):
            fields.append(QgsField(name, FIELD_DOUBLE))
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT_SUMMARY, context, fields,
                                             WKB_NO_GEOMETRY, QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.tr("OUTPUT_SUMMARY: the summary could not be "
                                                 "written."))
        for column, name in enumerate(names):
            feature = QgsFeature(fields)
            feature.setAttributes([
                name, float(area.pop_before[0, column]), float(area.pop_after[0, column]),
                float(area.pop_change[0, column]), self.desert_figure(area.desert_pop_before[0]),
                self.desert_figure(area.desert_pop_after[0]), _rounded(area.mean_score_before[0]),
                _rounded(area.mean_score_after[0])])
            sink.addFeature(feature, FAST_INSERT)
        return sink_id

    def write_zones(self, parameters, context, origin_layer, names, totals, crs, feedback):
        """The per-zone figures when ZONES and OUTPUT_ZONES are both given; its id or None."""
        zones = self.parameterAsSource(parameters, self.ZONES, context)
        wanted = self.OUTPUT_ZONES in parameters and parameters[self.OUTPUT_ZONES] is not None
        if zones is None:
            return None
        if not wanted:
            feedback.pushWarning(self.tr("ZONES is given but OUTPUT_ZONES is not: no per-zone "
                                         "results are written."))
            return None
        zone_features = []
        for feature in features(zones, crs, context):
            if feedback.isCanceled():
                return None
            zone_features.append(feature)
        shapes = [to_shapely(feature.geometry()) for feature in zone_features]
        origin_shapes = [to_shapely(feature.geometry()) for feature in origin_layer.features]
        zone_of = locate_in_polygons(shapes, unit_points(origin_shapes), feedback.isCanceled)
        by_zone = totals(zone_of, len(zone_features))
        added = []
        for name in names:
            added += [QgsField(f"{name}_pop_before", FIELD_DOUBLE),
                      QgsField(f"{name}_pop_after", FIELD_DOUBLE),
                      QgsField(f"{name}_pop_change", FIELD_DOUBLE)]
        added += [QgsField(name, FIELD_DOUBLE) for name in (
            "desert_pop_before", "desert_pop_after", "mean_score_before", "mean_score_after")]
        fields, kept, replaced = merge_fields(zones.fields(), added)
        if replaced:
            feedback.pushInfo(self.tr("Zone fields replaced by the new results: {names}")
                              .format(names=", ".join(replaced)))
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT_ZONES, context, fields,
                                             zones.wkbType(), crs)
        if sink is None:
            return None
        for z, feature in enumerate(zone_features):
            attributes = [feature.attributes()[i] for i in kept]
            for column in range(len(names)):
                attributes += [float(by_zone.pop_before[z, column]),
                               float(by_zone.pop_after[z, column]),
                               float(by_zone.pop_change[z, column])]
            attributes += [self.desert_figure(by_zone.desert_pop_before[z]),
                           self.desert_figure(by_zone.desert_pop_after[z]),
                           _rounded(by_zone.mean_score_before[z]),
                           _rounded(by_zone.mean_score_after[z])]
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(attributes)
            sink.addFeature(out, FAST_INSERT)
        feedback.pushInfo(self.tr("{zones} zones; {outside} origins lie outside every zone.")
                          .format(zones=len(zone_features),
                                  outside=int(np.count_nonzero(zone_of < 0))))
        return sink_id

    # --- the log --------------------------------------------------------------------------

    def log_searches(self, kinds, how, feedback):
        for kind, done in zip(kinds, how):
            if done == KIND_SEARCHED_AGAIN:
                feedback.pushInfo(self.tr("{kind}: searched again without the closed assets.")
                                  .format(kind=kind.name))
            elif done == KIND_NEW_SITES_ONLY:
                feedback.pushInfo(self.tr("{kind}: one search from the new sites, combined "
                                          "with the existing assets.").format(kind=kind.name))

    def log_summary(self, names, area, labels, has_population, feedback):
        people = self.tr("people") if has_population else self.tr("origins")
        feedback.pushInfo(self.tr("Within reach, before -> after ({people}):")
                          .format(people=people))
        for column, name in enumerate(names):
            feedback.pushInfo(self.tr("  {kind}: {before:,.0f} -> {after:,.0f} ({change:+,.0f})")
                              .format(kind=name, before=area.pop_before[0, column],
                                      after=area.pop_after[0, column],
                                      change=area.pop_change[0, column]))
        if self.deserts_known:
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
