"""The area profile's report: plain HTML for a committee paper, every value escaped, no
external files.

One function (method) per section: the heading and source, the summary, who can walk to
each kind of asset, the largest deserts, the priority zones and the notes. The words are
translated by the ``translate(context, text)`` the caller gives (Qt's, in the plugin), so
this module runs and is tested without QGIS.
"""

import html
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np
from shapely.geometry.base import BaseGeometry

from .deserts import locate_in_polygons
from .errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from .profile import ZoneProfile, people_text

OSM_ATTRIBUTION = QT_TRANSLATE_NOOP(
    TRANSLATION_CONTEXT, "Contains OpenStreetMap data © OpenStreetMap contributors (ODbL)")
# How many deserts the report lists.
TOP_DESERTS = 10
STYLE = ("body{font-family:Arial,Helvetica,sans-serif;max-width:60em}"
         "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
         "th,td{border:1px solid #888;padding:3px 8px;text-align:left;"
         "vertical-align:top}td.n,th.n{text-align:right}")
# Words of kind names written in capitals when made readable.
ACRONYMS = {"gp": "GP", "gps": "GPs", "nhs": "NHS"}

# One desert as the report lists it: rank, geometry, population, area_ha, missing,
# mean_score.
DesertRow = Tuple[Optional[float], Optional[BaseGeometry], Optional[float], Optional[float],
                  str, Optional[float]]


