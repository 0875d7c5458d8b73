"""Run the Community Asset Gaps demo on the bundled Helsinki sample data.

Usage (from the repository root; ``make demo`` does exactly this)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/demo.py [--output-dir demo_output]

It starts a headless QGIS with Processing, registers the plugin's Processing
provider, runs ``assetgaps:catchments`` (5 and 10 minutes' walk around the
libraries of central Helsinki, merged per threshold) and writes both outputs
into one GeoPackage, ``demo_output/community_asset_gaps_demo.gpkg``:
``catchments_libraries`` (polygons) and ``catchment_lines_libraries`` (the
reachable streets). Open that file in QGIS to look at the result.
"""

import argparse
import sys
from pathlib import Path

from headless import register_provider, start_qgis

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_GPKG = REPO_ROOT / "resources" / "data" / "helsinki_centre.gpkg"
DEMO_GPKG_NAME = "community_asset_gaps_demo.gpkg"
POLYGON_TABLE = "catchments_libraries"
LINES_TABLE = "catchment_lines_libraries"


class DemoError(Exception):
    """A problem that ends the demo with a message instead of a traceback."""


def parse_args(argv):
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--output-dir",
        default=str(REPO_ROOT / "demo_output"),
        help="folder for %s (default: demo_output/ in the repository)" % DEMO_GPKG_NAME,
    )
    return parser.parse_args(argv)


def gpkg_table_destination(gpkg, table):
    """Output string that makes Processing (QGIS 3.22) write `table` into `gpkg`.

    A plain path writes a layer named after the file; ``ogr:dbname=... table=...``
    writes (or overwrites) a named table and keeps the file's other tables.
    """
    return f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"


def make_feedback():
    """A processing feedback object that prints the algorithm's log lines."""
    from qgis.core import QgsProcessingFeedback

    class PrintingFeedback(QgsProcessingFeedback):
        """Echo pushInfo / reportError messages to the terminal."""

        def pushInfo(self, info):  # noqa: N802 - Qt API name
            print(f"  {info}")

        def reportError(self, error, fatalError=False):  # noqa: N802, N803 - Qt API names
            print(f"  ERROR: {error}", file=sys.stderr)

    return PrintingFeedback()


def run_catchments(gpkg_out):
    """Run assetgaps:catchments on the sample data; return Processing's results dict."""
    import processing
    from qgis.core import QgsProcessingException

    sample = str(SAMPLE_GPKG)
    params = {
        "NETWORK": f"{sample}|layername=walk_network",
        "FACILITIES": f"{sample}|layername=libraries",
        "THRESHOLDS": "5,10",
        "OVERLAP": 1,
        "COST_TYPE": 0,
        "OUTPUT": gpkg_table_destination(gpkg_out, POLYGON_TABLE),
        "OUTPUT_LINES": gpkg_table_destination(gpkg_out, LINES_TABLE),
    }
    print("Running assetgaps:catchments: libraries, 5 and 10 minutes' walk, merged per threshold")
    try:
        return processing.run("assetgaps:catchments", params, feedback=make_feedback())
    except QgsProcessingException as error:
        raise DemoError(f"assetgaps:catchments failed: {error}") from error


def load_layer(uri, name):
    """Open an output layer written by Processing; raise DemoError if it is not valid."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(uri, name, "ogr")
    if not layer.isValid():
        raise DemoError(f"cannot open the output layer {name} ({uri})")
    return layer


def area_by_threshold(layer):
    """Sum the ``area_m2`` field per ``threshold`` value; return {threshold: hectares}."""
    totals = {}
    for feature in layer.getFeatures():
        threshold = feature["threshold"]
        area = feature["area_m2"] or 0.0
        totals[threshold] = totals.get(threshold, 0.0) + area / 10000.0
    return dict(sorted(totals.items()))


def print_summary(gpkg_out, results):
    """Print where the output is and a short summary of both layers."""
    polygons = load_layer(results["OUTPUT"], POLYGON_TABLE)
    print()
    print(f"Output GeoPackage: {gpkg_out}")
    print(f"  {POLYGON_TABLE}: {polygons.featureCount()} polygons")
    lines_uri = results.get("OUTPUT_LINES")
    if lines_uri:
        lines = load_layer(lines_uri, LINES_TABLE)
        print(f"  {LINES_TABLE}: {lines.featureCount()} reachable network lines")
    print("Catchment area per threshold (minutes' walk):")
    for threshold, hectares in area_by_threshold(polygons).items():
        print(f"  {threshold:g} min: {hectares:,.1f} ha")
    print("Open the GeoPackage in QGIS to see the catchments.")


def main(argv=None):
    """Run the demo; return the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args.output_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    gpkg_out = out_dir / DEMO_GPKG_NAME
    if gpkg_out.exists():
        gpkg_out.unlink()

    try:
        app = start_qgis()
        try:
            # Keep this reference while the algorithm runs: if the Python
            # provider object is garbage-collected, its algorithms vanish.
            provider = register_provider()
            print(f"Processing provider: {provider.name()} ({provider.id()})")
            results = run_catchments(gpkg_out)
            print_summary(gpkg_out, results)
        finally:
            app.exitQgis()
    except (DemoError, ImportError, RuntimeError) as error:
        print(f"Demo failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
