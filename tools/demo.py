"""Run the whole Community Asset Gaps analysis on the bundled Helsinki sample data.

Usage (from the repository root; ``make demo`` does exactly this)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/demo.py [--output-dir demo_output]
                                                             [--quick]

It starts a headless QGIS, registers the plugin's Processing provider and runs, on
``resources/data/helsinki_centre.gpkg``:

1. ``assetgaps:catchments`` for every kind of asset in the sample, at the St Helens
   study's breaks (5 and 10 minutes' walk for play areas and food shops, 10 and 20 for
   the rest; parks, pharmacies, dentists and schools, which the study did not map, get
   the breaks of their nearest kind);
2. ``assetgaps:accessscore`` on the cells of the 250 m population grid that the sample's
   streets span (at least half of the cell inside their convex hull: the sample is cut
   out of a larger city, and a cell beyond its streets would be judged by streets it
   lacks), each cell judged by the share of its area within each kind's catchment (the
   default), each kind at its outer break, passed explicitly as THRESHOLDS (the
   algorithm's default is 10 minutes for every kind, which would judge libraries and GP
   surgeries at half the St Helens time), with the population surface; and the same
   cells judged at one point each (POLYGON_ORIGINS 1), in memory, for comparison;
3. ``assetgaps:deserts`` (cells missing at least 3 kinds), for both judgements;
4. ``assetgaps:areaprofile`` on a 2 x 3 grid of *illustrative* zones with made-up
   deprivation deciles (the sample has no wards or IMD), with the HTML report.

It writes, in the output folder: one GeoPackage (layers ``catchments_<kind>``,
``score``, ``surface``, ``deserts``, ``profile``), a QGIS project that opens with the
layers styled, two PNG maps made with a print layout (legend, scale bar, north arrow,
notes and attribution), the HTML report (crediting the HSY population grid through the
area profile's ATTRIBUTION) and the full processing log; then prints a one-screen summary:
the cells left out, the people within reach of each kind, the deserts, and what judging
each cell at one point would have found instead. ``--quick`` maps catchments for two
kinds only (everything else is the same): the form the tests run.

Styles: a style saved in the GeoPackage (``layer_styles``) wins; else
``resources/styles/<name>.qml`` when it exists; else a plain style set here.
"""

import argparse
import csv
import gc
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from headless import enum, register_provider, start_qgis

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_GPKG = REPO_ROOT / "resources" / "data" / "helsinki_centre.gpkg"
STYLES_DIR = REPO_ROOT / "resources" / "styles"
DEMO_NAME = "community_asset_gaps_demo"
ATTRIBUTION = "© OpenStreetMap contributors (ODbL); population © HSY (CC BY 4.0)"
REPORT_ATTRIBUTION = (
    "Population grid © Helsinki Region Environmental Services (HSY), CC BY 4.0. "
    "ILLUSTRATIVE ONLY: the zones are a made-up 2 x 3 grid over the sample area and their "
    "deprivation deciles are invented for this demo; they are not wards or the IMD")

# (layer of the sample GeoPackage, catchment breaks in minutes' walk). The St Helens
# study's kinds keep its breaks; the reach threshold of each kind is its outer break.
KINDS = (
    ("childrens_play", (5, 10)),     # St Helens: children's parks / play areas
    ("food_retail", (5, 10)),        # St Helens: retail centres
    ("sports_leisure", (10, 20)),    # St Helens: sports and leisure centres
    ("community_centres", (10, 20)),  # St Helens: community centres
    ("gp_surgeries", (10, 20)),      # St Helens: GP surgeries
    ("libraries", (10, 20)),         # St Helens: libraries
    ("parks", (5, 10)),              # not in the study: as play areas
    ("pharmacies", (10, 20)),        # not in the study: as GP surgeries
    ("dentists", (10, 20)),          # not in the study: as GP surgeries
    ("schools", (10, 20)),           # not in the study: about the AUO's 1600 m
)
# The kinds in plain words, for the map notes.
KIND_WORDS = {"childrens_play": "play areas", "food_retail": "food shops",
              "sports_leisure": "sports and leisure", "community_centres": "community centres",
              "gp_surgeries": "GP surgeries"}
QUICK_KINDS = ("childrens_play", "libraries")
# The closures the demo tries, one asset at a time: which library, which play area
# matters most?
CLOSURE_KINDS = ("libraries", "childrens_play")
PLAY_LAYER = "childrens_play"
MIN_MISSING = 3
ORIGINS_LAYER = "population_grid"
POPULATION_FIELD = "population"
NETWORK_LAYER = "walk_network"
MAX_SNAP_M = 250.0   # the algorithms' default MAX_SNAP_DISTANCE
GRID_CELL_M = 250.0  # the sample's population grid
# A grid cell is studied when at least this share of it lies within the convex hull of
# the sample's streets: the sample is cut out of a larger city, and a cell mostly beyond
# its streets would be judged by streets and assets the sample does not hold.
STUDY_AREA_SHARE = 0.5
# The illustrative zones: a grid of ZONE_COLUMNS x ZONE_ROWS over the network's extent,
# with made-up deprivation deciles (1 = most deprived), row by row from the south-west.
ZONE_COLUMNS, ZONE_ROWS = 2, 3
ZONE_DECILES = (2, 6, 1, 8, 3, 9)
ZONE_NAME_FIELD = "zone_name"
ZONE_DECILE_FIELD = "demo_decile"

# Plain styles for when neither the GeoPackage nor resources/styles has one.
SCORE_CLASSES = ((0, 20, "#d7191c"), (20, 40, "#fdae61"), (40, 60, "#ffffbf"),
                 (60, 80, "#a6d96a"), (80, 100, "#1a9641"))
DESERT_COLOUR = "#7b0068"
CATCHMENT_COLOURS = ("#2166ac", "#92c5de")  # inner, outer break
PLAY_AREA_COLOUR = "#ff7f00"
# The maps: a print layout, the map MAP_WIDTH_MM wide with a column for the legend and
# notes beside it, exported MAP_WIDTH_PX wide; docs/images copies DOCS_IMAGE_WIDTH_PX wide.
MAP_WIDTH_PX = 1400
MAP_WIDTH_MM = 150.0
SIDE_WIDTH_MM = 75.0
SCALE_BAR_SEGMENT_M = 250
MAP_FONT = "DejaVu Sans"
NORTH_ARROW_SVG = Path("/usr/share/qgis/svg/arrows/NorthArrow_02.svg")
DOCS_IMAGE_WIDTH_PX = 900


