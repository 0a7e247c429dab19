"""The words of the visit report: plain sentences from its numbers, laid out by the ui.

Written for two readers at once: the person, who knows their diary, and a doctor, who has a few minutes.
"""

from __future__ import annotations

from datetime import date

from relaxapp.core.journal import EpisodeDuration
from relaxapp.core.record import Scale
from relaxapp.core.report_period import period_problem
from relaxapp.core.safety import Checklist
from relaxapp.core.urgency import Urgency
from relaxapp.core.visit_report import VisitReport, WeekTwitches
from relaxapp.core.wording import KIND_NAMES, PLACE_NAMES, SCALE_NAMES, SIDE_NAMES, plural, treatment_words

REPORT_TITLE = "Twitches and relaxation: a report for a doctor's visit"
QUESTIONS_TITLE = "Questions for the doctor"
NOT_A_DIAGNOSIS = (
    "Made with relaxapp from the diary its user keeps: general wellbeing information, not a diagnosis."
)
DURATION_WORDS = {
    EpisodeDuration.SECONDS: "a few seconds",
    EpisodeDuration.MINUTES: "a minute or several",
    EpisodeDuration.HOURS: "on and off for an hour or more",
}


def day_words(day: date) -> str:
    """'6 December 2026': unambiguous in every country, unlike 06/12/2026."""
    return f"{day.day} {day:%B %Y}"


def period_words(first: date, last: date) -> str:
    """'6 September to 6 December 2026 (92 days)'."""
    days = (last - first).days + 1
    if first == last:
        return day_words(first)
    start = f"{first.day} {first:%B}" if first.year == last.year else day_words(first)
    return f"{start} to {day_words(last)} ({plural(days, 'day')})"


FIRST_DAY_FIELD = "From"  # the labels of the report dialog's two days
LAST_DAY_FIELD = "To"


def chosen_period_problem(first: date, last: date, today: date) -> str | None:
    """Why the days chosen in the report's dialog are no period, as the command line says it but in the
    dialog's words: its fields' labels, its days written out; None when they are one."""
    problem = period_problem(
        first, last, today, first_name=FIRST_DAY_FIELD, last_name=LAST_DAY_FIELD, day_text=day_words
    )
    return None if problem is None else f"{problem}."


def made_words(report: VisitReport, made_on: date) -> str:
    return f"Covers {period_words(report.first, report.last)}. Made on {day_words(made_on)}."


def footer_words(report: VisitReport) -> str:
    """At the foot of every page, so that a page gone astray still says which report and period it is of."""
    return f"Visit report from relaxapp, {period_words(report.first, report.last)}"


def page_words(page: int, pages: int) -> str:
    """'Page 2 of 3', the other end of the foot."""
    return f"Page {page} of {pages}"


def empty_words(report: VisitReport) -> str:
    return (
        f"Nothing was logged from {day_words(report.first)} to {day_words(report.last)}: no twitch, no "
        "check-in and no relaxation session. Choose a longer period, or bring this page with the questions "
        "below."
    )


def per_week(count: float, days: int) -> float:
    """A count over `days` as a weekly rate."""
    return count * 7 / days


def week_label(week: WeekTwitches) -> str:
    """'7 Dec' under a whole week's bar; '7 Dec*' under one the period cuts (see cut_weeks_note)."""
    return f"{week.start.day} {week.start:%b}" + ("" if week.whole else "*")


def cut_weeks_note(report: VisitReport) -> str | None:
    """What the starred bars of the weekly chart are: weeks the period cuts (only ever its first and last),
    so that a short last week does not read as a drop. By position too, as the chart may skip labels.
    None when every week is whole."""
    weeks = report.weeks
    ends = (("first", weeks[0]), ("last", weeks[-1])) if len(weeks) > 1 else (("only", weeks[0]),)
    cut = [
        f"the {position} bar counts {week.days} of its 7 days (the week of {week.start.day} {week.start:%B})"
        for position, week in ends
        if not week.whole
    ]
    if not cut:
        return None
    those = "that week" if len(cut) == 1 else "those weeks"
    bars = " and ".join(cut)
    return f"* {bars[0].upper()}{bars[1:]}: the period cuts {those}, so a shorter bar there is not a drop."


def twitch_lines(report: VisitReport) -> list[str]:
    """How many twitches, where, how strong and how long; one line each."""
    if not report.twitches:
        return [f"No twitches were logged in these {plural(report.days, 'day')}."]
    lines = [
        f"{plural(report.twitches, 'twitch')} logged, "
        f"{per_week(report.twitches, report.days):.1f} a week on average."
    ]
    where = ", ".join(f"{PLACE_NAMES[place].lower()} {count}" for place, count in report.by_place)
    if report.in_several_places:
        where += f" ({plural(report.in_several_places, 'twitch')} in more than one place, counted in each)"
    lines.append(f"Where: {where}.")
    lines.append(
        "Side: " + ", ".join(f"{SIDE_NAMES[side].lower()} {count}" for side, count in report.by_side) + "."
    )
    assert report.typical_strength is not None and report.strongest is not None
    lines.append(
        f"Strength (1 barely, 10 worst): typically {report.typical_strength:g}, at most {report.strongest}."
    )
    assert report.typical_duration is not None and report.longest_duration is not None
    duration = f"How long: usually {DURATION_WORDS[report.typical_duration]}"
    if report.longest_duration is not report.typical_duration:
        duration += f"; the longest lasted {DURATION_WORDS[report.longest_duration]}"
    lines.append(duration + ".")
    return lines


