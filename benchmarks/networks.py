"""Benchmark data: generated street grids with facilities and origins, and the real samples.

A generated network is an ``n`` x ``n`` grid of junctions 80 m apart, each junction moved
by up to 12 m, each block side bent through one jittered middle vertex, and 4% of the
links removed: about 2·n² edges (n = 150: ~43,000; n = 400: ~306,000). Every link is one
LineString feature with ``highway`` = 'residential', so the automatic walkability preset
(OpenStreetMap) keeps all of it. Points (facilities, origins) are spread uniformly over
the grid. Everything is in EPSG:27700 (British National Grid) and seeded, so a run is
repeatable; files are written once and reused (``data_dir`` keyed by size and seed).

Runs with the Python that has GDAL's bindings (``/usr/bin/python3`` on Debian); it never
imports QGIS.
"""

import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()

EPSG = 27700
SPACING_M = 80.0
NODE_JITTER_M = 12.0
BEND_JITTER_M = 6.0
REMOVED_SHARE = 0.04
SEED = 20240607
# Lower-left corner of the grid, somewhere in Merseyside in British National Grid.
ORIGIN_XY = (340000.0, 380000.0)
# Bump when the generator changes, so cached files are rebuilt.
FORMAT_VERSION = 1

REPO_ROOT = Path(__file__).resolve().parent.parent
HELSINKI = REPO_ROOT / "resources" / "data" / "helsinki_centre.gpkg"
SAO_PAULO = REPO_ROOT.parent / "shared" / "data" / "sao_paulo.gpkg"


def grid_lines(n: int, seed: int = SEED) -> np.ndarray:
    """(E, 3, 2) vertices of the links of a jittered ``n`` x ``n`` grid, some removed."""
    rng = np.random.default_rng([seed, n])
    i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    nodes = np.stack([i.ravel(), j.ravel()], axis=1) * SPACING_M + np.asarray(ORIGIN_XY)
    nodes = nodes + rng.uniform(-NODE_JITTER_M, NODE_JITTER_M, nodes.shape)
    index = (i * n + j)
    horizontal = np.stack([index[:-1, :].ravel(), index[1:, :].ravel()], axis=1)
    vertical = np.stack([index[:, :-1].ravel(), index[:, 1:].ravel()], axis=1)
    links = np.concatenate([horizontal, vertical])
    links = links[rng.random(len(links)) >= REMOVED_SHARE]
    start, end = nodes[links[:, 0]], nodes[links[:, 1]]
    middle = (start + end) / 2.0 + rng.uniform(-BEND_JITTER_M, BEND_JITTER_M, start.shape)
    return np.stack([start, middle, end], axis=1)


def grid_extent(n: int):
    """(xmin, ymin, xmax, ymax) the grid's junctions lie in."""
    x0, y0 = ORIGIN_XY
    return x0, y0, x0 + (n - 1) * SPACING_M, y0 + (n - 1) * SPACING_M


def random_points(n: int, count: int, stream: int, seed: int = SEED) -> np.ndarray:
    """(count, 2) points spread uniformly over the grid of size ``n``; ``stream`` picks
    an independent, repeatable set."""
    rng = np.random.default_rng([seed, n, count, stream])
    xmin, ymin, xmax, ymax = grid_extent(n)
    return np.column_stack([rng.uniform(xmin, xmax, count), rng.uniform(ymin, ymax, count)])


# What an ISO WKB header holds after its byte order and type, for each type written here
_WKB_COUNTS = {ogr.wkbPoint: [], ogr.wkbLineString: [("n", "<u4")],
               ogr.wkbPolygon: [("rings", "<u4"), ("n", "<u4")]}


