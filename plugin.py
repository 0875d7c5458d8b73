"""Plugin entry: registers the Processing provider."""

import importlib.util
import sys
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator
from qgis.PyQt.QtGui import QIcon

PLUGIN_TITLE = "Community Asset Gaps"
ICON = Path(__file__).resolve().parent / "resources" / "icons" / "icon.svg"
SCENARIO_ICON = ICON.with_name("scenario.svg")
# Compiled translations: i18n/community_asset_gaps_<language>.qm (make translations).
I18N = Path(__file__).resolve().parent / "i18n"
# How long unloading waits for a running analysis to stop after Cancel (ms).
UNLOAD_WAIT_MS = 10000
# Python modules the engine needs, with the Debian/Ubuntu package of each.
REQUIRED_MODULES = {"networkx": "python3-networkx", "shapely": "python3-shapely",
                    "pyproj": "python3-pyproj", "numpy": "python3-numpy"}


# core/errors.py's TRANSLATION_CONTEXT, spelled here because this module imports nothing of
# the plugin until the engine's Python dependencies are known to be installed.
TRANSLATION_CONTEXT = "AssetGaps"


def tr(text: str) -> str:
    """Translate a user-visible string in the plugin's context."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


def qgis_language() -> str:
    """The language QGIS speaks, in two letters: the user's choice when "Override system
    locale" is ticked (Settings > Options > General), else the system's."""
    settings = QgsSettings()
    locale = ""
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = str(settings.value("locale/userLocale", "", type=str) or "")
    return (locale or QLocale().name())[:2].lower()


def install_translator(language: str = ""):
    """Install the plugin's translation into ``language`` (default: QGIS's) in the
    application; returns the QTranslator (keep it, and remove it on unload), or None when
    there is no translation into that language."""
    path = I18N / f"community_asset_gaps_{language or qgis_language()}.qm"
    translator = QTranslator()
    if not path.is_file() or not translator.load(str(path)) or \
            not QCoreApplication.installTranslator(translator):
        return None
    return translator


def missing_dependencies() -> list:
    """The REQUIRED_MODULES that QGIS's Python cannot import (checked without importing)."""
    missing = []
    for name in REQUIRED_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


def install_hint(missing: list, platform: str = sys.platform) -> str:
    """How to install the ``missing`` modules on this platform, in plain words."""
    names = " ".join(missing)
    if platform.startswith("win"):
        return tr("On Windows, open the OSGeo4W Shell (Start menu, QGIS folder) and run: "
                  "python -m pip install {names} - or install the qpip plugin, which reads "
                  "this plugin's requirements.txt. Then restart QGIS.").format(names=names)
    if platform == "darwin":
        return tr("On macOS, run QGIS's own pip in Terminal, for example: "
                  "/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install {names} "
                  "(use the name of your QGIS application, e.g. QGIS-LTR.app) - or install "
                  "the qpip plugin, which reads this plugin's requirements.txt. Then restart "
                  "QGIS.").format(names=names)
    packages = " ".join(REQUIRED_MODULES.get(name, f"python3-{name}") for name in missing)
    return tr("On Debian or Ubuntu run: sudo apt install {packages} - elsewhere install "
              "{names} for the Python that QGIS uses. Then restart QGIS.").format(
        packages=packages, names=names)