class DemoError(Exception):
    """A problem that ends the demo with a message instead of a traceback."""


def parse_args(argv):
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output-dir", default=str(REPO_ROOT / "demo_output"),
                        help="folder for the outputs (default: demo_output/ in the repository)")
    parser.add_argument("--docs-images", metavar="DIR",
                        help="also write small copies of the maps here (docs/images)")
    parser.add_argument("--quick", action="store_true",
                        help=f"catchments for {' and '.join(QUICK_KINDS)} only")
    return parser.parse_args(argv)


def sample(layer):
    """The source string of a layer of the bundled sample GeoPackage."""
    return f"{SAMPLE_GPKG}|layername={layer}"


def gpkg_table_destination(gpkg, table):
    """Output string that makes Processing (QGIS 3.22) write `table` into `gpkg`.

    A plain path writes a layer named after the file; ``ogr:dbname=... table=...``
    writes (or overwrites) a named table and keeps the file's other tables.
    """
    return f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"


class Outputs:
    """Where the demo writes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.gpkg = folder / f"{DEMO_NAME}.gpkg"
        self.project = folder / f"{DEMO_NAME}.qgz"
        self.map = folder / f"{DEMO_NAME}_map.png"
        self.catchments_map = folder / f"{DEMO_NAME}_catchments.png"
        self.report = folder / f"{DEMO_NAME}_report.html"
        self.log = folder / f"{DEMO_NAME}.log"

    def clear(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        for path in (self.gpkg, self.project, self.map, self.catchments_map, self.report,
                     self.log):
            if path.exists():
                path.unlink()


def make_feedback(log_file, warnings):
    """A processing feedback that writes every log line to ``log_file`` and keeps the
    warnings in the list ``warnings``; errors also go to the terminal."""
    from qgis.core import QgsProcessingFeedback

    class LoggingFeedback(QgsProcessingFeedback):
        def _write(self, text):
            log_file.write(f"  {text}\n")

        def pushInfo(self, info):
            self._write(info)

        def pushWarning(self, warning):
            warnings.append(warning)
            self._write(f"WARNING: {warning}")

        def pushCommandInfo(self, info):
            self._write(info)

        def pushDebugInfo(self, info):
            self._write(info)

        def pushConsoleInfo(self, info):
            self._write(info)

        def reportError(self, error, fatalError=False):
            self._write(f"ERROR: {error}")
            print(f"  ERROR: {error}", file=sys.stderr)

    return LoggingFeedback()


def run_step(algorithm, params, label, log_file, warnings):
    """processing.run with the log going to the log file; one line on the terminal."""
    import processing
    from qgis.core import QgsProcessingException

    log_file.write(f"\n{algorithm}: {label}\n")
    start = time.perf_counter()
    try:
        results = processing.run(algorithm, params,
                                 feedback=make_feedback(log_file, warnings))
    except QgsProcessingException as error:
        raise DemoError(f"{algorithm} ({label}) failed: {error}") from error
    print(f"  {algorithm:<22} {label:<46} {time.perf_counter() - start:5.1f} s")
    return results


def make_zones(crs):
    """The illustrative zones: a memory layer, a grid over the network's extent."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsRectangle, QgsVectorLayer

    from community_asset_gaps.algorithms.qgis_compat import FIELD_INT, FIELD_STRING

    network = QgsVectorLayer(sample(NETWORK_LAYER), NETWORK_LAYER, "ogr")
    if not network.isValid():
        raise DemoError(f"cannot open the sample network in {SAMPLE_GPKG}")
    extent = network.extent()
    zones = QgsVectorLayer(f"Polygon?crs={crs.authid()}", "illustrative demo zones", "memory")
    provider = zones.dataProvider()
    provider.addAttributes([QgsField(ZONE_NAME_FIELD, FIELD_STRING),
                            QgsField(ZONE_DECILE_FIELD, FIELD_INT)])
    zones.updateFields()
    width = extent.width() / ZONE_COLUMNS
    height = extent.height() / ZONE_ROWS
    features = []
    for row in range(ZONE_ROWS):
        for column in range(ZONE_COLUMNS):
            x0 = extent.xMinimum() + column * width
            y0 = extent.yMinimum() + row * height
            feature = QgsFeature(zones.fields())
            feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, y0, x0 + width,
                                                                  y0 + height)))
            name = f"Demo zone {'ABCDEFGH'[column]}{row + 1} (illustrative)"
            feature.setAttributes([name, ZONE_DECILES[row * ZONE_COLUMNS + column]])
            features.append(feature)
    provider.addFeatures(features)
    return zones


def in_memory(source, name):
    """A table of the demo's GeoPackage as a memory layer called ``name``."""
    from qgis.core import QgsFeatureRequest, QgsVectorLayer

    layer = QgsVectorLayer(source, name, "ogr")
    if not layer.isValid():
        raise DemoError(f"cannot open {source}")
    copy = layer.materialize(QgsFeatureRequest())
    copy.setName(name)
    return copy


@dataclass
class Comparison:
    """The studied cells judged at one point each: their scores and deserts (memory
    layers), whether a point joined only a small disconnected part of the network; and
    the hull of the sample's streets (a QgsGeometry)."""

    scores: object
    deserts: object
    island: bool
    hull: object


def study_cells():
    """The grid cells the sample's streets span, as a memory layer: those with at least
    STUDY_AREA_SHARE of their area inside the convex hull of the network; and that hull."""
    from qgis.core import QgsFeatureRequest, QgsGeometry, QgsVectorLayer

    network = QgsVectorLayer(sample(NETWORK_LAYER), NETWORK_LAYER, "ogr")
    grid = QgsVectorLayer(sample(ORIGINS_LAYER), ORIGINS_LAYER, "ogr")
    if not network.isValid() or not grid.isValid():
        raise DemoError(f"cannot open the sample network and grid in {SAMPLE_GPKG}")
    if network.crs() != grid.crs():
        raise DemoError("the sample network and grid are in different CRSs")
    hull = QgsGeometry.collectGeometry(
        [feature.geometry() for feature in network.getFeatures()]).convexHull()
    kept = [feature.id() for feature in grid.getFeatures()
            if feature.geometry().intersection(hull).area()
            >= STUDY_AREA_SHARE * feature.geometry().area()]
    cells = grid.materialize(QgsFeatureRequest().setFilterFids(kept))
    cells.setName(f"{ORIGINS_LAYER} (study area)")
    return cells, hull


