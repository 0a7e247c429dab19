"""The insights tab: minutes a week, the change a session makes by kind of routine, and episodes a day
against the day's factors, drawn with QtCharts, with only what the diary can honestly say about them.

Built the first time the tab is shown, so QtCharts and the queries behind it cost the first frame nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from relaxapp.core import stats
from relaxapp.core.history_wording import change_note, findings_html, minutes_note
from relaxapp.core.record import Scale
from relaxapp.core.wording import KIND_NAMES, SCALE_NAMES
from relaxapp.logic.progress import WEEKS, InsightsData, Progress
from relaxapp.ui.charts import Bars, ChartCard, ChartView, Look, draw_bars
from relaxapp.ui.history import twitch_charts
from relaxapp.ui.history.tab import HistoryTab
from relaxapp.ui.theme import Colours


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
        self.minutes_card = ChartCard("Minutes of practice a week")
        self.change_card = ChartCard("Change in ratings after a session, by kind of routine")
        self.episodes_card = ChartCard("Twitches a day, on days with and without each factor")
        self.places_card = ChartCard("Twitches by place and side, the last 12 months")
        self.twitch_weeks_card = ChartCard("Twitches a week, with the weeks of injections marked")
        self.since_injection_card = ChartCard("Twitches a week, by the weeks since the last injection")
        self.minutes_chart = self.minutes_card.view
        self.change_chart = self.change_card.view
        self.episodes_chart = self.episodes_card.view
        self.places_chart = self.places_card.view

        # The findings beside the chart they speak of; practice and what it changes; twitches and
        # injections; where the twitches were. The first two rows fit the window's usual size; the rest
        # scroll into view with the page (HistoryPage makes room for them all: one scroll bar, not two).
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        grid.addWidget(self.findings, 0, 0)
        grid.addWidget(self.episodes_card, 0, 1)
        grid.addWidget(self.minutes_card, 1, 0)
        grid.addWidget(self.change_card, 1, 1)
        grid.addWidget(self.twitch_weeks_card, 2, 0)
        grid.addWidget(self.since_injection_card, 2, 1)
        grid.addWidget(self.places_card, 3, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)

    def set_look(self, colours: Colours) -> None:
        super().set_look(colours)
        if self._data is not None:
            self._draw(self._data)

    def refresh(self) -> None:
        self._data = self._progress.insights()
        self._draw(self._data)

    # -- drawing ---------------------------------------------------------------------------------

    def _draw(self, data: InsightsData) -> None:
        look = Look(self._colours, self.font())
        colours = self._colours
        week_labels = [f"{week.start.day} {week.start:%b}" for week in data.weeks]
        minutes = [round(week.minutes) for week in data.weeks]
        draw_bars(
            self.minutes_chart.chart(),
            look,
            f"Minutes a week, the last {WEEKS} weeks",
            week_labels,
            [Bars("Minutes", [float(value) for value in minutes], colours.accent)],
            value_title="Minutes",
            value_format="%d",
            standing=True,
        )
        self.minutes_card.say(minutes_note(data.sessions, WEEKS), drawn=bool(data.sessions))
        self.minutes_chart.setAccessibleDescription(
            "; ".join(
                f"week of {label}: {value} min" for label, value in zip(week_labels, minutes, strict=True)
            )
        )

        rated = stats.rated_by_kind(data.changes.values())
        kinds = [kind for kind, count in rated.items() if count >= stats.MIN_RATED_SESSIONS]
        by_scale = {scale: {change.kind: change for change in data.changes[scale]} for scale in Scale}
        scale_colours = {Scale.TENSION: colours.accent, Scale.TWITCH: colours.hold}
        draw_bars(
            self.change_chart.chart(),
            look,
            "Change after a session",
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
                if any(kind in by_scale[scale] for kind in kinds)  # no bars of zeros for a scale not rated
            ],
            value_title="After − before: below 0 is calmer",
            value_format="%.1f",
        )
        self.change_card.say(change_note(rated), drawn=bool(kinds))
        self.change_chart.setAccessibleDescription(
            "; ".join(
                f"{KIND_NAMES[change.kind]}, {SCALE_NAMES[scale].lower()}: {change.average:+.1f} "
                f"over {change.sessions} sessions"
                for scale in Scale
                for change in data.changes[scale]
                if change.kind in kinds
            )
        )

        charted = data.episodes.measured
        self.episodes_card.setVisible(bool(charted))  # the findings beside it say why, when it is not
        draw_bars(
            self.episodes_chart.chart(),
            look,
            "Twitches a day",
            [stats.factor_label(comparison.factor) for comparison in charted],
            [
                Bars("Days with it", [round(c.mean_with, 1) for c in charted], colours.accent),
                Bars("Other days", [round(c.mean_without, 1) for c in charted], colours.ink_soft),
            ],
            value_title="Twitches a day",
            value_format="%.1f",
        )
        # What it stands on is the findings' first line, beside it.
        self.episodes_card.say("", drawn=bool(charted))
        self.episodes_chart.setAccessibleDescription(" ".join(c.sentence for c in charted))
        self.findings.setText(findings_html(data.episodes))
        twitch_charts.draw_places(self.places_card, data, look)
        twitch_charts.draw_twitch_weeks(self.twitch_weeks_card, data, look)
        twitch_charts.draw_since_injection(self.since_injection_card, data, look)
        for view in self.findChildren(ChartView):
            view.setBackgroundBrush(QColor(colours.background))  # behind the chart's rounded corners
