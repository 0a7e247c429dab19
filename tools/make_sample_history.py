"""Fill a data folder's history with a few months of believable entries, for screenshots and trying out.

    python tools/make_sample_history.py --data-dir /tmp/relax-sample [--days 90] [--seed 3]
    python main.py --data-dir /tmp/relax-sample

Sessions of every routine kind with before/after ratings (some skipped, as people do), twitches and a
daily check-in on most days, and the treatments of someone with blepharospasm: a botulinum toxin injection
every three months or so, a medicine tried, tinted glasses, and a warning-signs answer before a visit.
Twitches follow caffeine, stress and dry eyes, ease on days with relaxation, and, as the toxin works and
then wears off, fall a few days after each injection and rise again in the weeks before the next; more of
them then spread beyond the eyelid (brow, cheek). The insights and the visit report have something true to
show. Entries already in the file are kept; nothing is added twice.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relaxapp.core.history_wording import merge_text  # noqa: E402
from relaxapp.core.journal import (  # noqa: E402
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    SafetyCheck,
    Side,
    Treatment,
    TreatmentKind,
)
from relaxapp.core.record import SKIPPED, Ratings, Score, SessionRecord  # noqa: E402
from relaxapp.core.routine import RoutineKind  # noqa: E402
from relaxapp.core.urgency import Urgency  # noqa: E402
from relaxapp.storage.history import HistoryStore, MergeReport  # noqa: E402

ROUTINES = [
    ("box", RoutineKind.BREATHING, "Box breathing", 176.0, 3),
    ("coherent", RoutineKind.BREATHING, "Coherent breathing", 297.0, 3),
    ("extended_exhale", RoutineKind.BREATHING, "Longer out-breath", 240.0, 2),
    ("pmr_face_neck", RoutineKind.PMR, "Face and neck, gentle", 464.0, 2),
    ("imagery_beach_dusk", RoutineKind.IMAGERY, "Beach at dusk", 628.0, 1),
    ("massage_eyes_brow", RoutineKind.MASSAGE, "Eyes and brow, gentle", 180.0, 1),
]
# How much each kind lowers tension on average, so the chart of changes by kind has a shape.
EASING = {
    RoutineKind.BREATHING: 2.0,
    RoutineKind.PMR: 3.0,
    RoutineKind.IMAGERY: 2.5,
    RoutineKind.MASSAGE: 1.5,
}


# Botulinum toxin every 12 to 14 weeks (the last one this many days ago), into both eyelids and brows.
INJECTION_EVERY_DAYS = (84, 98)
LAST_INJECTION_DAYS_AGO = 74
# Where a twitch is, while the toxin holds and as it wears off: the eyelid alone, or spreading.
CALM_PLACES = ((Place.EYELID,), (Place.EYELID,), (Place.EYELID,), (Place.EYELID, Place.BROW))
WORN_OFF_PLACES = ((Place.EYELID,), (Place.EYELID, Place.BROW), (Place.EYELID, Place.CHEEK),
                   (Place.EYELID, Place.BROW, Place.CHEEK))  # fmt: skip


class Sample(NamedTuple):
    sessions: list[SessionRecord]
    episodes: list[Episode]
    check_ins: list[CheckIn]
    treatments: list[Treatment]
    safety_checks: list[SafetyCheck]

    def merge_into(self, store: HistoryStore) -> MergeReport:
        return store.merge(
            self.sessions,
            self.episodes,
            self.check_ins,
            treatments=self.treatments,
            safety_checks=self.safety_checks,
        )


def toxin_effect(days_since: int | None) -> float:
    """How much the twitching is as it would be without the toxin: none yet in the first days, least from
    about two weeks on, and back to full (and beyond) in the weeks before the next injection."""
    if days_since is None:
        return 1.4
    if days_since < 4:
        return 1.4
    if days_since < 14:
        return 1.4 - 1.1 * (days_since - 4) / 10
    if days_since < 60:
        return 0.3 + 0.15 * (days_since - 14) / 46
    return min(1.7, 0.45 + 1.25 * (days_since - 60) / 30)


def injection_days(days: int, today: date, rng: random.Random) -> list[date]:
    """The days of the injections within the sample, oldest first."""
    given = []
    back = LAST_INJECTION_DAYS_AGO
    while back <= days:
        given.append(today - timedelta(days=back))
        back += rng.randint(*INJECTION_EVERY_DAYS)
    return given[::-1]


def treatments_of(days: int, today: date, injections: list[date]) -> list[Treatment]:
    where = (Place.EYELID, Place.BROW)
    given = [
        Treatment(day, TreatmentKind.INJECTION, "Botox", Side.BOTH, where, "25 units a side", note)
        for day, note in zip(injections, ("", "Dr Okafor, eye clinic") * len(injections), strict=False)
    ]
    medicine = "Clonazepam"
    others = [
        Treatment(
            today - timedelta(days=160), TreatmentKind.MEDICINE_STARTED, medicine, dose="0.5 mg at night"
        ),
        Treatment(
            today - timedelta(days=120),
            TreatmentKind.MEDICINE_STOPPED,
            medicine,
            note="too drowsy in the mornings",
        ),
        Treatment(today - timedelta(days=50), TreatmentKind.OTHER, "Tinted glasses (FL-41)"),
    ]
    first = today - timedelta(days=days)
    return sorted(
        given + [t for t in others if t.given_on >= first], key=lambda treatment: treatment.given_on
    )


def poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: fine for the small means of a day's episodes.
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def answer(rng: random.Random, value: int) -> Score:
    return SKIPPED if rng.random() < 0.08 else max(0, min(10, value))


def at(day: date, hour: float) -> datetime:
    moment = datetime.combine(day, time()) + timedelta(hours=hour)
    return moment.astimezone().astimezone(UTC)  # the person's wall clock, stored as UTC


def sample(days: int, today: date, rng: random.Random) -> Sample:
    sessions: list[SessionRecord] = []
    episodes: list[Episode] = []
    check_ins: list[CheckIn] = []
    weights = [routine[4] for routine in ROUTINES]
    injections = injection_days(days, today, rng)
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        since = [(day - given).days for given in injections if given <= day]
        effect = toxin_effect(min(since) if since else None)
        caffeine = rng.choices(range(6), weights=(2, 4, 5, 3, 2, 1))[0]
        sleep = round(rng.uniform(4.5, 8.5) * 2) / 2
        stress = max(0, min(10, round(rng.gauss(4.5, 2))))
        workday = day.weekday() < 5
        alcohol = rng.choices(range(4), weights=(8, 2, 1, 1) if workday else (3, 3, 2, 1))[0]
        screens = round((rng.uniform(7, 11) if workday else rng.uniform(1.5, 6)) * 2) / 2
        dry_eyes = rng.random() < (0.6 if screens >= 8 else 0.15)
        minutes = 0.0
        for hour in rng.choices(((7.5,), (21.0,), (7.5, 21.0), ()), weights=(4, 3, 2, 2))[0]:
            routine_id, kind, title, planned, _ = rng.choices(ROUTINES, weights=weights)[0]
            completed = rng.random() < 0.85
            actual = planned if completed else round(planned * rng.uniform(0.2, 0.9), 1)
            before = stress + rng.randint(-1, 2)
            after = round(before - EASING[kind] * actual / planned + rng.gauss(0, 1))
            twitch = min(10, poisson(rng, 1 + caffeine / 2))
            ratings = (
                Ratings(answer(rng, before), answer(rng, twitch), answer(rng, after), answer(rng, twitch - 1))
                if rng.random() < 0.8
                else Ratings()
            )
            started = at(day, hour + rng.uniform(0, 0.5))
            sessions.append(
                SessionRecord(routine_id, kind, title, started, planned, actual, completed, ratings=ratings)
            )
            minutes += actual / 60
        mean = (
            0.3
            + 0.45 * max(caffeine - 2, 0)
            + (0.5 if stress >= 7 else 0)
            + (0.4 if sleep < 6 else 0)
            + (0.7 if dry_eyes else 0)
        )
        places = WORN_OFF_PLACES if effect >= 0.8 else CALM_PLACES
        for _ in range(poisson(rng, mean * effect * (0.6 if minutes >= 10 else 1.0))):
            episodes.append(
                Episode(
                    at(day, rng.uniform(8, 22)),
                    rng.choices(list(Side), weights=(2, 2, 5))[0],  # blepharospasm: mostly both eyes
                    rng.choice(places),
                    max(1, min(10, round(rng.gauss(3 + caffeine / 2 + 2 * effect, 2)))),
                    rng.choices(list(EpisodeDuration), weights=(6, 3, 1))[0],
                    rng.choice(("", "", "", "after coffee", "screen work", "tired")),
                )
            )
        if rng.random() < 0.85:  # some days the check-in is forgotten
            check_ins.append(
                CheckIn(
                    day,
                    sleep,
                    caffeine,
                    stress,
                    rng.randint(3, 9),
                    alcohol_drinks=alcohol,
                    screen_hours=screens,
                    dry_eyes=dry_eyes,
                )
            )
    # Checked the week the twitching spread, before booking the next injection.
    answers = [
        SafetyCheck(at(today - timedelta(days=back), 20.5), Urgency.SOON, ("persistent", "spreading"))
        for back in (9,)
        if back <= days
    ]
    return Sample(sessions, episodes, check_ins, treatments_of(days, today, injections), answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir", type=Path, required=True, help="the folder given to relaxapp --data-dir"
    )
    parser.add_argument("--days", type=int, default=90, help="how many days back to fill (default 90)")
    parser.add_argument("--seed", type=int, default=3, help="the same seed gives the same history")
    args = parser.parse_args()
    store = HistoryStore.open(args.data_dir / "history.sqlite3")
    report = sample(args.days, datetime.now().date(), random.Random(args.seed)).merge_into(store)
    store.close()
    print(f"{args.data_dir / 'history.sqlite3'}: {merge_text(report)}")


if __name__ == "__main__":
    main()
