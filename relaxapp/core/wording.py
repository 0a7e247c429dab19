"""The words every page shows for the app's own things: durations, kinds, places, ratings and the journal.

Pure text: no Qt, so each rule is tested in a millisecond and every page says a thing the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from relaxapp.core.journal import (
    NAME_NEEDED,
    CheckIn,
    EpisodeDuration,
    Place,
    Side,
    Treatment,
    TreatmentKind,
)
from relaxapp.core.record import MIN_KEPT_SECONDS, Ratings, Scale, Score, SessionRecord
from relaxapp.core.routine import Cycles, Routine, RoutineKind, SessionLength, Stage, StepKind

if TYPE_CHECKING:
    from relaxapp.core.catalog import RoutineFileError

# -- durations ------------------------------------------------------------------------------------------


def countdown_seconds(seconds: float) -> int:
    """The whole seconds left in a phase, as counted aloud: 3.2 s left reads as 4."""
    return max(math.ceil(seconds - 1e-9), 0)


def clock_text(seconds: float) -> str:
    """A countdown: 272.3 s → '4:33'. Rounds up, so the display reaches 0:00 only at the very end."""
    minutes, secs = divmod(countdown_seconds(seconds), 60)
    return f"{minutes}:{secs:02d}"


def countdown_words(seconds: float) -> str:
    """A countdown as it is said rather than shown: 272.3 s → '4 min 33 s' where the clock shows '4:33'."""
    return duration_text(countdown_seconds(seconds))


def step_countdown_text(seconds: float) -> str:
    """A step's countdown: a long step as a clock ('2:30'), a short one in plain seconds ('42')."""
    whole = countdown_seconds(seconds)
    return clock_text(whole) if whole >= 60 else str(whole)


def duration_text(seconds: float) -> str:
    """A length: 176 s → '2 min 56 s', 60 s → '1 min', 42 s → '42 s'."""
    minutes, secs = divmod(round(seconds), 60)
    if minutes == 0:
        return f"{secs} s"
    return f"{minutes} min" if secs == 0 else f"{minutes} min {secs} s"


def plural(number: int, noun: str) -> str:
    """A count and its noun: '1 day', '3 days', '2 twitches', '1,200 sessions'."""
    return f"{number:,} {noun}{'' if number == 1 else 'es' if noun.endswith(('ch', 'sh', 's', 'x')) else 's'}"


def spoken_duration(seconds: float) -> str:
    """A length as a screen reader should say it: 176 s → '2 minutes 56 seconds', 60 s → '1 minute'.
    duration_text's 'min' and 's' are abbreviations, which speech reads out as letters or guesses at."""
    minutes, secs = divmod(round(seconds), 60)
    parts = [plural(minutes, "minute")] if minutes else []
    if secs or not minutes:
        parts.append(plural(secs, "second"))
    return " ".join(parts)


def days_text(days: int) -> str:
    """A streak's length: '1 day', '12 days'."""
    return plural(days, "day")


def ago_words(then: datetime, now: datetime) -> str:
    """How long ago, roughly: 'just now', '5 min ago', '2 h ago', '3 days ago'."""
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    return f"{plural(int(seconds // 86400), 'day')} ago"


# -- routines -------------------------------------------------------------------------------------------

SKIPPED_FILES_LISTED = 8  # the banner names this many skipped routine files; the log names them all


def skipped_routine_files(errors: Sequence[RoutineFileError]) -> list[str]:
    """The banner's lines for routine files that could not be read: the first few by name, then a count,
    so a folder full of broken files cannot fill the window."""
    lines = [
        f"A routine file in {error.path.parent} was skipped: {error}"
        for error in errors[:SKIPPED_FILES_LISTED]
    ]
    unlisted = len(errors) - SKIPPED_FILES_LISTED
    if unlisted > 0:
        files = "file was" if unlisted == 1 else "files were"
        lines.append(f"{unlisted} more routine {files} skipped; the log names every one.")
    return lines