def run_pipeline(outputs, kinds, catchment_kinds, log_file, warnings):
    """Every algorithm in turn; returns the GeoPackage's table names in drawing order and
    the scores and deserts of the cells judged at one point (memory layers)."""
    gpkg = outputs.gpkg
    network = sample(NETWORK_LAYER)
    tables = []
    for kind, breaks in catchment_kinds:
        table = f"catchments_{kind}"
        run_step("assetgaps:catchments", {
            "NETWORK": network, "FACILITIES": sample(kind),
            "THRESHOLDS": ",".join(str(b) for b in breaks), "OVERLAP": 1, "COST_TYPE": 0,
            "OUTPUT": gpkg_table_destination(gpkg, table)},
            f"{kind}, {' and '.join(str(b) for b in breaks)} min", log_file, warnings)
        tables.append(table)
    names = [kind for kind, _ in kinds]
    # THRESHOLDS left empty: each kind gets the reach threshold its name is recognised by,
    # its outer break (St Helens: 10 minutes for play areas, parks and retail, 20 for the
    # rest), and the log lists them
    cells, hull = study_cells()
    score_params = {
        "NETWORK": network, "ORIGINS": cells, "POPULATION_FIELD": POPULATION_FIELD,
        "ASSETS": [sample(kind) for kind in names], "ASSET_NAMES": ",".join(names)}
    run_step("assetgaps:accessscore", dict(
        score_params, POLYGON_ORIGINS=0, OUTPUT=gpkg_table_destination(gpkg, "score"),
        OUTPUT_SURFACE=gpkg_table_destination(gpkg, "surface")),
        f"{len(kinds)} kinds, cells by area share", log_file, warnings)
    # the same cells judged at one point each, for the comparison in the summary
    point_warnings = []
    at_points = run_step("assetgaps:accessscore", dict(
        score_params, POLYGON_ORIGINS=1, OUTPUT="memory:"),
        f"{len(kinds)} kinds, cells at one point", log_file, point_warnings)["OUTPUT"]
    warnings += point_warnings
    point_deserts = run_step("assetgaps:deserts", {
        "INPUT": at_points, "POPULATION_FIELD": POPULATION_FIELD, "MIN_MISSING": MIN_MISSING,
        "OUTPUT": "memory:"}, "cells judged at one point", log_file, [])["OUTPUT"]
    # a step never reads from the file it writes into (the algorithms refuse that, to keep
    # inputs intact), so earlier results are read into memory first
    score = in_memory(f"{gpkg}|layername=score", "score")
    run_step("assetgaps:deserts", {
        "INPUT": score, "POPULATION_FIELD": POPULATION_FIELD, "MIN_MISSING": MIN_MISSING,
        "OUTPUT": gpkg_table_destination(gpkg, "deserts")},
        f"cells missing at least {MIN_MISSING} kinds", log_file, warnings)
    zones = make_zones(score.crs())
    run_step("assetgaps:areaprofile", {
        "ZONES": zones, "ZONE_NAME_FIELD": ZONE_NAME_FIELD, "INPUT": score,
        "POPULATION_FIELD": POPULATION_FIELD, "MIN_MISSING": MIN_MISSING,
        "DEPRIVATION_FIELD": ZONE_DECILE_FIELD,
        "DESERTS": in_memory(f"{gpkg}|layername=deserts", "deserts"),
        "ATTRIBUTION": REPORT_ATTRIBUTION,
        "OUTPUT": gpkg_table_destination(gpkg, "profile"),
        "OUTPUT_HTML": str(outputs.report)},
        f"{len(ZONE_DECILES)} illustrative zones, with the report", log_file, warnings)
    # the access score warns (in English: the demo runs untranslated) when origins join
    # only a small disconnected part of the network
    island = any(w.startswith("Origins") and "small disconnected part" in w
                 for w in point_warnings)
    closures = closure_scenarios(network, cells, log_file, warnings)
    return tables + ["surface", "score", "deserts", "profile"], \
        Comparison(at_points, point_deserts, island, hull), closures


def closure_scenarios(network, cells, log_file, warnings):
    """What closing each asset of the CLOSURE_KINDS would cost: one assetgaps:scenario run
    per asset (its kind alone, at its reach threshold, over the study cells judged by area
    share), as {kind: [(asset name, people
    who lose walking access)]}, the largest loss first."""
    from qgis.core import QgsVectorLayer

    losses = {}
    for kind in CLOSURE_KINDS:
        assets = QgsVectorLayer(sample(kind), kind, "ogr")
        losses[kind] = []
        for asset in assets.getFeatures():
            name = asset["name"] or f"the one at feature id {asset.id()}"
            # the outputs are files, read and removed here, so that no layer outlives the
            # run (a layer destroyed after QGIS exits crashes it)
            summary = Path(log_file.name).with_name(f"closure_{kind}.csv")
            origins = Path(log_file.name).with_name(f"closure_{kind}.gpkg")
            run_step("assetgaps:scenario", {
                "NETWORK": network, "ORIGINS": cells,
                "POPULATION_FIELD": POPULATION_FIELD, "ASSETS": [sample(kind)],
                # the kind is the run's only asset layer: its feature id names the asset
                "REMOVE": f"$id = {asset.id()}", "OUTPUT": str(origins),
                "OUTPUT_SUMMARY": str(summary)},
                f"if {name} closed", log_file, warnings)
            with open(summary, encoding="utf-8", newline="") as table:
                change = float(next(csv.DictReader(table))["pop_change"])
            summary.unlink()
            origins.unlink()
            losses[kind].append((name, max(0.0, -change)))
        losses[kind].sort(key=lambda loss: -loss[1])
    return losses


# --- styles ---------------------------------------------------------------------------------

def style_names(table, geometry):
    """The resources/styles/<name>.qml names tried for a table, most specific first: the
    table's own name, then the style of the algorithm output it is (algorithms/styles.py),
    each also as ``<name>_<geometry>`` (point, line, polygon)."""
    if table.startswith("catchments_"):
        names = [table, "catchments"]
    else:
        names = {"score": ["score", "accessscore"], "surface": ["surface", "access_surface"],
                 "deserts": ["deserts"], "profile": ["profile", "areaprofile"],
                 NETWORK_LAYER: [NETWORK_LAYER, "network"]}.get(table, [table])
    return [variant for name in names for variant in (f"{name}_{geometry}", name)]


def has_database_style(layer):
    """True when the layer's data source (a GeoPackage's layer_styles) holds a style
    for it, which QGIS loaded when it opened the layer."""
    try:
        count = layer.listStylesInDatabase()[0]
    except (AttributeError, TypeError, IndexError):
        return False
    return count > 0


