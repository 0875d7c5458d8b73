"""The Processing provider ``assetgaps``."""

from qgis.core import QgsApplication, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.definitions import PROVIDER_ID
from .accessscore import AccessScoreAlgorithm
from .areaprofile import AreaProfileAlgorithm
from .base import ICONS
from .bestsites import BestSitesAlgorithm
from .catchments import CatchmentsAlgorithm
from .deserts import DesertsAlgorithm
from .layers import tr
from .model import attach_steps, load_model
from .networkcheck import NetworkCheckAlgorithm
from .scenario import ScenarioAlgorithm


class AssetGapsProvider(QgsProcessingProvider):
    """Community asset gaps algorithms."""

    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return tr("Community asset gaps")

    def longName(self) -> str:
        return self.name()

    def icon(self) -> QIcon:
        return QIcon(str(ICONS / "icon.svg"))

    def loadAlgorithms(self) -> None:
        for algorithm in (CatchmentsAlgorithm(), AccessScoreAlgorithm(),
                          NetworkCheckAlgorithm(), DesertsAlgorithm(),
                          AreaProfileAlgorithm(), ScenarioAlgorithm(), BestSitesAlgorithm()):
            self.addAlgorithm(algorithm)
        self.model = load_model()
        if self.model is None:
            return
        self.addAlgorithm(self.model)
        registry = QgsApplication.processingRegistry()
        if registry.providerById(self.id()) is None:
            # being registered: the model's steps (our algorithms) are found once we are
            registry.providerAdded.connect(self._provider_added)
        else:
            attach_steps(self.model)

    def _provider_added(self, provider_id: str) -> None:
        if provider_id != self.id():
            return
        QgsApplication.processingRegistry().providerAdded.disconnect(self._provider_added)
        if self.model is not None:
            attach_steps(self.model)
