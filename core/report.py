"""The area profile's report: plain HTML for a committee paper, every value escaped, no
external files.

One function (method) per section: the heading and source, the summary (the whole scored
area beside the part within the zones, and why they differ), who can walk to each kind of
asset (with each kind's reach threshold, as the access score recorded it), a map of the
zones and the deserts (inline SVG drawn from their geometries), the largest deserts, the
priority zones, every zone, and the notes. It prints one column, each section on a new
page. The words are
translated by the ``translate(context, text)`` the caller gives (Qt's, in the plugin), so
this module runs and is tested without QGIS.
"""

import html
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
from shapely.geometry.base import BaseGeometry

from .deserts import locate_in_polygons
from .errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from .profile import ZoneProfile, people_text

OSM_ATTRIBUTION = QT_TRANSLATE_NOOP(
    TRANSLATION_CONTEXT, "Contains OpenStreetMap data © OpenStreetMap contributors (ODbL)")
# How many deserts the report lists.
TOP_DESERTS = 10
STYLE = ("body{font-family:Arial,Helvetica,sans-serif;max-width:50em;margin:1em auto;"
         "padding:0 1em}"
         "table{border-collapse:collapse;margin:0.5em 0 1.5em;width:100%}"
         "th,td{border:1px solid #888;padding:3px 8px;text-align:left;"
         "vertical-align:top}td.n,th.n{text-align:right}"
         "p.key{font-size:1.1em;border-left:4px solid #7b0068;padding-left:0.6em}"
         "svg{max-width:100%;height:auto;border:1px solid #ccc}"
         "@media print{body{max-width:none;margin:0;padding:0}"
         "section{break-before:page;page-break-before:always}"
         "section.first{break-before:auto;page-break-before:auto}"
         "table,svg{break-inside:avoid;page-break-inside:avoid}}")
# Words of kind names written in capitals when made readable.
ACRONYMS = {"gp": "GP", "gps": "GPs", "nhs": "NHS"}
# Words of kind names that lost their punctuation when the name was made field-safe
# ("Children's play" -> children_s_play, "childrens_play") or their "and"
# ("sports_leisure"), restored for people to read.
READABLE_WORDS = (("children s", "children's"), ("childrens", "children's"),
                  ("sports leisure", "sports and leisure"),
                  ("sport leisure", "sport and leisure"))
# The map: its width in px and the colours of zones and deserts.
MAP_WIDTH_PX = 640
MAP_HEIGHT_PX = 480
MAP_MARGIN_PX = 12
ZONE_STROKE = "#555555"
DESERT_FILL = "#7b0068"
# Units of the K_limit fields, by the cost_type value the access score wrote.
UNIT_MINUTES = "time_min"
UNIT_METRES = "distance_m"

# One desert as the report lists it: rank, geometry, population, area_ha, missing,
# mean_score.
DesertRow = Tuple[Optional[float], Optional[BaseGeometry], Optional[float], Optional[float],
                  str, Optional[float]]


def readable_kind(kind: str) -> str:
    """A kind's name for people to read: "food_retail" -> "Food retail", "gp_surgeries"
    -> "GP surgeries"."""
    text = " " + " ".join(kind.replace("_", " ").split()) + " "
    for words, readable in READABLE_WORDS:
        text = text.replace(f" {words} ", f" {readable} ")
    text = " ".join(ACRONYMS.get(word, word) for word in text.split())
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


def section(body: str, first: bool = False) -> str:
    """A section of the report: printed from the top of a new page, but for the first."""
    css = ' class="first"' if first else ""
    return f"<section{css}>\n{body}</section>\n"


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
    whole: Optional[ZoneProfile] = None  # every unit of the scored layer, as one zone
    units: int = 0                     # units (homes, cells, areas) of the scored layer
    limits: Dict[str, float] = field(default_factory=dict)  # kind: its K_limit
    unit: str = ""                     # UNIT_MINUTES, UNIT_METRES or '' (not recorded)


def _rings(geometry: BaseGeometry):
    """The exterior and interior rings of a polygon or multipolygon."""
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        yield polygon.exterior
        yield from polygon.interiors