KIND_NAMES = {
    RoutineKind.BREATHING: "Breathing",
    RoutineKind.PMR: "Muscle relaxation",
    RoutineKind.IMAGERY: "Guided imagery",
    RoutineKind.MASSAGE: "Face massage",
}
KIND_INTROS = {
    RoutineKind.BREATHING: "Choose a rhythm and a length. Follow the circle: it grows while you breathe in, "
    "rests while you hold, and shrinks while you breathe out.",
    RoutineKind.PMR: "Tense one group of muscles at a time, then let it go, and notice the difference. "
    "The face-and-neck routines are gentle, and one of them never tenses at all.",
    RoutineKind.IMAGERY: "Picture a calm place while a voice walks you through it. You can open your eyes "
    "and stop whenever you like.",
    RoutineKind.MASSAGE: "Slow, light strokes for the muscles around the eyes, cheeks and jaw, "
    "one area at a time.",
}
# What a running session calls its parts, by kind: "Part 2 of 7".
SECTION_NAMES = {RoutineKind.PMR: "Part", RoutineKind.MASSAGE: "Step", RoutineKind.IMAGERY: "Part"}
# What the badge over a step's countdown says for each kind of step.
STEP_LABELS = {
    StepKind.PREPARE: "Get ready",
    StepKind.TENSE: "Tense",
    StepKind.RELEASE: "Let go",
    StepKind.RELAX: "Relax",
    StepKind.COMPRESS: "Warmth",
    StepKind.MASSAGE: "Massage",
    StepKind.REST: "Rest",
}
STAGE_NAMES = {
    Stage.SETTLE: "Settling in",
    Stage.RELAX: "Letting the body go",
    Stage.SCENE: "The scene",
    Stage.DEEPEN: "Going deeper",
    Stage.SUGGEST: "Something to take with you",
    Stage.RETURN: "Coming back",
    Stage.SLEEP: "Drifting off",
}


# Said and shown when a session is stopped before it counts as practice (core.record.MIN_KEPT_SECONDS).
FALSE_START = f"Stopped within the first {MIN_KEPT_SECONDS:g} seconds, so it was not saved in your history."
# The home page's word on a routine's cautions (read_first): shown before it starts, or chosen away.
CAUTIONS_DUE = "This routine has cautions to read first: they are shown in full when you press Start."
CAUTIONS_HIDDEN = "You chose not to see this routine's cautions before it starts."


def cautions_hidden_text(routines: Sequence[Routine], hidden: Collection[str]) -> str:
    """What Settings says of the cautions the person chose not to see before every start."""
    titles = [routine.title for routine in routines if routine.id in hidden]
    if not titles:
        return "Every routine that has cautions shows them in full before it starts."
    # Titles may hold commas of their own ("Full body, 16 muscle groups"): a semicolon parts them.
    return f"Cautions you chose not to see before each start: {'; '.join(titles)}."


def at_a_glance(routine: Routine) -> str:
    """A breathing rhythm ('4 · 7 · 8'), or how long a routine that runs once lasts without its optional
    steps (the plan under the cards says how long with them)."""
    return routine.rhythm() if routine.repeats else duration_text(routine.without_optional().cycle_seconds)


def spoken(text: str) -> str:
    """Words on screen as a screen reader should say them: the middle dots that part the numbers of a
    rhythm or a plan ('4 · 7 · 8', '3 min · 9 breaths') become commas, a pause instead of 'middle dot'."""
    return re.sub(r"\s*·\s*", ", ", text)


# How each step of a breath is said when a rhythm is read aloud: "in 4, hold 7, out 8 seconds".
RHYTHM_WORDS = {StepKind.INHALE: "in", StepKind.HOLD: "hold", StepKind.EXHALE: "out"}


def spoken_glance(routine: Routine) -> str:
    """at_a_glance said aloud: a rhythm with what each count is ('in 4, hold 7, out 8 seconds'), or a
    length in words ('2 minutes 56 seconds')."""
    if not routine.repeats:
        return spoken_duration(routine.without_optional().cycle_seconds)
    counts = [
        f"{RHYTHM_WORDS.get(step.kind, step.kind.value)} {round(step.seconds, 1):g}"
        for step in routine.steps
        if step.seconds > 0
    ]
    return f"{', '.join(counts)} seconds"


