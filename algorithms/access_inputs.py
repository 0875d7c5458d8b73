"""The inputs that assetgaps:accessscore and assetgaps:scenario share: origins, population,
asset layers with their kind names, thresholds and weights."""

from dataclasses import dataclass
from typing import List, Optional

import numpy as np
from qgis.core import (QgsFeatureRequest, QgsProcessingException,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterString)

from ..core import definitions as d
from ..core.access import Origins, locate_origins, sanitise_kind_names
from ..core.errors import InputError
from ..core.profile import check_population
from ..core.topology import on_small_component
from ..core.thresholds import parse_names, parse_thresholds, parse_weights, per_kind
from .layers import features, layer_label, leave_out_strays, to_shapely, tr
from .qgis_compat import FIELD_NUMERIC, SOURCE_ANY_GEOMETRY, SOURCE_POINT, SOURCE_POLYGON

ORIGINS = "ORIGINS"
POPULATION_FIELD = "POPULATION_FIELD"
ASSETS = "ASSETS"
ASSET_NAMES = "ASSET_NAMES"
THRESHOLDS = "THRESHOLDS"
WEIGHTS = "WEIGHTS"


def add_origin_parameters(algorithm) -> None:
    """ORIGINS and POPULATION_FIELD (also used by assetgaps:bestsites)."""
    algorithm.add_parameter(QgsProcessingParameterFeatureSource(
        ORIGINS, tr("Origins (homes, grid cells, LSOAs)"), [SOURCE_POINT, SOURCE_POLYGON]),
        tr("Where people live. Polygons are evaluated at a point on their surface."))
    algorithm.add_parameter(QgsProcessingParameterField(
        POPULATION_FIELD, tr("Population field"), parentLayerParameterName=ORIGINS,
        type=FIELD_NUMERIC, optional=True),
        tr("People per origin; without it every origin counts as one."))


def add_access_parameters(algorithm) -> None:
    """ORIGINS, POPULATION_FIELD, ASSETS, ASSET_NAMES, THRESHOLDS and WEIGHTS."""
    add_origin_parameters(algorithm)
    algorithm.add_parameter(QgsProcessingParameterMultipleLayers(
        ASSETS, tr("Asset layers (one per kind)"), SOURCE_ANY_GEOMETRY),
        tr("One point or polygon layer per kind of asset; the kind is named after the "
           "layer."))
    algorithm.add_parameter(QgsProcessingParameterString(
        ASSET_NAMES, tr("Kind names (comma-separated)"), optional=True),
        tr("One name per asset layer, in order; replaces the layer names."), advanced=True)
    algorithm.add_parameter(QgsProcessingParameterString(
        THRESHOLDS, tr("Reach threshold per kind"), defaultValue=d.DEFAULT_SCORE_THRESHOLD),
        tr("One value for every kind, or one per asset layer in order, in minutes or "
           "metres (see the cost type)."))
    algorithm.add_parameter(QgsProcessingParameterString(
        WEIGHTS, tr("Weights (comma-separated)"), optional=True),
        tr("One per asset layer in order; every kind weighs 1 when empty."), advanced=True)


@dataclass
class Kind:
    """One kind of asset: its layer, field-safe name, threshold (metres) and weight."""

    layer: object
    name: str
    threshold_cost: float
    threshold_m: float
    weight: float

    @property
    def bound_m(self) -> float:
        """How far its search goes before an origin counts as having none."""
        return self.threshold_m * d.SEARCH_BOUND_FACTOR


@dataclass
class OriginLayer:
    """Origin features in the working CRS, where they meet the network, and people."""

    source: object
    features: list
    origins: Origins
    population: Optional[np.ndarray]
    shapes: list  # shapely geometries; None without geometry or left out as strays

    @property
    def weights(self) -> np.ndarray:
        """People per origin (1 each without a population field)."""
        return self.population if self.population is not None else \
            np.ones(len(self.features))


