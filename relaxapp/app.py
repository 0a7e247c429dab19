"""The front door: reads the command line, builds the services and the window, and wires them."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QSettings,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

from relaxapp import __version__
from relaxapp.audio.player import SilentPlayer
from relaxapp.core import datafile
from relaxapp.core.catalog import Catalog, load_catalog
from relaxapp.core.clock import MonotonicClock, local_now, utc_now
from relaxapp.core.datafile import DataFileError
from relaxapp.core.durations import duration_text
from relaxapp.core.patterns import DEFAULT_BREATHS_PER_MINUTE, paced_routine
from relaxapp.core.routine import (
    Cycles,
    Minutes,
    Routine,
    RoutineKind,
    SessionLength,
    Step,
    StepKind,
    length_problem,
)
from relaxapp.core.sound import CUE_IDS, parse_prompts, prompt_key
from relaxapp.storage import paths
from relaxapp.storage.history import HistoryStore, open_history
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.session_runner import SessionRunner
from relaxapp.ui.single_instance import SingleInstance

log = logging.getLogger("relaxapp")
_Guidance = TypeVar("_Guidance")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="relaxapp", description="Guided breathing and relaxation.")
    parser.add_argument("--version", action="version", version=f"relaxapp {__version__}")
    parser.add_argument("--data-dir", type=Path, help="keep history, settings and logs in this folder")
    parser.add_argument("--list-routines", action="store_true", help="print the routines and exit")
    parser.add_argument(
        "--routine", metavar="NAME", help="start this routine right away (see --list-routines)"
    )
    length = parser.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=float, help="length of the session started with --routine")
    length.add_argument("--cycles", type=int, help="number of breaths of the session started with --routine")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window, run a 4-second session (with sound if a device works) in a throwaway data "
        "folder, check the history on disk, report, and exit",
    )
    # For bench/startup.py: report when the first frame is painted, then quit.
    parser.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if (args.minutes is not None or args.cycles is not None) and args.routine is None:
        parser.error("--minutes and --cycles go with --routine")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(run(argv))


def run(argv: Sequence[str] | None = None, on_ready: Callable[[MainWindow], None] | None = None) -> int:
    """Run the app until it closes; `on_ready` (for benchmarks) is called once the window is up."""
    args = parse_args(argv)
    if args.self_test:
        import tempfile  # noqa: PLC0415 - the self-test alone needs it

        with tempfile.TemporaryDirectory(prefix="relaxapp-self-test-") as scratch:
            user_paths = paths.UserPaths.portable(args.data_dir or Path(scratch))
            with _process_hooks(user_paths.log_file):
                return _run(args, user_paths, _self_test(user_paths))
    user_paths = paths.UserPaths.portable(args.data_dir) if args.data_dir else paths.UserPaths.default()
    with _process_hooks(user_paths.log_file):
        return _run(args, user_paths, on_ready)


def _run(
    args: argparse.Namespace, user_paths: paths.UserPaths, on_ready: Callable[[MainWindow], None] | None
) -> int:
    catalog = load_catalog(
        [paths.content_dir() / "routines", user_paths.user_routines_dir], known_images=paths.image_ids()
    )
    for error in catalog.errors:
        log.warning("routine file skipped: %s", error)
    if args.list_routines:
        return _list_routines(catalog, user_paths)
    problem = _command_line_problem(args, catalog)
    if problem:
        print(f"relaxapp: {problem}", file=sys.stderr)
        return 2

    app = _application()
    instance = SingleInstance(user_paths.data_dir)
    if not instance.claim():
        if args.self_test:  # handing over would test nothing
            print(
                f"relaxapp self-test FAILED: another relaxapp is using {user_paths.data_dir}", file=sys.stderr
            )
            return 1
        return _hand_over(instance, user_paths)

    problems = [f"A routine file in {error.path.parent} was skipped: {error}" for error in catalog.errors]
    opened = open_history(user_paths.history_db, user_paths.backups_dir, utc_now())
    history = opened.store
    if opened.problem:
        problems.append(opened.problem)
    backups = BackupKeeper(history, user_paths.backups_dir, utc_now)
    window = _build_window(app, catalog, user_paths, history, problems, backups=backups)
    backups.setParent(window)
    backups.failed.connect(window.show_problem)
    runner = window.runner
    restore_signals = _end_on_signals(app, window)

    def after_first_frame() -> None:
        if args.exit_after_first_frame:
            _report_first_frame()
            app.quit()
            return
        _load_guidance_into(window, catalog)
        window.prepare_session_pages()  # after the guidance: the summary shows its warning signs
        instance.listen(window.bring_forward)
        _start_reminders(app, window)
        _load_audio(window)
        if opened.backup is not None and opened.moved_aside is not None and not args.self_test:
            window.offer_backup(opened.backup)
        backups.start()
        if not args.self_test:
            window.show_notice(
                only_first_time=True, then=lambda: _start_from_command_line(window, catalog, args)
            )
        if on_ready is not None:
            on_ready(window)

    first_frame = _FirstFrame(after_first_frame)
    window.installEventFilter(first_frame)
    window.show()
    try:
        exit_code = app.exec()
    finally:
        restore_signals()
        runner.player.close()
        history.close()
        instance.release()
    log.info("relaxapp closed")
    return exit_code


def _build_window(
    app: QApplication,
    catalog: Catalog,
    user_paths: paths.UserPaths,
    history: HistoryStore,
    problems: list[str],
    *,
    backups: BackupKeeper,
) -> MainWindow:
    settings = QSettings(str(user_paths.settings_file), QSettings.Format.IniFormat)
    screen = app.primaryScreen()
    frame_rate = screen.refreshRate() if screen is not None and screen.refreshRate() > 1 else 60.0
    prompts = _load_prompts(problems)
    runner = SessionRunner(
        SilentPlayer(), history, MonotonicClock(), utc_now, frame_rate=frame_rate, prompts=prompts
    )
    routines = [*catalog.routines, paced_routine(DEFAULT_BREATHS_PER_MINUTE)]
    return MainWindow(
        routines, runner, settings, problems, patterns_dir=user_paths.user_routines_dir, backups=backups
    )


@contextlib.contextmanager
def _process_hooks(log_file: Path) -> Iterator[None]:
    """The log file, Qt's message handler and the last-resort error dialog, for as long as the app runs;
    whatever was there before is put back (the process may go on, as under the tests)."""
    handler = _log_handler(log_file)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    previous_qt_handler = qInstallMessageHandler(_log_qt_message)
    previous_excepthook = sys.excepthook
    sys.excepthook = _report_unexpected_error(log_file)
    try:
        yield
    finally:
        sys.excepthook = previous_excepthook
        qInstallMessageHandler(previous_qt_handler)
        root.removeHandler(handler)
        handler.close()


LOG_KEEP_BYTES = 1_000_000


def _log_handler(log_file: Path) -> logging.Handler:
    handler: logging.Handler
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        # One step of rotation at start-up keeps the log small; logging.handlers would cost start-up time
        # (it pulls in socket and pickle) for a log that grows by a few lines a session.
        if log_file.exists() and log_file.stat().st_size > LOG_KEEP_BYTES:
            log_file.replace(log_file.with_suffix(".log.1"))
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError as error:
        print(
            f"relaxapp: cannot write the log file {log_file} ({error}); warnings go here instead",
            file=sys.stderr,
        )
        # A terminal gets the warnings in one line each: tracebacks are for a log file, not for a person.
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(_OneLineFormatter("relaxapp %(levelname)s: %(message)s"))
        return handler
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


class _OneLineFormatter(logging.Formatter):
    def formatException(self, ei: object) -> str:  # noqa: N802 - logging's name
        return ""

    def formatStack(self, stack_info: str) -> str:  # noqa: N802
        return ""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).rstrip()


# Qt's warnings are notes for developers ("This plugin does not support ..."): into the log file, one
# step quieter, so they never reach a terminal that only shows the app's own warnings.
_QT_LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.DEBUG,
    QtMsgType.QtWarningMsg: logging.INFO,
    QtMsgType.QtCriticalMsg: logging.WARNING,
    QtMsgType.QtFatalMsg: logging.ERROR,
}


def _log_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to the terminal of a person who only wanted to relax."""
    logging.getLogger("qt").log(_QT_LOG_LEVELS.get(kind, logging.WARNING), message)


