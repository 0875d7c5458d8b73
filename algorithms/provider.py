"""The Processing provider ``assetgaps``."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.definitions import PROVIDER_ID
from .base import ICONS
from .accessscore import AccessScoreAlgorithm
from .areaprofile import AreaProfileAlgorithm
from .catchments import CatchmentsAlgorithm
from .networkcheck import NetworkCheckAlgorithm
from .deserts import DesertsAlgorithm
from .layers import tr


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
                          AreaProfileAlgorithm()):
            self.addAlgorithm(algorithm)
