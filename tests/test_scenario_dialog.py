"""The what-if dialog: headless, with the Helsinki sample.

Closing the selected libraries from the dialog gives the same libraries row as
assetgaps:scenario run directly over the same features, touches no other kind (REMOVE is
evaluated on every asset layer, so the selection's expression names its layer), and the
origins and summary land styled in one layer group; new sites of a chosen kind gain
people; the dialog says what is missing before a run. "Where should the next one go?"
(libraries at 10 minutes, pharmacies as candidates) picks what assetgaps:bestsites picks
run directly, lands in a group and says each pick in plain words.
"""

import processing
import pytest
from dialog_screenshot import wait_for_run
from qgis.core import QgsLayerTreeGroup, QgsProject
from test_dialog import ASSETS, configured, project_layers  # noqa: F401

from community_asset_gaps.algorithms import styles
from community_asset_gaps.ui.main_dialog import COLUMN_LAYER, COLUMN_MINUTES, AssetGapsDialog
from community_asset_gaps.ui.scenario_dialog import (
    BEST_SITES_KEY,
    ORIGINS_KEY,
    SUMMARY_KEY,
    ScenarioDialog,
    pick_sentence,
    remove_expression,
    summary_sentence,
)

GROUP_PREFIX = "Community asset gaps — what if… "


@pytest.fixture
def what_if(project_layers):  # noqa: F811
    made = []

    def make():
        main = configured(AssetGapsDialog, project_layers, zones=False, min_missing=2)
        dialog = ScenarioDialog(main)
        made.append((main, dialog))
        return dialog

    yield make
    project = QgsProject.instance()
    for node in list(project.layerTreeRoot().children()):
        if isinstance(node, QgsLayerTreeGroup) and node.name().startswith(GROUP_PREFIX):
            for layer_node in node.findLayers():
                project.removeMapLayer(layer_node.layerId())
            project.layerTreeRoot().removeChildNode(node)
    for main, dialog in made:
        if dialog.run is not None and dialog.run.running:
            dialog.run.cancel()
            wait_for_run(dialog.run, 60)
        for widget in (dialog, main):
            widget.close()
            widget.deleteLater()


def summary_rows(layer):
    return {row["kind"]: (row["pop_before"], row["pop_after"], row["pop_change"])
            for row in layer.getFeatures()}


def test_closing_selected_libraries_matches_the_algorithm(what_if, project_layers):  # noqa: F811
    dialog = what_if()
    libraries = project_layers["libraries"]
    libraries.selectAll()
    dialog.closeCombo.setLayer(libraries)
    assert dialog.selectionLabel.text() == \
        f"Selected features of \"libraries\" that close: {libraries.featureCount()}."
    run = dialog.start_run()
    assert run is not None and wait_for_run(run, 300) and run.succeeded, \
        dialog.logView.toPlainText()
    summary = summary_rows(run.layers[SUMMARY_KEY])

    layers = project_layers
    expected = processing.run("assetgaps:scenario", {
        "NETWORK": layers["walk_network"], "ORIGINS": layers["population_grid"],
        "POPULATION_FIELD": "population", "ASSETS": [layers[name] for name in ASSETS],
        "THRESHOLDS": ",".join(f"{minutes:g}" for minutes in ASSETS.values()),
        "MIN_MISSING": 2, "REMOVE": f"$id IN ({', '.join(map(str, libraries.allFeatureIds()))})"
        " AND @layer_id = '" + libraries.id() + "'",
        "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT"})
    independent = summary_rows(expected["OUTPUT_SUMMARY"])
    assert summary["libraries"] == pytest.approx(independent["libraries"])
    before, after, change = summary["libraries"]
    assert after == 0 and change == -before < 0  # every library closed: all reach is lost
    for kind in ("gp_surgeries", "childrens_play", "food_retail"):
        assert summary[kind][2] == 0  # only the libraries' layer closes anything

    # one group holding the styled origins and the summary table
    group = run.group
    assert group.name().startswith(GROUP_PREFIX)
    assert {node.layerId() for node in group.findLayers()} == \
        {run.layers[ORIGINS_KEY].id(), run.layers[SUMMARY_KEY].id()}
    assert run.layers[ORIGINS_KEY].renderer().type() == "categorizedSymbol"
    assert styles.SCENARIO == "scenario"
    log = dialog.logView.toPlainText()
    assert f"Libraries: {before:,.0f} people lose walking access" in log
    assert "GP surgeries: no change" in log


