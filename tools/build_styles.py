"""Build the output styles, resources/styles/*.qml, with PyQGIS (developer tool, not shipped).

Usage (from the repository root; needs QGIS's Python)::

    QT_QPA_PLATFORM=offscreen python3 tools/build_styles.py

Each style is built on an empty memory layer with the output's fields and saved with
``saveNamedStyle`` (symbology and labels only). algorithms/styles.py loads them; the
legend labels come from its LEGEND, so the translatable text has one source. Colours:

- sequential, colour-blind safe: ColorBrewer YlGnBu for catchments (darker = nearer),
  viridis for scores and the number of kinds reached (brighter = more), ColorBrewer YlOrRd
  for the share of people in deserts (darker = more);
- categories: the Okabe-Ito palette (network problems, islands, scenario changes).
"""

import sys
from pathlib import Path

from headless import REPO_ROOT, enum, start_qgis

STYLES = REPO_ROOT / "resources" / "styles"

YLGNBU = ["#253494", "#2c7fb8", "#41b6c4", "#7fcdbb", "#c7e9b4"]   # dark (near) to light
VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]  # low to high
YLORRD = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]   # low to high
OKABE_ITO = {"orange": "#e69f00", "sky_blue": "#56b4e9", "green": "#009e73",
             "vermillion": "#d55e00", "purple": "#cc79a7", "blue": "#0072b2",
             "yellow": "#f0e442"}
GREY = "#bdbdbd"
DESERT = "#d95f02"


def memory_layer(geometry: str, fields: str):
    from qgis.core import QgsVectorLayer

    uri = f"{geometry}?crs=EPSG:3857" + "".join(f"&field={f}" for f in fields.split())
    layer = QgsVectorLayer(uri, "template", "memory")
    if not layer.isValid():
        raise RuntimeError(f"could not make a memory layer {uri}")
    return layer


def ramp(colours):
    """A gradient through ``colours`` at even stops."""
    from qgis.core import QgsGradientColorRamp, QgsGradientStop
    from qgis.PyQt.QtGui import QColor

    stops = [QgsGradientStop(i / (len(colours) - 1), QColor(c))
             for i, c in enumerate(colours[1:-1], start=1)]
    return QgsGradientColorRamp(QColor(colours[0]), QColor(colours[-1]), False, stops)


def fill(colour, stroke="#ffffff", stroke_width=0.1, style="solid"):
    from qgis.core import QgsFillSymbol

    return QgsFillSymbol.createSimple({
        "color": colour, "outline_color": stroke, "outline_width": str(stroke_width),
        "outline_style": style})


def outline(colour, width):
    from qgis.core import QgsFillSymbol

    return QgsFillSymbol.createSimple({
        "color": "0,0,0,0", "style": "no", "outline_color": colour,
        "outline_width": str(width)})


def marker(colour, shape="circle", size=2.4, stroke="#333333", fill_colour=None):
    from qgis.core import QgsMarkerSymbol

    return QgsMarkerSymbol.createSimple({
        "name": shape, "color": fill_colour or colour, "size": str(size),
        "outline_color": stroke, "outline_width": "0.2"})


def line(colour, width):
    from qgis.core import QgsLineSymbol

    return QgsLineSymbol.createSimple({"line_color": colour, "line_width": str(width),
                                       "capstyle": "round", "joinstyle": "round"})


def categorised(field, categories, source_symbol=None, source_ramp=None):
    """A categorised renderer; ``categories`` are (value, symbol, label)."""
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

    renderer = QgsCategorizedSymbolRenderer(field, [
        QgsRendererCategory(value, symbol, label) for value, symbol, label in categories])
    if source_symbol is not None:
        renderer.setSourceSymbol(source_symbol)
    if source_ramp is not None:
        renderer.setSourceColorRamp(source_ramp)
    return renderer


