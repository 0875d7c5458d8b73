"""The graphical modeller path: access score -> deserts -> area profile in one model."""

import processing
from qgis.core import (
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsVectorLayer,
)

KINDS = ["libraries", "gp_surgeries", "pharmacies", "childrens_play", "parks"]


def child(algorithm, child_id, static=None, from_model=None, from_child=None, outputs=()):
    """A model step whose parameters come from model inputs, other steps or fixed values."""
    step = QgsProcessingModelChildAlgorithm(algorithm)
    step.setChildId(child_id)
    for parameter, value in (static or {}).items():
        step.addParameterSources(parameter, [
            QgsProcessingModelChildParameterSource.fromStaticValue(value)])
    for parameter, name in (from_model or {}).items():
        step.addParameterSources(parameter, [
            QgsProcessingModelChildParameterSource.fromModelParameter(name)])
    for parameter, (other, output) in (from_child or {}).items():
        step.addParameterSources(parameter, [
            QgsProcessingModelChildParameterSource.fromChildOutput(other, output)])
    model_outputs = {}
    for name, output_name in outputs:
        output = QgsProcessingModelOutput(name)
        output.setChildId(child_id)
        output.setChildOutputName(output_name)
        model_outputs[name] = output
    step.setModelOutputs(model_outputs)
    return step


def layer_of(path):
    layer = QgsVectorLayer(path, "output", "ogr")
    assert layer.isValid(), path
    return layer


def test_score_deserts_profile_model(helsinki_gpkg, tmp_path):
    model = QgsProcessingModelAlgorithm("asset gaps chain", "tests")
    for definition in (
            QgsProcessingParameterFeatureSource("network", "network",
                                                [QgsProcessing.TypeVectorLine]),
            QgsProcessingParameterFeatureSource("origins", "origins",
                                                [QgsProcessing.TypeVectorPolygon]),
            QgsProcessingParameterMultipleLayers("assets", "assets",
                                                 QgsProcessing.TypeVectorAnyGeometry)):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
    model.addChildAlgorithm(child(
        "assetgaps:accessscore", "score",
        static={"POPULATION_FIELD": "population", "THRESHOLDS": "10,10,10,5,5"},
        from_model={"NETWORK": "network", "ORIGINS": "origins", "ASSETS": "assets"},
        outputs=[("scores", "OUTPUT")]))
    model.addChildAlgorithm(child(
        "assetgaps:deserts", "deserts",
        static={"POPULATION_FIELD": "population", "MIN_MISSING": 2},
        from_child={"INPUT": ("score", "OUTPUT")}, outputs=[("deserts", "OUTPUT")]))
    model.addChildAlgorithm(child(
        "assetgaps:areaprofile", "profile",
        static={"POPULATION_FIELD": "population", "MIN_MISSING": 2},
        from_model={"ZONES": "origins"}, from_child={"INPUT": ("score", "OUTPUT")},
        outputs=[("profile", "OUTPUT")]))
    model.updateDestinationParameters()

    gpkg = str(helsinki_gpkg)
    result = processing.run(model, {
        "network": f"{gpkg}|layername=walk_network",
        "origins": f"{gpkg}|layername=population_grid",
        "assets": [f"{gpkg}|layername={kind}" for kind in KINDS],
        "score:scores": str(tmp_path / "scores.gpkg"),
        "deserts:deserts": str(tmp_path / "deserts.gpkg"),
        "profile:profile": str(tmp_path / "profile.gpkg")})

    scores = list(layer_of(result["score:scores"]).getFeatures())
    deserts = list(layer_of(result["deserts:deserts"]).getFeatures())
    profile = list(layer_of(result["profile:profile"]).getFeatures())
    in_deserts = sum(f["population"] for f in scores
                     if f["status"] == "ok" and f["n_missing"] >= 2 and f["population"] >= 1)
    assert in_deserts > 0
    assert sum(f["population"] for f in deserts) == in_deserts
    assert sorted(f["rank"] for f in deserts) == list(range(1, len(deserts) + 1))
    # every grid cell is its own zone: the profile's desert population adds up the same
    assert len(profile) == 92
    assert sum(f["desert_pop"] or 0 for f in profile) == in_deserts