def test_new_sites_gain_people(what_if, project_layers, tmp_path):  # noqa: F811
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    dialog = what_if()
    grid = project_layers["population_grid"]
    sites = QgsVectorLayer(f"Point?crs={grid.crs().authid()}", "new_libraries", "memory")
    extent = grid.extent()
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromPointXY(extent.center()))
    sites.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(sites)
    try:
        dialog.sitesCombo.setLayer(sites)
        dialog.refresh()
        dialog.kindCombo.setCurrentIndex(dialog.kindCombo.findText("libraries"))
        run = dialog.start_run()
        assert run is not None and wait_for_run(run, 300) and run.succeeded, \
            dialog.logView.toPlainText()
        summary = summary_rows(run.layers[SUMMARY_KEY])
        assert summary["libraries"][2] >= 0
        assert all(summary[kind][2] == 0 for kind in summary if kind != "libraries")
    finally:
        QgsProject.instance().removeMapLayer(sites.id())


def test_problems_before_a_run(what_if, project_layers):  # noqa: F811
    dialog = what_if()
    assert dialog.start_run() is None
    assert "Choose what closes" in dialog.statusLabel.text()
    project_layers["libraries"].removeSelection()
    dialog.closeCombo.setLayer(project_layers["libraries"])
    assert any("Select the features" in problem for problem in dialog.problems())
    dialog.closeCombo.setLayer(project_layers["population_grid"])
    assert any("not one of the asset layers" in problem for problem in dialog.problems())


def test_expression_and_sentences():
    class Layer:
        def id(self):
            return "lib's_1"

    assert remove_expression(Layer(), [3, 1]) == "@layer_id = 'lib''s_1' AND $id IN (1, 3)"
    assert remove_expression(Layer(), []) == ""
    assert summary_sentence("libraries", 20000, 7655, True) == \
        "Libraries: 12,345 people lose walking access (20,000 → 7,655)."
    assert summary_sentence("gp_surgeries", 10, 12, True).startswith(
        "GP surgeries: 2 people gain walking access")
    assert summary_sentence("food_retail", 5, 5, False) == \
        "Food retail: no change (5 places within reach)."


def set_minutes(main, layer, minutes):
    for row in range(main.assetTable.rowCount()):
        if main.assetTable.cellWidget(row, COLUMN_LAYER).currentLayer() is layer:
            main.assetTable.cellWidget(row, COLUMN_MINUTES).setValue(minutes)
            return
    raise LookupError(layer.name())


