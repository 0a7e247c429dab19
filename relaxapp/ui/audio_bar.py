"""Volume, mute and a test sound, always on screen; and the one calm line when there is no sound."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget


class AudioBar(QWidget):
    volume_changed = Signal(float)  # 0..1
    muted_changed = Signal(bool)
    test_clicked = Signal()

    def __init__(self, volume: float, muted: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audioBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        self.notice = QLabel()
        self.notice.setObjectName("audioNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        label = QLabel("Cue volume")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setValue(round(volume * 100))
        self.slider.setFixedWidth(160)
        self.slider.setAccessibleName("Cue volume")
        label.setBuddy(self.slider)
        self.mute = QPushButton()
        self.mute.setCheckable(True)
        self.mute.setChecked(muted)
        self.mute.setAccessibleName("Mute sounds")
        self._label_mute(muted)
        self.test = QPushButton("Test sound")
        self.test.setAccessibleName("Play a test sound")
        layout.addWidget(self.notice, 1)
        layout.addStretch()
        for widget in (label, self.slider, self.mute, self.test):
            layout.addWidget(widget)
        self.controls = (self.slider, self.mute, self.test)  # in the Tab order, left to right
        for control in self.controls:
            control.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.slider.valueChanged.connect(lambda value: self.volume_changed.emit(value / 100))
        self.mute.toggled.connect(self._on_mute)
        self.test.clicked.connect(self.test_clicked)

    def show_levels(self, volume: float, muted: bool) -> None:
        """Reflect levels set elsewhere (the settings dialog) without sending them back."""
        for control in (self.slider, self.mute):
            control.blockSignals(True)
        self.slider.setValue(round(volume * 100))
        self.mute.setChecked(muted)
        self._label_mute(muted)
        for control in (self.slider, self.mute):
            control.blockSignals(False)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _on_mute(self, muted: bool) -> None:
        self._label_mute(muted)
        self.muted_changed.emit(muted)

    def _label_mute(self, muted: bool) -> None:
        self.mute.setText("Unmute" if muted else "Mute")
