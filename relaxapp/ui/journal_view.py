"""The spasm journal's screens: log or change a twitch, the daily check-in, and the strip on the home page.

The dialogs only gather what the person chooses and check it with core.journal's rules; the window owns
the HistoryStore calls, the undo and what to say when a write fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.journal import (
    INTENSITY_MAX,
    INTENSITY_MIN,
    NOTE_MAX_CHARS,
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    Side,
    check_in_problems,
    episode_problems,
)
from relaxapp.ui.ratings import ChoiceButtons, RatingRow

SIDE_NAMES = {Side.LEFT: "Left", Side.RIGHT: "Right", Side.BOTH: "Both"}
PLACE_NAMES = {Place.EYELID: "Eyelid", Place.CHEEK: "Cheek", Place.MOUTH: "Mouth", Place.OTHER: "Other"}
DURATION_NAMES = {
    EpisodeDuration.SECONDS: "Seconds",
    EpisodeDuration.MINUTES: "Minutes",
    EpisodeDuration.HOURS: "Hours, on and off",
}
# The names core.journal's problems start with, as the dialogs label those fields.
FIELD_NAMES = {
    "occurred_at": "When",
    "side": "Side",
    "place": "Place",
    "intensity": "How strong",
    "duration": "How long",
    "note": "Note",
    "sleep_hours": "Hours slept",
    "caffeine_drinks": "Caffeine drinks",
    "stress": "Stress",
    "water_glasses": "Glasses of water",
}
STRENGTHS = range(INTENSITY_MIN, INTENSITY_MAX + 1)
SLEEP_HOURS_SHOWN = 16.0
CAFFEINE_SHOWN = 15
WATER_SHOWN = 20
NOT_ANSWERED = "not answered"  # a spin box at its lowest (-1) shows this and means None
SAVED_SHOWN_MS = 8000  # long enough to reach Undo after reading "Logged", short enough not to linger
LOG_SHORTCUT = "Ctrl+T"


class EpisodeDialog(QDialog):
    """Log a twitch, or change one logged before.

    Built for speed: every answer is one click on a big button, and a new twitch starts on the side and
    place logged last, so a repeat is how strong + how long + Enter. The time is when the dialog opened
    (`now()`), or the episode's own when changing one; either can be adjusted. Save stays off until
    everything is chosen and core.journal finds nothing wrong.
    """

    def __init__(
        self,
        episode: Episode | None = None,
        *,
        now: Callable[[], datetime],
        last_side: Side | None = None,
        last_place: Place | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._id = episode.id if episode else None
        opened = now()
        self._initial_time = episode.occurred_at if episode else opened
        self.setWindowTitle("Change this twitch" if episode else "Log a twitch")
        self.setMinimumWidth(620)

        self.side: ChoiceButtons[Side] = ChoiceButtons(
            [(side, name, f"Side: {name.lower()}") for side, name in SIDE_NAMES.items()], can_unpick=False
        )
        self.place: ChoiceButtons[Place] = ChoiceButtons(
            [(place, name, f"Place: {name.lower()}") for place, name in PLACE_NAMES.items()],
            can_unpick=False,
        )
        self.intensity: ChoiceButtons[int] = ChoiceButtons(
            [(n, str(n), f"How strong: {n} of {INTENSITY_MAX}") for n in STRENGTHS],
            can_unpick=False,
            object_name="ratingButton",
            equal_widths=True,
        )
        self.duration: ChoiceButtons[EpisodeDuration] = ChoiceButtons(
            [(length, name, f"How long: {name.lower()}") for length, name in DURATION_NAMES.items()],
            can_unpick=False,
        )
        self.side.set_value(episode.side if episode else last_side)
        self.place.set_value(episode.place if episode else last_place)
        if episode:
            self.intensity.set_value(episode.intensity)
            self.duration.set_value(episode.duration)

        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.when.setAccessibleName("When it happened")
        # Not in the future; an episode saved a moment "ahead" (a clock set back) stays as it was.
        self.when.setMaximumDateTime(_qt_time(max(opened, self._initial_time)))
        self.when.setDateTime(_qt_time(self._initial_time))
        self._initial_shown = self.when.dateTime().toMSecsSinceEpoch()

        self.note = QLineEdit(episode.note if episode else "")
        self.note.setMaxLength(NOTE_MAX_CHARS)
        self.note.setPlaceholderText("Optional: what you were doing, what helped")
        self.note.setAccessibleName("Note")

        hint = QLabel(f"{INTENSITY_MIN} barely there · {INTENSITY_MAX} the worst")
        hint.setObjectName("ratingHint")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        rows: list[tuple[str, QWidget]] = [
            ("S&ide", self.side),
            ("&Place", self.place),
            ("How st&rong", self.intensity),
            ("", hint),  # under the strength buttons, what their ends mean
            ("How &long", self.duration),
            ("&When", self.when),
            ("&Note", self.note),
        ]
        for row, (label, control) in enumerate(rows):
            if label:
                grid.addWidget(_buddy(label, control), row, 0)
            grid.addWidget(control, row, 1)
        grid.setColumnStretch(1, 1)

        self.waiting, self.problems, self.buttons, self.save_button = _check_and_save(self)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(grid)
        layout.addWidget(self.waiting)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        for choices in (self.side, self.place, self.intensity, self.duration):
            choices.changed.connect(self._check)
        self.when.dateTimeChanged.connect(self._check)
        self.note.textChanged.connect(self._check)
        self._check()
        # The keyboard starts at the first question still open, the same spot a mouse would go.
        first_open = next(
            (c for c in (self.side, self.place, self.intensity, self.duration) if c.value() is None),
            self.note,
        )
        first_open.setFocus()

    def episode(self) -> Episode | None:
        """The episode as chosen, or None while side, place, strength or length is still open."""
        side, place = self.side.value(), self.place.value()
        intensity, duration = self.intensity.value(), self.duration.value()
        if side is None or place is None or intensity is None or duration is None:
            return None
        return Episode(
            occurred_at=self._time(),
            side=side,
            place=place,
            intensity=intensity,
            duration=duration,
            note=self.note.text().strip(),
            id=self._id,
        )

    def accept(self) -> None:
        episode = self.episode()
        if episode is None or episode_problems(episode):  # Save is off then; this guards Enter too
            return
        super().accept()

    def _time(self) -> datetime:
        shown = self.when.dateTime().toMSecsSinceEpoch()
        if shown == self._initial_shown:
            return self._initial_time  # untouched: keep the exact moment, seconds and all
        return datetime.fromtimestamp(shown / 1000, UTC)

    def _check(self) -> None:
        open_questions = [
            name
            for name, choices in (
                ("side", self.side),
                ("place", self.place),
                ("how strong", self.intensity),
                ("how long", self.duration),
            )
            if choices.value() is None
        ]
        episode = self.episode()
        problems = [_plain(problem) for problem in episode_problems(episode)] if episode else []
        waiting = f"Still to choose: {', '.join(open_questions)}." if open_questions else ""
        _show_state(self.save_button, self.waiting, waiting, self.problems, problems)


class CheckInDialog(QDialog):
    """The day's check-in: sleep, caffeine, stress, water and a note, each one optional.

    `defaults` is today's check-in when there is one (changing it), else the latest earlier one, whose
    numbers are offered again (most days resemble the day before); its note is not carried over.
    """

    def __init__(self, day: date, defaults: CheckIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day = day
        editing = defaults is not None and defaults.day == day
        self.setWindowTitle("Today's check-in" if editing else "Daily check-in")
        self.setMinimumWidth(620)
        start = defaults or CheckIn(day)

        intro = QLabel(
            "A minute a day shows what goes with your twitches. Leave out anything you are not sure of."
        )
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)
        self.filled = QLabel(_filled_words(day, defaults))
        self.filled.setObjectName("filledNote")
        self.filled.setVisible(bool(self.filled.text()))

        self.sleep = QDoubleSpinBox()
        self.sleep.setRange(-0.5, max(SLEEP_HOURS_SHOWN, start.sleep_hours or 0))
        self.sleep.setDecimals(1)
        self.sleep.setSingleStep(0.5)
        self.sleep.setSuffix(" h")
        self.sleep.setSpecialValueText(NOT_ANSWERED)
        self.sleep.setValue(-0.5 if start.sleep_hours is None else start.sleep_hours)
        self.sleep.setAccessibleName("Hours slept last night")
        self.caffeine = _count_box(CAFFEINE_SHOWN, start.caffeine_drinks, "Caffeine drinks today")
        self.stress = RatingRow("How s&tressed were you today?", "Stress", skippable=False)
        self.stress.set_value(start.stress)
        self.water = _count_box(WATER_SHOWN, start.water_glasses, "Glasses of water today")
        self.note = QLineEdit(start.note if editing else "")
        self.note.setMaxLength(NOTE_MAX_CHARS)
        self.note.setPlaceholderText("Optional: anything else about today")
        self.note.setAccessibleName("Note")

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.addRow(_buddy("Hours &slept", self.sleep), _with_words(self.sleep, "last night"))
        form.addRow(
            _buddy("&Caffeine drinks", self.caffeine), _with_words(self.caffeine, "coffee, tea, cola, energy")
        )
        form.addRow(_buddy("&Water", self.water), _with_words(self.water, "glasses"))
        form.addRow(self.stress)
        form.addRow(_buddy("&Note", self.note), self.note)
        self.waiting, self.problems, self.buttons, self.save_button = _check_and_save(self)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.filled)
        layout.addLayout(form)
        layout.addWidget(self.waiting)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        for spin in (self.sleep, self.caffeine, self.water):
            spin.valueChanged.connect(self._check)
        self.stress.changed.connect(self._check)
        self.note.textChanged.connect(self._check)
        self._check()
        self.sleep.setFocus()

    def check_in(self) -> CheckIn:
        """The day's answers as the fields show them; an unanswered field is None."""
        sleep = self.sleep.value()
        return CheckIn(
            day=self._day,
            sleep_hours=None if sleep < 0 else sleep,
            caffeine_drinks=_count(self.caffeine),
            stress=self.stress.numbers.value(),  # a row without Skip: a number or nothing
            water_glasses=_count(self.water),
            note=self.note.text().strip(),
        )

    def accept(self) -> None:
        if not self.save_button.isEnabled():  # guards Enter while Save is off
            return
        super().accept()

    def _check(self) -> None:
        check_in = self.check_in()
        answered = (
            check_in.sleep_hours,
            check_in.caffeine_drinks,
            check_in.stress,
            check_in.water_glasses,
        )
        empty = all(value is None for value in answered) and not check_in.note
        # An empty check-in would only mark the day as done: the strip would say "Checked in" for nothing.
        waiting = "Answer at least one question to save." if empty else ""
        problems = [_plain(problem) for problem in check_in_problems(check_in)]
        _show_state(self.save_button, self.waiting, waiting, self.problems, problems)


