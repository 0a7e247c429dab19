"""The history as a calendar: days of practice shaded by their minutes, days with twitches and days with
a treatment marked; every day that holds anything says it in its tooltip.

Only the month on show is read from the store, again whenever the person turns the page.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QResizeEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QBoxLayout,
    QCalendarWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.history_wording import SHADE_NAMES, day_text, month_text
from relaxapp.core.stats import DayFacts
from relaxapp.logic.progress import Progress
from relaxapp.ui.announce import announce
from relaxapp.ui.history.dates import py_date, qt_date
from relaxapp.ui.history.tab import HistoryTab
from relaxapp.ui.theme import Colours

# The theme's shade for a day of practice, by its minutes (at least the first number): three steps a person
# can tell apart at a glance, each light (or dark) enough for the day's number to stay readable.
SHADES = ((20.0, "practice_much"), (10.0, "practice_some"), (0.0, "practice_little"))
# The month arrows, drawn in the theme's ink: the style's own arrows are a grey that vanishes on dark.
ARROW_SIZE = 16
WEEK = 7  # days, each a column of the month
# How tall a row of the month is, in lines of its text: the day's number with air above and below. Stretched
# to the window's height, six weeks of cells 70 px tall made the month look sparse.
ROW_LINES = 2.5
ARROWS = {"qt_calendar_prevmonth": Qt.ArrowType.LeftArrow, "qt_calendar_nextmonth": Qt.ArrowType.RightArrow}


def shade(colours: Colours, minutes: float) -> QColor:
    name = next(name for least, name in SHADES if minutes >= least)
    return QColor(getattr(colours, name))


def arrow_icon(colours: Colours, pointing: Qt.ArrowType) -> QIcon:
    """A chevron in the ink, and in the disabled ink for the month after this one (it cannot be shown)."""
    icon = QIcon()
    for mode, ink in ((QIcon.Mode.Normal, colours.ink), (QIcon.Mode.Disabled, colours.disabled_ink)):
        for ratio in (1.0, 2.0):
            pixmap = QPixmap(round(ARROW_SIZE * ratio), round(ARROW_SIZE * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(QColor(ink), 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            tip, back = (5.0, 11.0) if pointing == Qt.ArrowType.LeftArrow else (11.0, 5.0)
            painter.drawPolyline([QPointF(back, 3.0), QPointF(tip, 8.0), QPointF(back, 13.0)])
            painter.end()
            icon.addPixmap(pixmap, mode)
    return icon


def month_height(calendar: QCalendarWidget, days: QTableView) -> int:
    """How tall the month is with rows of ROW_LINES lines of its text (the days' names, then six weeks),
    and no shorter than Qt's calendar needs."""
    bar = calendar.findChild(QWidget, "qt_calendar_navigationbar")
    rows = 7 * round(calendar.fontMetrics().lineSpacing() * ROW_LINES)
    height = (bar.sizeHint().height() if bar is not None else 0) + 2 * days.frameWidth() + rows
    return max(height, calendar.minimumSizeHint().height())


class CalendarView(HistoryTab):
    """A month of practice and twitches; choosing a day says what it held."""

    def __init__(self, progress: Progress, parent: QWidget | None = None) -> None:
        super().__init__(progress, parent)
        self._facts: dict[date, DayFacts] = {}

        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("historyCalendar")
        self.calendar.setAccessibleName("Calendar of practice and twitches")
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # as the weeks of stats.week_start
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.calendar.setGridVisible(False)
        self.calendar.setMaximumDate(qt_date(self._progress.today()))
        self.calendar.setSelectedDate(qt_date(self._progress.today()))
        self.calendar.currentPageChanged.connect(lambda _year, _month: self.refresh())
        self.calendar.selectionChanged.connect(self._describe_chosen)

        self.month = QLabel()
        self.month.setObjectName("rowTitle")
        self.month.setWordWrap(True)
        # The chosen day in words: what the tooltips say, for the keyboard and for screen readers.
        self.chosen = QLabel()
        self.chosen.setObjectName("calendarDay")
        self.chosen.setWordWrap(True)
        self._swatches: list[QLabel] = []
        legend = QGridLayout()
        legend.setHorizontalSpacing(8)
        legend.setVerticalSpacing(6)
        for row, name in enumerate(SHADE_NAMES):
            swatch = QLabel()
            swatch.setFixedSize(18, 18)
            self._swatches.append(swatch)
            legend.addWidget(swatch, row, 0)
            legend.addWidget(_wrapping(f"Practice, {name}"), row, 1)
        self.episode_key = QLabel("12")
        self.episode_key.setAlignment(Qt.AlignmentFlag.AlignCenter)  # under the swatches, however large
        legend.addWidget(self.episode_key, len(SHADE_NAMES), 0)
        legend.addWidget(_wrapping("Red, underlined: twitches logged"), len(SHADE_NAMES), 1)
        self.treatment_key = QLabel("12")
        self.treatment_key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        legend.addWidget(self.treatment_key, len(SHADE_NAMES) + 1, 0)
        legend.addWidget(_wrapping("Line above: a treatment that day"), len(SHADE_NAMES) + 1, 1)

        side = QVBoxLayout()
        side.setSpacing(12)
        side.addWidget(self.month)
        side.addWidget(self.chosen)
        side.addSpacing(8)
        side.addLayout(legend)
        side.addStretch()
        # In a short window or with larger text the history page scrolls it with the rest (one scroll bar).
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.calendar, 3, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(side, 2)
        self._body, self._side = layout, side

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit(event.size().width())
        super().resizeEvent(event)

    def days(self) -> QTableView:
        """The calendar's grid of days, Qt's own: looked up each time, as a kept reference to a child Qt
        made can outlive it (PySide then says it was deleted)."""
        days = self.calendar.findChild(QTableView, "qt_calendar_calendarview")
        assert days is not None, "Qt's calendar keeps its days in a table view of this name"
        return days

    def _fit(self, width: int) -> None:
        """The month's words and the legend beside the calendar where both fit, else under it; the month
        as tall as its rows need, the room left below it."""
        # Beside needs room for the days' short names too ("Wed", not "W…"), which Qt's hint leaves out:
        # each column as wide as its cells ask, the style sheet's padding and all.
        days = self.days()
        column = max(days.sizeHintForColumn(day) for day in range(WEEK))
        names = column * WEEK + 2 * days.frameWidth()
        month = max(self.calendar.minimumSizeHint().width(), names)
        self.calendar.setMinimumWidth(month)  # beside the legend, it takes no less
        self.calendar.setFixedHeight(month_height(self.calendar, days))
        # As narrow as the month alone, the words under it: the side-by-side layout's own least width would
        # hold a page made narrower (or its text larger) as wide as both, and this never see it narrow.
        self.setMinimumWidth(max(month, self._side.minimumSize().width()))
        beside = width >= month + self._body.spacing() + self._side.minimumSize().width()
        self._body.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )

    def set_look(self, colours: Colours) -> None:
        super().set_look(colours)
        plain = QTextCharFormat()
        plain.setForeground(QColor(colours.ink))
        # Qt paints weekends red by default: here red means episodes, so weekends look like any other day.
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, plain)
        header = QTextCharFormat()
        header.setForeground(QColor(colours.ink_soft))
        self.calendar.setHeaderTextFormat(header)
        for button in self.calendar.findChildren(QToolButton):
            pointing = ARROWS.get(button.objectName())
            if pointing is not None:  # the month's and the year's buttons keep their words
                button.setIcon(arrow_icon(colours, pointing))
                button.setIconSize(QSize(ARROW_SIZE, ARROW_SIZE))
        for swatch, (least, _) in zip(self._swatches, SHADES, strict=True):
            swatch.setStyleSheet(
                f"background: {shade(colours, least).name()}; border: 1px solid {colours.border};"
                " border-radius: 4px;"
            )
        self.episode_key.setStyleSheet(
            f"color: {colours.episode_mark}; font-weight: 600; text-decoration: underline;"
        )
        self.treatment_key.setStyleSheet("font-weight: 600; text-decoration: overline;")
        self._mark_days()
        self._fit(self.width())  # the look comes with the text size: the month's size follows it

    def refresh(self) -> None:
        """Read the month on show (with the days of its neighbours that share its grid) and mark it."""
        self.calendar.setMaximumDate(
            qt_date(self._progress.today())
        )  # a page left open past midnight gains a day
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        self._facts = self._progress.month(year, month)
        in_month = [facts for day, facts in self._facts.items() if day.month == month]
        self.month.setText(month_text(date(year, month, 1), in_month))
        self._mark_days()
        self._describe_chosen()

    def facts(self, day: date) -> DayFacts | None:
        return self._facts.get(day)

    def _mark_days(self) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears every day's
        for facts in self._facts.values():
            if facts.minutes or facts.episodes or facts.treatments or facts.check_in:
                self.calendar.setDateTextFormat(qt_date(facts.day), self._format(facts))

    def _format(self, facts: DayFacts) -> QTextCharFormat:
        marks = QTextCharFormat()
        marks.setToolTip(day_text(facts))
        if facts.minutes:
            marks.setBackground(shade(self._colours, facts.minutes))
        if facts.episodes:
            marks.setForeground(QColor(self._colours.episode_mark))
            marks.setFontWeight(QFont.Weight.Bold)
            marks.setFontUnderline(True)
        if facts.treatments:  # a line above the number: it reads beside the twitches' line below
            marks.setFontWeight(QFont.Weight.Bold)
            marks.setFontOverline(True)
        return marks

    def _describe_chosen(self) -> None:
        day = py_date(self.calendar.selectedDate())
        facts = self._facts.get(day)
        words = day_text(facts) if facts else f"{day:%a} {day.day} {day:%B}: nothing logged."
        self.chosen.setText(words)
        self.chosen.setAccessibleName(f"The chosen day: {words}")
        if self.calendar.hasFocus():
            # Moving through the days with the arrow keys, a screen reader reads only the day's number
            # from the grid: what the day held is said as well, as the tooltip shows it to the mouse.
            announce(self, words)


def _wrapping(text: str) -> QLabel:
    """A legend's words, on two lines where the side column is narrow (larger text, a small window)."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label
