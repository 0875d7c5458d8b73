"""Coordinates no place on Earth has, and features far outside the rest of their layer.

A stray vertex (a typing slip, a failed edit) or a layer labelled with the wrong CRS puts
coordinates millions of kilometres away. Left in, they make the spatial index span the
gap (memory grows with it) and empty every area the layer's extent bounds. Coordinates
here are in the working CRS, in metres.
"""

import numpy as np

# Projected coordinates of real places stay within a few times 1e7 m of their CRS's
# origin, false eastings included; a coordinate beyond this comes from a wrong CRS or a
# stray vertex, never from a place.
IMPOSSIBLE_COORDINATE_M = 1e9
# The robust extent of a layer is the box around the median of its features' centres
# reaching ROBUST_SPREAD median absolute deviations either way: strays, even nearly half
# of the features, cannot stretch it. A feature reaching farther outside it than
# FAR_FACTOR times its larger side (and at least FAR_MIN_MARGIN_M, for layers that are
# small or hold one place) is far outside the rest of the layer: no walk joins it to the
# others.
ROBUST_SPREAD = 3.0
FAR_FACTOR = 10.0
FAR_MIN_MARGIN_M = 50_000.0


def impossible_boxes(boxes: np.ndarray) -> np.ndarray:
    """Rows of ``boxes`` (n, 4: xmin, ymin, xmax, ymax; NaN rows for no geometry) with a
    coordinate that is infinite or beyond IMPOSSIBLE_COORDINATE_M."""
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    present = ~np.all(np.isnan(boxes), axis=1)
    with np.errstate(invalid="ignore"):
        wild = ~np.all(np.isfinite(boxes), axis=1) | \
            np.any(np.abs(boxes) > IMPOSSIBLE_COORDINATE_M, axis=1)
    return present & wild


def far_outside_boxes(boxes: np.ndarray) -> np.ndarray:
    """Rows of ``boxes`` (as in impossible_boxes) that reach far outside the robust
    extent of the other rows; impossible rows are left to impossible_boxes."""
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    usable = ~np.all(np.isnan(boxes), axis=1) & ~impossible_boxes(boxes)
    far = np.zeros(len(boxes), dtype=bool)
    if not usable.any():
        return far
    centres = np.column_stack([(boxes[usable, 0] + boxes[usable, 2]) / 2.0,
                               (boxes[usable, 1] + boxes[usable, 3]) / 2.0])
    middle = np.median(centres, axis=0)
    spread = ROBUST_SPREAD * np.median(np.abs(centres - middle), axis=0)
    low, high = middle - spread, middle + spread
    margin = max(FAR_FACTOR * float(np.max(high - low)), FAR_MIN_MARGIN_M)
    inside = (boxes[usable, 0] >= low[0] - margin) & (boxes[usable, 1] >= low[1] - margin) \
        & (boxes[usable, 2] <= high[0] + margin) & (boxes[usable, 3] <= high[1] + margin)
    far[np.flatnonzero(usable)[~inside]] = True
    return far
