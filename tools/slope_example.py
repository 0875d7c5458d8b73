"""The guide's slope example: one catchment on the flat and over a SYNTHETIC hill
(developer tool, not shipped).

Usage (from the repository root; needs QGIS's Python and matplotlib)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/slope_example.py [--output-dir DIR]

No freely licensed terrain model of the sample area can be had from the package
registries, so this writes a made-up one: a round hill 40 m high (a Gaussian bump,
heights in metres on a 5 m grid, in the sample's CRS, EPSG:3067) west of the National
Library in the Helsinki sample. It is NOT the real ground of Helsinki. It then runs
``assetgaps:catchments`` for that library at 5 minutes' walk without and with the hill,
and draws both catchments over the hill's contours into ``docs/images/slope_catchment.png``.
The DEM is written to DIR (default ``build/slope_example``); ``write_hill`` is also used
by the dialog test.
"""

import argparse
import re
import sys
from pathlib import Path

import numpy as np

from headless import REPO_ROOT, register_provider, start_qgis

SAMPLE_GPKG = REPO_ROOT / "resources" / "data" / "helsinki_centre.gpkg"
PICTURE = REPO_ROOT / "docs" / "images" / "slope_catchment.png"
# the hill: crest, height and spread (metres, EPSG:3067), west of the National Library
HILL_X, HILL_Y = 385950.0, 6672150.0
HILL_HEIGHT_M = 40.0
HILL_SPREAD_M = 250.0
BASE_HEIGHT_M = 5.0
CELL_M = 5.0
# the sample's extent, with a margin
X_MIN, X_MAX = 385300.0, 386600.0
Y_MIN, Y_MAX = 6671300.0, 6673300.0
LIBRARY_FID = 1  # Kansalliskirjasto, the National Library
MINUTES = 5


def hill_heights(x, y):
    """Heights (m) of the synthetic hill at coordinates (x, y) in EPSG:3067."""
    r2 = (x - HILL_X) ** 2 + (y - HILL_Y) ** 2
    return BASE_HEIGHT_M + HILL_HEIGHT_M * np.exp(-r2 / (2 * HILL_SPREAD_M ** 2))


def write_hill(path) -> str:
    """Write the synthetic hill as a float32 GeoTIFF at ``path``; its path as text."""
    from osgeo import gdal, osr

    columns = int((X_MAX - X_MIN) / CELL_M)
    rows = int((Y_MAX - Y_MIN) / CELL_M)
    xs = X_MIN + (np.arange(columns) + 0.5) * CELL_M
    ys = Y_MAX - (np.arange(rows) + 0.5) * CELL_M
    grid_x, grid_y = np.meshgrid(xs, ys)
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), columns, rows, 1,
                                                   gdal.GDT_Float32)
    dataset.SetGeoTransform((X_MIN, CELL_M, 0.0, Y_MAX, 0.0, -CELL_M))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3067)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(hill_heights(grid_x, grid_y).astype(np.float32))
    dataset.FlushCache()
    dataset = None
    return str(path)


class Log:
    """Collects the algorithm's log lines."""

    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        class Feedback(QgsProcessingFeedback):
            def pushInfo(self, info):
                lines.append(info)

        lines = []
        self.lines = lines
        self.feedback = Feedback()


def shapely_of(layer):
    from shapely import wkb

    return [wkb.loads(bytes(f.geometry().asWkb())) for f in layer.getFeatures()]


def run_catchments(dem=None):
    import processing

    log = Log()
    parameters = {
        "NETWORK": f"{SAMPLE_GPKG}|layername=walk_network",
        "FACILITIES": f"{SAMPLE_GPKG}|layername=libraries|subset=fid = {LIBRARY_FID}",
        "THRESHOLDS": str(MINUTES), "OUTPUT": "memory:", "OUTPUT_LINES": "memory:"}
    if dem:
        parameters["DEM"] = dem
    result = processing.run("assetgaps:catchments", parameters, feedback=log.feedback)
    return result, log.lines


