"""The guided dialog: headless, with real project layers from the
Helsinki sample.

It opens with the project's layers in its combo boxes, offers the St Helens walking
minutes for known kinds, runs access score -> deserts -> area profile in the background
into one styled layer group (temporary layers and GeoPackages), remembers its settings
across instances, stops on Cancel, and is reached from a toolbar button and the Vector
menu. The STEP_FREE network parameter it relies on is tested here too.
"""

import gc
import re
import sys
import time
import weakref
from pathlib import Path

import processing
import pytest
from qgis.core import (
    QgsFeature,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRasterLayer,
    QgsSettings,
    QgsTask,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QDateTime, QEvent, Qt
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QMainWindow

from community_asset_gaps.algorithms import styles
from community_asset_gaps.core import definitions as d
from community_asset_gaps.ui.analysis_run import AnalysisRun, build_plan, new_run_folder
from community_asset_gaps.ui.main_dialog import SETTINGS_GROUP, AssetGapsDialog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from dialog_screenshot import configure_dialog, load_sample, save_screenshot, wait_for_run  # noqa: E402

from helpers import LogFeedback, file_digest

GROUP_PREFIX = "Community asset gaps — "
SCORE_FIELDS = {"status", "n_reached", "n_missing", "missing", "score"}
DESERT_FIELDS = {"desert_id", "area_ha", "population", "n_units", "missing", "mean_score",
                 "rank"}
PROFILE_FIELDS = {"population", "desert_pop", "desert_share", "mean_score", "priority"}
SURFACE_FIELDS = {"n_reached", "reached", "missing"}
ASSETS = {"libraries": 20.0, "gp_surgeries": 20.0, "childrens_play": 10.0,
          "food_retail": 10.0}


def clear_settings():
    QgsSettings().remove(SETTINGS_GROUP.rstrip("/"))


def our_groups(project):
    return [node for node in project.layerTreeRoot().children()
            if isinstance(node, QgsLayerTreeGroup) and node.name().startswith(GROUP_PREFIX)]


@pytest.fixture
def project_layers(helsinki_gpkg):
    """The Helsinki sample's layers in QgsProject.instance(); removed afterwards with any
    group a run added. The dialog's settings are cleared before and after."""
    clear_settings()
    project = QgsProject.instance()
    layers = load_sample(project, helsinki_gpkg)
    ids = [layer.id() for layer in layers.values()]
    yield layers
    for group in our_groups(project):
        for node in group.findLayers():
            project.removeMapLayer(node.layerId())
        project.layerTreeRoot().removeChildNode(group)
    project.removeMapLayers([layer_id for layer_id in ids if project.mapLayer(layer_id)])
    clear_settings()


@pytest.fixture
def dialog(project_layers):
    dialogs = []

    def make():
        made = AssetGapsDialog()
        dialogs.append(made)
        return made

    yield make
    for made in dialogs:
        if made.run is not None and made.run.running:
            made.run.cancel()
            wait_for_run(made.run, 60)
        made.close()
        made.deleteLater()


def combo_layers(combo):
    return [combo.layer(i).name() for i in range(combo.count()) if combo.layer(i) is not None]


def configured(dialog_factory, layers, zones=True, min_missing=2):
    dlg = dialog_factory()
    dlg.networkCombo.setLayer(layers["walk_network"])
    dlg.assetTable.setRowCount(0)
    for name in ASSETS:
        dlg.add_asset_row(layers[name])
    dlg.originsCombo.setLayer(layers["population_grid"])
    dlg.populationCombo.setField("population")
    dlg.zonesCombo.setLayer(layers["population_grid"] if zones else None)
    dlg.minMissingSpin.setValue(min_missing)
    return dlg


def qml_renderer(path: Path):
    """(renderer type, symbol layer classes) declared in a .qml."""
    text = path.read_text(encoding="utf-8")
    section = text[text.index("<renderer-v2"):text.index("</renderer-v2>")]
    kind = re.search(r'<renderer-v2 [^>]*type="(\w+)"', section).group(1)
    return kind, set(re.findall(r'<layer [^>]*class="(\w+)"', section))


def check_styled(layer, style_name):
    """The layer carries the shipped style (when it ships): its renderer type and
    symbol layers are the .qml's, with more than one class for classified styles."""
    path = styles.style_path(style_name, QgsWkbTypes.geometryType(layer.wkbType()))
    if path is None:
        return False
    kind, classes = qml_renderer(path)
    renderer = layer.renderer()
    assert renderer.type() == kind, (layer.name(), renderer.type(), kind)
    if kind == "singleSymbol":
        used = {symbol_layer.layerType() for symbol_layer in renderer.symbol().symbolLayers()}
        assert used <= classes, (layer.name(), used, classes)
    elif kind == "RuleRenderer":
        assert len(renderer.rootRule().children()) > 1
    elif kind == "categorizedSymbol":
        assert len(renderer.categories()) >= 1
    return True


# --------------------------------------------------------------------------------------
# St Helens defaults (core/definitions.py)
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, kind, minutes", [
    ("libraries", "library", 20), ("Library", "library", 20),
    ("childrens_play", "play", 10), ("Playgrounds", "play", 10), ("play_areas", "play", 10),
    ("food_retail", "retail", 10), ("Shops", "retail", 10), ("retail_centres", "retail", 10),
    ("Food banks", "food_bank", 20), ("foodbank_sites", "food_bank", 20),
    ("sports_leisure", "sports_leisure", 20), ("Leisure centres", "sports_leisure", 20),
    ("community_centres", "community", 20), ("gp_surgeries", "gp", 20),
    ("Doctors", "gp", 20), ("GP", "gp", 20),
    ("pharmacies", "pharmacy", 20), ("Chemists", "pharmacy", 20), ("parks", "play", 10),
    ("Green spaces", "play", 10), ("schools", "school", 20), ("dentists", "dentist", 20),
    ("Dental practices", "dentist", 20), ("bus_stops", None, 10), ("", None, 10),
])
def test_st_helens_defaults(name, kind, minutes):
    match = d.st_helens_kind(name)
    assert (match[0] if match else None) == kind
    assert d.reach_threshold_minutes(name) == minutes
    if match:
        assert match[1][-1] == minutes  # the reach threshold is the OUTER break


