"""Picture of the shipped model as the graphical modeller draws it (developer tool, not
shipped).

    QT_QPA_PLATFORM=offscreen python3 tools/model_screenshot.py [docs/images/model.png]

Loads resources/models/community_asset_gaps.model3 into the modeller's own scene
(QgsModelGraphicsScene), as the modeller does when the model is opened, and renders the
scene to a PNG. tests/test_model.py checks the same scene: no box covers another.
"""

import sys
from pathlib import Path

from headless import REPO_ROOT, register_provider, start_qgis

MARGIN_PX = 20


def model_scene(model):
    """The modeller's scene of ``model``, with every input, step and output drawn."""
    from qgis.core import QgsProcessingContext
    from qgis.gui import QgsModelGraphicsScene

    scene = QgsModelGraphicsScene()
    scene.setModel(model)
    scene.createItems(model, QgsProcessingContext())
    return scene


def component_boxes(model, scene):
    """(name, kind, QRectF in scene coordinates) of the box the scene draws for every
    input, step and output of ``model``; a component the scene did not draw is left out."""
    components = [(name, "input", component.position())
                  for name, component in model.parameterComponents().items()]
    for child_id, step in model.childAlgorithms().items():
        components.append((child_id, "step", step.position()))
        components += [(f"{child_id}:{name}", "output", output.position())
                       for name, output in step.modelOutputs().items()]
    boxes = []
    for name, kind, position in components:
        item = scene.componentItemAt(position)
        if item is not None:
            boxes.append((name, kind, item.sceneBoundingRect()))
    return boxes


def render(scene, path) -> Path:
    from qgis.PyQt.QtCore import QRectF
    from qgis.PyQt.QtGui import QColor, QImage, QPainter

    rect = scene.itemsBoundingRect().adjusted(-MARGIN_PX, -MARGIN_PX, MARGIN_PX, MARGIN_PX)
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise RuntimeError(f"could not save {path}")
    return path


def main(argv) -> int:
    app = start_qgis()  # noqa: F841 - keeps the application alive
    provider = register_provider()  # noqa: F841 - the model's steps must resolve
    from qgis.core import QgsApplication

    model = QgsApplication.processingRegistry().algorithmById("assetgaps:assetgapspipeline")
    target = Path(argv[1]) if len(argv) > 1 else REPO_ROOT / "docs" / "images" / "model.png"
    print(render(model_scene(model), target))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
