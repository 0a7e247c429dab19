"""The one optional question after the wellbeing notice at first start: what brings the person here.

Each answer names the routine the home page starts on, the two or three routines suggested for it, and
whether eyes-closed mode suits it (content/welcome.toml). The rule that turns an answer into settings is
here, without Qt, so that the first start and the settings dialog apply it alike.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from relaxapp.core import datafile
from relaxapp.core.datafile import (
    FieldError,
    identifier,
    no_unknown,
    shown,
    tables,
    text,
    unique_ids,
)
from relaxapp.core.preferences import Preferences

MIN_SUGGESTED, MAX_SUGGESTED = 2, 3  # a row of cards on the home page, not a second catalogue


@dataclass(frozen=True)
class Answer:
    id: str
    label: str  # one line, on the choice: "An eyelid that flickers"
    detail: str  # a line under it, to help the person recognise it
    start_with: str  # the routine the home page shows first
    suggested: tuple[str, ...]  # routine ids, in the order the row shows them
    note: str = ""  # a sentence beside the suggestions (when to see a doctor, say)
    eyes_closed: bool = False  # eyes-closed mode is switched on: watching the screen may be hard

    def applied_to(self, preferences: Preferences) -> Preferences:
        """`preferences` with this answer kept and eyes-closed mode on if it suits; nothing else changes,
        and a mode the person switched on is never switched off."""
        return replace(preferences, reason=self.id, eyes_closed=preferences.eyes_closed or self.eyes_closed)


@dataclass(frozen=True)
class WelcomeQuestion:
    question: str
    intro: str
    answers: tuple[Answer, ...]

    def answer(self, answer_id: str) -> Answer | None:
        return next((answer for answer in self.answers if answer.id == answer_id), None)


def load_welcome(path: Path, routine_ids: Collection[str]) -> WelcomeQuestion:
    """Read and check the question's file; every routine it names must be one of `routine_ids`."""
    return datafile.load(path, lambda data: parse_welcome(data, routine_ids))


def parse_welcome(data: dict[str, Any], routine_ids: Collection[str]) -> WelcomeQuestion:
    no_unknown(data, {"question", "intro", "answers"}, "")
    answers = tuple(_answer(n, raw, routine_ids) for n, raw in enumerate(tables(data, "answers"), start=1))
    unique_ids((answer.id for answer in answers), "answers", "answer")
    question = text(data, "question", one_line=True)
    return WelcomeQuestion(question, " ".join(text(data, "intro").split()), answers)


def _answer(number: int, raw: dict[str, Any], routine_ids: Collection[str]) -> Answer:
    where = f"answers[{number}]"
    no_unknown(raw, {"id", "label", "detail", "start_with", "suggested", "note", "eyes_closed"}, where)
    answer_id = identifier(raw, where)
    suggested = raw.get("suggested")
    if (
        not isinstance(suggested, list)
        or not MIN_SUGGESTED <= len(suggested) <= MAX_SUGGESTED
        or not all(isinstance(routine_id, str) for routine_id in suggested)
    ):
        count = f"{MIN_SUGGESTED} or {MAX_SUGGESTED}"
        raise FieldError(f"{where}.suggested", f'must list {count} routine ids, e.g. ["box", "pmr_7"]')
    for index, routine_id in enumerate(suggested, start=1):
        _known_routine(f"{where}.suggested[{index}]", routine_id, routine_ids)
    if len(set(suggested)) != len(suggested):
        raise FieldError(f"{where}.suggested", "names a routine twice")
    start_with = text(raw, "start_with", where)
    _known_routine(f"{where}.start_with", start_with, routine_ids)
    eyes_closed = raw.get("eyes_closed", False)
    if not isinstance(eyes_closed, bool):
        raise FieldError(f"{where}.eyes_closed", f"{shown(eyes_closed)} must be true or false")
    return Answer(
        id=answer_id,
        label=text(raw, "label", where, one_line=True),
        detail=" ".join(text(raw, "detail", where).split()),
        start_with=start_with,
        suggested=tuple(suggested),
        note=" ".join(text(raw, "note", where, required=False).split()),
        eyes_closed=eyes_closed,
    )


def _known_routine(field: str, routine_id: str, routine_ids: Collection[str]) -> None:
    if routine_id not in routine_ids:
        raise FieldError(field, f"{shown(routine_id)} is not a routine (see relaxapp --list-routines)")
