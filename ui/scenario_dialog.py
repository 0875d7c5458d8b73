"""The "What if…" dialog: what do we lose if we close these assets, what do we gain if we
build there?

It reuses the guided dialog's choices (network, walking speed, asset layers with their
minutes and weights, where people live, the desert rule) and adds the change: the
selected features of one asset layer close and/or the points of a layer of new sites open
as one kind. Each section has its one action: "Show who gains and who loses" starts
``assetgaps:scenario`` in the background (ui/analysis_run.py); its origins (styled) and
summary table arrive in one layer group and the summary is written in the dialog's log in
plain words.

"Where should the next one go?" ranks the points of a candidate layer for one kind (one
of the asset layers, which becomes ASSETS) with ``assetgaps:bestsites``, within the
minutes shown in the section (set from the kind's minutes in the guided dialog, and
editable), the same way: in the background, styled into a layer group, and each pick in
the log in plain words, by the candidate's name when it has one. When no candidate brings
anyone new within reach, the log says so and why.

REMOVE is evaluated on every asset layer, so the selection becomes an expression only
that layer can satisfy: ``@layer_id = '<id>' AND $id IN (…)``.
"""

from pathlib import Path
from typing import List, Optional

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QDateTime, Qt, pyqtSignal, pyqtSlot
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox

from ..algorithms.layers import layer_label, tr
from ..algorithms.outputs import OutputParameters as Outputs
from ..algorithms.parameters import DesertRuleParameters, ScenarioParameters, SiteChoiceParameters
from ..algorithms.qgis_compat import LAYER_FILTER_POINT, LAYER_FILTER_POLYGON, layer_filters
from ..algorithms.styles import BEST_SITES, SCENARIO
from ..core import definitions as d
from ..core import fields as f
from ..core.access import sanitise_kind_names
from ..core.report import readable_kind
from .analysis_run import ERROR, INFO, TEMPORARY_OUTPUT, AnalysisRun, Output, Plan, RunHost, Step

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).resolve().with_name("scenario_dialog.ui")))

SUMMARY_KEY = "scenario_summary"
ORIGINS_KEY = "scenario_origins"
BEST_SITES_KEY = "best_sites"
MAX_N_SITES = 1000
MAX_MINUTES = 240.0
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
                  people: bool, name: str = "") -> str:
    """One best-sites pick in plain words, e.g. "1. feature 7: 2,427 more people within
    20 minutes' walk (2,427 in all)", or "1. Apteekki Kamppi (feature 7): …" when the
    candidate has a name."""
    place = tr("{name} (feature {fid})").format(name=name, fid=fid) if name else \
        tr("feature {fid}").format(fid=fid)
    text = tr("{rank}. {place}: {gain} more people within {minutes} minutes' walk "
              "({total} in all)") if people else \
        tr("{rank}. {place}: {gain} more places within {minutes} minutes' walk "
           "({total} in all)")
    return text.format(rank=rank, place=place, gain=f"{gain:,.0f}", total=f"{total:,.0f}",
                       minutes=f"{minutes:g}")


def no_pick_sentence(kind: str, candidates: str, count: int, minutes: float,
                     people: bool) -> str:
    """What to say when no candidate brings anyone new within reach."""
    text = tr("None of the {count} sites of \"{candidates}\" brings anyone new within "
              "{minutes} minutes' walk of {kind}: the people near them can already walk to "
              "one, or no one lives near them. Try fewer minutes, or other candidates.") \
        if people else \
        tr("None of the {count} sites of \"{candidates}\" brings any new place within "
           "{minutes} minutes' walk of {kind}: the places near them can already walk to "
           "one, or there are none near them. Try fewer minutes, or other candidates.")
    return text.format(count=count, candidates=candidates, minutes=f"{minutes:g}",
                       kind=readable_kind(kind))


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