class JournalStrip(QFrame):
    """The journal's row on the home page: log a twitch, check in, and what was logged last.

    After a save the window calls `show_saved(text, undo)`: the words and an Undo button stay for a few
    seconds in place of the last-logged line.
    """

    log_requested = Signal()
    check_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalStrip")
        self.log_button = QPushButton("Log a twitch")
        self.log_button.setObjectName("journalLog")
        # A twitch is logged as it happens: one key from anywhere on the home page.
        self.log_button.setShortcut(QKeySequence(LOG_SHORTCUT))
        self.log_button.setToolTip(f"Log a twitch ({LOG_SHORTCUT})")
        self.log_button.setAccessibleName("Log a twitch")
        self.log_button.setAccessibleDescription(f"Shortcut: {LOG_SHORTCUT}")
        self.log_button.clicked.connect(self.log_requested)
        self.check_in_button = QPushButton()
        self.check_in_button.clicked.connect(self.check_in_requested)
        self.last = QLabel()
        self.last.setObjectName("journalLast")
        self.saved = QLabel()
        self.saved.setObjectName("savedToast")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("linkButton")
        self.undo_button.clicked.connect(self._on_undo)
        self._undo: Callable[[], object] | None = None
        self.saved_timer = QTimer(self)
        self.saved_timer.setSingleShot(True)
        self.saved_timer.setInterval(SAVED_SHOWN_MS)
        self.saved_timer.timeout.connect(self._hide_saved)

        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.setSpacing(12)
        row.addWidget(self.log_button)
        row.addWidget(self.check_in_button)
        row.addSpacing(6)
        # One of the two shows at a time: the last-logged line, or the saved words with Undo beside them.
        row.addWidget(self.last, 1)
        row.addWidget(self.saved)
        row.addWidget(self.undo_button)
        row.addStretch()
        self.show_last(None, datetime.now(UTC))
        self.show_checked_in(False)
        self._hide_saved()

    def show_last(self, episode: Episode | None, now: datetime) -> None:
        """'Last logged: left eyelid, 6/10, 2 h ago' (call again when the page is shown: 'ago' ages)."""
        if episode is None:
            self.last.setText("Nothing logged yet.")
            return
        self.last.setText(
            f"Last logged: {where_words(episode.side, episode.place)}, "
            f"{episode.intensity}/{INTENSITY_MAX}, {ago_words(episode.occurred_at, now)}"
        )

    def show_checked_in(self, done: bool) -> None:
        self.check_in_button.setText("Checked in today ✓" if done else "Daily check-in")
        self.check_in_button.setAccessibleName(
            "Checked in today: change today's check-in" if done else "Daily check-in"
        )

    def show_saved(self, text: str, undo: Callable[[], object] | None = None) -> None:
        """Show `text` ("Logged.") for a few seconds, with an Undo button when `undo` is given."""
        self._undo = undo
        self.saved.setText(text)
        self.saved.show()
        self.undo_button.setVisible(undo is not None)
        self.undo_button.setAccessibleName(f"Undo: {text}")
        self.last.hide()
        self.saved_timer.start()

    def _on_undo(self) -> None:
        undo = self._undo
        self._hide_saved()  # first: an undo is done once, however fast the second click
        if undo is not None:
            undo()

    def _hide_saved(self) -> None:
        self.saved_timer.stop()
        self._undo = None
        self.saved.hide()
        self.undo_button.hide()
        self.last.show()


