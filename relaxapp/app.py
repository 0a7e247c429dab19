"""The front door: reads the command line, builds the services and the window, and wires them."""

from __future__ import annotations

import argparse
import linecache
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from relaxapp import __version__
from relaxapp.audio.player import SilentPlayer
from relaxapp.core import datafile
from relaxapp.core.catalog import Catalog
from relaxapp.core.clock import MonotonicClock, local_now, utc_now
from relaxapp.core.datafile import DataFileError
from relaxapp.core.patterns import DEFAULT_BREATHS_PER_MINUTE, paced_routine
from relaxapp.core.report_period import DEFAULT_MONTHS
from relaxapp.core.routine import Cycles, Minutes, Routine, SessionLength, length_problem
from relaxapp.core.sound import CUE_IDS, parse_prompts
from relaxapp.core.welcome import WelcomeQuestion, load_welcome
from relaxapp.core.wording import duration_text, skipped_routine_files
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage import paths
from relaxapp.storage.catalog_cache import CatalogCache
from relaxapp.storage.history import HistoryStore, open_history

# isort: split
# The Qt-free floors above load before PySide6: from its first import on, PySide6 reads the source of each
# module imported after it (to support `from __feature__ import ...`, PYSIDE-2029); this spares it most of
# the standard library's (the source it reads at start-up: 8.8 -> 4.7 ms).
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from relaxapp import process_hooks
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.listening import follow
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.session_runner import SessionRunner
from relaxapp.ui.settings_file import open_settings
from relaxapp.ui.single_instance import HandOver, SingleInstance
from relaxapp.ui.welcome import welcome

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
    report = parser.add_argument_group("a report for a doctor's visit, written without opening the window")
    report.add_argument("--report", metavar="FILE.pdf", help="write the report as a PDF and exit")
    report.add_argument(
        "--from",
        dest="since",
        metavar="YYYY-MM-DD",
        help="the report's first day (default: the day of the last treatment logged in the year before "
        f"its last day, else {DEFAULT_MONTHS} months before its last day)",
    )
    report.add_argument("--to", metavar="YYYY-MM-DD", help="the report's last day (default: today)")
    # For the benchmarks: report when the first frame is painted, then quit, or run on (bench/startup.py
    # reads the memory of the app once it has settled).
    parser.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--report-first-frame", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if (args.minutes is not None or args.cycles is not None) and args.routine is None:
        parser.error("--minutes and --cycles go with --routine")
    if (args.since is not None or args.to is not None) and args.report is None:
        parser.error("--from and --to go with --report")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(run(argv))


def run(argv: Sequence[str] | None = None, on_ready: Callable[[MainWindow], None] | None = None) -> int:
    """Run the app until it closes; `on_ready` (for benchmarks) is called once the window is up."""
    args = parse_args(argv)
    if args.report is not None:
        from relaxapp import report_command  # noqa: PLC0415 - only for --report

        return report_command.make_report(args)
    if args.self_test:
        from relaxapp import self_test  # noqa: PLC0415 - only for --self-test

        if args.data_dir is not None and (problem := _data_folder_problem(args.data_dir)):
            print(f"relaxapp: {problem}", file=sys.stderr)
            return 2
        with (
            self_test.scratch_paths(args.data_dir) as user_paths,
            process_hooks.installed(user_paths.log_file),
        ):
            return _run(args, user_paths, self_test.check(user_paths))
    user_paths = paths.UserPaths.portable(args.data_dir) if args.data_dir else paths.UserPaths.default()
    if problem := _data_folder_problem(user_paths.data_dir):
        print(f"relaxapp: {problem}", file=sys.stderr)
        return 2
    with process_hooks.installed(user_paths.log_file):
        return _run(args, user_paths, on_ready)


