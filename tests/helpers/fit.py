"""What a person cannot see whole on a window: widgets cut off by their parent, words cut short, and
sideways scroll bars. The reflow test and the screenshot tool ask it of every page."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QStyle,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QWidget,
)

from relaxapp.ui.choices import RoutineCard

SLACK = 1  # a pixel of rounding between a layout's sums and a widget's edge is not a cut


def shown(root: QWidget) -> list[QWidget]:
    """Every widget of `root` a person could see: visible, with some size, not a window of its own."""
    found = []
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and not widget.isWindow() and widget.width() > 0 and widget.height() > 0:
            found.append(widget)
    return found


def name(widget: QWidget) -> str:
    words = getattr(widget, "text", lambda: "")()
    label = widget.accessibleName() or words or widget.objectName()
    return f"{type(widget).__name__}({label[:40]!r})"


def _room(parent: QWidget, child: QWidget) -> QRect | None:
    """The part of `parent` where `child` must lie to be seen whole; None when it may run on (a page that
    scrolls up and down)."""
    area = parent.parentWidget()
    if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
        room = parent.rect()
        # Up and down is what a scrolled page is for; sideways must fit.
        return QRect(room.left(), child.y(), room.width(), child.height())
    if isinstance(parent, QAbstractScrollArea) and child in (
        parent.horizontalScrollBar(),
        parent.verticalScrollBar(),
    ):
        return None
    if isinstance(parent, QTabBar):
        return None  # the bar's own scroll buttons: checked by the tabs' width below
    return parent.rect()


def _label_cut(label: QLabel) -> str:
    """Why a label's words are cut short, or "" when they are whole (a picture has no words to cut)."""
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return ""
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        return (
            f"{label.height()} px high for {needed} px of wrapped words"
            if needed > label.height() + SLACK
            else ""
        )
    needed = label.minimumSizeHint().width()
    return f"{label.width()} px wide for {needed} px of words" if needed > label.width() + SLACK else ""


def cell_cut(table: QTableView, row: int, column: int) -> str:
    """Why the words of a table's cell are cut short, or "" when they are whole: wrapped within the
    cell's height where the cell wraps, else on one line within its width."""
    index = table.model().index(row, column)
    style = table.style()
    cell = QStyleOptionViewItem()
    cell.initFrom(table)
    cell.rect = table.visualRect(index)
    if table.wordWrap():
        cell.features = QStyleOptionViewItem.ViewItemFeature.WrapText
    table.itemDelegateForIndex(index).initStyleOption(cell, index)
    if not cell.text:
        return ""
    # Where the style paints the words: inside the padding, less the margin QCommonStyle keeps.
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, cell, table).adjusted(
        margin, 0, -margin, 0
    )
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    if cell.features & QStyleOptionViewItem.ViewItemFeature.WrapText:
        flags |= Qt.TextFlag.TextWordWrap
    needed = cell.fontMetrics.boundingRect(room, int(flags), cell.text)
    if needed.height() > room.height() + SLACK or needed.width() > room.width() + SLACK:
        needs = f"{needed.width()}x{needed.height()}"
        return f"{cell.text[:40]!r} needs {needs} px, has {room.width()}x{room.height()}"
    return ""


def _cells_cut(table: QTableView) -> str:
    """Why the words of a cell on show are cut short, or "" when each is whole. Only a table whose words
    wrap is asked, and there only the cells that wrap: a column kept to one line ends in "…" by design."""
    model = table.model()
    if not table.wordWrap() or model is None:
        return ""
    viewport = table.viewport().rect()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if table.isColumnHidden(column) or not table.visualRect(index).intersects(viewport):
                continue
            cell = QStyleOptionViewItem()
            cell.features = QStyleOptionViewItem.ViewItemFeature.WrapText
            table.itemDelegateForIndex(index).initStyleOption(cell, index)
            if cell.features & QStyleOptionViewItem.ViewItemFeature.WrapText and (
                why := cell_cut(table, row, column)
            ):
                return f"cell {row},{column}: {why}"
    return ""


def _words_cut(widget: QWidget) -> str:
    """Why the words of a label, button, tab or table cell are cut short, or "" when they are whole."""
    if isinstance(widget, QLabel):
        return _label_cut(widget)
    if isinstance(widget, QTableView):
        return _cells_cut(widget)
    if isinstance(widget, QAbstractButton) and widget.text() and not isinstance(widget, RoutineCard):
        # (A routine card's words are its labels, checked one by one.)
        needed = widget.minimumSizeHint().width()
        return f"{widget.width()} px wide for {needed} px of words" if needed > widget.width() + SLACK else ""
    if isinstance(widget, QTabBar):
        for index in range(widget.count()):
            if widget.tabRect(index).right() > widget.width() + SLACK:
                return f"tab {widget.tabText(index)!r} runs past the bar's end"
    return ""


def cut_off(root: QWidget) -> list[str]:
    """Each thing of `root` a person sees only in part, said in a line; empty when all is whole."""
    problems = []
    for widget in shown(root):
        parent = widget.parentWidget()
        room = _room(parent, widget) if parent is not None else None
        if room is not None and not room.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(widget.geometry()):
            rect = widget.geometry()
            problems.append(
                f"{name(widget)} at {rect.x()},{rect.y()} {rect.width()}x{rect.height()} "
                f"runs out of {name(parent)} ({parent.width()}x{parent.height()})"
            )
        why = _words_cut(widget)
        if why:
            problems.append(f"{name(widget)}: {why}")
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{name(widget)} scrolls sideways")
    return problems