def style_layer(layer, table):
    """Style a layer: its saved style, else resources/styles, else a plain one here.
    Returns where the style came from."""
    if has_database_style(layer):
        return "GeoPackage"
    geometry = {0: "point", 1: "line", 2: "polygon"}.get(int(layer.geometryType()), "")
    for name in style_names(table, geometry):
        qml = STYLES_DIR / f"{name}.qml"
        if qml.exists():
            _, ok = layer.loadNamedStyle(str(qml))
            if ok:
                return f"resources/styles/{qml.name}"
    plain_style(layer, table)
    return "plain"


def plain_style(layer, table):
    """A readable default style for each demo layer."""
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsFeatureRequest,
        QgsFillSymbol,
        QgsGraduatedSymbolRenderer,
        QgsLinePatternFillSymbolLayer,
        QgsLineSymbol,
        QgsRendererCategory,
        QgsRendererRange,
        QgsSimpleLineSymbolLayer,
        QgsSingleSymbolRenderer,
    )
    from qgis.PyQt.QtGui import QColor

    if table in ("score", "surface"):
        field = "score" if table == "score" else "n_reached"
        top = 100.0 if table == "score" else float(len(KINDS))
        ranges = []
        for low, high, colour in SCORE_CLASSES:
            symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#ffffff",
                                                 "outline_width": "0.1"})
            lo, hi = low * top / 100.0, high * top / 100.0
            label = f"score {lo:g} - {hi:g}" if table == "score" else f"{lo:g} - {hi:g} kinds"
            ranges.append(QgsRendererRange(lo, hi, symbol, label))
        renderer = QgsGraduatedSymbolRenderer(field, ranges)
        layer.setRenderer(renderer)
        layer.setOpacity(0.85 if table == "score" else 0.7)
    elif table == "deserts":
        symbol = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": DESERT_COLOUR,
                                             "outline_width": "0.8"})
        hatch = QgsLinePatternFillSymbolLayer()
        hatch.setLineAngle(45)
        hatch.setDistance(2.0)
        hatch.setColor(QColor(DESERT_COLOUR))
        hatch.subSymbol().symbolLayer(0).setWidth(0.4)
        hatch.subSymbol().symbolLayer(0).setColor(QColor(DESERT_COLOUR))
        symbol.insertSymbolLayer(0, hatch)
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif table.startswith("catchments_"):
        breaks = sorted({f["threshold"] for f in layer.getFeatures()})
        categories = []
        for colour, value in zip(CATCHMENT_COLOURS, breaks):
            symbol = QgsFillSymbol.createSimple({"color": colour, "outline_style": "no"})
            categories.append(QgsRendererCategory(value, symbol,
                                                  f"within {value:g} minutes' walk"))
        renderer = QgsCategorizedSymbolRenderer("threshold", categories)
        renderer.setOrderBy(QgsFeatureRequest.OrderBy(
            [QgsFeatureRequest.OrderByClause("threshold", False)]))
        renderer.setOrderByEnabled(True)
        layer.setRenderer(renderer)
        layer.setOpacity(0.6)
    elif table == "profile":
        normal = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#333333",
                                             "outline_width": "0.4", "outline_style": "dash"})
        priority = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#000000",
                                               "outline_width": "1.2"})
        layer.setRenderer(QgsCategorizedSymbolRenderer("priority", [
            QgsRendererCategory(0, normal, "zone"),
            QgsRendererCategory(1, priority, "priority zone")]))
    elif table == NETWORK_LAYER:
        line = QgsLineSymbol()
        line.changeSymbolLayer(0, QgsSimpleLineSymbolLayer(QColor("#9a9a9a"), 0.2))
        layer.setRenderer(QgsSingleSymbolRenderer(line))
    layer.triggerRepaint()


# --- project and map --------------------------------------------------------------------------

def open_layers(outputs, tables):
    """The demo's layers, opened from the GeoPackage and styled: {table: layer}."""
    from qgis.core import QgsVectorLayer

    layers, styles = {}, {}
    for table in tables:
        layer = QgsVectorLayer(f"{outputs.gpkg}|layername={table}", table, "ogr")
        if not layer.isValid():
            raise DemoError(f"cannot open the layer {table} of {outputs.gpkg}")
        styles[table] = style_layer(layer, table)
        layers[table] = layer
    network = QgsVectorLayer(sample(NETWORK_LAYER), "walk network (sample data)", "ogr")
    styles[NETWORK_LAYER] = style_layer(network, NETWORK_LAYER)
    layers[NETWORK_LAYER] = network
    play = QgsVectorLayer(sample(PLAY_LAYER), "children's play areas (sample data)", "ogr")
    play_area_style(play)
    layers[PLAY_LAYER] = play
    desert_labels(layers["deserts"])
    return layers, styles


def play_area_style(layer):
    """The play areas themselves, drawn over their catchments."""
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": PLAY_AREA_COLOUR, "outline_color": "#000000", "outline_width": "0.5"})))


def desert_labels(layer):
    """Label each desert in words a reader can take in at a glance: 'Desert 1' over
    '51 people' (fewer than ten as '<10'; the area without a population field)."""
    from qgis.core import (
        QgsPalLayerSettings,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsUnitTypes,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    settings = QgsPalLayerSettings()
    settings.isExpression = True
    settings.fieldName = (
        "'Desert ' || \"rank\" || '\\n' || CASE WHEN \"population\" IS NULL "
        "THEN format_number(\"area_ha\", 1) || ' ha' WHEN \"population\" < 10 THEN '<10 people' "
        "ELSE format_number(\"population\", 0) || ' people' END")
    settings.placement = enum("Qgis.LabelPlacement.OverPoint", "QgsPalLayerSettings.OverPoint")
    text = QgsTextFormat()
    font = QFont("DejaVu Sans")
    font.setBold(True)
    text.setFont(font)
    text.setSize(11)
    text.setSizeUnit(QgsUnitTypes.RenderPoints)
    text.setColor(QColor("#000000"))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.2)
    buffer.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    buffer.setColor(QColor("#ffffff"))
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def write_project(outputs, layers, extent):
    """A .qgz beside the GeoPackage (relative paths) with the layers in a sensible order."""
    from qgis.core import QgsProject, QgsReferencedRectangle

    project = QgsProject()
    project.setTitle("Community Asset Gaps demo: central Helsinki")
    crs = layers["score"].crs()
    project.setCrs(crs)
    root = project.layerTreeRoot()
    # the finding first: the deserts over the score; the illustrative zones last and
    # hidden, so that they never cover the results
    order = ["deserts", "score", "surface"]
    for table in order:
        project.addMapLayer(layers[table], False)
        node = root.addLayer(layers[table])
        node.setItemVisibilityChecked(table != "surface")
    group = root.addGroup("Catchments (minutes' walk)")
    for table in sorted(t for t in layers if t.startswith("catchments_")):
        project.addMapLayer(layers[table], False)
        node = group.addLayer(layers[table])
        node.setItemVisibilityChecked(False)
    group.setExpanded(False)
    project.addMapLayer(layers[PLAY_LAYER], False)
    root.addLayer(layers[PLAY_LAYER]).setItemVisibilityChecked(False)
    project.addMapLayer(layers[NETWORK_LAYER], False)
    root.addLayer(layers[NETWORK_LAYER])
    project.addMapLayer(layers["profile"], False)
    root.addLayer(layers["profile"]).setItemVisibilityChecked(False)
    metadata = project.metadata()
    metadata.setAbstract("Outputs of tools/demo.py on the plugin's sample data. "
                         f"Data: {ATTRIBUTION}. The zones and their deciles are made up.")
    project.setMetadata(metadata)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, crs))
    if not project.write(str(outputs.project)):
        raise DemoError(f"could not write the project {outputs.project}: "
                        f"{project.error()}")
    return project


