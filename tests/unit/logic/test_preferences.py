"""Preferences and remembered choices through one owner of the settings file."""

from __future__ import annotations

from dataclasses import replace

from relaxapp.core.catalog import Catalog
from relaxapp.core.preferences import Preferences, ThemeChoice
from relaxapp.core.routine import Minutes, Routine
from relaxapp.logic.events import Events
from relaxapp.logic.preferences import PreferenceStore
from tests.helpers.stubs import DictSettings, Heard


def test_the_settings_dialogs_choices_are_written_saved_and_announced():
    settings, events = DictSettings(), Events()
    heard = Heard().listen(events)
    store = PreferenceStore(settings, events)
    chosen = replace(Preferences(), theme=ThemeChoice.DARK, larger_text=True)
    store.use(chosen)
    assert store.current == chosen
    assert settings.values["look/theme"] == "dark" and settings.values["look/larger_text"] == "true"
    assert settings.synced == 1
    assert heard.values("preferences_changed") == [chosen]
    assert PreferenceStore(settings, Events()).current == chosen  # read back as the next start would


def test_the_sound_bar_writes_its_own_keys_and_nothing_else():
    # A value edited by hand that does not parse falls back in memory, but stays in the file as it is.
    settings = DictSettings({"reminders/enabled": "true", "reminders/every_minutes": "lots"})
    store = PreferenceStore(settings, Events())
    store.set_sound(cue_volume=0.3)
    after = store.set_sound(muted=True)
    assert (after.cue_volume, after.muted) == (0.3, True)
    assert settings.values == {
        "reminders/enabled": "true",
        "reminders/every_minutes": "lots",
        "audio/volume": "0.3",
        "audio/muted": "true",
    }
    assert settings.synced == 0  # written to disk with the rest at close


def test_the_starting_choice_is_the_default_or_else_the_last_used():
    settings = DictSettings({"session/routine": "coherent", "session/length": "5 minutes"})
    store = PreferenceStore(settings, Events())
    assert store.starting_choice({"box", "coherent"}) == ("coherent", Minutes(5))
    store.use(replace(store.current, default_routine="box", default_length=Minutes(10)))
    assert store.starting_choice({"box", "coherent"}) == ("box", Minutes(10))
    store.use(replace(store.current, default_routine="gone"))
    assert store.starting_choice({"box", "coherent"}) == ("coherent", Minutes(10))


def test_damaged_remembered_choices_fall_back():
    settings = DictSettings({"session/routine": None, "session/length": "lots"})
    assert PreferenceStore(settings, Events()).starting_choice({"box"}) == ("", None)


def test_the_notice_counts_as_read_once_marked():
    settings = DictSettings()
    store = PreferenceStore(settings, Events())
    assert not store.notice_read
    store.mark_notice_read()
    assert store.notice_read and settings.synced == 1


def massage_routine(shipped: Catalog) -> Routine:
    routine = shipped.get("massage_full_face")
    assert routine is not None and routine.read_first
    return routine


def test_cautions_are_shown_until_read_and_chosen_away_for_that_routine(shipped: Catalog):
    settings, events = DictSettings(), Events()
    heard = Heard().listen(events)
    store = PreferenceStore(settings, events)
    massage, pmr = massage_routine(shipped), shipped.get("pmr_4")
    assert pmr is not None
    assert store.cautions_due(massage) and store.cautions_due(pmr)
    store.cautions_read(massage, show_again=True)  # read and started, box left unticked
    assert store.cautions_due(massage)
    assert heard.said == [] and settings.values == {}
    store.cautions_read(massage, show_again=False)
    assert not store.cautions_due(massage)
    assert store.cautions_due(pmr)  # per routine
    assert settings.values == {"session/cautions_hidden": "massage_full_face"}
    assert settings.synced == 1  # kept at once, not only at a clean close
    assert heard.values("cautions_changed") == ["massage_full_face"]
    assert not PreferenceStore(settings, Events()).cautions_due(massage)  # as the next start reads it


def test_a_routine_without_cautions_never_shows_any_nor_hides_any(shipped: Catalog, box: Routine):
    store = PreferenceStore(DictSettings(), Events())
    assert not store.cautions_due(box)
    store.cautions_read(box, show_again=False)
    assert store.current.cautions_hidden == frozenset()


def test_cautions_come_back_for_one_routine_or_all_of_them(shipped: Catalog):
    settings, events = DictSettings({"session/cautions_hidden": "massage_full_face, pmr_4"}), Events()
    heard = Heard().listen(events)
    store = PreferenceStore(settings, events)
    massage, pmr = massage_routine(shipped), shipped.get("pmr_4")
    assert pmr is not None
    assert not store.cautions_due(massage) and not store.cautions_due(pmr)
    store.show_cautions_again(massage)  # the home page's link
    assert store.cautions_due(massage) and not store.cautions_due(pmr)
    assert settings.values["session/cautions_hidden"] == "pmr_4"
    assert heard.values("cautions_changed") == ["massage_full_face"]
    store.use(replace(store.current, cautions_hidden=frozenset()))  # Settings: show all cautions again
    assert store.cautions_due(pmr)
    assert settings.values["session/cautions_hidden"] == ""


def test_a_damaged_list_of_hidden_cautions_shows_them_rather_than_fail(shipped: Catalog):
    massage = massage_routine(shipped)
    for damaged in (7, 2.5, {"massage_full_face": 1}, "Full face!", ["", None]):
        store = PreferenceStore(DictSettings({"session/cautions_hidden": damaged}), Events())
        assert store.cautions_due(massage), damaged