def readable_kind(kind: str) -> str:
    """A kind's name for people to read: "food_retail" -> "Food retail", "gp_surgeries"
    -> "GP surgeries"."""
    words = [ACRONYMS.get(word, word) for word in kind.replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def readable_kinds(missing: Optional[str]) -> str:
    """A comma-separated list of kind names (a ``missing`` field), made readable."""
    return ", ".join(readable_kind(k) for k in (missing or "").split(",") if k.strip())


def has_point_units(shapes: Sequence[Optional[BaseGeometry]]) -> bool:
    """True when any unit is a point (point origins stand for squares of UNIT_SIZE)."""
    return any(s is not None and s.geom_type in ("Point", "MultiPoint") for s in shapes)


def _cell(value: object, number: bool = False, header: bool = False) -> str:
    """One escaped table cell."""
    tag = "th" if header else "td"
    css = ' class="n"' if number else ""
    return f"<{tag}{css}>{html.escape(str(value))}</{tag}>"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          numeric: Sequence[int] = ()) -> str:
    """An HTML table; the columns in ``numeric`` are right-aligned."""
    head = "".join(_cell(h, i in numeric, header=True) for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(_cell(v, i in numeric) for i, v in enumerate(row))
                   + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def heading(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>\n"


def paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>\n"


def percent(value: Optional[float]) -> str:
    return "" if value is None else f"{value:.1f}"


def number(value: Optional[float], digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}f}"


@dataclass
class ReportData:
    """What the report says: the zones' profiles, the whole area's and the deserts."""

    date: str
    input_name: str
    zones_name: str
    kinds: List[str]
    total: ZoneProfile                 # the whole area, as one zone
    profiles: List[ZoneProfile]
    zone_names: List[str]
    zone_shapes: List[Optional[BaseGeometry]]
    outside: int                       # origins outside every zone
    deprivation: List[Optional[float]]
    deprivation_field: str
    min_missing: int
    most_deprived: float
    priority_share: float
    deserts: List[DesertRow] = field(default_factory=list)
    deserts_note: str = ""
    attribution: str = ""              # more attribution given by the user


class AreaReport:
    """The report of one area profile; ``html()`` writes it."""

    def __init__(self, data: ReportData, translate: Callable[[str, str], str]) -> None:
        self.data = data
        self.translate = translate

    def tr(self, text: str) -> str:
        return self.translate(TRANSLATION_CONTEXT, text)

    def html(self) -> str:
        return "".join([self.head(), self.summary(), self.coverage(), self.largest_deserts(),
                        self.priority_zones(), self.notes(), "</body>\n</html>\n"])

    @property
    def desert_rule(self) -> str:
        return self.tr("who cannot walk to at least {n} of the kinds of asset "
                       "(kinds scored: {kinds})").format(n=self.data.min_missing,
                                                         kinds=len(self.data.kinds))

    @property
    def priorities(self) -> List[int]:
        """The priority zones, most people in deserts first."""
        profiles, names = self.data.profiles, self.data.zone_names
        return sorted((i for i, p in enumerate(profiles) if p.priority),
                      key=lambda i: (-profiles[i].desert_pop,
                                     -(profiles[i].desert_share or 0.0), names[i]))

    def head(self) -> str:
        title = self.tr("Access to community assets: area profile")
        return (f"<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n"
                f"</head>\n<body>\n<h1>{html.escape(title)}</h1>\n") + paragraph(self.tr(
                    "Produced on {date} from the access scores \"{scores}\" and the zones "
                    "\"{zones}\".").format(date=self.data.date, scores=self.data.input_name,
                                           zones=self.data.zones_name))

    def summary(self) -> str:
        total = self.data.total
        scored_pop = total.population - total.unreached_pop
        return heading(self.tr("Summary")) + table([self.tr("Measure"), self.tr("Value")], [
            (self.tr("Zones"), len(self.data.profiles)),
            (self.tr("People in the zones"), people_text(total.population)),
            (self.tr("People near enough to the network to be scored"),
             people_text(scored_pop)),
            (self.tr("People in deserts ({rule})").format(rule=self.desert_rule),
             people_text(total.desert_pop)),
            (self.tr("Share of people in deserts (%)"), percent(total.desert_share)),
            (self.tr("Mean access score (0-100)"), number(total.mean_score)),
            (self.tr("Priority zones"), len(self.priorities)),
        ], numeric=(1,))

    def coverage(self) -> str:
        total = self.data.total
        scored_pop = total.population - total.unreached_pop
        return heading(self.tr("Who can walk to each kind of asset")) + paragraph(self.tr(
            "A person counts as within reach of a kind of asset when the walk from their "
            "home to the nearest one is within its reach threshold: the walking time (or "
            "distance) set for that kind when the access scores were made. The scored layer "
            "does not record those thresholds, so this report cannot show them. The field "
            "column names the share's field in the area profile layer.")) + table(
            [self.tr("Kind of asset"), self.tr("Field"),
             self.tr("People within its reach threshold"), self.tr("Share of people (%)")],
            [(readable_kind(kind), f"{kind}_share",
              people_text(None if share is None else share * scored_pop / 100.0),
              percent(share)) for kind, share in zip(self.data.kinds, total.shares)],
            numeric=(2, 3))

    def largest_deserts(self) -> str:
        rows = sorted(self.data.deserts, key=lambda row: (row[0] is None, row[0]))
        parts = [heading(self.tr("Largest deserts")), paragraph(self.tr(
            "A desert is a contiguous area of people {rule}. Deserts: {count}. The largest "
            "by population come first. {note}").format(
                rule=self.desert_rule, count=len(rows), note=self.data.deserts_note))]
        if rows:
            top = rows[:TOP_DESERTS]
            points = np.array([row[1].representative_point().coords[0] if row[1] is not None
                               else (np.nan, np.nan) for row in top]).reshape(-1, 2)
            where = locate_in_polygons(self.data.zone_shapes, points)
            names = self.data.zone_names
            parts.append(table(
                [self.tr("Rank"), self.tr("Zone"), self.tr("People"), self.tr("Area (ha)"),
                 self.tr("Kinds missing (most often first)"), self.tr("Mean score")],
                [(number(rank), names[w] if w >= 0 else "", people_text(people),
                  number(area, 1), readable_kinds(missing), number(score))
                 for (rank, _, people, area, missing, score), w in zip(top, where.tolist())],
                numeric=(0, 2, 3, 5)))
        return "".join(parts)

    def priority_zones(self) -> str:
        data, priorities = self.data, self.priorities
        parts = [heading(self.tr("Priority zones"))]
        if data.deprivation_field:
            parts.append(paragraph(self.tr(
                "A zone is a priority when at least {share:g}% of its people live in deserts "
                "and its \"{field}\" value is {most:g} or lower (the most deprived). Zones "
                "without a \"{field}\" value are never priorities. Sorted by the people in "
                "deserts.").format(share=data.priority_share, field=data.deprivation_field,
                                   most=data.most_deprived)))
        else:
            parts.append(paragraph(self.tr(
                "No deprivation field was given, so no zone is flagged as a priority.")))
        profiles, names, deprivation = data.profiles, data.zone_names, data.deprivation
        if priorities:
            parts.append(table(
                [self.tr("Zone"), self.tr("People"), self.tr("People in deserts"),
                 self.tr("Share in deserts (%)"), data.deprivation_field, self.tr("Mean score")],
                [(names[i], people_text(profiles[i].population),
                  people_text(profiles[i].desert_pop), percent(profiles[i].desert_share),
                  "" if deprivation[i] is None else f"{deprivation[i]:g}",
                  number(profiles[i].mean_score)) for i in priorities],
                numeric=(1, 2, 3, 4, 5)))
        elif data.deprivation_field:
            parts.append(paragraph(self.tr("No zone meets the priority rule.")))
        return "".join(parts)

    def notes(self) -> str:
        notes = [
            self.tr("Each home, grid cell or area is placed in the zone that holds it; a "
                    "desert is listed under the zone that holds a point inside it."),
            self.tr("Shares and scores count only the people whose homes are near enough to "
                    "the street and path network to be scored; the others are counted in the "
                    "population only."),
            self.tr("People counts below 10 are shown as \"<10\"."),
        ]
        if self.data.outside:
            notes.append(self.tr("Homes, grid cells or areas of the scored layer that lie "
                                 "outside every zone and are left out: {count}.").format(
                count=self.data.outside))
        attribution = [self.tr(OSM_ATTRIBUTION)]
        if self.data.attribution:
            attribution.append(self.data.attribution)
        return (heading(self.tr("Notes")) + "<ul>\n"
                + "".join(f"<li>{html.escape(n)}</li>\n" for n in notes) + "</ul>\n"
                + paragraph(" ".join(a if a.endswith(".") else a + "." for a in attribution)))
