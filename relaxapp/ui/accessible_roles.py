"""Roles a widget cannot be given with a setter: titles as headings, illustrations as pictures.

Qt reports every QLabel as static text, whatever it holds, so a screen reader cannot jump from one page
title to the next; and a painted illustration is an unnamed panel. Qt has no role setter for widgets: an
accessibility factory (QAccessible::installFactory) is its documented way to give one.

Ownership, with PySide: Qt's accessibility cache owns every interface and deletes it when its widget is
destroyed; the Python object of one made here then turns invalid (a call raises RuntimeError, it never
reaches freed memory), and is not deleted a second time. PySide's factory bridge keeps a reference to each
interface's Python object until the application ends (PySideAccessibleFactory::m_objects), so none is
collected while Qt still uses it; the price is a few hundred bytes per heading or picture ever made, and
they are made a handful of times per run. tests/unit/test_pyside_accessible_factory.py holds these promises.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

# QtGui's Qt is QtCore's with QtGui's text functions added (mightBeRichText).
from PySide6.QtGui import QAccessible, QAccessibleInterface, Qt, QTextDocumentFragment
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

# The object names (style sheet ids) of the labels that head a page or a part of one.
HEADING_NAMES = frozenset(
    {
        "pageTitle",  # every page's title, and the summary's "Well done"
        "answerTitle",  # the warning signs' answer
        "answerHeading",  # the parts of that answer
        "stepTitle",  # the muscle group or area of a running session's step
    }
)

_installed = False


class Heading(QAccessibleWidget):
    """A label that titles a page or a part of one: read as a heading, named by its words."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)

    def text(self, kind: QAccessible.Text) -> str:
        label = self.object()
        if kind is not QAccessible.Text.Name or not isinstance(label, QLabel):
            return super().text(kind)
        if label.accessibleName():
            return label.accessibleName()
        words = label.text()
        rich = label.textFormat() is Qt.TextFormat.RichText or (
            label.textFormat() is Qt.TextFormat.AutoText and Qt.mightBeRichText(words)
        )
        return QTextDocumentFragment.fromHtml(words).toPlainText() if rich else words


def install() -> None:
    """Give the app's titles and pictures their roles, from now on; once per process (the tests build
    many windows, and PySide would call a factory installed twice twice)."""
    global _installed  # noqa: PLW0603 - one factory per process, as Qt keeps one list of them
    if not _installed:
        QAccessible.installFactory(_interface_for)
        _installed = True


def expose_headings(root: QWidget) -> None:
    """Make the titles in `root` headings, for a screen reader that was running when they were made.

    While one runs, Qt makes a label's interface as soon as its text is set, and keeps it: a
    QLabel("Title") gets a plain one before setObjectName("pageTitle") can mark it a title. Such an
    interface is dropped here so that the factory makes the heading in its place, before the page shows.
    With no screen reader running nothing is made early and there is nothing to do.
    """
    if not QAccessible.isActive():
        return
    for label in root.findChildren(QLabel):
        if label.objectName() in HEADING_NAMES:
            made = QAccessible.queryAccessibleInterface(label)
            if made is not None and made.role() is not QAccessible.Role.Heading:
                QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(made))


def _interface_for(_class_name: str, thing: QObject) -> QAccessibleInterface | None:
    # Called by Qt for each class name of an object's ancestry until a factory answers; None leaves the
    # object to Qt's own interfaces. It must not raise: PySide would leave the error pending.
    if isinstance(thing, QLabel) and thing.objectName() in HEADING_NAMES:
        return Heading(thing)
    # A widget class with a role of its own says so in `accessible_role` (the rating rows, the
    # illustrations): asked of the class, so this module need not import (nor the app load) every one.
    role = getattr(type(thing), "accessible_role", None)
    if isinstance(role, QAccessible.Role) and isinstance(thing, QWidget):
        return QAccessibleWidget(thing, role)
    return None