def where_words(side: Side, place: Place) -> str:
    """Where a twitch was, as said aloud: 'left eyelid', 'both cheeks', 'mouth, right side'."""
    if place is Place.OTHER:
        return "elsewhere, both sides" if side is Side.BOTH else f"elsewhere, {side.value} side"
    if place is Place.MOUTH:
        return "mouth, both sides" if side is Side.BOTH else f"mouth, {side.value} side"
    return f"both {place.value}s" if side is Side.BOTH else f"{side.value} {place.value}"


def ago_words(then: datetime, now: datetime) -> str:
    """How long ago, roughly: 'just now', '5 min ago', '2 h ago', '3 days ago'."""
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return "1 day ago" if days == 1 else f"{days} days ago"


def _filled_words(day: date, defaults: CheckIn | None) -> str:
    if defaults is None or defaults.day == day:
        return ""
    if defaults.day == day - timedelta(days=1):
        return "Filled in from yesterday: change what was different today."
    when = defaults.day
    return f"Filled in from your check-in of {when:%A} {when.day} {when:%B}: change what was different today."


def _plain(problem: str) -> str:
    """core.journal's 'sleep_hours: 30 is not …' with the field named as the dialog labels it."""
    field, _, rest = problem.partition(": ")
    return f"{FIELD_NAMES.get(field, field)}: {rest}" if rest else problem


