"""The base algorithm: what every algorithm of the provider shares.

An algorithm declares its id, name and help as class attributes, its parameters in
``initAlgorithm`` (from the groups of parameters.py), reads them in ``read_parameters``
(called from ``prepareAlgorithm``, on the main thread, once per run, with the check of
its destinations) and does its work in ``compute``, with the run's parameters, context,
feedback and results on ``self``; the outputs of a run that fails or is cancelled are
removed.
"""

import html
import time
from contextlib import contextmanager
from pathlib import Path

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QIcon

from ..core.geometry import geos_thread_ready
from .layers import tr
from .outputs import OutputParameters
from .parameters import ParameterReader
from .qgis_compat import FLAG_ADVANCED, FLAG_OPTIONAL
from .readers import LayerReaders
from .styles import save_styles

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
# The parameter reference shipped with the plugin (built by
# tools/build_parameter_reference.py from the same definitions as the help panel): the
# help link works offline.
REFERENCE_HTML = Path(__file__).resolve().parent.parent / "docs" / "parameters.html"


def help_url(algorithm_name: str) -> str:
    """The file URL of an algorithm's section in the shipped parameter reference."""
    url = QUrl.fromLocalFile(str(REFERENCE_HTML))
    url.setFragment(algorithm_name)
    return url.toString()


def help_with_parameters(intro: str, parameters) -> str:
    """The help panel's text: ``intro``, then one line per input and per output with its
    help text (the parameters' own help is the one source). QGIS shows it as rich text, so
    the text is escaped ("<10" would start a tag and hide the rest)."""
    sections = [intro.strip()] if intro.strip() else []
    for heading, destination in ((tr("Inputs"), False), (tr("Outputs"), True)):
        lines = []
        for parameter in parameters:
            if parameter.isDestination() != destination:
                continue
            notes = [tr("optional")] if parameter.flags() & FLAG_OPTIONAL else []
            if parameter.flags() & FLAG_ADVANCED:
                notes.append(tr("advanced"))
            name = parameter.description() + (f" ({', '.join(notes)})" if notes else "")
            lines.append(f"\u2022 {name}: {parameter.help()}" if parameter.help()
                         else f"\u2022 {name}")
        if lines:
            sections.append("\n".join([heading] + lines))
    return html.escape("\n\n".join(sections), quote=False)


class StageTimes:
    """Wall seconds spent in each named stage of a run (reading the network, building
    the graph, attaching, searching, polygons, writing...), in the order first met; a
    stage met again adds up."""

    def __init__(self):
        self.seconds = {}

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def summary(self) -> str:
        """One log line: "Time by stage: read network 6.1 s, build graph 3.0 s, ..."."""
        return tr("Time by stage: {stages}; total {total:.1f} s.").format(
            stages=", ".join(f"{name} {seconds:.1f} s" for name, seconds
                             in self.seconds.items()),
            total=sum(self.seconds.values()))


class RunCancelledError(Exception):
    """Raised by ``stop_if_cancelled``: the run ends as a cancelled one, its outputs removed."""


class AssetGapsAlgorithm(LayerReaders, OutputParameters, ParameterReader,
                         QgsProcessingAlgorithm):
    """Shared behaviour: names and help from class attributes, translation, icons, the
    run's state, and the output styles saved once the run is over."""

    # the algorithm id (name()), its name and its help, marked for translation
    ID = ""
    DISPLAY_NAME = ""
    HELP = ""

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return self.ID

    def displayName(self) -> str:
        return tr(self.DISPLAY_NAME)

    def icon(self) -> QIcon:
        path = ICONS / f"{self.name()}.svg"
        return QIcon(str(path if path.exists() else ICONS / "icon.svg"))

    def shortHelpString(self) -> str:
        return help_with_parameters(tr(self.HELP), self.parameterDefinitions())

    def helpUrl(self) -> str:
        return help_url(self.name())

    def read_parameters(self, parameters, context) -> None:
        """Read the run's parameters onto ``self``; raise QgsProcessingException for a
        mistake. Overridden by every algorithm."""

    def compute(self) -> None:
        """Do the work: write the outputs and ``publish`` them. Overridden."""

    def prepareAlgorithm(self, parameters, context, feedback):
        """Read the parameters once, on the main thread (where layers may be touched), and
        check where the outputs go.

        A mistake found here is raised from processAlgorithm instead: Processing reports
        an exception from prepareAlgorithm to scripts only as "There were errors executing
        the algorithm", and the user needs the message that names the parameter."""
        self.input_error = None
        self._sinks, self._existing = [], set()
        try:
            self.read_parameters(parameters, context)
            self.check_destinations(parameters, context)
        except QgsProcessingException as error:
            self.input_error = error
        return True

    def processAlgorithm(self, parameters, context, feedback):
        """Run ``compute``; when it fails or is cancelled, remove the outputs it wrote, so
        that no file looks like a finished result."""
        if self.input_error is not None:
            raise self.input_error
        geos_thread_ready()  # Processing may run the algorithm on a thread of its own
        self.parameters, self.context, self.feedback = parameters, context, feedback
        self.results = {}
        self.stage_times = StageTimes()
        try:
            self.compute()
        except RunCancelledError:
            pass
        except BaseException:
            self.discard_outputs()
            raise
        if feedback.isCanceled():
            self.discard_outputs()
            return {}
        with self.stage(tr("write")):  # closing a GeoPackage builds its spatial index
            self.release_outputs()
        if self.stage_times.seconds:
            feedback.pushInfo(self.stage_times.summary())
        feedback.setProgress(100)
        return self.results

    def stage(self, name: str):
        """Time a stage of the run for the log's "Time by stage" line:
        ``with self.stage(self.tr("search")): ...``."""
        return self.stage_times.stage(name)

    def stop_if_cancelled(self) -> None:
        """End the run here when the user pressed Cancel: between stages that leave
        nothing to return early with (the network half built, say)."""
        if self.feedback.isCanceled():
            raise RunCancelledError()

    def postProcessAlgorithm(self, context, feedback):
        """Save the output styles into GeoPackage outputs (see styles.style_output): done
        here, on the main thread, once the outputs are written and closed."""
        save_styles(self, feedback)
        return {}