def svg_map(zones: Sequence[Optional[BaseGeometry]], zone_names: Sequence[str],
            deserts: Sequence[Tuple[str, Optional[BaseGeometry]]], title: str,
            width: int = MAP_WIDTH_PX, max_height: int = MAP_HEIGHT_PX) -> str:
    """An inline SVG map: the zones outlined and named, the deserts filled and labelled
    with their rank; '' when there is nothing to draw."""
    shapes = [g for g in zones if g is not None and not g.is_empty] + \
        [g for _, g in deserts if g is not None and not g.is_empty]
    if not shapes:
        return ""
    bounds = np.array([g.bounds for g in shapes])
    minx, miny = bounds[:, 0].min(), bounds[:, 1].min()
    maxx, maxy = bounds[:, 2].max(), bounds[:, 3].max()
    span = max(maxx - minx, maxy - miny, 1e-9)
    scale = min((width - 2 * MAP_MARGIN_PX) / max(maxx - minx, span * 0.2),
                (max_height - 2 * MAP_MARGIN_PX) / max(maxy - miny, span * 0.2))
    width = int(round((maxx - minx) * scale + 2 * MAP_MARGIN_PX))
    height = int(round((maxy - miny) * scale + 2 * MAP_MARGIN_PX))

    def to_px(x: float, y: float) -> Tuple[float, float]:
        return MAP_MARGIN_PX + (x - minx) * scale, height - MAP_MARGIN_PX - (y - miny) * scale

    def xy(x: float, y: float) -> str:
        px, py = to_px(x, y)
        return f"{px:.1f},{py:.1f}"

    def path(geometry: BaseGeometry) -> str:
        return " ".join("M" + " L".join(xy(x, y) for x, y in ring.coords) + " Z"
                        for ring in _rings(geometry))

    def label(geometry: BaseGeometry, text: str, css: str, size_px: float) -> str:
        point = geometry.representative_point()
        x, y = to_px(point.x, point.y)
        # a name wider than its shape is squeezed to fit (about 0.55 em a character)
        room = 0.9 * (geometry.bounds[2] - geometry.bounds[0]) * scale
        fit = f' textLength="{room:.1f}" lengthAdjust="spacingAndGlyphs"' \
            if len(text) * 0.55 * size_px > room else ""
        return (f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="middle"{fit}>'
                f"{html.escape(text)}</text>")

    parts = [f'<svg width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}">',
             f"<title>{html.escape(title)}</title>",
             "<style>.zone{fill:#f4f4f4;stroke:" + ZONE_STROKE + ";stroke-width:1.2}"
             ".desert{fill:" + DESERT_FILL + ";fill-opacity:0.75;stroke:" + DESERT_FILL +
             ";stroke-width:0.8}text{font-family:Arial,Helvetica,sans-serif}"
             ".zname{font-size:12px;fill:#333}"
             ".dname{font-size:11px;font-weight:bold;fill:#fff;stroke:" + DESERT_FILL +
             ";stroke-width:2.5;paint-order:stroke}</style>"]
    for zone in zones:
        if zone is not None and not zone.is_empty:
            parts.append(f'<path class="zone" d="{path(zone)}"/>')
    for _, desert in deserts:
        if desert is not None and not desert.is_empty:
            parts.append(f'<path class="desert" fill-rule="evenodd" d="{path(desert)}"/>')
    for zone, name in zip(zones, zone_names):
        if zone is not None and not zone.is_empty:
            parts.append(label(zone, name, "zname", 12))
    for rank, desert in deserts:
        if desert is not None and not desert.is_empty:
            parts.append(label(desert, rank, "dname", 11))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