# --------------------------------------------------------------------------------------
# The dialog with real layers
# --------------------------------------------------------------------------------------

def test_dialog_opens_with_real_layers(dialog, project_layers):
    dlg = dialog()
    dlg.show()
    QTest.qWait(50)
    assert dlg.isVisible()
    assert dlg.windowTitle() == "Community Asset Gaps"
    assert combo_layers(dlg.networkCombo) == ["walk_network"]
    origins = combo_layers(dlg.originsCombo)
    assert {"population_grid", "libraries", "childrens_play", "parks"} <= set(origins)
    assert "walk_network" not in origins
    zones = combo_layers(dlg.zonesCombo)
    assert {"population_grid", "parks", "childrens_play"} <= set(zones)
    assert "libraries" not in zones and "walk_network" not in zones
    assert dlg.zonesCombo.currentLayer() is None  # zones are optional
    # nothing remembered: origins and population are guessed from the fields
    assert dlg.originsCombo.currentLayer().name() == "population_grid"
    assert dlg.populationCombo.currentField() == "population"
    assert [dlg.speedCombo.itemData(i) for i in range(dlg.speedCombo.count())] == \
        [4.8, 3.2]
    assert dlg.speedCombo.currentData() == 4.8
    assert not dlg.stepFreeCheck.isChecked()
    assert dlg.minMissingSpin.value() == 3
    assert dlg.temporaryRadio.isChecked() and not dlg.outputFolder.isEnabled()
    assert dlg.assetTable.rowCount() == 0
    assert dlg.runButton.isEnabled() and not dlg.cancelButton.isEnabled()
    dlg.zonesCombo.setLayer(project_layers["population_grid"])
    assert dlg.deprivationCombo.layer() is project_layers["population_grid"]
    assert dlg.zoneNameCombo.layer() is project_layers["population_grid"]


def test_asset_table_offers_st_helens_minutes(dialog, project_layers):
    dlg = dialog()
    libraries = dlg.add_asset_row(project_layers["libraries"])
    play = dlg.add_asset_row(project_layers["childrens_play"])
    pharmacies = dlg.add_asset_row(project_layers["pharmacies"])
    rows = [(layer.name(), minutes, weight) for layer, minutes, weight in dlg.asset_rows()]
    assert rows == [("libraries", 20.0, 1.0), ("childrens_play", 10.0, 1.0),
                    ("pharmacies", 20.0, 1.0)]
    assert (libraries, play, pharmacies) == (0, 1, 2)
    # choosing another layer in a row offers that kind's minutes
    dlg.assetTable.cellWidget(play, 0).setLayer(project_layers["gp_surgeries"])
    assert dlg.asset_rows()[1][:2] == (project_layers["gp_surgeries"], 20.0)
    dlg.assetTable.cellWidget(play, 0).setLayer(project_layers["food_retail"])
    assert dlg.asset_rows()[1][1] == 10.0
    # explicit values win
    dlg.add_asset_row(project_layers["parks"], minutes=5, weight=2)
    assert dlg.asset_rows()[-1][1:] == (5.0, 2.0)
    dlg.assetTable.selectRow(0)
    dlg.remove_selected_asset()
    assert [layer.name() for layer, _, _ in dlg.asset_rows()] == \
        ["food_retail", "pharmacies", "parks"]


