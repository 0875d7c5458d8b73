"""The "What if…" dialog: what do we lose if we close these assets, what do we gain if we
build there?

It reuses the guided dialog's choices (network, walking speed, asset layers with their
minutes and weights, where people live, the desert rule) and adds the change: the
selected features of one asset layer close and/or the points of a layer of new sites open
as one kind. Run starts ``assetgaps:scenario`` in the background (ui/analysis_run.py);
its origins (styled) and summary table arrive in one layer group and the summary is
written in the dialog's log in plain words.

"Where should the next one go?" ranks the points of a candidate layer for one kind (one
of the asset layers, which becomes ASSETS, its minutes THRESHOLD) with
``assetgaps:bestsites``, the same way: in the background, styled into a layer group, and
each pick in the log in plain words.

REMOVE is evaluated on every asset layer, so the selection becomes an expression only
that layer can satisfy: ``@layer_id = '<id>' AND $id IN (…)``.
"""

from typing import List, Optional

from qgis.core import (QgsCoordinateTransform, QgsFeatureRequest, QgsProject,
                       QgsVectorLayer)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import QDateTime, Qt, pyqtSignal, pyqtSlot
from qgis.PyQt.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                                 QGroupBox, QLabel, QPlainTextEdit, QProgressBar,
                                 QPushButton, QSpinBox, QVBoxLayout)

from ..algorithms.areaprofile import readable_kind
from ..algorithms.layers import layer_label, tr
from ..algorithms.qgis_compat import LAYER_FILTER_POINT, LAYER_FILTER_POLYGON, layer_filters
from ..algorithms.styles import BEST_SITES, SCENARIO
from ..core import definitions as d
from ..core.access import sanitise_kind_names
from .analysis_run import (ERROR, INFO, TEMPORARY_OUTPUT, WARNING, AnalysisRun, Output, Plan,
                           Step, announce_end, show_status)

SUMMARY_KEY = "scenario_summary"
ORIGINS_KEY = "scenario_origins"
BEST_SITES_KEY = "best_sites"
DEFAULT_N_SITES = 5
MAX_N_SITES = 1000
SCENARIO_MODE, BEST_SITES_MODE = "scenario", "bestsites"


def remove_expression(layer, feature_ids) -> str:
    """REMOVE for the features ``feature_ids`` of ``layer`` only: the scenario evaluates
    REMOVE on every asset layer, and feature ids repeat across layers, so the expression
    also names the layer ('' for no features)."""
    ids = sorted(int(fid) for fid in feature_ids)
    if layer is None or not ids:
        return ""
    layer_id = layer.id().replace("'", "''")
    return f"@layer_id = '{layer_id}' AND $id IN ({', '.join(str(fid) for fid in ids)})"


def summary_sentence(kind: str, before: float, after: float, people: bool) -> str:
    """One summary row in plain words, e.g. "Libraries: 12,345 people lose walking
    access (20,000 -> 7,655)."."""
    change = after - before
    values = {"kind": readable_kind(kind), "count": f"{abs(change):,.0f}",
              "before": f"{before:,.0f}", "after": f"{after:,.0f}"}
    if round(change) < 0:
        text = tr("{kind}: {count} people lose walking access ({before} → {after}).") \
            if people else tr("{kind}: {count} places lose walking access ({before} → "
                              "{after}).")
    elif round(change) > 0:
        text = tr("{kind}: {count} people gain walking access ({before} → {after}).") \
            if people else tr("{kind}: {count} places gain walking access ({before} → "
                              "{after}).")
    else:
        text = tr("{kind}: no change ({before} people within reach).") if people else \
            tr("{kind}: no change ({before} places within reach).")
    return text.format(**values)


def pick_sentence(rank: int, fid, gain: float, total: float, minutes: float,
                  people: bool) -> str:
    """One best-sites pick in plain words, e.g. "1. feature 7: 2,427 more people within
    20 minutes' walk (2,427 in all)"."""
    text = tr("{rank}. feature {fid}: {gain} more people within {minutes} minutes' walk "
              "({total} in all)") if people else \
        tr("{rank}. feature {fid}: {gain} more places within {minutes} minutes' walk "
           "({total} in all)")
    return text.format(rank=rank, fid=fid, gain=f"{gain:,.0f}", total=f"{total:,.0f}",
                       minutes=f"{minutes:g}")