class AreaReport:
    """The report of one area profile; ``html()`` writes it."""

    def __init__(self, data: ReportData, translate: Callable[[str, str], str]) -> None:
        self.data = data
        self.translate = translate

    def tr(self, text: str) -> str:
        return self.translate(TRANSLATION_CONTEXT, text)

    def html(self) -> str:
        return "".join([self.head(), section(self.summary(), first=True), section(self.coverage()),
                        section(self.desert_map() + self.largest_deserts()),
                        section(self.priority_zones() + self.every_zone()),
                        section(self.notes()), "</body>\n</html>\n"])

    @property
    def whole(self) -> ZoneProfile:
        """The whole scored area (the zones' total when the caller gave no whole)."""
        return self.data.whole if self.data.whole is not None else self.data.total

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

    def limit_text(self, kind: str) -> str:
        """A kind's reach threshold with its unit ("20 min"), '' when not recorded."""
        value = self.data.limits.get(kind)
        if value is None:
            return ""
        if self.data.unit == UNIT_METRES:
            return self.tr("{value} m").format(value=f"{value:g}")
        if self.data.unit == UNIT_MINUTES:
            return self.tr("{value} min walk").format(value=f"{value:g}")
        return f"{value:g}"

    def head(self) -> str:
        title = self.tr("Access to community assets: area profile")
        return (f"<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n"
                f"</head>\n<body>\n<h1>{html.escape(title)}</h1>\n") + paragraph(self.tr(
                    "Produced on {date} from the access scores \"{scores}\" and the zones "
                    "\"{zones}\".").format(date=self.data.date, scores=self.data.input_name,
                                           zones=self.data.zones_name))

    def coverage_key(self) -> str:
        """Up front: whom the figures count, and why the zones' figures are smaller."""
        whole, total, data = self.whole, self.data.total, self.data
        whole_scored = whole.population - whole.unreached_pop
        text = self.tr(
            "The access scores cover {people} people, {scored} of them near enough to the "
            "street and path network to be scored. ").format(
                people=people_text(whole.population), scored=people_text(whole_scored))
        if data.outside:
            text += self.tr(
                "{inside} of them live within the {zones} zones; {outside} people ({count} "
                "homes, grid cells or areas) live outside every zone. The whole-area figures "
                "below count everyone scored, as the access score's own summary does; the "
                "zone figures count only the people within the zones.").format(
                    inside=people_text(total.population), zones=len(data.profiles),
                    outside=people_text(whole.population - total.population),
                    count=data.outside)
        else:
            text += self.tr("Every one of them lives within the {zones} zones, so the figures "
                            "for the whole area and for the zones are the same.").format(
                zones=len(data.profiles))
        return f'<p class="key">{html.escape(text)}</p>\n'

    def summary(self) -> str:
        whole, total = self.whole, self.data.total
        rows = [
            (self.tr("People"), people_text(whole.population), people_text(total.population)),
            (self.tr("People near enough to the network to be scored"),
             people_text(whole.population - whole.unreached_pop),
             people_text(total.population - total.unreached_pop)),
            (self.tr("People in deserts ({rule})").format(rule=self.desert_rule),
             people_text(whole.desert_pop), people_text(total.desert_pop)),
            (self.tr("Share of scored people in deserts (%)"), percent(whole.desert_share),
             percent(total.desert_share)),
            (self.tr("Mean access score (0-100)"), number(whole.mean_score),
             number(total.mean_score)),
            (self.tr("Zones"), "", len(self.data.profiles)),
            (self.tr("Priority zones"), "", len(self.priorities)),
        ]
        return heading(self.tr("Summary")) + self.coverage_key() + table(
            [self.tr("Measure"), self.tr("Whole scored area"), self.tr("Within the zones")],
            rows, numeric=(1, 2))

    def coverage(self) -> str:
        whole, total = self.whole, self.data.total
        scored_pop = whole.population - whole.unreached_pop
        if self.data.limits:
            intro = self.tr(
                "A person counts as within reach of a kind of asset when the walk from their "
                "home to the nearest one is within that kind's reach threshold, shown here as "
                "the access score recorded it (its K_limit field).")
        else:
            intro = self.tr(
                "A person counts as within reach of a kind of asset when the walk from their "
                "home to the nearest one is within that kind's reach threshold. The scored "
                "layer does not record its thresholds (it has no K_limit fields): make it "
                "again with \"Multi-asset access score\" to have them stated here.")
        intro += " " + self.tr("The field column names the share's field in the area "
                               "profile layer.")
        zone_shares = total.shares or [None] * len(self.data.kinds)
        return heading(self.tr("Who can walk to each kind of asset")) + paragraph(intro) + \
            table([self.tr("Kind of asset"), self.tr("Reach threshold"), self.tr("Field"),
                   self.tr("People within reach (whole area)"),
                   self.tr("Share of people, whole area (%)"),
                   self.tr("Share of people, within the zones (%)")],
                  [(readable_kind(kind), self.limit_text(kind), f"{kind}_share",
                    people_text(None if share is None else share * scored_pop / 100.0),
                    percent(share), percent(zone_share))
                   for kind, share, zone_share in zip(
                       self.data.kinds, whole.shares or [None] * len(self.data.kinds),
                       zone_shares)],
                  numeric=(3, 4, 5))

    def sorted_deserts(self) -> List[DesertRow]:
        return sorted(self.data.deserts, key=lambda row: (row[0] is None, row[0]))

    def desert_map(self) -> str:
        title = self.tr("Map of the zones and the deserts")
        drawing = svg_map(self.data.zone_shapes, self.data.zone_names,
                          [(number(row[0]), row[1]) for row in self.sorted_deserts()], title)
        if not drawing:
            return ""
        return heading(title) + paragraph(self.tr(
            "Zones are outlined and named; deserts are filled, numbered by their rank in the "
            "table below.")) + drawing

    def largest_deserts(self) -> str:
        rows = self.sorted_deserts()
        listed = sum(row[2] or 0.0 for row in rows)
        parts = [heading(self.tr("Largest deserts")), paragraph(self.tr(
            "A desert is a contiguous area of people {rule}. Deserts: {count}. The largest "
            "by population come first. {note}").format(
                rule=self.desert_rule, count=len(rows), note=self.data.deserts_note))]
        if rows:
            inside = self.data.total.desert_pop
            if round(listed) == round(inside):
                measure = self.tr(
                    "This table and the zone tables count the same people: those of the "
                    "scored homes, grid cells or areas that meet the desert rule, {listed} "
                    "people in all.").format(listed=people_text(listed))
            else:
                measure = self.tr(
                    "Both this table and the zone tables count the people of the scored homes, "
                    "grid cells or areas that meet the desert rule. Here each desert counts all "
                    "its people, wherever they are: {listed} people in all. The zone tables "
                    "count only the people in deserts within each zone: {inside} people in "
                    "all; the difference is the people of deserts outside every zone.").format(
                        listed=people_text(listed), inside=people_text(inside))
            parts.append(paragraph(measure))
            top = rows[:TOP_DESERTS]
            points = np.array([row[1].representative_point().coords[0] if row[1] is not None
                               else (np.nan, np.nan) for row in top]).reshape(-1, 2)
            where = locate_in_polygons(self.data.zone_shapes, points)
            names = self.data.zone_names
            parts.append(table(
                [self.tr("Rank"), self.tr("Zone"), self.tr("People"), self.tr("Area (ha)"),
                 self.tr("Kinds missing (most often first)"), self.tr("Mean score")],
                [(number(rank), names[w] if w >= 0 else self.tr("outside the zones"),
                  people_text(people), number(area, 1), readable_kinds(missing),
                  number(score))
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
        if priorities:
            parts.append(self.zone_table(priorities))
        elif data.deprivation_field:
            parts.append(paragraph(self.tr("No zone meets the priority rule.")))
        return "".join(parts)

    def zone_table(self, zones: Sequence[int]) -> str:
        data = self.data
        profiles, names, deprivation = data.profiles, data.zone_names, data.deprivation
        headers = [self.tr("Zone"), self.tr("People"), self.tr("People in deserts"),
                   self.tr("Share in deserts (%)")]
        if data.deprivation_field:
            headers.append(data.deprivation_field)
        headers.append(self.tr("Mean score"))
        rows = []
        for i in zones:
            row = [names[i], people_text(profiles[i].population),
                   people_text(profiles[i].desert_pop), percent(profiles[i].desert_share)]
            if data.deprivation_field:
                row.append("" if deprivation[i] is None else f"{deprivation[i]:g}")
            rows.append(row + [number(profiles[i].mean_score)])
        return table(headers, rows, numeric=tuple(range(1, len(headers))))

    def every_zone(self) -> str:
        profiles, names = self.data.profiles, self.data.zone_names
        order = sorted(range(len(profiles)),
                       key=lambda i: (-profiles[i].desert_pop, -profiles[i].population,
                                      names[i]))
        return heading(self.tr("Every zone")) + paragraph(self.tr(
            "Every zone, most people in deserts first. People in deserts are counted as in "
            "the summary's \"within the zones\" column.")) + self.zone_table(order)

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
                                 "outside every zone, counted in the whole-area figures "
                                 "only: {count}.").format(count=self.data.outside))
        attribution = [self.tr(OSM_ATTRIBUTION)]
        if self.data.attribution:
            attribution.append(self.data.attribution)
        return (heading(self.tr("Notes")) + "<ul>\n"
                + "".join(f"<li>{html.escape(n)}</li>\n" for n in notes) + "</ul>\n"
                + paragraph(" ".join(a if a.endswith(".") else a + "." for a in attribution)))