def _wkb(coordinates: np.ndarray, geometry_type: int) -> list:
    """ISO WKB (little endian) of each item of ``coordinates``: (N, 2) points, (N, k, 2)
    lines, or (N, k, 2) closed rings, each a one-ring polygon."""
    count = len(coordinates)
    header = np.zeros(count, dtype=[("order", "u1"), ("type", "<u4")]
                      + _WKB_COUNTS[geometry_type])
    header["order"], header["type"] = 1, geometry_type
    if geometry_type == ogr.wkbPolygon:
        header["rings"] = 1
    if geometry_type != ogr.wkbPoint:
        header["n"] = coordinates.shape[1]
    body = np.ascontiguousarray(coordinates, dtype="<f8").reshape(count, -1)
    head, size = header.tobytes(), header.itemsize
    return [head[k * size:(k + 1) * size] + body[k].tobytes() for k in range(count)]


def _srs():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    return srs


def _open(path: Path):
    if path.exists():
        return ogr.Open(str(path), 1)
    return ogr.GetDriverByName("GPKG").CreateDataSource(str(path))


# Features written per batch: the WKB of a batch is made at once (fast, in numpy) while a
# national grid's millions never sit in memory as Python bytes together.
BATCH = 200_000


def _write_features(path: Path, layer_name: str, geometry_type: int,
                    coordinates: np.ndarray, fields: dict, srs=None) -> None:
    """Write one feature per item of ``coordinates`` (see ``_wkb``) in one transaction.
    ``fields``: {name: (OGR field type, one value for all or a list of one per feature)};
    British National Grid unless ``srs`` says otherwise. One feature object is reused (a
    fresh one per row costs about as much as the insert); the GeoPackage driver builds the
    spatial index once, when the file closes."""
    source = _open(path)
    layer = source.CreateLayer(layer_name, srs or _srs(), geometry_type)
    for name, (kind, _) in fields.items():
        layer.CreateField(ogr.FieldDefn(name, kind))
    feature = ogr.Feature(layer.GetLayerDefn())
    per_feature = []
    for index, (_, value) in enumerate(fields.values()):
        if isinstance(value, list):
            per_feature.append((index, value))
        else:
            feature.SetField(index, value)
    layer.StartTransaction()
    for start in range(0, len(coordinates), BATCH):
        blobs = _wkb(coordinates[start:start + BATCH], geometry_type)
        for row, blob in enumerate(blobs, start=start):
            for index, values in per_feature:
                feature.SetField(index, values[row])
            feature.SetFID(-1)
            feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(blob))
            layer.CreateFeature(feature)
    layer.CommitTransaction()
    source = None


def write_lines(path: Path, layer_name: str, lines: np.ndarray) -> None:
    """Write ``lines`` (E, k, 2) as a LineString layer with ``highway`` = 'residential'."""
    _write_features(path, layer_name, ogr.wkbLineString, lines,
                    {"highway": (ogr.OFTString, "residential")})


def write_points(path: Path, layer_name: str, xy: np.ndarray, srs=None) -> None:
    """Write points with an integer ``site_id`` field (1, 2, ...); British National Grid
    unless ``srs`` says otherwise."""
    _write_features(path, layer_name, ogr.wkbPoint, xy,
                    {"site_id": (ogr.OFTInteger, list(range(1, len(xy) + 1)))}, srs)


def layer_names(path: Path) -> list:
    """The layers of the GeoPackage at ``path``; [] when there is none yet."""
    # GDAL raises instead of returning None when its Python exceptions are on (newer GDAL).
    source = ogr.Open(str(path)) if path.exists() else None
    if source is None:
        return []
    return [source.GetLayer(k).GetName() for k in range(source.GetLayerCount())]


def feature_count(path: Path, layer_name: str) -> int:
    source = ogr.Open(str(path))
    return source.GetLayerByName(layer_name).GetFeatureCount()


@dataclass
class GridData:
    """A generated grid: its ``network`` layer and point layers, one GeoPackage each
    (``uri(layer)`` for QGIS)."""

    n: int
    files: Dict[str, Path]
    edges: int

    def uri(self, layer: str) -> str:
        return f"{self.files[layer]}|layername={layer}"