def check_in_lines(report: VisitReport) -> list[str]:
    """The daily factors on average, then what the insights found in this period."""
    means = report.check_ins
    if not means.days:
        return ["No daily check-ins in this period, so no factor can be compared with the twitches."]
    lines = [f"Daily check-ins on {means.days} of the {plural(report.days, 'day')}. On average:"]
    averages = [
        ("sleep", means.sleep_hours, "{:.1f} hours"),
        ("caffeine", means.caffeine_drinks, "{:.1f} drinks a day"),
        ("alcohol", means.alcohol_drinks, "{:.1f} drinks a day"),
        ("stress", means.stress, "{:.1f} out of 10"),
        ("screens", means.screen_hours, "{:.1f} hours a day"),
    ]
    given = [f"{name} {shape.format(value)}" for name, value, shape in averages if value is not None]
    if means.dry_eyes_answered:
        given.append(
            f"dry or gritty eyes on {means.dry_eye_days} of {plural(means.dry_eyes_answered, 'day')}"
        )
    lines[0] += " " + "; ".join(given) + "." if given else " no question was answered."
    insights = report.insights
    lines.append(insights.message)
    lines += [comparison.sentence for comparison in insights.findings]
    return lines


def practice_lines(report: VisitReport) -> list[str]:
    practice = report.practice
    if not practice.sessions:
        return ["No relaxation sessions in this period."]
    return [
        f"{plural(practice.sessions, 'session')} on {plural(practice.days, 'day')}, "
        f"{round(practice.minutes)} minutes in all ({per_week(practice.minutes, report.days):.0f} a week)."
    ]


def change_rows(report: VisitReport) -> list[tuple[str, str, str]]:
    """(kind of routine, tension change, twitching change) for the table of changes after a session."""
    by_scale = {scale: {c.kind: c for c in report.practice.changes[scale]} for scale in Scale}
    rows = []
    for kind, name in KIND_NAMES.items():
        cells = []
        for scale in Scale:
            change = by_scale[scale].get(kind)
            cells.append(
                "—" if change is None else f"{change.average:+.1f} ({plural(change.sessions, 'session')})"
            )
        if any(cell != "—" for cell in cells):
            rows.append((name, cells[0], cells[1]))
    return rows


TREATMENT_HEADINGS = ("Date", "Treatment", "Dose and note")
NO_TREATMENTS = "No treatment was logged in this period."


def treatment_rows(report: VisitReport) -> list[tuple[str, str, str]]:
    """(day, what and where, dose and note) for each treatment of the period, oldest first."""
    rows = []
    for treatment in report.treatments:
        details = "; ".join(part for part in (treatment.dose, treatment.note) if part)
        rows.append((day_words(treatment.given_on), treatment_words(treatment), details))
    return rows


# What each answer asked for, when the checklist's own words cannot be read.
URGENCY_WORDS = {
    Urgency.EMERGENCY: "Call emergency services now",
    Urgency.TODAY: "See a doctor today",
    Urgency.SOON: "Book a visit to a doctor",
    Urgency.SELF_CARE: "None of the listed signs",
}


def safety_lines(report: VisitReport, checklist: Checklist | None) -> list[str]:
    """Each warning-signs answer of the period: its day, the answer, and the signs ticked; in the
    checklist's words, or (`checklist` None: it could not be read) plainly from the ids kept."""
    if not report.safety_checks:
        # Answers with no sign ticked are not kept, so nothing kept does not mean the check was not used.
        return ["No warning sign was recorded in this period."]
    texts = {question.id: question.text for question in checklist.questions} if checklist else {}
    lines = []
    for check in report.safety_checks:
        if checklist is None:
            answer = URGENCY_WORDS[check.urgency]
            names = ", ".join(sign.replace("_", " ") for sign in check.signs)
            ticked = f"Signs ticked (by their short names): {names}."
        else:
            answer = checklist.answers[check.urgency].title
            ticked = "Ticked: " + " ".join(_sentence(texts.get(sign, sign)) for sign in check.signs)
        day = check.checked_at.astimezone().date()
        lines.append(f"{day_words(day)}: {answer}." + (f" {ticked}" if check.signs else ""))
    return lines


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


CHANGE_HEADINGS = (
    "Routine",
    f"{SCALE_NAMES[Scale.TENSION]}, after − before",
    f"{SCALE_NAMES[Scale.TWITCH]}, after − before",
)
CHANGE_NOTE = "Ratings from 0 to 10, given before and after a session: below 0 means calmer afterwards."
