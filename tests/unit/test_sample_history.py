"""tools/make_sample_history.py: a history with something true to show, injections and spreading twitches."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from relaxapp.core.journal import Place, TreatmentKind, episode_problems, treatment_problems
from relaxapp.storage.history import HistoryStore
from tools.make_sample_history import sample, toxin_effect

TODAY = date(2026, 12, 6)


def test_injections_come_every_three_months_or_so_and_everything_is_fit_for_the_history():
    made = sample(300, TODAY, random.Random(3))
    injections = [t.given_on for t in made.treatments if t.kind is TreatmentKind.INJECTION]
    gaps = [(later - earlier).days for earlier, later in itertools.pairwise(injections)]
    assert len(injections) >= 3 and all(84 <= gap <= 98 for gap in gaps)
    assert {t.kind for t in made.treatments} == set(TreatmentKind)
    assert not [p for t in made.treatments for p in treatment_problems(t)]
    assert not [p for e in made.episodes for p in episode_problems(e)]
    store = HistoryStore.in_memory()
    report = made.merge_into(store)
    assert report.added.treatments == len(made.treatments) and report.added.safety_checks == 1
    assert made.merge_into(store).added.total == 0  # nothing twice


def test_twitches_fall_after_an_injection_and_rise_and_spread_as_it_wears_off():
    made = sample(400, TODAY, random.Random(3))
    injections = [t.given_on for t in made.treatments if t.kind is TreatmentKind.INJECTION]

    def since_injection(day: date) -> int | None:
        since = [(day - given).days for given in injections if given <= day]
        return min(since) if since else None

    def window(days_since: int | None) -> str:
        if days_since is not None and 20 <= days_since < 50:
            return "settled"
        return "wearing off" if days_since is not None and days_since >= 70 else ""

    days = [window(since_injection(TODAY - timedelta(days=back))) for back in range(400)]
    settled, wearing_off = [], []
    for episode in made.episodes:
        kind = window(since_injection(episode.occurred_at.astimezone().date()))
        (settled if kind == "settled" else wearing_off if kind else []).append(episode)
    # Twitches a day: more than twice as many in the weeks before an injection as in its good weeks.
    assert len(wearing_off) / days.count("wearing off") > 2 * len(settled) / days.count("settled")
    spread = [e for e in wearing_off if len(e.places) > 1 and Place.EYELID in e.places]
    assert len(spread) > len(wearing_off) / 3
    assert toxin_effect(30) < toxin_effect(3) and toxin_effect(30) < toxin_effect(85)
