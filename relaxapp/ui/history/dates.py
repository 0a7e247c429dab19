"""Dates between Qt's QDate and Python's date, and a day's start on the person's wall clock."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate


def qt_date(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def py_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def local_midnight(day: date) -> datetime:
    """The moment `day` begins where the person is."""
    return datetime.combine(day, time()).astimezone()
