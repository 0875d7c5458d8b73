"""The shipped graphical model ``assetgaps:assetgapspipeline``: the whole analysis.

resources/models/community_asset_gaps.model3 runs Network catchments (a map of one kind of
asset) -> Multi-asset access score -> Social infrastructure deserts -> Area profile, from
the inputs a user has: the network, the asset layers, the origins with their population,
the zones with their deprivation. It is built by tools/build_model.py from the names and
texts below (one source), and loaded by the provider under its id; users can also open the
.model3 in the graphical modeller and adapt it.

Inputs (qgis_process names), in the order of the analysis: network, walk_speed, dem
(optional ground heights), assets (several), asset_names, thresholds, origins,
population_field, min_missing, zones (optional: without them every origin is its own
zone), deprivation_field, map_assets, map_thresholds. Outputs: catchments:catchments,
score:scores, deserts:deserts,
profile:profile, profile:report.
"""

from pathlib import Path

from qgis.core import QgsProcessingModelAlgorithm
from qgis.PyQt.QtGui import QIcon

from ..core.errors import QT_TRANSLATE_NOOP, TRANSLATION_CONTEXT
from .base import ICONS, help_url, help_with_parameters
from .layers import tr

MODEL_FILE = Path(__file__).resolve().parent.parent / "resources" / "models" / \
    "community_asset_gaps.model3"
MODEL_NAME = "assetgapspipeline"

DISPLAY_NAME = QT_TRANSLATE_NOOP(
    TRANSLATION_CONTEXT, "Whole analysis: catchments, access, deserts, area profile")
INTRO = QT_TRANSLATE_NOOP(
    TRANSLATION_CONTEXT,
    "The whole St Helens-style analysis in one run: walking catchments around one kind of "
    "asset for the map, the access score of every origin over all the asset layers, the "
    "social infrastructure deserts, and the area profile of the zones with its report.\n\n"
    "Each kind of asset is judged at its reach threshold: leave the thresholds empty to "
    "give each kind the one its name is recognised by (10 minutes for play areas, parks and "
    "shops, 20 for the rest), or give one value for all or one per asset layer in order. "
    "Without zones, every origin is its own zone.\n\n"
    "Each step is one of this provider's algorithms with its defaults; open the model in "
    "the graphical modeller (resources/models/community_asset_gaps.model3 in the plugin "
    "folder) to change anything else.")
# The steps' names in the modeller.
STEPS = {
    "catchments": QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Network catchments (the map)"),
    "score": QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Multi-asset access score"),
    "deserts": QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Social infrastructure deserts"),
    "profile": QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Area profile and report"),
}

# name: (description, help) of every model input, and of every model output
# "child:output": (description, help).
TEXTS = {
    "network": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Street and path network"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Lines people walk along: streets, footpaths, "
                                               "paths.")),
    "assets": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Asset layers (one per kind)"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "One point or polygon layer per kind of asset; "
                                               "the kind is named after the layer.")),
    "asset_names": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Kind names (comma-separated)"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "One name per asset layer, in order; replaces "
                                               "the layer names.")),
    "thresholds": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Reach threshold per kind (minutes)"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Empty: each kind gets the threshold its name "
                                               "is recognised by (St Helens: 10 for play "
                                               "areas, parks and retail centres, 20 for the "
                                               "rest; 10 for a name not recognised). Or one "
                                               "value for every kind, or one per asset layer "
                                               "in order.")),
    "map_assets": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Asset layer to map catchments for"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "One kind of asset (e.g. GP surgeries) whose "
                                               "walking catchments are drawn at the map "
                                               "thresholds.")),
    "map_thresholds": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Catchment map thresholds (minutes)"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Breaks of the catchment map, e.g. \"5, 10\" "
                                               "or \"10, 20\".")),
    "walk_speed": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Walking speed (km/h)"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "4.8 km/h is an average adult; 3.2 km/h suits "
                                               "older or slower walkers.")),
    "dem": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Ground heights"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Optional terrain model (DEM) with heights in "
                                               "metres: with it, walking time depends on the "
                                               "slope.")),
    "origins": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Origins (homes, grid cells, LSOAs)"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Where people live. Polygons are evaluated at "
                                               "a point on their surface.")),
    "population_field": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Population field"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "People per origin; without it every origin "
                                               "counts as one.")),
    "min_missing": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Kinds missing to be a desert"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "A place is in a desert when it cannot walk to "
                                               "at least this many kinds of asset.")),
    "zones": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Zones (wards, LSOAs)"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "The areas to profile (wards, LSOAs); without "
                                               "zones, every origin is its own zone.")),
    "deprivation_field": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Deprivation field (e.g. IMD decile)"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "A number per zone where low means deprived, "
                                               "such as the IMD decile; without it no zone "
                                               "is a priority.")),
    "catchments:catchments": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Catchments"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Walking catchments of the mapped asset layer, "
                                               "by threshold.")),
    "score:scores": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Access scores"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "The origins with the cost to each kind, the "
                                               "kinds missing and the score.")),
    "deserts:deserts": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Deserts"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Contiguous social infrastructure deserts, "
                                               "ranked by population.")),
    "profile:profile": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Area profile"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "The zones with coverage per kind, people in "
                                               "deserts and the priority flag.")),
    "profile:report": (
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "Report"),
        QT_TRANSLATE_NOOP(TRANSLATION_CONTEXT, "The HTML report of the area profile.")),
}


class PipelineModel(QgsProcessingModelAlgorithm):
    """The shipped model, with a translated name, help and parameter texts. The file
    holds the readable name (what the modeller shows); the id stays MODEL_NAME."""

    def name(self) -> str:
        return MODEL_NAME

    def displayName(self) -> str:
        return tr(DISPLAY_NAME)

    def shortHelpString(self) -> str:
        return help_with_parameters(tr(INTRO), self.parameterDefinitions())

    def icon(self) -> QIcon:
        return QIcon(str(ICONS / f"{MODEL_NAME}.svg"))

    def helpUrl(self) -> str:
        return help_url(MODEL_NAME)

    def createInstance(self):
        return load_model()


def load_model():
    """The shipped model, or None when its file cannot be read.

    Its steps are found in the Processing registry: while the provider is being registered
    they are not there yet, and the provider calls :func:`attach_steps` once they are."""
    model = PipelineModel()
    if not model.fromFile(str(MODEL_FILE)):
        return None
    translate_texts(model)
    return model


def attach_steps(model) -> None:
    """Find the model's steps in the registry again, which also makes its outputs."""
    model.setChildAlgorithms(model.childAlgorithms())
    translate_texts(model)


def translate_texts(model) -> None:
    """The model's input and output names and help, in the user's language."""
    for parameter in model.parameterDefinitions():
        description, help_text = TEXTS.get(parameter.name(), ("", ""))
        if description:
            parameter.setDescription(tr(description))
        if help_text:
            parameter.setHelp(tr(help_text))
