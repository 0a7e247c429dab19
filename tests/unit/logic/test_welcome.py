"""First start: the question comes once, after the notice; an answer picks where to begin and what to
suggest; a skip changes nothing; Settings changes the answer."""

from __future__ import annotations

from dataclasses import replace

import pytest

from relaxapp.core.catalog import Catalog
from relaxapp.core.preferences import Preferences
from relaxapp.core.welcome import WelcomeQuestion, load_welcome
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage import paths
from relaxapp.storage.history import HistoryStore
from tests.helpers.stubs import DictSettings, Heard
from tests.unit.logic.conftest import NOW


@pytest.fixture
def question(shipped: Catalog) -> WelcomeQuestion:
    return load_welcome(paths.content_dir() / "welcome.toml", {routine.id for routine in shipped.routines})


@pytest.fixture
def welcomed(
    store: HistoryStore, settings: DictSettings, shipped: Catalog, question: WelcomeQuestion
) -> UseCases:
    return UseCases.build(store, settings, shipped.routines, now=lambda: NOW, welcome=question)


def starting_routine(use_cases: UseCases) -> str:
    return use_cases.preferences.starting_choice({r.id for r in use_cases.routines.routines})[0]


def test_the_question_is_due_once_at_a_first_start(welcomed: UseCases):
    first_run = welcomed.first_run
    assert first_run.due()
    first_run.skip()
    assert not first_run.due()


def test_someone_who_has_read_the_notice_already_is_not_asked(welcomed: UseCases):
    welcomed.preferences.mark_notice_read()  # an earlier version, or a start that closed at the question
    assert not welcomed.first_run.due()


def test_without_the_question_file_nothing_is_asked_or_suggested(use_cases: UseCases):
    assert not use_cases.first_run.due()
    assert use_cases.first_run.suggested() == (None, ())


def test_an_answer_picks_where_to_begin_and_what_to_suggest(welcomed: UseCases, settings: DictSettings):
    heard = Heard().listen(welcomed.events)
    welcomed.first_run.answer("both_eyes")
    current = welcomed.preferences.current
    assert (current.reason, current.eyes_closed) == ("both_eyes", True)
    assert starting_routine(welcomed) == "pmr_face_neck_release"
    answer, routines = welcomed.first_run.suggested()
    assert answer is not None and answer.label == "Both eyes squeezing shut"
    assert [r.id for r in routines] == ["pmr_face_neck_release", "imagery_warm_light", "extended_exhale"]
    assert heard.values("preferences_changed") == [current]  # the pages follow
    assert settings.value("welcome/answer") == "both_eyes"  # kept for the next start
    assert not welcomed.first_run.due()


def test_a_skip_leaves_every_setting_as_it_was(welcomed: UseCases, settings: DictSettings):
    before = welcomed.preferences.current
    welcomed.first_run.skip()
    assert welcomed.preferences.current == before == Preferences()
    assert welcomed.first_run.suggested() == (None, ())
    assert settings.value("session/routine") is None  # the home page starts as it always did


def test_a_new_answer_in_settings_moves_the_start_and_the_suggestions(welcomed: UseCases):
    welcomed.first_run.answer("eyelid")
    assert starting_routine(welcomed) == "massage_eyes_brow"
    welcomed.first_run.use_settings(replace(welcomed.preferences.current, reason="tension"))
    assert starting_routine(welcomed) == "pmr_7"
    assert [r.id for r in welcomed.first_run.suggested()[1]] == [
        "pmr_7",
        "imagery_warm_light_sleep",
        "coherent",
    ]
    # Other settings changed, the answer kept: the routine used last stays where it was.
    welcomed.preferences.remember_choice(
        welcomed.routines.get("box"), welcomed.routines.get("box").default_length
    )
    welcomed.first_run.use_settings(replace(welcomed.preferences.current, larger_text=True))
    assert starting_routine(welcomed) == "box"
    welcomed.first_run.use_settings(replace(welcomed.preferences.current, reason=""))
    assert welcomed.first_run.suggested() == (None, ())


def test_an_answer_the_question_no_longer_has_suggests_nothing(welcomed: UseCases, settings: DictSettings):
    welcomed.preferences.use(Preferences(reason="gone"))
    assert welcomed.first_run.suggested() == (None, ())
    with pytest.raises(ValueError, match="'gone' is not an answer"):
        welcomed.first_run.answer("gone")


def test_a_suggested_routine_that_is_gone_is_left_out(welcomed: UseCases):
    welcomed.first_run.answer("tension")
    welcomed.routines._routines = [r for r in welcomed.routines.routines if r.id != "coherent"]
    assert [r.id for r in welcomed.first_run.suggested()[1]] == ["pmr_7", "imagery_warm_light_sleep"]
