"""Attaching a facility or origin layer to the network, with the log a user needs."""

from dataclasses import dataclass
from typing import List

import numpy as np
from qgis.core import QgsProcessingException

from ..core.attach import Attachment, attach_geometries
from ..core.network import Network
from .layers import read_sites


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

    Raises a Processing error naming the layer when it is empty or, if ``required``,
    when nothing attaches.
    """
    tr = algorithm.tr
    shapes, ids = read_sites(source, crs, context, id_field)
    if not shapes:
        raise QgsProcessingException(tr("The layer \"{name}\" ({role}) has no features.")
                                     .format(name=name, role=role))
    attachment = attach_geometries(network, shapes, settings.max_snap_m)
    no_geometry = sum(shape is None for shape in shapes)
    too_far = int(np.count_nonzero(~attachment.attached)) - no_geometry
    feedback.pushInfo(tr("{name}: {attached} of {total} {role} attached to the network.")
                      .format(name=name, attached=int(attachment.attached.sum()),
                              total=len(shapes), role=role))
    if no_geometry:
        feedback.pushWarning(tr("{name}: {count} features have no geometry and were skipped.")
                             .format(name=name, count=no_geometry))
    if too_far:
        examples = [str(ids[i]) for i in np.flatnonzero(~attachment.attached)
                    if shapes[i] is not None][:10]
        feedback.pushWarning(tr(
            "{name}: {count} features are farther than {snap:g} m from the network and were "
            "skipped (for example {examples}).").format(
                name=name, count=too_far, snap=settings.max_snap_m,
                examples=", ".join(examples)))
    if required and not attachment.attached.any():
        raise QgsProcessingException(tr(
            "No feature of \"{name}\" ({role}) lies within {snap:g} m of the network: check "
            "that the layer covers the same area as the network, or raise "
            "MAX_SNAP_DISTANCE.").format(name=name, role=role, snap=settings.max_snap_m))
    return Sites(shapes, ids, attachment)
