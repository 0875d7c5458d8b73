"""Build the shipped model, resources/models/community_asset_gaps.model3 (developer tool,
not shipped).

Usage (from the repository root; needs QGIS's Python)::

    QT_QPA_PLATFORM=offscreen python3 tools/build_model.py

The model (``assetgaps:assetgapspipeline`` once the provider loads it) runs
catchments -> accessscore -> deserts -> areaprofile; its input and output names and
texts come from algorithms/model.py, so the model, its translation and its
documentation share one source. Rebuild it after changing the algorithms' parameters.
"""

import sys

from headless import REPO_ROOT, enum, register_provider, start_qgis


def build(texts, name):
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildDependency,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterMultipleLayers,
        QgsProcessingParameterNumber,
        QgsProcessingParameterRasterLayer,
        QgsProcessingParameterString,
    )
    from qgis.PyQt.QtCore import QPointF

    line = enum("Qgis.ProcessingSourceType.VectorLine", "QgsProcessing.TypeVectorLine")
    point = enum("Qgis.ProcessingSourceType.VectorPoint", "QgsProcessing.TypeVectorPoint")
    polygon = enum("Qgis.ProcessingSourceType.VectorPolygon",
                   "QgsProcessing.TypeVectorPolygon")
    any_geometry = enum("Qgis.ProcessingSourceType.VectorAnyGeometry",
                        "QgsProcessing.TypeVectorAnyGeometry")
    numeric = enum("Qgis.ProcessingFieldParameterDataType.Numeric",
                   "QgsProcessingParameterField.Numeric")
    any_field = enum("Qgis.ProcessingFieldParameterDataType.Any",
                     "QgsProcessingParameterField.Any")
    double = enum("Qgis.ProcessingNumberParameterType.Double",
                  "QgsProcessingParameterNumber.Double")
    integer = enum("Qgis.ProcessingNumberParameterType.Integer",
                   "QgsProcessingParameterNumber.Integer")
    advanced = enum("Qgis.ProcessingParameterFlag.Advanced",
                    "QgsProcessingParameterDefinition.FlagAdvanced")

    from community_asset_gaps.core import definitions as d

    def text(key):
        return texts[key]

    model = QgsProcessingModelAlgorithm(name, "")
    inputs = [
        QgsProcessingParameterFeatureSource("network", text("network")[0], [line]),
        QgsProcessingParameterMultipleLayers("assets", text("assets")[0], any_geometry),
        QgsProcessingParameterString("asset_names", text("asset_names")[0], optional=True),
        QgsProcessingParameterString("thresholds", text("thresholds")[0],
                                     defaultValue=d.DEFAULT_SCORE_THRESHOLD),
        QgsProcessingParameterFeatureSource("map_assets", text("map_assets")[0],
                                            [point, polygon]),
        QgsProcessingParameterString("map_thresholds", text("map_thresholds")[0],
                                     defaultValue=d.DEFAULT_CATCHMENT_THRESHOLDS),
        QgsProcessingParameterNumber("walk_speed", text("walk_speed")[0], double,
                                     defaultValue=d.DEFAULT_WALK_SPEED_KMH, minValue=0.1,
                                     maxValue=30.0),
        QgsProcessingParameterRasterLayer("dem", text("dem")[0], optional=True),
        QgsProcessingParameterFeatureSource("origins", text("origins")[0], [point, polygon]),
        QgsProcessingParameterField("population_field", text("population_field")[0],
                                    parentLayerParameterName="origins", type=numeric,
                                    optional=True),
        QgsProcessingParameterNumber("min_missing", text("min_missing")[0], integer,
                                     defaultValue=d.DEFAULT_MIN_MISSING, minValue=1),
        QgsProcessingParameterFeatureSource("zones", text("zones")[0], [polygon]),
        QgsProcessingParameterField("deprivation_field", text("deprivation_field")[0],
                                    parentLayerParameterName="zones", type=any_field,
                                    optional=True),
    ]
    for row, definition in enumerate(inputs):
        definition.setHelp(text(definition.name())[1])
        if definition.name() in ("asset_names", "walk_speed"):
            definition.setFlags(definition.flags() | advanced)
        component = QgsProcessingModelParameter(definition.name())
        component.setPosition(QPointF(120 + 250 * (row % 4), 60 + 70 * (row // 4)))
        model.addModelParameter(definition, component)

    def child(algorithm_id, child_id, row, from_model=(), from_child=(), static=(),
              outputs=(), after=()):
        step = QgsProcessingModelChildAlgorithm(algorithm_id)
        step.setChildId(child_id)
        step.setDescription(child_id)
        step.setPosition(QPointF(250 + 250 * row, 330 + 90 * row))
        for parameter, source in from_model:
            step.addParameterSources(parameter, [
                QgsProcessingModelChildParameterSource.fromModelParameter(source)])
        for parameter, (other, output) in from_child:
            step.addParameterSources(parameter, [
                QgsProcessingModelChildParameterSource.fromChildOutput(other, output)])
        for parameter, value in static:
            step.addParameterSources(parameter, [
                QgsProcessingModelChildParameterSource.fromStaticValue(value)])
        # every other parameter at its default, as the graphical modeller writes it
        from qgis.core import QgsApplication

        given = {name for name, _ in list(from_model) + list(from_child) + list(static)}
        for definition in QgsApplication.processingRegistry().algorithmById(
                algorithm_id).parameterDefinitions():
            if definition.isDestination() or definition.name() in given or \
                    definition.defaultValue() is None:
                continue
            step.addParameterSources(definition.name(), [
                QgsProcessingModelChildParameterSource.fromStaticValue(
                    definition.defaultValue())])
        model_outputs = {}
        for output_name, child_output in outputs:
            description = text(f"{child_id}:{output_name}")[0]
            output = QgsProcessingModelOutput(output_name, description)
            output.setChildId(child_id)
            output.setChildOutputName(child_output)
            output.setPosition(QPointF(450 + 250 * row, 380 + 90 * row))
            model_outputs[output_name] = output
        step.setModelOutputs(model_outputs)
        step.setDependencies([QgsProcessingModelChildDependency(other) for other in after])
        model.addChildAlgorithm(step)

    from community_asset_gaps.algorithms.outputs import OutputParameters as Out
    from community_asset_gaps.algorithms.parameters import (
        AssetParameters,
        CatchmentParameters,
        DesertRuleParameters,
        NetworkParameters,
        OriginParameters,
        ScoredInputParameters,
        ZoneParameters,
    )

    net, origins, scored = NetworkParameters, OriginParameters, ScoredInputParameters
    child("assetgaps:catchments", "catchments", 0,
          from_model=[(net.NETWORK, "network"), (CatchmentParameters.FACILITIES, "map_assets"),
                      (CatchmentParameters.THRESHOLDS, "map_thresholds"),
                      (net.WALK_SPEED, "walk_speed"), (net.DEM, "dem")],
          outputs=[("catchments", Out.OUTPUT)])
    child("assetgaps:accessscore", "score", 1,
          from_model=[(net.NETWORK, "network"), (origins.ORIGINS, "origins"),
                      (origins.POPULATION_FIELD, "population_field"),
                      (AssetParameters.ASSETS, "assets"),
                      (AssetParameters.ASSET_NAMES, "asset_names"),
                      (AssetParameters.THRESHOLDS, "thresholds"),
                      (net.WALK_SPEED, "walk_speed"), (net.DEM, "dem")],
          outputs=[("scores", Out.OUTPUT)], after=["catchments"])
    child("assetgaps:deserts", "deserts", 2,
          from_model=[(scored.POPULATION_FIELD, "population_field"),
                      (DesertRuleParameters.MIN_MISSING, "min_missing")],
          from_child=[(scored.INPUT, ("score", Out.OUTPUT))],
          outputs=[("deserts", Out.OUTPUT)])
    child("assetgaps:areaprofile", "profile", 3,
          from_model=[(ZoneParameters.ZONES, "zones"),
                      (scored.POPULATION_FIELD, "population_field"),
                      (DesertRuleParameters.MIN_MISSING, "min_missing"),
                      (ZoneParameters.DEPRIVATION_FIELD, "deprivation_field")],
          from_child=[(scored.INPUT, ("score", Out.OUTPUT)),
                      (ZoneParameters.DESERTS, ("deserts", Out.OUTPUT))],
          outputs=[("profile", Out.OUTPUT), ("report", Out.OUTPUT_HTML)])
    model.updateDestinationParameters()
    help_content = {"ALG_DESC": texts["__intro__"], "ALG_CREATOR": "Community Asset Gaps",
                    "ALG_VERSION": "1"}
    help_content.update({key: value[1] for key, value in texts.items()
                         if key != "__intro__"})
    model.setHelpContent(help_content)
    return model


def main() -> int:
    app = start_qgis()  # noqa: F841 - keep the application alive while building
    provider = register_provider()  # noqa: F841 - the children must resolve
    from community_asset_gaps.algorithms.model import INTRO, MODEL_FILE, MODEL_NAME, TEXTS

    model = build(dict(TEXTS, __intro__=INTRO), MODEL_NAME)
    problems = model.validate()
    if isinstance(problems, tuple) and not problems[0]:
        print("\n".join(problems[1]), file=sys.stderr)
        return 1
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(MODEL_FILE)):
        print(f"could not write {MODEL_FILE}", file=sys.stderr)
        return 1
    print(f"wrote {MODEL_FILE.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
