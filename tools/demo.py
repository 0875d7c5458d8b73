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
2. ``assetgaps:accessscore`` on the 250 m population grid, each kind judged at its outer
   break, with the overlay surface;
3. ``assetgaps:deserts`` (cells missing at least 3 kinds);
4. ``assetgaps:areaprofile`` on a 2 x 3 grid of *illustrative* zones with made-up
   deprivation deciles (the sample has no wards or IMD), with the HTML report.

It writes, in the output folder: one GeoPackage (layers ``catchments_<kind>``,
``score``, ``surface``, ``deserts``, ``profile``), a QGIS project that opens with the
layers styled, a PNG map of the deserts over the score, the HTML report and the full
processing log; then prints a one-screen summary. ``--quick`` maps catchments for
two kinds only (everything else is the same): the form the tests run.

Styles: a style saved in the GeoPackage (``layer_styles``) wins; else
``resources/styles/<name>.qml`` when it exists; else a plain style set here.
"""

import argparse
import sys
import time
from pathlib import Path

from headless import register_provider, start_qgis

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
QUICK_KINDS = ("childrens_play", "libraries")
MIN_MISSING = 3
ORIGINS_LAYER = "population_grid"
POPULATION_FIELD = "population"
NETWORK_LAYER = "walk_network"

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
MAP_WIDTH_PX = 1200
DOCS_IMAGE_WIDTH_PX = 640


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


def make_feedback(log_file):
    """A processing feedback that writes every log line to ``log_file``; errors also go
    to the terminal."""
    from qgis.core import QgsProcessingFeedback

    class LoggingFeedback(QgsProcessingFeedback):
        def _write(self, text):
            log_file.write(f"  {text}\n")

        def pushInfo(self, info):  # noqa: N802 - Qt API name
            self._write(info)

        def pushWarning(self, warning):  # noqa: N802
            self._write(f"WARNING: {warning}")

        def pushCommandInfo(self, info):  # noqa: N802
            self._write(info)

        def pushDebugInfo(self, info):  # noqa: N802
            self._write(info)

        def pushConsoleInfo(self, info):  # noqa: N802
            self._write(info)

        def reportError(self, error, fatalError=False):  # noqa: N802, N803
            self._write(f"ERROR: {error}")
            print(f"  ERROR: {error}", file=sys.stderr)

    return LoggingFeedback()


def run_step(algorithm, params, label, log_file):
    """processing.run with the log going to the log file; one line on the terminal."""
    import processing
    from qgis.core import QgsProcessingException

    log_file.write(f"\n{algorithm}: {label}\n")
    start = time.perf_counter()
    try:
        results = processing.run(algorithm, params, feedback=make_feedback(log_file))
    except QgsProcessingException as error:
        raise DemoError(f"{algorithm} ({label}) failed: {error}") from error
    print(f"  {algorithm:<22} {label:<46} {time.perf_counter() - start:5.1f} s")
    return results


def make_zones(crs):
    """The illustrative zones: a memory layer, a grid over the network's extent."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsRectangle, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    network = QgsVectorLayer(sample(NETWORK_LAYER), NETWORK_LAYER, "ogr")
    if not network.isValid():
        raise DemoError(f"cannot open the sample network in {SAMPLE_GPKG}")
    extent = network.extent()
    zones = QgsVectorLayer(f"Polygon?crs={crs.authid()}", "illustrative demo zones", "memory")
    provider = zones.dataProvider()
    provider.addAttributes([QgsField(ZONE_NAME_FIELD, QVariant.Type.String),
                            QgsField(ZONE_DECILE_FIELD, QVariant.Type.Int)])
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


