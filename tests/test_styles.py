"""Styled outputs (outputs load styled, and styles travel with the data: see
docs/architecture.md), icons and help texts.

- Loaded outputs: every output of every algorithm run through
  ``processing.runAndLoadResults`` (the toolbox's path: the layers to load on completion
  are loaded and their post-processors run) has the renderer of its style, with the
  expected number of classes.
- GeoPackage outputs written by ``qgis_process`` carry their style in ``layer_styles``
  and open styled.
- Every parameter has help, the help panel lists them, every algorithm has its icon.
"""

import sqlite3
from pathlib import Path

import processing
import pytest
from qgis.core import (
    QgsApplication,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsMarkerSymbol,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRect
from qgis.PyQt.QtSvg import QSvgRenderer

from community_asset_gaps.algorithms import styles

KINDS = ["libraries", "gp_surgeries", "pharmacies", "childrens_play", "parks"]


def layer_source(gpkg, name):
    return f"{gpkg}|layername={name}"


def renderer_summary(layer):
    """(renderer type, number of categories / ranges / top-level rules)."""
    renderer = layer.renderer()
    kind = renderer.type()
    if kind == "categorizedSymbol":
        return kind, len(renderer.categories())
    if kind == "graduatedSymbol":
        return kind, len(renderer.ranges())
    if kind == "RuleRenderer":
        return kind, len(renderer.rootRule().children())
    return kind, 1


def luminance(colour):
    """Perceived brightness, 0-255."""
    return 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()


def rule_labels(layer):
    return [rule.label() for rule in layer.renderer().rootRule().children()]


@pytest.fixture(scope="module")
def loaded(helsinki_gpkg, tmp_path_factory):
    """Run every algorithm as the toolbox does, outputs loaded into the project:
    {(algorithm, output): layer}."""
    project = QgsProject.instance()
    project.removeAllMapLayers()
    out = tmp_path_factory.mktemp("loaded")
    net = layer_source(helsinki_gpkg, "walk_network")
    grid = layer_source(helsinki_gpkg, "population_grid")
    runs = {}
    runs["catchments"] = processing.runAndLoadResults("assetgaps:catchments", {
        "NETWORK": net, "FACILITIES": layer_source(helsinki_gpkg, "libraries"),
        "THRESHOLDS": "5,10", "OVERLAP": 2, "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_LINES": str(out / "lines.gpkg")})
    runs["catchments_m"] = processing.runAndLoadResults("assetgaps:catchments", {
        "NETWORK": net, "FACILITIES": layer_source(helsinki_gpkg, "parks"),
        "COST_TYPE": 1, "THRESHOLDS": "400, 800, 1200 m", "OUTPUT": "TEMPORARY_OUTPUT"})
    runs["accessscore"] = processing.runAndLoadResults("assetgaps:accessscore", {
        "NETWORK": net, "ORIGINS": grid, "POPULATION_FIELD": "population",
        "ASSETS": [layer_source(helsinki_gpkg, k) for k in KINDS],
        "OUTPUT": str(out / "scores.gpkg"), "OUTPUT_SURFACE": "TEMPORARY_OUTPUT"})
    runs["accessscore_points"] = processing.runAndLoadResults("assetgaps:accessscore", {
        "NETWORK": net, "ORIGINS": layer_source(helsinki_gpkg, "food_retail"),
        "ASSETS": [layer_source(helsinki_gpkg, k) for k in KINDS[:2]],
        "OUTPUT": "TEMPORARY_OUTPUT"})
    scores = runs["accessscore"]["OUTPUT"]
    runs["deserts"] = processing.runAndLoadResults("assetgaps:deserts", {
        "INPUT": scores, "POPULATION_FIELD": "population", "MIN_MISSING": 2,
        "OUTPUT": "TEMPORARY_OUTPUT"})
    runs["areaprofile"] = processing.runAndLoadResults("assetgaps:areaprofile", {
        "INPUT": scores, "ZONES": grid, "POPULATION_FIELD": "population", "MIN_MISSING": 2,
        "OUTPUT": str(out / "profile.gpkg")})
    runs["networkcheck"] = processing.runAndLoadResults("assetgaps:networkcheck", {
        "NETWORK": net, "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_COMPONENTS": "TEMPORARY_OUTPUT"})

    def layer_for(run, output):
        value = runs[run][output]
        found = project.mapLayer(value) or next(
            (layer for layer in project.mapLayers().values()
             if layer.source().split("|")[0] == str(value).split("|")[0]), None)
        if found is None:
            pytest.fail(f"{run} {output} ({value}) was not loaded into the project")
        return found

    layers = {key: layer_for(*key) for key in (
        ("catchments", "OUTPUT"), ("catchments", "OUTPUT_LINES"), ("catchments_m", "OUTPUT"),
        ("accessscore", "OUTPUT"), ("accessscore", "OUTPUT_SURFACE"),
        ("accessscore_points", "OUTPUT"), ("deserts", "OUTPUT"), ("areaprofile", "OUTPUT"),
        ("networkcheck", "OUTPUT"), ("networkcheck", "OUTPUT_COMPONENTS"))}
    yield layers
    project.removeAllMapLayers()


def test_catchments_are_shaded_by_threshold(loaded):
    layer = loaded["catchments", "OUTPUT"]
    assert renderer_summary(layer) == ("categorizedSymbol", 2)
    renderer = layer.renderer()
    assert renderer.classAttribute() == "threshold"
    assert [c.label() for c in renderer.categories()] == ["5 min", "10 min"]
    # lighter = farther, and the farther band is drawn first
    near, far = (c.symbol().color() for c in renderer.categories())
    assert luminance(far) > luminance(near)
    assert renderer.orderByEnabled()
    assert not renderer.orderBy().list()[0].ascending()
    assert layer.opacity() < 1


def test_catchments_in_metres_get_their_own_classes(loaded):
    renderer = loaded["catchments_m", "OUTPUT"].renderer()
    assert [c.label() for c in renderer.categories()] == ["400 m", "800 m", "1200 m"]
    lightness = [luminance(c.symbol().color()) for c in renderer.categories()]
    assert lightness == sorted(lightness)


def test_reachable_network_is_shaded_by_threshold(loaded):
    layer = loaded["catchments", "OUTPUT_LINES"]
    assert renderer_summary(layer) == ("categorizedSymbol", 2)
    assert layer.renderer().classAttribute() == "threshold"


def test_access_scores_on_a_colour_blind_safe_ramp(loaded):
    for key, symbol_type in ((("accessscore", "OUTPUT"), "fill"),
                             (("accessscore_points", "OUTPUT"), "marker")):
        layer = loaded[key]
        assert renderer_summary(layer) == ("RuleRenderer", 6), key
        assert rule_labels(layer)[-1] == "unreached (off the network)"
        symbols = [rule.symbol() for rule in layer.renderer().rootRule().children()]
        expected = QgsFillSymbol if symbol_type == "fill" else QgsMarkerSymbol
        assert all(isinstance(s, expected) for s in symbols), key
        # viridis: every band a different colour, brighter for higher scores
        band_lightness = [luminance(s.color()) for s in symbols[:5]]
        assert band_lightness == sorted(band_lightness, reverse=True)


def test_every_origin_falls_in_exactly_one_score_rule(loaded):
    layer = loaded["accessscore", "OUTPUT"]
    rules = layer.renderer().rootRule().children()
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    for feature in layer.getFeatures():
        context.setFeature(feature)
        matches = [rule.label() for rule in rules if QgsExpression(rule.filterExpression())
                   .evaluate(context)]
        assert len(matches) == 1, (feature["status"], feature["score"], matches)


def test_access_surface_by_kinds_reached(loaded):
    layer = loaded["accessscore", "OUTPUT_SURFACE"]
    values = sorted(v for v in layer.uniqueValues(layer.fields().indexOf("n_reached")))
    assert renderer_summary(layer) == ("categorizedSymbol", len(values))
    categories = layer.renderer().categories()
    assert [c.value() for c in categories] == values
    assert categories[0].label() == f"{values[0]} within reach"
    lightness = [luminance(c.symbol().color()) for c in categories]
    assert lightness == sorted(lightness)


def test_deserts_hatched_and_labelled(loaded):
    layer = loaded["deserts", "OUTPUT"]
    assert renderer_summary(layer) == ("singleSymbol", 1)
    symbol_layers = layer.renderer().symbol().symbolLayers()
    assert any(isinstance(s, QgsLinePatternFillSymbolLayer) for s in symbol_layers)
    assert layer.labelsEnabled()
    settings = layer.labeling().settings()
    assert settings.isExpression
    expression = QgsExpression(settings.fieldName)
    assert not expression.hasParserError(), expression.parserErrorString()

    def label(population, rank=1, area_ha=2.5):
        feature = QgsFeature(layer.fields())
        feature["population"] = population
        feature["rank"] = rank
        feature["area_ha"] = area_ha
        context = QgsExpressionContext()
        context.setFeature(feature)
        return expression.evaluate(context)

    assert label(4) == "#1\n<10"
    assert label(9.6, rank=3) == "#3\n<10"
    assert label(10) == "#1\n10"
    assert label(1234.0, rank=2).replace(",", "").replace("\u00a0", "").replace(" ", "") \
        == "#2\n1234"
    assert label(None) == "#1\n2.5 ha"
    # the real deserts all get a label
    for feature in layer.getFeatures():
        context = QgsExpressionContext()
        context.setFeature(feature)
        assert str(expression.evaluate(context)).startswith(f"#{feature['rank']}\n")


def test_area_profile_choropleth_with_priority_outline(loaded):
    layer = loaded["areaprofile", "OUTPUT"]
    assert renderer_summary(layer) == ("RuleRenderer", 7)
    rules = layer.renderer().rootRule().children()
    assert all("desert_share" in rule.filterExpression() for rule in rules[:6])
    assert rules[-1].filterExpression() == '"priority" = 1'
    assert layer.renderer().usingSymbolLevels()


def test_network_check_outputs(loaded):
    problems = loaded["networkcheck", "OUTPUT"]
    assert renderer_summary(problems) == ("categorizedSymbol", 3)
    assert problems.renderer().classAttribute() == "problem"
    assert {c.value() for c in problems.renderer().categories()} == {
        "dangling end near a line", "lines cross without a junction", "small component"}
    components = loaded["networkcheck", "OUTPUT_COMPONENTS"]
    assert renderer_summary(components) == ("RuleRenderer", 2)
    largest, others = components.renderer().rootRule().children()
    assert largest.filterExpression() == '"component_id" = 0'
    assert others.isElse()
    assert largest.symbol().color().saturation() == 0   # grey
    assert others.symbol().color().saturation() > 100   # bright


def test_geopackage_outputs_of_the_toolbox_carry_their_style(loaded):
    for key, style in ((("catchments", "OUTPUT_LINES"), "catchment_lines"),
                       (("accessscore", "OUTPUT"), "accessscore"),
                       (("areaprofile", "OUTPUT"), "areaprofile")):
        path = loaded[key].source().split("|")[0]
        with sqlite3.connect(path) as db:
            rows = db.execute("SELECT styleName, useAsDefault FROM layer_styles").fetchall()
        assert rows == [(style, 1)], (key, rows)


def test_qgis_process_geopackages_open_styled(qgis_process, helsinki_gpkg, tmp_path):
    polygons = tmp_path / "catchments.gpkg"
    lines = tmp_path / "reach.gpkg"
    result = qgis_process(
        "run", "assetgaps:catchments",
        f"--NETWORK={layer_source(helsinki_gpkg, 'walk_network')}",
        f"--FACILITIES={layer_source(helsinki_gpkg, 'gp_surgeries')}",
        "--THRESHOLDS=5,10,15", f"--OUTPUT={polygons}",
        f"--OUTPUT_LINES=ogr:dbname='{lines}' table=\"walkable\" (geom)")
    assert result.returncode == 0, result.stdout + result.stderr
    for path, table, style, classes in ((polygons, "catchments", "catchments", 3),
                                        (lines, "walkable", "catchment_lines", 3)):
        with sqlite3.connect(path) as db:
            rows = db.execute("SELECT f_table_name, styleName, useAsDefault, styleQML "
                              "FROM layer_styles").fetchall()
        assert [row[:3] for row in rows] == [(table, style, 1)]
        assert "categorizedSymbol" in rows[0][3]
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        assert layer.isValid()
        assert renderer_summary(layer) == ("categorizedSymbol", classes), path


def test_non_geopackage_outputs_are_left_alone(helsinki_gpkg, tmp_path):
    shapefile = tmp_path / "problems.shp"
    processing.run("assetgaps:networkcheck", {
        "NETWORK": layer_source(helsinki_gpkg, "walk_network"), "OUTPUT": str(shapefile)})
    assert shapefile.exists()
    assert not list(tmp_path.glob("*.qml"))


def test_every_style_ships():
    for name in (styles.CATCHMENTS, styles.CATCHMENT_LINES, styles.ACCESS_SURFACE,
                 styles.DESERTS, styles.AREA_PROFILE, styles.NETWORK_PROBLEMS,
                 styles.NETWORK_COMPONENTS, styles.BEST_SITES):
        assert styles.style_path(name) is not None, name
    for name in (styles.ACCESS_SCORES, styles.SCENARIO):
        for suffix in ("point", "polygon"):
            assert (styles.STYLES / f"{name}_{suffix}.qml").is_file(), (name, suffix)
    assert styles.style_path("no such style") is None


def test_legend_labels_come_from_the_translatable_list():
    """The .qml legend labels are the LEGEND strings, which are passed through tr()."""
    known = set(styles.LEGEND.values())
    for path in styles.STYLES.glob("*.qml"):
        layer = QgsVectorLayer("Point?field=x:integer", "x", "memory")
        layer.loadNamedStyle(str(path))
        renderer = layer.renderer()
        if renderer.type() == "RuleRenderer":
            labels = [rule.label() for rule in renderer.rootRule().children()]
        elif renderer.type() == "categorizedSymbol" and path.stem not in (
                styles.CATCHMENTS, styles.CATCHMENT_LINES, styles.ACCESS_SURFACE):
            labels = [category.label() for category in renderer.categories()]
        else:
            continue
        assert set(labels) <= known, (path.name, set(labels) - known)


def provider_algorithms():
    provider = QgsApplication.processingRegistry().providerById("assetgaps")
    return [alg for alg in provider.algorithms() if alg.name() != "assetgapspipeline"]


def test_every_parameter_has_help():
    missing = [f"{alg.id()} {parameter.name()}" for alg in provider_algorithms()
               for parameter in alg.parameterDefinitions() if not parameter.help().strip()]
    assert not missing


def test_help_panel_lists_every_parameter_with_its_help():
    for alg in provider_algorithms():
        text = alg.shortHelpString()
        intro = text.split("\n\nInputs\n")[0]
        assert len(intro) > 80, alg.id()
        for parameter in alg.parameterDefinitions():
            assert f"{parameter.description()}" in text, (alg.id(), parameter.name())
            assert parameter.help() in text, (alg.id(), parameter.name())
        assert "\nOutputs\n" in text, alg.id()


def test_optional_is_said_once():
    """QGIS marks optional parameters itself (the help panel, qgis_process help): their
    descriptions must not say "optional" again."""
    registry = QgsApplication.processingRegistry()
    algorithms = provider_algorithms() + [registry.createAlgorithmById(
        "assetgaps:assetgapspipeline")]
    twice = [f"{alg.id()} {parameter.name()}: {parameter.description()}"
             for alg in algorithms for parameter in alg.parameterDefinitions()
             if "optional" in parameter.description().lower()]
    assert not twice
    for alg in algorithms:
        assert "optional, optional" not in alg.shortHelpString()
        assert "optional) (optional" not in alg.shortHelpString()


def test_every_algorithm_and_the_provider_have_an_icon():
    icons = Path(styles.STYLES).parent / "icons"
    provider = QgsApplication.processingRegistry().providerById("assetgaps")
    assert not provider.icon().isNull()
    for alg in provider.algorithms():
        path = icons / f"{alg.name()}.svg"
        assert path.is_file(), path
        renderer = QSvgRenderer(str(path))
        assert renderer.isValid(), path
        assert renderer.viewBox() == QRect(0, 0, 24, 24), path
        assert not alg.icon().isNull()
    for name in ("scenario", "bestsites"):
        assert QSvgRenderer(str(icons / f"{name}.svg")).isValid()


@pytest.mark.parametrize("geometry", ["Point", "MultiPolygon"])
def test_scenario_style_by_change(geometry):
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:3067&field=change:string", "s", "memory")
    assert styles.apply_style(layer, styles.SCENARIO) == ""
    assert renderer_summary(layer) == ("categorizedSymbol", 3)
    assert {c.value() for c in layer.renderer().categories()} == {"gained", "lost", "same"}
    expected = QgsMarkerSymbol if geometry == "Point" else QgsFillSymbol
    assert isinstance(layer.renderer().categories()[0].symbol(), expected)


def test_best_sites_style_labels_the_rank():
    layer = QgsVectorLayer("Point?crs=EPSG:3067&field=rank:integer", "b", "memory")
    assert styles.apply_style(layer, styles.BEST_SITES) == ""
    assert renderer_summary(layer) == ("singleSymbol", 1)
    assert layer.labelsEnabled() and layer.labeling().settings().fieldName == '"rank"'


def test_apply_style_says_why_not():
    layer = QgsVectorLayer("Point?crs=EPSG:3067", "p", "memory")
    assert "no such style" in styles.apply_style(layer, "no such style")
    assert styles.apply_style(None, styles.DESERTS)
