"""The Processing provider ``assetgaps``."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.definitions import PROVIDER_ID
from .base import ICONS
from .accessscore import AccessScoreAlgorithm
from .catchments import CatchmentsAlgorithm
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
        for algorithm in (CatchmentsAlgorithm(), AccessScoreAlgorithm()):
            self.addAlgorithm(algorithm)