def plan_text(routine: Routine, length: SessionLength, *, with_optional: bool) -> str:
    """The session chosen, as the home page says it beside Start: '2 min 56 s · 11 breaths', or a routine
    that runs once, with its optional first step if chosen: '6 min 30 s, with the warm compress'."""
    if not routine.repeats:
        optional = with_optional and bool(routine.optional_steps)
        chosen = routine if optional else routine.without_optional()
        extra = f", with the {routine.optional_steps[0].title.lower()}" if optional else ""
        return f"{duration_text(chosen.cycle_seconds)}{extra}"
    cycles = routine.cycles_for(length)
    return f"{duration_text(cycles * routine.cycle_seconds)} · {Cycles(cycles).label()}"


def summary_words(record: SessionRecord, *, at_bedtime: bool = False) -> tuple[str, str]:
    """The heading and the sentence after a session: 'Well done' when finished, 'Session ended' if not,
    and at the end of a bedtime script nothing that asks the person to get up."""
    if record.completed and at_bedtime:
        return "Sleep well", (
            f"You finished {record.routine_title}: {duration_text(record.actual_seconds)} just for "
            "you. There is nothing more to do tonight; let sleep come."
        )
    if record.completed:
        return "Well done", (
            f"You finished {record.routine_title}: {duration_text(record.actual_seconds)} just for "
            "you. Take a moment before you get up."
        )
    return "Session ended", (
        f"You spent {duration_text(record.actual_seconds)} with {record.routine_title}, of the "
        f"planned {duration_text(record.planned_seconds)}. Every calm minute counts."
    )


# -- ratings --------------------------------------------------------------------------------------------

QUESTIONS = {
    Scale.TENSION: "How tense or stressed do you feel?",
    Scale.TWITCH: "How much is your face twitching right now?",
}
# The scale's name as it starts a sentence: in the change ("Tension 7 → 3") and in button names.
SCALE_NAMES = {Scale.TENSION: "Tension", Scale.TWITCH: "Twitching"}
NOT_RATED = "not rated"


def score_text(score: Score, missing: str = NOT_RATED) -> str:
    """A rating as shown: '7', or `missing` for one skipped or never asked."""
    return str(score) if isinstance(score, int) else missing


def before_after(ratings: Ratings, scale: Scale) -> tuple[Score, Score]:
    """One scale's ratings before and after the session."""
    if scale is Scale.TENSION:
        return ratings.tension_before, ratings.tension_after
    return ratings.twitch_before, ratings.twitch_after


def change_words(ratings: Ratings, scale: Scale, *, spoken: bool = False) -> str:
    """One scale's before → after in words: 'Tension 7 → 3, down 4', 'Twitching 5 → 5, no change';
    "" when it was rated neither before nor after (nothing to say). `spoken` says 'to' for the arrow, which
    a screen reader would read out as 'right arrow'."""
    before, after = before_after(ratings, scale)
    if not isinstance(before, int) and not isinstance(after, int):
        return ""
    name = SCALE_NAMES[scale]
    if before is None:  # never asked before the session: there is only the now
        return f"{name} {score_text(after)}"
    text = f"{name} {score_text(before)} {'to' if spoken else '→'} {score_text(after)}"
    change = ratings.change(scale)
    if change is None:
        return text
    if change == 0:
        return f"{text}, no change"
    return f"{text}, {'down' if change < 0 else 'up'} {abs(change)}"


# -- the spasm journal ----------------------------------------------------------------------------------

