"""The shipped model assetgaps:assetgapspipeline: listed by the provider,
valid, and run from the toolbox path and from qgis_process on the bundled sample, with
styled outputs."""

import re
import sqlite3
import sys
from pathlib import Path

import processing
import pytest
from model_screenshot import component_boxes, model_scene, render
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorLayer,
)

from community_asset_gaps.algorithms.model import DISPLAY_NAME, MODEL_FILE, TEXTS
from community_asset_gaps.algorithms.qgis_compat import FLAG_OPTIONAL

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from slope_example import write_hill  # noqa: E402

MODEL_ID = "assetgaps:assetgapspipeline"
KINDS = ["libraries", "gp_surgeries", "pharmacies", "childrens_play", "parks"]
OUTPUTS = ["catchments:catchments", "score:scores", "deserts:deserts", "profile:profile",
           "profile:report"]
MIN_MISSING = 2


def inputs(gpkg):
    def source(name):
        return f"{gpkg}|layername={name}"

    return {"network": source("walk_network"), "assets": [source(k) for k in KINDS],
            "thresholds": "10",
            "map_assets": source("libraries"), "origins": source("population_grid"),
            "population_field": "population", "zones": source("population_grid"),
            "min_missing": MIN_MISSING}


def test_the_provider_lists_the_model():
    registry = QgsApplication.processingRegistry()
    model = registry.algorithmById(MODEL_ID)
    assert model is not None
    assert model.provider().id() == "assetgaps"
    assert model in registry.providerById("assetgaps").algorithms()
    assert model.displayName() != model.name()
    assert not model.icon().isNull()
    assert MODEL_FILE.is_file()


def test_the_model_is_complete_and_valid():
    model = QgsApplication.processingRegistry().algorithmById(MODEL_ID)
    names = {parameter.name() for parameter in model.parameterDefinitions()}
    assert names == set(TEXTS)
    assert sorted(step.algorithmId() for step in model.childAlgorithms().values()) == [
        "assetgaps:accessscore", "assetgaps:areaprofile", "assetgaps:catchments",
        "assetgaps:deserts"]
    assert all(step.algorithm() is not None for step in model.childAlgorithms().values())
    ok, problems = model.validate()
    assert ok, problems
    for parameter in model.parameterDefinitions():
        assert parameter.help(), parameter.name()
        assert parameter.description() in model.shortHelpString()
    for optional in ("asset_names", "thresholds", "population_field", "zones",
                     "deprivation_field", "dem"):
        assert model.parameterDefinition(optional).flags() & FLAG_OPTIONAL
    # empty thresholds: each kind judged by the threshold its name is recognised by
    assert not model.parameterDefinition("thresholds").defaultValue()


def test_the_model_reads_in_the_order_of_the_analysis():
    model = QgsApplication.processingRegistry().algorithmById(MODEL_ID)
    order = [p.name() for p in model.parameterDefinitions() if not p.isDestination()]
    assert order == [p.parameterName() for p in model.orderedParameters()]
    assert order[:7] == ["network", "walk_speed", "dem", "assets", "asset_names",
                         "thresholds", "origins"]
    assert order.index("zones") > order.index("origins")
    assert order[-2:] == ["map_assets", "map_thresholds"]
    # a readable name in the modeller, the same id for scripts
    assert model.name() == "assetgapspipeline"
    tag = re.search(r'<Option [^>]*name="model_name"[^>]*>',
                    MODEL_FILE.read_text(encoding="utf-8")).group(0)
    assert f'value="{DISPLAY_NAME}"' in tag
    assert "Without zones" in model.shortHelpString()


def test_the_modeller_draws_the_model_tidily(tmp_path):
    """The modeller's own scene of the model: every input, step and output has its box,
    no box covers another, and the picture renders."""
    model = QgsApplication.processingRegistry().algorithmById(MODEL_ID)
    scene = model_scene(model)
    boxes = component_boxes(model, scene)
    kinds = [kind for _, kind, _ in boxes]
    assert kinds.count("step") == 4 and kinds.count("output") == 5
    assert kinds.count("input") == len([p for p in model.parameterDefinitions()
                                        if not p.isDestination()])
    for i, (name, _, rect) in enumerate(boxes):
        for other, _, other_rect in boxes[i + 1:]:
            assert not rect.intersects(other_rect), (name, other)
    picture = render(scene, tmp_path / "model.png")
    assert picture.stat().st_size > 10000


def people_in_deserts(scores_layer):
    return sum(f["population"] for f in scores_layer.getFeatures()
               if f["status"] == "ok" and f["n_missing"] >= MIN_MISSING
               and f["population"] >= 1)


