"""The engine: graphs, costs and geometry in metres. Never imports qgis."""