def _load_guidance_into(window: MainWindow, catalog: Catalog) -> None:
    # After the first frame: parsing the tips costs start-up time the home page need not wait for.
    from relaxapp.core.safety import load_checklist  # noqa: PLC0415 - see above
    from relaxapp.core.tips import load_tips  # noqa: PLC0415

    problems: list[str] = []
    routine_ids = {routine.id for routine in catalog.routines}
    tips = _load_guidance(lambda: load_tips(paths.content_dir() / "tips.toml", routine_ids), problems)
    checklist = _load_guidance(lambda: load_checklist(paths.content_dir() / "safety.toml"), problems)
    window.use_guidance(tips, checklist, date.today())
    for problem in problems:
        window.show_problem(problem)


def _load_guidance(load: Callable[[], _Guidance], problems: list[str]) -> _Guidance | None:
    """Tips and the safety check are shipped files; if one is damaged the rest of the app still works."""
    try:
        return load()
    except DataFileError as error:
        log.error("guidance file unusable: %s", error)
        problems.append(f"Part of the guidance could not be loaded and is switched off: {error}")
        return None


def _start_reminders(app: QApplication, window: MainWindow) -> None:
    from relaxapp.ui.tray import ReminderScheduler, Tray  # noqa: PLC0415 - after the first frame

    scheduler = ReminderScheduler(local_now, lambda: window.runner.is_active, window)
    scheduler.set_plan(window.preferences.reminders)
    window.preferences_changed.connect(lambda preferences: scheduler.set_plan(preferences.reminders))
    if not QSystemTrayIcon.isSystemTrayAvailable():
        log.info("no system tray on this desktop: no tray icon, and reminders cannot be shown")
        return
    Tray(
        app.windowIcon(),
        scheduler,
        face_break=window.start_face_break,
        open_window=window.bring_forward,
        quit_app=window.close,
        parent=window,  # lives as long as the window
    )


