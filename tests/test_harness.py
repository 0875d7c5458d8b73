"""Smoke tests of the test harness itself: QGIS, Processing and qgis_process.bin."""

import pytest
from qgis.core import Qgis, QgsApplication, QgsVectorLayer


def test_qgis_is_up(qgis_app):
    assert qgis_app is QgsApplication.instance()
    assert Qgis.QGIS_VERSION_INT >= 32200


def test_native_algorithms_registered():
    registry = QgsApplication.processingRegistry()
    assert registry.algorithmById("native:buffer") is not None
    assert registry.algorithmById("native:serviceareafromlayer") is not None


def test_processing_runs_in_process(helsinki_gpkg, tmp_path):
    import processing

    out = tmp_path / "buffer.gpkg"
    result = processing.run(
        "native:buffer",
        {
            "INPUT": f"{helsinki_gpkg}|layername=libraries",
            "DISTANCE": 10,
            "OUTPUT": f"ogr:dbname='{out}' table=\"buffered\" (geom)",
        },
    )
    layer = QgsVectorLayer(result["OUTPUT"], "buffered", "ogr")
    assert layer.isValid()
    assert layer.featureCount() == 5


def test_plugin_link_points_at_repo_root(repo_root):
    link = repo_root / "build" / "plugins" / "community_asset_gaps"
    assert link.is_symlink()
    assert link.resolve() == repo_root


def test_bundled_sample_data(helsinki_gpkg):
    network = QgsVectorLayer(f"{helsinki_gpkg}|layername=walk_network", "net", "ogr")
    assert network.isValid()
    assert network.featureCount() == 2504
    assert network.crs().authid() == "EPSG:3067"


def test_plugin_provider_registered_when_present(repo_root):
    if not (repo_root / "algorithms" / "provider.py").exists():
        pytest.skip("algorithms/provider.py does not exist yet")
    assert QgsApplication.processingRegistry().providerById("assetgaps") is not None


def test_qgis_process_version(qgis_process):
    result = qgis_process("--version", json_output=False)
    assert result.returncode == 0, result.stderr
    assert "QGIS 3." in result.stdout


def test_qgis_process_runs_native_with_json(qgis_process, helsinki_gpkg, empty_project, tmp_path):
    out = tmp_path / "areas.gpkg"
    result = qgis_process(
        "run",
        "native:serviceareafromlayer",
        f"--INPUT={helsinki_gpkg}|layername=walk_network",
        f"--START_POINTS={helsinki_gpkg}|layername=libraries",
        "--STRATEGY=0",
        "--TRAVEL_COST2=200",
        f"--OUTPUT_LINES={out}",
        project_path=empty_project,
    )
    assert result.returncode == 0, result.stderr
    assert result.json is not None, result.stdout
    assert result.json["results"]["OUTPUT_LINES"].startswith(str(out))
    assert out.exists()


def test_tmp_copy_is_byte_identical(helsinki_gpkg, tmp_copy):
    copy = tmp_copy(helsinki_gpkg)
    assert copy != helsinki_gpkg
    assert copy.read_bytes() == helsinki_gpkg.read_bytes()


def test_qgis_process_loads_plugin_provider(qgis_process, repo_root):
    if not (repo_root / "algorithms" / "provider.py").exists():
        pytest.skip("algorithms/provider.py does not exist yet")
    result = qgis_process("list")
    assert result.returncode == 0, result.stderr
    assert result.json is not None, result.stdout
    assert "assetgaps" in result.json["providers"], result.stderr
