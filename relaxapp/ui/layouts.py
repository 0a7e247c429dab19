"""Layout helpers shared by the pages."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

PAGE_MARGIN = 32  # px on either side of a page's content: room to breathe, and to fit an 800 px window
IN_VIEW_MARGIN = 12  # px kept around a focused widget scrolled into view, so its focus ring shows too


def scrolling_content(page: QWidget) -> tuple[QVBoxLayout, QVBoxLayout]:
    """Fill `page` with a frameless scroll area; returns (the page's own layout, the scrolled layout).

    A page scrolls up and down rather than squeezes when the window is short or the text is large; its rows
    wrap (FlowLayout) and its grids drop columns (ColumnsLayout) to fit the width, so it never needs to
    scroll sideways.
    """
    content = QWidget()
    content.setObjectName("pageContent")
    scroll = scroll_area(content)
    page_layout = QVBoxLayout(page)
    page_layout.setContentsMargins(0, 0, 0, 0)
    page_layout.addWidget(scroll)
    return page_layout, QVBoxLayout(content)


def scroll_area(
    content: QWidget, sideways: Qt.ScrollBarPolicy = Qt.ScrollBarPolicy.ScrollBarAsNeeded
) -> QScrollArea:
    """A frameless scroll area around `content`, a part of a page that holds other controls.

    It stays out of the Tab order: Tab reaches the controls inside, and QScrollArea scrolls each into
    view as it does; the area itself, focused, was only an unnamed "layered pane" to a screen reader.
    """
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(sideways)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll


def window_body(nav: QWidget, banner: QWidget, pages: QWidget, sound_bar: QWidget) -> QWidget:
    """The window's content: navigation on the left; the banner, the page and the sound bar beside it."""
    content = QVBoxLayout()
    body = QHBoxLayout()
    for layout in (content, body):
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
    content.addWidget(banner)
    content.addWidget(pages, 1)
    content.addWidget(sound_bar)
    body.addWidget(nav)
    body.addLayout(content, 1)
    central = QWidget()
    central.setObjectName("central")
    central.setLayout(body)
    return central


def focus_chain(region: QWidget) -> list[QWidget]:
    """The widgets inside `region`, in the order Tab visits them from the window's start (hidden and
    unfocusable ones too).

    The walk starts at `region`, where its widgets usually follow it, and stops once it has met them all:
    the window's whole chain holds Qt's own widgets too (a scroll area's viewport), and handing the first of
    those to Python costs several milliseconds of start-up."""
    window = region.window()
    inside = {widget for widget in region.findChildren(QWidget) if region.isAncestorOf(widget)}
    after_region: list[QWidget] = []  # met before the walk comes round to the window's start
    after_start: list[QWidget] = []  # met after it: these come first from the window's start
    met = after_region
    widget = region.nextInFocusChain()
    while inside and widget is not None and widget is not region:
        if widget is window:
            met = after_start
        elif widget in inside:
            met.append(widget)
            inside.discard(widget)
        widget = widget.nextInFocusChain()
    return after_start + after_region


def tab_order(widgets: Iterable[QWidget]) -> None:
    """Tab goes through `widgets` in this order (the reading order: top to bottom, left to right). A widget
    that takes no focus itself (a panel, a page) stands for the controls inside it, in their own order."""
    chain = []
    for widget in widgets:
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            chain.append(widget)
        else:  # QWidget.setTabOrder ignores a widget without focus
            chain += [inner for inner in focus_chain(widget) if inner.focusPolicy() != Qt.FocusPolicy.NoFocus]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def focus_first(region: QWidget) -> None:
    """Give the focus to the first control of `region` that Tab reaches, as if Tab had been pressed."""
    for widget in focus_chain(region):
        reachable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None
        if reachable and widget.isVisible() and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return


class _ItemsLayout(QLayout):
    """A layout that keeps its items in a list and places them in `_place`, which also measures the height
    a width needs (the layouts below wrap, so their height depends on their width).

    Widgets are added from Python only: their items are made here, so that they are Python's to keep.
    An item that C++ made and handed to `addItem` is only lent: PySide's garbage collector may take its
    wrapper, and the next layout pass then reads freed memory.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        # Heights by width, until something inside changes: one layout pass asks the same width many times
        # (each box layout around asks again), as QBoxLayout, which keeps its own, would not need measured.
        self._heights: dict[int, int] = {}
        self.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))
        self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        raise TypeError(f"{type(self).__name__} holds widgets only: use addWidget")

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        self._heights.clear()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if width not in self._heights:
            self._heights[width] = self._place(QRect(0, 0, width, 0), move=False)
        return self._heights[width]

    def invalidate(self) -> None:
        """Something inside changed (a widget shown, hidden, added or taken, a new text or font)."""
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in `rect` (or only measure, without `move`); returns the height used."""
        raise NotImplementedError


class FlowLayout(_ItemsLayout):
    """A row that wraps: each widget at its preferred width, left to right, onto a new line where the
    width runs out (after Qt's documented flow layout example). A trailing stretch is not needed."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8, line_spacing: int = 8) -> None:
        super().__init__(parent)
        self._spacing, self._line_spacing = spacing, line_spacing

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def sizeHint(self) -> QSize:
        """All on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """As narrow as the widest widget: the others go on lines of their own."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def _place(self, rect: QRect, *, move: bool) -> int:
        area = rect.marginsRemoved(self.contentsMargins())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._shown():
            size = item.sizeHint().boundedTo(QSize(area.width(), item.sizeHint().height()))
            size = size.expandedTo(item.minimumSize())
            if lines[-1] and x + size.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, size))
            x += size.width() + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(size.height() for _item, size in line)
            x = area.x()
            for item, size in line:
                if move:
                    # Shorter widgets sit in the middle of their line, as in a box layout.
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + self._spacing
            y += height + self._line_spacing
        margins: QMargins = self.contentsMargins()
        return y - self._line_spacing - rect.y() + margins.bottom() if y > area.y() else 0


class ColumnsLayout(_ItemsLayout):
    """A grid of equal columns, as many as fit `column_width` each (at most `most`), filled row by row:
    two cards side by side in a wide window, one under the other in a narrow one or with larger text."""

    def __init__(self, column_width: int, *, most: int = 2, spacing: int = 12) -> None:
        super().__init__()
        self.column_width, self._most, self._gap = column_width, most, spacing

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def columns(self, width: int) -> int:
        """How many columns fit in `width`, and no more than its rows need: four figures in two rows
        go two and two, not three and one."""
        column = max(self.column_width, self.minimumSize().width())
        fit = max(1, min(self._most, (width + self._gap) // (column + self._gap)))
        shown = len(self._shown())
        rows = -(-shown // fit)
        return next(count for count in range(1, fit + 1) if -(-shown // count) <= rows)

    def sizeHint(self) -> QSize:
        columns = min(self._most, len(self._shown())) or 1
        width = columns * self.column_width + (columns - 1) * self._gap
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        return QSize(max((item.minimumSize().width() for item in self._shown()), default=0), 0)

    def _place(self, rect: QRect, *, move: bool) -> int:
        shown = self._shown()
        columns = self.columns(rect.width())
        width = (rect.width() - (columns - 1) * self._gap) // columns
        y = rect.y()
        for start in range(0, len(shown), columns):
            row = shown[start : start + columns]
            height = max(self._height(item, width) for item in row)
            for column, item in enumerate(row):
                if move:
                    x = rect.x() + column * (width + self._gap)
                    # A row's cards share its height: the widget is given the whole cell. Its item would
                    # give a widget that does not grow the height its width needs, centred in the cell.
                    widget = item.widget()
                    (widget or item).setGeometry(QRect(x, y, width, height))
            y += height + self._gap
        return max(y - self._gap - rect.y(), 0)

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        return item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()


class FocusInView(QObject):
    """Scrolls whatever takes the focus fully into view, with room for its focus ring, in every scroll
    area around it: by Tab (QScrollArea does that much, with a margin that hides half a card) and by the
    arrow keys within a group, which QScrollArea does not follow at all."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        ancestor = new.parentWidget()
        while ancestor is not None:
            if isinstance(ancestor, QScrollArea):
                content = ancestor.widget()
                if content is not None and content.isAncestorOf(new):
                    ancestor.ensureWidgetVisible(new, IN_VIEW_MARGIN, IN_VIEW_MARGIN)
            ancestor = ancestor.parentWidget()


class WrappingDialog(QDialog):
    """A dialog with words (or buttons) that wrap: Qt opens a window at the height its words take on one
    line, which cuts the last lines off when they wrap (larger text, a narrow screen). It opens, and
    stays when narrowed, as tall as they need at its width instead, no taller than its screen."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Narrowed by a person, or to fit a small screen: more lines wrap. (On X11 Qt leaves the window's
        # height as it was; docs/screenshots/sizes showed the places' last row and the Save line cut off.)
        self._fit_height()

    def fit_to_rows(self) -> None:
        """Rows shown or hidden: the dialog takes the height they need at its width, less as well as more."""
        layout = self.layout()
        if layout is None or not self.isVisible():  # before it opens, Qt sizes it from its rows' hint
            return
        layout.activate()  # the rows' new minimum first: a smaller one lets the dialog shrink
        # Without a row that wraps left shown, the height no longer depends on the width.
        wraps = layout.hasHeightForWidth()
        self.resize(
            self.width(),
            layout.totalHeightForWidth(self.width()) if wraps else layout.totalSizeHint().height(),
        )

    def _fit_height(self) -> None:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.width())
        screen = self.screen().availableGeometry().height() if self.screen() is not None else needed
        if needed > self.height():
            self.resize(self.width(), min(needed, max(screen, self.height())))
