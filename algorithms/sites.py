"""Attaching a facility or origin layer to the network, with the log a user needs."""

from dataclasses import dataclass
from typing import List

import numpy as np
from qgis.core import QgsProcessingException, QgsWkbTypes

from ..core.attach import Attachment, attach_geometries
from ..core.definitions import SMALL_COMPONENT_SHARE
from ..core.network import Network
from ..core.topology import on_small_component
from .layers import geometry_kind, leave_out_strays, read_sites
from .qgis_compat import GEOMETRY_POINT, GEOMETRY_POLYGON


@dataclass
class Sites:
    """A layer's features as the engine sees them: shapes, ids and how they attached."""

    shapes: List[object]
    ids: List[object]
    attachment: Attachment

    @property
    def seeds(self):
        return self.attachment.seeds


def attach_sites(algorithm, network: Network, source, name: str, crs, context, settings,
                 feedback, id_field=None, role: str = "", required: bool = True) -> Sites:
    """Read ``source`` (called ``name`` in messages), attach its features and log how many
    attached and why not.

    If ``required``, raises a Processing error naming the layer when it is empty or nothing
    attaches; otherwise an empty layer is logged as a warning and gives no sites.
    """
    tr = algorithm.tr
    if QgsWkbTypes.geometryType(source.wkbType()) not in (GEOMETRY_POINT, GEOMETRY_POLYGON):
        raise QgsProcessingException(tr(
            "The layer \"{name}\" ({role}) holds {kind}: give a layer of points or "
            "polygons.").format(name=name, role=role, kind=geometry_kind(source)))
    shapes, ids = read_sites(source, crs, context, id_field)
    if not shapes:
        empty = tr("The layer \"{name}\" ({role}) has no features.").format(name=name,
                                                                           role=role)
        if required:
            raise QgsProcessingException(empty)
        feedback.pushWarning(empty)
        return Sites(shapes, ids, Attachment.empty())
    shapes, strays = leave_out_strays(shapes, ids, name, feedback)
    attachment = attach_geometries(network, shapes, settings.max_snap_m)
    no_geometry = sum(shape is None for shape in shapes) - strays
    too_far = int(np.count_nonzero(~attachment.attached)) - no_geometry
    feedback.pushInfo(tr("{name}: {attached} of {total} {role} attached to the network.")
                      .format(name=name, attached=int(attachment.attached.sum()),
                              total=len(shapes), role=role))
    if no_geometry:
        feedback.pushWarning(tr("{name}: features without geometry, skipped: {count}.")
                             .format(name=name, count=no_geometry))
    if too_far:
        examples = [str(ids[i]) for i in np.flatnonzero(~attachment.attached)
                    if shapes[i] is not None][:10]
        feedback.pushWarning(tr(
            "{name}: features farther than {snap:g} m from the network, skipped: {count} "
            "(for example {examples}).").format(
                name=name, count=too_far, snap=settings.max_snap_m,
                examples=", ".join(examples)))
    islands = facilities_on_islands(network, attachment)
    if len(islands):
        feedback.pushWarning(tr(
            "{name}: features joining the network only on a small disconnected part (less "
            "than {share:.0f}% of its length), whose catchments stay small: {count} (for "
            "example {examples}). Check the network with 'Check the network', or raise "
            "CONNECT_TOLERANCE.").format(
                name=name, count=len(islands), share=100 * SMALL_COMPONENT_SHARE,
                examples=", ".join(str(ids[i]) for i in islands[:10])))
    if required and not attachment.attached.any():
        raise QgsProcessingException(tr(
            "No feature of \"{name}\" ({role}) lies within {snap:g} m of the network: check "
            "that the layer covers the same area as the network, or raise "
            "MAX_SNAP_DISTANCE.").format(name=name, role=role, snap=settings.max_snap_m))
    return Sites(shapes, ids, attachment)


def facilities_on_islands(network: Network, attachment: Attachment) -> np.ndarray:
    """Rows whose every seed lies on a component holding less than SMALL_COMPONENT_SHARE
    of the network's length."""
    seeds = attachment.seeds
    if not len(seeds):
        return np.zeros(0, dtype=np.int64)
    on_island = on_small_component(network, seeds.edge, SMALL_COMPONENT_SHARE)
    rows = np.unique(seeds.facility)
    mainland = np.unique(seeds.facility[~on_island])
    return np.setdiff1d(rows, mainland)