def rule_based(rules, template):
    """A rule-based renderer; ``rules`` are (symbol, filter expression, label); a None
    filter is the ELSE rule."""
    from qgis.core import QgsRuleBasedRenderer

    root = QgsRuleBasedRenderer.Rule(None)
    for symbol, expression, label in rules:
        if expression is None:
            rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, "ELSE", label)
        else:
            rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label)
        root.appendChild(rule)
    return QgsRuleBasedRenderer(root)


def order_by(renderer, field, ascending):
    from qgis.core import QgsFeatureRequest

    renderer.setOrderBy(QgsFeatureRequest.OrderBy([
        QgsFeatureRequest.OrderByClause(field, ascending)]))
    renderer.setOrderByEnabled(True)


def labels(layer, expression, size=9.0, placement=None):
    from qgis.core import (
        QgsPalLayerSettings,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    text = QgsTextFormat()
    font = QFont()
    font.setBold(True)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor("#222222"))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("#ffffff"))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.setFormat(text)
    if placement is not None:
        settings.placement = placement
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def save(layer, name):
    from qgis.core import QgsMapLayer

    # symbology, labels and the layer opacity (which QGIS files under "Rendering")
    categories = enum("QgsMapLayer.StyleCategory.Symbology", "QgsMapLayer.Symbology") | \
        enum("QgsMapLayer.StyleCategory.Labeling", "QgsMapLayer.Labeling") | \
        enum("QgsMapLayer.StyleCategory.Rendering", "QgsMapLayer.Rendering")
    if not isinstance(categories, int) and hasattr(QgsMapLayer, "StyleCategories"):
        categories = QgsMapLayer.StyleCategories(categories)
    path = STYLES / f"{name}.qml"
    message, ok = layer.saveNamedStyle(str(path), categories)
    if not ok:
        raise RuntimeError(f"{path}: {message}")
    print(f"wrote {path.relative_to(REPO_ROOT)}")


def catchments_style(legend):
    """Catchments: categorised by threshold, darker = nearer; farther drawn first so merged
    catchments (each containing the nearer ones) and rings both read as bands."""
    layer = memory_layer("MultiPolygon", "facility_id:integer threshold:double "
                                         "cost_type:string area_m2:double")
    source = fill(YLGNBU[0], stroke="#ffffff", stroke_width=0.15)
    renderer = categorised("threshold", [
        (5.0, fill(YLGNBU[0], "#ffffff", 0.15), "5 min"),
        (10.0, fill(YLGNBU[-1], "#ffffff", 0.15), "10 min")], source, ramp(YLGNBU))
    order_by(renderer, "threshold", ascending=False)
    layer.setRenderer(renderer)
    layer.setOpacity(0.8)
    save(layer, "catchments")


def catchment_lines_style(legend):
    """The reachable network, categorised by threshold like the catchments."""
    layer = memory_layer("LineString", "facility_id:integer threshold:double "
                                       "cost_start:double cost_end:double")
    renderer = categorised("threshold", [
        (5.0, line(YLGNBU[0], 0.7), "5"), (10.0, line(YLGNBU[-1], 0.7), "10")],
        line(YLGNBU[0], 0.7), ramp(YLGNBU))
    order_by(renderer, "threshold", ascending=False)
    layer.setRenderer(renderer)
    save(layer, "catchment_lines")


def score_bands(legend):
    """(expression, colour, label) of the score bands, highest first."""
    return [("\"score\" >= 100", VIRIDIS[4], legend["score_100"]),
            ("\"score\" >= 75 AND \"score\" < 100", VIRIDIS[3], legend["score_75"]),
            ("\"score\" >= 50 AND \"score\" < 75", VIRIDIS[2], legend["score_50"]),
            ("\"score\" >= 25 AND \"score\" < 50", VIRIDIS[1], legend["score_25"]),
            ("\"score\" < 25", VIRIDIS[0], legend["score_0"])]


UNREACHED = "\"status\" = 'unreached'"


