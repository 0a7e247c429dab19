"""Table cells whose words wrap onto as many lines as they need, measured as the style paints them."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex
_WRAP = QStyleOptionViewItem.ViewItemFeature.WrapText


class WrappingCells(QStyledItemDelegate):
    """A table's cells with their words wrapped within the column (the table's wordWrap on, its rows sized
    to their contents), except the columns kept to one line, cut with "…".

    Qt's own hint lays the words out in the whole cell, not inside the style sheet's padding, so a cell
    one word too long for its padded width was given a line too few and painted cut short: the height
    here comes from the width the style actually paints the words in."""

    def __init__(self, one_line: Collection[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._one_line = frozenset(one_line)

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() in self._one_line:
            option.features &= ~_WRAP

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        wraps = bool(cell.features & _WRAP)
        cell.features &= ~_WRAP
        one_line = super().sizeHint(cell, index)  # as tall as a row of one line, padding and all
        if not wraps or cell.widget is None or not cell.rect.isValid() or not cell.text:
            return one_line
        width = _words_room(cell)
        if cell.fontMetrics.horizontalAdvance(cell.text) <= width:
            return one_line
        heights = _line_heights(cell, width)
        return QSize(one_line.width(), one_line.height() + round(sum(heights[1:])))

    def words_room(self, view: QAbstractItemView, index: AnyIndex) -> int | None:
        """How wide the words of `index`'s column may run on one line; None for a column kept to one line.

        The same for every row of a column: a table measures the rows whose words all fit in it without
        asking each cell (several calls into Python per cell, the model's among them)."""
        if index.column() in self._one_line:
            return None
        cell = QStyleOptionViewItem()
        cell.initFrom(view)
        cell.widget = view
        cell.font = view.font()
        cell.rect = view.visualRect(index)
        self.initStyleOption(cell, index)
        return _words_room(cell)


def _words_room(cell: QStyleOptionViewItem) -> int:
    """Where the style paints `cell`'s words: inside the padding, less the margin QCommonStyle keeps."""
    widget = cell.widget
    style = widget.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    return style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, cell, widget).width() - 2 * margin


def _line_heights(cell: QStyleOptionViewItem, width: int) -> list[float]:
    """The heights of the lines `cell`'s words take in `width`, wrapped as QCommonStyle wraps them."""
    layout = QTextLayout(cell.text, cell.font)
    layout.setTextOption(QTextOption(cell.displayAlignment))
    wrapping = layout.textOption()
    wrapping.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(wrapping)
    heights = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(1, width))
        heights.append(line.height())
    layout.endLayout()
    return heights