def _run(
    args: argparse.Namespace, user_paths: paths.UserPaths, on_ready: Callable[[MainWindow], None] | None
) -> int:
    catalogs, catalog = _load_catalog(user_paths)
    if args.list_routines:
        return _list_routines(catalog, user_paths)
    if problem := _command_line_problem(args, catalog):
        print(f"relaxapp: {problem}", file=sys.stderr)
        return 2

    app = _application()
    instance = _only_instance(args, user_paths)
    if isinstance(instance, int):
        return instance

    problems = skipped_routine_files(catalog.errors)
    opened = open_history(user_paths.history_db, user_paths.backups_dir, utc_now())
    history = opened.store
    if opened.problem:
        problems.append(opened.problem)
    backups = BackupKeeper(history, user_paths.backups_dir, utc_now)
    window = _build_window(app, catalog, user_paths, history, problems, backups=backups)
    backups.setParent(window)
    backups.failed.connect(window.show_problem)
    runner = window.runner
    ending = process_hooks.end_on_signals(app, window)

    def after_first_frame() -> None:
        quit_now = _benchmark_report(args)
        _settle(catalogs)
        if quit_now:
            app.quit()
            return
        instance.listen(window.bring_forward)  # first: a launch at the same moment waits for this
        _load_guidance_into(window, catalog)
        window.prepare_session_pages()  # after the guidance: the summary shows its warning signs
        _start_reminders(app, window)
        _load_audio(window)
        if opened.backup is not None and opened.moved_aside is not None and not args.self_test:
            window.offer_backup(opened.backup)
        backups.start()
        if not args.self_test:
            welcome(
                window,
                window.notice,
                window.use_cases.first_run,
                then=lambda: _start_from_command_line(window, catalog, args),
            )
        if on_ready is not None:
            on_ready(window)
        _give_back_freed_memory()  # last: what the work above freed too

    first_frame = _FirstFrame(after_first_frame)
    window.installEventFilter(first_frame)
    window.show()
    try:
        exit_code = app.exec()
    finally:
        ending.restore()
        if ending.signalled is not None:
            _rescue_unsaved(window, user_paths)
        runner.player.close()
        history.close()
        instance.release()
    log.info("relaxapp closed")
    return exit_code


def _load_catalog(user_paths: paths.UserPaths) -> tuple[CatalogCache, Catalog]:
    """The routines, from the cache when their files are unchanged; the cache, to keep a fresh read."""
    catalogs = CatalogCache(user_paths.catalog_cache)
    catalog = catalogs.load(
        [paths.content_dir() / "routines", user_paths.user_routines_dir], known_images=paths.image_ids()
    )
    for error in catalog.errors:
        log.warning("routine file skipped: %s", error)
    return catalogs, catalog


def _build_window(
    app: QApplication,
    catalog: Catalog,
    user_paths: paths.UserPaths,
    history: HistoryStore,
    problems: list[str],
    *,
    backups: BackupKeeper,
) -> MainWindow:
    opened = open_settings(user_paths.settings_file)  # checked first: Qt must never read a crafted value
    if opened.problem:
        problems.append(opened.problem)
    screen = app.primaryScreen()
    frame_rate = screen.refreshRate() if screen is not None and screen.refreshRate() > 1 else 60.0
    use_cases = UseCases.build(
        history,
        opened.settings,
        [*catalog.routines, paced_routine(DEFAULT_BREATHS_PER_MINUTE)],
        now=utc_now,
        patterns_dir=user_paths.user_routines_dir,
        backups_dir=user_paths.backups_dir,
    )
    if _suggestions_shown(use_cases):  # on the first frame's home page: it needs the question's answers
        use_cases.first_run.question = _load_welcome(catalog, problems)
    runner = SessionRunner(SilentPlayer(), use_cases.sessions, MonotonicClock(), frame_rate=frame_rate)
    return MainWindow(use_cases, runner, problems, backups=backups)


def _suggestions_shown(use_cases: UseCases) -> bool:
    """Whether the home page shows the routines suggested for an answer kept from an earlier start."""
    return bool(use_cases.preferences.current.reason)


def _load_welcome(catalog: Catalog, problems: list[str]) -> WelcomeQuestion | None:
    """The first start's question; without it the app starts as it did before it had one."""
    routine_ids = {routine.id for routine in catalog.routines}
    try:
        return load_welcome(paths.content_dir() / "welcome.toml", routine_ids)
    except DataFileError as error:
        log.error("welcome question unusable: %s", error)
        problems.append(f"The question of what brings you here is switched off: {error}")
        return None


def _settle(catalogs: CatalogCache) -> None:
    """Tidying that waits for the first frame: keep the routines as read (writing costs more than reading),
    and let go of the module sources PySide6 read while the app loaded (its import hook reads each module's
    source through linecache, which keeps every line: some 3.5 MB that a traceback would read afresh)."""
    catalogs.save()
    linecache.clearcache()


