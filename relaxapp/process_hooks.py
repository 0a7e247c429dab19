"""What the app installs in its process while it runs: the log file, Qt's messages, the last-resort error
dialog, and Ctrl+C / SIGTERM / SIGHUP."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QSocketNotifier, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("relaxapp")

LOG_KEEP_BYTES = 1_000_000


@contextlib.contextmanager
def installed(log_file: Path) -> Iterator[None]:
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


def _log_handler(log_file: Path) -> logging.Handler:
    handler: logging.Handler
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        # One step of rotation at start-up keeps the log small; logging.handlers would cost start-up time
        # (it pulls in socket and pickle) for a log that grows by a few lines a session.
        if log_file.exists() and log_file.stat().st_size > LOG_KEEP_BYTES:
            log_file.replace(log_file.with_suffix(".log.1"))
        handler = _LogFile(log_file, encoding="utf-8")
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


class _LogFile(logging.FileHandler):
    """The log file, which says once, in one line on stderr, that it cannot be written (a full disk), rather
    than a traceback for every message and an exception on closing that would end the app with an error."""

    def __init__(self, path: Path, encoding: str) -> None:
        super().__init__(path, encoding=encoding)
        self._said = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self._say(sys.exc_info()[1])

    def close(self) -> None:
        try:
            super().close()  # flushes what is left: on a full disk, that fails once more
        except OSError as error:
            self._say(error)

    def _say(self, error: BaseException | None) -> None:
        if self._said:
            return
        self._said = True
        with contextlib.suppress(OSError, ValueError):  # stderr may be gone as well
            print(
                f"relaxapp: the log file {self.baseFilename} cannot be written ({error}); "
                "what follows is not logged",
                file=sys.stderr,
            )


class _OneLineFormatter(logging.Formatter):
    """The message alone, without traceback or stack."""

    def format(self, record: logging.LogRecord) -> str:
        # Not super().format(): it appends the traceback text another handler may have cached on the record.
        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        return self.formatMessage(record).rstrip()


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


def _report_unexpected_error(
    log_file: Path,
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    showing: list[QMessageBox] = []  # one box at a time: an error that repeats must not pile them up

    def show(error: BaseException) -> None:
        if showing or QApplication.instance() is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "relaxapp",
            f"Something went wrong: {error}\n\nrelaxapp carries on. The details are in {log_file}.",
        )
        box.finished.connect(lambda _result: showing.clear())
        showing.append(box)
        box.open()

    def report(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        import traceback  # noqa: PLC0415 - only when something has gone wrong

        log.critical("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
        # The box opens once Qt is back in its loop, never from here: this may run in the middle of
        # painting, where a dialog's own event loop can crash the app. A thread other than the window's
        # may not touch widgets at all: the log has it.
        if QApplication.instance() is not None and threading.current_thread() is threading.main_thread():
            QTimer.singleShot(0, lambda: show(error))

    return report


class SignalEnding:
    """What end_on_signals installed: `signalled` says whether a signal ended the app; restore() puts the
    previous handlers back."""

    def __init__(self, restore: Callable[[], None]) -> None:
        self.signalled: int | None = None
        self.restore = restore


def end_on_signals(app: QApplication, window: QWidget) -> SignalEnding:
    """Ctrl+C, SIGTERM and SIGHUP (the launching terminal closed) close the window as a click would, so a
    running session is kept; the app then ends whatever the window answers, for a signal is not a question
    (with entries it could not write, the window would ask whether to close: nobody is there to answer).

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
        log.info("signal %d (%s): closing", number, signal.Signals(number).name)
        ending.signalled = number
        window.close()  # stops a session, which saves it (or keeps it to be rescued)
        # exit(), not quit(): Qt 6's quit() asks every window to close first and gives up if one says no.
        app.exit(0)

    # SIGHUP: closing the terminal relaxapp was started from, or logging out; Windows has none.
    numbers = [signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {number: signal.signal(number, close_window) for number in numbers}

    def restore() -> None:
        signal.set_wakeup_fd(-1)
        notifier.setEnabled(False)
        for number, handler in previous.items():
            signal.signal(number, handler)
        if sys.platform != "win32":
            os.close(wake_read)
            os.close(wake_write)

    ending = SignalEnding(restore)
    return ending
