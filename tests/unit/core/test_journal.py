from __future__ import annotations

from datetime import UTC, date, datetime

from relaxapp.core.journal import (
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    SafetyCheck,
    Side,
    Treatment,
    TreatmentKind,
    check_in_problems,
    episode_problems,
    in_place_order,
    safety_check_problems,
    treatment_problems,
)
from relaxapp.core.urgency import Urgency


def episode(**changes: object) -> Episode:
    fields: dict[str, object] = {
        "occurred_at": datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        "side": Side.LEFT,
        "places": (Place.EYELID,),
        "intensity": 4,
        "duration": EpisodeDuration.SECONDS,
    }
    fields.update(changes)
    return Episode(**fields)  # type: ignore[arg-type]


def test_a_plain_episode_is_fine():
    assert episode_problems(episode()) == []
    assert episode_problems(episode(intensity=1, note="x" * 2000)) == []
    assert episode_problems(episode(intensity=10)) == []


def test_episode_problems_name_the_field_and_the_value():
    assert episode_problems(episode(intensity=14)) == ["intensity: 14 is not from 1 to 10"]
    assert episode_problems(episode(intensity=0)) == ["intensity: 0 is not from 1 to 10"]
    assert episode_problems(episode(side="up", places=("nose",))) == [
        "side: 'up' is not one of left, right, both",
        "places: 'nose' is not one of eyelid, brow, cheek, mouth, chin, neck, other",
    ]
    assert episode_problems(episode(occurred_at=datetime(2026, 11, 25, 9, 0))) == [
        "occurred_at: 2026-11-25T09:00:00 has no time zone"
    ]
    assert episode_problems(episode(note="x" * 2001)) == ["note: 2001 characters is longer than 2000"]


def test_a_check_in_may_leave_any_number_blank():
    assert check_in_problems(CheckIn(date(2026, 11, 25))) == []
    full = CheckIn(
        date(2026, 11, 25), sleep_hours=7.5, caffeine_drinks=2, stress=4, water_glasses=6, note="ok"
    )
    assert check_in_problems(full) == []


def test_check_in_problems_name_the_field_and_the_value():
    bad = CheckIn(date(2026, 11, 25), sleep_hours=25.0, caffeine_drinks=-1, stress=11, water_glasses=2.5)  # type: ignore[arg-type]
    assert check_in_problems(bad) == [
        "sleep_hours: 25.0 is not a number of hours from 0 to 24",
        "caffeine_drinks: -1 is not from 0 to 30",
        "stress: 11 is not from 0 to 10",
        "water_glasses: 2.5 is not a whole number from 0 to 40",
    ]
    assert check_in_problems(CheckIn(date(2026, 11, 25), sleep_hours=float("nan"))) == [
        "sleep_hours: nan is not a number of hours from 0 to 24"
    ]


def test_the_eye_triggers_are_checked_like_the_other_answers():
    fine = CheckIn(date(2026, 11, 25), alcohol_drinks=0, screen_hours=24.0, dry_eyes=False)
    assert check_in_problems(fine) == []
    assert check_in_problems(CheckIn(date(2026, 11, 25), alcohol_drinks=30, screen_hours=0.0)) == []
    bad = CheckIn(date(2026, 11, 25), alcohol_drinks=31, screen_hours=24.5, dry_eyes="yes")  # type: ignore[arg-type]
    assert check_in_problems(bad) == [
        "screen_hours: 24.5 is not a number of hours from 0 to 24",
        "alcohol_drinks: 31 is not from 0 to 30",
        "dry_eyes: 'yes' is not yes (true) or no (false)",
    ]
    odd = CheckIn(date(2026, 11, 25), alcohol_drinks=True, screen_hours=-1)  # type: ignore[arg-type]
    assert check_in_problems(odd) == [
        "screen_hours: -1 is not a number of hours from 0 to 24",
        "alcohol_drinks: True is not a whole number from 0 to 30",
    ]


def test_a_check_in_given_in_order_before_the_eye_triggers_keeps_its_meaning():
    # Fields given in order (day, sleep, caffeine, stress, water, note) still land where they did.
    assert CheckIn(date(2026, 11, 25), 7.0, 2, 4, 6, "ok") == CheckIn(
        date(2026, 11, 25), sleep_hours=7.0, caffeine_drinks=2, stress=4, water_glasses=6, note="ok"
    )
    assert CheckIn(date(2026, 11, 25)).dry_eyes is None  # not asked is not "no"


