"""What the toolbox shows of each algorithm: help that is shown whole, a help link that
works offline, numbers with the decimals they need, only the parameters an algorithm
uses, and log lines that say what they measure."""

from pathlib import Path

import processing
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QTextDocument

from community_asset_gaps.algorithms.parameters import number_decimals
from community_asset_gaps.algorithms.qgis_compat import NUMBER_DOUBLE


def algorithms():
    return QgsApplication.processingRegistry().providerById("assetgaps").algorithms()


def shown(alg) -> str:
    """The help as the algorithm dialog shows it: each line a rich-text paragraph."""
    document = QTextDocument()
    document.setHtml("".join(f"<p>{line}</p>" for line in alg.shortHelpString().split("\n")))
    return document.toPlainText()


def test_help_is_shown_whole_as_rich_text():
    """QGIS renders the help as rich text: "<10" once cut the area profile's help off."""
    for alg in algorithms():
        text = shown(alg)
        assert "Outputs" in text.split("Inputs")[-1], alg.id()
    profile = QgsApplication.processingRegistry().algorithmById("assetgaps:areaprofile")
    assert 'shown as "<10"' in shown(profile)


def test_every_help_link_opens_the_shipped_reference_offline():
    for alg in algorithms():
        url = QUrl(alg.helpUrl())
        assert url.isLocalFile(), alg.id()
        page = Path(url.toLocalFile())
        assert page.is_file(), alg.id()
        assert f'id="{url.fragment()}"' in page.read_text(encoding="utf-8"), alg.id()
        assert url.fragment() == alg.name()


def test_numbers_show_the_decimals_they_need():
    assert (number_decimals(4.8), number_decimals(250.0), number_decimals(0.125)) == (1, 1, 3)
    for alg in algorithms():
        for parameter in alg.parameterDefinitions():
            if parameter.type() == "number" and parameter.dataType() == NUMBER_DOUBLE:
                wrapper = parameter.metadata().get("widget_wrapper", {})
                assert 1 <= wrapper.get("decimals", 0) <= 3, (alg.id(), parameter.name())
    speed = QgsApplication.processingRegistry().algorithmById(
        "assetgaps:accessscore").parameterDefinition("WALK_SPEED")
    assert speed.metadata()["widget_wrapper"]["decimals"] == 1


def test_the_network_check_shows_no_cost_parameters():
    check = QgsApplication.processingRegistry().algorithmById("assetgaps:networkcheck")
    names = {p.name() for p in check.parameterDefinitions()}
    assert "NETWORK" in names and not {"COST_TYPE", "WALK_SPEED"} & names


def test_rings_log_their_band(helsinki_gpkg):
    lines = []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, info):
            lines.append(info)

    processing.run("assetgaps:catchments", {
        "NETWORK": f"{helsinki_gpkg}|layername=walk_network",
        "FACILITIES": f"{helsinki_gpkg}|layername=libraries", "THRESHOLDS": "10,20",
        "OVERLAP": 2, "OUTPUT": "memory:"}, feedback=Feedback())
    assert any(line.startswith("Within 10 min: ") for line in lines), lines
    assert any(line.startswith("From 10 to 20 min: ") for line in lines), lines
    assert not any(line.startswith("Within 20 min") for line in lines)


def test_the_parameter_dialog_shows_the_walking_speed_as_4_8():
    """The widget the algorithm dialog builds for WALK_SPEED shows "4.8", not "4.800000"."""
    from qgis.gui import QgsDoubleSpinBox, QgsGui, QgsProcessingGui

    speed = QgsApplication.processingRegistry().algorithmById(
        "assetgaps:accessscore").parameterDefinition("WALK_SPEED")
    wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
        speed, QgsProcessingGui.WidgetType.Standard)
    widget = wrapper.createWrappedWidget(QgsProcessingContext())
    spins = [widget] if isinstance(widget, QgsDoubleSpinBox) else \
        widget.findChildren(QgsDoubleSpinBox)
    assert spins and spins[0].decimals() == 1
    assert spins[0].text().strip() == "4.8"