class AssetGapsPlugin:
    """Loads the ``assetgaps`` Processing provider (also under qgis_process)."""

    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None
        # installed first, so that every message (also under qgis_process) is translated
        self.translator = install_translator()
        # False when a required Python module is missing: nothing from core/ or
        # algorithms/ may be imported then (they import those modules).
        self.dependencies_ok = False
        self._missing_reported = False
        self.action = None  # toolbar button and Vector menu entry opening the dialog
        self.dialog = None
        self.scenario_action = None  # the same for the what-if dialog
        self.scenario_dialog = None

    def check_dependencies(self) -> bool:
        """True when every required module is importable; else tell the user, once."""
        missing = missing_dependencies()
        self.dependencies_ok = not missing
        if missing:
            self.report_missing(missing)
        return self.dependencies_ok

    def report_missing(self, missing: list) -> None:
        """Log which modules are missing and how to install them; show it in the message
        bar when there is a QGIS window."""
        if self._missing_reported:
            return
        self._missing_reported = True
        summary = tr("{plugin} needs the Python packages {names}, which QGIS's Python cannot "
                     "import; its tools are not loaded.").format(
            plugin=PLUGIN_TITLE, names=", ".join(missing))
        message = f"{summary} {install_hint(missing)}"
        level = Qgis.MessageLevel.Critical
        QgsMessageLog.logMessage(message, PLUGIN_TITLE, level)
        if self.iface is not None:
            self.iface.messageBar().pushMessage(tr("Community Asset Gaps"), message,
                                                level, 0)

    def initProcessing(self) -> None:
        if self.provider is not None or not self.check_dependencies():
            return
        try:
            from .algorithms.provider import AssetGapsProvider
        except ImportError as error:  # a module found but broken (e.g. a binary mismatch)
            self.dependencies_ok = False
            self.report_missing([(getattr(error, "name", None) or str(error)).split(".")[0]])
            return
        self.provider = AssetGapsProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.initProcessing()
        if self.iface is None:
            return
        from .algorithms.qgis_compat import QAction

        self.action = QAction(QIcon(str(ICON)), tr("Community Asset Gaps…"),
                              self.iface.mainWindow())
        self.action.setObjectName("communityAssetGapsAction")
        self.action.setStatusTip(tr("Find where people cannot walk to the places a community "
                                    "needs"))
        self.action.triggered.connect(self.open_dialog)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToVectorMenu(tr("Community Asset Gaps"), self.action)
        self.scenario_action = QAction(QIcon(str(SCENARIO_ICON)),
                                       tr("Community Asset Gaps: what if…"),
                                       self.iface.mainWindow())
        self.scenario_action.setObjectName("communityAssetGapsScenarioAction")
        self.scenario_action.setStatusTip(tr("What do people lose if assets close, or gain "
                                             "if new ones are built?"))
        self.scenario_action.triggered.connect(self.open_scenario_dialog)
        self.iface.addToolBarIcon(self.scenario_action)
        self.iface.addPluginToVectorMenu(tr("Community Asset Gaps"), self.scenario_action)

    def _main_dialog(self):
        """The guided dialog (one instance, kept while QGIS runs), made when first needed;
        None when a required module is missing (the user is told)."""
        if not self.dependencies_ok:
            self._missing_reported = False
            self.check_dependencies()
            return None
        if self.dialog is None:
            from .ui.main_dialog import AssetGapsDialog
            self.dialog = AssetGapsDialog(self.iface, self.iface.mainWindow())
        return self.dialog

    def open_dialog(self) -> None:
        """Show the guided dialog."""
        dialog = self._main_dialog()
        if dialog is None:
            return
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_scenario_dialog(self) -> None:
        """Show the what-if dialog, which uses the guided dialog's choices."""
        main = self._main_dialog()
        if main is None:
            return
        if self.scenario_dialog is None:
            from .ui.scenario_dialog import ScenarioDialog
            self.scenario_dialog = ScenarioDialog(main, self.iface, self.iface.mainWindow())
        self.scenario_dialog.show()
        self.scenario_dialog.raise_()
        self.scenario_dialog.activateWindow()

    def unload(self) -> None:
        if self.scenario_dialog is not None:
            self.scenario_dialog.stop_for_unload(UNLOAD_WAIT_MS)
            self.scenario_dialog.close()
            self.scenario_dialog.deleteLater()
            self.scenario_dialog = None
        if self.dialog is not None:
            self.dialog.stop_for_unload(UNLOAD_WAIT_MS)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if self.action is not None:
            self.iface.removePluginVectorMenu(tr("Community Asset Gaps"), self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.deleteLater()
            self.action = None
        if self.scenario_action is not None:
            self.iface.removePluginVectorMenu(tr("Community Asset Gaps"), self.scenario_action)
            self.iface.removeToolBarIcon(self.scenario_action)
            self.scenario_action.deleteLater()
            self.scenario_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