def run_pipeline(outputs, kinds, catchment_kinds, log_file):
    """Every algorithm in turn; returns the GeoPackage's table names in drawing order."""
    from qgis.core import QgsVectorLayer

    gpkg = outputs.gpkg
    network = sample(NETWORK_LAYER)
    tables = []
    for kind, breaks in catchment_kinds:
        table = f"catchments_{kind}"
        run_step("assetgaps:catchments", {
            "NETWORK": network, "FACILITIES": sample(kind),
            "THRESHOLDS": ",".join(str(b) for b in breaks), "OVERLAP": 1, "COST_TYPE": 0,
            "OUTPUT": gpkg_table_destination(gpkg, table)},
            f"{kind}, {' and '.join(str(b) for b in breaks)} min", log_file)
        tables.append(table)
    names = [kind for kind, _ in kinds]
    run_step("assetgaps:accessscore", {
        "NETWORK": network, "ORIGINS": sample(ORIGINS_LAYER),
        "POPULATION_FIELD": POPULATION_FIELD,
        "ASSETS": [sample(kind) for kind in names], "ASSET_NAMES": ",".join(names),
        "THRESHOLDS": ",".join(str(breaks[-1]) for _, breaks in kinds),
        "OUTPUT": gpkg_table_destination(gpkg, "score"),
        "OUTPUT_SURFACE": gpkg_table_destination(gpkg, "surface")},
        f"{len(kinds)} kinds, each at its outer break", log_file)
    score = f"{gpkg}|layername=score"
    run_step("assetgaps:deserts", {
        "INPUT": score, "POPULATION_FIELD": POPULATION_FIELD, "MIN_MISSING": MIN_MISSING,
        "OUTPUT": gpkg_table_destination(gpkg, "deserts")},
        f"cells missing at least {MIN_MISSING} kinds", log_file)
    score_layer = QgsVectorLayer(score, "score", "ogr")
    zones = make_zones(score_layer.crs())
    run_step("assetgaps:areaprofile", {
        "ZONES": zones, "ZONE_NAME_FIELD": ZONE_NAME_FIELD, "INPUT": score,
        "POPULATION_FIELD": POPULATION_FIELD, "MIN_MISSING": MIN_MISSING,
        "DEPRIVATION_FIELD": ZONE_DECILE_FIELD, "DESERTS": f"{gpkg}|layername=deserts",
        "ATTRIBUTION": REPORT_ATTRIBUTION,
        "OUTPUT": gpkg_table_destination(gpkg, "profile"),
        "OUTPUT_HTML": str(outputs.report)},
        f"{len(ZONE_DECILES)} illustrative zones, with the report", log_file)
    return tables + ["surface", "score", "deserts", "profile"]


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
    from qgis.core import (QgsCategorizedSymbolRenderer, QgsFeatureRequest, QgsFillSymbol,
                           QgsGraduatedSymbolRenderer, QgsLinePatternFillSymbolLayer,
                           QgsLineSymbol, QgsRendererCategory, QgsRendererRange,
                           QgsSimpleLineSymbolLayer, QgsSingleSymbolRenderer)
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
            categories.append(QgsRendererCategory(value, symbol, f"{value:g} min walk"))
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
    return layers, styles


def write_project(outputs, layers, extent):
    """A .qgz beside the GeoPackage (relative paths) with the layers in a sensible order."""
    from qgis.core import QgsProject, QgsReferencedRectangle

    project = QgsProject()
    project.setTitle("Community Asset Gaps demo: central Helsinki")
    crs = layers["score"].crs()
    project.setCrs(crs)
    root = project.layerTreeRoot()
    order = ["profile", "deserts", "score", "surface"]
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
    project.addMapLayer(layers[NETWORK_LAYER], False)
    root.addLayer(layers[NETWORK_LAYER])
    metadata = project.metadata()
    metadata.setAbstract("Outputs of tools/demo.py on the plugin's sample data. "
                         f"Data: {ATTRIBUTION}. The zones and their deciles are made up.")
    project.setMetadata(metadata)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, crs))
    if not project.write(str(outputs.project)):
        raise DemoError(f"could not write the project {outputs.project}: "
                        f"{project.error()}")
    return project


def render_png(path, map_layers, crs, extent, title, legend):
    """Render ``map_layers`` (top first) to a PNG with a title, a legend of
    (symbol, label) entries and the data attribution drawn on it."""
    from qgis.core import QgsMapRendererCustomPainterJob, QgsMapSettings
    from qgis.PyQt.QtCore import QPointF, QRectF, QSize, Qt
    from qgis.PyQt.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

    width = MAP_WIDTH_PX
    height = int(round(width * extent.height() / extent.width()))
    settings = QgsMapSettings()
    settings.setLayers(map_layers)
    settings.setDestinationCrs(crs)
    settings.setOutputSize(QSize(width, height))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("white"))
    settings.setOutputDpi(96)
    image = QImage(QSize(width, height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.renderSynchronously()
    left = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)

    def box(rect):
        painter.setPen(QPen(QColor("#666666")))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRect(rect)

    font = QFont("DejaVu Sans")
    font.setPixelSize(22)
    font.setBold(True)
    painter.setFont(font)
    box(QRectF(10, 10, width - 20, 40))
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(20, 10, width - 40, 40), left, title)

    font.setPixelSize(15)
    font.setBold(False)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    row = 24
    text_width = max([metrics.horizontalAdvance(label) for _, label in legend] + [100])
    frame = QRectF(10, 60, text_width + 68, 18 + row * len(legend))
    box(frame)
    for index, (symbol, label) in enumerate(legend):
        y = frame.top() + 10 + index * row
        painter.drawImage(QPointF(frame.left() + 10, y), symbol.asImage(QSize(28, 16)))
        painter.setPen(QColor("black"))
        painter.drawText(QRectF(frame.left() + 48, y - 2, text_width + 10, 20), left, label)

    attribution_width = metrics.horizontalAdvance(ATTRIBUTION) + 20
    attribution = QRectF(width - attribution_width - 10, height - 36, attribution_width, 26)
    box(attribution)
    painter.setPen(QColor("black"))
    painter.drawText(attribution, int(Qt.AlignmentFlag.AlignCenter), ATTRIBUTION)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise DemoError(f"could not write the map {path}")


