"""The guided dialog: the whole St Helens-style analysis without the Processing toolbox.

Pick the network, the asset layers (with walking minutes and weights), where people live,
optional zones, the desert rule and where results go; Run chains access score, deserts and
area profile in the background (ui/analysis_run.py) and the results arrive as styled
layers in one layer-tree group. The last settings are remembered with QgsSettings.
"""

import json
from pathlib import Path
from typing import List, Optional

from qgis.core import QgsFieldProxyModel, QgsProject, QgsRasterLayer, QgsSettings, QgsVectorLayer
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QDateTime, pyqtSignal, pyqtSlot
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QHeaderView, QPushButton

from ..algorithms.layers import layer_label, tr
from ..algorithms.qgis_compat import (
    GEOMETRY_POINT,
    GEOMETRY_POLYGON,
    LAYER_FILTER_LINE,
    LAYER_FILTER_POINT,
    LAYER_FILTER_POLYGON,
    LAYER_FILTER_RASTER,
    layer_filters,
)
from ..core import definitions as d
from .analysis_run import (
    ERROR,
    WARNING,
    AnalysisRun,
    AssetChoice,
    RunConfig,
    RunHost,
    build_plan,
    new_run_folder,
)

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).resolve().with_name("main_dialog.ui")))

SETTINGS_GROUP = "community_asset_gaps/dialog/"
# Columns of the asset table.
COLUMN_LAYER, COLUMN_MINUTES, COLUMN_WEIGHT = 0, 1, 2
MAX_MINUTES = 240.0
MAX_WEIGHT = 100.0
# Words in a field name that suggest it holds numbers of people.
POPULATION_WORDS = ("population", "pop", "people", "residents", "persons")


def default_minutes(layer) -> float:
    """The walking minutes offered for an asset layer: the outer St Helens break of the kind
    its name (or its source's layer name) refers to, else 10 minutes."""
    if layer is None:
        return d.UNKNOWN_KIND_THRESHOLD_MIN
    for name in (layer.name(), layer_label(layer)):
        if d.st_helens_kind(name):
            return d.reach_threshold_minutes(name)
    return d.UNKNOWN_KIND_THRESHOLD_MIN


def layer_reference(layer) -> str:
    """A layer remembered in the settings: id, source and name, as JSON ('' for none)."""
    if layer is None:
        return ""
    return json.dumps({"id": layer.id(), "source": layer.source(), "name": layer.name()})


def find_layer(project: QgsProject, reference: str):
    """The project layer a remembered reference points to: by id, else by source, else by
    name; None when it is not in the project."""
    if not reference:
        return None
    try:
        wanted = json.loads(reference)
    except ValueError:
        return None
    if not isinstance(wanted, dict):
        return None
    layer = project.mapLayer(str(wanted.get("id", "")))
    if layer is not None:
        return layer
    for candidate in project.mapLayers().values():
        if candidate.source() == wanted.get("source"):
            return candidate
    matches = project.mapLayersByName(str(wanted.get("name", "")))
    return matches[0] if matches else None


def is_asset_layer(layer) -> bool:
    """A vector layer of points or polygons (what the asset table accepts)."""
    return isinstance(layer, QgsVectorLayer) and layer.isSpatial() and \
        layer.geometryType() in (GEOMETRY_POINT, GEOMETRY_POLYGON)