class ScenarioDialog(RunHost, QDialog, FORM_CLASS):
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
        self.no_picks_text = ""  # what the log said when no candidate added anyone
        self._build()
        self._set_running(False)

    # --- set-up -----------------------------------------------------------------------

    def _build(self) -> None:
        """The form comes from scenario_dialog.ui; what Designer cannot say is set here."""
        self.setupUi(self)
        for combo, filters in ((self.closeCombo,
                                layer_filters(LAYER_FILTER_POINT, LAYER_FILTER_POLYGON)),
                               (self.sitesCombo, LAYER_FILTER_POINT),
                               (self.candidatesCombo, LAYER_FILTER_POINT)):
            combo.setFilters(filters)
            combo.setAllowEmptyLayer(True)
            combo.setLayer(None)
        # it names a layer, whose name is the user's text, never markup
        self.selectionLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.nSitesSpin.setRange(1, MAX_N_SITES)
        self.nSitesSpin.setValue(d.DEFAULT_N_SITES)
        self.bestMinutesSpin.setDecimals(1)
        self.bestMinutesSpin.setRange(0.5, MAX_MINUTES)
        self.bestMinutesSpin.setSuffix(tr(" min"))
        self.progressBar.setRange(0, 100)
        # one action per section: the what-if's button sits under its two sections
        self.runButton = self.scenarioButton
        self.cancelButton = self.buttonBox.addButton(tr("Cancel"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.cancelButton.setToolTip(tr("Stop the analysis that is running."))

        self.openMainButton.clicked.connect(self._open_main)
        self.closeCombo.layerChanged.connect(self._close_layer_changed)
        self.runButton.clicked.connect(self.start_run)
        self.bestButton.clicked.connect(self.start_best_sites)
        self.bestKindCombo.currentIndexChanged.connect(self._best_kind_changed)
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
        self._best_kind_changed()
        self._update_selection_label()

    @pyqtSlot()
    def _best_kind_changed(self, *_args) -> None:
        """Show the minutes the best sites will be judged by: the chosen kind's minutes in
        the guided dialog (editable here)."""
        for layer, minutes, _ in self.main.asset_rows():
            if layer.id() == self.bestKindCombo.currentData():
                self.bestMinutesSpin.setValue(float(minutes))
                return

    def showEvent(self, event):
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
        # "label: count" reads right for 0, 1 and many
        self.selectionLabel.setText(tr("Selected features of \"{layer}\" that close: {count}.")
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
                **config.origin_judgement(),
                **config.asset_parameters(),
                DesertRuleParameters.MIN_MISSING: config.min_missing,
                ScenarioParameters.REMOVE: remove or None,
                ScenarioParameters.ADD_SITES: sites.id() if sites is not None else None,
                ScenarioParameters.ADD_KIND: kind,
                Outputs.OUTPUT: TEMPORARY_OUTPUT,
                Outputs.OUTPUT_SUMMARY: TEMPORARY_OUTPUT,
            }

        step = Step("scenario", f"{d.PROVIDER_ID}:scenario", tr("What if…"), parameters)
        return Plan([step], [
            Output("scenario", Outputs.OUTPUT, ORIGINS_KEY, SCENARIO,
                   tr("What if: who gains or loses")),
            Output("scenario", Outputs.OUTPUT_SUMMARY, SUMMARY_KEY, "",
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
        """(layer, minutes shown in the section) of the kind chosen for the best sites, or
        (None, 0)."""
        for layer, _, _ in self.main.asset_rows():
            if layer.id() == self.bestKindCombo.currentData():
                return layer, float(self.bestMinutesSpin.value())
        return None, 0.0

    def best_sites_plan(self) -> Plan:
        """One assetgaps:bestsites step: the kind's layer as ASSETS, the minutes shown in
        the section as THRESHOLD, over the main dialog's network and origins."""
        config = self.main.run_config()
        kind_layer, minutes = self.best_sites_choice()
        candidates = self.candidatesCombo.currentLayer()
        n_sites = self.nSitesSpin.value()

        def parameters(_results):
            return {
                **config.walking_parameters(),
                SiteChoiceParameters.ASSETS: kind_layer.id(),
                SiteChoiceParameters.CANDIDATES: candidates.id(),
                SiteChoiceParameters.THRESHOLD: minutes,
                SiteChoiceParameters.N_SITES: n_sites,
                Outputs.OUTPUT: TEMPORARY_OUTPUT,
            }

        step = Step("bestsites", f"{d.PROVIDER_ID}:bestsites", tr("Best new sites"),
                    parameters)
        return Plan([step], [Output("bestsites", Outputs.OUTPUT, BEST_SITES_KEY, BEST_SITES,
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
        self.no_picks_text = ""
        self.progressBar.setValue(0)
        self._show_status(tr("Running: {step}…").format(step=title))
        return self.launch(ScenarioRun(plan, self.project, group_name, self))

    def _set_running(self, running: bool) -> None:
        self.runButton.setEnabled(not running)
        self.bestButton.setEnabled(not running)
        self.cancelButton.setEnabled(running)
        for widget in (self.closeCombo, self.sitesCombo, self.kindCombo, self.bestKindCombo,
                       self.candidatesCombo, self.nSitesSpin, self.bestMinutesSpin):
            widget.setEnabled(not running)

    def _write_summary(self) -> None:
        """The summary rows in plain words, at the end of the log."""
        table = self.run.layers.get(SUMMARY_KEY) if self.run is not None else None
        if table is None:
            return
        people = bool(self.main.run_config().population_field)
        rows = list(table.getFeatures())
        self.summary_lines = [summary_sentence(str(row[f.KIND]), float(row[f.POP_BEFORE]),
                                               float(row[f.POP_AFTER]), people)
                              for row in rows]
        if rows:
            deserts = tr("In deserts: {before} → {after} people.") if people else \
                tr("In deserts: {before} → {after} places.")
            self.summary_lines.append(deserts.format(
                before=f"{float(rows[0][f.DESERT_POP_BEFORE]):,.0f}",
                after=f"{float(rows[0][f.DESERT_POP_AFTER]):,.0f}"))
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
        rows = sorted(picks.getFeatures(), key=lambda row: int(row[f.RANK]))
        fids = candidate_ids(candidates, picks)
        by_rank = dict(zip((int(row[f.RANK]) for row in picks.getFeatures()), fids))
        self.picks = [(int(row[f.RANK]), by_rank[int(row[f.RANK])], float(row[f.POP_GAIN]),
                       float(row[f.CUM_POP_GAIN])) for row in rows]
        people = bool(self.main.run_config().population_field)
        kind = kind_layer.name() if kind_layer is not None else ""
        self._log(tr("Where the next of \"{kind}\" should go, among \"{layer}\":").format(
            kind=kind, layer=candidates.name()), INFO)
        if not self.picks:
            self.no_picks_text = no_pick_sentence(kind, candidates.name(),
                                                  candidates.featureCount(), minutes, people)
            self._log(self.no_picks_text, INFO)
            self._show_status(self.no_picks_text)
        name_field = d.name_like_field(candidates.fields().names())
        names = {}
        if name_field:
            request = QgsFeatureRequest().setFilterFids([fid for _, fid, _, _ in self.picks])
            names = {feature.id(): str(feature[name_field] or "")
                     for feature in candidates.getFeatures(request)}
        for rank, fid, gain, total in self.picks:
            self._log(pick_sentence(rank, fid, gain, total, minutes, people,
                                    names.get(fid, "")), INFO)

    @pyqtSlot(bool, str)
    def _run_finished(self, ok: bool, text: str) -> None:
        self._set_running(False)
        if ok and self._mode == BEST_SITES_MODE:
            self._write_picks()
        elif ok:
            self._write_summary()
        else:
            self.progressBar.setValue(0)
        if ok and self._mode == BEST_SITES_MODE and not self.picks and self.no_picks_text:
            # the finding is that nothing helps: say that, not only where the empty layer is
            text = self.no_picks_text
        self._announce_end(ok, text)


def try_disconnect(layer, slot) -> None:
    """Disconnect ``slot`` from the layer's selectionChanged when it is connected."""
    try:
        layer.selectionChanged.disconnect(slot)
    except (TypeError, RuntimeError):  # not connected, or the layer is gone
        return
