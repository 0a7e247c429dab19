"""The spasm journal's dialogs: log or change a twitch, and the daily check-in.

They only gather what the person chooses and check it with core.journal's rules; the journal on the
application floor saves it and can take it back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
from relaxapp.core.wording import (
    DURATION_NAMES,
    NOT_ANSWERED,
    PLACE_NAMES,
    SIDE_NAMES,
    filled_words,
    problem_words,
    spoken,
)
from relaxapp.ui.journal_form import buddy, check_and_save, show_state
from relaxapp.ui.layouts import WrappingDialog
from relaxapp.ui.ratings import ChoiceButtons, ChoiceChecks, RatingRow

STRENGTHS = range(INTENSITY_MIN, INTENSITY_MAX + 1)
SLEEP_HOURS_SHOWN = 16.0
SCREEN_HOURS_SHOWN = 20.0
CAFFEINE_SHOWN = 15
ALCOHOL_SHOWN = 15
WATER_SHOWN = 20


class EpisodeDialog(WrappingDialog):
    """Log a twitch, or change one logged before.

    Built for speed: every answer is one click on a big button, and a new twitch starts on the side and
    places logged last, so a repeat is how strong + how long + Enter (another place is one more click:
    the places are check boxes). The time is when the dialog opened
    (`now()`), or the episode's own when changing one; either can be adjusted. Save stays off until
    everything is chosen and core.journal finds nothing wrong.
    """

    def __init__(
        self,
        episode: Episode | None = None,
        *,
        now: Callable[[], datetime],
        last_side: Side | None = None,
        last_places: tuple[Place, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._id = episode.id if episode else None
        opened = now()
        self._initial_time = episode.occurred_at if episode else opened
        self.setWindowTitle("Change this twitch" if episode else "Log a twitch")
        self.setMinimumWidth(620)

        self.side: ChoiceButtons[Side] = ChoiceButtons(
            [(side, name, f"Side: {name.lower()}") for side, name in SIDE_NAMES.items()],
            question="Side",
            can_unpick=False,
        )
        self.places: ChoiceChecks[Place] = ChoiceChecks(
            [(place, name, name) for place, name in PLACE_NAMES.items()], question="Places"
        )
        self.intensity: ChoiceButtons[int] = ChoiceButtons(
            [(n, str(n), f"How strong: {n} of {INTENSITY_MAX}") for n in STRENGTHS],
            question="How strong",
            can_unpick=False,
            object_name="ratingButton",
            equal_widths=True,
        )
        self.duration: ChoiceButtons[EpisodeDuration] = ChoiceButtons(
            [(length, name, f"How long: {name.lower()}") for length, name in DURATION_NAMES.items()],
            question="How long",
            can_unpick=False,
        )
        self.side.set_value(episode.side if episode else last_side)
        self.places.set_values(episode.places if episode else last_places)
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
        hint.setAccessibleName(spoken(hint.text()))
        places_hint = QLabel("Tick every place it was in.")
        places_hint.setObjectName("ratingHint")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        rows: list[tuple[str, QWidget]] = [
            ("S&ide", self.side),
            ("&Places", self.places),
            ("", places_hint),
            ("How st&rong", self.intensity),
            ("", hint),  # under the strength buttons, what their ends mean
            ("How &long", self.duration),
            ("&When", self.when),
            ("&Note", self.note),
        ]
        for row, (label, control) in enumerate(rows):
            if label:
                grid.addWidget(buddy(label, control), row, 0)
            grid.addWidget(control, row, 1)
        grid.setColumnStretch(1, 1)

        self.waiting, self.problems, self.buttons, self.save_button = check_and_save(self)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(grid)
        layout.addWidget(self.waiting)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        for choices in (self.side, self.places, self.intensity, self.duration):
            choices.changed.connect(self._check)
        self.when.dateTimeChanged.connect(self._check)
        self.note.textChanged.connect(self._check)
        self._check()
        # The keyboard starts at the first question still open, the same spot a mouse would go.
        open_rows: list[QWidget] = [
            *([self.side] if self.side.value() is None else []),
            *([self.places] if not self.places.values() else []),
            *(c for c in (self.intensity, self.duration) if c.value() is None),
        ]
        first_open = open_rows[0] if open_rows else self.note
        first_open.setFocus()

    def episode(self) -> Episode | None:
        """The episode as chosen, or None while side, places, strength or length is still open."""
        side, places = self.side.value(), self.places.values()
        intensity, duration = self.intensity.value(), self.duration.value()
        if side is None or not places or intensity is None or duration is None:
            return None
        return Episode(
            occurred_at=self._time(),
            side=side,
            places=places,
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
            for name, unanswered in (
                ("side", self.side.value() is None),
                ("where", not self.places.values()),
                ("how strong", self.intensity.value() is None),
                ("how long", self.duration.value() is None),
            )
            if unanswered
        ]
        episode = self.episode()
        problems = [problem_words(problem) for problem in episode_problems(episode)] if episode else []
        waiting = f"Still to choose: {', '.join(open_questions)}." if open_questions else ""
        show_state(self.save_button, self.waiting, waiting, self.problems, problems)


class CheckInDialog(WrappingDialog):
    """The day's check-in: sleep, caffeine, alcohol, water, screen time, dry eyes, stress and a note, each
    one optional.

    `defaults` is today's check-in when there is one (changing it), else the latest earlier one, whose
    numbers are offered again (most days resemble the day before); its note and its dry eyes are not
    carried over (see below).
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
        self.filled = QLabel(filled_words(day, defaults))
        self.filled.setObjectName("filledNote")
        self.filled.setVisible(bool(self.filled.text()))

        self.sleep = _hours_box(SLEEP_HOURS_SHOWN, start.sleep_hours, "Hours slept last night")
        self.caffeine = _count_box(CAFFEINE_SHOWN, start.caffeine_drinks, "Caffeine drinks today")
        self.alcohol = _count_box(ALCOHOL_SHOWN, start.alcohol_drinks, "Alcohol drinks today")
        self.water = _count_box(WATER_SHOWN, start.water_glasses, "Glasses of water today")
        self.screens = _hours_box(SCREEN_HOURS_SHOWN, start.screen_hours, "Hours at screens today")
        self.dry_eyes: ChoiceButtons[bool] = ChoiceButtons(
            [(True, "Yes", "Eyes dry or gritty today: yes"), (False, "No", "Eyes dry or gritty today: no")],
            question="Eyes dry or gritty today",
            can_unpick=True,  # a second click takes the answer back: not answered
        )
        # Unlike the numbers, how the eyes felt is not offered again from an earlier day: it is a symptom
        # of the day, not a habit, and a "yes" saved unread would count a day as dry-eyed in the insights
        # that set out to test whether dry eyes go with twitching.
        self.dry_eyes.set_value(start.dry_eyes if editing else None)
        self.stress = RatingRow("How s&tressed were you today?", "Stress", skippable=False)
        self.stress.set_value(start.stress)
        self.note = QLineEdit(start.note if editing else "")
        self.note.setMaxLength(NOTE_MAX_CHARS)
        self.note.setPlaceholderText("Optional: anything else about today")
        self.note.setAccessibleName("Note")

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.addRow(buddy("Hours &slept", self.sleep), _with_words(self.sleep, "last night"))
        form.addRow(
            buddy("&Caffeine drinks", self.caffeine), _with_words(self.caffeine, "coffee, tea, cola, energy")
        )
        form.addRow(buddy("&Alcohol drinks", self.alcohol), _with_words(self.alcohol, "beer, wine, spirits"))
        form.addRow(buddy("&Water", self.water), _with_words(self.water, "glasses"))
        form.addRow(buddy("Sc&reen time", self.screens), _with_words(self.screens, "computer, phone, TV"))
        form.addRow(buddy("&Eyes dry or gritty", self.dry_eyes), self.dry_eyes)
        form.addRow(self.stress)
        form.addRow(buddy("&Note", self.note), self.note)
        self.waiting, self.problems, self.buttons, self.save_button = check_and_save(self)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.filled)
        layout.addLayout(form)
        layout.addWidget(self.waiting)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        for spin in (self.sleep, self.caffeine, self.alcohol, self.water, self.screens):
            spin.valueChanged.connect(self._check)
        self.dry_eyes.changed.connect(self._check)
        self.stress.changed.connect(self._check)
        self.note.textChanged.connect(self._check)
        self._check()
        self.sleep.setFocus()

    def check_in(self) -> CheckIn:
        """The day's answers as the fields show them; an unanswered field is None."""
        return CheckIn(
            day=self._day,
            sleep_hours=_hours(self.sleep),
            caffeine_drinks=_count(self.caffeine),
            stress=self.stress.numbers.value(),  # a row without Skip: a number or nothing
            water_glasses=_count(self.water),
            note=self.note.text().strip(),
            alcohol_drinks=_count(self.alcohol),
            screen_hours=_hours(self.screens),
            dry_eyes=self.dry_eyes.value(),
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
            check_in.alcohol_drinks,
            check_in.screen_hours,
            check_in.dry_eyes,
        )
        empty = all(value is None for value in answered) and not check_in.note
        # An empty check-in would only mark the day as done: the strip would say "Checked in" for nothing.
        waiting = "Answer at least one question to save." if empty else ""
        problems = [problem_words(problem) for problem in check_in_problems(check_in)]
        show_state(self.save_button, self.waiting, waiting, self.problems, problems)


def _count_box(top: int, value: int | None, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(-1, max(top, value or 0))  # wider for a larger number saved before: never cut it down
    spin.setSpecialValueText(NOT_ANSWERED)
    spin.setValue(-1 if value is None else value)
    spin.setAccessibleName(name)
    return spin


def _count(spin: QSpinBox) -> int | None:
    return None if spin.value() < 0 else spin.value()


def _hours_box(top: float, value: float | None, name: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(-0.5, max(top, value or 0))  # as _count_box: a larger number saved before is kept
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSuffix(" h")
    spin.setSpecialValueText(NOT_ANSWERED)
    spin.setValue(-0.5 if value is None else value)
    spin.setAccessibleName(name)
    return spin


def _hours(spin: QDoubleSpinBox) -> float | None:
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


def _qt_time(moment: datetime) -> QDateTime:
    # Through the epoch, not naive fields: shown in local time whatever zone the datetime carries.
    return QDateTime.fromMSecsSinceEpoch(round(moment.timestamp() * 1000))
