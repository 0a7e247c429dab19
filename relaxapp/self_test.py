"""`relaxapp --self-test`: what a packaged app must show it can do, checked in a throwaway data folder."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from relaxapp.core.clock import utc_now
from relaxapp.core.routine import Cycles, Routine, RoutineKind, Step, StepKind
from relaxapp.core.sound import prompt_key
from relaxapp.storage import paths
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.main_window import MainWindow

SELF_TEST_ROUTINE = Routine(
    id="self_test",
    kind=RoutineKind.BREATHING,
    title="Self-test",
    summary="Two seconds in, two seconds out.",
    steps=(Step(StepKind.INHALE, 2, "Breathe in"), Step(StepKind.EXHALE, 2, "Breathe out")),
    default_length=Cycles(1),
)


SELF_TEST_IMAGE = "pmr/whole-body"


@contextlib.contextmanager
def scratch_paths(data_dir: Path | None) -> Iterator[paths.UserPaths]:
    """The given data folder, or a throwaway one that is deleted when the self-test ends."""
    import tempfile  # noqa: PLC0415 - the self-test alone needs it

    with tempfile.TemporaryDirectory(prefix="relaxapp-self-test-") as scratch:
        yield paths.UserPaths.portable(data_dir or Path(scratch))


def check(user_paths: paths.UserPaths) -> Callable[[MainWindow], None]:
    """What `--self-test` checks, as a packaged app must: the window, content, audio (or the silent
    fallback), a whole session with its cues, and the history written and read back from disk."""

    def check_window(window: MainWindow) -> None:
        app = QApplication.instance()
        assert app is not None
        failures: list[str] = []

        started = utc_now()

        def finish() -> None:
            from relaxapp.ui.illustration import renderer  # noqa: PLC0415 - QtSvg is not needed to start

            # The history page with its QtCharts insights: a bundle that left QtCharts out fails here.
            window.go_history()
            try:
                window.history.tabs.setCurrentIndex(window.history.tabs.count() - 1)
                _ = window.history.insights
            except ImportError as error:
                failures.append(f"the history's insights could not be shown ({error})")
            window.close()
            with contextlib.closing(HistoryStore.open(user_paths.history_db)) as store:
                newest = store.newest(1)
            # The session this run made, read back from disk (a --data-dir may hold earlier ones).
            if not (
                newest
                and newest[0].routine_id == SELF_TEST_ROUTINE.id
                and newest[0].completed
                and newest[0].started_at >= started.replace(microsecond=0)
            ):
                failures.append(f"the history's newest session is {newest!r}, not this run's self-test")
            routines = window.home.routines
            if len(routines) == 0:
                failures.append("no routines were loaded")
            kinds = {routine.kind for routine in routines}
            if kinds != set(RoutineKind):
                failures.append(f"only these kinds of routine were loaded: {sorted(kinds)}")
            if renderer(SELF_TEST_IMAGE) is None:
                failures.append(f"the illustration {SELF_TEST_IMAGE} could not be drawn")
            if not (paths.audio_dir() / "voice" / f"{prompt_key('Breathe in')}.ogg").is_file():
                failures.append("the voice recordings are missing")
            verdict = "passed" if not failures else "FAILED: " + "; ".join(failures)
            print(f"relaxapp self-test {verdict} (data in {user_paths.data_dir})", flush=True)
            app.exit(0 if not failures else 1)

        def give_up() -> None:
            failures.append("the session did not end within 30 s")
            finish()

        window.runner.ended.connect(lambda _record: QTimer.singleShot(0, finish))
        QTimer.singleShot(30_000, give_up)
        window.sessions.start_routine(SELF_TEST_ROUTINE, Cycles(1))

    return check_window