def draw(flat, slope, network, library, picture: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, PathPatch
    from matplotlib.path import Path as MplPath

    def patch(polygon, **style):
        polygons = getattr(polygon, "geoms", [polygon])
        vertices, codes = [], []
        for part in polygons:
            for ring in [part.exterior, *part.interiors]:
                xy = np.asarray(ring.coords)
                vertices += xy.tolist()
                codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + \
                    [MplPath.CLOSEPOLY]
        return PathPatch(MplPath(vertices, codes), **style)

    figure, axes = plt.subplots(figsize=(7.5, 8.0), dpi=110)
    xs = np.arange(X_MIN, X_MAX, 10.0)
    ys = np.arange(Y_MIN, Y_MAX, 10.0)
    grid_x, grid_y = np.meshgrid(xs, ys)
    heights = hill_heights(grid_x, grid_y)
    axes.contourf(grid_x, grid_y, heights, levels=np.arange(5, 50, 5), cmap="Greys",
                  alpha=0.35)
    contours = axes.contour(grid_x, grid_y, heights, levels=np.arange(10, 50, 5),
                            colors="#7a6a53", linewidths=0.6)
    axes.clabel(contours, fmt="%d m", fontsize=7)
    for line in network:
        for part in getattr(line, "geoms", [line]):
            x, y = part.xy
            axes.plot(x, y, color="#9a9a9a", linewidth=0.5)
    for polygon in slope:
        axes.add_patch(patch(polygon, facecolor="#2b8cbe", alpha=0.45, edgecolor="#08589e",
                             linewidth=1.2))
    for polygon in flat:
        axes.add_patch(patch(polygon, facecolor="none", edgecolor="#d95f0e", linewidth=1.8,
                             linestyle="--"))
    axes.plot([library.x], [library.y], marker="*", markersize=16, color="#b30000",
              markeredgecolor="white")
    axes.set_xlim(385500, 386550)
    axes.set_ylim(6671650, 6672750)
    axes.set_aspect("equal")
    axes.set_xticks([])
    axes.set_yticks([])
    axes.legend(handles=[
        Patch(facecolor="#2b8cbe", alpha=0.45, edgecolor="#08589e",
              label=f"{MINUTES} minutes' walk to the library, with the slope"),
        Patch(facecolor="none", edgecolor="#d95f0e", linestyle="--",
              label=f"{MINUTES} minutes' walk on the flat"),
        plt.Line2D([], [], marker="*", color="#b30000", linestyle="none", markersize=12,
                   label="library")], loc="lower left", fontsize=8, framealpha=0.9)
    axes.set_title("SYNTHETIC HILL (made up, 40 m high) over the Helsinki sample:\n"
                   "the catchment shrinks most where people must climb to the library", fontsize=10)
    figure.text(0.01, 0.01, "Streets © OpenStreetMap contributors (ODbL). The hill is "
                "invented for this example; it is not Helsinki's terrain.", fontsize=7)
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    figure.savefig(picture)
    plt.close(figure)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", default=str(REPO_ROOT / "build" / "slope_example"))
    parser.add_argument("--picture", default=str(PICTURE))
    args = parser.parse_args(argv)
    folder = Path(args.output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    app = start_qgis()  # noqa: F841 - kept alive for the run
    provider = register_provider()  # noqa: F841 - QGIS holds no Python reference to it
    from qgis.core import QgsVectorLayer

    dem = write_hill(folder / "synthetic_hill.tif")
    flat, _ = run_catchments()
    slope, lines = run_catchments(dem)
    network = QgsVectorLayer(f"{SAMPLE_GPKG}|layername=walk_network", "network", "ogr")
    library = QgsVectorLayer(f"{SAMPLE_GPKG}|layername=libraries|subset=fid = {LIBRARY_FID}",
                             "library", "ogr")
    draw(shapely_of(flat["OUTPUT"]), shapely_of(slope["OUTPUT"]), shapely_of(network),
         shapely_of(library)[0], Path(args.picture))
    for line in lines:
        if re.match(r"(Ground heights|Network on the DEM|Within)", line):
            print(line)
    print(f"Wrote {args.picture} and {dem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