def _load_audio(window: MainWindow) -> None:
    # pygame and the sound files load after the window is on screen, so they cost no start-up time.
    from relaxapp.audio.pygame_player import start_player  # noqa: PLC0415

    player, notice = start_player(paths.audio_dir(), CUE_IDS)
    window.use_player(player, notice)


def _list_routines(catalog: Catalog, user_paths: paths.UserPaths) -> int:
    for routine in catalog.routines:
        glance = f"{routine.rhythm()} s" if routine.repeats else duration_text(routine.cycle_seconds)
        print(f"{routine.id:26} {routine.kind:10} {routine.title} ({glance})")
    print(f"\nYour own routine files go in {user_paths.user_routines_dir}")
    for error in catalog.errors:
        print(f"Skipped {error}", file=sys.stderr)
    return 0


def _load_prompts(problems: list[str]) -> dict[str, str]:
    """The app's own spoken sentences; without them eyes-closed sessions simply have no welcome."""
    try:
        return datafile.load(paths.content_dir() / "prompts.toml", parse_prompts)
    except DataFileError as error:
        log.error("prompts file unusable: %s", error)
        problems.append(f"Some spoken prompts are missing ({error}); sessions still run.")
        return {}


def _start_from_command_line(window: MainWindow, catalog: Catalog, args: argparse.Namespace) -> None:
    if args.routine is None:
        return
    routine = catalog.get(args.routine)
    assert routine is not None  # checked before the window was built
    window.start_session(routine, _command_line_length(args, routine))


def _application() -> QApplication:
    existing = QApplication.instance()  # a host that embeds the app (the tests) may have one already
    # Fusion on every platform: it follows the theme's palette in light and dark (native styles may not).
    # Asked for on the command line: touching QStyle from Python first costs ~20 ms of enum set-up.
    app = (
        existing if isinstance(existing, QApplication) else QApplication([*sys.argv[:1], "-style", "fusion"])
    )
    app.setApplicationName("relaxapp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.relaxapp")  # matches packaging/linux: the desktop shows our icon
    icon = paths.images_dir() / "relaxapp-256.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    else:
        log.warning("the app icon %s is missing", icon)
    return app  # the main window sets the style sheet: it knows the theme and text size