def render_maps(outputs, layers, extent):
    """The deserts over the network and the score; and the play areas' catchments."""
    crs = layers["score"].crs()
    render_png(
        outputs.map, [layers["deserts"], layers[NETWORK_LAYER], layers["score"]], crs,
        extent, "Social infrastructure deserts over the access score - central Helsinki",
        legend_entries(layers["score"], "score")
        + legend_entries(layers["deserts"],
                         f"desert: misses {MIN_MISSING}+ of {len(KINDS)} kinds"))
    play = layers["catchments_childrens_play"]
    render_png(
        outputs.catchments_map, [layers[NETWORK_LAYER], play], crs, extent,
        "Walking catchments of children's play areas (5 and 10 minutes)",
        legend_entries(play, "catchment"))


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
        print(f"  {target}")


def legend_entries(layer, fallback_label):
    """(symbol, label) of each class of a layer's renderer, as its legend shows them."""
    entries = []
    items = layer.renderer().legendSymbolItems()
    for item in items:
        if item.symbol() is not None:  # owned by the item: keep a copy
            entries.append((item.symbol().clone(), item.label() or fallback_label))
    return entries


def map_extent(layers):
    """The area worth showing: the network, with a margin."""
    extent = layers[NETWORK_LAYER].extent()
    extent.scale(1.1)
    return extent


# --- summary ----------------------------------------------------------------------------------

def people(value):
    """A population count as the report shows it: fewer than 10 as '<10'."""
    return "<10" if 0 < value < 10 else f"{value:,.0f}"


def summarise(layers, kinds):
    """The one-screen summary, as lines of text."""
    score = list(layers["score"].getFeatures())
    scored = [f for f in score if f["status"] == "ok"]
    total = sum(f[POPULATION_FIELD] or 0 for f in scored)
    unreached = [f for f in score if f["status"] != "ok"]
    lines = [f"Population grid: {len(scored)} of {len(score)} cells on the network, "
             f"{people(total)} people ({len(unreached)} cells beyond the network are "
             "'unreached')",
             "Share of people within reach (each kind at its outer break):"]
    for kind, breaks in kinds:
        within = sum(f[POPULATION_FIELD] or 0 for f in scored if f[f"{kind}_ok"] == 1)
        share = 100.0 * within / total if total else 0.0
        bar = "#" * int(round(share / 5))
        lines.append(f"  {kind:<18} {breaks[-1]:>3} min {share:5.1f}%  {bar}")
    deserts = sorted(layers["deserts"].getFeatures(), key=lambda f: f["rank"])
    desert_people = sum(f["population"] or 0 for f in deserts)
    lines.append(f"Deserts (cells missing at least {MIN_MISSING} kinds): {len(deserts)}, "
                 f"{people(desert_people)} people")
    for desert in deserts[:3]:
        missing = (desert["missing"] or "").split(",")
        shown = ", ".join(missing[:4]) + (f" and {len(missing) - 4} more"
                                          if len(missing) > 4 else "")
        lines.append(f"  #{desert['rank']}: {people(desert['population'] or 0)} people, "
                     f"{desert['area_ha']:.1f} ha, missing {shown}")
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
    catchment_kinds = [k for k in KINDS if not args.quick or k[0] in QUICK_KINDS]
    started = time.perf_counter()
    try:
        app = start_qgis()
        try:
            # Keep this reference while the algorithms run: if the Python
            # provider object is garbage-collected, its algorithms vanish.
            provider = register_provider()
            print(f"Community Asset Gaps demo on {SAMPLE_GPKG.relative_to(REPO_ROOT)} "
                  f"({provider.id()} provider)")
            with open(outputs.log, "w", encoding="utf-8") as log_file:
                tables = run_pipeline(outputs, KINDS, catchment_kinds, log_file)
            layers, styles = open_layers(outputs, tables)
            extent = map_extent(layers)
            render_maps(outputs, layers, extent)
            # the project owns the layers from here on
            project = write_project(outputs, layers, extent)
            print()
            print("\n".join(summarise(layers, KINDS)))
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
            print(f"Done in {time.perf_counter() - started:.0f} s.")
            project.clear()
        finally:
            app.exitQgis()
    except (DemoError, ImportError, RuntimeError, OSError) as error:
        print(f"Demo failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
