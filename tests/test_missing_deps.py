"""A missing Python dependency must not break QGIS start-up (plugin.py).

Each case runs a fresh Python in a subprocess, where a ``sys.meta_path`` finder makes
the hidden modules unimportable, then loads the plugin the way QGIS and qgis_process do
(``classFactory(iface).initProcessing()`` / ``initGui()``) and reports what happened.
"""

import json
import os
import subprocess  # nosec B404 - test code only, never shipped
import sys
import textwrap

import numpy as np
import pytest

from headless import BUILD_PLUGINS, PLUGIN_NAME, REPO_ROOT

SYSTEM_PYTHON = "/usr/bin/python3"
TOOLS = REPO_ROOT / "tools"
SAMPLE = REPO_ROOT / "resources" / "data" / "helsinki_centre.gpkg"

# How both children start: QGIS is imported, then the modules named in argv[1] are made
# unimportable and argv[2] is put first on sys.path.
HIDE_MODULES = textwrap.dedent("""
    import json, sys

    HIDDEN = set(sys.argv[1].split(",")) - {""}

    class HideModules:
        '''Make the HIDDEN modules look uninstalled.'''
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in HIDDEN:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    # QGIS first: newer releases import shapely (and so numpy) in qgis.core itself, and
    # a module QGIS needs to start cannot be missing where the plugin runs.
    from qgis.core import QgsApplication
    preloaded = sorted(name for name in HIDDEN if name in sys.modules)
    sys.meta_path.insert(0, HideModules())
    sys.path.insert(0, sys.argv[2])
""")

CHILD = HIDE_MODULES + textwrap.dedent("""

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    logged = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda message, tag, level: logged.append([message, tag, int(level)]))

    class MessageBar:
        def __init__(self):
            self.messages = []
        def pushMessage(self, title, text, level, duration):
            self.messages.append([title, text, int(level)])

    class Iface:
        def __init__(self):
            self.bar = MessageBar()
            self.actions = []
        def messageBar(self):
            return self.bar
        def mainWindow(self):
            return None
        def addToolBarIcon(self, action):
            self.actions.append(action)
        def removeToolBarIcon(self, action):
            self.actions.remove(action)
        def addPluginToVectorMenu(self, name, action):
            pass
        def removePluginVectorMenu(self, name, action):
            pass

    from __PLUGIN__ import classFactory
    result = {"error": None, "preloaded": preloaded}
    iface = Iface() if sys.argv[3] == "gui" else None
    try:
        plugin = classFactory(iface)
        plugin.initProcessing()
        if iface is not None:
            plugin.initGui()
        result["registered"] = QgsApplication.processingRegistry().providerById(
            "assetgaps") is not None
        plugin.unload()
    except Exception as error:  # report anything at all to the test
        result["error"] = f"{type(error).__name__}: {error}"
    app.processEvents()
    result["logged"] = logged
    result["bar"] = iface.bar.messages if iface is not None else []
    result["engine_imported"] = sorted(
        m for m in sys.modules if m.startswith("__PLUGIN__.core")
        or m.startswith("__PLUGIN__.algorithms"))
    print("RESULT " + json.dumps(result))
""").replace("__PLUGIN__", PLUGIN_NAME)


