"""`make demo` in reduced form (--quick: catchments for two kinds, everything else whole).

tools/demo.py runs in its own Python (it starts its own QgsApplication); this test then
opens what it wrote: the GeoPackage layers, the project, the map and the report.
"""

import os
import re
import subprocess  # nosec B404 - test code only, never shipped

import pytest
from qgis.core import QgsProject, QgsVectorLayer

from headless import REPO_ROOT

SYSTEM_PYTHON = "/usr/bin/python3"
DEMO_NAME = "community_asset_gaps_demo"
EXPECTED_TABLES = ["catchments_childrens_play", "catchments_libraries", "score", "surface",
                   "deserts", "profile"]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """Run the demo once into a temporary folder: (folder, completed process)."""
    out = tmp_path_factory.mktemp("demo")
    completed = subprocess.run(  # nosec B603 - fixed interpreter and script, test code only
        [SYSTEM_PYTHON, str(REPO_ROOT / "tools" / "demo.py"), "--quick",
         "--output-dir", str(out)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
        timeout=300, check=False)
    if completed.returncode != 0:
        pytest.fail(f"demo failed ({completed.returncode}):\n{completed.stdout}\n"
                    f"{completed.stderr}")
    return out, completed


def test_demo_prints_summary_and_paths(demo_run):
    out, completed = demo_run
    text = completed.stdout
    assert "Share of people within reach" in text
    assert "Deserts (cells missing at least 3 kinds)" in text
    assert "Priority zones (illustrative zones" in text
    # the cells beyond the sample's streets are left out and counted; the cells are
    # judged by area share, and what one point per cell would have made of them is said
    assert "18 of 92 cells (5,093 of 71,724 people) lie mostly within the sample's streets" \
        in text
    assert "the other 74 (66,631 people) are left out" in text
    assert "St Helens reach threshold" in text
    assert "Deserts (cells missing at least 3 kinds): none." in text
    assert ("Judged at one point per cell, as before area shares, 51 people would live in "
            "a desert of 1 cell, though 61% of it lies within reach of all 10 kinds: that "
            "point joins a short footway cut off from the rest of the network") in text
    assert "within the span of the sample's streets" in text
    for suffix in (".gpkg", ".qgz", "_map.png", "_report.html"):
        assert f"{DEMO_NAME}{suffix}" in text
    assert str(out) in text
    assert "../shared" not in text


def test_demo_geopackage_layers(demo_run):
    out, _ = demo_run
    gpkg = out / f"{DEMO_NAME}.gpkg"
    for table in EXPECTED_TABLES:
        layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
        assert layer.isValid(), table
        # the studied cells of central Helsinki hold no desert
        assert (layer.featureCount() == 0) == (table == "deserts"), table
    score = QgsVectorLayer(f"{gpkg}|layername=score", "score", "ogr")
    names = score.fields().names()
    # every kind of the sample is scored, even in --quick mode
    for kind in ("childrens_play", "food_retail", "libraries", "schools", "dentists"):
        assert f"{kind}_ok" in names and f"{kind}_share" in names
    # judged by area share: some cells lie partly within reach
    assert any(0 < f["libraries_share"] < 100 for f in score.getFeatures())
    surface = QgsVectorLayer(f"{gpkg}|layername=surface", "surface", "ogr")
    assert sum(f["population"] for f in surface.getFeatures()) == pytest.approx(5093, abs=1)
    profile = QgsVectorLayer(f"{gpkg}|layername=profile", "profile", "ogr")
    assert profile.featureCount() == 6
    assert all("illustrative" in f["zone_name"] for f in profile.getFeatures())
    catchments = QgsVectorLayer(f"{gpkg}|layername=catchments_libraries", "c", "ogr")
    assert sorted({f["threshold"] for f in catchments.getFeatures()}) == [10.0, 20.0]
    play = QgsVectorLayer(f"{gpkg}|layername=catchments_childrens_play", "c", "ogr")
    assert sorted({f["threshold"] for f in play.getFeatures()}) == [5.0, 10.0]


@pytest.mark.parametrize("name", ["map", "catchments"])
def test_demo_map_png(demo_run, name):
    out, _ = demo_run
    png = out / f"{DEMO_NAME}_{name}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000


def test_demo_project_loads_with_layers(demo_run):
    out, _ = demo_run
    project = QgsProject()
    assert project.read(str(out / f"{DEMO_NAME}.qgz")), project.error()
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    for table in EXPECTED_TABLES:
        assert table in layers, sorted(layers)
        assert layers[table].isValid(), table
        assert layers[table].renderer() is not None
    # the finding first: deserts on top, over the score; the illustrative zones last and
    # hidden, never covering the results
    order = [node.name() for node in project.layerTreeRoot().children()]
    assert order[:2] == ["deserts", "score"], order
    assert order[-1] == "profile", order
    assert not project.layerTreeRoot().findLayer(layers["profile"].id()).isVisible()
    assert project.layerTreeRoot().findLayer(layers["deserts"].id()).isVisible()
    project.clear()


def test_demo_says_which_kinds_fall_short_where_and_what_a_closure_costs(demo_run):
    _, completed = demo_run
    text = completed.stdout
    short = text.split("Where kinds fall short")[1].split("\n\n")[0]
    assert re.search(r"childrens_play\s+[\d,]+ people, most ", short), short
    assert "If one asset closed (each tried in turn, the others kept open):" in text
    lost = re.search(r"if (.+) \(play area\) closed, ([\d,]+) people would lose walking "
                     r"access to one within 10 minutes", text)
    assert lost and int(lost.group(2).replace(",", "")) > 0, text
    assert "no single library matters alone" in text


def test_demo_report_has_attribution(demo_run):
    out, _ = demo_run
    report = (out / f"{DEMO_NAME}_report.html").read_text(encoding="utf-8")
    assert "OpenStreetMap contributors" in report
    assert "HSY" in report and "CC BY 4.0" in report
    assert "ILLUSTRATIVE ONLY" in report


def test_demo_never_uses_shared_data():
    source = (REPO_ROOT / "tools" / "demo.py").read_text(encoding="utf-8")
    assert "shared" not in source