class AssetGapsDialog(RunHost, QDialog, FORM_CLASS):
    """The guided dialog. ``start_run()`` starts the analysis; ``runFinished(success,
    message)`` is emitted when it ends."""

    runFinished = pyqtSignal(bool, str)

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.iface = iface
        self.project = QgsProject.instance()
        self.run: Optional[AnalysisRun] = None
        self._set_up_widgets()
        self._connect_signals()
        self.restore_settings()
        self._set_running(False)

    # --- set-up -----------------------------------------------------------------------

    def _set_up_widgets(self) -> None:
        self.networkCombo.setFilters(LAYER_FILTER_LINE)
        self.filterExpression.setLayer(self.networkCombo.currentLayer())
        self.speedCombo.addItem(tr("4.8 km/h: average adult"), d.DEFAULT_WALK_SPEED_KMH)
        self.speedCombo.addItem(tr("3.2 km/h: slower walker"), d.SLOW_WALK_SPEED_KMH)
        self.demCombo.setFilters(LAYER_FILTER_RASTER)
        self.demCombo.setAllowEmptyLayer(True)
        self.demCombo.setLayer(None)
        self.originsCombo.setFilters(layer_filters(LAYER_FILTER_POINT, LAYER_FILTER_POLYGON))
        self.populationCombo.setFilters(QgsFieldProxyModel.Filter.Numeric)
        self.populationCombo.setAllowEmptyFieldName(True)
        self.populationCombo.setLayer(self.originsCombo.currentLayer())
        self.polygonCombo.addItem(tr("By the share of their area within reach"),
                                  d.POLYGON_BY_AREA)
        self.polygonCombo.addItem(tr("At one point inside them"), d.POLYGON_AT_POINT)
        self.maskCombo.setFilters(LAYER_FILTER_POLYGON)
        self.maskCombo.setAllowEmptyLayer(True)
        self.maskCombo.setLayer(None)
        self.zonesCombo.setFilters(LAYER_FILTER_POLYGON)
        self.zonesCombo.setAllowEmptyLayer(True)
        self.zonesCombo.setLayer(None)
        for combo in (self.zoneNameCombo, self.deprivationCombo):
            combo.setAllowEmptyFieldName(True)
            combo.setLayer(None)
        self.minMissingSpin.setValue(d.DEFAULT_MIN_MISSING)
        self.outputFolder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.outputFolder.setDialogTitle(tr("Folder for the results"))
        header = self.assetTable.horizontalHeader()
        header.setSectionResizeMode(COLUMN_LAYER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_MINUTES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_WEIGHT, QHeaderView.ResizeMode.ResizeToContents)
        self.runButton: QPushButton = self.buttonBox.addButton(
            tr("Run"), QDialogButtonBox.ButtonRole.ActionRole)
        self.runButton.setToolTip(tr("Run the analysis in the background."))
        self.cancelButton: QPushButton = self.buttonBox.addButton(
            tr("Cancel"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancelButton.setToolTip(tr("Stop the analysis that is running."))
        self.closeButton = self.buttonBox.button(QDialogButtonBox.StandardButton.Close)

    def _connect_signals(self) -> None:
        self.networkCombo.layerChanged.connect(self.filterExpression.setLayer)
        self.originsCombo.layerChanged.connect(self._origins_changed)
        self.zonesCombo.layerChanged.connect(self._zones_changed)
        self.polygonCombo.currentIndexChanged.connect(self._update_area_choices)
        self.folderRadio.toggled.connect(self.outputFolder.setEnabled)
        self.addAssetButton.clicked.connect(self._add_row_clicked)
        self.addKnownButton.clicked.connect(self.add_recognised_layers)
        self.removeAssetButton.clicked.connect(self.remove_selected_asset)
        self.runButton.clicked.connect(self.start_run)
        self.cancelButton.clicked.connect(self.cancel_run)
        self.buttonBox.rejected.connect(self.reject)

    @pyqtSlot("QgsMapLayer*")
    def _origins_changed(self, layer) -> None:
        self.populationCombo.setLayer(layer)
        if not self.populationCombo.currentField():
            self.populationCombo.setField(self._guess_population_field(layer))
        self._update_area_choices()

    @pyqtSlot()
    def _update_area_choices(self) -> None:
        """How areas are judged, and the homes within them, matter only for polygons;
        the homes only when areas are judged by area share."""
        layer = self.originsCombo.currentLayer()
        polygons = isinstance(layer, QgsVectorLayer) and \
            layer.geometryType() == GEOMETRY_POLYGON
        self.polygonCombo.setEnabled(polygons)
        self.maskCombo.setEnabled(polygons and self.polygon_origins() == d.POLYGON_BY_AREA)

    def polygon_origins(self) -> int:
        """The chosen judgement of polygon origins (POLYGON_BY_AREA or POLYGON_AT_POINT)."""
        value = self.polygonCombo.currentData()
        return int(value) if value is not None else d.POLYGON_BY_AREA

    def set_polygon_origins(self, value: int) -> None:
        index = self.polygonCombo.findData(int(value))
        self.polygonCombo.setCurrentIndex(index if index >= 0 else 0)
        self._update_area_choices()

    @pyqtSlot("QgsMapLayer*")
    def _zones_changed(self, layer) -> None:
        self.zoneNameCombo.setLayer(layer)
        self.deprivationCombo.setLayer(layer)

    @staticmethod
    def _guess_population_field(layer) -> str:
        """A numeric field whose name says it counts people, or ''."""
        if not isinstance(layer, QgsVectorLayer):
            return ""
        for field in layer.fields():
            name = field.name().lower()
            if field.isNumeric() and any(word in name for word in POPULATION_WORDS):
                return field.name()
        return ""

    # --- the asset table --------------------------------------------------------------

    def add_asset_row(self, layer=None, minutes: Optional[float] = None,
                      weight: float = d.DEFAULT_KIND_WEIGHT) -> int:
        """Add a row for ``layer`` (or the next layer not yet listed) with the St Helens
        walking minutes of its kind unless ``minutes`` is given; returns the row."""
        chosen = layer if layer is not None else self._next_unlisted_layer()
        row = self.assetTable.rowCount()
        self.assetTable.insertRow(row)
        combo = QgsMapLayerComboBox(self.assetTable)
        combo.setFilters(layer_filters(LAYER_FILTER_POINT, LAYER_FILTER_POLYGON))
        combo.setToolTip(tr("One layer per kind of asset; the kind is named after the "
                            "layer."))
        combo.setLayer(chosen)
        minutes_spin = QDoubleSpinBox(self.assetTable)
        minutes_spin.setDecimals(1)
        minutes_spin.setRange(0.5, MAX_MINUTES)
        minutes_spin.setSuffix(tr(" min"))
        minutes_spin.setToolTip(tr("People within this many minutes' walk can reach this "
                                   "kind."))
        minutes_spin.setValue(minutes if minutes is not None
                              else default_minutes(combo.currentLayer()))
        weight_spin = QDoubleSpinBox(self.assetTable)
        weight_spin.setDecimals(1)
        weight_spin.setRange(0.0, MAX_WEIGHT)
        weight_spin.setSingleStep(0.5)
        weight_spin.setValue(weight)
        weight_spin.setToolTip(tr("How much this kind counts in the score (1 = as much as "
                                  "the others)."))
        combo.layerChanged.connect(
            lambda new_layer, spin=minutes_spin: spin.setValue(default_minutes(new_layer)))
        self.assetTable.setCellWidget(row, COLUMN_LAYER, combo)
        self.assetTable.setCellWidget(row, COLUMN_MINUTES, minutes_spin)
        self.assetTable.setCellWidget(row, COLUMN_WEIGHT, weight_spin)
        self.assetTable.selectRow(row)
        return row

    @pyqtSlot()
    def _add_row_clicked(self) -> None:
        self.add_asset_row()

    def _next_unlisted_layer(self):
        listed = {layer.id() for layer, _, _ in self.asset_rows()}
        origins = self.originsCombo.currentLayer()
        for layer in self._project_layers():
            if is_asset_layer(layer) and layer.id() not in listed and layer is not origins:
                return layer
        return None

    def _project_layers(self) -> list:
        """The project's layers in layer-tree order."""
        return [node.layer() for node in self.project.layerTreeRoot().findLayers()
                if node.layer() is not None]

    @pyqtSlot()
    def add_recognised_layers(self) -> List[int]:
        """Add every point or polygon layer whose name is a St Helens kind and which is not
        listed yet; returns the rows added."""
        listed = {layer.id() for layer, _, _ in self.asset_rows()}
        rows = []
        for layer in self._project_layers():
            if not is_asset_layer(layer) or layer.id() in listed:
                continue
            if d.st_helens_kind(layer.name()) or d.st_helens_kind(layer_label(layer)):
                rows.append(self.add_asset_row(layer))
                listed.add(layer.id())
        if not rows:
            self._show_status(tr("No layer of the project has the name of a kind the St "
                                 "Helens study used."), WARNING)
        return rows

    @pyqtSlot()
    def remove_selected_asset(self) -> None:
        row = self.assetTable.currentRow()
        if row < 0:
            row = self.assetTable.rowCount() - 1
        if row >= 0:
            self.assetTable.removeRow(row)

    def asset_rows(self) -> list:
        """(layer, minutes, weight) of every row that has a layer."""
        rows = []
        for row in range(self.assetTable.rowCount()):
            combo = self.assetTable.cellWidget(row, COLUMN_LAYER)
            layer = combo.currentLayer() if combo is not None else None
            if layer is not None:
                rows.append((layer,
                             self.assetTable.cellWidget(row, COLUMN_MINUTES).value(),
                             self.assetTable.cellWidget(row, COLUMN_WEIGHT).value()))
        return rows

    # --- settings ---------------------------------------------------------------------

    def save_settings(self) -> None:
        """Remember the dialog's choices under community_asset_gaps/dialog/."""
        settings = QgsSettings()
        values = {
            "network": layer_reference(self.networkCombo.currentLayer()),
            "network_filter": self.filterExpression.expression(),
            "walk_speed": float(self.speedCombo.currentData()),
            "step_free": self.stepFreeCheck.isChecked(),
            "dem": layer_reference(self.demCombo.currentLayer()),
            "assets": json.dumps([{"layer": json.loads(layer_reference(layer)),
                                   "minutes": minutes, "weight": weight}
                                  for layer, minutes, weight in self.asset_rows()]),
            "origins": layer_reference(self.originsCombo.currentLayer()),
            "population_field": self.populationCombo.currentField(),
            "polygon_origins": self.polygon_origins(),
            "residential_mask": layer_reference(self.maskCombo.currentLayer()),
            "zones": layer_reference(self.zonesCombo.currentLayer()),
            "zone_name_field": self.zoneNameCombo.currentField(),
            "deprivation_field": self.deprivationCombo.currentField(),
            "min_missing": self.minMissingSpin.value(),
            "surface": self.surfaceCheck.isChecked(),
            "output_mode": "folder" if self.folderRadio.isChecked() else "temporary",
            "output_folder": self.outputFolder.filePath(),
        }
        for key, value in values.items():
            settings.setValue(SETTINGS_GROUP + key, value)

    def restore_settings(self) -> None:
        """Restore the remembered choices; layers that are no longer in the project are
        left to the defaults."""
        settings = QgsSettings()

        def text(key: str) -> str:
            return str(settings.value(SETTINGS_GROUP + key, "", type=str) or "")

        network = find_layer(self.project, text("network"))
        if network is not None:
            self.networkCombo.setLayer(network)
        self.filterExpression.setExpression(text("network_filter"))
        self.set_walk_speed(settings.value(SETTINGS_GROUP + "walk_speed",
                                           d.DEFAULT_WALK_SPEED_KMH, type=float))
        self.stepFreeCheck.setChecked(settings.value(SETTINGS_GROUP + "step_free", False,
                                                     type=bool))
        dem = find_layer(self.project, text("dem"))
        self.demCombo.setLayer(dem if isinstance(dem, QgsRasterLayer) else None)
        origins = find_layer(self.project, text("origins")) or self._guess_origins()
        if origins is not None:
            self.originsCombo.setLayer(origins)
        self.populationCombo.setLayer(self.originsCombo.currentLayer())
        population = text("population_field") if text("origins") else \
            self._guess_population_field(self.originsCombo.currentLayer())
        self.populationCombo.setField(population)
        self.set_polygon_origins(settings.value(SETTINGS_GROUP + "polygon_origins",
                                                d.POLYGON_BY_AREA, type=int))
        self.maskCombo.setLayer(find_layer(self.project, text("residential_mask")))
        zones = find_layer(self.project, text("zones"))
        self.zonesCombo.setLayer(zones)
        self._zones_changed(zones)
        self.zoneNameCombo.setField(text("zone_name_field"))
        self.deprivationCombo.setField(text("deprivation_field"))
        self.minMissingSpin.setValue(settings.value(SETTINGS_GROUP + "min_missing",
                                                    d.DEFAULT_MIN_MISSING, type=int))
        self.surfaceCheck.setChecked(settings.value(SETTINGS_GROUP + "surface", True,
                                                    type=bool))
        folder_mode = text("output_mode") == "folder"
        self.folderRadio.setChecked(folder_mode)
        self.temporaryRadio.setChecked(not folder_mode)
        self.outputFolder.setEnabled(folder_mode)
        self.outputFolder.setFilePath(text("output_folder"))
        self.assetTable.setRowCount(0)
        try:
            assets = json.loads(text("assets") or "[]")
        except ValueError:
            assets = []
        for item in assets if isinstance(assets, list) else []:
            layer = find_layer(self.project, json.dumps(item.get("layer", {})))
            if layer is not None and is_asset_layer(layer):
                self.add_asset_row(layer, float(item.get("minutes", default_minutes(layer))),
                                   float(item.get("weight", d.DEFAULT_KIND_WEIGHT)))

    def _guess_origins(self):
        """A point or polygon layer with a population field, when nothing is remembered."""
        for layer in self._project_layers():
            if is_asset_layer(layer) and self._guess_population_field(layer):
                return layer
        return None

    def set_walk_speed(self, speed: float) -> None:
        """Select the walking speed, adding it as a choice when it is neither 4.8 nor 3.2."""
        index = next((i for i in range(self.speedCombo.count())
                      if abs(float(self.speedCombo.itemData(i)) - speed) < 1e-9), -1)
        if index < 0:
            self.speedCombo.addItem(tr("{speed:g} km/h").format(speed=speed), float(speed))
            index = self.speedCombo.count() - 1
        self.speedCombo.setCurrentIndex(index)

    # --- running ----------------------------------------------------------------------

    def problems(self, check_output: bool = True) -> List[str]:
        """What must be fixed before a run, in plain words (empty when it can run); the
        output folder is not checked with ``check_output`` False (the what-if dialog
        writes temporary layers)."""
        found = []
        if self.networkCombo.currentLayer() is None:
            found.append(tr("Choose the street and path network (step 1)."))
        expression = self.filterExpression.expression().strip()
        if expression and not self.filterExpression.isValidExpression():
            found.append(tr("The network filter is not a valid expression (step 1)."))
        rows = self.asset_rows()
        if not rows:
            found.append(tr("Add at least one asset layer (step 2)."))
        seen = set()
        for layer, _, _ in rows:
            if layer.id() in seen:
                found.append(tr("The layer \"{name}\" is listed twice (step 2).")
                             .format(name=layer.name()))
            seen.add(layer.id())
        if rows and self.minMissingSpin.value() > len(rows):
            found.append(tr("Kinds a desert must miss: {count}, more than the kinds listed: "
                            "{kinds}. Lower the number (step 5) or add asset layers.")
                         .format(count=self.minMissingSpin.value(), kinds=len(rows)))
        if self.originsCombo.currentLayer() is None:
            found.append(tr("Choose where people live (step 3)."))
        if check_output and self.folderRadio.isChecked():
            folder = self.outputFolder.filePath()
            if not folder or not Path(folder).is_dir():
                found.append(tr("Choose an existing folder for the results, or temporary "
                                "layers (step 6)."))
        return found

    def run_config(self, output_folder: str = "") -> RunConfig:
        """The dialog's choices as a RunConfig (layers as project layer ids)."""
        zones = self.zonesCombo.currentLayer()
        return RunConfig(
            network_id=self.networkCombo.currentLayer().id(),
            origins_id=self.originsCombo.currentLayer().id(),
            assets=[AssetChoice(layer.id(), minutes, weight)
                    for layer, minutes, weight in self.asset_rows()],
            network_filter=self.filterExpression.expression().strip(),
            walk_speed=float(self.speedCombo.currentData()),
            step_free=self.stepFreeCheck.isChecked(),
            dem_id=self.demCombo.currentLayer().id() if self.demCombo.currentLayer() is not None
            else "",
            population_field=self.populationCombo.currentField(),
            polygon_origins=self.polygon_origins(),
            residential_mask_id=self.maskCombo.currentLayer().id()
            if self.maskCombo.currentLayer() is not None and self.maskCombo.isEnabled() else "",
            zones_id=zones.id() if zones is not None else "",
            zone_name_field=self.zoneNameCombo.currentField() if zones is not None else "",
            deprivation_field=self.deprivationCombo.currentField() if zones is not None
            else "",
            min_missing=self.minMissingSpin.value(),
            surface=self.surfaceCheck.isChecked(),
            output_folder=output_folder)

    @pyqtSlot()
    def start_run(self) -> Optional[AnalysisRun]:
        """Check the choices, remember them and start the analysis in the background;
        returns the run, or None when something must be fixed first (shown in the
        dialog) or a run is already going."""
        if self.run is not None and self.run.running:
            return None
        found = self.problems()
        if found:
            self._show_status("\n".join(found), ERROR)
            return None
        self.save_settings()
        now = QDateTime.currentDateTime()
        output_folder = ""
        if self.folderRadio.isChecked():
            output_folder = str(new_run_folder(Path(self.outputFolder.filePath()),
                                               now.toString("yyyyMMdd_HHmmss")))
        group_name = tr("Community asset gaps — {time}").format(
            time=now.toString("yyyy-MM-dd HH:mm:ss"))
        self.logView.clear()
        self.progressBar.setValue(0)
        network = self.networkCombo.currentLayer()
        if self.stepFreeCheck.isChecked() and network.fields().lookupField("highway") < 0:
            self._log(tr("Step-free routes need OpenStreetMap highway tags to tell steps and "
                         "lifts apart; the network \"{name}\" has no highway field, so "
                         "nothing is left out for being stepped.").format(name=network.name()),
                      WARNING)
        run = AnalysisRun(build_plan(self.run_config(output_folder)), self.project,
                          group_name, self)
        run.stepStarted.connect(self._step_started)
        return self.launch(run)

    def _set_running(self, running: bool) -> None:
        self.runButton.setEnabled(not running)
        self.cancelButton.setEnabled(running)
        self.scrollArea.setEnabled(not running)

    @pyqtSlot(str)
    def _step_started(self, title: str) -> None:
        self._show_status(tr("Running: {step}…").format(step=title))

    @pyqtSlot(bool, str)
    def _run_finished(self, ok: bool, text: str) -> None:
        self._set_running(False)
        if not ok:
            self.progressBar.setValue(0)
        self._announce_end(ok, text)

    def done(self, result: int) -> None:
        """Closing remembers the choices; a run in progress carries on."""
        self.save_settings()
        super().done(result)