def _write_atomically(path: Path, write) -> None:
    """Write a GeoPackage beside ``path`` and move it in place, so concurrent runs never
    see half a file."""
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp.gpkg")
    if temporary.exists():
        temporary.unlink()
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def grid_data(n: int, data_dir: Path, points: Optional[Dict[str, int]] = None,
              seed: int = SEED) -> GridData:
    """The grid of size ``n`` (layer ``network``) and the point layers ``points`` (layer
    name -> count; each name is its own random stream, so adding a layer never changes
    another), written on first use."""
    data_dir.mkdir(parents=True, exist_ok=True)
    stem = f"grid_n{n}_s{seed}_v{FORMAT_VERSION}"
    files = {"network": data_dir / f"{stem}.gpkg"}
    if not files["network"].exists():
        _write_atomically(files["network"],
                          lambda path: write_lines(path, "network", grid_lines(n, seed)))
    for name, count in sorted((points or {}).items()):
        files[name] = data_dir / f"{stem}_{name}.gpkg"
        if files[name].exists() and feature_count(files[name], name) == count:
            continue
        xy = random_points(n, count, zlib.crc32(name.encode()), seed)
        _write_atomically(files[name],
                          lambda path, name=name, xy=xy: write_points(path, name, xy))
    return GridData(n, files, feature_count(files["network"], "network"))


# The synthetic terrain under a grid (for the slope case): 10 m cells, rolling hills.
DEM_CELL_M = 10.0
DEM_MARGIN_M = 200.0
HILL_HEIGHT_M = 30.0
HILL_WAVELENGTH_M = 1500.0


def grid_dem(n: int, data_dir: Path, seed: int = SEED) -> Path:
    """A float32 GeoTIFF of 10 m cells under the grid of size ``n`` (and a margin):
    rolling hills up to about 120 m from trough to crest, gradients up to about 15%;
    written on first use."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"grid_n{n}_s{seed}_v{FORMAT_VERSION}_dem.tif"
    if path.exists():
        return path
    xmin, ymin, xmax, ymax = grid_extent(n)
    xmin, ymin = xmin - DEM_MARGIN_M, ymin - DEM_MARGIN_M
    xmax, ymax = xmax + DEM_MARGIN_M, ymax + DEM_MARGIN_M
    columns = int(np.ceil((xmax - xmin) / DEM_CELL_M))
    rows = int(np.ceil((ymax - ymin) / DEM_CELL_M))
    rng = np.random.default_rng([seed, n, 19])
    phase = rng.uniform(0, 2 * np.pi, 2)
    x = xmin + (np.arange(columns) + 0.5) * DEM_CELL_M
    wave = 2 * np.pi / HILL_WAVELENGTH_M

    def write(target: Path) -> None:
        dataset = gdal.GetDriverByName("GTiff").Create(
            str(target), columns, rows, 1, gdal.GDT_Float32, ["TILED=YES", "COMPRESS=LZW"])
        dataset.SetGeoTransform((xmin, DEM_CELL_M, 0.0, ymax, 0.0, -DEM_CELL_M))
        dataset.SetProjection(_srs().ExportToWkt())
        band = dataset.GetRasterBand(1)
        step = 512
        for top in range(0, rows, step):
            y = ymax - (np.arange(top, min(rows, top + step)) + 0.5) * DEM_CELL_M
            heights = HILL_HEIGHT_M * (2 + np.sin(x[None, :] * wave + phase[0])
                                       + np.sin(y[:, None] * wave * 0.8 + phase[1]))
            band.WriteArray(heights.astype(np.float32), 0, top)
        dataset.FlushCache()
        dataset = None  # closed before it is moved in place

    _write_atomically(path, write)
    return path


# Polygon origins: tiles about the size of an urban LSOA, their shared corners moved by up
# to this share of the tile side, so that the tiles still cover the grid without gaps.
TILE_JITTER_SHARE = 0.2
TILE_MIN_PEOPLE, TILE_MAX_PEOPLE = 1000, 2000


def grid_tiles(n: int, side_m: float, seed: int = SEED) -> np.ndarray:
    """(T, 5, 2) closed rings of jittered quadrilateral tiles about ``side_m`` across,
    covering the grid of size ``n`` (adjacent tiles share their moved corners)."""
    rng = np.random.default_rng([seed, n, int(side_m)])
    xmin, ymin, xmax, ymax = grid_extent(n)
    m = max(1, int(round((xmax - xmin) / side_m)))
    xs = np.linspace(xmin, xmax, m + 1)
    ys = np.linspace(ymin, ymax, m + 1)
    corners = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1)
    step = (xmax - xmin) / m
    moved = corners + rng.uniform(-TILE_JITTER_SHARE * step, TILE_JITTER_SHARE * step,
                                  corners.shape)
    # the grid's outline stays straight
    moved[0, :, 0], moved[-1, :, 0] = xmin, xmax
    moved[:, 0, 1], moved[:, -1, 1] = ymin, ymax
    a, b = moved[:-1, :-1], moved[1:, :-1]
    c, d = moved[1:, 1:], moved[:-1, 1:]
    return np.stack([a, b, c, d, a], axis=2).reshape(-1, 5, 2)


def write_tiles(path: Path, layer_name: str, rings: np.ndarray, seed: int = SEED) -> None:
    """Write the tiles as a Polygon layer with ``tile_id`` and a seeded ``population``."""
    rng = np.random.default_rng([seed, len(rings)])
    people = rng.integers(TILE_MIN_PEOPLE, TILE_MAX_PEOPLE, len(rings)).tolist()
    _write_features(path, layer_name, ogr.wkbPolygon, rings,
                    {"tile_id": (ogr.OFTInteger, list(range(1, len(rings) + 1))),
                     "population": (ogr.OFTInteger, people)})


def tile_data(n: int, side_m: float, data_dir: Path, seed: int = SEED) -> tuple:
    """(uri, count) of the tiles of about ``side_m`` over the grid of size ``n``, written
    on first use (layer ``tiles``)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"grid_n{n}_s{seed}_v{FORMAT_VERSION}_tiles_{int(side_m)}m.gpkg"
    rings = grid_tiles(n, side_m, seed)
    if not path.exists() or feature_count(path, "tiles") != len(rings):
        _write_atomically(path, lambda target: write_tiles(target, "tiles", rings, seed))
    return f"{path}|layername=tiles", len(rings)


