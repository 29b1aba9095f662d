"""Bar chart of a claim's daily subsidy amounts (reportlab graphics)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from .claim import DailyTotal


def daily_chart(daily: tuple[DailyTotal, ...], font: str, width: float, height: float) -> Drawing:
    """Return a drawing of one bar per day, in yuan."""
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # the renderer's default font, else Helvetica is referenced unembedded
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 25, width - 50, height - 45
    # Floats only for bar heights on screen; no money is computed here.
    chart.data = [[d.amount_fen / 100 for d in daily] or [0]]
    chart.categoryAxis.categoryNames = [str(d.day.day) for d in daily] or [""]
    chart.bars[0].fillColor = colors.HexColor("#4a7fb5")
    chart.valueAxis.valueMin = 0
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = font, 7  # the embedded font, never an unembedded Helvetica
    drawing.add(chart)
    drawing.add(String(40, height - 12, "每日补贴金额(元)", fontName=font, fontSize=9))
    return drawing