def test_add_recognised_layers(dialog, project_layers):
    dlg = dialog()
    rows = dlg.add_recognised_layers()
    added = {layer.name(): minutes for layer, minutes, _ in dlg.asset_rows()}
    assert len(rows) == len(added)
    # all ten kinds of the sample are recognised
    assert added == {"libraries": 20.0, "gp_surgeries": 20.0, "community_centres": 20.0,
                     "sports_leisure": 20.0, "food_retail": 10.0, "childrens_play": 10.0,
                     "parks": 10.0, "pharmacies": 20.0, "dentists": 20.0, "schools": 20.0}
    assert dlg.add_recognised_layers() == []  # none twice
    assert dlg.assetTable.rowCount() == len(added)
    # "Add layer" picks a layer not listed yet
    dlg.assetTable.selectRow(rows[-1])
    removed = dlg.asset_rows()[-1][0].name()
    dlg.remove_selected_asset()
    dlg.add_asset_row()
    assert dlg.asset_rows()[-1][0].name() == removed


def test_problems_are_explained_not_run(dialog, project_layers):
    dlg = dialog()
    assert dlg.problems() == ["Add at least one asset layer (step 2)."]
    assert dlg.start_run() is None
    assert "asset layer" in dlg.statusLabel.text()
    dlg.add_asset_row(project_layers["libraries"])
    dlg.add_asset_row(project_layers["libraries"])
    dlg.filterExpression.setExpression('"highway" IN (')
    dlg.folderRadio.setChecked(True)
    dlg.outputFolder.setFilePath("/nonexistent/folder")
    problems = "\n".join(dlg.problems())
    assert "listed twice" in problems
    assert "not a valid expression" in problems
    assert "Kinds a desert must miss: 3, more than the kinds listed: 2." in problems
    assert "existing folder" in problems
    assert dlg.start_run() is None
    assert not our_groups(QgsProject.instance())


def test_run_adds_styled_outputs_in_one_group(dialog, project_layers):
    project = QgsProject.instance()
    dlg = configured(dialog, project_layers)
    finished = []
    dlg.runFinished.connect(lambda ok, text: finished.append((ok, text)))
    run = dlg.start_run()
    assert run is not None and run.running
    assert not dlg.runButton.isEnabled() and dlg.cancelButton.isEnabled()
    assert wait_for_run(run), "the run did not finish"
    assert run.succeeded, dlg.logView.toPlainText()
    assert finished and finished[0][0]
    assert dlg.progressBar.value() == 100
    assert dlg.runButton.isEnabled() and not dlg.cancelButton.isEnabled()
    assert "Deserts found" in dlg.statusLabel.text()
    assert "Step 3 of 3: Area profile" in dlg.logView.toPlainText()

    groups = our_groups(project)
    assert len(groups) == 1
    group = groups[0]
    assert project.layerTreeRoot().children()[0] is group  # on top
    nodes = group.findLayers()
    names = [node.layer().name() for node in nodes]
    assert names == ["Social infrastructure deserts", "Access scores", "Access surface",
                     "Area profile"]
    assert [node.isVisible() for node in nodes] == [True, True, False, False]
    layers = {node.layer().name(): node.layer() for node in nodes}
    for layer in layers.values():
        assert layer.isValid() and project.mapLayer(layer.id()) is layer
        assert layer.dataProvider().name() == "memory"  # temporary layers

    scores = layers["Access scores"]
    fields = set(scores.fields().names())
    kind_fields = {f"{kind}_{suffix}" for kind in ASSETS
                   for suffix in ("cost", "share", "ok")}
    assert SCORE_FIELDS | kind_fields | {"population"} <= fields
    assert scores.featureCount() == project_layers["population_grid"].featureCount()
    assert DESERT_FIELDS <= set(layers["Social infrastructure deserts"].fields().names())
    assert layers["Social infrastructure deserts"].featureCount() >= 1
    assert PROFILE_FIELDS | {f"{kind}_share" for kind in ASSETS} <= \
        set(layers["Area profile"].fields().names())
    assert SURFACE_FIELDS <= set(layers["Access surface"].fields().names())

    # the thresholds reached the algorithm, which said each kind's minutes
    log = dlg.logView.toPlainText()
    for kind, minutes in ASSETS.items():
        assert f"{kind} within {minutes:g} min" in log
    # the grid cells are judged by area share by default: a kind is ok when at least half
    # of a cell is within reach, and some cells lie partly within reach
    partly = 0
    for feature in scores.getFeatures():
        if feature["status"] != "ok":
            continue
        for kind in ASSETS:
            share = feature[f"{kind}_share"]
            assert 0.0 <= share <= 100.0
            assert feature[f"{kind}_ok"] == int(share >= 50.0), (kind, share)
            partly += 0.0 < share < 100.0
    assert partly > 0

    styled = [check_styled(layers["Social infrastructure deserts"], styles.DESERTS),
              check_styled(scores, styles.ACCESS_SCORES),
              check_styled(layers["Access surface"], styles.ACCESS_SURFACE),
              check_styled(layers["Area profile"], styles.AREA_PROFILE)]
    if styles.STYLES.is_dir():
        assert all(styled), styled