def test_model_runs_from_the_toolbox_and_loads_styled_layers(helsinki_gpkg, tmp_path):
    project = QgsProject.instance()
    project.removeAllMapLayers()
    parameters = inputs(helsinki_gpkg)
    parameters.update({"catchments:catchments": "TEMPORARY_OUTPUT",
                       "score:scores": str(tmp_path / "scores.gpkg"),
                       "deserts:deserts": "TEMPORARY_OUTPUT",
                       "profile:profile": str(tmp_path / "profile.gpkg"),
                       "profile:report": str(tmp_path / "report.html")})
    result = processing.runAndLoadResults(MODEL_ID, parameters)
    try:
        renderers = {}
        for layer in project.mapLayers().values():
            renderers[layer.name()] = layer.renderer().type()
        assert renderers == {"catchments": "categorizedSymbol", "scores": "RuleRenderer",
                             "deserts": "singleSymbol", "profile": "RuleRenderer"}
        assert (tmp_path / "report.html").read_text(encoding="utf-8").count("<table") >= 2
        assert set(OUTPUTS) <= set(result)
    finally:
        project.removeAllMapLayers()


def test_model_runs_through_qgis_process(qgis_process, helsinki_gpkg, tmp_path):
    out = {name: tmp_path / f"{name.split(':')[1]}.gpkg" for name in OUTPUTS}
    out["profile:report"] = tmp_path / "report.html"
    args = []
    for name, value in inputs(helsinki_gpkg).items():
        values = value if isinstance(value, list) else [value]
        args += [f"--{name}={v}" for v in values]
    args += [f"--{name}={path}" for name, path in out.items()]
    result = qgis_process("run", MODEL_ID, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.json is not None, result.stdout
    assert set(OUTPUTS) <= set(result.json["results"])

    layers = {}
    for name, style, renderer in (("catchments:catchments", "catchments", "categorizedSymbol"),
                                  ("score:scores", "accessscore", "RuleRenderer"),
                                  ("deserts:deserts", "deserts", "singleSymbol"),
                                  ("profile:profile", "areaprofile", "RuleRenderer")):
        path = out[name]
        with sqlite3.connect(path) as db:
            rows = db.execute("SELECT styleName, useAsDefault FROM layer_styles").fetchall()
        assert rows == [(style, 1)], name
        layer = QgsVectorLayer(str(path), name, "ogr")
        assert layer.isValid() and layer.featureCount() > 0, name
        assert layer.renderer().type() == renderer, name
        layers[name] = layer
    assert out["profile:report"].stat().st_size > 1000

    # the chain is consistent: deserts hold the people the scores put in deserts, and the
    # profile (every grid cell its own zone) adds up to the same
    expected = people_in_deserts(layers["score:scores"])
    assert expected > 0
    assert sum(f["population"] for f in layers["deserts:deserts"].getFeatures()) == \
        pytest.approx(expected)
    assert sum(f["desert_pop"] or 0 for f in layers["profile:profile"].getFeatures()) == \
        pytest.approx(expected)
    thresholds = {f["threshold"] for f in layers["catchments:catchments"].getFeatures()}
    assert thresholds == {5.0, 10.0}


def test_model_runs_without_zones(helsinki_gpkg, tmp_path):
    """Zones are optional: every origin is then its own zone."""
    parameters = inputs(helsinki_gpkg)
    del parameters["zones"]
    parameters["thresholds"] = ""
    parameters.update({name: "TEMPORARY_OUTPUT" for name in OUTPUTS})
    parameters["profile:report"] = str(tmp_path / "report.html")
    result = processing.run(MODEL_ID, parameters)
    profile = QgsProcessingUtils.mapLayerFromString(result["profile:profile"],
                                                    QgsProcessingContext()) \
        if isinstance(result["profile:profile"], str) else result["profile:profile"]
    scores = result["score:scores"]
    scores = QgsProcessingUtils.mapLayerFromString(scores, QgsProcessingContext()) \
        if isinstance(scores, str) else scores
    assert profile.featureCount() == scores.featureCount() == 92
    # thresholds left empty: each kind at the threshold its name is recognised by
    first = next(scores.getFeatures())
    assert [first[f"{kind}_limit"] for kind in KINDS] == [20, 20, 20, 10, 10]
    assert "20 min walk" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_model_passes_ground_heights_to_its_walks(helsinki_gpkg, tmp_path):
    """With the optional DEM (a synthetic hill), the catchments and the scores know the
    slope: the 5-minute catchments shrink and the costs change; without it, as before."""
    def run(**extra):
        parameters = inputs(helsinki_gpkg)
        parameters.update({name: "TEMPORARY_OUTPUT" for name in OUTPUTS[:-1]},
                          **{"profile:report": str(tmp_path / "report.html")}, **extra)
        return processing.run(MODEL_ID, parameters)

    flat = run()
    hill = run(dem=write_hill(tmp_path / "hill.tif"))

    def areas(result):
        layer = result["catchments:catchments"]
        layer = layer if isinstance(layer, QgsVectorLayer) else \
            QgsVectorLayer(layer, "catchments", "ogr")
        return {f["threshold"]: f["area_m2"] for f in layer.getFeatures()}

    def costs(result):
        layer = result["score:scores"]
        layer = layer if isinstance(layer, QgsVectorLayer) else \
            QgsVectorLayer(layer, "scores", "ogr")
        return [f["libraries_cost"] for f in layer.getFeatures()]

    assert set(areas(hill)) == {5.0, 10.0}
    assert areas(hill)[5.0] < areas(flat)[5.0]
    assert costs(hill) != costs(flat)
