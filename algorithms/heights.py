"""Reading ground heights (a DEM raster layer) for the run: the block of the raster under the
network, as a height grid the engine reads (core/heights.py), and the transformation of
network coordinates to the raster's CRS when the two differ.

The raster is read in ``prepareAlgorithm``, on the main thread, where layers may be
touched; the slopes of the network's edges are computed in ``compute``, once the network
is built (readers.py).
"""

import math
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsRectangle,
)

from ..core import definitions as d
from ..core.heights import HeightGrid
from .layers import tr
from .qgis_compat import RASTER_NUMPY_TYPES


@dataclass
class DemBlock:
    """The part of a DEM under the network, read once per run.

    Attributes:
        name: the layer's name, for the log.
        crs: the raster's CRS.
        grid: the heights, in the raster's CRS.
        coarser: how many of the raster's cells (per side) one cell of ``grid`` stands
            for: 1 unless the part under the network was too large to read whole.
    """

    name: str
    crs: QgsCoordinateReferenceSystem
    grid: Optional[HeightGrid]
    coarser: int = 1


def network_extent(network_sources, crs: QgsCoordinateReferenceSystem, context
                   ) -> Optional[QgsRectangle]:
    """The extent of every network layer, in ``crs``; None when none has one."""
    boxes = []
    for source, _name in network_sources:
        layer_extent = source.sourceExtent()
        if layer_extent.isNull():
            continue
        if layer_extent.width() == 0 or layer_extent.height() == 0:
            # a straight east-west or north-south street: a flat box transforms to nothing
            pad = max(layer_extent.width(), layer_extent.height()) * 0.01 or \
                (1e-4 if source.sourceCrs().isGeographic() else 1.0)
            layer_extent = QgsRectangle(layer_extent.xMinimum() - pad,
                                        layer_extent.yMinimum() - pad,
                                        layer_extent.xMaximum() + pad,
                                        layer_extent.yMaximum() + pad)
        if source.sourceCrs() != crs:
            transform = QgsCoordinateTransform(source.sourceCrs(), crs,
                                               context.transformContext())
            layer_extent = transform.transformBoundingBox(layer_extent)
        if not layer_extent.isEmpty():
            boxes.append(layer_extent)
    if not boxes:
        return None
    return QgsRectangle(min(box.xMinimum() for box in boxes),
                        min(box.yMinimum() for box in boxes),
                        max(box.xMaximum() for box in boxes),
                        max(box.yMaximum() for box in boxes))


def read_dem(layer, network_sources, context,
             max_cells: int = d.MAX_DEM_CELLS) -> DemBlock:
    """The heights of ``layer`` (a raster layer, band 1) under the network, grown by
    DEM_MARGIN_CELLS cells and snapped to the raster's cells.

    A part larger than ``max_cells`` cells is read coarser (each side divided by the same
    whole number). ``grid`` is None when the raster does not overlap the network."""
    provider = layer.dataProvider()
    name = layer.name()
    if provider is None or not layer.isValid():
        raise QgsProcessingException(tr("DEM \"{name}\": the raster could not be read.")
                                     .format(name=name))
    data_type = provider.dataType(1)
    dtype = RASTER_NUMPY_TYPES.get(data_type)
    if dtype is None:
        raise QgsProcessingException(tr(
            "DEM \"{name}\" holds values of a type that are not heights (band 1 is "
            "{kind}): give a raster of heights in metres.").format(
                name=name, kind=str(data_type)))
    crs = layer.crs()
    if not crs.isValid():
        raise QgsProcessingException(tr(
            "DEM \"{name}\" has no coordinate reference system: set the layer's CRS (the "
            "one its heights were surveyed in) and run again.").format(name=name))
    raster = provider.extent()
    columns, rows = provider.xSize(), provider.ySize()
    if columns <= 0 or rows <= 0 or raster.isEmpty():
        return DemBlock(name, crs, None)
    res_x, res_y = raster.width() / columns, raster.height() / rows
    wanted = network_extent(network_sources, crs, context)
    if wanted is None:
        return DemBlock(name, crs, None)
    margin = d.DEM_MARGIN_CELLS
    column_0 = max(0, math.floor((wanted.xMinimum() - raster.xMinimum()) / res_x) - margin)
    column_1 = min(columns, math.ceil((wanted.xMaximum() - raster.xMinimum()) / res_x) + margin)
    row_0 = max(0, math.floor((raster.yMaximum() - wanted.yMaximum()) / res_y) - margin)
    row_1 = min(rows, math.ceil((raster.yMaximum() - wanted.yMinimum()) / res_y) + margin)
    if column_1 <= column_0 or row_1 <= row_0:
        return DemBlock(name, crs, None)
    block_extent = QgsRectangle(raster.xMinimum() + column_0 * res_x,
                                raster.yMaximum() - row_1 * res_y,
                                raster.xMinimum() + column_1 * res_x,
                                raster.yMaximum() - row_0 * res_y)
    width, height = column_1 - column_0, row_1 - row_0
    coarser = max(1, math.ceil(math.sqrt(width * height / max_cells)))
    width, height = max(1, width // coarser), max(1, height // coarser)
    block = provider.block(1, block_extent, width, height)
    if block is None or not block.isValid():
        raise QgsProcessingException(tr("DEM \"{name}\": the raster could not be read.")
                                     .format(name=name))
    data = bytes(block.data())
    if len(data) != width * height * np.dtype(dtype).itemsize:
        raise QgsProcessingException(tr("DEM \"{name}\": the raster could not be read.")
                                     .format(name=name))
    values = np.frombuffer(data, dtype=dtype).reshape(height, width)
    nodata = block.noDataValue() if block.hasNoDataValue() else None
    grid = HeightGrid.from_array(values, block_extent.xMinimum(), block_extent.yMaximum(),
                                 block_extent.width() / width, block_extent.height() / height,
                                 nodata)
    return DemBlock(name, crs, grid, coarser)


def _pyproj_crs(crs: QgsCoordinateReferenceSystem) -> CRS:
    return CRS.from_user_input(crs.authid()) if crs.authid() else \
        CRS.from_proj4(crs.toProj())


def to_grid_transform(working: QgsCoordinateReferenceSystem,
                      dem: QgsCoordinateReferenceSystem
                      ) -> Optional[Callable[[np.ndarray], np.ndarray]]:
    """A vectorised transformation of (n, 2) coordinates from the working CRS to the
    DEM's; None when the two are the same."""
    if working == dem:
        return None
    try:
        transformer = Transformer.from_crs(_pyproj_crs(working), _pyproj_crs(dem),
                                           always_xy=True)
    except CRSError as error:
        raise QgsProcessingException(tr(
            "The DEM's CRS ({crs}) cannot be used to read its heights under the network: "
            "{error}").format(crs=dem.authid() or dem.description(), error=error)) from error

    def to_grid(xy: np.ndarray) -> np.ndarray:
        xy = np.asarray(xy, dtype=float)
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return to_grid