def _waiting_label() -> QLabel:
    label = QLabel()
    label.setObjectName("ratingHint")
    # A line kept for it, so the dialog does not jump as the words come and go.
    label.setMinimumHeight(label.fontMetrics().lineSpacing())
    return label


def _show_state(
    save: QPushButton, waiting_label: QLabel, waiting: str, label: QLabel, problems: list[str]
) -> None:
    """What is still to answer (softly) and what is wrong (plainly) under the fields; Save is off while
    there is either."""
    waiting_label.setText(waiting)
    label.setText("\n".join(problems))
    label.setVisible(bool(problems))
    save.setEnabled(not waiting and not problems)
    # A screen reader says why Save is off when the person reaches it.
    reasons = [waiting, *problems] if waiting else problems
    save.setAccessibleDescription("Save is off. " + " ".join(reasons) if reasons else "")


def _count_box(top: int, value: int | None, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(-1, max(top, value or 0))  # wider for a larger number saved before: never cut it down
    spin.setSpecialValueText(NOT_ANSWERED)
    spin.setValue(-1 if value is None else value)
    spin.setAccessibleName(name)
    return spin


def _count(spin: QSpinBox) -> int | None:
    return None if spin.value() < 0 else spin.value()


def _with_words(control: QWidget, words: str) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(10)
    control.setMinimumWidth(150)  # room for "not answered" and a number, at any text size
    row.addWidget(control)
    hint = QLabel(words)
    hint.setObjectName("ratingHint")
    row.addWidget(hint)
    row.addStretch()
    return row


def _check_and_save(dialog: QDialog) -> tuple[QLabel, QLabel, QDialogButtonBox, QPushButton]:
    """The foot of a journal dialog: what is still to answer, what is wrong, and Save / Cancel."""
    problems = QLabel()
    problems.setObjectName("problemText")
    problems.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    for button in buttons.buttons():
        button.setIcon(QIcon())  # some styles add icons; the words say enough
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is not None
    save.setDefault(True)  # Enter saves from any field; Esc cancels (QDialog's own)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return _waiting_label(), problems, buttons, save


def _qt_time(moment: datetime) -> QDateTime:
    # Through the epoch, not naive fields: shown in local time whatever zone the datetime carries.
    return QDateTime.fromMSecsSinceEpoch(round(moment.timestamp() * 1000))


def _buddy(text: str, control: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(control)  # the & letter jumps to the control
    return label
