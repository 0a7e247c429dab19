"""'Should I see a doctor?': from the warning signs a person ticks to one of four clear answers."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
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
from relaxapp.core.urgency import Urgency

# The levels a sign can call for, most urgent first: the first one any ticked sign reaches is the answer.
SIGN_LEVELS = (Urgency.EMERGENCY, Urgency.TODAY, Urgency.SOON)


@dataclass(frozen=True)
class Question:
    id: str
    urgency: Urgency
    text: str
    see: tuple[str, ...] = ()
    advice: str = ""  # shown with the answer whenever this sign is behind it


@dataclass(frozen=True)
class Professional:
    id: str
    name: str
    why: str


@dataclass(frozen=True)
class Answer:
    title: str
    body: str
    notes: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return datafile.paragraphs(self.body)


@dataclass(frozen=True)
class Assessment:
    urgency: Urgency
    answer: Answer
    reasons: tuple[Question, ...]  # the ticked signs behind this answer
    professionals: tuple[Professional, ...]  # whom to see, for a "today" or "soon" answer
    also_noticed: tuple[Question, ...] = ()  # ticked signs of a less urgent level, to mention at a visit

    @property
    def advice(self) -> tuple[str, ...]:
        """What the signs behind this answer add to it, in the order of the list."""
        return tuple(question.advice for question in self.reasons if question.advice)


@dataclass(frozen=True)
class PageText:
    """The words of the checklist page around the questions."""

    intro: str
    emergency_line: str  # always on show above the list
    emergency_group: str
    today_group: str
    soon_group: str
    if_sudden: str  # closes every answer but the emergency one
    after_session: str  # the reminder at the end of every session

    def group_title(self, urgency: Urgency) -> str:
        titles = {
            Urgency.EMERGENCY: self.emergency_group,
            Urgency.TODAY: self.today_group,
            Urgency.SOON: self.soon_group,
        }
        return titles[urgency]


@dataclass(frozen=True)
class Checklist:
    questions: tuple[Question, ...]
    professionals: dict[str, Professional]
    answers: dict[Urgency, Answer]
    notice: Answer  # the wellbeing notice shown at first start
    page: PageText

    def assess(self, ticked: Collection[str]) -> Assessment:
        """The most urgent answer any ticked sign calls for: an emergency outranks everything.

        The signs of a less urgent level are not reasons for this answer: an emergency call comes
        with nothing else to do first, and a same-day visit hears about the rest (`also_noticed`).
        """
        unknown = set(ticked) - {question.id for question in self.questions}
        if unknown:
            raise ValueError(f"no such warning sign: {', '.join(sorted(unknown))}")
        for urgency in SIGN_LEVELS:
            reasons = tuple(q for q in self.questions if q.id in ticked and q.urgency is urgency)
            if reasons:
                seen = dict.fromkeys(pid for question in reasons for pid in question.see)
                professionals = tuple(self.professionals[pid] for pid in seen)
                also_noticed = () if urgency is Urgency.EMERGENCY else self._ticked_below(urgency, ticked)
                return Assessment(urgency, self.answers[urgency], reasons, professionals, also_noticed)
        return Assessment(Urgency.SELF_CARE, self.answers[Urgency.SELF_CARE], (), ())

    def _ticked_below(self, urgency: Urgency, ticked: Collection[str]) -> tuple[Question, ...]:
        less_urgent = SIGN_LEVELS[SIGN_LEVELS.index(urgency) + 1 :]
        return tuple(q for q in self.questions if q.id in ticked and q.urgency in less_urgent)


def load_checklist(path: Path) -> Checklist:
    return datafile.load(path, parse_checklist)


def parse_checklist(data: dict[str, Any]) -> Checklist:
    no_unknown(data, {"questions", "professionals", "answers", "notice", "page"}, "")
    professionals = {pid: _professional(pid, raw) for pid, raw in _table(data, "professionals").items()}
    questions = tuple(_question(n, raw, professionals) for n, raw in enumerate(tables(data, "questions"), 1))
    for urgency in SIGN_LEVELS:
        if not any(question.urgency is urgency for question in questions):
            raise FieldError("questions", f"there must be at least one '{urgency}' question")
    unique_ids((question.id for question in questions), "questions", "question")
    raw_answers = _table(data, "answers")
    no_unknown(raw_answers, {u.value for u in Urgency}, "answers")
    answers = {urgency: _answer(f"answers.{urgency}", raw_answers.get(urgency.value)) for urgency in Urgency}
    raw_page = _table(data, "page")
    keys = (
        "intro",
        "emergency_line",
        "emergency_group",
        "today_group",
        "soon_group",
        "if_sudden",
        "after_session",
    )
    no_unknown(raw_page, set(keys), "page")
    page = PageText(*(" ".join(text(raw_page, key, "page").split()) for key in keys))
    return Checklist(questions, professionals, answers, _answer("notice", data.get("notice")), page)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise FieldError(key, f"must be a [{key}] table with at least one entry")
    return value


def _professional(pid: str, raw: object) -> Professional:
    where = f"professionals.{pid}"
    if not isinstance(raw, dict):
        raise FieldError(where, "must be a table with name and why")
    no_unknown(raw, {"name", "why"}, where)
    return Professional(pid, text(raw, "name", where), text(raw, "why", where))


def _question(number: int, raw: dict[str, Any], professionals: dict[str, Professional]) -> Question:
    where = f"questions[{number}]"
    no_unknown(raw, {"id", "urgency", "text", "see", "advice"}, where)
    urgency_name = text(raw, "urgency", where)
    if urgency_name not in SIGN_LEVELS:
        levels = ", ".join(f"'{level}'" for level in SIGN_LEVELS)
        raise FieldError(f"{where}.urgency", f"{shown(urgency_name)} must be one of {levels}")
    urgency = Urgency(urgency_name)
    see = raw.get("see", [])
    if not isinstance(see, list) or any(not isinstance(pid, str) or pid not in professionals for pid in see):
        raise FieldError(f"{where}.see", f"must list professionals from: {', '.join(professionals)}")
    if urgency is not Urgency.EMERGENCY and not see:
        raise FieldError(f"{where}.see", f"a '{urgency}' sign must say whom to see")
    if urgency is Urgency.EMERGENCY and see:
        raise FieldError(
            f"{where}.see", "an emergency sign sends people to emergency services, not to a visit"
        )
    question_id = identifier(raw, where)
    advice = " ".join(text(raw, "advice", where, required=False).split())  # one paragraph, however wrapped
    return Question(question_id, urgency, text(raw, "text", where), tuple(see), advice)


def _answer(where: str, raw: object) -> Answer:
    if not isinstance(raw, dict):
        raise FieldError(where, "is missing: every answer needs a title and a body")
    no_unknown(raw, {"title", "body", "notes"}, where)
    notes = raw.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(note, str) and note.strip() for note in notes):
        raise FieldError(f"{where}.notes", "must be a list of non-empty texts")
    return Answer(text(raw, "title", where, one_line=True), text(raw, "body", where), tuple(notes))


@dataclass(frozen=True)
class VisitNotes:
    """What a warning-signs answer brings to the visit report: its signs, whom it suggested, what to note."""

    title: str
    noticed: tuple[str, ...]  # the ticked signs, the answer's reasons first
    whom: tuple[str, ...]
    to_write_down: tuple[str, ...]  # prompts, each given a line to write on


def visit_notes(assessment: Assessment, day: date) -> VisitNotes:
    """The notes for a doctor's visit from the answer the person got on `day`."""
    return VisitNotes(
        title=f"Warning signs checked on {day.day} {day:%B %Y}: {assessment.answer.title.lower()}",
        noticed=tuple(question.text for question in (*assessment.reasons, *assessment.also_noticed)),
        whom=tuple(professional.name for professional in assessment.professionals),
        to_write_down=assessment.answer.notes,
    )
