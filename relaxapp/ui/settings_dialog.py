"""One dialog for every setting: look, sessions, sound and reminders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.preferences import Preferences, ThemeChoice
from relaxapp.core.reminders import MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, ReminderPlan
from relaxapp.core.routine import STANDARD_MINUTES, Minutes, Routine
from relaxapp.core.sound import SoundChannel
from relaxapp.core.welcome import WelcomeQuestion
from relaxapp.core.wording import cautions_hidden_text, plural
from relaxapp.ui.layouts import scroll_area

if TYPE_CHECKING:
    from relaxapp.logic.use_cases import UseCases

THEMES = ((ThemeChoice.SYSTEM, "Follow the system"), (ThemeChoice.LIGHT, "Light"), (ThemeChoice.DARK, "Dark"))


# Each with its keyboard mnemonic (Alt+letter), unused by the other settings.
CHANNEL_NAMES = {
    SoundChannel.CUES: "&Cues",
    SoundChannel.VOICE: "V&oice",
    SoundChannel.AMBIENCE: "&Background",
}


class SettingsDialog(QDialog):
    test_requested = Signal(object)  # SoundChannel

    def __init__(
        self,
        preferences: Preferences,
        routines: list[Routine],
        *,
        reminders_possible: bool = True,
        routines_dir: Path | None = None,
        question: WelcomeQuestion | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)
        self._routines = routines
        layout = QVBoxLayout(self)
        layout.setSpacing(12)

        look = QGroupBox("Look")
        look_form = QFormLayout(look)
        self.theme = self._combo([label for _, label in THEMES], "Theme")
        self.theme.setCurrentIndex([choice for choice, _ in THEMES].index(preferences.theme))
        self.larger_text = QCheckBox("&Larger text")
        self.larger_text.setChecked(preferences.larger_text)
        self.reduced_motion = QCheckBox(
            "Re&duced motion: a calm bar instead of a growing circle, and scenes that stay still"
        )
        self.reduced_motion.setChecked(preferences.reduced_motion)
        look_form.addRow(_buddy("&Theme", self.theme), self.theme)
        look_form.addRow(self.larger_text)
        look_form.addRow(self.reduced_motion)

        sessions = QGroupBox("Sessions")
        session_box = QVBoxLayout(sessions)
        session_form = QFormLayout()
        session_box.addLayout(session_form)
        self.routine = self._combo(["The one I used last", *(r.title for r in routines)], "Routine on start")
        ids = ["", *(r.id for r in routines)]
        self.routine.setCurrentIndex(
            ids.index(preferences.default_routine) if preferences.default_routine in ids else 0
        )
        self.length = self._combo(
            ["The one I used last", *(plural(m, "minute") for m in STANDARD_MINUTES)], "Length"
        )
        lengths = [None, *(Minutes(m) for m in STANDARD_MINUTES)]
        self.length.setCurrentIndex(
            lengths.index(preferences.default_length) if preferences.default_length in lengths else 0
        )
        # What brings the person here (asked at first start): the home page's suggestions follow it.
        self._question = question
        self._reason = preferences.reason  # kept as it is when the question could not be loaded
        self.reason: QComboBox | None = None
        if question is not None:
            self.reason = self._combo(
                ["I'd rather not say", *(answer.label for answer in question.answers)], "What brings you here"
            )
            known = ["", *(answer.id for answer in question.answers)]
            self.reason.setCurrentIndex(known.index(preferences.reason) if preferences.reason in known else 0)
            self.reason.currentIndexChanged.connect(self._on_reason)
            session_form.addRow(_buddy("&What brings you here", self.reason), self.reason)
        session_form.addRow(_buddy("&Routine on start", self.routine), self.routine)
        session_form.addRow(_buddy("&Length", self.length), self.length)

        self.eyes_closed = QCheckBox("Start in &eyes-closed mode: the voice guides every step")
        self.eyes_closed.setChecked(preferences.eyes_closed)
        session_form.addRow(self.eyes_closed)
        # The routines whose cautions the person chose not to see before each start: all back in one go.
        self._cautions_hidden = preferences.cautions_hidden
        self.cautions = QLabel(cautions_hidden_text(routines, self._cautions_hidden))
        self.cautions.setObjectName("note")
        self.cautions.setWordWrap(True)
        self.show_cautions = QPushButton("Show all c&autions again")
        self.show_cautions.setAccessibleName("Show every routine's cautions again before it starts")
        self.show_cautions.setEnabled(any(r.id in self._cautions_hidden for r in routines))
        self.show_cautions.clicked.connect(self._show_all_cautions)
        cautions_row = QHBoxLayout()
        cautions_row.addWidget(self.cautions, 1)
        cautions_row.addWidget(self.show_cautions, 0, Qt.AlignmentFlag.AlignTop)
        if routines_dir is not None:
            # Where a person's own routine files go (docs/routines.md); they appear at the next start.
            folder = QLabel(f"Your own routine files: {routines_dir}")
            folder.setObjectName("note")
            folder.setWordWrap(True)
            folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.open_folder = QPushButton("Open folder")
            self.open_folder.setAccessibleName("Open the folder for your own routine files")
            self.open_folder.clicked.connect(lambda: _open_folder(routines_dir))
            row = QHBoxLayout()
            row.addWidget(folder, 1)
            row.addWidget(self.open_folder)
            session_form.addRow(row)
        # Below the form, not in it: a wrapped label in a form row is cut short when its words change.
        session_box.addLayout(cautions_row)

        sound = QGroupBox("Sound")
        sound_form = QFormLayout(sound)
        self.volumes: dict[SoundChannel, QSlider] = {}
        self.channel_mutes: dict[SoundChannel, QCheckBox] = {}
        for channel, name in CHANNEL_NAMES.items():
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 100)
            slider.setValue(round(preferences.volume(channel) * 100))
            plain = name.replace("&", "")
            slider.setAccessibleName(f"{plain} volume")
            mute = QCheckBox("Mute")
            mute.setAccessibleName(f"Mute {plain.lower()}")
            mute.setChecked(preferences.channel_muted(channel) and not preferences.muted)
            test = QPushButton("Test")
            test.setAccessibleName(f"Play a sample of the {plain.lower()}")
            test.clicked.connect(lambda _checked=False, c=channel: self.test_requested.emit(c))
            row = QHBoxLayout()
            row.addWidget(slider, 1)
            row.addWidget(mute)
            row.addWidget(test)
            sound_form.addRow(_buddy(name, slider), row)
            self.volumes[channel] = slider
            self.channel_mutes[channel] = mute
        self.volume = self.volumes[SoundChannel.CUES]
        self.muted = QCheckBox("&Mute all sounds")
        self.muted.setChecked(preferences.muted)
        sound_form.addRow(self.muted)

        reminders = QGroupBox("Reminders")
        reminder_box = QVBoxLayout(reminders)
        reminder_form = QFormLayout()
        reminder_box.addLayout(reminder_form)
        plan = preferences.reminders
        # Without a tray the choice cannot be made here; it is kept as it was for a desktop that has one.
        self._reminders_wanted = plan.enabled
        self._reminders_possible = reminders_possible
        self.reminders_on = QCheckBox("Remind &me to take a short break")
        self.reminders_on.setChecked(plan.enabled)
        self.every = self._spin(
            MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES, plan.every_minutes, " minutes", "Every"
        )
        self.every.setSingleStep(15)
        self.from_hour = self._spin(0, 23, plan.from_hour, ":00", "From")
        self.until_hour = self._spin(1, 24, plan.until_hour, ":00", "Until")
        hours = QHBoxLayout()
        hours.addWidget(self.from_hour)
        hours.addWidget(QLabel("until"))
        hours.addWidget(self.until_hour)
        hours.addStretch()
        if reminders_possible:
            note_text = "No reminder comes during a session. Reminders appear only while relaxapp is running."
        else:
            note_text = "Reminders need a system tray (the icons by the clock), and this desktop has none."
            self.reminders_on.setChecked(False)
            self.reminders_on.setEnabled(False)
        note = QLabel(note_text)
        note.setObjectName("note")
        note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("problemText")
        self.problem.setWordWrap(True)
        reminder_form.addRow(self.reminders_on)
        reminder_form.addRow(_buddy("&Every", self.every), self.every)
        reminder_form.addRow(_buddy("Between", self.from_hour), hours)
        # Below the form, not in it: a wrapped label in a form row gets cut to one line.
        reminder_box.addWidget(note)
        reminder_box.addWidget(self.problem)
        for control in (self.every, self.from_hour, self.until_hour):
            control.valueChanged.connect(self._check)
        self.reminders_on.toggled.connect(self._check)
        self.reminders_on.toggled.connect(self._enable_reminder_fields)
        self._enable_reminder_fields(self.reminders_on.isChecked())

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        for button in self.buttons.buttons():
            button.setIcon(QIcon())  # some styles add icons to OK and Cancel; the words say enough
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # The groups scroll and OK/Cancel stay put: with larger text the dialog is taller than many screens.
        groups = QWidget()
        groups.setObjectName("pageContent")
        group_layout = QVBoxLayout(groups)
        group_layout.setContentsMargins(0, 0, 8, 0)
        group_layout.setSpacing(12)
        for group in (look, sessions, sound, reminders):
            group_layout.addWidget(group)
        group_layout.addStretch()
        layout.addWidget(scroll_area(groups, Qt.ScrollBarPolicy.ScrollBarAlwaysOff), 1)
        layout.addWidget(self.buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        natural = groups.sizeHint().height() + self.buttons.sizeHint().height() + 60
        self.resize(
            max(self.minimumWidth(), groups.sizeHint().width() + 40),
            min(natural, screen.height() - 40) if screen else natural,
        )
        self._check()

    def chosen(self) -> Preferences:
        routine_index = self.routine.currentIndex()
        length_index = self.length.currentIndex()
        return Preferences(
            theme=THEMES[self.theme.currentIndex()][0],
            larger_text=self.larger_text.isChecked(),
            reduced_motion=self.reduced_motion.isChecked(),
            default_routine=self._routines[routine_index - 1].id if routine_index > 0 else "",
            default_length=Minutes(STANDARD_MINUTES[length_index - 1]) if length_index > 0 else None,
            cue_volume=self.volumes[SoundChannel.CUES].value() / 100,
            voice_volume=self.volumes[SoundChannel.VOICE].value() / 100,
            ambience_volume=self.volumes[SoundChannel.AMBIENCE].value() / 100,
            muted=self.muted.isChecked(),
            cues_muted=self.channel_mutes[SoundChannel.CUES].isChecked(),
            voice_muted=self.channel_mutes[SoundChannel.VOICE].isChecked(),
            ambience_muted=self.channel_mutes[SoundChannel.AMBIENCE].isChecked(),
            eyes_closed=self.eyes_closed.isChecked(),
            reminders=self._plan(),
            cautions_hidden=self._cautions_hidden,
            reason=self._chosen_reason(),
        )

    def _chosen_reason(self) -> str:
        if self._question is None or self.reason is None:
            return self._reason
        index = self.reason.currentIndex()
        return self._question.answers[index - 1].id if index > 0 else ""

    def _on_reason(self) -> None:
        # The answer's own settings (eyes-closed mode for eyes that squeeze shut) show here before OK.
        answer = self._question.answer(self._chosen_reason()) if self._question else None
        if answer is not None:
            self.eyes_closed.setChecked(answer.applied_to(self.chosen()).eyes_closed)

    def _show_all_cautions(self) -> None:
        self._cautions_hidden = frozenset()
        self.cautions.setText("Every routine will show its cautions again, once you press OK.")
        self.show_cautions.setEnabled(False)

    def _plan(self) -> ReminderPlan:
        wanted = self.reminders_on.isChecked() if self._reminders_possible else self._reminders_wanted
        return ReminderPlan(wanted, self.every.value(), self.from_hour.value(), self.until_hour.value())

    def _enable_reminder_fields(self, enabled: bool) -> None:
        for control in (self.every, self.from_hour, self.until_hour):
            control.setEnabled(enabled)

    def _check(self) -> None:
        problem = self._plan().problem()
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(problem is None)

    def _combo(self, items: list[str], name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItems(items)
        combo.setAccessibleName(name)
        return combo

    def _spin(self, low: int, high: int, value: int, suffix: str, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setAccessibleName(f"Reminders: {name.lower()}")
        return spin


def _open_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _buddy(text: str, control: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(control)  # the & letter jumps to the control: Alt+T, Alt+R, ...
    return label


def open_settings(
    parent: QWidget,
    use_cases: UseCases,
    play_sample: Callable[[SoundChannel], None],
    closed: Callable[[], None],
) -> SettingsDialog:
    """Open Settings without blocking; OK hands the choices to the preferences, which tell the pages."""
    dialog = SettingsDialog(
        use_cases.preferences.current,
        list(use_cases.routines.routines),
        reminders_possible=QSystemTrayIcon.isSystemTrayAvailable(),
        routines_dir=use_cases.routines.patterns_dir,
        question=use_cases.first_run.question,
        parent=parent,
    )
    # Through the first-run use case: a new answer to what brings the person here moves the home page.
    dialog.accepted.connect(lambda: use_cases.first_run.use_settings(dialog.chosen()))
    dialog.test_requested.connect(play_sample)
    dialog.finished.connect(closed)
    dialog.open()
    return dialog