SIDE_NAMES = {Side.LEFT: "Left", Side.RIGHT: "Right", Side.BOTH: "Both"}
PLACE_NAMES = {
    Place.EYELID: "Eyelid",
    Place.BROW: "Brow",
    Place.CHEEK: "Cheek",
    Place.MOUTH: "Mouth corner",
    Place.CHIN: "Chin",
    Place.NECK: "Neck",
    Place.OTHER: "Other",
}
# Places a face has one of on each side ('left eyelid', 'both cheeks'); the others take 'left side'.
_PAIRED = frozenset({Place.EYELID, Place.BROW, Place.CHEEK, Place.MOUTH})
DURATION_NAMES = {
    EpisodeDuration.SECONDS: "Seconds",
    EpisodeDuration.MINUTES: "Minutes",
    EpisodeDuration.HOURS: "Hours, on and off",
}
# The names core.journal's problems start with, as the dialogs label those fields.
FIELD_NAMES = {
    "occurred_at": "When",
    "given_on": "Date",
    "kind": "Treatment",
    "dose": "Dose",
    "side": "Side",
    "places": "Places",
    "intensity": "How strong",
    "duration": "How long",
    "note": "Note",
    "sleep_hours": "Hours slept",
    "caffeine_drinks": "Caffeine drinks",
    "stress": "Stress",
    "water_glasses": "Glasses of water",
    "alcohol_drinks": "Alcohol drinks",
    "screen_hours": "Screen time",
    "dry_eyes": "Eyes dry or gritty",
}
NOT_ANSWERED = "not answered"  # a check-in question left at its lowest, which means no answer


def where_words(side: Side | None, places: Sequence[Place]) -> str:
    """Where a twitch was, as said aloud: 'left eyelid', 'both cheeks', 'chin, right side',
    'eyelid, cheek and mouth corner, left side'; without a side, the places alone."""
    if len(places) == 1 and places[0] in _PAIRED and side is not None:
        name = PLACE_NAMES[places[0]].lower()
        return f"both {name}s" if side is Side.BOTH else f"{side.value} {name}"
    names = [("elsewhere" if place is Place.OTHER else PLACE_NAMES[place].lower()) for place in places]
    where = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    if side is None:
        return where
    return f"{where}, both sides" if side is Side.BOTH else f"{where}, {side.value} side"


def filled_words(day: date, defaults: CheckIn | None) -> str:
    """Where a check-in's answers came from, when from an earlier day: 'Filled in from yesterday: …'."""
    if defaults is None or defaults.day == day:
        return ""
    if defaults.day == day - timedelta(days=1):
        return "Filled in from yesterday: change what was different today."
    when = defaults.day
    return f"Filled in from your check-in of {when:%A} {when.day} {when:%B}: change what was different today."


def problem_words(problem: str) -> str:
    """core.journal's 'sleep_hours: 30 is not …' with the field named as the dialog labels it."""
    field, _, rest = problem.partition(": ")
    return f"{FIELD_NAMES.get(field, field)}: {rest}" if rest else problem


def treatment_form_words(problems: Sequence[str], name_label: str) -> tuple[str, list[str]]:
    """core.journal's problems with a treatment as its dialog says them: a name not yet given, said softly
    as still to fill in, apart from what is wrong; each field named by its label (the name's follows the
    kind of treatment)."""
    waiting, wrong = "", []
    for problem in problems:
        field, _, rest = problem.partition(": ")
        if field == "name" and rest.startswith(NAME_NEEDED):
            waiting = f"Still to fill in: {name_label.lower()}."
        else:
            wrong.append(f"{name_label}: {rest}" if field == "name" else problem_words(problem))
    return waiting, wrong


LOG_TREATMENT = "Log a treatment…"  # on the home page's journal strip and under the timeline
LOG_TREATMENT_TIP = "An injection, a medicine started or stopped, or another treatment"

TREATMENT_NAMES = {
    TreatmentKind.INJECTION: "Injection",
    TreatmentKind.MEDICINE_STARTED: "Medicine started",
    TreatmentKind.MEDICINE_STOPPED: "Medicine stopped",
    TreatmentKind.OTHER: "Other treatment",
}


def treatment_words(treatment: Treatment) -> str:
    """'Injection: Botox, eyelid and brow, both sides' or 'Medicine started: clonazepam'."""
    parts = [treatment.name] if treatment.name else []
    if treatment.places:
        parts.append(where_words(treatment.side, treatment.places))
    elif treatment.side is not None:
        parts.append("both sides" if treatment.side is Side.BOTH else f"{treatment.side.value} side")
    if treatment.kind is TreatmentKind.OTHER and treatment.name:
        return ", ".join(parts)
    return TREATMENT_NAMES[treatment.kind] + (f": {', '.join(parts)}" if parts else "")
