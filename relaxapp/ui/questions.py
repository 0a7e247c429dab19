"""A question the window asks without stopping the app: it stays responsive while the box is open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QMessageBox, QPushButton, QWidget


def ask(
    parent: QWidget,
    *,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    detail: str,
    act: tuple[str, QMessageBox.ButtonRole],
    stay: str,
    answered: Callable[[bool], None],
    act_by_default: bool = False,
    check: str = "",
) -> tuple[QMessageBox, QPushButton]:
    """Open the box and return it with its act button; `answered(True)` once that button was chosen,
    `answered(False)` for the other one, Esc or closing the box. With `check`, the box has a check box
    of those words, unticked (box.checkBox())."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    if check:
        # Parented to the box: PySide does not hand setCheckBox's argument to Qt, and would delete it.
        box.setCheckBox(QCheckBox(check, box))
    act_button = box.addButton(*act)
    stay_button = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(act_button if act_by_default else stay_button)
    box.setEscapeButton(stay_button)

    def finished() -> None:
        chosen = box.clickedButton() is act_button
        box.deleteLater()
        answered(chosen)

    box.finished.connect(finished)
    box.open()
    return box, act_button


def ask_before_losing(
    parent: QWidget, waiting: int, answered: Callable[[bool], None]
) -> tuple[QMessageBox, QPushButton]:
    """Closing now would lose entries that could not be written: close anyway (True), or stay?"""
    return ask(
        parent,
        icon=QMessageBox.Icon.Warning,
        title="Not saved yet",
        text=f"{waiting} of your entries could not be saved yet and would be lost if relaxapp closes.",
        detail="Free some space on the disk or check that the data folder can be written, then keep "
        "relaxapp open a little longer: it tries again every half minute.",
        act=("Close anyway", QMessageBox.ButtonRole.DestructiveRole),
        stay="Keep relaxapp open",
        answered=answered,
    )