def test_run_to_a_folder_writes_geopackages_and_report(dialog, project_layers, tmp_path):
    dlg = configured(dialog, project_layers)
    dlg.surfaceCheck.setChecked(False)
    dlg.folderRadio.setChecked(True)
    dlg.outputFolder.setFilePath(str(tmp_path))
    run = dlg.start_run()
    assert run is not None and wait_for_run(run) and run.succeeded, \
        dlg.logView.toPlainText()
    [run_folder] = [path for path in tmp_path.iterdir() if path.is_dir()]
    assert run_folder.name.startswith("community_asset_gaps_")
    files = sorted(path.name for path in run_folder.iterdir())
    assert files == ["access_scores.gpkg", "area_profile.gpkg", "area_profile_report.html",
                     "deserts.gpkg"]
    [group] = our_groups(QgsProject.instance())
    layers = [node.layer() for node in group.findLayers()]
    assert [layer.name() for layer in layers] == \
        ["Social infrastructure deserts", "Access scores", "Area profile"]
    for layer in layers:
        assert layer.dataProvider().name() == "ogr"
        assert Path(layer.source().split("|")[0]).parent == run_folder
    assert "Report:" in dlg.logView.toPlainText()


def test_step_free_and_speed_reach_the_algorithm(dialog, project_layers):
    dlg = configured(dialog, project_layers, zones=False)
    dlg.stepFreeCheck.setChecked(True)
    dlg.speedCombo.setCurrentIndex(1)
    dlg.filterExpression.setExpression("\"highway\" <> 'service'")
    plan = build_plan(dlg.run_config())
    assert [step.algorithm_id for step in plan.steps] == ["assetgaps:accessscore",
                                                          "assetgaps:deserts"]
    parameters = plan.steps[0].parameters({})
    assert parameters["STEP_FREE"] is True
    assert parameters["WALK_SPEED"] == 3.2
    assert parameters["NETWORK_FILTER"] == "\"highway\" <> 'service'"
    assert parameters["THRESHOLDS"] == "20,20,10,10"
    assert parameters["WEIGHTS"] == "1,1,1,1"
    assert parameters["ASSETS"] == [project_layers[name].id() for name in ASSETS]
    run = dlg.start_run()
    assert wait_for_run(run) and run.succeeded, dlg.logView.toPlainText()
    log = dlg.logView.toPlainText()
    assert "highway=steps (step-free)" in log
    assert "by NETWORK_FILTER" in log


def test_ground_heights_reach_the_algorithm(dialog, project_layers, tmp_path, monkeypatch):
    """The optional "Ground heights" layer: empty by default, passed as DEM, remembered;
    the run's log says the walks knew the slope, and the raster is read on the main thread
    (the part of each step in the task manager's thread touches no layer)."""
    from qgis.PyQt.QtCore import QThread
    from slope_example import write_hill

    from community_asset_gaps.algorithms.base import AssetGapsAlgorithm

    project = QgsProject.instance()
    dem = QgsRasterLayer(write_hill(tmp_path / "hill.tif"), "hill")
    assert dem.isValid()
    project.addMapLayer(dem)
    main_thread = QThread.currentThread()
    touched = []
    run_step = AssetGapsAlgorithm.processAlgorithm

    def watched(self, parameters, context, feedback):
        if QThread.currentThread() is main_thread:
            return run_step(self, parameters, context, feedback)
        sys.setprofile(layer_touches(touched))
        try:
            return run_step(self, parameters, context, feedback)
        finally:
            sys.setprofile(None)

    monkeypatch.setattr(AssetGapsAlgorithm, "processAlgorithm", watched)
    try:
        dlg = configured(dialog, project_layers, zones=False)
        assert dlg.demCombo.currentLayer() is None
        assert "hill" in combo_layers(dlg.demCombo)
        assert "walk_network" not in combo_layers(dlg.demCombo)
        assert build_plan(dlg.run_config()).steps[0].parameters({})["DEM"] is None
        dlg.demCombo.setLayer(dem)
        parameters = build_plan(dlg.run_config()).steps[0].parameters({})
        assert parameters["DEM"] == dem.id()
        run = dlg.start_run()
        assert wait_for_run(run) and run.succeeded, dlg.logView.toPlainText()
        log = dlg.logView.toPlainText()
        assert "Ground heights: DEM \"hill\" (EPSG:3067), slope factor 1." in log
        assert "Network on the DEM: 100%" in log
        assert touched == []
        dlg.reject()
        assert dialog().demCombo.currentLayer() is dem
    finally:
        project.removeMapLayer(dem.id())