def candidate_ids(candidates, picks) -> List:
    """The feature id in ``candidates`` of each output feature in ``picks`` (the candidate
    nearest to it, after taking it back to the candidates' CRS; the output keeps the
    candidates' fields but not their ids)."""
    transform = QgsCoordinateTransform(picks.crs(), candidates.crs(), QgsProject.instance())
    points = []
    for feature in picks.getFeatures():
        geometry = feature.geometry()
        geometry.transform(transform)
        points.append(geometry)
    nearest = [None] * len(points)
    distances = [float("inf")] * len(points)
    request = QgsFeatureRequest().setNoAttributes()
    for candidate in candidates.getFeatures(request):
        geometry = candidate.geometry()
        for index, point in enumerate(points):
            distance = geometry.distance(point)
            if distance < distances[index]:
                nearest[index], distances[index] = candidate.id(), distance
    return nearest


class ScenarioRun(AnalysisRun):
    """An AnalysisRun whose closing message names the group (no deserts are made)."""

    def _summary(self) -> str:
        return tr("Done. The results are in the layer group \"{group}\".").format(
            group=self.group_name)


class ScenarioDialog(QDialog):
    """The what-if dialog over the guided dialog ``main``. ``start_run()`` starts the
    scenario; ``runFinished(success, message)`` is emitted when it ends."""

    runFinished = pyqtSignal(bool, str)

    def __init__(self, main, iface=None, parent=None):
        super().__init__(parent)
        self.main = main
        self.iface = iface
        self.project = QgsProject.instance()
        self.run: Optional[ScenarioRun] = None
        self.summary_lines: List[str] = []
        self._watched = None  # the layer whose selection the label follows
        self._mode = SCENARIO_MODE  # what the last run was: the scenario or best sites
        self.picks: List[tuple] = []  # (rank, candidate id, pop_gain, cum_pop_gain)
        self._build()
        self._set_running(False)

    # --- set-up -----------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(tr("Community Asset Gaps: what if…"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Uses the network, asset layers and where people live chosen in "
                          "the Community Asset Gaps dialog."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.openMainButton = QPushButton(tr("Open the Community Asset Gaps dialog…"), self)
        layout.addWidget(self.openMainButton)

        close_box = QGroupBox(tr("Close"), self)
        close_form = QFormLayout(close_box)
        self.closeCombo = QgsMapLayerComboBox(close_box)
        self.closeCombo.setFilters(layer_filters(LAYER_FILTER_POINT, LAYER_FILTER_POLYGON))
        self.closeCombo.setAllowEmptyLayer(True)
        self.closeCombo.setLayer(None)
        self.closeCombo.setToolTip(tr("The asset layer whose selected features close."))
        close_form.addRow(tr("Asset layer"), self.closeCombo)
        self.selectionLabel = QLabel(close_box)
        # it names a layer, whose name is the user's text, never markup
        self.selectionLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.selectionLabel.setWordWrap(True)
        close_form.addRow(self.selectionLabel)
        layout.addWidget(close_box)

        build_box = QGroupBox(tr("Build"), self)
        build_form = QFormLayout(build_box)
        self.sitesCombo = QgsMapLayerComboBox(build_box)
        self.sitesCombo.setFilters(LAYER_FILTER_POINT)
        self.sitesCombo.setAllowEmptyLayer(True)
        self.sitesCombo.setLayer(None)
        self.sitesCombo.setToolTip(tr("A point layer of the new sites."))
        build_form.addRow(tr("New sites"), self.sitesCombo)
        self.kindCombo = QComboBox(build_box)
        self.kindCombo.setToolTip(tr("The kind of asset the new sites are."))
        build_form.addRow(tr("Kind"), self.kindCombo)
        layout.addWidget(build_box)

        best_box = QGroupBox(tr("Where should the next one go?"), self)
        best_form = QFormLayout(best_box)
        self.bestKindCombo = QComboBox(best_box)
        self.bestKindCombo.setToolTip(tr("The kind of asset to place: its layer holds the "
                                         "existing sites, its minutes say what is within "
                                         "reach."))
        best_form.addRow(tr("Kind"), self.bestKindCombo)
        self.candidatesCombo = QgsMapLayerComboBox(best_box)
        self.candidatesCombo.setFilters(LAYER_FILTER_POINT)
        self.candidatesCombo.setAllowEmptyLayer(True)
        self.candidatesCombo.setLayer(None)
        self.candidatesCombo.setToolTip(tr("A point layer of the places where a new site "
                                           "could go."))
        best_form.addRow(tr("Candidate sites"), self.candidatesCombo)
        self.nSitesSpin = QSpinBox(best_box)
        self.nSitesSpin.setRange(1, MAX_N_SITES)
        self.nSitesSpin.setValue(DEFAULT_N_SITES)
        self.nSitesSpin.setToolTip(tr("How many sites to choose, one after the other."))
        best_form.addRow(tr("Number of sites"), self.nSitesSpin)
        self.bestButton = QPushButton(tr("Find the best sites"), best_box)
        self.bestButton.setToolTip(tr("Rank the candidate sites in the background by the "
                                      "people each brings newly within reach."))
        best_form.addRow(self.bestButton)
        layout.addWidget(best_box)

        self.progressBar = QProgressBar(self)
        self.progressBar.setRange(0, 100)
        self.progressBar.setValue(0)
        layout.addWidget(self.progressBar)
        self.statusLabel = QLabel(self)
        self.statusLabel.setWordWrap(True)
        layout.addWidget(self.statusLabel)
        self.logView = QPlainTextEdit(self)
        self.logView.setReadOnly(True)
        layout.addWidget(self.logView)
        self.buttonBox = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.runButton = self.buttonBox.addButton(tr("Run"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.runButton.setToolTip(tr("Run the what-if in the background."))
        self.cancelButton = self.buttonBox.addButton(tr("Cancel"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.cancelButton.setToolTip(tr("Stop the analysis that is running."))
        layout.addWidget(self.buttonBox)

        self.openMainButton.clicked.connect(self._open_main)
        self.closeCombo.layerChanged.connect(self._close_layer_changed)
        self.runButton.clicked.connect(self.start_run)
        self.bestButton.clicked.connect(self.start_best_sites)
        self.cancelButton.clicked.connect(self.cancel_run)
        self.buttonBox.rejected.connect(self.reject)
        self.refresh()

    @pyqtSlot()
    def _open_main(self) -> None:
        self.main.show()
        self.main.raise_()
        self.main.activateWindow()

    def refresh(self) -> None:
        """Offer the main dialog's asset layers as kinds, keeping the current choice."""
        for combo in (self.kindCombo, self.bestKindCombo):
            current = combo.currentData()
            combo.clear()
            for layer, _, _ in self.main.asset_rows():
                combo.addItem(layer.name(), layer.id())
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
        self._update_selection_label()

    def showEvent(self, event):  # noqa: N802 - Qt's name
        self.refresh()
        super().showEvent(event)

    @pyqtSlot("QgsMapLayer*")
    def _close_layer_changed(self, layer) -> None:
        if self._watched is not None:
            try_disconnect(self._watched, self._update_selection_label)
            self._watched = None
        if isinstance(layer, QgsVectorLayer):
            layer.selectionChanged.connect(self._update_selection_label)
            self._watched = layer
        self._update_selection_label()

    @pyqtSlot()
    def _update_selection_label(self, *_args) -> None:
        layer = self.closeCombo.currentLayer()
        if not isinstance(layer, QgsVectorLayer):
            self.selectionLabel.setText(tr("Nothing closes."))
            return
        self.selectionLabel.setText(tr("{count} selected features of \"{layer}\" close.")
                                    .format(count=layer.selectedFeatureCount(),
                                            layer=layer.name()))

    # --- checking and running ---------------------------------------------------------

    def problems(self) -> List[str]:
        """What must be fixed before a run, in plain words (empty when it can run)."""
        found = self.main.problems(check_output=False)
        asset_ids = [layer.id() for layer, _, _ in self.main.asset_rows()]
        closing = self.closeCombo.currentLayer()
        sites = self.sitesCombo.currentLayer()
        if closing is not None:
            if closing.id() not in asset_ids:
                found.append(tr("\"{layer}\" is not one of the asset layers of the Community "
                                "Asset Gaps dialog: add it there, or choose another layer to "
                                "close.").format(layer=closing.name()))
            elif closing.selectedFeatureCount() == 0:
                found.append(tr("Select the features of \"{layer}\" that close.")
                             .format(layer=closing.name()))
        if sites is not None and self.kindCombo.currentData() not in asset_ids:
            found.append(tr("Choose the kind of the new sites."))
        if closing is None and sites is None:
            found.append(tr("Choose what closes, what is built, or both."))
        return found

    def plan(self) -> Plan:
        """One assetgaps:scenario step over the main dialog's choices and the change."""
        config = self.main.run_config()
        layers = {layer.id(): layer for layer, _, _ in self.main.asset_rows()}
        closing = self.closeCombo.currentLayer()
        sites = self.sitesCombo.currentLayer()
        kind_layer = layers.get(self.kindCombo.currentData())
        names = sanitise_kind_names([layer_label(layers[asset.layer_id])
                                     for asset in config.assets])
        kind = names[[asset.layer_id for asset in config.assets].index(kind_layer.id())] \
            if sites is not None and kind_layer is not None else None
        remove = remove_expression(closing, closing.selectedFeatureIds()) \
            if closing is not None else ""

        def parameters(_results):
            return {
                **config.walking_parameters(),
                **config.asset_parameters(),
                "MIN_MISSING": config.min_missing,
                "REMOVE": remove or None,
                "ADD_SITES": sites.id() if sites is not None else None,
                "ADD_KIND": kind,
                "OUTPUT": TEMPORARY_OUTPUT,
                "OUTPUT_SUMMARY": TEMPORARY_OUTPUT,
            }

        step = Step("scenario", f"{d.PROVIDER_ID}:scenario", tr("What if…"), parameters)
        return Plan([step], [
            Output("scenario", "OUTPUT", ORIGINS_KEY, SCENARIO,
                   tr("What if: who gains or loses")),
            Output("scenario", "OUTPUT_SUMMARY", SUMMARY_KEY, "",
                   tr("What if: summary"))])

    @pyqtSlot()
    def start_run(self) -> Optional[ScenarioRun]:
        """Check the choices and start the scenario in the background; returns the run,
        or None when something must be fixed first (shown in the dialog) or a run is
        already going."""
        if self.run is not None and self.run.running:
            return None
        self.refresh()
        found = self.problems()
        if found:
            self._show_status("\n".join(found), ERROR)
            return None
        return self._start(self.plan(), SCENARIO_MODE, tr("What if…"))

    def best_sites_problems(self) -> List[str]:
        """What must be fixed before finding the best sites (empty when it can run)."""
        found = self.main.problems(check_output=False)
        asset_ids = [layer.id() for layer, _, _ in self.main.asset_rows()]
        if self.bestKindCombo.currentData() not in asset_ids:
            found.append(tr("Choose the kind of asset to place."))
        if self.candidatesCombo.currentLayer() is None:
            found.append(tr("Choose the layer of candidate sites."))
        return found

    def best_sites_choice(self):
        """(layer, minutes) of the kind chosen for the best sites, or (None, 0)."""
        for layer, minutes, _ in self.main.asset_rows():
            if layer.id() == self.bestKindCombo.currentData():
                return layer, float(minutes)
        return None, 0.0

    def best_sites_plan(self) -> Plan:
        """One assetgaps:bestsites step: the kind's layer as ASSETS, its minutes as
        THRESHOLD, over the main dialog's network and origins."""
        config = self.main.run_config()
        kind_layer, minutes = self.best_sites_choice()
        candidates = self.candidatesCombo.currentLayer()
        n_sites = self.nSitesSpin.value()

        def parameters(_results):
            return {
                **config.walking_parameters(),
                "ASSETS": kind_layer.id(),
                "CANDIDATES": candidates.id(),
                "THRESHOLD": minutes,
                "N_SITES": n_sites,
                "OUTPUT": TEMPORARY_OUTPUT,
            }

        step = Step("bestsites", f"{d.PROVIDER_ID}:bestsites", tr("Best new sites"),
                    parameters)
        return Plan([step], [Output("bestsites", "OUTPUT", BEST_SITES_KEY, BEST_SITES,
                                    tr("Best new sites: {kind}").format(
                                        kind=kind_layer.name()))])

    @pyqtSlot()
    def start_best_sites(self) -> Optional[ScenarioRun]:
        """Check the choices and start assetgaps:bestsites in the background; returns the
        run, or None when something must be fixed first or a run is already going."""
        if self.run is not None and self.run.running:
            return None
        self.refresh()
        found = self.best_sites_problems()
        if found:
            self._show_status("\n".join(found), ERROR)
            return None
        return self._start(self.best_sites_plan(), BEST_SITES_MODE, tr("Best new sites"))

    def _start(self, plan: Plan, mode: str, title: str) -> ScenarioRun:
        self.main.save_settings()
        self._mode = mode
        group_name = tr("Community asset gaps — what if… {time}").format(
            time=QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm:ss"))
        self.logView.clear()
        self.summary_lines = []
        self.picks = []
        self.progressBar.setValue(0)
        if self.run is not None:
            self.run.deleteLater()
        self.run = ScenarioRun(plan, self.project, group_name, self)
        self.run.progressChanged.connect(self._progress)
        self.run.message.connect(self._log)
        self.run.finished.connect(self._run_finished)
        self._set_running(True)
        self._show_status(tr("Running: {step}…").format(step=title))
        self.run.start()
        return self.run

    @pyqtSlot()
    def cancel_run(self) -> None:
        if self.run is not None and self.run.running:
            self.run.cancel()
            self.cancelButton.setEnabled(False)

    def stop_for_unload(self, wait_ms: int) -> None:
        """Cancel a running scenario and wait (at most ``wait_ms``) for it to stop."""
        if self.run is None or not self.run.running:
            return
        task = self.run.current_task
        self.run.cancel()
        if task is not None:
            task.waitForFinished(wait_ms)

    def _set_running(self, running: bool) -> None:
        self.runButton.setEnabled(not running)
        self.bestButton.setEnabled(not running)
        self.cancelButton.setEnabled(running)
        for widget in (self.closeCombo, self.sitesCombo, self.kindCombo, self.bestKindCombo,
                       self.candidatesCombo, self.nSitesSpin):
            widget.setEnabled(not running)

    @pyqtSlot(float)
    def _progress(self, percent: float) -> None:
        self.progressBar.setValue(int(round(percent)))

    @pyqtSlot(str, int)
    def _log(self, text: str, level: int) -> None:
        prefix = {WARNING: tr("Warning: "), ERROR: tr("Error: ")}.get(level, "")
        self.logView.appendPlainText(prefix + text)

    def _write_summary(self) -> None:
        """The summary rows in plain words, at the end of the log."""
        table = self.run.layers.get(SUMMARY_KEY) if self.run is not None else None
        if table is None:
            return
        people = bool(self.main.run_config().population_field)
        rows = list(table.getFeatures())
        self.summary_lines = [summary_sentence(str(row["kind"]), float(row["pop_before"]),
                                               float(row["pop_after"]), people)
                              for row in rows]
        if rows:
            deserts = tr("In deserts: {before} → {after} people.") if people else \
                tr("In deserts: {before} → {after} places.")
            self.summary_lines.append(deserts.format(
                before=f"{float(rows[0]['desert_pop_before']):,.0f}",
                after=f"{float(rows[0]['desert_pop_after']):,.0f}"))
        self._log(tr("What changes:"), INFO)
        for line in self.summary_lines:
            self._log(line, INFO)

    def _write_picks(self) -> None:
        """Each best-sites pick in plain words, at the end of the log."""
        picks = self.run.layers.get(BEST_SITES_KEY) if self.run is not None else None
        kind_layer, minutes = self.best_sites_choice()
        candidates = self.candidatesCombo.currentLayer()
        if picks is None or candidates is None:
            return
        rows = sorted(picks.getFeatures(), key=lambda row: int(row["rank"]))
        fids = candidate_ids(candidates, picks)
        by_rank = dict(zip((int(row["rank"]) for row in picks.getFeatures()), fids))
        self.picks = [(int(row["rank"]), by_rank[int(row["rank"])], float(row["pop_gain"]),
                       float(row["cum_pop_gain"])) for row in rows]
        people = bool(self.main.run_config().population_field)
        self._log(tr("Where the next of \"{kind}\" should go, among \"{layer}\":").format(
            kind=kind_layer.name() if kind_layer is not None else "",
            layer=candidates.name()), INFO)
        if not self.picks:
            self._log(tr("No candidate brings anyone new within {minutes} minutes' walk.")
                      .format(minutes=f"{minutes:g}"), INFO)
        for rank, fid, gain, total in self.picks:
            self._log(pick_sentence(rank, fid, gain, total, minutes, people), INFO)

    @pyqtSlot(bool, str)
    def _run_finished(self, ok: bool, text: str) -> None:
        self._set_running(False)
        if ok and self._mode == BEST_SITES_MODE:
            self._write_picks()
        elif ok:
            self._write_summary()
        else:
            self.progressBar.setValue(0)
        announce_end(self.iface, self.statusLabel, ok, self.run.cancelled, text)
        self.runFinished.emit(ok, text)

    def _show_status(self, text: str, level: Optional[int] = None) -> None:
        show_status(self.statusLabel, text, level)


def try_disconnect(layer, slot) -> None:
    """Disconnect ``slot`` from the layer's selectionChanged when it is connected."""
    try:
        layer.selectionChanged.disconnect(slot)
    except (TypeError, RuntimeError):  # not connected, or the layer is gone
        return