def test_an_episode_may_name_several_places_once_each_in_order():
    assert episode_problems(episode(places=(Place.EYELID, Place.CHEEK, Place.MOUTH))) == []
    assert episode_problems(episode(places=())) == ["places: none chosen; choose at least one"]
    assert episode_problems(episode(places=(Place.CHEEK, Place.EYELID))) == [
        "places: cheek, eyelid repeats a place or is not in the order eyelid, brow, cheek, mouth, chin, neck,"
        " other"
    ]
    assert episode_problems(episode(places=(Place.CHEEK, Place.CHEEK)))[0].startswith("places: cheek, cheek")
    assert episode_problems(episode(places=Place.CHEEK))[0].startswith("places: <Place.CHEEK")


def test_places_are_put_in_order_without_repeats():
    assert in_place_order([Place.NECK, Place.EYELID, Place.NECK, Place.BROW]) == (
        Place.EYELID,
        Place.BROW,
        Place.NECK,
    )
    assert in_place_order("eyelid") == ()  # text is not a list of places


INJECTION = Treatment(
    date(2026, 11, 25), TreatmentKind.INJECTION, "Botox", Side.BOTH, (Place.EYELID, Place.BROW), "25 units"
)


def test_a_treatment_needs_a_name_unless_it_is_an_injection():
    assert treatment_problems(INJECTION) == []
    assert treatment_problems(Treatment(date(2026, 11, 25), TreatmentKind.INJECTION)) == []
    assert treatment_problems(Treatment(date(2026, 11, 25), TreatmentKind.MEDICINE_STARTED, " ")) == [
        "name: is empty; say the medicine's name"
    ]
    assert treatment_problems(Treatment(date(2026, 11, 25), TreatmentKind.OTHER)) == [
        "name: is empty; say what it was"
    ]
    assert (
        treatment_problems(Treatment(date(2026, 11, 25), TreatmentKind.MEDICINE_STOPPED, "Clonazepam")) == []
    )


def test_treatment_problems_name_the_field_and_the_value():
    bad = Treatment(
        datetime(2026, 11, 25, 9, 0),  # type: ignore[arg-type]
        "shot",  # type: ignore[arg-type]
        "x" * 201,
        "up",  # type: ignore[arg-type]
        (Place.CHEEK, Place.EYELID),
        "y" * 101,
        "z" * 2001,
    )
    assert treatment_problems(bad) == [
        "given_on: datetime.datetime(2026, 11, 25, 9, 0) is not a date",
        "kind: 'shot' is not one of injection, medicine_started, medicine_stopped, other",
        "name: 201 characters is longer than 200",
        "side: 'up' is not one of left, right, both",
        "places: cheek, eyelid repeats a place or is not in the order eyelid, brow, cheek, mouth, chin, neck,"
        " other",
        "dose: 101 characters is longer than 100",
        "note: 2001 characters is longer than 2000",
    ]
    assert treatment_problems(Treatment(date(1969, 12, 31), TreatmentKind.INJECTION)) == [
        "given_on: 1969-12-31 is not a date from 1970 to 2100"
    ]


def test_a_safety_check_names_its_urgency_and_signs():
    fine = SafetyCheck(datetime(2026, 11, 25, 9, 0, tzinfo=UTC), Urgency.SOON, ("spreading", "eye_closed"))
    assert safety_check_problems(fine) == []
    assert safety_check_problems(SafetyCheck(fine.checked_at, Urgency.SELF_CARE, ())) == []
    bad = SafetyCheck(datetime(2026, 11, 25, 9, 0), "later", ("a", "a"))  # type: ignore[arg-type]
    assert safety_check_problems(bad) == [
        "checked_at: 2026-11-25T09:00:00 has no time zone",
        "urgency: 'later' is not one of emergency, today, soon, self_care",
        "signs: a, a names a sign twice",
    ]
    assert safety_check_problems(SafetyCheck(fine.checked_at, Urgency.SOON, ("",))) == [
        "signs: ('',) is not a list of question ids"
    ]