def _command_line_problem(args: argparse.Namespace, catalog: Catalog) -> str | None:
    if args.routine is None:
        return None
    chosen = catalog.get(args.routine)
    if chosen is None:
        return f"there is no routine called '{args.routine}'; try --list-routines"
    return length_problem(chosen, _command_line_length(args, chosen))


def _hand_over(instance: SingleInstance, user_paths: paths.UserPaths) -> int:
    if instance.hand_over():
        print("relaxapp is already running: its window has been brought forward.")
        return 0
    lock = user_paths.data_dir / "relaxapp.lock"
    print(
        f"relaxapp: another relaxapp is using {user_paths.data_dir} but does not answer. "
        f"Close it, or if none is running, delete {lock}.",
        file=sys.stderr,
    )
    return 1


SELF_TEST_ROUTINE = Routine(
    id="self_test",
    kind=RoutineKind.BREATHING,
    title="Self-test",
    summary="Two seconds in, two seconds out.",
    steps=(Step(StepKind.INHALE, 2, "Breathe in"), Step(StepKind.EXHALE, 2, "Breathe out")),
    default_length=Cycles(1),
)


SELF_TEST_IMAGE = "pmr/whole-body"


def _self_test(user_paths: paths.UserPaths) -> Callable[[MainWindow], None]:
    """What `--self-test` checks, as a packaged app must: the window, content, audio (or the silent
    fallback), a whole session with its cues, and the history written and read back from disk."""

    def check(window: MainWindow) -> None:
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
            if len(window.home._routines) == 0:
                failures.append("no routines were loaded")
            kinds = {routine.kind for routine in window.home._routines}
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
        window.start_session(SELF_TEST_ROUTINE, Cycles(1))

    return check


def _command_line_length(args: argparse.Namespace, routine: Routine) -> SessionLength:
    if args.minutes is not None:
        return Minutes(args.minutes)
    if args.cycles is not None:
        return Cycles(args.cycles)
    return routine.default_length


def _end_on_signals(app: QApplication, window: QWidget) -> Callable[[], None]:
    """Ctrl+C and SIGTERM close the window as a click would, so a running session is kept.

    Python runs signal handlers only when the interpreter gets control; Qt's loop waits in C. The
    wake-up socket makes the loop notice a signal at once, without polling.
    """
    if sys.platform == "win32":
        import socket  # noqa: PLC0415 - Windows wakes only on a socket; elsewhere a pipe is cheaper to set up

        receiver, sender = socket.socketpair()
        receiver.setblocking(False)
        sender.setblocking(False)
        app.setProperty("signal_sockets", (receiver, sender))  # open as long as the app lives
        wake_read, wake_write = receiver.fileno(), sender.fileno()

        def drain() -> None:
            receiver.recv(64)
    else:
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_read, False)
        os.set_blocking(wake_write, False)

        def drain() -> None:
            os.read(wake_read, 64)

    signal.set_wakeup_fd(wake_write)
    notifier = QSocketNotifier(wake_read, QSocketNotifier.Type.Read, app)
    # Draining is all there is to do: waking up is what lets Python run the handlers below.
    notifier.activated.connect(drain)

    def close_window(number: int, _frame: object) -> None:
        log.info("signal %d: closing", number)
        window.close()
        app.quit()

    previous = {number: signal.signal(number, close_window) for number in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        signal.set_wakeup_fd(-1)
        notifier.setEnabled(False)
        for number, handler in previous.items():
            signal.signal(number, handler)
        if sys.platform != "win32":
            os.close(wake_read)
            os.close(wake_write)

    return restore


class _FirstFrame(QObject):
    """Runs a callback once, just after the window's first paint."""

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self._callback: Callable[[], None] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)
        return False


def _report_first_frame() -> None:
    import json  # noqa: PLC0415 - benchmarks only
    import resource  # noqa: PLC0415
    import time  # noqa: PLC0415

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"first_frame_wall": time.time(), "rss_mb": rss_mb}), flush=True)


def _report_unexpected_error(
    log_file: Path,
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    def report(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        import traceback  # noqa: PLC0415 - only when something has gone wrong

        log.critical("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "relaxapp",
                f"Something went wrong: {error}\n\nrelaxapp carries on. The details are in {log_file}.",
            )

    return report
