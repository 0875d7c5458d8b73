"""assetgaps:bestsites — where should the next sites of one kind go?"""

import numpy as np
from qgis.core import QgsFeatureRequest, QgsProcessingException, QgsWkbTypes

from ..core import definitions as d
from ..core import fields as f
from ..core.bestsites import candidate_coverage, greedy_sites, within_reach
from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from .base import AssetGapsAlgorithm
from .layers import as_text, features, geometry_kind
from .outputs import output_fields
from .parameters import NetworkParameters, OriginParameters, SiteChoiceParameters
from .qgis_compat import GEOMETRY_POINT, SOURCE_POINT
from .styles import BEST_SITES


class BestSitesAlgorithm(NetworkParameters, OriginParameters, SiteChoiceParameters,
                         AssetGapsAlgorithm):
    ID = "bestsites"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Best new sites")
    HELP = QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT,
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
        self.add_origin_parameters()
        self.add_site_choice_parameters()
        self.add_sink(self.OUTPUT, self.tr("Best new sites"), self.tr(
            "The chosen candidates with their fields, rank, pop_gain and "
            "cum_pop_gain; labelled with their rank."), SOURCE_POINT)

    def checkParameterValues(self, parameters, context):
        """A plain message for N_SITES below 1, before the generic checks."""
        if parameters.get(self.N_SITES) is not None:
            problem = self.n_sites_problem(parameters, context)
            if problem:
                return False, problem
        return super().checkParameterValues(parameters, context)

    def read_parameters(self, parameters, context):
        self.read_network_parameters(parameters, context)
        self.read_site_choice_parameters(parameters, context)
        # a layer given by its path is not checked against the declared point type
        if QgsWkbTypes.geometryType(self.candidates.wkbType()) != GEOMETRY_POINT:
            raise QgsProcessingException(self.tr(
                "CANDIDATES \"{layer}\" holds {kind}: give a layer of points.").format(
                    layer=self.candidates_name, kind=geometry_kind(self.candidates)))
        self.read_origin_parameters(parameters, context)

    def compute(self):
        feedback = self.feedback
        self.load_network()
        feedback.setProgress(10)
        self.origin_layer = self.read_origins()
        origins = self.origin_layer.origins
        people = np.where(origins.reached, self.origin_layer.weights, 0.0)
        already = np.zeros(len(people), dtype=bool)
        if self.existing is not None:
            sites = self.attach_sites(self.existing, self.existing_name,
                                      self.tr("existing sites"), required=False)
            already = within_reach(self.network, sites.seeds, origins, self.threshold_m,
                                   self.costs)
        feedback.setProgress(20)
        sites = self.attach_sites(self.candidates, self.candidates_name,
                                  self.tr("candidate sites"))
        # candidates in feature id order, so that equal gains go to the lowest id
        order = np.argsort(np.asarray(sites.ids, dtype=np.int64), kind="stable")
        covered = candidate_coverage(self.network, sites.seeds, len(sites.ids), origins,
                                     self.threshold_m, feedback.isCanceled,
                                     lambda fraction: feedback.setProgress(20 + 70 * fraction),
                                     costs=self.costs)
        if covered is None:
            return
        picks = greedy_sites(covered[order], people, already, self.n_sites)
        chosen = [(int(sites.ids[order[pick.row]]), pick) for pick in picks]
        self.log_picks(chosen, people, already)
        self.write_sites(chosen)

    def write_sites(self, chosen) -> None:
        added = output_fields(f.RANK, f.POP_GAIN, f.CUM_POP_GAIN)
        sink, dest_id, fields, kept = self.open_output_over(
            self.OUTPUT, self.candidates, added,
            unwritable=self.tr("OUTPUT: the chosen sites could not be written."))
        request = QgsFeatureRequest().setFilterFids([fid for fid, _ in chosen])
        by_id = {feature.id(): feature
                 for feature in features(self.candidates, self.crs, self.context, request)}
        self.write_over(sink, fields, kept, [by_id[fid] for fid, _ in chosen],
                        ([rank, pick.pop_gain, pick.cum_pop_gain]
                         for rank, (_, pick) in enumerate(chosen, start=1)))
        self.publish(self.OUTPUT, dest_id, BEST_SITES)

    def candidate_names(self, fids) -> dict:
        """{feature id: name} of the candidates ``fids`` when the candidates have a
        name-like field (name, site_name, nimi...), else {}."""
        field = d.name_like_field(self.candidates.fields().names())
        if not field or not fids:
            return {}
        request = QgsFeatureRequest().setFilterFids(list(fids))
        return {feature.id(): as_text(feature[field])
                for feature in self.candidates.getFeatures(request)}

    def log_picks(self, chosen, people, already) -> None:
        feedback = self.feedback
        what = self.tr("people") if self.origin_layer.population is not None \
            else self.tr("origins")
        total = float(people.sum())
        before = float(people[already].sum())
        feedback.pushInfo(self.tr("Within {threshold:g} {unit} of an existing site: "
                                  "{before:,.0f} of {total:,.0f} {what}.").format(
            threshold=self.threshold, unit=self.settings.unit, before=before, total=total,
            what=what))
        names = self.candidate_names([fid for fid, _ in chosen])
        for rank, (fid, pick) in enumerate(chosen, start=1):
            place = self.tr("{name} (feature id {fid})").format(name=names[fid], fid=fid) \
                if names.get(fid) else self.tr("feature id {fid}").format(fid=fid)
            feedback.pushInfo(self.tr("  {rank}. {place}: +{gain:,.0f} {what} "
                                      "(total +{cum:,.0f})").format(
                rank=rank, place=place, gain=pick.pop_gain, what=what,
                cum=pick.cum_pop_gain))
        if len(chosen) < self.n_sites:
            # "label: count" reads right for 0, 1 and many
            feedback.pushWarning(self.tr(
                "Fewer sites chosen than asked for, as no other candidate brings anyone new "
                "within reach. Sites asked for: {wanted}; chosen: {count}.").format(
                    count=len(chosen), wanted=self.n_sites))
        after = before + (chosen[-1][1].cum_pop_gain if chosen else 0.0)
        feedback.pushInfo(self.tr("Within reach after the new sites: {after:,.0f} of "
                                  "{total:,.0f} {what}.").format(after=after, total=total,
                                                                 what=what))