def read_kinds(algorithm, parameters, context, settings, taken_names=()) -> List[Kind]:
    """The asset layers with names, thresholds and weights checked against each other."""
    layers = algorithm.parameterAsLayerList(parameters, ASSETS, context)
    if not layers:
        raise QgsProcessingException(tr("ASSETS: give at least one asset layer."))
    try:
        raw = parse_names(algorithm.parameterAsString(parameters, ASSET_NAMES, context))
        names = per_kind(raw, len(layers), "ASSET_NAMES") if raw else \
            [layer_label(layer) for layer in layers]
        thresholds = per_kind(parse_thresholds(
            algorithm.parameterAsString(parameters, THRESHOLDS, context), settings.cost_type),
            len(layers), "THRESHOLDS")
        weights = parse_weights(algorithm.parameterAsString(parameters, WEIGHTS, context),
                                len(layers))
    except InputError as error:
        algorithm.raise_input_error(error)
    names = sanitise_kind_names(names)
    return [Kind(layer, name, threshold, settings.to_metres(threshold), weight)
            for layer, name, threshold, weight in zip(layers, names, thresholds, weights)]


def read_origins(algorithm, parameters, context, network, crs, settings, feedback
                 ) -> OriginLayer:
    """Origins with their attributes, located on the network; population checked."""
    source = algorithm.parameterAsSource(parameters, ORIGINS, context)
    if source is None:
        raise QgsProcessingException(tr("ORIGINS: the layer could not be read."))
    population_field = algorithm.parameterAsString(parameters, POPULATION_FIELD, context)
    if population_field:
        field = source.fields().field(population_field) \
            if source.fields().indexOf(population_field) >= 0 else None
        if field is None or not field.isNumeric():
            raise QgsProcessingException(tr(
                "POPULATION_FIELD \"{field}\" is not a numeric field of the origins layer: "
                "choose a field holding numbers of people.").format(field=population_field))
    origin_features = list(features(source, crs, context, QgsFeatureRequest()))
    if not origin_features:
        raise QgsProcessingException(tr("The origins layer \"{name}\" has no features.")
                                     .format(name=algorithm.layer_label(parameters, ORIGINS,
                                                                        context)))
    shapes = [to_shapely(feature.geometry()) for feature in origin_features]
    shapes, strays = leave_out_strays(
        shapes, [feature.id() for feature in origin_features],
        algorithm.layer_label(parameters, ORIGINS, context), feedback)
    origins = locate_origins(network, shapes, settings.max_snap_m)
    population = None
    if population_field:
        values = [feature[population_field] for feature in origin_features]
        population = np.array([float(v) if isinstance(v, (int, float)) else 0.0
                               for v in values])
        population[~np.isfinite(population)] = 0.0
        try:
            check_population(population, [f.id() for f in origin_features], population_field,
                             algorithm.layer_label(parameters, ORIGINS, context))
        except InputError as error:
            algorithm.raise_input_error(error)
    no_geometry = sum(shape is None for shape in shapes) - strays
    unreached = int(np.count_nonzero(~origins.reached)) - no_geometry
    feedback.pushInfo(tr("Origins: {count} read, {unreached} farther than {snap:g} m from the "
                         "network (status 'unreached').").format(
        count=len(origin_features), unreached=unreached, snap=settings.max_snap_m))
    if no_geometry:
        feedback.pushWarning(tr("Origins without geometry (status 'unreached'): {count}.")
                             .format(count=no_geometry))
    stranded = int(np.count_nonzero(on_small_component(
        network, origins.edge[origins.reached], d.SMALL_COMPONENT_SHARE)))
    if stranded:
        feedback.pushWarning(tr(
            "Origins joining the network only on a small disconnected part (less than "
            "{share:.0f}% of its length), so reaching little: {count}. Check the network "
            "with 'Check the network', or raise CONNECT_TOLERANCE.").format(
                count=stranded, share=100 * d.SMALL_COMPONENT_SHARE))
    return OriginLayer(source, origin_features, origins, population, shapes)