def test_step_free_without_highway_tags_is_explained(dialog, project_layers):
    source = project_layers["walk_network"]
    bare = QgsVectorLayer(f"LineString?crs={source.crs().authid()}", "bare_network",
                          "memory")
    features = []
    for feature in source.getFeatures():
        copy = QgsFeature()
        copy.setGeometry(feature.geometry())
        features.append(copy)
    bare.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(bare)
    try:
        dlg = configured(dialog, project_layers, zones=False)
        dlg.networkCombo.setLayer(bare)
        dlg.stepFreeCheck.setChecked(True)
        run = dlg.start_run()
        assert wait_for_run(run) and run.succeeded, dlg.logView.toPlainText()
        assert "has no highway field" in dlg.logView.toPlainText()
    finally:
        QgsProject.instance().removeMapLayer(bare.id())


def test_step_free_parameter(helsinki_gpkg):
    """STEP_FREE (advanced, default off) leaves out steps and elevators as well."""
    network = f"{helsinki_gpkg}|layername=walk_network"
    libraries = f"{helsinki_gpkg}|layername=libraries"
    logs = {}
    for step_free in (False, True):
        feedback = LogFeedback()
        processing.run("assetgaps:catchments", {
            "NETWORK": network, "FACILITIES": libraries, "STEP_FREE": step_free,
            "OUTPUT": "TEMPORARY_OUTPUT"}, feedback=feedback)
        logs[step_free] = "\n".join(feedback.lines)
    assert "step-free" not in logs[False]
    assert re.search(r"features left out \(highway=steps \(step-free\)\): \d+", logs[True])
    assert re.search(r"features left out \(highway=elevator \(step-free\)\): \d+", logs[True])
    from qgis.core import QgsApplication
    definition = QgsApplication.processingRegistry().algorithmById(
        "assetgaps:accessscore").parameterDefinition("STEP_FREE")
    assert definition is not None and definition.defaultValue() is False
    assert definition.flags() & definition.FlagAdvanced


def test_settings_are_remembered(dialog, project_layers, tmp_path):
    layers = project_layers
    first = dialog()
    first.networkCombo.setLayer(layers["walk_network"])
    first.filterExpression.setExpression("\"highway\" <> 'steps'")
    first.speedCombo.setCurrentIndex(1)
    first.stepFreeCheck.setChecked(True)
    first.add_asset_row(layers["libraries"], minutes=15, weight=2)
    first.add_asset_row(layers["childrens_play"])
    first.originsCombo.setLayer(layers["parks"])
    first.populationCombo.setField("")
    first.set_polygon_origins(1)
    first.maskCombo.setLayer(layers["parks"])
    first.zonesCombo.setLayer(layers["population_grid"])
    first.zoneNameCombo.setField("id")
    first.deprivationCombo.setField("population")
    first.minMissingSpin.setValue(2)
    first.surfaceCheck.setChecked(False)
    first.folderRadio.setChecked(True)
    first.outputFolder.setFilePath(str(tmp_path))
    first.reject()  # closing remembers

    second = dialog()
    assert second.networkCombo.currentLayer() is layers["walk_network"]
    assert second.filterExpression.expression() == "\"highway\" <> 'steps'"
    assert second.speedCombo.currentData() == 3.2
    assert second.stepFreeCheck.isChecked()
    assert [(layer.name(), minutes, weight) for layer, minutes, weight in
            second.asset_rows()] == [("libraries", 15.0, 2.0), ("childrens_play", 10.0, 1.0)]
    assert second.originsCombo.currentLayer() is layers["parks"]
    assert second.populationCombo.currentField() == ""
    assert second.polygon_origins() == 1
    assert second.maskCombo.currentLayer() is layers["parks"]
    assert not second.maskCombo.isEnabled()  # homes matter only when judging by area
    assert second.zonesCombo.currentLayer() is layers["population_grid"]
    assert second.zoneNameCombo.currentField() == "id"
    assert second.deprivationCombo.currentField() == "population"
    assert second.minMissingSpin.value() == 2
    assert not second.surfaceCheck.isChecked()
    assert second.folderRadio.isChecked() and second.outputFolder.isEnabled()
    assert second.outputFolder.filePath() == str(tmp_path)
    keys = QgsSettings().allKeys()
    assert any(key.startswith(SETTINGS_GROUP) for key in keys)

    # a remembered layer that left the project falls back to the defaults
    QgsProject.instance().removeMapLayer(layers["childrens_play"].id())
    third = dialog()
    assert [layer.name() for layer, _, _ in third.asset_rows()] == ["libraries"]


