"""assetgaps:bestsites — where should the next sites of one kind go?"""

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureRequest, QgsField, QgsProcessingException,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber, QgsWkbTypes)

from ..core.bestsites import candidate_coverage, greedy_sites, within_reach
from . import access_inputs as inputs
from .accessscore import merge_fields
from .base import AssetGapsAlgorithm
from .layers import features, geometry_kind
from .qgis_compat import (FAST_INSERT, FIELD_DOUBLE, FIELD_INT, GEOMETRY_POINT, NUMBER_DOUBLE,
                          NUMBER_INTEGER, SOURCE_POINT, SOURCE_POLYGON)
from .sites import attach_sites
from .styles import BEST_SITES, style_output

DEFAULT_THRESHOLD = 10.0
DEFAULT_N_SITES = 5


class BestSitesAlgorithm(AssetGapsAlgorithm):
    ASSETS = "ASSETS"
    CANDIDATES = "CANDIDATES"
    THRESHOLD = "THRESHOLD"
    N_SITES = "N_SITES"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "bestsites"

    def displayName(self) -> str:
        return self.tr("Best new sites")

    def help_intro(self) -> str:
        return self.tr(
            "Chooses, among candidate sites for one kind of asset, the N_SITES that bring "
            "the most people within THRESHOLD of one.\n\n"
            "The choice is greedy: the first pick brings the most people within reach who "
            "are not already within reach of an existing site (ASSETS); each next pick "
            "brings the most people who are not within reach of an existing site or an "
            "earlier pick. Equal gains go to the candidate with the lowest feature id. "
            "Picking stops early when no candidate brings anyone new within reach.\n\n"
            "The output holds the chosen candidates with their fields, 'rank' (the order "
            "of the picks), 'pop_gain' (people newly within reach at that pick) and "
            "'cum_pop_gain' (the running total). Without a population field every origin "
            "counts as one person. Origins off the network are never within reach.")

    def initAlgorithm(self, config=None):
        self.add_network_parameters()
        inputs.add_origin_parameters(self)
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ASSETS, self.tr("Existing sites of this kind"), [SOURCE_POINT, SOURCE_POLYGON],
            optional=True),
            self.tr("People already within reach of one of these gain nothing from a new "
                    "site."))
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.CANDIDATES, self.tr("Candidate sites"), [SOURCE_POINT]),
            self.tr("Points where a new site could go."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.THRESHOLD, self.tr("Within reach (minutes or metres, see the cost type)"),
            NUMBER_DOUBLE, defaultValue=DEFAULT_THRESHOLD, minValue=0.0),
            self.tr("How far counts as within reach of a site, in the unit of the cost "
                    "type."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.N_SITES, self.tr("Number of sites to choose"), NUMBER_INTEGER,
            defaultValue=DEFAULT_N_SITES, minValue=1),
            self.tr("How many candidates to pick, one after the other."))
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Best new sites"), SOURCE_POINT),
            self.tr("The chosen candidates with their fields, rank, pop_gain and "
                    "cum_pop_gain; labelled with their rank."))

    def checkParameterValues(self, parameters, context):
        """A plain message for N_SITES below 1, before the generic checks."""
        if self.N_SITES in parameters and parameters[self.N_SITES] is not None:
            n_sites = self.parameterAsInt(parameters, self.N_SITES, context)
            if n_sites < 1:
                return False, self.tr("N_SITES is {value}: give how many sites to choose, "
                                      "1 or more.").format(value=n_sites)
        return super().checkParameterValues(parameters, context)

    def process(self, parameters, context, feedback):
        settings = self.network_settings(parameters, context)
        threshold = self.parameterAsDouble(parameters, self.THRESHOLD, context)
        if threshold <= 0:
            raise QgsProcessingException(self.tr(
                "THRESHOLD must be above 0 {unit}: how far counts as within reach.")
                .format(unit=settings.unit))
        n_sites = self.parameterAsInt(parameters, self.N_SITES, context)
        if n_sites < 1:
            raise QgsProcessingException(self.tr(
                "N_SITES is {value}: give how many sites to choose, 1 or more.")
                .format(value=n_sites))
        candidates = self.parameterAsSource(parameters, self.CANDIDATES, context)
        if candidates is None:
            raise QgsProcessingException(self.tr("CANDIDATES: the layer could not be read."))
        candidates_name = self.layer_label(parameters, self.CANDIDATES, context)
        # a layer given by its path is not checked against the declared point type
        if QgsWkbTypes.geometryType(candidates.wkbType()) != GEOMETRY_POINT:
            raise QgsProcessingException(self.tr(
                "CANDIDATES \"{layer}\" holds {kind}: give a layer of points.").format(
                    layer=candidates_name, kind=geometry_kind(candidates)))
        threshold_m = settings.to_metres(threshold)
        network, crs = self.load_network(parameters, context, feedback)
        feedback.setProgress(10)
        origin_layer = inputs.read_origins(self, parameters, context, network, crs, settings,
                                           feedback)
        origins = origin_layer.origins
        people = np.where(origins.reached, origin_layer.weights, 0.0)
        existing = self.parameterAsSource(parameters, self.ASSETS, context)
        already = np.zeros(len(people), dtype=bool)
        if existing is not None:
            sites = attach_sites(self, network, existing,
                                 self.layer_label(parameters, self.ASSETS, context), crs,
                                 context, settings, feedback, role=self.tr("existing sites"),
                                 required=False)
            already = within_reach(network, sites.seeds, origins, threshold_m)
        feedback.setProgress(20)
        sites = attach_sites(self, network, candidates, candidates_name, crs, context,
                             settings, feedback, role=self.tr("candidate sites"))
        # candidates in feature id order, so that equal gains go to the lowest id
        order = np.argsort(np.asarray(sites.ids, dtype=np.int64), kind="stable")
        covered = candidate_coverage(network, sites.seeds, len(sites.ids), origins,
                                     threshold_m, feedback.isCanceled,
                                     lambda fraction: feedback.setProgress(20 + 70 * fraction))
        if covered is None:
            return {}
        picks = greedy_sites(covered[order], people, already, n_sites)
        chosen = [(int(sites.ids[order[pick.row]]), pick) for pick in picks]
        self.log_picks(chosen, people, already, n_sites, origin_layer.population is not None,
                       threshold, settings, feedback)
        sink_id = self.write_sites(parameters, context, candidates, chosen, crs)
        style_output(self, context, sink_id, BEST_SITES)
        feedback.setProgress(100)
        return {self.OUTPUT: sink_id}

    def write_sites(self, parameters, context, candidates, chosen, crs):
        added = [QgsField("rank", FIELD_INT), QgsField("pop_gain", FIELD_DOUBLE),
                 QgsField("cum_pop_gain", FIELD_DOUBLE)]
        fields, kept, _ = merge_fields(candidates.fields(), added)
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             candidates.wkbType(), crs)
        if sink is None:
            raise QgsProcessingException(self.tr("OUTPUT: the chosen sites could not be "
                                                 "written."))
        request = QgsFeatureRequest().setFilterFids([fid for fid, _ in chosen])
        by_id = {feature.id(): feature for feature in features(candidates, crs, context,
                                                                request)}
        for rank, (fid, pick) in enumerate(chosen, start=1):
            feature = by_id[fid]
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes([feature.attributes()[i] for i in kept]
                              + [rank, pick.pop_gain, pick.cum_pop_gain])
            sink.addFeature(out, FAST_INSERT)
        return sink_id

    def log_picks(self, chosen, people, already, n_sites, has_population, threshold,
                  settings, feedback):
        what = self.tr("people") if has_population else self.tr("origins")
        total = float(people.sum())
        before = float(people[already].sum())
        feedback.pushInfo(self.tr("Within {threshold:g} {unit} of an existing site: "
                                  "{before:,.0f} of {total:,.0f} {what}.").format(
            threshold=threshold, unit=settings.unit, before=before, total=total, what=what))
        for rank, (fid, pick) in enumerate(chosen, start=1):
            feedback.pushInfo(self.tr("  {rank}. feature id {fid}: +{gain:,.0f} {what} "
                                      "(total +{cum:,.0f})").format(
                rank=rank, fid=fid, gain=pick.pop_gain, what=what, cum=pick.cum_pop_gain))
        if len(chosen) < n_sites:
            # "label: count" reads right for 0, 1 and many
            feedback.pushWarning(self.tr(
                "Fewer sites chosen than asked for, as no other candidate brings anyone new "
                "within reach. Sites asked for: {wanted}; chosen: {count}.").format(
                    count=len(chosen), wanted=n_sites))
        after = before + (chosen[-1][1].cum_pop_gain if chosen else 0.0)
        feedback.pushInfo(self.tr("Within reach after the new sites: {after:,.0f} of "
                                  "{total:,.0f} {what}.").format(after=after, total=total,
                                                                 what=what))
