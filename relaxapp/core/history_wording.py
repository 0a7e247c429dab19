"""The words of the history page: its timeline entries, counts, calendar days and insights' notes.

Pure text, like core.wording (whose words for durations, routines, ratings and the journal it uses).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Protocol

from relaxapp.core.journal import INTENSITY_MAX, CheckIn, Episode, Treatment
from relaxapp.core.record import Scale, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.core.wording import (
    DURATION_NAMES,
    KIND_NAMES,
    before_after,
    duration_text,
    plural,
    score_text,
    treatment_words,
    where_words,
)

if TYPE_CHECKING:
    from relaxapp.core.stats import DayFacts, Insights

# How the calendar's shades read, darkest first (ui/history/calendar.py's SHADES holds their thresholds).
SHADE_NAMES = ("20 min or more", "10 to 19 min", "under 10 min")


class CountsLike(Protocol):
    """How many of each were written or read (storage's Counts)."""

    @property
    def sessions(self) -> int: ...
    @property
    def episodes(self) -> int: ...
    @property
    def check_ins(self) -> int: ...
    @property
    def treatments(self) -> int: ...
    @property
    def safety_checks(self) -> int: ...
    @property
    def total(self) -> int: ...


class MergeLike(Protocol):
    """What a merge added and left out (storage's MergeReport)."""

    @property
    def added(self) -> CountsLike: ...
    @property
    def skipped(self) -> CountsLike: ...


# What the timeline lists: sessions and episodes at their moment, treatments and check-ins on their day.
Listed = SessionRecord | Episode | Treatment | CheckIn


def moment_of(entry: Listed) -> datetime:
    """When a session started or an episode happened; a dated entry's local midnight."""
    if isinstance(entry, SessionRecord):
        return entry.started_at
    if isinstance(entry, Episode):
        return entry.occurred_at
    day = entry.given_on if isinstance(entry, Treatment) else entry.day
    return datetime.combine(day, time()).astimezone()


def when_text(moment: datetime, today: date) -> str:
    """'25 Nov 21:00': the year only when it is not this one, so the column stays narrow."""
    local = moment.astimezone()
    return local.strftime("%d %b %H:%M" if local.year == today.year else "%d %b %Y %H:%M").lstrip("0")


def when_listed(entry: Listed, today: date) -> str:
    """when_text for a timed entry; a dated one (a treatment, a check-in) by its day alone: '25 Nov'."""
    if isinstance(entry, SessionRecord | Episode):
        return when_text(moment_of(entry), today)
    day = entry.given_on if isinstance(entry, Treatment) else entry.day
    return f"{day:%d %b}".lstrip("0") if day.year == today.year else f"{day:%d %b %Y}".lstrip("0")


def what_text(entry: Listed) -> str:
    """'Box breathing', for an episode where it was ('Twitch: left eyelid'), a treatment, or 'Check-in'."""
    if isinstance(entry, SessionRecord):
        return entry.routine_title
    if isinstance(entry, Episode):
        return f"Twitch: {where_words(entry.side, entry.places)}"
    if isinstance(entry, Treatment):
        return treatment_words(entry)
    return "Daily check-in"


def amount_text(entry: Listed) -> str:
    """A session's length ('12 min'), an episode's strength and length ('4/10 · minutes'), a dose."""
    if isinstance(entry, Episode):
        return f"{entry.intensity}/{INTENSITY_MAX} · {DURATION_NAMES[entry.duration].lower()}"
    if isinstance(entry, Treatment):
        return entry.dose
    if isinstance(entry, CheckIn):
        return ""
    return duration_text(entry.actual_seconds)  # a session stopped early says so in its note


def change_text(entry: Listed, scale: Scale) -> str:
    """A session's 'before → after' on one scale, '7 → 3', a dash for a missing answer; empty if neither."""
    if not isinstance(entry, SessionRecord):
        return ""
    before, after = before_after(entry.ratings, scale)
    if not isinstance(before, int) and not isinstance(after, int):
        return ""
    return f"{score_text(before, '–')} → {score_text(after, '–')}"


def note_text(entry: Listed) -> str:
    """A note on one line, a check-in's answers, or a note that a session was stopped early."""
    if isinstance(entry, SessionRecord):
        return "" if entry.completed else f"Stopped early, planned {duration_text(entry.planned_seconds)}"
    if isinstance(entry, CheckIn):
        answers = check_in_words(entry)
        return "; ".join(part for part in (answers, " ".join(entry.note.split())) if part)
    return " ".join(entry.note.split())  # one line in a table cell


def check_in_words(check_in: CheckIn) -> str:
    """A check-in's answers: 'slept 6.5 h, 3 caffeine drinks, 5 glasses of water, stress 4, …'."""
    answers = []
    if check_in.sleep_hours is not None:
        answers.append(f"slept {check_in.sleep_hours:g} h")
    if check_in.caffeine_drinks is not None:
        answers.append(plural(check_in.caffeine_drinks, "caffeine drink"))
    if check_in.water_glasses is not None:
        answers.append(f"{plural(check_in.water_glasses, 'glass')} of water")
    if check_in.stress is not None:
        answers.append(f"stress {check_in.stress}")
    if check_in.alcohol_drinks is not None:
        answers.append(plural(check_in.alcohol_drinks, "alcohol drink"))
    if check_in.screen_hours is not None:
        answers.append(f"{check_in.screen_hours:g} h at screens")
    if check_in.dry_eyes is not None:
        answers.append("eyes dry or gritty" if check_in.dry_eyes else "eyes not dry")
    return ", ".join(answers)


def describe(entry: Listed, today: date) -> str:
    """The entry in a few words, for the undo note: 'Box breathing (Tue 03 Mar, 08:30)'."""
    return f"{what_text(entry)} ({when_listed(entry, today)})"


def counts_text(counts: CountsLike) -> str:
    """'12 sessions, 1 twitch and 3 check-ins', or 'nothing'."""
    parts = [
        plural(number, noun)
        for number, noun in (
            (counts.sessions, "session"),
            (counts.episodes, "twitch"),
            (counts.check_ins, "check-in"),
            (counts.treatments, "treatment"),
            (counts.safety_checks, "warning-signs answer"),
        )
        if number
    ]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def merge_text(report: MergeLike) -> str:
    """'Added 12 sessions and 3 twitches; 5 already there.'"""
    text = f"Added {counts_text(report.added)}" if report.added.total else "Nothing new to add"
    if report.skipped.total:
        text += f"; {report.skipped.total:,} already there"
    return text + "."


def day_text(facts: DayFacts) -> str:
    """'Tue 3 March: 25 min of practice, 2 twitches, injection: Botox; slept 6.5 h, 3 caffeine drinks,
    5 glasses of water, stress 4, 1 alcohol drink, 9.5 h at screens, eyes dry or gritty.'"""
    parts = [f"{round(facts.minutes)} min of practice" if facts.minutes else "no practice"]
    if facts.episodes:
        parts.append(plural(facts.episodes, "twitch"))
    for treatment in facts.treatments:
        words = treatment_words(treatment)
        parts.append(words[:1].lower() + words[1:])  # 'injection: Botox …', the name as written
    text = f"{facts.day:%a} {facts.day.day} {facts.day:%B}: {', '.join(parts)}"
    answers = check_in_words(facts.check_in) if facts.check_in is not None else ""
    if answers:
        text += "; " + answers
    return text + "."


def month_text(first: date, in_month: Sequence[DayFacts]) -> str:
    """'March 2026: 12 days of practice, 180 min in all; 3 twitches logged.'"""
    practice = [day for day in in_month if day.minutes]
    episodes = sum(day.episodes for day in in_month)
    return (
        f"{first:%B %Y}: {plural(len(practice), 'day')} of practice, "
        f"{round(sum(day.minutes for day in practice))} min in all; {plural(episodes, 'twitch')} logged."
    )


def findings_html(insights: Insights) -> str:
    """The insights' findings as rich text: the message, then each comparison, the supported in bold first."""
    import html  # noqa: PLC0415 - its table of entities is not needed for the first frame

    ordered = sorted(insights.comparisons, key=lambda comparison: not comparison.supported)
    lines = [
        f"<li>{'<b>' if c.supported else ''}{html.escape(c.sentence)}{'</b>' if c.supported else ''}</li>"
        for c in ordered
    ]
    listed = f"<ul style='margin-left: -20px'>{''.join(lines)}</ul>" if lines else ""
    return f"<p><b>{html.escape(insights.message)}</b></p>{listed}"


def minutes_note(sessions: int, weeks: int) -> str:
    """What the chart of minutes a week stands on, or why it is not drawn."""
    if not sessions:
        return f"No sessions in the last {weeks} weeks: the chart of minutes appears after your first one."
    return f"Based on {plural(sessions, 'session')} in the last {weeks} weeks."


def change_note(rated: Mapping[RoutineKind, int]) -> str:
    """What the chart of changes after a session stands on (sessions rated before and after, by kind), and
    which kinds wait for more."""
    from relaxapp.core.stats import MIN_RATED_SESSIONS  # noqa: PLC0415 - the statistics load with History

    least = f"a kind of routine is drawn once {MIN_RATED_SESSIONS} of its sessions are rated before and after"
    shown = sum(count for count in rated.values() if count >= MIN_RATED_SESSIONS)
    waiting = ", ".join(
        f"{KIND_NAMES[kind].lower()} {count}" for kind, count in rated.items() if count < MIN_RATED_SESSIONS
    )
    if not rated:
        return f"No session rated before and after yet: {least}."
    if not shown:
        return f"Not drawn yet: {least} (so far: {waiting})."
    based = f"Based on {plural(shown, 'rated session')}."
    return f"{based} Too few yet to draw: {waiting}." if waiting else based


def places_note(twitches: int, months: int) -> str:
    """What the chart of places stands on, or why it is not drawn."""
    if not twitches:
        return f"No twitches logged in the last {months} months: nothing to show by place yet."
    return (
        f"Based on {plural(twitches, 'twitch')} in the last {months} months; one felt "
        "in several places counts in each."
    )


def twitch_weeks_note(twitches: int, injections: int, weeks: int) -> str:
    """What the chart of twitches a week stands on, or why it is not drawn."""
    if not twitches:
        return f"No twitches logged in the last {weeks} weeks."
    marked = f"; a red mark is a week with an injection ({injections})" if injections else ""
    return f"Based on {plural(twitches, 'twitch')} in the last {weeks} weeks{marked}."