def test_cancel_stops_the_run(dialog, project_layers):
    project = QgsProject.instance()
    dlg = configured(dialog, project_layers)
    run = dlg.start_run()
    assert run is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.running:
        task = run.current_task
        if task is not None and task.status() == QgsTask.TaskStatus.Running:
            break
        QTest.qWait(2)
    assert run.running, "the run ended before it could be cancelled"
    started = time.monotonic()
    dlg.cancelButton.click()
    assert wait_for_run(run, 30)
    assert time.monotonic() - started < 5
    assert run.cancelled and not run.succeeded
    assert not our_groups(project)
    assert run.layers == {}
    assert "Cancelled" in dlg.statusLabel.text()
    assert "Step 3 of 3" not in dlg.logView.toPlainText()
    assert dlg.runButton.isEnabled() and not dlg.cancelButton.isEnabled()
    assert dlg.progressBar.value() == 0
    # a new run after a cancelled one works
    again = dlg.start_run()
    assert wait_for_run(again) and again.succeeded
    assert len(our_groups(project)) == 1


def test_a_new_run_releases_the_previous_one(dialog, project_layers):
    """A finished run is let go when the next starts, with its Processing context and
    temporary layers, instead of living on as the dialog's child."""
    dlg = configured(dialog, project_layers, zones=False)
    dlg.surfaceCheck.setChecked(False)
    first = dlg.start_run()
    assert wait_for_run(first) and first.succeeded, dlg.logView.toPlainText()
    released = weakref.ref(first)
    del first
    second = dlg.start_run()
    assert second is not None and second.running
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert released() is None
    assert dlg.findChildren(AnalysisRun) == [second]
    assert wait_for_run(second) and second.succeeded, dlg.logView.toPlainText()
    assert "Deserts found" in dlg.statusLabel.text()


def test_screenshot_is_not_blank(dialog, project_layers, tmp_path):
    dlg = dialog()
    configure_dialog(dlg, project_layers)
    path = save_screenshot(dlg, tmp_path / "dialog.png")
    image = QImage(str(path))
    assert image.width() >= 700 and image.height() >= 1000
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 20


# --------------------------------------------------------------------------------------
# Toolbar button and Vector menu (plugin.py)
# --------------------------------------------------------------------------------------

class FakeMessageBar:
    def __init__(self):
        self.messages = []

    def pushMessage(self, *args):
        self.messages.append(args)


class FakeIface:
    """The parts of QgisInterface the plugin uses."""

    def __init__(self):
        self.window = QMainWindow()
        self.toolbar, self.vector_menu = [], []
        self.bar = FakeMessageBar()

    def mainWindow(self):
        return self.window

    def messageBar(self):
        return self.bar

    def addToolBarIcon(self, action):
        self.toolbar.append(action)

    def removeToolBarIcon(self, action):
        self.toolbar.remove(action)

    def addPluginToVectorMenu(self, menu, action):
        self.vector_menu.append((menu, action))

    def removePluginVectorMenu(self, menu, action):
        self.vector_menu.remove((menu, action))


