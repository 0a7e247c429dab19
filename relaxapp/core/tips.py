"""The tips people read: sections of short texts, searchable, with a tip for each day."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from relaxapp.core import datafile
from relaxapp.core.datafile import FieldError, no_unknown, shown, tables, text, unique_ids

SECTION_IDS = (
    "about",
    "twitch_explained",
    "triggers",
    "remedies",
    "relaxation",
    "warning_signs",
    "professionals",
    "prevention",
)
SEARCH_ORDER = ("warning_signs", *(section for section in SECTION_IDS if section != "warning_signs"))
SAFETY_CHECK = "safety_check"
_WORD = re.compile(r"\w+(?:'\w+)*")
# A synonym is one lowercase word; what it stands for may be a few words ("botulinum toxin", "be-fast").
_SYNONYM = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_SYNONYM_MEANS = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*(?:[ -][a-z0-9]+(?:'[a-z0-9]+)*)*")
# Endings that leave a word the same word for search: "twitching" is "twitch", "droopy" is "droop".
_ENDINGS = ("s", "es", "ed", "ing", "y")
_SECTION_KEYS = {"id", "title", "intro"}
_TIP_KEYS = {"id", "section", "title", "body", "try", "action", "daily"}


@dataclass(frozen=True)
class TipSection:
    id: str
    title: str
    intro: str


@dataclass(frozen=True)
class Tip:
    id: str
    section: str
    title: str
    body: str
    try_routine: str | None = None
    action: str | None = None
    daily: bool = True

    @property
    def paragraphs(self) -> list[str]:
        return datafile.paragraphs(self.body)


Span = tuple[int, int]


@dataclass(frozen=True)
class TipMatch:
    """A tip found by a search, with where the words were found (to highlight them)."""

    tip: Tip
    title_spans: tuple[Span, ...]
    paragraph_spans: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True)
class TipBook:
    sections: tuple[TipSection, ...]
    tips: tuple[Tip, ...]
    # A word a person may type → the words the tips use for it: "botox" → ("botulinum toxin",).
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    def section(self, section_id: str) -> TipSection:
        return next(section for section in self.sections if section.id == section_id)

    def in_section(self, section_id: str) -> list[Tip]:
        return [tip for tip in self.tips if tip.section == section_id]

    def tip_of_the_day(self, day: date) -> Tip:
        """A different tip each day, the same one all day long."""
        daily = sorted((tip for tip in self.tips if tip.daily), key=lambda tip: tip.id)
        return daily[day.toordinal() % len(daily)]

    def search(self, query: str) -> list[TipMatch]:
        """Tips holding every word of the query (as the start of a word, any case), or a synonym of it.

        Title hits come first, and among equals the warning signs lead: someone searching "stroke"
        must meet the stroke warning before a massage tip about slow strokes. A tip also matches by
        its section's title ("prevention"). Single letters are not words worth finding.
        """
        words = [word for word in _WORD.findall(query.lower().replace("’", "'")) if len(word) > 1]
        if not words:
            return []
        # One list of patterns per query word: the word is found when any of them is.
        wanted = [self._patterns_for(word) for word in words]
        highlighted = [pattern for patterns in wanted for pattern in patterns]
        matches = []
        for tip in self.tips:
            text = f"{tip.title}\n{tip.body}\n{self.section(tip.section).title}"
            if all(any(pattern.search(text) for pattern in patterns) for patterns in wanted):
                matches.append(
                    TipMatch(
                        tip,
                        _spans(highlighted, tip.title),
                        tuple(_spans(highlighted, paragraph) for paragraph in tip.paragraphs),
                    )
                )
        order = {section: index for index, section in enumerate(SEARCH_ORDER)}
        return sorted(matches, key=lambda match: (not match.title_spans, order[match.tip.section]))

    def _patterns_for(self, word: str) -> list[re.Pattern[str]]:
        """The word as typed, which may be half a word, and the whole words it stands for."""
        patterns = [_pattern(word, whole_word=False)]
        for synonym, means in self.synonyms.items():
            if word == synonym:
                patterns += [_pattern(other, whole_word=True) for other in means]
            elif any(word == synonym + ending for ending in _ENDINGS):
                # "twitching" does not start "twitches", but both are the synonym's word "twitch".
                patterns += [_pattern(other, whole_word=True) for other in (synonym, *means)]
        return patterns


def _pattern(words: str, *, whole_word: bool) -> re.Pattern[str]:
    """Words found at a word start; a whole word may still take an ending ("spasm" finds "spasms")."""
    # An apostrophe matches either kind in the text: "doctor's" finds "doctor’s".
    parts = (re.escape(part).replace("'", "['’]") for part in words.split())
    ending = "(?:" + "|".join(_ENDINGS) + r")?\b" if whole_word else ""
    return re.compile(r"\b" + r"\s+".join(parts) + ending, re.IGNORECASE)


def _spans(patterns: list[re.Pattern[str]], text: str) -> tuple[Span, ...]:
    found = sorted((m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text))
    merged: list[Span] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def load_tips(path: Path, routine_ids: Collection[str]) -> TipBook:
    """Read and check a tips file; `routine_ids` are the routines a "Try it now" link may start."""
    return datafile.load(path, lambda data: parse_tips(data, routine_ids))


def parse_tips(data: dict[str, Any], routine_ids: Collection[str]) -> TipBook:
    no_unknown(data, {"sections", "tips", "synonyms"}, "")
    sections = tuple(_section(n, raw) for n, raw in enumerate(tables(data, "sections"), start=1))
    if tuple(section.id for section in sections) != SECTION_IDS:
        raise FieldError("sections", f"must be exactly these, in this order: {', '.join(SECTION_IDS)}")
    tips = tuple(_tip(n, raw, routine_ids) for n, raw in enumerate(tables(data, "tips"), start=1))
    unique_ids((tip.id for tip in tips), "tips", "tip")
    for section in sections:
        if not any(tip.section == section.id for tip in tips):
            raise FieldError("tips", f"section '{section.id}' has no tips")
    if not any(tip.daily for tip in tips):
        raise FieldError("tips", "no tip may be the tip of the day (all have daily = false)")
    return TipBook(sections, tips, _synonyms(data.get("synonyms", {})))


def _synonyms(raw: object) -> dict[str, tuple[str, ...]]:
    """The [synonyms] table: each word a person may type, with the words the tips use instead."""
    if not isinstance(raw, dict):
        raise FieldError("synonyms", 'must be a table of words, e.g. botox = ["botulinum toxin"]')
    synonyms: dict[str, tuple[str, ...]] = {}
    for word, means in raw.items():
        where = f"synonyms.{word}"
        if not _SYNONYM.fullmatch(word):
            raise FieldError(where, "must be one word in lowercase letters or digits")
        if not isinstance(means, list) or not means:
            raise FieldError(where, "must be a list of the words it stands for, at least one")
        for number, other in enumerate(means, start=1):
            if not isinstance(other, str) or not _SYNONYM_MEANS.fullmatch(other):
                raise FieldError(
                    f"{where}[{number}]", "must be lowercase words, separated by single spaces or hyphens"
                )
            if other == word:
                raise FieldError(f"{where}[{number}]", f"is '{word}' itself; list only other words")
        synonyms[word] = tuple(means)
    return synonyms


def _section(number: int, raw: dict[str, Any]) -> TipSection:
    where = f"sections[{number}]"
    no_unknown(raw, _SECTION_KEYS, where)
    return TipSection(
        text(raw, "id", where), text(raw, "title", where, one_line=True), text(raw, "intro", where)
    )


def _tip(number: int, raw: dict[str, Any], routine_ids: Collection[str]) -> Tip:
    where = f"tips[{number}]"
    no_unknown(raw, _TIP_KEYS, where)
    tip_id = datafile.identifier(raw, where)
    section = text(raw, "section", where)
    if section not in SECTION_IDS:
        raise FieldError(f"{where}.section", f"{shown(section)} is not a section ({', '.join(SECTION_IDS)})")
    routine = raw.get("try")
    if routine is not None and (not isinstance(routine, str) or routine not in routine_ids):
        raise FieldError(f"{where}.try", f"{shown(routine)} is not a routine relaxapp has")
    action = raw.get("action")
    if action is not None and (not isinstance(action, str) or action != SAFETY_CHECK):
        raise FieldError(f"{where}.action", f"{shown(action)} is not an action (known: {SAFETY_CHECK})")
    daily = raw.get("daily", True)
    if not isinstance(daily, bool):
        raise FieldError(f"{where}.daily", "must be true or false")
    title = text(raw, "title", where, one_line=True)
    return Tip(tip_id, section, title, text(raw, "body", where), routine, action, daily)
