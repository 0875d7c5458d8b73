"""Community Asset Gaps: where people cannot walk to the places a community needs."""


def classFactory(iface):
    """QGIS plugin entry point."""
    from .plugin import AssetGapsPlugin
    return AssetGapsPlugin(iface)