def access_score_point_style(legend):
    """Scored point origins: viridis bands of score, unreached origins grey."""
    layer = memory_layer("Point", "status:string n_reached:integer score:double")
    layer.setRenderer(rule_based(
        [(marker(colour), expression, label) for expression, colour, label
         in score_bands(legend)]
        + [(marker(GREY, fill_colour="0,0,0,0", stroke="#7f7f7f"), UNREACHED,
            legend["unreached"])], None))
    save(layer, "accessscore_point")


def access_score_polygon_style(legend):
    """Scored polygon origins: viridis bands of score, unreached origins grey, dashed."""
    layer = memory_layer("MultiPolygon", "status:string n_reached:integer score:double")
    layer.setRenderer(rule_based(
        [(fill(colour, "#ffffff", 0.1), expression, label)
         for expression, colour, label in score_bands(legend)]
        + [(fill("#e0e0e0", "#9e9e9e", 0.2, "dash"), UNREACHED, legend["unreached"])],
        None))
    save(layer, "accessscore_polygon")


def access_surface_style(legend):
    """The overlay surface: categorised by the number of kinds reached, viridis."""
    layer = memory_layer("MultiPolygon", "n_reached:integer reached:string missing:string")
    layer.setRenderer(categorised("n_reached", [
        (n, fill(VIRIDIS[n], "0,0,0,0", 0.0, "no"), legend["within"].format(value=n))
        for n in range(5)], fill(VIRIDIS[0], "0,0,0,0", 0.0, "no"), ramp(VIRIDIS)))
    layer.setOpacity(0.85)
    save(layer, "access_surface")


def deserts_style(legend):
    """Deserts: hatched, outlined, labelled with the rank and the people ("<10" below
    10)."""
    from qgis.core import (
        QgsFillSymbol,
        QgsLinePatternFillSymbolLayer,
        QgsSimpleLineSymbolLayer,
        QgsSingleSymbolRenderer,
    )

    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(45.0)
    hatch.setDistance(2.0)
    hatch.setSubSymbol(line(DESERT, 0.35))
    symbol.appendSymbolLayer(hatch)
    edge = QgsSimpleLineSymbolLayer.create({"line_color": DESERT, "line_width": "0.6"})
    symbol.appendSymbolLayer(edge)
    layer = memory_layer("MultiPolygon", "desert_id:integer area_ha:double "
                                         "population:double n_units:integer missing:string "
                                         "mean_score:double rank:integer")
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    labels(layer, "'#' || \"rank\" || '\\n' || CASE "
                  "WHEN \"population\" IS NULL THEN format_number(\"area_ha\", 1) || ' ha' "
                  "WHEN \"population\" < 10 THEN '<10' "
                  "ELSE format_number(\"population\", 0) END",
           placement=enum("Qgis.LabelPlacement.OverPoint", "QgsPalLayerSettings.OverPoint"))
    save(layer, "deserts")


def area_profile_style(legend):
    """The area profile: YlOrRd bands of desert_share, no people grey, priority zones
    outlined above every fill (symbol levels)."""
    shares = [("\"desert_share\" = 0", YLORRD[0], legend["share_0"]),
              ("\"desert_share\" > 0 AND \"desert_share\" < 10", YLORRD[1],
               legend["share_10"]),
              ("\"desert_share\" >= 10 AND \"desert_share\" < 25", YLORRD[2],
               legend["share_25"]),
              ("\"desert_share\" >= 25 AND \"desert_share\" < 50", YLORRD[3],
               legend["share_50"]),
              ("\"desert_share\" >= 50", YLORRD[4], legend["share_100"]),
              ("\"desert_share\" IS NULL", "#e0e0e0", legend["no_people"])]
    rules = [(fill(colour, "#ffffff", 0.15), expression, label)
             for expression, colour, label in shares]
    priority = outline("#000000", 0.8)
    priority.symbolLayer(0).setRenderingPass(1)
    rules.append((priority, "\"priority\" = 1", legend["priority"]))
    renderer = rule_based(rules, None)
    renderer.setUsingSymbolLevels(True)
    layer = memory_layer("MultiPolygon", "population:double desert_pop:double "
                                         "desert_share:double mean_score:double "
                                         "priority:integer")
    layer.setRenderer(renderer)
    save(layer, "areaprofile")