def test_best_sites_match_the_algorithm(what_if, project_layers):  # noqa: F811
    dialog = what_if()
    layers = project_layers
    set_minutes(dialog.main, layers["libraries"], 10)
    dialog.refresh()
    dialog.bestKindCombo.setCurrentIndex(dialog.bestKindCombo.findText("libraries"))
    dialog.candidatesCombo.setLayer(layers["pharmacies"])
    assert dialog.nSitesSpin.value() == 5
    run = dialog.start_best_sites()
    assert run is not None and wait_for_run(run, 300) and run.succeeded, \
        dialog.logView.toPlainText()

    expected = processing.run("assetgaps:bestsites", {
        "NETWORK": layers["walk_network"], "ORIGINS": layers["population_grid"],
        "POPULATION_FIELD": "population", "ASSETS": layers["libraries"],
        "CANDIDATES": layers["pharmacies"], "THRESHOLD": 10, "N_SITES": 5,
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    independent = sorted((row["rank"], row["pop_gain"]) for row in expected.getFeatures())
    ours = sorted((row["rank"], row["pop_gain"])
                  for row in run.layers[BEST_SITES_KEY].getFeatures())
    assert independent and independent[0][1] > 0
    assert [rank for rank, _ in ours] == [rank for rank, _ in independent]
    assert [gain for _, gain in ours] == pytest.approx([gain for _, gain in independent])
    assert [(rank, round(gain, 6)) for rank, _, gain, _ in dialog.picks] == \
        [(rank, round(gain, 6)) for rank, gain in ours]
    # the dialog names each pick by its feature id among the pharmacies
    by_fid = {feature.id(): feature.geometry() for feature in layers["pharmacies"].getFeatures()}
    by_rank = {row["rank"]: row.geometry() for row in expected.getFeatures()}
    for rank, fid, _, _ in dialog.picks:
        assert by_fid[fid].distance(by_rank[rank]) < 1e-6

    group = run.group
    assert group.name().startswith(GROUP_PREFIX)
    assert [node.layerId() for node in group.findLayers()] == [run.layers[BEST_SITES_KEY].id()]
    assert run.layers[BEST_SITES_KEY].labelsEnabled()  # styled: labelled by rank
    log = dialog.logView.toPlainText()
    rank, fid, gain, total = dialog.picks[0]
    # named by the candidate's name field, with its feature id
    name = layers["pharmacies"].getFeature(fid)["name"]
    assert f"1. {name} (feature {fid}): {gain:,.0f} more people within 10 minutes' walk " \
        f"({total:,.0f} in all)" in log


def test_best_sites_problems(what_if):
    dialog = what_if()
    assert dialog.start_best_sites() is None
    assert "Choose the layer of candidate sites." in dialog.statusLabel.text()


def test_pick_sentence():
    assert pick_sentence(1, 7, 2427, 2427, 20, True) == \
        "1. feature 7: 2,427 more people within 20 minutes' walk (2,427 in all)"
    assert pick_sentence(1, 7, 2427, 2427, 20, True, "Apteekki") == \
        "1. Apteekki (feature 7): 2,427 more people within 20 minutes' walk (2,427 in all)"
    assert pick_sentence(2, 3, 5, 12.0, 7.5, False) == \
        "2. feature 3: 5 more places within 7.5 minutes' walk (12 in all)"


def test_the_dialog_opens_wide_with_one_action_per_section(what_if, tmp_path):
    """The widget as it opens: wide enough to read, one button per section (the what-if
    under its two sections, the best sites in theirs), the bottom row only closes or
    cancels, and the best sites show the minutes they will use."""
    from dialog_screenshot import save_screenshot
    from qgis.PyQt.QtWidgets import QDialogButtonBox, QPushButton

    dialog = what_if()
    dialog.show()
    assert dialog.width() >= 540 and dialog.minimumWidth() >= 540
    buttons = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
    assert "Show who gains and who loses" in buttons and "Find the best sites" in buttons
    assert "Run" not in buttons
    assert [b.text() for b in dialog.buttonBox.buttons()
            if dialog.buttonBox.buttonRole(b) != QDialogButtonBox.ButtonRole.RejectRole] == \
        ["Cancel"]
    assert dialog.scenarioButton.parent() is not dialog.bestBox
    assert dialog.bestButton.parent() is dialog.bestBox
    # the minutes shown are the kind's minutes in the guided dialog, and are the ones used
    dialog.bestKindCombo.setCurrentIndex(dialog.bestKindCombo.findText("libraries"))
    assert dialog.bestMinutesLabel.text() == "Within reach (minutes' walk)"
    assert dialog.bestMinutesSpin.value() == 20.0
    dialog.bestKindCombo.setCurrentIndex(dialog.bestKindCombo.findText("childrens_play"))
    assert dialog.bestMinutesSpin.value() == 10.0
    dialog.bestMinutesSpin.setValue(7.5)
    assert dialog.best_sites_choice()[1] == 7.5
    picture = save_screenshot(dialog, tmp_path / "what_if.png", size=(dialog.width(), 820))
    assert picture.stat().st_size > 5000


def test_no_candidate_adding_anyone_is_said_plainly(what_if, project_layers):  # noqa: F811
    """Libraries at 20 minutes reach everyone the sample's pharmacies could: the dialog
    says so in plain words instead of an empty layer."""
    dialog = what_if()
    dialog.refresh()
    dialog.bestKindCombo.setCurrentIndex(dialog.bestKindCombo.findText("libraries"))
    assert dialog.bestMinutesSpin.value() == 20.0
    dialog.candidatesCombo.setLayer(project_layers["pharmacies"])
    dialog.nSitesSpin.setValue(2)
    run = dialog.start_best_sites()
    assert run is not None and wait_for_run(run, 300) and run.succeeded
    assert dialog.picks == []
    count = project_layers["pharmacies"].featureCount()
    text = f"None of the {count} sites of \"pharmacies\" brings anyone new within 20 " \
        "minutes' walk of Libraries"
    assert text in dialog.logView.toPlainText()
    assert text in dialog.statusLabel.text()


def test_ground_heights_reach_the_what_if_steps(what_if, project_layers, tmp_path):  # noqa: F811
    """The main dialog's "Ground heights" layer is passed as DEM to the scenario and the
    best sites, as every walking parameter is."""
    from qgis.core import QgsRasterLayer
    from slope_example import write_hill

    dem = QgsRasterLayer(write_hill(tmp_path / "hill.tif"), "hill")
    QgsProject.instance().addMapLayer(dem)
    try:
        dialog = what_if()
        assert dialog.plan().steps[0].parameters({})["DEM"] is None
        dialog.main.demCombo.setLayer(dem)
        dialog.refresh()
        assert dialog.plan().steps[0].parameters({})["DEM"] == dem.id()
        dialog.bestKindCombo.setCurrentIndex(dialog.bestKindCombo.findText("libraries"))
        dialog.candidatesCombo.setLayer(project_layers["pharmacies"])
        assert dialog.best_sites_plan().steps[0].parameters({})["DEM"] == dem.id()
    finally:
        QgsProject.instance().removeMapLayer(dem.id())