def _give_back_freed_memory() -> None:
    """Hand the heap pages freed while starting (module sources, parsed files, scratch) back to the system,
    once the work after the first frame is done: glibc keeps them otherwise, some 0.7 MB of what the app
    holds from then on. Other C libraries return memory their own way, or have no call for it."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # noqa: PLC0415 - only here, after the first frame

    try:
        trim = ctypes.CDLL(None).malloc_trim  # glibc's; musl has none
    except (OSError, AttributeError):
        return
    trim(0)


def _load_guidance_into(window: MainWindow, catalog: Catalog) -> None:
    # After the first frame: parsing the tips, the safety check, the spoken prompts and the first start's
    # question (and loading the TOML reader, when the routines came from their cache) costs start-up time the
    # home page need not wait for; a session, the tips, the warning signs and the question (asked after the
    # notice) are only reachable once the window is up.
    from relaxapp.core.safety import load_checklist  # noqa: PLC0415 - see above
    from relaxapp.core.tips import load_tips  # noqa: PLC0415

    problems: list[str] = []
    window.use_cases.sessions.prompts = _load_prompts(problems)
    if not _suggestions_shown(window.use_cases):  # else read for the first frame
        window.use_cases.first_run.question = _load_welcome(catalog, problems)  # asked after the notice
    routine_ids = {routine.id for routine in catalog.routines}
    tips = _load_guidance(lambda: load_tips(paths.content_dir() / "tips.toml", routine_ids), problems)
    checklist = _load_guidance(lambda: load_checklist(paths.content_dir() / "safety.toml"), problems)
    window.use_guidance(tips, checklist)
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
    preferences = window.use_cases.preferences
    scheduler.set_plan(preferences.current.reminders)
    follow(
        window.use_cases.events.preferences_changed,
        scheduler,
        lambda chosen: scheduler.set_plan(chosen.reminders),
    )
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
    window.sound.use_player(player, notice)


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
    window.sessions.start_routine(routine, _command_line_length(args, routine))


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


def _only_instance(args: argparse.Namespace, user_paths: paths.UserPaths) -> SingleInstance | int:
    """This launch as the one relaxapp of its data folder, or the exit code once it handed over to the one
    running (or found it silent)."""
    instance = SingleInstance(user_paths.data_dir)
    if instance.claim():
        return instance
    if args.self_test:  # handing over would test nothing
        print(f"relaxapp self-test FAILED: another relaxapp is using {user_paths.data_dir}", file=sys.stderr)
        return 1
    outcome = instance.hand_over()
    if outcome is HandOver.CLAIMED:  # the other one ended while this one waited for it
        return instance
    if outcome is HandOver.SHOWN:
        print("relaxapp is already running: its window has been brought forward.")
        return 0
    # The lock is live (QLockFile takes over one left by a process that has ended): never suggest deleting it.
    holder = f" (process {instance.holder})" if instance.holder else ""
    print(
        f"relaxapp: another relaxapp{holder} is using {user_paths.data_dir} and did not answer; it may "
        "still be starting, or be busy. Try again in a moment, or close it first.",
        file=sys.stderr,
    )
    return 1


def _data_folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot be relaxapp's data folder, in plain words; None when it is one (made if
    need be)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return (
            f"the data folder {folder} is a file, not a folder. Move that file away, or choose another "
            "folder with --data-dir."
        )
    except OSError as error:
        in_the_way = next((parent for parent in folder.parents if parent.is_file()), None)
        if in_the_way is not None:
            return (
                f"the data folder {folder} cannot be made: {in_the_way} is a file, not a folder. Choose "
                "another folder with --data-dir."
            )
        return (
            f"the data folder {folder} cannot be made ({error.strerror or error}). Choose another folder "
            "with --data-dir."
        )
    return None


def _rescue_unsaved(window: MainWindow, user_paths: paths.UserPaths) -> None:
    """A signal ended the app while entries still waited to be written: keep them in a file that Import JSON
    brings back, since nobody was there to be asked."""
    unsaved = window.use_cases.unsaved
    if not unsaved.count:
        return
    from relaxapp.storage.exchange import ExchangeError  # noqa: PLC0415 - rarely needed, and not to start

    try:
        rescued = unsaved.rescue(user_paths.data_dir, utc_now())
    except ExchangeError as error:
        log.error("%d unsaved entries are lost: %s", unsaved.count, error)
        print(
            f"relaxapp: {unsaved.count} entries could not be saved, nor kept in a file: {error}",
            file=sys.stderr,
        )
        return
    if rescued is not None:
        log.warning("unsaved entries kept in %s", rescued)
        print(
            f"relaxapp: entries that could not be saved in the history are kept in {rescued}; bring them "
            "back with History, Export and restore, Import JSON, once the history can be written.",
            file=sys.stderr,
        )


def _command_line_length(args: argparse.Namespace, routine: Routine) -> SessionLength:
    if args.minutes is not None:
        return Minutes(args.minutes)
    if args.cycles is not None:
        return Cycles(args.cycles)
    return routine.default_length


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


def _benchmark_report(args: argparse.Namespace) -> bool:
    """The benchmarks' hooks: print the first frame's figures if asked to; True when the app should quit."""
    if args.exit_after_first_frame or args.report_first_frame:
        _report_first_frame()
    return bool(args.exit_after_first_frame)


def _report_first_frame() -> None:
    import json  # noqa: PLC0415 - benchmarks only
    import resource  # noqa: PLC0415
    import time  # noqa: PLC0415

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"first_frame_wall": time.time(), "rss_mb": rss_mb}), flush=True)
