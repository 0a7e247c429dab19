"""The history page's words: its timeline entries, counts, calendar days and insights' notes, no window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from relaxapp.core.history_wording import (
    amount_text,
    change_note,
    change_text,
    counts_text,
    day_text,
    describe,
    findings_html,
    merge_text,
    minutes_note,
    month_text,
    note_text,
    what_text,
    when_text,
)
from relaxapp.core.journal import CheckIn, Place, Side, Treatment, TreatmentKind
from relaxapp.core.record import SKIPPED, Ratings, Scale
from relaxapp.core.routine import RoutineKind
from relaxapp.core.stats import Comparison, DayFacts, Factor, Insights
from relaxapp.storage.history import Counts, MergeReport
from tests.unit.core.examples import EPISODE, SESSION, STOPPED, TODAY


def test_when_text_leaves_out_this_year():
    this_year = datetime(2026, 3, 3, 8, 30).astimezone()
    assert when_text(this_year, TODAY) == "3 Mar 08:30"
    assert when_text(this_year, date(2027, 1, 1)) == "3 Mar 2026 08:30"


def test_the_cells_of_a_session_and_an_episode():
    assert what_text(SESSION) == "Box breathing"
    assert what_text(EPISODE) == "Twitch: left eyelid"
    assert amount_text(SESSION) == "5 min"
    assert amount_text(EPISODE) == "4/10 · minutes"
    assert note_text(SESSION) == ""
    assert note_text(STOPPED) == "Stopped early, planned 5 min"
    assert note_text(EPISODE) == "after typing"


def test_change_text_a_dash_for_a_missing_answer():
    rated = replace(SESSION, ratings=Ratings(tension_before=7, tension_after=3, twitch_before=SKIPPED))
    assert change_text(rated, Scale.TENSION) == "7 → 3"
    assert change_text(SESSION, Scale.TWITCH) == "5 → –"
    assert change_text(rated, Scale.TWITCH) == ""
    assert change_text(EPISODE, Scale.TENSION) == ""


def test_describe_for_the_undo_note():
    moment = datetime(2026, 3, 3, 8, 30).astimezone()
    assert describe(replace(SESSION, started_at=moment), TODAY) == "Box breathing (3 Mar 08:30)"
    assert describe(replace(EPISODE, occurred_at=moment), TODAY) == "Twitch: left eyelid (3 Mar 08:30)"


@pytest.mark.parametrize(
    ("counts", "words"),
    [
        (Counts(), "nothing"),
        (Counts(sessions=1), "1 session"),
        (Counts(sessions=1200, episodes=3), "1,200 sessions and 3 twitches"),
        (Counts(sessions=2, episodes=1, check_ins=4), "2 sessions, 1 twitch and 4 check-ins"),
        (Counts(treatments=1, safety_checks=2), "1 treatment and 2 warning-signs answers"),
    ],
)
def test_counts_text(counts: Counts, words: str):
    assert counts_text(counts) == words


def test_merge_text():
    assert merge_text(MergeReport(Counts(sessions=12, episodes=3), Counts(sessions=5))) == (
        "Added 12 sessions and 3 twitches; 5 already there."
    )
    assert merge_text(MergeReport(Counts(), Counts(episodes=2))) == "Nothing new to add; 2 already there."
    assert merge_text(MergeReport(Counts(check_ins=1), Counts())) == "Added 1 check-in."


def test_day_text():
    day = date(2026, 3, 3)
    assert day_text(DayFacts(day, 0.0, 0, None)) == "Tue 3 March: no practice."
    check_in = CheckIn(day, sleep_hours=6.5, caffeine_drinks=1, stress=4)
    assert day_text(DayFacts(day, 25.2, 2, check_in)) == (
        "Tue 3 March: 25 min of practice, 2 twitches; slept 6.5 h, 1 caffeine drink, stress 4."
    )
    assert day_text(DayFacts(day, 10.0, 1, CheckIn(day, caffeine_drinks=3))) == (
        "Tue 3 March: 10 min of practice, 1 twitch; 3 caffeine drinks."
    )
    eyes = CheckIn(day, stress=2, alcohol_drinks=1, screen_hours=9.5, dry_eyes=True)
    assert day_text(DayFacts(day, 0.0, 0, eyes)) == (
        "Tue 3 March: no practice; stress 2, 1 alcohol drink, 9.5 h at screens, eyes dry or gritty."
    )
    no_drink = CheckIn(day, alcohol_drinks=0, screen_hours=3.0, dry_eyes=False)
    assert day_text(DayFacts(day, 0.0, 0, no_drink)) == (
        "Tue 3 March: no practice; 0 alcohol drinks, 3 h at screens, eyes not dry."
    )
    # The water and the day's treatments are part of the day too (issue 15).
    injection = Treatment(day, TreatmentKind.INJECTION, "Botox", Side.BOTH, (Place.EYELID,), "25 units")
    watered = DayFacts(day, 0.0, 0, CheckIn(day, water_glasses=1), (injection,))
    assert day_text(watered) == "Tue 3 March: no practice, injection: Botox, both eyelids; 1 glass of water."
    assert day_text(DayFacts(day, 0.0, 0, CheckIn(day, water_glasses=6))) == (
        "Tue 3 March: no practice; 6 glasses of water."
    )


def test_month_text():
    first = date(2026, 3, 1)
    assert month_text(first, []) == "March 2026: 0 days of practice, 0 min in all; 0 twitches logged."
    days = [DayFacts(date(2026, 3, 2), 10.4, 1, None), DayFacts(date(2026, 3, 5), 0.0, 0, None)]
    assert month_text(first, days) == "March 2026: 1 day of practice, 10 min in all; 1 twitch logged."
    days.append(DayFacts(date(2026, 3, 9), 20.3, 2, None))
    assert month_text(first, days) == "March 2026: 2 days of practice, 31 min in all; 3 twitches logged."


def test_findings_html_puts_what_is_supported_first_in_bold_and_escapes():
    def comparison(supported: bool, sentence: str) -> Comparison:
        return Comparison(Factor.SLEEP, 10, 10, 1.0, 2.0, 0.01, supported, sentence)

    insights = Insights(20, 0, "Two <things>", (comparison(False, "no link yet"), comparison(True, "A & B")))
    assert findings_html(insights) == (
        "<p><b>Two &lt;things&gt;</b></p><ul style='margin-left: -20px'>"
        "<li><b>A &amp; B</b></li><li>no link yet</li></ul>"
    )
    assert findings_html(Insights(0, 14, "Keep going", ())) == "<p><b>Keep going</b></p>"


def test_the_change_chart_says_what_it_stands_on_and_what_waits_for_more_sessions():
    assert change_note({}) == (
        "No session rated before and after yet: a kind of routine is drawn once 3 of its sessions are "
        "rated before and after."
    )
    assert change_note({RoutineKind.BREATHING: 5, RoutineKind.MASSAGE: 1}) == (
        "Based on 5 rated sessions. Too few yet to draw: face massage 1."
    )
    assert minutes_note(0, 12).startswith("No sessions in the last 12 weeks")


def test_a_treatment_and_a_check_in_in_words():
    day = date(2026, 3, 3)
    where = (Place.EYELID, Place.CHEEK)
    injection = Treatment(day, TreatmentKind.INJECTION, "Xeomin", Side.LEFT, where, "20 u")
    assert what_text(injection) == "Injection: Xeomin, eyelid and cheek, left side"
    assert what_text(Treatment(day, TreatmentKind.INJECTION)) == "Injection"
    assert what_text(Treatment(day, TreatmentKind.INJECTION, side=Side.BOTH)) == "Injection: both sides"
    stopped = Treatment(day, TreatmentKind.MEDICINE_STOPPED, "Baclofen")
    assert what_text(stopped) == "Medicine stopped: Baclofen"
    assert what_text(Treatment(day, TreatmentKind.OTHER, "Tinted glasses")) == "Tinted glasses"
    assert amount_text(injection) == "20 u"
    assert describe(injection, TODAY) == "Injection: Xeomin, eyelid and cheek, left side (3 Mar)"
    assert describe(CheckIn(date(2025, 12, 30)), TODAY) == "Daily check-in (30 Dec 2025)"
    assert note_text(CheckIn(day, stress=2, note="calm")) == "stress 2; calm"
    assert note_text(CheckIn(day, note="a  long\n day")) == "a long day"
