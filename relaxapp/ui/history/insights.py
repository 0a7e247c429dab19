"""The insights tab: minutes a week, the change a session makes by kind of routine, and episodes a day
against the day's factors, drawn with QtCharts, with only what the diary can honestly say about them.

Built the first time the tab is shown, so QtCharts and the queries behind it cost the first frame nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from relaxapp.core import stats
from relaxapp.core.record import Scale
from relaxapp.core.wording import KIND_NAMES, SCALE_NAMES, findings_html
from relaxapp.logic.progress import WEEKS, InsightsData, Progress
from relaxapp.ui.history.tab import HistoryTab
from relaxapp.ui.layouts import scroll_area
from relaxapp.ui.theme import Colours

CHART_HEIGHT = 225


@dataclass(frozen=True)
class Bars:
    name: str
    values: list[float]
    colour: str


def _sized(font: QFont, factor: float) -> QFont:
    # The style sheet sizes widget fonts in pixels; a chart's texts are not widgets and need telling.
    sized = QFont(font)
    if font.pixelSize() > 0:
        sized.setPixelSize(max(round(font.pixelSize() * factor), 9))
    else:
        sized.setPointSizeF(max(font.pointSizeF() * factor, 7.0))
    return sized


EMPTY_CHART_TOP = 10.0


class InsightsView(HistoryTab):
    """Three charts and the findings in words; refresh() reads the store, set_look() recolours."""

    def __init__(self, progress: Progress, parent: QWidget | None = None) -> None:
        super().__init__(progress, parent)
        self._data: InsightsData | None = None

        self.findings = QLabel()
        self.findings.setObjectName("findings")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.minutes_chart = self._chart_view("Minutes of practice a week")
        self.change_chart = self._chart_view("Change in ratings after a session, by kind of routine")
        self.episodes_chart = self._chart_view("Episodes a day, on days with and without each factor")
        for view in (self.minutes_chart, self.change_chart, self.episodes_chart):
            view.setMinimumHeight(CHART_HEIGHT)

        # Two rows that fit the window's usual size: the findings beside the chart they speak of, then
        # practice and what it changes. Smaller windows scroll.
        content = QWidget()
        content.setObjectName("pageContent")
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        grid.addWidget(self.findings, 0, 0)
        grid.addWidget(self.episodes_chart, 0, 1)
        grid.addWidget(self.minutes_chart, 1, 0)
        grid.addWidget(self.change_chart, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll_area(content))

    @staticmethod
    def _chart_view(name: str) -> QChartView:
        view = QChartView(QChart())
        view.setObjectName("chart")
        view.setAccessibleName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setFrameShape(QFrame.Shape.NoFrame)
        chart = view.chart()
        chart.setMargins(QMargins(4, 4, 8, 4))
        chart.layout().setContentsMargins(0, 0, 0, 0)  # the card's edge is the view's edge
        return view

    def set_look(self, colours: Colours) -> None:
        super().set_look(colours)
        if self._data is not None:
            self._draw(self._data)

    def refresh(self) -> None:
        self._data = self._progress.insights()
        self._draw(self._data)

    # -- drawing ---------------------------------------------------------------------------------

    def _draw(self, data: InsightsData) -> None:
        colours = self._colours
        week_labels = [f"{week.start.day} {week.start:%b}" for week in data.weeks]
        minutes = [round(week.minutes) for week in data.weeks]
        self._bars(
            self.minutes_chart,
            f"Minutes a week, the last {WEEKS} weeks",
            week_labels,
            [Bars("Minutes", [float(value) for value in minutes], colours.accent)],
            value_title="Minutes",
            value_format="%d",
            standing=True,
        )
        self.minutes_chart.setAccessibleDescription(
            "; ".join(
                f"week of {label}: {value} min" for label, value in zip(week_labels, minutes, strict=True)
            )
        )

        by_scale = {scale: {change.kind: change for change in data.changes[scale]} for scale in Scale}
        kinds = [kind for kind in KIND_NAMES if any(kind in changes for changes in by_scale.values())]
        scale_colours = {Scale.TENSION: colours.accent, Scale.TWITCH: colours.hold}
        self._bars(
            self.change_chart,
            "Change after a session" if kinds else "Change after a session: no ratings yet",
            [KIND_NAMES[kind] for kind in kinds],
            [
                Bars(
                    SCALE_NAMES[scale],
                    [
                        round(by_scale[scale][kind].average, 1) if kind in by_scale[scale] else 0.0
                        for kind in kinds
                    ],
                    scale_colours[scale],
                )
                for scale in Scale
                if by_scale[scale]  # a scale nobody rated would draw zeros that read as "no change"
            ],
            value_title="After − before: below 0 is calmer",
            value_format="%.1f",
        )
        self.change_chart.setAccessibleDescription(
            "; ".join(
                f"{KIND_NAMES[change.kind]}, {SCALE_NAMES[scale].lower()}: {change.average:+.1f} "
                f"over {change.sessions} sessions"
                for scale in Scale
                for change in data.changes[scale]
            )
        )

        charted = data.episodes.measured
        self.episodes_chart.setVisible(bool(charted))
        self._bars(
            self.episodes_chart,
            "Episodes a day",
            [stats.factor_label(comparison.factor) for comparison in charted],
            [
                Bars("Days with it", [round(c.mean_with, 1) for c in charted], colours.accent),
                Bars("Other days", [round(c.mean_without, 1) for c in charted], colours.ink_soft),
            ],
            value_title="Episodes a day",
            value_format="%.1f",
        )
        self.episodes_chart.setAccessibleDescription(" ".join(c.sentence for c in charted))
        self.findings.setText(findings_html(data.episodes))

    def _bars(
        self,
        view: QChartView,
        title: str,
        categories: Sequence[str],
        sets: Sequence[Bars],
        *,
        value_title: str,
        value_format: str,
        standing: bool = False,
    ) -> None:
        """Bars in `sets` across `categories`, each carrying its value at its end. Lying down, each names
        its category on the left, where a name has more room than under a bar. Standing (a run of weeks),
        every third is named: QBarCategoryAxis would cut every name short to fit each under its bar."""
        chart = view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        series: QAbstractBarSeries = QBarSeries() if standing else QHorizontalBarSeries()
        for bars in sets:
            bar_set = QBarSet(bars.name)
            # Lying bars stack their categories from the bottom up: given reversed, the first is on top.
            bar_set.append(bars.values if standing else list(reversed(bars.values)))
            bar_set.setColor(QColor(bars.colour))
            bar_set.setBorderColor(QColor(bars.colour))
            series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        names = (
            self._named_every_third(categories)
            if standing
            else QBarCategoryAxis(categories=list(reversed(categories)))
        )
        values = QValueAxis()
        values.setTitleText(value_title)
        values.setLabelFormat(value_format)
        every = [value for bars in sets for value in bars.values]
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
        self._style(view)

    @staticmethod
    def _named_every_third(categories: Sequence[str]) -> QCategoryAxis:
        # Bars stand at 0, 1, 2…; the names sit under every third, counted back from the last (this week's).
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis.setRange(-0.5, len(categories) - 0.5)
        for index in range((len(categories) - 1) % 3, len(categories), 3):
            axis.append(categories[index], index)
        return axis

    def _style(self, view: QChartView) -> None:
        colours, chart = self._colours, view.chart()
        text, soft = QColor(colours.ink), QColor(colours.ink_soft)
        small, title = _sized(self.font(), 0.8), _sized(self.font(), 0.93)
        title.setWeight(QFont.Weight.DemiBold)
        view.setBackgroundBrush(QColor(colours.background))  # behind the chart's rounded corners
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