def test_toolbar_button_and_menu_open_the_dialog(project_layers, monkeypatch):
    from community_asset_gaps.plugin import AssetGapsPlugin

    iface = FakeIface()
    plugin = AssetGapsPlugin(iface)
    # the session already registered the provider: only pretend the check passed
    monkeypatch.setattr(plugin, "initProcessing",
                        lambda: setattr(plugin, "dependencies_ok", True))
    plugin.initGui()
    action, what_if = iface.toolbar
    assert iface.vector_menu == [("Community Asset Gaps", action),
                                 ("Community Asset Gaps", what_if)]
    assert action.text() == "Community Asset Gaps…"
    assert what_if.text() == "Community Asset Gaps: what if…"
    assert not action.icon().isNull() and not what_if.icon().isNull()
    # two buttons, two pictures
    assert action.icon().pixmap(24, 24).toImage() != what_if.icon().pixmap(24, 24).toImage()
    action.trigger()
    assert isinstance(plugin.dialog, AssetGapsDialog) and plugin.dialog.isVisible()
    first = plugin.dialog
    action.trigger()
    assert plugin.dialog is first  # one dialog, shown again
    what_if.trigger()  # the what-if dialog uses the same guided dialog's choices
    assert plugin.scenario_dialog.isVisible() and plugin.scenario_dialog.main is first
    plugin.unload()
    assert iface.toolbar == [] and iface.vector_menu == []
    assert plugin.dialog is None and plugin.action is None
    assert plugin.scenario_dialog is None and plugin.scenario_action is None


def test_menu_without_dependencies_explains(monkeypatch):
    from community_asset_gaps import plugin as plugin_module

    iface = FakeIface()
    plugin = plugin_module.AssetGapsPlugin(iface)
    monkeypatch.setattr(plugin_module, "missing_dependencies", lambda: ["networkx"])
    plugin.initGui()
    action, what_if = iface.toolbar
    action.trigger()
    what_if.trigger()
    assert plugin.dialog is None and plugin.scenario_dialog is None
    assert iface.bar.messages and "networkx" in iface.bar.messages[-1][1]
    plugin.unload()
    assert iface.toolbar == []


def test_a_run_never_reuses_a_folder(dialog, project_layers, tmp_path):
    """Folders already named for this second (and the next few) are left alone: the run
    writes into a folder of its own."""
    now = QDateTime.currentDateTime()
    taken = {}
    for seconds in range(0, 4):
        stamp = now.addSecs(seconds).toString("yyyyMMdd_HHmmss")
        folder = tmp_path / f"community_asset_gaps_{stamp}"
        folder.mkdir()
        (folder / "deserts.gpkg").write_bytes(b"an earlier run's file")
        taken[folder] = file_digest(folder / "deserts.gpkg")
    dlg = configured(dialog, project_layers, zones=False)
    dlg.surfaceCheck.setChecked(False)
    dlg.folderRadio.setChecked(True)
    dlg.outputFolder.setFilePath(str(tmp_path))
    run = dlg.start_run()
    assert run is not None and wait_for_run(run) and run.succeeded, \
        dlg.logView.toPlainText()
    for folder, digest in taken.items():
        assert sorted(p.name for p in folder.iterdir()) == ["deserts.gpkg"]
        assert file_digest(folder / "deserts.gpkg") == digest
    [new] = [path for path in tmp_path.iterdir() if path not in taken]
    assert sorted(p.name for p in new.iterdir()) == ["access_scores.gpkg", "deserts.gpkg"]


def test_new_run_folder_takes_the_next_free_name(tmp_path):
    first = new_run_folder(tmp_path, "20240101_120000")
    (first / "x.gpkg").write_bytes(b"kept")
    second = new_run_folder(tmp_path, "20240101_120000")
    assert first.name == "community_asset_gaps_20240101_120000"
    assert second.name == "community_asset_gaps_20240101_120000_2"
    assert list(second.iterdir()) == [] and (first / "x.gpkg").read_bytes() == b"kept"


def test_cancelled_folder_run_leaves_no_results(dialog, project_layers, tmp_path):
    """Cancelled in step 2, the folder mode removes the GeoPackages step 1 wrote: the
    message says nothing was added, and no finished-looking file is left."""
    dlg = configured(dialog, project_layers)
    dlg.folderRadio.setChecked(True)
    dlg.outputFolder.setFilePath(str(tmp_path))
    run = dlg.start_run()
    assert run is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.running:
        task = run.current_task
        if "scores" in run.results and task is not None and \
                task.status() == QgsTask.TaskStatus.Running:
            break
        QTest.qWait(2)
    assert run.running and "scores" in run.results, "step 2 was not reached"
    [run_folder] = [path for path in tmp_path.iterdir() if path.is_dir()]
    assert (run_folder / "access_scores.gpkg").is_file()  # step 1's result, written
    dlg.cancelButton.click()
    assert wait_for_run(run, 30) and run.cancelled
    assert "nothing was added" in dlg.statusLabel.text()
    assert [p.name for p in run_folder.iterdir()] == []


