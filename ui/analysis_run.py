"""The dialog's analysis as a chain of background tasks.

Access score (and its surface), deserts and the area profile run one after another,
each as a ``QgsProcessingAlgRunnerTask`` in QGIS's task manager, so the QGIS window stays
responsive; one Cancel stops whichever step is running and the steps still to come.
When every step has finished, the outputs are added to the project in one layer-tree
group and styled.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, Qt, pyqtSignal, pyqtSlot

from ..algorithms import styles
from ..algorithms.layers import tr
from ..algorithms.outputs import OutputParameters
from ..algorithms.parameters import (
    AssetParameters,
    DesertRuleParameters,
    NetworkParameters,
    OriginParameters,
    ScoredInputParameters,
    ZoneParameters,
)
from ..core import definitions as d

TEMPORARY_OUTPUT = "TEMPORARY_OUTPUT"
OUTPUT, OUTPUT_SURFACE, OUTPUT_HTML = (OutputParameters.OUTPUT, OutputParameters.OUTPUT_SURFACE,
                                       OutputParameters.OUTPUT_HTML)

# Message levels of AnalysisRun.message.
INFO, WARNING, ERROR = 0, 1, 2


@dataclass
class AssetChoice:
    """One row of the dialog's asset table."""

    layer_id: str
    minutes: float
    weight: float = d.DEFAULT_KIND_WEIGHT


@dataclass
class RunConfig:
    """Everything the dialog collects for one run. Layers are project layer ids; empty
    strings mean "not given"."""

    network_id: str
    origins_id: str
    assets: List[AssetChoice]
    network_filter: str = ""
    walk_speed: float = d.DEFAULT_WALK_SPEED_KMH
    step_free: bool = False
    dem_id: str = ""
    population_field: str = ""
    zones_id: str = ""
    zone_name_field: str = ""
    deprivation_field: str = ""
    min_missing: int = d.DEFAULT_MIN_MISSING
    surface: bool = True
    output_folder: str = ""
    polygon_origins: int = d.POLYGON_BY_AREA
    residential_mask_id: str = ""

    def walking_parameters(self) -> dict:
        """The parameters every walking algorithm of a run shares: network, walk, origins."""
        return {
            NetworkParameters.NETWORK: self.network_id,
            NetworkParameters.NETWORK_FILTER: self.network_filter or None,
            NetworkParameters.STEP_FREE: self.step_free,
            NetworkParameters.COST_TYPE: d.COST_TIME,
            NetworkParameters.WALK_SPEED: self.walk_speed,
            NetworkParameters.DEM: self.dem_id or None,
            OriginParameters.ORIGINS: self.origins_id,
            OriginParameters.POPULATION_FIELD: self.population_field or None,
        }

    def origin_judgement(self) -> dict:
        """How polygon origins are judged, for the algorithms that score them (access
        score and scenario)."""
        return {
            OriginParameters.POLYGON_ORIGINS: self.polygon_origins,
            OriginParameters.RESIDENTIAL_MASK: self.residential_mask_id or None,
        }

    def asset_parameters(self) -> dict:
        """ASSETS with each kind's walking minutes and weight, in table order."""
        return {
            AssetParameters.ASSETS: [asset.layer_id for asset in self.assets],
            AssetParameters.THRESHOLDS: ",".join(f"{asset.minutes:g}" for asset in self.assets),
            AssetParameters.WEIGHTS: ",".join(f"{asset.weight:g}" for asset in self.assets),
        }


@dataclass
class Step:
    """One algorithm of the chain; ``parameters`` builds its parameters from the results
    of the steps before it ({step key: {output name: value}})."""

    key: str
    algorithm_id: str
    title: str
    parameters: Callable[[Dict[str, dict]], dict]


@dataclass
class Output:
    """A layer the run adds to the project: which step and output it comes from, its key
    (also its file name), its style (algorithms/styles.py; '' for none, as for a table),
    its layer name, and whether it starts visible."""

    step: str
    name: str
    key: str
    style: str
    title: str
    visible: bool = True


@dataclass
class Plan:
    """The steps, the layers they add, and the files they write (in the run's own
    folder; none for temporary outputs)."""

    steps: List[Step]
    outputs: List[Output] = field(default_factory=list)
    files: List[Path] = field(default_factory=list)

    def remove_files(self) -> None:
        """Delete what the run wrote (with a GeoPackage's journal files): a run that fails
        or is cancelled leaves nothing that looks like a finished result."""
        for path in self.files:
            for written in (path, *(path.with_name(path.name + suffix)
                                    for suffix in ("-wal", "-shm", "-journal"))):
                if written.is_file():
                    written.unlink()


