"""The parts every journal dialog shares: a label that jumps to its field, and the foot with what is still
to answer, what is wrong, and Save / Cancel."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget


def _waiting_label() -> QLabel:
    label = QLabel()
    label.setObjectName("ratingHint")
    # A line kept for it, so the dialog does not jump as the words come and go.
    label.setMinimumHeight(label.fontMetrics().lineSpacing())
    return label


def show_state(
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


def check_and_save(dialog: QDialog) -> tuple[QLabel, QLabel, QDialogButtonBox, QPushButton]:
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


def buddy(text: str, control: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(control)  # the & letter jumps to the control
    return label