def layout_font(size, bold=False):
    """The maps' font, ``size`` in points."""
    from qgis.PyQt.QtGui import QFont

    font = QFont(MAP_FONT)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def layout_text_format(size, bold=False):
    """The maps' text format: their font at ``size`` points, black."""
    from qgis.core import QgsTextFormat
    from qgis.PyQt.QtGui import QColor

    text_format = QgsTextFormat.fromQFont(layout_font(size, bold))
    text_format.setSize(size)
    text_format.setColor(QColor("#000000"))
    return text_format


def layout_text(layout, text, rect, size, bold=False, frame=False):
    """A text box of the layout at ``rect`` (x, y, width, height in mm); long text wraps."""
    from qgis.core import QgsLayoutItemLabel, QgsLayoutPoint, QgsLayoutSize, QgsUnitTypes
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QColor

    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    if hasattr(item, "setTextFormat"):  # QGIS >= 3.24; setFont is deprecated from 3.40
        item.setTextFormat(layout_text_format(size, bold))
    else:
        item.setFont(layout_font(size, bold))
        item.setFontColor(QColor("#000000"))
    item.setHAlign(Qt.AlignmentFlag.AlignLeft)
    item.setVAlign(Qt.AlignmentFlag.AlignTop)
    item.setMargin(2.0 if frame else 0.5)
    item.setBackgroundEnabled(frame)
    item.setBackgroundColor(QColor("white"))
    item.setFrameEnabled(frame)
    item.setFrameStrokeColor(QColor("#888888"))
    layout.addLayoutItem(item)
    x, y, width, height = rect
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutMillimeters))
    return item


def legend_labels(layer, relabel):
    """{legend node index: new label} for a layer's legend, from ``relabel(index, label,
    value)`` (value: the category's value for a categorised renderer, else None); a None
    from ``relabel`` keeps the label."""
    renderer = layer.renderer()
    categories = renderer.categories() if hasattr(renderer, "categories") else []
    labels = {}
    for index, item in enumerate(renderer.legendSymbolItems()):
        value = categories[index].value() if index < len(categories) else None
        label = relabel(index, item.label(), value)
        if label is not None:
            labels[index] = label
    return labels


def export_map(project, path, map_layers, extent, title, legend, notes):
    """A print layout exported as a PNG: the map (``map_layers``, top first) with a
    frame, a scale bar and a north arrow; beside it the legend, then ``notes``; the data
    attribution under it. ``legend`` is a list of (layer, heading, {index: label})."""
    from qgis.core import (
        QgsLayoutExporter,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemPicture,
        QgsLayoutItemScaleBar,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsLegendStyle,
        QgsMapLayerLegendUtils,
        QgsPrintLayout,
        QgsTextFormat,
        QgsUnitTypes,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    mm = QgsUnitTypes.LayoutMillimeters
    margin, gap, title_height = 8.0, 6.0, 14.0
    map_width = MAP_WIDTH_MM
    map_height = map_width * extent.height() / extent.width()
    side_x = margin + map_width + gap
    page_width = side_x + SIDE_WIDTH_MM + margin
    map_top = margin + title_height
    page_height = map_top + map_height + 12.0

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(page_width, page_height, mm))

    layout_text(layout, title, (margin, margin, page_width - 2 * margin, title_height - 2),
                16, bold=True)

    map_item = QgsLayoutItemMap(layout)
    map_item.setCrs(project.crs())
    map_item.setLayers(map_layers)
    map_item.setFrameEnabled(True)
    map_item.setBackgroundColor(QColor("white"))
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(margin, map_top, mm))
    map_item.attemptResize(QgsLayoutSize(map_width, map_height, mm))
    map_item.setExtent(extent)  # zoomToExtent alone gives an empty extent in QGIS 3.22
    map_item.zoomToExtent(extent)

    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(map_item)
    scale_bar.setUnits(QgsUnitTypes.DistanceMeters)
    scale_bar.setUnitLabel("m")
    scale_bar.setUnitsPerSegment(SCALE_BAR_SEGMENT_M)
    scale_bar.setNumberOfSegments(2)
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setHeight(2.5)
    text_format = QgsTextFormat()
    text_format.setFont(layout_font(10))
    text_format.setSize(10)
    text_format.setSizeUnit(QgsUnitTypes.RenderPoints)
    scale_bar.setTextFormat(text_format)
    scale_bar.setBackgroundEnabled(True)
    scale_bar.setBackgroundColor(QColor("white"))
    scale_bar.setBoxContentSpace(2.0)
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(margin + 3, map_top + map_height - 17, mm))
    scale_bar.update()

    if NORTH_ARROW_SVG.exists():
        arrow = QgsLayoutItemPicture(layout)
        arrow.setPicturePath(str(NORTH_ARROW_SVG))
        arrow.setBackgroundEnabled(True)
        arrow.setBackgroundColor(QColor("white"))
        layout.addLayoutItem(arrow)
        arrow.attemptMove(QgsLayoutPoint(margin + map_width - 15, map_top + 3, mm))
        arrow.attemptResize(QgsLayoutSize(12, 16, mm))

    item = QgsLayoutItemLegend(layout)
    item.setTitle("Legend")
    item.setLinkedMap(map_item)
    item.setAutoUpdateModel(False)
    item.setWrapString("~")
    for style, size, bold in ((QgsLegendStyle.Title, 13, True),
                              (QgsLegendStyle.Subgroup, 11, True),
                              (QgsLegendStyle.SymbolLabel, 10.5, False)):
        if hasattr(QgsLegendStyle, "setTextFormat"):  # QGIS >= 3.30
            item.rstyle(style).setTextFormat(layout_text_format(size, bold))
        else:
            item.setStyleFont(style, layout_font(size, bold))
    item.setSymbolWidth(9)
    item.setSymbolHeight(5.5)
    item.setBackgroundEnabled(True)
    item.setFrameEnabled(True)
    item.setFrameStrokeColor(QColor("#888888"))
    item.setBoxSpace(3)
    layout.addLayoutItem(item)
    root = item.model().rootGroup()
    root.clear()
    for layer, heading, labels in legend:
        node = root.addLayer(layer)
        node.setUseLayerName(False)
        node.setName(heading)
        for index, label in labels.items():
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, label)
        item.model().refreshLayerLegend(node)
    item.attemptMove(QgsLayoutPoint(side_x, map_top, mm))
    # a legend only knows its size once painted: paint the page once, small, then fit it
    exporter = QgsLayoutExporter(layout)
    exporter.renderPageToImage(0, QSize(), 20)
    item.adjustBoxSize()
    legend_bottom = map_top + item.sizeWithUnits().height()

    notes_top = legend_bottom + gap
    layout_text(layout, "How to read this map", (side_x, notes_top, SIDE_WIDTH_MM, 7), 12,
                bold=True)
    layout_text(layout, notes, (side_x, notes_top + 8, SIDE_WIDTH_MM,
                                max(20.0, map_top + map_height - notes_top - 8)), 10)
    layout_text(layout, f"Data: {ATTRIBUTION}. Sample data for central Helsinki, "
                "shipped with the plugin.",
                (margin, map_top + map_height + 2, page_width - 2 * margin, 8), 9)

    # renderPageToImage + QImage.save rather than exportToImage, which would try to
    # georeference the PNG through GDAL (and print an error: PNG cannot be updated)
    image = exporter.renderPageToImage(
        0, QSize(), MAP_WIDTH_PX / (page_width / 25.4))
    if image.isNull() or not image.save(str(path), "PNG"):
        raise DemoError(f"could not write the map {path}")


