"""Build the shipped model, resources/models/community_asset_gaps.model3 (developer tool,
not shipped).

Usage (from the repository root; needs QGIS's Python)::

    QT_QPA_PLATFORM=offscreen python3 tools/build_model.py

The model (``assetgaps:assetgapspipeline`` once the provider loads it) runs
catchments -> accessscore -> deserts -> areaprofile; its input and output names and
texts come from algorithms/model.py, so the model, its translation and its
documentation share one source. Rebuild it after changing the algorithms' parameters.
"""

import re
import sys

from headless import REPO_ROOT, enum, register_provider, start_qgis

# Where the modeller draws each box (its centre): the steps in one column, each output to
# the right of its step, each input beside the steps it feeds, so that no line crosses
# another and no box covers another (tools/model_screenshot.py draws it; tests/test_model.py
# checks the boxes).
LAYOUT = {
    "map_assets": (160, 90), "map_thresholds": (160, 180),
    "catchments": (260, 480), "catchments:catchments": (510, 600),
    "network": (560, 240), "walk_speed": (560, 330),
    # how walks are measured, shared by the catchments and the access score
    "dem": (560, 420), "slope_factor": (560, 510),
    "score": (940, 480), "score:scores": (1200, 600),
    "assets": (1300, 90), "asset_names": (1300, 180), "thresholds": (1300, 270),
    "origins": (560, 690),
    "population_field": (560, 1020), "min_missing": (560, 1110),
    "deserts": (250, 1230), "deserts:deserts": (460, 1350),
    "zones": (560, 1500), "deprivation_field": (560, 1590),
    "profile": (940, 1350), "profile:profile": (1200, 1470), "profile:report": (1200, 1560),
}
# Where an input this table does not place goes: one below the other, bottom left. Rows
# are 90 apart: QGIS 3.40 and later draw a box up to 76 high, whatever size it is given.
ROW_SPACING = 90
EXTRA_INPUTS_AT = (160, 1500)


def position(name: str, extra: list) -> tuple:
    """The centre of ``name``'s box: from LAYOUT, else the next free place of the column
    of inputs the layout does not know (``extra`` lists those already placed)."""
    if name in LAYOUT:
        return LAYOUT[name]
    extra.append(name)
    return EXTRA_INPUTS_AT[0], EXTRA_INPUTS_AT[1] + ROW_SPACING * (len(extra) - 1)