def build_plan(config: RunConfig) -> Plan:
    """The steps and outputs of a run: accessscore, deserts and, with zones, areaprofile.

    With an output folder every layer is written as a GeoPackage there (the algorithms
    save its style inside it) and the area profile's report beside them; otherwise outputs
    are temporary layers. The run loads and styles the outputs itself once every step has
    finished (AnalysisRun), so no destination asks Processing to load it: each step's
    context would drop the layer post-processors of the steps before.
    """
    folder = Path(config.output_folder) if config.output_folder else None

    def destination(key: str) -> str:
        return str(folder / f"{key}.gpkg") if folder else TEMPORARY_OUTPUT

    titles = {"scores": tr("Access scores"), "surface": tr("Access surface"),
              "deserts": tr("Social infrastructure deserts"),
              "profile": tr("Area profile")}
    population = config.population_field or None
    report = folder / "area_profile_report.html" if folder else None

    def score_parameters(_results):
        parameters = {
            **config.walking_parameters(),
            **config.asset_parameters(),
            **config.origin_judgement(),
            OUTPUT: destination("access_scores"),
        }
        if config.surface:
            parameters[OUTPUT_SURFACE] = destination("access_surface")
        return parameters

    def scored_input(results):
        """The access scores as INPUT, with the desert rule."""
        return {ScoredInputParameters.INPUT: results["scores"][OUTPUT],
                ScoredInputParameters.POPULATION_FIELD: population,
                DesertRuleParameters.MIN_MISSING: config.min_missing}

    def deserts_parameters(results):
        return {**scored_input(results), OUTPUT: destination("deserts")}

    def profile_parameters(results):
        parameters = {**scored_input(results),
                      ZoneParameters.ZONES: config.zones_id,
                      ZoneParameters.ZONE_NAME_FIELD: config.zone_name_field or None,
                      ZoneParameters.DEPRIVATION_FIELD: config.deprivation_field or None,
                      ZoneParameters.DESERTS: results["deserts"][OUTPUT],
                      OUTPUT: destination("area_profile")}
        if folder:
            parameters[OUTPUT_HTML] = str(report)
        return parameters

    steps = [Step("scores", f"{d.PROVIDER_ID}:accessscore", tr("Access scores"),
                  score_parameters),
             Step("deserts", f"{d.PROVIDER_ID}:deserts", tr("Deserts"), deserts_parameters)]
    # top to bottom in the layer tree: deserts over the scores; the surface and the
    # profile (which cover the map) start hidden
    outputs = [Output("deserts", OUTPUT, "deserts", styles.DESERTS, titles["deserts"]),
               Output("scores", OUTPUT, "access_scores", styles.ACCESS_SCORES,
                      titles["scores"])]
    if config.surface:
        outputs.append(Output("scores", OUTPUT_SURFACE, "access_surface",
                              styles.ACCESS_SURFACE, titles["surface"], visible=False))
    if config.zones_id:
        steps.append(Step("profile", f"{d.PROVIDER_ID}:areaprofile", tr("Area profile"),
                          profile_parameters))
        outputs.append(Output("profile", OUTPUT, "area_profile", styles.AREA_PROFILE,
                              titles["profile"], visible=False))
    files = []
    if folder:
        files = [folder / f"{output.key}.gpkg" for output in outputs]
        files += [report] if config.zones_id else []
    return Plan(steps, outputs, files)


class RunFeedback(QgsProcessingFeedback):
    """Feedback of one step: relays the log to the dialog (across threads, as signals)
    and keeps the errors for the final message."""

    logged = pyqtSignal(str, int)

    def __init__(self):
        super().__init__()
        self.errors: List[str] = []

    def pushInfo(self, info):
        super().pushInfo(info)
        self.logged.emit(info, INFO)

    def pushWarning(self, warning):
        super().pushWarning(warning)
        self.logged.emit(warning, WARNING)

    def reportError(self, error, fatalError=False):
        super().reportError(error, fatalError)
        self.errors.append(error)
        self.logged.emit(error, ERROR)


