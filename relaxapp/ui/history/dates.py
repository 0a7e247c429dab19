"""Dates between Qt's QDate and Python's date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def qt_date(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def py_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())
