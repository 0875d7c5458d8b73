"""assetgaps:areaprofile — zones (wards, LSOAs) x access x deprivation, and a report."""

import datetime
import html
from pathlib import Path

import numpy as np
from qgis.core import (QgsFeature, QgsField, QgsProcessingException,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..core.deserts import find_deserts, locate_in_polygons
from ..core.errors import QT_TRANSLATE_NOOP
from ..core.profile import (DEFAULT_MOST_DEPRIVED, DEFAULT_PRIORITY_DESERT_SHARE, SHARE_DIGITS,
                            as_number, is_priority, people_text, profile_zones, zone_of_units)
from .accessscore import merge_fields
from .base import AssetGapsAlgorithm
from .deserts import (MIN_MISSING, MIN_POPULATION, UNIT_SIZE, add_rule_parameters,
                      add_unit_size_parameter, as_text, read_scored)
from .layers import features, to_shapely
from .qgis_compat import (FAST_INSERT, FIELD_ANY, FIELD_DOUBLE, FIELD_INT, NUMBER_DOUBLE,
                          SOURCE_POLYGON)
from .styles import AREA_PROFILE, style_output

OSM_ATTRIBUTION = QT_TRANSLATE_NOOP(
    "AssetGaps", "Contains OpenStreetMap data © OpenStreetMap contributors (ODbL)")
# How many deserts the report lists.
REPORT_TOP_DESERTS = 10
REPORT_STYLE = ("body{font-family:Arial,Helvetica,sans-serif;max-width:60em}"
                "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
                "th,td{border:1px solid #888;padding:3px 8px;text-align:left;"
                "vertical-align:top}td.n,th.n{text-align:right}")


def _cell(value, number: bool = False, header: bool = False) -> str:
    """One escaped table cell."""
    tag = "th" if header else "td"
    css = ' class="n"' if number else ""
    return f"<{tag}{css}>{html.escape(str(value))}</{tag}>"


def _table(headers, rows, numeric=()) -> str:
    """An HTML table; the columns in ``numeric`` are right-aligned."""
    head = "".join(_cell(h, i in numeric, header=True) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(_cell(v, i in numeric) for i, v in enumerate(row))
                   + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def _percent(value) -> str:
    return "" if value is None else f"{value:.1f}"


def _number(value, digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}f}"


# Words of kind names written in capitals when made readable.
ACRONYMS = {"gp": "GP", "gps": "GPs", "nhs": "NHS"}


def readable_kind(kind: str) -> str:
    """A kind's name for people to read: "food_retail" -> "Food retail", "gp_surgeries"
    -> "GP surgeries"."""
    words = [ACRONYMS.get(word, word) for word in kind.replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def readable_kinds(missing) -> str:
    """A comma-separated list of kind names (a ``missing`` field), made readable."""
    return ", ".join(readable_kind(k) for k in (missing or "").split(",") if k.strip())


def has_point_units(shapes) -> bool:
    """True when any unit is a point (point origins stand for squares of UNIT_SIZE)."""
    return any(s is not None and s.geom_type in ("Point", "MultiPoint") for s in shapes)


class AreaProfileAlgorithm(AssetGapsAlgorithm):
    ZONES = "ZONES"
    ZONE_NAME_FIELD = "ZONE_NAME_FIELD"
    DEPRIVATION_FIELD = "DEPRIVATION_FIELD"
    MOST_DEPRIVED = "MOST_DEPRIVED"
    PRIORITY_DESERT_SHARE = "PRIORITY_DESERT_SHARE"
    DESERTS = "DESERTS"
    ATTRIBUTION = "ATTRIBUTION"
    OUTPUT = "OUTPUT"
    OUTPUT_HTML = "OUTPUT_HTML"

    def name(self) -> str:
        return "areaprofile"

    def displayName(self) -> str:
        return self.tr("Area profile (zones x access x deprivation)")

    def help_intro(self) -> str:
        return self.tr(
            "Sums the scored origins of \"Multi-asset access score\" by zone (wards, LSOAs): "
            "the population, the share of people within reach of each kind of asset, the "
            "people living in deserts and their share, and the mean score.\n\n"
            "An origin belongs to the zone holding its point (a polygon origin's point on its "
            "surface). Unreached origins (off the network) count in the population but not "
            "in the shares, the desert population or the score. Without a population field "
            "every origin counts as one person.\n\n"
            "A zone is a priority when at least the given share of its people live in "
            "deserts and its deprivation value is at or below the 'most deprived' value "
            "(IMD deciles 1 to 3 by default); a zone without a deprivation value never is.\n\n"
            "The optional report is plain HTML for a committee paper: a summary, coverage "
            "by kind, the largest deserts and the priority zones. People counts below 10 are "
            "shown as \"<10\".")

    def initAlgorithm(self, config=None):
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.ZONES, self.tr("Zones (wards, LSOAs)"), [SOURCE_POLYGON]),
            self.tr("The areas to profile; transformed to the scored layer's CRS."))
        self.add_parameter(QgsProcessingParameterField(
            self.ZONE_NAME_FIELD, self.tr("Zone name field"),
            parentLayerParameterName=self.ZONES, type=FIELD_ANY, optional=True),
            self.tr("Names the zones in the report; the feature id when empty."))
        add_rule_parameters(
            self, self.tr("The scored origins written by \"Multi-asset access score\"."),
            self.tr("People per origin; without it every origin counts as one."))
        self.add_parameter(QgsProcessingParameterField(
            self.DEPRIVATION_FIELD, self.tr("Deprivation field (e.g. IMD decile)"),
            parentLayerParameterName=self.ZONES, type=FIELD_ANY, optional=True),
            self.tr("A number per zone where low means deprived, such as the IMD decile."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.MOST_DEPRIVED, self.tr("Most deprived: values at or below"), NUMBER_DOUBLE,
            defaultValue=DEFAULT_MOST_DEPRIVED),
            self.tr("3 takes IMD deciles 1 to 3 as the most deprived."))
        self.add_parameter(QgsProcessingParameterNumber(
            self.PRIORITY_DESERT_SHARE, self.tr("Priority: share of people in deserts (%)"),
            NUMBER_DOUBLE, defaultValue=DEFAULT_PRIORITY_DESERT_SHARE, minValue=0.0,
            maxValue=100.0),
            self.tr("A most deprived zone where at least this share of people live in deserts "
                    "is a priority."))
        self.add_parameter(QgsProcessingParameterFeatureSource(
            self.DESERTS, self.tr("Deserts (for the report)"), [SOURCE_POLYGON],
            optional=True),
            self.tr("The output of \"Social infrastructure deserts\"; when empty, the report "
                    "finds the deserts from the scored origins with the same rule."),
            advanced=True)
        add_unit_size_parameter(self, advanced=True)
        self.add_parameter(QgsProcessingParameterString(
            self.ATTRIBUTION, self.tr("More data attribution for the report"), optional=True),
            self.tr("E.g. \"Contains OS data © Crown copyright and database right\" or the "
                    "source of the deprivation figures."), advanced=True)
        self.add_parameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Area profile")),
            self.tr("The zones with population, K_share per kind K, desert_pop, "
                    "desert_share, mean_score, priority and unreached_pop."))
        self.add_parameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_HTML, self.tr("Report"), self.tr("HTML files (*.html)"),
            optional=True, createByDefault=False),
            self.tr("An HTML report for a committee paper: summary, coverage by kind, the "
                    "largest deserts and the priority zones."))

    def process(self, parameters, context, feedback):
        zones = self.parameterAsSource(parameters, self.ZONES, context)
        if zones is None:
            raise QgsProcessingException(self.tr("ZONES: the layer could not be read."))
        zones_name = self.layer_label(parameters, self.ZONES, context)
        deprivation_field = self.field_parameter(parameters, self.DEPRIVATION_FIELD, zones,
                                                 self.ZONES, context)
        name_field = self.field_parameter(parameters, self.ZONE_NAME_FIELD, zones, self.ZONES,
                                          context)
        # its folder, and that it replaces no input, were checked in prepareAlgorithm
        path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        units, crs, _, input_name = read_scored(self, parameters, context, feedback,
                                                origins_only=True)
        if feedback.isCanceled():
            return {}
        zone_features = []
        for feature in features(zones, crs, context):
            if feedback.isCanceled():
                return {}
            zone_features.append(feature)
        if not zone_features:
            raise QgsProcessingException(self.tr("ZONES \"{layer}\" has no features.")
                                         .format(layer=zones_name))
        shapes = [to_shapely(f.geometry()) for f in zone_features]
        feedback.setProgress(40)
        zone_of = zone_of_units(shapes, units, feedback.isCanceled)
        if feedback.isCanceled():
            return {}
        feedback.setProgress(60)
        min_missing = self.parameterAsInt(parameters, MIN_MISSING, context)
        min_population = self.parameterAsDouble(parameters, MIN_POPULATION, context)
        profiles = profile_zones(zone_of, units, len(zone_features), min_missing,
                                 min_population)
        most_deprived = self.parameterAsDouble(parameters, self.MOST_DEPRIVED, context)
        priority_share = self.parameterAsDouble(parameters, self.PRIORITY_DESERT_SHARE, context)
        deprivation = [as_number(f[deprivation_field]) if deprivation_field else None
                       for f in zone_features]
        for profile, value in zip(profiles, deprivation):
            profile.priority = int(is_priority(profile.desert_share, value, priority_share,
                                               most_deprived))
        sink_id = self.write_zones(parameters, context, zones, zone_features, profiles,
                                   units.kinds, crs, feedback)
        if sink_id is None:
            return {}
        feedback.setProgress(80)
        self.log_summary(zone_of, profiles, deprivation, deprivation_field, feedback)
        results = {self.OUTPUT: sink_id}
        if path:
            names = [(as_text(f[name_field]) if name_field else "")
                     or self.tr("Zone {id}").format(id=f.id()) for f in zone_features]
            report = self.report(parameters, context, feedback, units, crs, zone_of, shapes,
                                 names, profiles, deprivation, input_name, zones_name)
            if feedback.isCanceled():
                return {}
            try:
                Path(path).write_text(report, encoding="utf-8")
            except OSError as error:
                raise QgsProcessingException(self.tr(
                    "OUTPUT_HTML: the report could not be written to \"{path}\": {error}")
                    .format(path=path, error=error.strerror or error)) from error
            results[self.OUTPUT_HTML] = path
        style_output(self, context, sink_id, AREA_PROFILE)
        feedback.setProgress(100)
        return results

    def write_zones(self, parameters, context, zones, zone_features, profiles, kinds, crs,
                    feedback):
        added = [QgsField("population", FIELD_DOUBLE)]
        added += [QgsField(f"{kind}_share", FIELD_DOUBLE) for kind in kinds]
        added += [QgsField(name, kind) for name, kind in (
            ("desert_pop", FIELD_DOUBLE), ("desert_share", FIELD_DOUBLE),
            ("mean_score", FIELD_DOUBLE), ("priority", FIELD_INT),
            ("unreached_pop", FIELD_DOUBLE))]
        fields, kept, replaced = merge_fields(zones.fields(), added)
        if replaced:
            feedback.pushInfo(self.tr("Zone fields replaced by the new results: {names}")
                              .format(names=", ".join(replaced)))
        sink, sink_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             zones.wkbType(), crs)
        if sink is None:
            raise QgsProcessingException(self.tr("OUTPUT: the profile could not be written."))
        for feature, profile in zip(zone_features, profiles):
            if feedback.isCanceled():
                return None
            attributes = [feature.attributes()[i] for i in kept]
            attributes += [profile.population] + [_rounded(s) for s in profile.shares]
            attributes += [profile.desert_pop, _rounded(profile.desert_share),
                           _rounded(profile.mean_score), profile.priority,
                           profile.unreached_pop]
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(attributes)
            sink.addFeature(out, FAST_INSERT)
        return sink_id

    def log_summary(self, zone_of, profiles, deprivation, deprivation_field, feedback):
        outside = int(np.count_nonzero(zone_of < 0))
        empty = sum(1 for p in profiles if p.population == 0)
        feedback.pushInfo(self.tr("Zones: {zones}; without origins (population 0, shares "
                                  "NULL): {empty}. Origins outside every zone: {outside}.")
                          .format(zones=len(profiles), empty=empty, outside=outside))
        if not deprivation_field:
            feedback.pushInfo(self.tr("No DEPRIVATION_FIELD: no zone is flagged as a "
                                      "priority."))
        else:
            unknown = sum(1 for value in deprivation if value is None)
            if unknown:
                feedback.pushWarning(self.tr(
                    "Zones without a number in \"{field}\", never priorities: {count}.")
                    .format(count=unknown, field=deprivation_field))
        feedback.pushInfo(self.tr("Priority zones: {count}.").format(
            count=sum(p.priority for p in profiles)))

    # --- the report ----------------------------------------------------------------------

    def report_deserts(self, parameters, context, feedback, units, crs):
        """(rows of rank, geometry, population, area_ha, missing, mean_score; source text)."""
        source = self.parameterAsSource(parameters, self.DESERTS, context)
        if source is None:
            unit_size = self.parameterAsDouble(parameters, UNIT_SIZE, context)
            found = find_deserts(units, self.parameterAsInt(parameters, MIN_MISSING, context),
                                 self.parameterAsDouble(parameters, MIN_POPULATION, context),
                                 unit_size, cancelled=feedback.isCanceled)
            rows = [(d.rank, d.geometry, d.population, d.area_ha, d.missing, d.mean_score)
                    for d in found]
            note = self.tr("The deserts were found from the scored origins with the same "
                           "rule.")
            if has_point_units(units.shapes):
                note += " " + self.tr("Each point origin stands for a square of {size:g} m "
                                      "centred on it.").format(size=unit_size)
            return rows, note
        layer = self.layer_label(parameters, self.DESERTS, context)
        lacking = [f for f in ("rank", "area_ha", "population", "missing", "mean_score")
                   if f not in source.fields().names()]
        if lacking:
            raise QgsProcessingException(self.tr(
                "DESERTS \"{layer}\" is not an output of \"Social infrastructure deserts\": "
                "it lacks the fields {fields}.").format(layer=layer, fields=", ".join(lacking)))
        rows = []
        for feature in features(source, crs, context):
            if feedback.isCanceled():
                break
            shape = to_shapely(feature.geometry())
            rows.append((as_number(feature["rank"]), shape, as_number(feature["population"]),
                         as_number(feature["area_ha"]), as_text(feature["missing"]),
                         as_number(feature["mean_score"])))
        note = self.tr("The deserts are those of the layer \"{layer}\".").format(layer=layer)
        return rows, note

    def report(self, parameters, context, feedback, units, crs, zone_of, shapes, names,
               profiles, deprivation, input_name, zones_name) -> str:
        """The HTML report: plain tables, every value escaped, no external files."""
        min_missing = self.parameterAsInt(parameters, MIN_MISSING, context)
        most_deprived = self.parameterAsDouble(parameters, self.MOST_DEPRIVED, context)
        priority_share = self.parameterAsDouble(parameters, self.PRIORITY_DESERT_SHARE, context)
        deprivation_field = self.parameterAsString(parameters, self.DEPRIVATION_FIELD, context)
        kinds = units.kinds
        total = profile_zones(np.where(zone_of >= 0, 0, -1), units, 1, min_missing,
                              self.parameterAsDouble(parameters, MIN_POPULATION, context))[0]
        scored_pop = total.population - total.unreached_pop
        priorities = sorted((i for i, p in enumerate(profiles) if p.priority),
                            key=lambda i: (-profiles[i].desert_pop,
                                           -(profiles[i].desert_share or 0.0), names[i]))
        title = self.tr("Access to community assets: area profile")
        parts = [f"<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                 f"<title>{html.escape(title)}</title>\n<style>{REPORT_STYLE}</style>\n"
                 f"</head>\n<body>\n<h1>{html.escape(title)}</h1>\n"]
        parts.append(self._paragraph(self.tr(
            "Produced on {date} from the access scores \"{scores}\" and the zones \"{zones}\".")
            .format(date=datetime.date.today().isoformat(), scores=input_name,
                    zones=zones_name)))

        parts.append(self._heading(self.tr("Summary")))
        desert_rule = self.tr("who cannot walk to at least {n} of the kinds of asset "
                              "(kinds scored: {kinds})").format(
            n=min_missing, kinds=len(kinds))
        parts.append(_table([self.tr("Measure"), self.tr("Value")], [
            (self.tr("Zones"), len(profiles)),
            (self.tr("People in the zones"), people_text(total.population)),
            (self.tr("People near enough to the network to be scored"),
             people_text(scored_pop)),
            (self.tr("People in deserts ({rule})").format(rule=desert_rule),
             people_text(total.desert_pop)),
            (self.tr("Share of people in deserts (%)"), _percent(total.desert_share)),
            (self.tr("Mean access score (0-100)"), _number(total.mean_score)),
            (self.tr("Priority zones"), len(priorities)),
        ], numeric=(1,)))

        parts.append(self._heading(self.tr("Who can walk to each kind of asset")))
        parts.append(self._paragraph(self.tr(
            "A person counts as within reach of a kind of asset when the walk from their "
            "home to the nearest one is within its reach threshold: the walking time (or "
            "distance) set for that kind when the access scores were made. The scored layer "
            "does not record those thresholds, so this report cannot show them. The field "
            "column names the share's field in the area profile layer.")))
        parts.append(_table(
            [self.tr("Kind of asset"), self.tr("Field"),
             self.tr("People within its reach threshold"), self.tr("Share of people (%)")],
            [(readable_kind(kind), f"{kind}_share",
              people_text(None if share is None else share * scored_pop / 100.0),
              _percent(share)) for kind, share in zip(kinds, total.shares)],
            numeric=(2, 3)))

        rows, note = self.report_deserts(parameters, context, feedback, units, crs)
        rows.sort(key=lambda row: (row[0] is None, row[0]))
        parts.append(self._heading(self.tr("Largest deserts")))
        parts.append(self._paragraph(self.tr(
            "A desert is a contiguous area of people {rule}. Deserts: {count}. The largest "
            "by population come first. {note}").format(
                rule=desert_rule, count=len(rows), note=note)))
        if rows:
            top = rows[:REPORT_TOP_DESERTS]
            points = np.array([row[1].representative_point().coords[0] if row[1] is not None
                               else (np.nan, np.nan) for row in top]).reshape(-1, 2)
            where = locate_in_polygons(shapes, points)
            parts.append(_table(
                [self.tr("Rank"), self.tr("Zone"), self.tr("People"), self.tr("Area (ha)"),
                 self.tr("Kinds missing (most often first)"), self.tr("Mean score")],
                [(_number(rank), names[w] if w >= 0 else "", people_text(people),
                  _number(area, 1), readable_kinds(missing), _number(score))
                 for (rank, _, people, area, missing, score), w in zip(top, where.tolist())],
                numeric=(0, 2, 3, 5)))

        parts.append(self._heading(self.tr("Priority zones")))
        if deprivation_field:
            parts.append(self._paragraph(self.tr(
                "A zone is a priority when at least {share:g}% of its people live in deserts "
                "and its \"{field}\" value is {most:g} or lower (the most deprived). Zones "
                "without a \"{field}\" value are never priorities. Sorted by the people in "
                "deserts.").format(
                    share=priority_share, field=deprivation_field, most=most_deprived)))
        else:
            parts.append(self._paragraph(self.tr(
                "No deprivation field was given, so no zone is flagged as a priority.")))
        if priorities:
            parts.append(_table(
                [self.tr("Zone"), self.tr("People"), self.tr("People in deserts"),
                 self.tr("Share in deserts (%)"), deprivation_field, self.tr("Mean score")],
                [(names[i], people_text(profiles[i].population),
                  people_text(profiles[i].desert_pop), _percent(profiles[i].desert_share),
                  "" if deprivation[i] is None else f"{deprivation[i]:g}",
                  _number(profiles[i].mean_score)) for i in priorities],
                numeric=(1, 2, 3, 4, 5)))
        elif deprivation_field:
            parts.append(self._paragraph(self.tr("No zone meets the priority rule.")))

        parts.append(self._heading(self.tr("Notes")))
        notes = [
            self.tr("Each home, grid cell or area is placed in the zone that holds it; a "
                    "desert is listed under the zone that holds a point inside it."),
            self.tr("Shares and scores count only the people whose homes are near enough to "
                    "the street and path network to be scored; the others are counted in the "
                    "population only."),
            self.tr("People counts below 10 are shown as \"<10\"."),
        ]
        outside = int(np.count_nonzero(zone_of < 0))
        if outside:
            notes.append(self.tr("Homes, grid cells or areas of the scored layer that lie "
                                 "outside every zone and are left out: {count}.").format(
                count=outside))
        parts.append("<ul>\n" + "".join(f"<li>{html.escape(n)}</li>\n" for n in notes)
                     + "</ul>\n")
        attribution = [self.tr(OSM_ATTRIBUTION)]
        extra = self.parameterAsString(parameters, self.ATTRIBUTION, context)
        if extra:
            attribution.append(extra)
        parts.append(self._paragraph(" ".join(
            a if a.endswith(".") else a + "." for a in attribution)))
        parts.append("</body>\n</html>\n")
        return "".join(parts)

    @staticmethod
    def _heading(text: str) -> str:
        return f"<h2>{html.escape(text)}</h2>\n"

    @staticmethod
    def _paragraph(text: str) -> str:
        return f"<p>{html.escape(text)}</p>\n"


def _rounded(value, digits: int = SHARE_DIGITS):
    """A share or score for an output field: rounded, or None."""
    return None if value is None else round(value, digits)