class AnalysisRun(QObject):
    """Runs a Plan's steps one after another in the task manager and loads the outputs.

    Signals: ``progressChanged(percent)`` for the whole chain, ``stepStarted(title)``,
    ``message(text, level)`` for the log, and ``finished(success, text)`` once, when the
    outputs are loaded, a step failed or the run was cancelled.
    """

    progressChanged = pyqtSignal(float)
    stepStarted = pyqtSignal(str)
    message = pyqtSignal(str, int)
    finished = pyqtSignal(bool, str)

    def __init__(self, plan: Plan, project: QgsProject, group_name: str, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.project = project
        self.group_name = group_name
        self.context: Optional[QgsProcessingContext] = None
        self.results: Dict[str, dict] = {}
        # the loaded output layers by output key (access_scores, deserts...), in tree order
        self.layers: Dict[str, object] = {}
        self.group = None
        self.cancelled = False
        self.running = False
        self.succeeded = False
        self._index = -1
        self._task = None
        self._algorithm = None
        self._feedback: Optional[RunFeedback] = None

    def start(self) -> None:
        """Start the first step; the rest follow as each one finishes."""
        self.context = QgsProcessingContext()
        self.context.setProject(self.project)
        self.context.setTransformContext(self.project.transformContext())
        self.running = True
        self._start_step(0)

    def cancel(self) -> None:
        """Stop the step that is running; no further step starts and nothing is loaded."""
        if not self.running:
            return
        self.cancelled = True
        self.message.emit(tr("Cancelling…"), WARNING)
        if self._feedback is not None:
            self._feedback.cancel()
        if self._task is not None:
            self._task.cancel()

    @property
    def current_task(self):
        """The task of the step that is running (None between steps and after the run)."""
        return self._task

    def _start_step(self, index: int) -> None:
        self._index = index
        step = self.plan.steps[index]
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(step.algorithm_id)
        if algorithm is None:
            self._finish(False, tr("The algorithm {id} is not available: is the plugin's "
                                   "Processing provider loaded?").format(id=step.algorithm_id))
            return
        self.stepStarted.emit(step.title)
        self.message.emit(tr("Step {number} of {count}: {title}").format(
            number=index + 1, count=len(self.plan.steps), title=step.title), INFO)
        self._feedback = RunFeedback()
        self._feedback.logged.connect(self._relay)
        self._feedback.progressChanged.connect(self._step_progress)
        task = QgsProcessingAlgRunnerTask(algorithm, step.parameters(self._earlier_outputs()),
                                          self.context, self._feedback)
        task.setDescription(tr("Community asset gaps: {title}").format(title=step.title))
        task.executed.connect(self._step_done)
        self._algorithm = algorithm
        self._task = task
        QgsApplication.taskManager().addTask(task)

    def _earlier_outputs(self) -> Dict[str, dict]:
        """The results so far, temporary layers given as the layers themselves.

        A step runs in a worker thread with a context of its own, which cannot look up
        the temporary layers that earlier steps left in this run's context by their ids.
        """
        store = self.context.temporaryLayerStore()
        outputs = {}
        for key, results in self.results.items():
            outputs[key] = {}
            for name, value in results.items():
                layer = store.mapLayer(value) if isinstance(value, str) else None
                outputs[key][name] = layer if layer is not None else value
        return outputs

    @pyqtSlot(str, int)
    def _relay(self, text: str, level: int) -> None:
        self.message.emit(text, level)

    @pyqtSlot(float)
    def _step_progress(self, percent: float) -> None:
        count = len(self.plan.steps)
        self.progressChanged.emit(100.0 * (self._index + min(max(percent, 0.0), 100.0) / 100.0)
                                  / count)

    @pyqtSlot(bool, "QVariantMap")
    def _step_done(self, ok: bool, results: dict) -> None:
        self._task = None
        step = self.plan.steps[self._index]
        if self.cancelled or (self._feedback is not None and self._feedback.isCanceled()):
            self.cancelled = True
            self._finish(False, tr("Cancelled: nothing was added to the project."))
            return
        if not ok:
            errors = self._feedback.errors if self._feedback is not None else []
            detail = errors[-1] if errors else tr("see the log for details")
            self._finish(False, tr("{title} failed: {error}").format(title=step.title,
                                                                     error=detail))
            return
        self.results[step.key] = dict(results)
        if self._index + 1 < len(self.plan.steps):
            self._start_step(self._index + 1)
            return
        self.progressChanged.emit(100.0)
        self._load_outputs()
        self._finish(True, self._summary())

    def _finish(self, ok: bool, text: str) -> None:
        if not ok:
            self.plan.remove_files()
        self.running = False
        self.succeeded = ok
        self._feedback = None
        self.message.emit(text, INFO if ok else (WARNING if self.cancelled else ERROR))
        self.finished.emit(ok, text)

    def _load_outputs(self) -> None:
        """Add every output to one new group at the top of the layer tree, styled with the
        algorithms' own styles (algorithms/styles.py)."""
        root = self.project.layerTreeRoot()
        self.group = root.insertGroup(0, self.group_name)
        store = self.context.temporaryLayerStore()
        for output in self.plan.outputs:
            value = self.results.get(output.step, {}).get(output.name)
            if not value:
                continue
            layer = QgsProcessingUtils.mapLayerFromString(str(value), self.context)
            if layer is None:
                self.message.emit(tr("The output \"{title}\" could not be opened ({value}).")
                                  .format(title=output.title, value=value), WARNING)
                continue
            if store.mapLayer(layer.id()) is not None:
                layer = store.takeMapLayer(layer)
            layer.setName(output.title)
            self.project.addMapLayer(layer, False)
            node = self.group.addLayer(layer)
            node.setItemVisibilityChecked(output.visible)
            problem = styles.apply_style(layer, output.style) if output.style else ""
            if problem:
                self.message.emit(tr("The layer \"{layer}\" was not styled: {problem}")
                                  .format(layer=output.title, problem=problem), WARNING)
            self.layers[output.key] = layer
        report = self.results.get("profile", {}).get(OUTPUT_HTML)
        if report:
            self.message.emit(tr("Report: {path}").format(path=report), INFO)

    def _summary(self) -> str:
        deserts = self.layers.get("deserts")
        count = deserts.featureCount() if deserts is not None else 0
        return tr("Done. Deserts found: {count}. The results are in the layer group "
                  "\"{group}\".").format(count=count, group=self.group_name)


class RunHost:
    """What a dialog that runs a Plan shares: starting the run with its signals wired,
    Cancel, stopping for unload, progress, the log and the status line.

    The dialog has ``run``, ``iface``, ``progressBar``, ``logView``, ``statusLabel`` and
    ``cancelButton``, and defines ``_set_running(bool)`` and ``_run_finished(ok, text)``.
    """

    def launch(self, run: AnalysisRun) -> AnalysisRun:
        """Start ``run`` in the background, in place of the previous one."""
        if self.run is not None:
            # the previous run has ended: release it with its Processing context and the
            # temporary layers it still holds
            self.run.deleteLater()
        self.run = run
        run.progressChanged.connect(self._progress)
        run.message.connect(self._log)
        run.finished.connect(self._run_finished)
        self._set_running(True)
        run.start()
        return run

    def cancel_run(self, *_checked) -> None:
        if self.run is not None and self.run.running:
            self.run.cancel()
            self.cancelButton.setEnabled(False)

    def stop_for_unload(self, wait_ms: int) -> None:
        """Cancel a running analysis and wait (at most ``wait_ms``) for its step to stop,
        so that nothing the run owns is deleted under a running task."""
        if self.run is None or not self.run.running:
            return
        task = self.run.current_task
        self.run.cancel()
        if task is not None:
            task.waitForFinished(wait_ms)

    def _progress(self, percent: float) -> None:
        self.progressBar.setValue(int(round(percent)))

    def _log(self, text: str, level: int) -> None:
        prefix = {WARNING: tr("Warning: "), ERROR: tr("Error: ")}.get(level, "")
        self.logView.appendPlainText(prefix + text)

    def _show_status(self, text: str, level: Optional[int] = None) -> None:
        show_status(self.statusLabel, text, level)

    def _announce_end(self, ok: bool, text: str) -> None:
        """Say how the run ended (status line, message bar) and emit runFinished."""
        announce_end(self.iface, self.statusLabel, ok, self.run.cancelled, text)
        self.runFinished.emit(ok, text)


def show_status(label, text: str, level: Optional[int] = None) -> None:
    """Show ``text`` in a dialog's status label, coloured for a WARNING or an ERROR.

    The text is shown as plain text: it names layers and fields, whose names are the
    user's text and must never be read as markup."""
    colour = {WARNING: "#8a5a00", ERROR: "#b00020"}.get(level)
    label.setStyleSheet(f"color: {colour};" if colour else "")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)


def new_run_folder(parent: Path, stamp: str) -> Path:
    """A folder for one run's files in ``parent``, made now and never one that existed
    (``community_asset_gaps_<stamp>``, then ``_2``, ``_3``... when that name is taken), so
    a run never overwrites the files of another."""
    base = f"community_asset_gaps_{stamp}"
    number = 1
    while True:
        folder = parent / (base if number == 1 else f"{base}_{number}")
        try:
            folder.mkdir(parents=True)
        except FileExistsError:
            number += 1
            continue
        return folder


def announce_end(iface, label, ok: bool, cancelled: bool, text: str) -> None:
    """Say how a run ended: in the dialog's status label and QGIS's message bar."""
    show_status(label, text, None if ok else (WARNING if cancelled else ERROR))
    if iface is not None:
        level = Qgis.MessageLevel.Success if ok else (
            Qgis.MessageLevel.Warning if cancelled else Qgis.MessageLevel.Critical)
        iface.messageBar().pushMessage(tr("Community Asset Gaps"), text, level, 10)
