from __future__ import annotations

import pytest

from relaxapp.core.catalog import Catalog
from relaxapp.core.preferences import (
    DEFAULT_AMBIENCE_VOLUME,
    DEFAULT_VOLUME,
    Preferences,
    ThemeChoice,
    flag_from_text,
    length_from_text,
    length_to_text,
    routine_ids_from_text,
    routine_ids_to_text,
    volume_from_text,
)
from relaxapp.core.reminders import ReminderPlan
from relaxapp.core.routine import Cycles, Minutes, Routine
from relaxapp.core.sound import SoundChannel


@pytest.mark.parametrize(("raw", "volume"), [("0.35", 0.35), (0, 0.0), ("1", 1.0), (0.5, 0.5)])
def test_a_volume_reads_back(raw, volume):
    assert volume_from_text(raw) == volume


@pytest.mark.parametrize("raw", ["loud", "7", "-0.1", "nan", "inf", "", None])
def test_a_damaged_volume_falls_back_to_the_default(raw):
    assert volume_from_text(raw) == DEFAULT_VOLUME


@pytest.mark.parametrize("length", [Minutes(3), Minutes(2.5), Cycles(4)])
def test_a_length_round_trips(length):
    assert length_from_text(length_to_text(length)) == length


@pytest.mark.parametrize(
    "raw", ["", "3", "three minutes", "3 hours", "-2 minutes", "2.5 cycles", "nan minutes", None]
)
def test_a_damaged_length_reads_as_none(raw):
    assert length_from_text(raw) is None


def test_flags():
    assert flag_from_text("true") and flag_from_text(True)
    assert not flag_from_text("false", default=True)
    assert flag_from_text("garbage", default=True)


def test_preferences_round_trip_through_settings_text():
    chosen = Preferences(
        theme=ThemeChoice.DARK,
        larger_text=True,
        reduced_motion=True,
        default_routine="coherent",
        default_length=Minutes(10),
        cue_volume=0.35,
        muted=True,
        voice_volume=0.6,
        ambience_volume=0.25,
        cues_muted=True,
        voice_muted=True,
        ambience_muted=True,
        eyes_closed=True,
        reminders=ReminderPlan(enabled=True, every_minutes=90, from_hour=8, until_hour=20),
        cautions_hidden=frozenset({"pmr_4", "massage_full_face"}),
    )
    stored = chosen.to_settings()
    assert all(isinstance(value, str) for value in stored.values())
    assert Preferences.from_settings(stored.get) == chosen


def test_missing_or_damaged_preferences_fall_back_one_by_one():
    damaged = {"look/theme": "purple", "audio/volume": "0.4", "reminders/every_minutes": "often"}
    read = Preferences.from_settings(damaged.get)
    assert read.theme is ThemeChoice.SYSTEM
    assert read.cue_volume == 0.4
    assert read.reminders == Preferences().reminders
    assert Preferences.from_settings(lambda _key: None) == Preferences()


def test_the_starting_choice_keeps_defaults_only_while_they_make_sense():
    chosen = Preferences(default_routine="coherent", default_length=Minutes(10))
    assert chosen.starting_choice({"box", "coherent"}, "box", Minutes(3)) == ("coherent", Minutes(10))
    gone = Preferences(default_routine="deleted", default_length=Minutes(7))
    assert gone.starting_choice({"box", "coherent"}, "box", Minutes(3)) == ("box", Minutes(3))
    assert Preferences().starting_choice({"box"}, "box", None) == ("box", None)


def test_each_channel_has_its_volume_and_mute_and_mute_all_wins():
    preferences = Preferences(voice_volume=0.3, ambience_muted=True)
    assert preferences.volume(SoundChannel.VOICE) == 0.3
    assert preferences.volume(SoundChannel.AMBIENCE) == DEFAULT_AMBIENCE_VOLUME
    assert preferences.channel_muted(SoundChannel.AMBIENCE)
    assert not preferences.channel_muted(SoundChannel.VOICE)
    everything_off = Preferences(muted=True)
    assert all(everything_off.channel_muted(channel) for channel in SoundChannel)


def test_a_damaged_ambience_volume_falls_back_to_its_own_default():
    read = Preferences.from_settings({"audio/ambience_volume": "loud"}.get)
    assert read.ambience_volume == DEFAULT_AMBIENCE_VOLUME


@pytest.mark.parametrize(
    ("raw", "ids"),
    [
        ("massage_full_face, pmr_4", {"massage_full_face", "pmr_4"}),
        (["massage_full_face", "pmr_4"], {"massage_full_face", "pmr_4"}),  # QSettings: an unquoted list
        ("pmr_4 pmr_4,,", {"pmr_4"}),
        ("", set()),
        (None, set()),
        (7, set()),  # another type, as a hand edit or another program may leave
        ({"pmr_4": True}, set()),
        (["pmr_4", 3, None, "Not An Id!", "../x"], {"pmr_4"}),
    ],
)
def test_routine_ids_are_read_defensively(raw, ids):
    assert routine_ids_from_text(raw) == ids


def test_routine_ids_round_trip():
    ids = frozenset({"pmr_4", "box", "imagery_warm_light_sleep"})
    assert routine_ids_from_text(routine_ids_to_text(ids)) == ids


def test_cautions_come_before_a_start_until_chosen_away(shipped: Catalog, box: Routine):
    massage = shipped.get("massage_full_face")
    assert massage is not None and massage.read_first
    assert Preferences().shows_cautions(massage)
    assert not Preferences(cautions_hidden=frozenset({"massage_full_face"})).shows_cautions(massage)
    assert not Preferences().shows_cautions(box)  # box breathing has advice, not cautions to confirm