def sample_points_from_polygons(path: Path, layer: str, where: str) -> np.ndarray:
    """Centroids of the polygons of ``layer`` matching the OGR SQL filter ``where``."""
    source = ogr.Open(str(path))
    lyr = source.GetLayerByName(layer)
    lyr.SetAttributeFilter(where)
    xy = []
    for feature in lyr:
        centroid = feature.GetGeometryRef().Centroid()
        xy.append((centroid.GetX(), centroid.GetY()))
    return np.asarray(xy)


def sao_paulo_schools(data_dir: Path) -> Optional[Path]:
    """A point layer ``schools`` (hexagon centroids that hold schools) in a copy beside the
    São Paulo network, or None when the sample is absent."""
    if not SAO_PAULO.exists():
        return None
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"sao_paulo_schools_v{FORMAT_VERSION}.gpkg"
    if "schools" not in layer_names(path):
        xy = sample_points_from_polygons(SAO_PAULO, "hexgrid", "schools > 0")
        source = ogr.Open(str(SAO_PAULO))  # held: a layer dies with its data source
        srs = source.GetLayerByName("street_network").GetSpatialRef().Clone()
        source = None
        _write_atomically(path, lambda target: write_points(target, "schools", xy, srs))
    return path


def write_one_point(path: Path) -> Path:
    """A GeoPackage with one point (layer ``point``), for timing qgis_process start-up."""
    if "point" not in layer_names(path):
        _write_atomically(path, lambda target: write_points(target, "point",
                                                            np.asarray([ORIGIN_XY])))
    return path


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="+", help="grid sizes")
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / "build" / "bench" / "data")
    arguments = parser.parse_args()
    for size in arguments.n:
        data = grid_data(size, arguments.data_dir)
        print(f"n={size}: {data.edges} edges in {data.files['network']}")
