"""Bar charts drawn the app's way with QtCharts: for the insights tab, and as images in the visit report.

Each bar carries its value at its end only where every such label fits beside its neighbours; where they
would overlap (many weeks, large numbers, a narrow window) the axis alone tells the values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QFrame, QGraphicsScene, QLabel, QVBoxLayout, QWidget

from relaxapp.ui.theme import Colours

EMPTY_CHART_TOP = 10.0
LABEL_GAP = 2.0  # pixels at least between two value labels
CARD_CHART_HEIGHT = 225
MAX_NAMED_CATEGORIES = 5  # names under a long run of standing bars


@dataclass(frozen=True)
class Bars:
    name: str
    values: list[float]
    colour: str


@dataclass(frozen=True)
class Look:
    """What a chart is drawn with: the theme's colours and the text font it is sized from."""

    colours: Colours
    font: QFont


def sized(font: QFont, factor: float) -> QFont:
    # The style sheet sizes widget fonts in pixels; a chart's texts are not widgets and need telling.
    scaled = QFont(font)
    if font.pixelSize() > 0:
        scaled.setPixelSize(max(round(font.pixelSize() * factor), 9))
    else:
        scaled.setPointSizeF(max(font.pointSizeF() * factor, 7.0))
    return scaled


def draw_bars(
    chart: QChart,
    look: Look,
    title: str,
    categories: Sequence[str],
    sets: Sequence[Bars],
    *,
    value_title: str,
    value_format: str,
    standing: bool = False,
    stacked: bool = False,
) -> None:
    """Bars in `sets` across `categories`, each carrying its value at its end where it fits. Lying down,
    each names its category on the left, where a name has more room than under a bar. Standing (a run of
    weeks), a few are named: QBarCategoryAxis would cut every name short to fit each under its bar.
    Stacked bars make one pile per category and carry no value labels: the axis reads their lengths."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    chart.setTitle(title)
    kinds = {
        (True, True): QStackedBarSeries,
        (True, False): QBarSeries,
        (False, True): QHorizontalStackedBarSeries,
        (False, False): QHorizontalBarSeries,
    }
    series: QAbstractBarSeries = kinds[standing, stacked]()
    for bars in sets:
        bar_set = QBarSet(bars.name)
        # Lying bars stack their categories from the bottom up: given reversed, the first is on top.
        bar_set.append(bars.values if standing else list(reversed(bars.values)))
        bar_set.setColor(QColor(bars.colour))
        bar_set.setBorderColor(QColor(bars.colour))
        series.append(bar_set)
    series.setLabelsVisible(not stacked)
    series.setLabelsFormat("@value")
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    names: QAbstractAxis = (
        named_now_and_then(categories)
        if standing
        else QBarCategoryAxis(categories=list(reversed(categories)))
    )
    values = QValueAxis()
    values.setTitleText(value_title)
    values.setLabelFormat(value_format)
    every = (
        [sum(column) for column in zip(*(bars.values for bars in sets), strict=True)]
        if stacked and sets
        else [value for bars in sets for value in bars.values]
    )
    # Room above (and below) the longest bar for its label; zero always shown, so a bar starts there.
    low, high = min([0.0, *every]), max([0.0, *every])
    margin = (high - low) * 0.15 or EMPTY_CHART_TOP  # nothing yet: an axis of whole steps, not 0.2s
    values.setRange(low - (margin if low < 0 else 0), high + margin)
    values.applyNiceNumbers()
    chart.addAxis(names, Qt.AlignmentFlag.AlignBottom if standing else Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft if standing else Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(values)
    chart.legend().setVisible(len(sets) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    style(chart, look)


def mark_categories(chart: QChart, look: Look, indices: Sequence[int], name: str) -> None:
    """A marker at the top of each of the bars' categories `indices` (weeks with an injection), named in
    the legend; drawn after draw_bars, on its axes."""
    if not indices:
        return
    names, values = chart.axes(Qt.Orientation.Horizontal)[0], chart.axes(Qt.Orientation.Vertical)[0]
    assert isinstance(values, QValueAxis)
    marks = QScatterSeries()
    marks.setName(name)
    marks.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
    marks.setMarkerSize(11)
    marks.setColor(QColor(look.colours.episode_mark))
    marks.setBorderColor(QColor(look.colours.episode_mark))
    near_top = values.max() - (values.max() - values.min()) * 0.04  # whole, not cut by the plot's edge
    for index in indices:
        marks.append(float(index), near_top)
    chart.addSeries(marks)
    marks.attachAxis(names)
    marks.attachAxis(values)
    chart.legend().setVisible(True)


def named_now_and_then(categories: Sequence[str]) -> QCategoryAxis:
    """Bars stand at 0, 1, 2…; the names sit under every third, or under fewer of a long run so that each
    has room (five names at most), counted back from the last (this week's)."""
    step = max(3, math.ceil(len(categories) / MAX_NAMED_CATEGORIES))
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(-0.5, len(categories) - 0.5)
    for index in range((len(categories) - 1) % step, len(categories), step):
        axis.append(categories[index], index)
    return axis


def style(chart: QChart, look: Look) -> None:
    colours = look.colours
    text, soft = QColor(colours.ink), QColor(colours.ink_soft)
    small, title = sized(look.font, 0.8), sized(look.font, 0.93)
    title.setWeight(QFont.Weight.DemiBold)
    chart.setBackgroundBrush(QColor(colours.surface))
    chart.setBackgroundPen(QPen(QColor(colours.border)))
    chart.setBackgroundRoundness(10)
    chart.setTitleBrush(text)
    chart.setTitleFont(title)
    chart.legend().setLabelColor(text)
    chart.legend().setFont(small)
    for axis in chart.axes():
        axis.setLabelsColor(soft)
        axis.setLabelsFont(small)
        axis.setTitleBrush(soft)
        axis.setTitleFont(small)
        axis.setLinePenColor(QColor(colours.border_strong))
        axis.setGridLineColor(QColor(colours.border))
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for bar_set in series.barSets():
                bar_set.setLabelColor(text)
                bar_set.setLabelFont(small)


def fit_value_labels(chart: QChart) -> None:
    """Show the value labels of the chart's (unstacked) bars only if each fits in its bar's lane.

    Standing bars sit side by side: a label wider than its bar's lane would run into the next one. Lying
    bars sit one above the other: a label taller than its bar's lane would. Call it once the chart has its
    size (the plot area is known then)."""
    chart.layout().activate()
    plot = chart.plotArea()
    for series in chart.series():
        if not isinstance(series, QBarSeries | QHorizontalBarSeries) or not series.barSets():
            continue
        sets = series.barSets()
        count = max(bar_set.count() for bar_set in sets)
        if not count:
            continue
        standing = isinstance(series, QBarSeries)
        lane = (plot.width() if standing else plot.height()) / count * series.barWidth() / len(sets)
        metrics = QFontMetricsF(sets[0].labelFont())
        if standing:
            needed = max(
                metrics.horizontalAdvance(_label_text(value))
                for bar_set in sets
                for value in _values(bar_set)
            )
        else:
            needed = metrics.height()
        series.setLabelsVisible(needed + LABEL_GAP <= lane)


def _values(bar_set: QBarSet) -> list[float]:
    return [bar_set.at(index) for index in range(bar_set.count())]


def _label_text(value: float) -> str:
    return f"{value:g}"


class ChartView(QChartView):
    """A chart on a page: antialiased, framed by its card, its value labels fitted whenever it is resized."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(QChart(), parent)
        self.setObjectName("chart")
        self.setAccessibleName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        chart = self.chart()
        chart.setMargins(QMargins(4, 4, 20, 4))  # room for the last week's name, centred on its bar
        chart.layout().setContentsMargins(0, 0, 0, 0)  # the card's edge is the view's edge

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_value_labels(self.chart())

    def refit(self) -> None:
        """After the bars changed: labels shown or hidden for the present size."""
        fit_value_labels(self.chart())


class ChartCard(QWidget):
    """A chart with a line under it saying what it stands on, or, in its place, why it is not drawn."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.view = ChartView(name)
        self.view.setMinimumHeight(CARD_CHART_HEIGHT)
        self.note = QLabel()
        self.note.setObjectName("chartNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view)
        layout.addWidget(self.note)

    def say(self, note: str, *, drawn: bool) -> None:
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.view.setVisible(drawn)
        self.view.refit()


def chart_image(chart: QChart, size: QSize, scale: float) -> QImage:
    """`chart` drawn at `size` (logical pixels) into an image `scale` times as dense, for print."""
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, size.width(), size.height()))
    fit_value_labels(chart)
    image = QImage(round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), QRectF(0, 0, size.width(), size.height()))
    painter.end()
    scene.removeItem(chart)  # the caller's chart, not the scene's to delete
    return image