def render_maps(project, outputs, layers, extent, kinds, facts):
    """The deserts over the network and the score; and the play areas' catchments."""
    n_kinds = len(kinds)
    by_minutes = {}
    for kind, breaks in kinds:
        by_minutes.setdefault(breaks[-1], []).append(
            KIND_WORDS.get(kind, kind.replace("_", " ")))
    groups = sorted(by_minutes.items(), key=lambda item: len(item[1]))
    times = "; ".join(
        f"{minutes} minutes for " + (f"the other {len(names)}" if index == len(groups) - 1
                                     and index else plain_list(names))
        for index, (minutes, names) in enumerate(groups))

    def score_label(_index, label, _value):
        if label.startswith("100"):
            return f"100: all {n_kinds} kinds within reach"
        if label.startswith("unreached"):
            return f"Not scored: over {MAX_SNAP_M:g} m~from the streets"
        return None

    score_heading = (f"Score: share of the {n_kinds} kinds~within reach "
                     "(St Helens minutes)")
    notes = [
        f"Each {GRID_CELL_M:g} m grid cell is coloured by its score: the mean share of its "
        f"area (where its people are counted) within a walk of each of the {n_kinds} kinds "
        f"of asset, each within the St Helens study's time: {times}. "
        "Blank squares: no grid cell (no residents recorded), or outside the study area.",
        f"A desert is where people miss {MIN_MISSING} or more kinds: a cell misses a kind "
        "when less than half of it lies within reach.",
        f"{facts['left_out_cells']} of the grid's {facts['cells']} cells "
        f"({people(facts['left_out_people'])} people, most of them) lie mostly beyond the "
        "sample's streets and are left out: the sample is cut out of a larger city.",
    ]
    notes += [f"{note[0].upper()}{note[1:]}" for note in facts["desert_notes"]]
    export_map(
        project, outputs.map, [layers["deserts"], layers[NETWORK_LAYER], layers["score"]],
        extent, "Who can walk to community assets? Central Helsinki (sample data)",
        [(layers["score"], score_heading, legend_labels(layers["score"], score_label)),
         (layers["deserts"], "Desert (label: rank and people)", {}),
         (layers[NETWORK_LAYER], "Streets and paths~(OpenStreetMap)", {})],
        "\n\n".join(notes))

    play = layers["catchments_childrens_play"]

    breaks = []

    def catchment_label(_index, label, value):
        # the bands are drawn nearest on top: the outer one shows from the inner break on
        minutes = float(value if value is not None else label.split()[0])
        text = (f"{breaks[-1]:g} to {minutes:g} minutes' walk" if breaks
                else f"Within {minutes:g} minutes' walk")
        breaks.append(minutes)
        return text

    export_map(
        project, outputs.catchments_map,
        [layers[PLAY_LAYER], layers[NETWORK_LAYER], play], extent,
        "How far is a children's play area? Central Helsinki (sample data)",
        [(play, "Area within a walk of~a play area", legend_labels(play, catchment_label)),
         (layers[PLAY_LAYER], "Children's play area", {}),
         (layers[NETWORK_LAYER], "Streets and paths~(OpenStreetMap)", {})],
        "Shaded: everywhere within a 5 or 10 minutes' walk of a children's play area, at "
        "4.8 km/h along streets and paths (the St Helens study's times for play areas), "
        "including 50 m either side of each street reached.\n\n"
        "Gaps in the shading are places that are farther, or that the sample's streets "
        "and paths do not reach.")


def plain_list(words):
    """'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def write_docs_images(outputs, folder):
    """Small copies of the maps for the user guide (docs/images)."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QImage

    folder.mkdir(parents=True, exist_ok=True)
    for source in (outputs.map, outputs.catchments_map):
        image = QImage(str(source)).scaledToWidth(
            DOCS_IMAGE_WIDTH_PX, Qt.TransformationMode.SmoothTransformation)
        small = image.convertToFormat(
            QImage.Format.Format_Indexed8,
            Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither)
        target = folder / source.name.replace(f"{DEMO_NAME}_", "demo_")
        if not small.save(str(target), "PNG"):
            raise DemoError(f"could not write {target}")
        print(f"  {target} ({target.stat().st_size // 1024} KB)")


