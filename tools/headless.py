"""Headless QGIS for the tests, the demo and the benchmarks (developer tool, not shipped).

The repository root is the plugin folder and the plugin uses relative imports, so it is
imported as ``community_asset_gaps`` through the symlink
``build/plugins/community_asset_gaps -> ../..``, which is also the QGIS_PLUGINPATH of
the qgis_process runs.
"""

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PLUGIN_NAME = "community_asset_gaps"
BUILD_PLUGINS = REPO_ROOT / "build" / "plugins"
PLUGIN_LINK = BUILD_PLUGINS / PLUGIN_NAME
QGIS_PYTHON_PLUGINS = "/usr/share/qgis/python/plugins"


def make_plugin_importable() -> None:
    """Create the symlink if needed and put build/plugins and QGIS's plugins on sys.path."""
    BUILD_PLUGINS.mkdir(parents=True, exist_ok=True)
    if PLUGIN_LINK.is_symlink() and PLUGIN_LINK.resolve() != REPO_ROOT:
        PLUGIN_LINK.unlink()
    if not PLUGIN_LINK.is_symlink():
        if PLUGIN_LINK.exists():
            raise RuntimeError(f"{PLUGIN_LINK} exists and is not a symlink: run `make clean`")
        PLUGIN_LINK.symlink_to(Path("..") / "..", target_is_directory=True)
    if str(BUILD_PLUGINS) not in sys.path:
        sys.path.insert(0, str(BUILD_PLUGINS))
    if QGIS_PYTHON_PLUGINS not in sys.path:
        sys.path.append(QGIS_PYTHON_PLUGINS)


def enum(scoped: str, old: str):
    """A QGIS enum under its new scoped name, else its QGIS 3.22 name ('Class.Member')."""
    from qgis import core

    for name in (scoped, old):
        owner, _, member = name.rpartition(".")
        value = core
        for part in owner.split("."):
            value = getattr(value, part, None)
        if value is not None and hasattr(value, member):
            return getattr(value, member)
    raise AttributeError(f"neither {scoped} nor {old}")


def start_qgis():
    """Start an offscreen QgsApplication with Processing and the native algorithms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    make_plugin_importable()
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:
        from qgis.analysis import QgsNativeAlgorithms

        registry.addProvider(QgsNativeAlgorithms())
    return app


def register_provider():
    """Register the plugin's provider; keep the returned object alive while it is used
    (QGIS holds no Python reference to it)."""
    from qgis.core import QgsApplication

    from community_asset_gaps.algorithms.provider import AssetGapsProvider

    provider = AssetGapsProvider()
    if not QgsApplication.processingRegistry().addProvider(provider):
        raise RuntimeError("QGIS refused to register the plugin's Processing provider")
    return provider