# The size of every box: wide enough for the longest name on one line.
BOX_SIZE = (250, 36)


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
    from qgis.PyQt.QtCore import QPointF, QSizeF

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

    model = QgsProcessingModelAlgorithm(texts["__name__"], "")
    # in the order of the analysis: the network and how it is walked, the assets and their
    # thresholds, where people live, the desert rule, the zones; then the catchment map
    inputs = [
        QgsProcessingParameterFeatureSource("network", text("network")[0], [line]),
        QgsProcessingParameterNumber("walk_speed", text("walk_speed")[0], double,
                                     defaultValue=d.DEFAULT_WALK_SPEED_KMH, minValue=0.1,
                                     maxValue=30.0),
        QgsProcessingParameterRasterLayer("dem", text("dem")[0], optional=True),
        QgsProcessingParameterMultipleLayers("assets", text("assets")[0], any_geometry),
        QgsProcessingParameterString("asset_names", text("asset_names")[0], optional=True),
        QgsProcessingParameterString("thresholds", text("thresholds")[0],
                                     defaultValue=d.DEFAULT_SCORE_THRESHOLD, optional=True),
        QgsProcessingParameterFeatureSource("origins", text("origins")[0], [point, polygon]),
        QgsProcessingParameterField("population_field", text("population_field")[0],
                                    parentLayerParameterName="origins", type=numeric,
                                    optional=True),
        QgsProcessingParameterNumber("min_missing", text("min_missing")[0], integer,
                                     defaultValue=d.DEFAULT_MIN_MISSING, minValue=1),
        QgsProcessingParameterFeatureSource("zones", text("zones")[0], [polygon],
                                            optional=True),
        QgsProcessingParameterField("deprivation_field", text("deprivation_field")[0],
                                    parentLayerParameterName="zones", type=any_field,
                                    optional=True),
        QgsProcessingParameterFeatureSource("map_assets", text("map_assets")[0],
                                            [point, polygon]),
        QgsProcessingParameterString("map_thresholds", text("map_thresholds")[0],
                                     defaultValue=d.DEFAULT_CATCHMENT_THRESHOLDS),
    ]
    unplaced = []
    for definition in inputs:
        definition.setHelp(text(definition.name())[1])
        if definition.type() == "number" and definition.dataType() == double:
            definition.setMetadata({"widget_wrapper": {"decimals": 1}})  # 4.8, not 4.800000
        if definition.name() in ("asset_names", "walk_speed"):
            definition.setFlags(definition.flags() | advanced)
        component = QgsProcessingModelParameter(definition.name())
        component.setPosition(QPointF(*position(definition.name(), unplaced)))
        component.setSize(QSizeF(*BOX_SIZE))
        model.addModelParameter(definition, component)
    model.setParameterOrder([definition.name() for definition in inputs])

    def child(algorithm_id, child_id, from_model=(), from_child=(), static=(),
              outputs=(), after=(), expressions=()):
        step = QgsProcessingModelChildAlgorithm(algorithm_id)
        step.setChildId(child_id)
        step.setDescription(text(f"{child_id}:")[0])
        step.setPosition(QPointF(*LAYOUT[child_id]))
        step.setSize(QSizeF(*BOX_SIZE))
        for parameter, source in from_model:
            step.addParameterSources(parameter, [
                QgsProcessingModelChildParameterSource.fromModelParameter(source)])
        for parameter, expression in expressions:
            step.addParameterSources(parameter, [
                QgsProcessingModelChildParameterSource.fromExpression(expression)])
        for parameter, (other, output) in from_child:
            step.addParameterSources(parameter, [
                QgsProcessingModelChildParameterSource.fromChildOutput(other, output)])
        for parameter, value in static:
            step.addParameterSources(parameter, [
                QgsProcessingModelChildParameterSource.fromStaticValue(value)])
        # every other parameter at its default, as the graphical modeller writes it
        from qgis.core import QgsApplication

        given = {name for name, _ in list(from_model) + list(from_child) + list(static)
                 + list(expressions)}
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
            output.setPosition(QPointF(*LAYOUT[f"{child_id}:{output_name}"]))
            output.setSize(QSizeF(*BOX_SIZE))
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
    child("assetgaps:catchments", "catchments",
          from_model=[(net.NETWORK, "network"), (CatchmentParameters.FACILITIES, "map_assets"),
                      (CatchmentParameters.THRESHOLDS, "map_thresholds"),
                      (net.WALK_SPEED, "walk_speed"), (net.DEM, "dem")],
          outputs=[("catchments", Out.OUTPUT)])
    # the population field feeds the desert rule and the profile only, which keeps the
    # modeller's lines apart (the access score needs it only for its log)
    child("assetgaps:accessscore", "score",
          from_model=[(net.NETWORK, "network"), (origins.ORIGINS, "origins"),
                      (AssetParameters.ASSETS, "assets"),
                      (AssetParameters.ASSET_NAMES, "asset_names"),
                      (AssetParameters.THRESHOLDS, "thresholds"),
                      (net.WALK_SPEED, "walk_speed"), (net.DEM, "dem")],
          outputs=[("scores", Out.OUTPUT)])
    child("assetgaps:deserts", "deserts",
          from_model=[(scored.POPULATION_FIELD, "population_field"),
                      (DesertRuleParameters.MIN_MISSING, "min_missing")],
          from_child=[(scored.INPUT, ("score", Out.OUTPUT))],
          outputs=[("deserts", Out.OUTPUT)])
    # without zones of the user's own, every origin is its own zone
    child("assetgaps:areaprofile", "profile",
          expressions=[(ZoneParameters.ZONES, "coalesce(@zones, var('{}_{}'))".format(
              re.sub(r"[^\w-]", "_", text("score:")[0]), Out.OUTPUT))],
          from_model=[(scored.POPULATION_FIELD, "population_field"),
                      (DesertRuleParameters.MIN_MISSING, "min_missing"),
                      (ZoneParameters.DEPRIVATION_FIELD, "deprivation_field")],
          from_child=[(scored.INPUT, ("score", Out.OUTPUT)),
                      (ZoneParameters.DESERTS, ("deserts", Out.OUTPUT))],
          outputs=[("profile", Out.OUTPUT), ("report", Out.OUTPUT_HTML)])
    model.updateDestinationParameters()
    help_content = {"ALG_DESC": texts["__intro__"], "ALG_CREATOR": "Community Asset Gaps",
                    "ALG_VERSION": "1"}
    help_content.update({key: value[1] for key, value in texts.items()
                         if not key.startswith("__") and not key.endswith(":")})
    model.setHelpContent(help_content)
    return model


def main() -> int:
    app = start_qgis()  # noqa: F841 - keep the application alive while building
    provider = register_provider()  # noqa: F841 - the children must resolve
    from community_asset_gaps.algorithms.model import (
        DISPLAY_NAME,
        INTRO,
        MODEL_FILE,
        MODEL_NAME,
        STEPS,
        TEXTS,
    )

    steps = {f"{step}:": (description, "") for step, description in STEPS.items()}
    model = build(dict(TEXTS, __intro__=INTRO, __name__=DISPLAY_NAME, **steps), MODEL_NAME)
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