def map_extent(layers):
    """The area worth showing: the network, with a margin."""
    extent = layers[NETWORK_LAYER].extent()
    extent.scale(1.1)
    return extent


# --- summary ----------------------------------------------------------------------------------

def people(value):
    """A population count as the report shows it: fewer than 10 as '<10'."""
    return "<10" if 0 < value < 10 else f"{value:,.0f}"


def share_within_reach(shape, surface, n_kinds):
    """The share (0-1) of ``shape`` (a QgsGeometry) where the access surface reaches every
    one of the ``n_kinds`` kinds."""
    from qgis.core import QgsFeatureRequest

    area = shape.area()
    if area <= 0:
        return 0.0
    reached = 0.0
    for piece in surface.getFeatures(QgsFeatureRequest().setFilterRect(shape.boundingBox())):
        if piece["n_reached"] == n_kinds:
            reached += piece.geometry().intersection(shape).area()
    return reached / area


def facts_of(layers, kinds, comparison, grid_cells, grid_people):
    """What the summary and the map notes say about the sample: counts of cells and
    people, how many of the studied people live in the parts of cells beyond the sample's
    streets, and the deserts the cells would make if each were judged at one point, with
    how much of each lies within reach of every kind when the cells are judged by area."""
    score = list(layers["score"].getFeatures())
    scored = [f for f in score if f["status"] == "ok"]
    studied_people = sum(f[POPULATION_FIELD] or 0 for f in score)
    # the people of the surface's pieces out of reach of some kind, and how many of them
    # live within the span of the sample's streets (the rest are an edge of the sample)
    out_of_reach = inside_streets = 0.0
    for piece in layers["surface"].getFeatures():
        if piece["n_reached"] < len(kinds):
            geometry = piece.geometry()
            out_of_reach += piece[POPULATION_FIELD]
            inside_streets += piece[POPULATION_FIELD] * geometry.intersection(
                comparison.hull).area() / geometry.area()
    facts = {
        "cells": grid_cells, "people": grid_people, "scored": scored,
        "studied_cells": len(score), "studied_people": studied_people,
        "left_out_cells": grid_cells - len(score),
        "left_out_people": grid_people - studied_people,
        "scored_people": sum(f[POPULATION_FIELD] or 0 for f in scored),
        "out_of_reach_people": out_of_reach, "out_of_reach_inside": inside_streets,
        "desert_notes": [],
    }
    facts["deserts"] = sorted(layers["deserts"].getFeatures(), key=lambda f: f["rank"])
    where = ("that point joins a short footway cut off from the rest of the network (the "
             "access score's log warns of it)" if comparison.island else
             "that point joins the network where it reaches little")
    for desert in sorted(comparison.deserts.getFeatures(), key=lambda f: f["rank"]):
        share = share_within_reach(desert.geometry(), layers["surface"], len(kinds))
        cells = desert["n_units"]
        facts["desert_notes"].append(
            f"judged at one point per cell, as before area shares, "
            f"{people(desert['population'] or 0)} people would live in a desert of {cells} "
            f"cell{'' if cells == 1 else 's'}, though {100 * share:.0f}% of it lies within "
            f"reach of all {len(kinds)} kinds: {where}. Judged by area share, the people of "
            "that cell count where they live, and it is no desert.")
    return facts


def closure_lines(closures):
    """The closure scenarios in words: the asset of each kind whose closure costs most."""
    words = {"libraries": "library", "childrens_play": "play area"}
    lines = ["If one asset closed (each tried in turn, the others kept open):"]
    for kind, losses in closures.items():
        if not losses:
            continue
        name, lost = losses[0]
        minutes = f"{recognised_minutes(kind):g}"
        if lost < 0.5:
            lines.append(f"  no single {words.get(kind, kind)} matters alone: closing any one "
                         f"of the {len(losses)} leaves everyone who could walk to one within "
                         f"{minutes} minutes able to reach another")
            continue
        others = [f"{other} {people(count)}" for other, count in losses[1:] if count >= 0.5]
        lines.append(f"  if {name} ({words.get(kind, kind)}) closed, {people(lost)} people "
                     f"would lose walking access to one within {minutes} minutes"
                     + (f"; next: {', '.join(others[:2])}" if others else
                        f"; closing any other {words.get(kind, kind)} costs no one"))
    return lines if len(lines) > 1 else []


def recognised_minutes(kind):
    """The reach threshold (minutes) a kind's name is recognised by."""
    from community_asset_gaps.core.definitions import COST_TIME, default_reach_threshold

    return default_reach_threshold([kind], COST_TIME)[0]


def short_where(layers, kinds, facts):
    """Which kinds fall short where: for every kind, the people out of its reach within the
    span of the sample's streets (the access surface's pieces, apportioned by area), and
    the illustrative zone holding most of them."""
    zones = [(zone[ZONE_NAME_FIELD], zone.geometry()) for zone in layers["profile"].getFeatures()]
    hull = facts.get("hull")
    lacking = {kind: {} for kind, _ in kinds}
    for piece in layers["surface"].getFeatures():
        geometry = piece.geometry()
        if hull is not None:
            geometry = geometry.intersection(hull)
        if geometry.isEmpty() or not piece[POPULATION_FIELD]:
            continue
        people_inside = piece[POPULATION_FIELD] * geometry.area() / piece.geometry().area()
        point = geometry.pointOnSurface()
        zone = next((name for name, shape in zones if shape.contains(point)), None)
        for kind in (piece["missing"] or "").split(","):
            if kind in lacking:
                lacking[kind][zone] = lacking[kind].get(zone, 0.0) + people_inside
    lines = ["Where kinds fall short, within the span of the sample's streets (people out of "
             "reach, and the illustrative zone holding most of them):"]
    for kind, _ in kinds:
        total = sum(lacking[kind].values())
        if total < 0.5:
            continue
        zone, most = max(lacking[kind].items(), key=lambda item: item[1])
        where = "outside the illustrative zones" if zone is None else f"in {zone}"
        lines.append(f"  {kind:<18} {people(total):>6} people, most {where} "
                     f"({people(most)})")
    if len(lines) == 1:
        lines.append("  none: everyone there can walk to every kind")
    return lines