def run_plugin(hidden, mode="headless", platform=None):
    """Load the plugin in a fresh Python with ``hidden`` modules; return its report."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(  # nosec B603 - fixed interpreter, test code only
        [SYSTEM_PYTHON, "-c", CHILD, ",".join(hidden), str(BUILD_PLUGINS), mode],
        env=env, capture_output=True, text=True, timeout=300, check=False)
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    assert completed.returncode == 0 and lines, completed.stdout + completed.stderr
    return json.loads(lines[-1][len("RESULT "):])


@pytest.mark.parametrize("hidden", [["networkx"], ["shapely", "pyproj"], ["numpy"]])
def test_missing_module_headless(hidden):
    """qgis_process path: no exception, no provider, the log names what is missing."""
    result = run_plugin(hidden)
    if result["preloaded"]:
        pytest.skip(f"this QGIS imports {', '.join(result['preloaded'])} itself at start-up")
    assert result["error"] is None
    assert result["registered"] is False
    assert result["engine_imported"] == []
    ours = [message for message, tag, _ in result["logged"] if tag == "Community Asset Gaps"]
    assert len(ours) == 1, result["logged"]
    for name in hidden:
        assert name in ours[0]
    assert "pip install" in ours[0] or "apt install" in ours[0]


def test_missing_module_gui_message_bar():
    """With a QGIS window: the message bar says it too, once, with the install command."""
    result = run_plugin(["networkx"], mode="gui")
    assert result["error"] is None
    assert result["registered"] is False
    assert len(result["bar"]) == 1
    title, text, _ = result["bar"][0]
    assert title == "Community Asset Gaps"
    assert "networkx" in text
    if sys.platform.startswith("linux"):
        assert "apt install python3-networkx" in text


def test_all_present_registers_provider():
    """Control: with nothing hidden the provider is registered and nothing is logged."""
    result = run_plugin([])
    assert result["error"] is None
    assert result["registered"] is True
    assert not [m for m, tag, _ in result["logged"] if tag == "Community Asset Gaps"]


# Runs the algorithms on the bundled sample with HIDDEN modules (argv: hidden, tools
# folder, sample) and reports their figures and whether any hidden module was imported.
CHILD_RUN = HIDE_MODULES + textwrap.dedent("""
    from headless import register_provider, start_qgis

    app = start_qgis()
    provider = register_provider()
    import processing

    sample = sys.argv[3]
    def layer(name):
        return f"{sample}|layername={name}"
    catchments = processing.run("assetgaps:catchments", {
        "NETWORK": layer("walk_network"), "FACILITIES": layer("childrens_play"),
        "THRESHOLDS": "5,10", "OUTPUT": "memory:"})["OUTPUT"]
    scored = processing.run("assetgaps:accessscore", {
        "NETWORK": layer("walk_network"), "ORIGINS": layer("population_grid"),
        "POPULATION_FIELD": "population",
        "ASSETS": [layer("libraries"), layer("parks")], "THRESHOLDS": "10,5",
        "OUTPUT": "memory:"})["OUTPUT"]
    def number(value):  # NULL (unreached) as None
        return value if isinstance(value, (int, float)) else None
    result = {
        "preloaded": preloaded,
        "imported": sorted(name for name in HIDDEN if name in sys.modules),
        "areas": [f.geometry().area() for f in catchments.getFeatures()],
        "scores": [number(f["score"]) for f in scored.getFeatures()],
        "costs": [number(f["libraries_cost"]) for f in scored.getFeatures()],
    }
    print("RESULT " + json.dumps(result))
""")


def run_algorithms(hidden):
    """Run two algorithms in a fresh Python with ``hidden`` modules; return figures."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(  # nosec B603 - fixed interpreter, test code only
        [SYSTEM_PYTHON, "-c", CHILD_RUN, ",".join(hidden), str(TOOLS), str(SAMPLE)],
        env=env, capture_output=True, text=True, timeout=600, check=False)
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    assert completed.returncode == 0 and lines, completed.stdout + completed.stderr
    return json.loads(lines[-1][len("RESULT "):])


def test_without_scipy_the_algorithms_give_the_same_results():
    """scipy is optional: hidden, the catchments (faces followed in numpy) and the access
    scores (the search is numpy's anyway) come out as with it."""
    without = run_algorithms(["scipy"])
    if without["preloaded"]:
        pytest.skip("this QGIS imports scipy itself at start-up")
    assert without["imported"] == []
    with_scipy = run_algorithms([])
    assert len(without["areas"]) == 2 and min(without["areas"]) > 1e5
    np.testing.assert_allclose(without["areas"], with_scipy["areas"], rtol=1e-9)
    assert len(without["scores"]) > 20 and len(set(without["scores"])) > 2
    assert without["scores"] == with_scipy["scores"]
    assert without["costs"] == with_scipy["costs"]


def test_install_hints_per_platform():
    """Each platform gets its own instructions."""
    from community_asset_gaps.plugin import install_hint

    windows = install_hint(["networkx"], "win32")
    assert "OSGeo4W Shell" in windows and "python -m pip install networkx" in windows
    assert "qpip" in windows and "requirements.txt" in windows
    mac = install_hint(["networkx"], "darwin")
    assert "-m pip install networkx" in mac
    linux = install_hint(["networkx", "shapely", "pyproj"], "linux")
    assert "apt install python3-networkx python3-shapely python3-pyproj" in linux
