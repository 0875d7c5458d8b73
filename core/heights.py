"""Ground heights from a raster (a DEM), read at any point of the network.

The height at a point is interpolated bilinearly between the centres of the four nearest
cells. Where one of those four is missing (beyond the raster's edge, or a no-data cell),
the point takes the value of the one cell it lies in; where that cell is missing too, the
point has no height. Taking the value of the cell that holds a point everywhere would jump
at cell edges and turn two vertices half a metre apart into a cliff.
"""

from dataclasses import dataclass
from typing import Optional

import numpy as np


@dataclass
class HeightGrid:
    """A north-up raster of ground heights, in the network's CRS or in its own (then
    points are transformed to it: see :func:`~.slope.edge_costs_with_slope`).

    Attributes:
        heights: (rows, columns) heights in metres (float64, or float32 as most DEMs
            are stored); row 0 is the northernmost row, as rasters store it.
        valid: (rows, columns) False where a cell has no height (no-data).
        x_min: x of the raster's western edge, in its CRS's units.
        y_max: y of the raster's northern edge.
        cell_width, cell_height: size of a cell (both positive).
    """

    heights: np.ndarray
    valid: np.ndarray
    x_min: float
    y_max: float
    cell_width: float
    cell_height: float

    @classmethod
    def from_array(cls, heights, x_min: float, y_max: float, cell_width: float,
                   cell_height: float, nodata: Optional[float] = None) -> "HeightGrid":
        """A grid from a 2-D array of heights (metres), its north-west corner and cell size.

        Cells equal to ``nodata``, and non-finite cells, have no height.
        """
        values = np.asarray(heights)
        # float32 stays float32: half the memory of a large raster, and finer than any
        # terrain model's accuracy
        if values.dtype != np.float32:
            values = values.astype(float)
        if values.ndim != 2:
            raise ValueError("heights must be a 2-D array")
        if not (cell_width > 0 and cell_height > 0):
            raise ValueError("cell sizes must be positive")
        valid = np.isfinite(values)
        if nodata is not None:
            valid &= values != nodata
        return cls(values, valid, float(x_min), float(y_max), float(cell_width),
                   float(cell_height))


def heights_at(grid: HeightGrid, xy: np.ndarray) -> np.ndarray:
    """Ground height in metres at each (x, y) point (see the module docstring); NaN where
    the point has none (off the raster, or on a no-data cell)."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    rows, columns = grid.heights.shape
    # a border of missing cells around the raster: every cell off it reads the border
    padded = np.full((rows + 2, columns + 2), np.nan, dtype=grid.heights.dtype)
    padded[1:-1, 1:-1] = np.where(grid.valid, grid.heights, np.nan)
    values = padded.ravel()

    def cell(row: np.ndarray, column: np.ndarray) -> np.ndarray:
        # np.minimum/np.maximum: np.clip is several times slower on integers
        padded_row = np.minimum(np.maximum(row + 1, 0), rows + 1)
        padded_column = np.minimum(np.maximum(column + 1, 0), columns + 1)
        return values[padded_row * (columns + 2) + padded_column]

    # positions in cells from the raster's north-west corner
    column_at = (xy[:, 0] - grid.x_min) / grid.cell_width
    row_at = (grid.y_max - xy[:, 1]) / grid.cell_height
    # the four nearest cell centres, and where the point lies between them
    left = np.floor(column_at - 0.5).astype(np.int64)
    top = np.floor(row_at - 0.5).astype(np.int64)
    tx = column_at - 0.5 - left
    ty = row_at - 0.5 - top
    h00, h01 = cell(top, left), cell(top, left + 1)
    h10, h11 = cell(top + 1, left), cell(top + 1, left + 1)
    bilinear = ((1 - tx) * (1 - ty) * h00 + tx * (1 - ty) * h01
                + (1 - tx) * ty * h10 + tx * ty * h11)
    own_cell = cell(np.floor(row_at).astype(np.int64), np.floor(column_at).astype(np.int64))
    return np.where(np.isfinite(bilinear), bilinear, own_cell)
