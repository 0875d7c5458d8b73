"""assetgaps:areaprofile — zones (wards, LSOAs) x access x deprivation, and a report."""

import datetime
from pathlib import Path

import numpy as np
from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from ..core import fields as f
from ..core.deserts import find_deserts
from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from ..core.profile import as_number, is_priority, profile_zones, zone_of_units
from ..core.report import AreaReport, ReportData, has_point_units
from .base import AssetGapsAlgorithm
from .layers import as_text, features, to_shapely
from .outputs import kind_fields, output_fields, rounded
from .parameters import DesertRuleParameters, ScoredInputParameters, ZoneParameters
from .styles import AREA_PROFILE


class AreaProfileAlgorithm(ZoneParameters, ScoredInputParameters, DesertRuleParameters,
                           AssetGapsAlgorithm):
    ID = "areaprofile"
    DISPLAY_NAME = QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT,
                                     "Area profile (zones x access x deprivation)")
    HELP = QT_TRANSLATE_NOOP(
        TRANSLATION_CONTEXT,
        "Sums the scored origins of \"Multi-asset access score\" by zone (wards, LSOAs): "
        "the population, the share of people within reach of each kind of asset, the "
        "people living in deserts and their share, and the mean score.\n\n"
        "An origin belongs to the zone holding its point (a polygon origin's point on its "
        "surface, so give zones its polygons nest in). The share of people within reach "
        "counts each origin's people by its share within reach (K_share) when the scores "
        "have it: an LSOA judged by area, 30% within reach, adds 30% of its people. "
        "Unreached origins (off the network) count in the population but not "
        "in the shares, the desert population or the score. Without a population field "
        "every origin counts as one person.\n\n"
        "A zone is a priority when at least the given share of its people live in "
        "deserts and its deprivation value is at or below the 'most deprived' value "
        "(IMD deciles 1 to 3 by default); a zone without a deprivation value never is.\n\n"
        "The optional report is plain HTML for a committee paper: a summary of the whole "
        "scored area beside the zones, each kind's reach threshold and coverage, a map of "
        "the zones and deserts, the largest deserts, the priority zones and every zone. "
        "People counts below 10 are shown as \"<10\".")

    def initAlgorithm(self, config=None):
        self.add_zone_parameters()
        self.add_scored_input_parameters(
            self.tr("The scored origins written by \"Multi-asset access score\"."),
            self.tr("People per origin; without it every origin counts as one."))
        self.add_desert_rule_parameters()
        self.add_priority_parameters()
        self.add_deserts_layer_parameter()
        self.add_unit_size_parameter(advanced=True)
        self.add_attribution_parameter()
        self.add_sink(self.OUTPUT, self.tr("Area profile"), self.tr(
            "The zones with population, K_share per kind K, desert_pop, "
            "desert_share, mean_score, priority and unreached_pop."))
        self.add_file_output(self.OUTPUT_HTML, self.tr("Report"), self.tr("HTML files (*.html)"),
                             self.tr("An HTML report for a committee paper: summary, coverage "
                                     "by kind, the largest deserts and the priority zones."))

    def read_parameters(self, parameters, context):
        self.read_zone_parameters(parameters, context)
        # its folder, and that it replaces no input, are checked with the other outputs
        self.report_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        self.read_scored_input_parameters(parameters, context, origins_only=True)
        self.read_desert_rule_parameters(parameters, context)

    def compute(self):
        feedback = self.feedback
        self.units = self.read_scored_units()
        if feedback.isCanceled():
            return
        self.log_scored_limits()
        self.zone_features = self.read_features(self.zones)
        if self.zone_features is None:
            return
        if not self.zone_features:
            raise QgsProcessingException(self.tr("ZONES \"{layer}\" has no features.")
                                         .format(layer=self.zones_name))
        self.zone_shapes = [to_shapely(feature.geometry()) for feature in self.zone_features]
        feedback.setProgress(40)
        self.zone_of = zone_of_units(self.zone_shapes, self.units, feedback.isCanceled)
        if feedback.isCanceled():
            return
        feedback.setProgress(60)
        self.profiles = profile_zones(self.zone_of, self.units, len(self.zone_features),
                                      self.min_missing, self.min_population)
        self.deprivation = [as_number(feature[self.deprivation_field])
                            if self.deprivation_field else None
                            for feature in self.zone_features]
        for profile, value in zip(self.profiles, self.deprivation):
            profile.priority = int(is_priority(profile.desert_share, value,
                                               self.priority_share, self.most_deprived))
        if not self.write_zones():
            return
        feedback.setProgress(80)
        self.log_summary()
        if self.report_path:
            self.write_report()

    def write_zones(self) -> bool:
        """The OUTPUT layer; False when cancelled."""
        added = output_fields(f.POPULATION) + kind_fields(self.units.kinds, f.SHARE_SUFFIX) \
            + output_fields(*f.PROFILE_FIELDS_AFTER_SHARES)
        sink, dest_id, fields, kept = self.open_output_over(
            self.OUTPUT, self.zones, added, self.replaced_zone_fields(),
            self.tr("OUTPUT: the profile could not be written."))
        values = ([profile.population] + [rounded(s) for s in profile.shares]
                  + [profile.desert_pop, rounded(profile.desert_share),
                     rounded(profile.mean_score), profile.priority, profile.unreached_pop]
                  for profile in self.profiles)
        if not self.write_over(sink, fields, kept, self.zone_features, values):
            return False
        self.publish(self.OUTPUT, dest_id, AREA_PROFILE)
        return True

    def log_summary(self) -> None:
        feedback, profiles = self.feedback, self.profiles
        outside = int(np.count_nonzero(self.zone_of < 0))
        empty = sum(1 for p in profiles if p.population == 0)
        feedback.pushInfo(self.tr("Zones: {zones}; without origins (population 0, shares "
                                  "NULL): {empty}. Origins outside every zone: {outside}.")
                          .format(zones=len(profiles), empty=empty, outside=outside))
        if not self.deprivation_field:
            feedback.pushInfo(self.tr("No DEPRIVATION_FIELD: no zone is flagged as a "
                                      "priority."))
        else:
            unknown = sum(1 for value in self.deprivation if value is None)
            if unknown:
                feedback.pushWarning(self.tr(
                    "Zones without a number in \"{field}\", never priorities: {count}.")
                    .format(count=unknown, field=self.deprivation_field))
        feedback.pushInfo(self.tr("Priority zones: {count}.").format(
            count=sum(p.priority for p in profiles)))

    # --- the report -----------------------------------------------------------------------

    def report_deserts(self):
        """(rows of rank, geometry, population, area_ha, missing, mean_score; source text)."""
        if self.deserts_source is None:
            found = find_deserts(self.units, self.min_missing, self.min_population,
                                 self.unit_size, cancelled=self.feedback.isCanceled)
            rows = [(d.rank, d.geometry, d.population, d.area_ha, d.missing, d.mean_score)
                    for d in found]
            note = self.tr("The deserts were found from the scored origins with the same "
                           "rule.")
            if has_point_units(self.units.shapes):
                note += " " + self.tr("Each point origin stands for a square of {size:g} m "
                                      "centred on it.").format(size=self.unit_size)
            return rows, note
        source, layer = self.deserts_source, self.deserts_name
        lacking = [name for name in f.DESERT_REPORT_FIELDS
                   if name not in source.fields().names()]
        if lacking:
            raise QgsProcessingException(self.tr(
                "DESERTS \"{layer}\" is not an output of \"Social infrastructure deserts\": "
                "it lacks the fields {fields}.").format(layer=layer, fields=", ".join(lacking)))
        rows = []
        for feature in features(source, self.crs, self.context):
            if self.feedback.isCanceled():
                break
            rows.append((as_number(feature[f.RANK]), to_shapely(feature.geometry()),
                         as_number(feature[f.POPULATION]), as_number(feature[f.AREA_HA]),
                         as_text(feature[f.MISSING]), as_number(feature[f.MEAN_SCORE])))
        note = self.tr("The deserts are those of the layer \"{layer}\".").format(layer=layer)
        return rows, note

    def write_report(self) -> None:
        names = [(as_text(feature[self.name_field]) if self.name_field else "")
                 or self.tr("Zone {id}").format(id=feature.id())
                 for feature in self.zone_features]
        total = profile_zones(np.where(self.zone_of >= 0, 0, -1), self.units, 1,
                              self.min_missing, self.min_population)[0]
        whole = profile_zones(np.zeros(len(self.zone_of), dtype=np.int64), self.units, 1,
                              self.min_missing, self.min_population)[0]
        deserts, note = self.report_deserts()
        data = ReportData(
            date=datetime.date.today().isoformat(), input_name=self.scored_name,
            zones_name=self.zones_name, kinds=self.units.kinds, total=total,
            profiles=self.profiles, zone_names=names, zone_shapes=self.zone_shapes,
            outside=int(np.count_nonzero(self.zone_of < 0)), deprivation=self.deprivation,
            deprivation_field=self.deprivation_field, min_missing=self.min_missing,
            most_deprived=self.most_deprived, priority_share=self.priority_share,
            deserts=deserts, deserts_note=note, attribution=self.attribution, whole=whole,
            units=len(self.zone_of), limits=self.scored_limits, unit=self.scored_unit)
        report = AreaReport(data, QCoreApplication.translate).html()
        if self.feedback.isCanceled():
            return
        try:
            Path(self.report_path).write_text(report, encoding="utf-8")
        except OSError as error:
            raise QgsProcessingException(self.tr(
                "OUTPUT_HTML: the report could not be written to \"{path}\": {error}")
                .format(path=self.report_path, error=error.strerror or error)) from error
        self.publish(self.OUTPUT_HTML, self.report_path)