def network_problems_style(legend):
    """Network problems: one Okabe-Ito marker per kind of problem."""
    layer = memory_layer("Point", "problem:string distance_m:double")
    layer.setRenderer(categorised("problem", [
        ("dangling end near a line", marker(OKABE_ITO["orange"], "circle", 3.0),
         legend["dangling"]),
        ("lines cross without a junction", marker(OKABE_ITO["blue"], "cross2", 3.4,
                                                  stroke=OKABE_ITO["blue"]),
         legend["crossing"]),
        ("small component", marker(OKABE_ITO["vermillion"], "triangle", 3.4),
         legend["small"])]))
    save(layer, "network_problems")


def network_components_style(legend):
    """Network components: the largest grey, the islands in Okabe-Ito colours."""
    from qgis.core import QgsProperty

    islands = line(OKABE_ITO["vermillion"], 0.9)
    palette = ",".join(f"'{OKABE_ITO[name]}'" for name in
                       ("vermillion", "blue", "orange", "purple", "green", "sky_blue"))
    islands.symbolLayer(0).setDataDefinedProperty(
        enum("QgsSymbolLayer.Property.StrokeColor", "QgsSymbolLayer.PropertyStrokeColor"),
        QgsProperty.fromExpression(f"array_get(array({palette}), \"component_id\" % 6)"))
    layer = memory_layer("LineString", "component_id:integer component_length_m:double")
    renderer = rule_based([(line("#9e9e9e", 0.3), "\"component_id\" = 0", legend["largest"]),
                           (islands, None, legend["islands"])], None)
    order_by(renderer, "component_id", ascending=True)
    layer.setRenderer(renderer)
    save(layer, "network_components")


def scenario_styles(legend):
    """Scenario origins, points and polygons: gained / lost / same."""
    for geometry, make in (("Point", lambda c: marker(c, size=2.4)),
                           ("MultiPolygon", lambda c: fill(c, "#ffffff", 0.1))):
        layer = memory_layer(geometry, "change:string")
        layer.setRenderer(categorised("change", [
            ("gained", make(OKABE_ITO["blue"]), legend["gained"]),
            ("lost", make(OKABE_ITO["vermillion"]), legend["lost"]),
            ("same", make("#d9d9d9"), legend["same"])]))
        save(layer, "scenario_point" if geometry == "Point" else "scenario_polygon")


def best_sites_style(legend):
    """Best sites: a star labelled with its rank."""
    from qgis.core import QgsSingleSymbolRenderer

    layer = memory_layer("Point", "rank:integer pop_gain:double cum_pop_gain:double")
    layer.setRenderer(QgsSingleSymbolRenderer(marker(OKABE_ITO["purple"], "star", 5.0,
                                                     stroke="#222222")))
    labels(layer, "\"rank\"", size=10.0)
    save(layer, "bestsites")


# Every style, in the order they are written.
BUILDERS = (catchments_style, catchment_lines_style, access_score_point_style,
            access_score_polygon_style, access_surface_style, deserts_style,
            area_profile_style, network_problems_style, network_components_style,
            scenario_styles, best_sites_style)


def build_all(legend):
    STYLES.mkdir(parents=True, exist_ok=True)
    for build in BUILDERS:
        build(legend)


def main() -> int:
    app = start_qgis()  # noqa: F841 - keep the application alive while building
    sys.path.insert(0, str(Path(REPO_ROOT / "build" / "plugins")))
    from community_asset_gaps.algorithms.styles import LEGEND

    build_all(LEGEND)
    return 0


if __name__ == "__main__":
    sys.exit(main())