def test_layer_names_show_as_plain_text(dialog, project_layers):
    """A layer name with markup in it is shown as typed, never rendered."""
    layer = project_layers["libraries"]
    layer.setName("<b>Libraries</b> & <i>more</i>")
    dlg = configured(dialog, project_layers)
    dlg.networkCombo.setLayer(layer)  # not a line layer: a problem naming it
    dlg.start_run()
    assert dlg.statusLabel.textFormat() == Qt.TextFormat.PlainText
    from community_asset_gaps.ui.scenario_dialog import ScenarioDialog
    scenario = ScenarioDialog(dlg)
    scenario.closeCombo.setLayer(layer)
    assert "<b>Libraries</b>" in scenario.selectionLabel.text()
    assert scenario.selectionLabel.textFormat() == Qt.TextFormat.PlainText
    scenario.deleteLater()


# Calls that reach a project layer: a layer's own methods, and Processing's look-ups of a
# layer parameter (which find the layer in the project).
LAYER_LOOKUPS = {"parameterAsSource", "parameterAsVectorLayer", "parameterAsLayer",
                 "parameterAsLayerList", "parameterAsRasterLayer", "mapLayerFromString",
                 "parameterAsCompatibleSourceLayerPath"}


def layer_touches(record):
    """A profile function that adds to ``record`` every call reaching a map layer."""
    from qgis.core import QgsMapLayer

    def watch(frame, event, arg):
        if event != "c_call":
            return
        owner = getattr(arg, "__self__", None)
        name = getattr(arg, "__name__", "")
        if isinstance(owner, QgsMapLayer) or name in LAYER_LOOKUPS:
            record.append(f"{type(owner).__name__}.{name}")
    return watch


def test_layer_touches_are_seen():
    """Control: the watch sees a layer's method and a layer look-up."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsVectorLayer

    record = []
    layer = QgsVectorLayer("LineString?crs=EPSG:3067", "lines", "memory")
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("assetgaps:catchments")
    sys.setprofile(layer_touches(record))
    try:
        layer.featureCount()
        algorithm.parameterAsSource({"NETWORK": layer}, "NETWORK", QgsProcessingContext())
    finally:
        sys.setprofile(None)
    assert record == ["QgsVectorLayer.featureCount", "CatchmentsAlgorithm.parameterAsSource"]


def test_background_steps_touch_no_layer_off_the_main_thread(dialog, project_layers,
                                                             monkeypatch):
    """Every step of the dialog's run reads its layers in prepareAlgorithm, on the main
    thread; the part that runs in the task manager's thread touches no project layer."""
    from qgis.PyQt.QtCore import QThread

    from community_asset_gaps.algorithms.base import AssetGapsAlgorithm

    main_thread = QThread.currentThread()
    touched, steps_off_main = [], []
    run_step = AssetGapsAlgorithm.processAlgorithm

    def watched(self, parameters, context, feedback):
        if QThread.currentThread() is main_thread:
            return run_step(self, parameters, context, feedback)
        steps_off_main.append(self.name())
        sys.setprofile(layer_touches(touched))
        try:
            return run_step(self, parameters, context, feedback)
        finally:
            sys.setprofile(None)

    monkeypatch.setattr(AssetGapsAlgorithm, "processAlgorithm", watched)
    dlg = configured(dialog, project_layers)
    run = dlg.start_run()
    assert run is not None and wait_for_run(run) and run.succeeded, dlg.logView.toPlainText()
    assert steps_off_main == ["accessscore", "deserts", "areaprofile"]
    assert touched == []


def test_areas_are_judged_by_area_share_unless_asked(dialog, project_layers):
    """Polygon origins are judged by area share by default, with an optional layer of
    homes; both reach the access score's parameters, and both are off for points."""
    from community_asset_gaps.ui.analysis_run import build_plan

    dlg = configured(dialog, project_layers)
    assert dlg.polygonCombo.isEnabled() and dlg.maskCombo.isEnabled()
    assert dlg.polygon_origins() == 0
    parameters = build_plan(dlg.run_config()).steps[0].parameters({})
    assert parameters["POLYGON_ORIGINS"] == 0 and parameters["RESIDENTIAL_MASK"] is None
    dlg.maskCombo.setLayer(project_layers["parks"])
    parameters = build_plan(dlg.run_config()).steps[0].parameters({})
    assert parameters["RESIDENTIAL_MASK"] == project_layers["parks"].id()
    dlg.set_polygon_origins(1)
    assert not dlg.maskCombo.isEnabled()
    parameters = build_plan(dlg.run_config()).steps[0].parameters({})
    assert parameters["POLYGON_ORIGINS"] == 1 and parameters["RESIDENTIAL_MASK"] is None
    dlg.originsCombo.setLayer(project_layers["libraries"])  # points
    assert not dlg.polygonCombo.isEnabled() and not dlg.maskCombo.isEnabled()
