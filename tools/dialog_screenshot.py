"""Screenshot of the guided dialog for the docs (developer tool, not shipped).

    QT_QPA_PLATFORM=offscreen python3 tools/dialog_screenshot.py [docs/images/dialog.png]

Loads the Helsinki sample into the project, fills the dialog as a user would (recognised
asset layers with their St Helens minutes, the population grid as origins and zones),
runs the analysis so the progress bar and log show a finished run, and saves
``widget.grab()`` of the dialog; then the "What if…" dialog over it, as it opens
(what_if.png beside it). The tests call :func:`configure_dialog` and
:func:`save_screenshot` too.
"""

import gc
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "resources" / "data" / "helsinki_centre.gpkg"
SAMPLE_LAYERS = ("walk_network", "libraries", "gp_surgeries", "community_centres",
                 "food_retail", "childrens_play", "sports_leisure", "parks", "pharmacies",
                 "dentists", "schools", "population_grid")
# Big enough to show every step of the dialog without scrolling (at the offscreen DPI).
SCREENSHOT_SIZE = (760, 1640)


def load_sample(project, gpkg=SAMPLE, names=SAMPLE_LAYERS) -> dict:
    """Add the sample's layers to ``project``; returns {name: layer}."""
    from qgis.core import QgsVectorLayer

    layers = {}
    for name in names:
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"{gpkg}: layer {name} is missing")
        project.addMapLayer(layer)
        layers[name] = layer
    return layers


def configure_dialog(dialog, layers: dict) -> None:
    """Fill the dialog as a user would for the Helsinki sample."""
    dialog.networkCombo.setLayer(layers["walk_network"])
    dialog.assetTable.setRowCount(0)
    dialog.add_recognised_layers()
    dialog.originsCombo.setLayer(layers["population_grid"])
    dialog.populationCombo.setField("population")
    dialog.zonesCombo.setLayer(layers["population_grid"])
    dialog.zoneNameCombo.setField("id")
    dialog.minMissingSpin.setValue(3)
    dialog.temporaryRadio.setChecked(True)


def wait_for_run(run, timeout_s: float = 300.0) -> bool:
    """Process events until ``run`` has ended; False on timeout."""
    from qgis.PyQt.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    while run.running and time.monotonic() < deadline:
        QTest.qWait(20)
    return not run.running


def save_screenshot(dialog, path, size=SCREENSHOT_SIZE) -> Path:
    """Show ``dialog`` at ``size`` and save what it draws as a PNG."""
    from qgis.PyQt.QtTest import QTest

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dialog.resize(*size)
    dialog.show()
    QTest.qWait(200)
    if not dialog.grab().save(str(path)):
        raise RuntimeError(f"could not save {path}")
    return path


def save_what_if(main_dialog, layers: dict, path) -> Path:
    """The "What if…" dialog as it opens over the filled guided dialog, with one library
    selected to close and the pharmacies as candidate sites for a new library."""
    from community_asset_gaps.ui.scenario_dialog import ScenarioDialog

    dialog = ScenarioDialog(main_dialog, parent=main_dialog)  # Qt deletes it with its parent
    libraries = layers["libraries"]
    libraries.selectByIds([next(libraries.getFeatures()).id()])
    dialog.closeCombo.setLayer(libraries)
    dialog.refresh()
    dialog.bestKindCombo.setCurrentIndex(dialog.bestKindCombo.findText("libraries"))
    dialog.candidatesCombo.setLayer(layers["pharmacies"])
    dialog.show()
    return save_screenshot(dialog, path, size=(dialog.width(), dialog.height()))


def main(argv) -> int:
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    from headless import register_provider, start_qgis

    app = start_qgis()  # noqa: F841 - keeps the application alive
    provider = register_provider()  # noqa: F841 - QGIS holds no Python reference
    from qgis.core import QgsProject, QgsSettings

    from community_asset_gaps.ui.main_dialog import SETTINGS_GROUP, AssetGapsDialog

    QgsSettings().remove(SETTINGS_GROUP.rstrip("/"))
    layers = load_sample(QgsProject.instance())
    dialog = AssetGapsDialog()
    configure_dialog(dialog, layers)
    run = dialog.start_run()
    if run is None or not wait_for_run(run) or not run.succeeded:
        print(dialog.statusLabel.text(), file=sys.stderr)
        return 1
    target = Path(argv[1]) if len(argv) > 1 else REPO_ROOT / "docs" / "images" / "dialog.png"
    print(save_screenshot(dialog, target))
    print(save_what_if(dialog, layers, target.with_name("what_if.png")))
    QgsSettings().remove(SETTINGS_GROUP.rstrip("/"))
    # release the run, the dialogs and the layers while QGIS still runs: one destroyed
    # after QGIS exits crashes it
    dialog.close()
    del run, dialog, layers
    QgsProject.instance().removeAllMapLayers()
    gc.collect()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
