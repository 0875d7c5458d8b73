"""Plugin entry: registers the Processing provider."""

from qgis.core import QgsApplication


class AssetGapsPlugin:
    """Loads the ``assetgaps`` Processing provider (also under qgis_process)."""

    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None

    def initProcessing(self) -> None:
        from .algorithms.provider import AssetGapsProvider
        self.provider = AssetGapsProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.initProcessing()

    def unload(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
