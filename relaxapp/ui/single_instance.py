"""One relaxapp per data folder: a second launch brings the first one's window forward and leaves.

The common case (no other instance) costs one lock file: QtNetwork is loaded only to hand over to a
running instance, or after the first frame to listen for later launches. A launch at the same moment as
another finds the lock taken before the other listens: it waits for it to listen (or to end) rather than
calling a relaxapp that is only starting silent.
"""

from __future__ import annotations

import logging
import os
import time
import zlib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QThread

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

SHOW_WINDOW = b"show\n"
HAND_OVER_TIMEOUT_MS = 1500
# How long a second launch waits for the first to listen: its first frame on a slow machine, and more.
WAIT_FOR_FIRST_MS = 20_000
RETRY_MS = 100


class HandOver(Enum):
    """How a second launch fared with the relaxapp that holds the lock."""

    SHOWN = "shown"  # it answered and brings its window forward
    CLAIMED = "claimed"  # it ended meanwhile: this launch holds the lock now and goes on
    SILENT = "silent"  # it holds the lock but did not answer in time


class SingleInstance(QObject):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(data_dir / "relaxapp.lock"))
        self._lock.setStaleLockTime(0)  # a lock left by a crash is detected by its dead process id, not age
        self._data_dir = data_dir
        self._server: QLocalServer | None = None

    @property
    def server_name(self) -> str:
        """A short, stable name per user and folder: local socket paths are limited to ~100 bytes.

        Two checksums, not a cryptographic hash: the name is no secret (anyone can work it out from the
        folder), and hashlib would load OpenSSL, some 3.5 MB kept for as long as the app runs.
        """
        user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
        key = f"{user}:{self._data_dir.resolve()}".encode()
        return f"relaxapp-{zlib.crc32(key):08x}{zlib.adler32(key):08x}"

    def claim(self) -> bool:
        """True when this is the only relaxapp using the data folder.

        A lock that cannot even be written (a read-only folder) says nothing about other copies: this one
        goes on, and the history explains what it can and cannot keep there.
        """
        if self._lock.tryLock(100):
            return True
        if self._lock.error() is QLockFile.LockError.LockFailedError:
            return False
        log.warning("no lock could be made in the data folder (%s); going on without one", self._lock.error())
        return True

    @property
    def holder(self) -> int | None:
        """The process id of the relaxapp that holds the lock, when the lock file says."""
        pid, _host, _app = self._lock.getLockInfo()  # PySide gives 0 for a lock file it cannot read
        return int(pid) if pid > 0 else None

    def hand_over(self, wait_ms: int = WAIT_FOR_FIRST_MS) -> HandOver:
        """Ask the relaxapp holding the lock to show its window, waiting up to `wait_ms` for it to listen:
        one started at the same moment listens only once its window is up. If it ends meanwhile, this
        launch takes the lock (CLAIMED) and goes on as the only one."""
        from PySide6.QtNetwork import QLocalSocket  # noqa: PLC0415 - see the module docstring

        deadline = time.monotonic() + wait_ms / 1000
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.server_name)
            if socket.waitForConnected(HAND_OVER_TIMEOUT_MS):
                socket.write(SHOW_WINDOW)
                sent = socket.waitForBytesWritten(HAND_OVER_TIMEOUT_MS)
                socket.disconnectFromServer()
                if sent:
                    return HandOver.SHOWN
            if self._lock.tryLock(0):
                log.info("the relaxapp that held the lock has ended: this one goes on")
                return HandOver.CLAIMED
            if time.monotonic() >= deadline:
                log.warning("relaxapp %s holds the lock but did not answer in %d ms", self.holder, wait_ms)
                return HandOver.SILENT
            QThread.msleep(RETRY_MS)  # no event loop runs yet in this launch: a plain wait will do

    def listen(self, show_window: Callable[[], None]) -> None:
        """From now on, a second launch calls `show_window` here."""
        from PySide6.QtNetwork import QLocalServer  # noqa: PLC0415 - see the module docstring

        server = QLocalServer(self)
        QLocalServer.removeServer(self.server_name)  # a socket file left by a crash would block listen()
        if not server.listen(self.server_name):
            log.warning("cannot listen for later launches: %s", server.errorString())
            return

        def on_connection() -> None:
            connection = server.nextPendingConnection()
            if connection is None:
                return
            connection.readyRead.connect(lambda: _read(connection, show_window))
            connection.disconnected.connect(connection.deleteLater)

        server.newConnection.connect(on_connection)
        self._server = server
        log.info("listening for later launches as %s", self.server_name)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()


def _read(connection: QLocalSocket, show_window: Callable[[], None]) -> None:
    message = bytes(connection.readAll().data())
    if message.startswith(SHOW_WINDOW.strip()):
        log.info("another launch asked for the window")
        show_window()
