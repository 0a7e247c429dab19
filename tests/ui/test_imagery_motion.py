"""An imagery scene moves slowly while the session runs: only the part that moves is painted, a pause
holds it still, reduced motion leaves it out; and the page says which part of the routine is running."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QImage

from relaxapp.core.routine import RoutineKind
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.scene_motion import motion_area
from tests.helpers.widgets import click
from tests.ui.test_routine_kinds import advance, choose, start


def picture(window: MainWindow) -> QImage:
    view = window.session.imagery
    view.repaint()
    return view.grab().toImage()


def changed_rows(before: QImage, after: QImage) -> set[int]:
    assert before.size() == after.size()
    return {
        y
        for y in range(0, before.height(), 2)
        if any(before.pixel(x, y) != after.pixel(x, y) for x in range(0, before.width(), 4))
    }


def test_the_scene_moves_while_the_session_runs_and_holds_still_when_paused(qtbot, window, fake_clock):
    choose(qtbot, window, RoutineKind.IMAGERY, "imagery_beach_dusk")
    start(qtbot, window)
    view = window.session.imagery
    assert view.motion == "water"  # as the routine file says
    assert view.moving
    click(qtbot, window.session.pause_button)
    assert not view.moving
    click(qtbot, window.session.pause_button)
    assert view.moving
    window.runner.stop()
    assert not view.moving


def test_only_the_water_glints_and_nothing_else_is_painted_again(qtbot, window, fake_clock):
    choose(qtbot, window, RoutineKind.IMAGERY, "imagery_beach_dusk")
    start(qtbot, window)
    view = window.session.imagery
    view.passage.hide()  # the words over the scene stay as they are; here only the scene is compared
    view.stage.hide()
    before = picture(window)
    view.advance_motion(0.2)
    after = picture(window)
    rows = changed_rows(before, after)
    assert rows  # it moved
    area = motion_area("water", view.scene_target).toAlignedRect()
    ratio = before.devicePixelRatio()
    assert min(rows) >= (area.top() - 2) * ratio and max(rows) <= (area.bottom() + 2) * ratio


def test_rain_and_light_move_too(qtbot, window, fake_clock):
    for routine_id, motion in (("imagery_forest_rain", "rain"), ("imagery_warm_light", "light")):
        window.go_home()
        choose(qtbot, window, RoutineKind.IMAGERY, routine_id)
        start(qtbot, window)
        view = window.session.imagery
        assert view.motion == motion
        before = picture(window)
        view.advance_motion(0.25)
        assert changed_rows(before, picture(window))
        window.runner.stop()  # a false start: home again


def test_with_reduced_motion_the_scene_stays_still(qtbot, window, fake_clock):
    window.use_cases.preferences.use(replace(window.preferences, reduced_motion=True))
    choose(qtbot, window, RoutineKind.IMAGERY, "imagery_beach_dusk")
    start(qtbot, window)
    view = window.session.imagery
    assert not view.moving
    before = picture(window)
    view.advance_motion(0.25)
    assert view.motion_seconds == 0
    assert picture(window) == before
    window.use_cases.preferences.use(replace(window.preferences, reduced_motion=False))
    assert view.moving  # switched back on mid-session, it moves again


def test_the_imagery_page_says_which_part_is_running(qtbot, window, fake_clock):
    choose(qtbot, window, RoutineKind.IMAGERY, "imagery_beach_dusk")
    start(qtbot, window)
    plan = window.runner.engine.timeline
    parts = plan.section_count
    assert parts >= 5
    assert window.session.progress.isVisible()
    assert window.session.progress.text() == f"Part 1 of {parts}"
    advance(qtbot, fake_clock, window, plan.next_section_start(0) + 0.5)
    assert window.session.progress.text() == f"Part 2 of {parts}"
    click(qtbot, window.session.next_button)
    assert window.session.progress.text() == f"Part 3 of {parts}"
