"""Draw docs/images/polygon_judgement.png: one grid cell of the Helsinki sample judged at
one point and by area share, side by side (developer tool, not shipped).

Usage (from the repository root; needs QGIS's Python)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/judgement_picture.py [--output PATH]

It scores the cells the demo studies (tools/demo.py: the same kinds, thresholds and cells)
both ways, picks the cell whose two judgements differ most (the point judgement missing
the most kinds while the area shares reach them), and draws it twice over the sample's
streets: on the left its one point and what that point reaches, on the right the part of
the cell within reach of every kind, which carries that share of its people.
"""

import argparse
import sys
from pathlib import Path

import demo

from headless import REPO_ROOT, register_provider, start_qgis

OUTPUT = REPO_ROOT / "docs" / "images" / "polygon_judgement.png"
PANEL_PX = 560
HEADER_PX = 70
FOOTER_PX = 112
MARGIN_M = 90.0  # street context around the cell
REACHED_COLOUR = "#5ec962"
CELL_COLOUR = "#000000"
STREET_COLOUR = "#9a9a9a"
POINT_COLOUR = "#d7191c"


def score_both_ways():
    """The studied cells judged by area share and at one point: (by area rows, at point
    rows, the surface layer), rows as dicts by feature id of the cells."""
    import processing

    cells, _ = demo.study_cells()
    names = [kind for kind, _ in demo.KINDS]
    params = {
        "NETWORK": demo.sample(demo.NETWORK_LAYER), "ORIGINS": cells,
        "POPULATION_FIELD": demo.POPULATION_FIELD,
        "ASSETS": [demo.sample(kind) for kind in names], "ASSET_NAMES": ",".join(names),
        "THRESHOLDS": ",".join(str(breaks[-1]) for _, breaks in demo.KINDS)}
    by_area = processing.run("assetgaps:accessscore", dict(
        params, POLYGON_ORIGINS=0, OUTPUT="memory:", OUTPUT_SURFACE="memory:"))
    at_point = processing.run("assetgaps:accessscore", dict(
        params, POLYGON_ORIGINS=1, OUTPUT="memory:"))
    return (list(by_area["OUTPUT"].getFeatures()), list(at_point["OUTPUT"].getFeatures()),
            by_area["OUTPUT_SURFACE"], cells)


def chosen_cell(by_area, at_point):
    """(index, area row, point row) of the cell whose judgements differ most."""
    def gap(pair):
        area, point = pair[1]
        if area["status"] != "ok" or point["status"] != "ok":
            return -1
        return point["n_missing"] - area["n_missing"]

    index, (area, point) = max(enumerate(zip(by_area, at_point)), key=gap)
    return index, area, point


def shapely_of(geometry):
    from shapely import wkb

    return wkb.loads(bytes(geometry.asWkb()))


def draw(cell, point, reached, streets, area_row, point_row, kinds, output: Path):
    from qgis.PyQt.QtCore import QPointF, QRectF, Qt
    from qgis.PyQt.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen

    xmin, ymin, xmax, ymax = cell.buffer(MARGIN_M).bounds
    scale = PANEL_PX / max(xmax - xmin, ymax - ymin)
    width, height = 2 * PANEL_PX, HEADER_PX + PANEL_PX + FOOTER_PX
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def to_px(x, y, left):
        return QPointF(left + (x - xmin) * scale, HEADER_PX + (ymax - y) * scale)

    def polygon_path(shape, left):
        path = QPainterPath()
        for part in getattr(shape, "geoms", [shape]):
            if part.geom_type != "Polygon":
                continue
            for ring in [part.exterior] + list(part.interiors):
                coords = list(ring.coords)
                path.moveTo(to_px(*coords[0][:2], left))
                for x, y in (c[:2] for c in coords[1:]):
                    path.lineTo(to_px(x, y, left))
                path.closeSubpath()
        return path

    def text(rect, words, size, bold=False):
        font = QFont(demo.MAP_FONT)
        font.setPointSize(size)
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(QPen(QColor("#000000")))
        painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), words)

    n_kinds = len(kinds)
    shares = [area_row[f"{kind}_share"] for kind in kinds]
    spread = f"{min(shares):.0f}%" if round(min(shares)) == round(max(shares)) else \
        f"{min(shares):.0f}% to {max(shares):.0f}%, depending on the kind,"
    people = area_row[demo.POPULATION_FIELD]
    titles = ("At one point on the cell", "By the share of its area")
    captions = (
        f"The cell is judged where its one point joins the streets. Here that point "
        f"reaches {point_row['n_reached']} of the {n_kinds} kinds, so all "
        f"{people:,.0f} people count as missing {point_row['n_missing']} kinds: a desert.",
        f"Green: the part of the cell within reach of all {n_kinds} kinds. Its people "
        f"count by the share within reach: {spread} so the cell reaches all {n_kinds} "
        "kinds (at least 50% each) and is no desert.")
    for panel in (0, 1):
        left = panel * PANEL_PX
        painter.save()
        painter.setClipRect(QRectF(left, HEADER_PX, PANEL_PX, PANEL_PX))
        if panel == 1:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(REACHED_COLOUR)))
            painter.drawPath(polygon_path(reached, left))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(STREET_COLOUR), 1.2))
        for line in streets:
            for part in getattr(line, "geoms", [line]):
                coords = [c[:2] for c in part.coords]
                for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
                    painter.drawLine(to_px(x0, y0, left), to_px(x1, y1, left))
        painter.setPen(QPen(QColor(CELL_COLOUR), 2.5))
        painter.drawPath(polygon_path(cell, left))
        if panel == 0:
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.setBrush(QBrush(QColor(POINT_COLOUR)))
            painter.drawEllipse(to_px(point.x, point.y, left), 8, 8)
        painter.restore()
        painter.setPen(QPen(QColor("#cccccc"), 1))
        painter.drawRect(QRectF(left + 0.5, HEADER_PX, PANEL_PX - 1, PANEL_PX))
        text(QRectF(left + 16, 16, PANEL_PX - 32, HEADER_PX - 16), titles[panel], 16,
             bold=True)
        text(QRectF(left + 16, HEADER_PX + PANEL_PX + 12, PANEL_PX - 32, FOOTER_PX - 16),
             captions[panel], 12)
    painter.end()
    output.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(output), "PNG"):
        raise OSError(f"could not write {output}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default=str(OUTPUT), help=f"default: {OUTPUT}")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    app = start_qgis()
    provider = register_provider()  # noqa: F841 - keep the algorithms registered
    from qgis.core import QgsVectorLayer

    by_area, at_point, surface, cells = score_both_ways()
    index, area_row, point_row = chosen_cell(by_area, at_point)
    cell = shapely_of(list(cells.getFeatures())[index].geometry())
    kinds = [kind for kind, _ in demo.KINDS]
    reached = [shapely_of(piece.geometry()) for piece in surface.getFeatures()
               if piece["n_reached"] == len(kinds)]
    from shapely.ops import unary_union

    reached = unary_union(reached).intersection(cell)
    network = QgsVectorLayer(demo.sample(demo.NETWORK_LAYER), "network", "ogr")
    view = cell.buffer(MARGIN_M * 1.5)
    streets = [line for line in (shapely_of(f.geometry()) for f in network.getFeatures())
               if line.intersects(view)]
    draw(cell, cell.representative_point(), reached, streets, area_row, point_row, kinds,
         Path(args.output))
    print(f"wrote {args.output}: {area_row[demo.POPULATION_FIELD]:,.0f} people, "
          f"{reached.area / cell.area:.0%} of the cell within reach of every kind")
    del by_area, at_point, surface, cells, network
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