def summarise(layers, kinds, facts):
    """The one-screen summary, as lines of text."""
    from community_asset_gaps.core.definitions import MAJORITY_SHARE

    scored = facts["scored"]
    total = facts["scored_people"]
    lines = [f"Population grid: {facts['studied_cells']} of {facts['cells']} cells "
             f"({people(facts['studied_people'])} of {people(facts['people'])} people) lie "
             "mostly within the sample's streets and are studied; the other "
             f"{facts['left_out_cells']} ({people(facts['left_out_people'])} people) are "
             "left out: the sample's network is cut out of a larger city, so most of the "
             f"grid is beyond it. {len(scored)} studied cells are on the network.",
             "Each cell's people count by the share of the cell within reach of each kind "
             f"(a cell reaches a kind when at least {MAJORITY_SHARE:g}% of it does).",
             "Share of people within reach (each kind at its St Helens reach threshold, "
             "the outer break):"]
    for kind, breaks in kinds:
        within = sum((f[POPULATION_FIELD] or 0) * f[f"{kind}_share"] / 100.0 for f in scored)
        share = 100.0 * within / total if total else 0.0
        bar = "#" * int(round(share / 5))
        lines.append(f"  {kind:<18} {breaks[-1]:>3} min {share:5.1f}%  {bar}")
    out, inside = facts["out_of_reach_people"], facts["out_of_reach_inside"]
    lines.append(f"Of the {people(out)} people out of reach of some kind, {people(inside)} "
                 "live within the span of the sample's streets; the others live in the "
                 "parts of edge cells beyond them, where the sample holds no streets to walk.")
    deserts = facts["deserts"]
    desert_people = sum(f["population"] or 0 for f in deserts)
    count = f"{len(deserts)} desert" + ("" if len(deserts) == 1 else "s")
    if deserts:
        lines.append(f"Deserts (cells missing at least {MIN_MISSING} kinds): {count}, "
                     f"{people(desert_people)} people")
    else:
        lines.append(f"Deserts (cells missing at least {MIN_MISSING} kinds): none. No "
                     f"studied cell has less than {MAJORITY_SHARE:g}% of its area within "
                     f"reach of {MIN_MISSING} kinds: the centre of Helsinki is well served "
                     "on foot.")
    for desert in deserts[:3]:
        missing = (desert["missing"] or "").split(",")
        shown = ", ".join(missing[:4]) + (f" and {len(missing) - 4} more"
                                          if len(missing) > 4 else "")
        lines.append(f"  #{desert['rank']}: {people(desert['population'] or 0)} people, "
                     f"{desert['area_ha']:.1f} ha, missing {shown}")
    for note in facts["desert_notes"]:
        lines.append(f"  Compare: {note[0].upper()}{note[1:]}")
    lines += short_where(layers, kinds, facts)
    lines += closure_lines(facts.get("closures") or {})
    profile = list(layers["profile"].getFeatures())
    priority = [f for f in profile if f["priority"] == 1]
    lines.append(f"Priority zones (illustrative zones, made-up deciles): {len(priority)} of "
                 f"{len(profile)}")
    for zone in priority:
        lines.append(f"  {zone[ZONE_NAME_FIELD]}: decile {zone[ZONE_DECILE_FIELD]}, "
                     f"{zone['desert_share']:.0f}% of {people(zone['population'])} people "
                     "in deserts")
    return lines


def main(argv=None):
    """Run the demo; return the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    outputs = Outputs(Path(args.output_dir).resolve())
    outputs.clear()
    started = time.perf_counter()
    try:
        app = start_qgis()
        try:
            run_demo(args, outputs)
        finally:
            # Every QGIS object of the run is gone with run_demo's frame (and, once
            # collected, with the reference cycles of the algorithms it ran): one destroyed
            # after exitQgis() crashes QGIS.
            gc.collect()
            app.exitQgis()
    except (DemoError, ImportError, RuntimeError, OSError) as error:
        print(f"Demo failed: {error}", file=sys.stderr)
        return 1
    print(f"Done in {time.perf_counter() - started:.0f} s.")
    return 0


def run_demo(args, outputs):
    """The pipeline, the project, the maps and the summary, in a running QGIS."""
    from qgis.core import QgsApplication, QgsVectorLayer

    catchment_kinds = [k for k in KINDS if not args.quick or k[0] in QUICK_KINDS]
    # Keep this reference while the algorithms run: if the Python
    # provider object is garbage-collected, its algorithms vanish.
    provider = register_provider()
    print(f"Community Asset Gaps demo on {SAMPLE_GPKG.relative_to(REPO_ROOT)} "
          f"({provider.id()} provider)")
    warnings = []
    with open(outputs.log, "w", encoding="utf-8") as log_file:
        tables, comparison, closures = run_pipeline(outputs, KINDS, catchment_kinds,
                                                    log_file, warnings)
    layers, styles = open_layers(outputs, tables)
    extent = map_extent(layers)
    grid = [f[POPULATION_FIELD] or 0 for f in
            QgsVectorLayer(sample(ORIGINS_LAYER), ORIGINS_LAYER, "ogr").getFeatures()]
    facts = facts_of(layers, KINDS, comparison, len(grid), sum(grid))
    facts["closures"], facts["hull"] = closures, comparison.hull
    # the project owns the layers from here on
    project = write_project(outputs, layers, extent)
    render_maps(project, outputs, layers, extent, KINDS, facts)
    print()
    print("\n".join(summarise(layers, KINDS, facts)))
    counts = {}
    for source in styles.values():
        counts[source] = counts.get(source, 0) + 1
    styled = [f"{count} {source}" for source, count in sorted(counts.items())]
    catchments = [t for t in tables if t.startswith("catchments_")]
    listed = [f"catchments_<kind> ({len(catchments)})"] + \
        [t for t in tables if t not in catchments]
    print()
    print(f"Outputs in {outputs.folder}:")
    print(f"  {outputs.gpkg.name:<36} layers: {', '.join(listed)}")
    print(f"  {outputs.project.name:<36} QGIS project (styles: {', '.join(styled)})")
    print(f"  {outputs.map.name:<36} map of the deserts over the score")
    print(f"  {outputs.catchments_map.name:<36} map of the play areas' catchments")
    print(f"  {outputs.report.name:<36} area profile report")
    print(f"  {outputs.log.name:<36} the algorithms' full log")
    if args.docs_images:
        print("Pictures for the user guide:")
        write_docs_images(outputs, Path(args.docs_images))
    project.clear()
    QgsApplication.processingRegistry().removeProvider(provider)


if __name__ == "__main__":
    sys.exit(main())
