"""The routines as last read, kept so that a start with unchanged routine files need not read and check
them again (about 15 ms of the first frame with the shipped routines).

A kept catalog is used only when everything it was made from is as it was: each routine folder (its
inode, times), each routine file read from it (path, inode, modification and change times, size), the
illustrations a step may name, and the code that reads them (relaxapp's version and, in a checkout, the
files of relaxapp/core). A file changed in the last two seconds may change again within the same tick of
the clock, so nothing is kept then; a damaged or unreadable cache is logged and read around.

The cache is a pickle in the person's own cache folder: whoever can write there can already run code as
that person, so reading it gives nobody a power they did not have.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from relaxapp import __version__
from relaxapp.core import catalog as catalog_module
from relaxapp.core.catalog import Catalog, load_catalog, routine_files
from relaxapp.storage.whole_file import write_whole

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
SETTLE_NS = 2_000_000_000  # a file changed this recently (2 s) may change again without a new mtime

# What a kept catalog was made from; equal keys mean an equal catalog. Plain tuples, compared with ==.
Stamp = tuple[object, ...]


class CatalogCache:
    """Loads the catalog from the cache file when it is current, else from the routine files; `save`
    keeps what was read (called after the first frame: writing costs more than reading)."""

    def __init__(self, file: Path, now_ns: Callable[[], int] = time.time_ns) -> None:
        self.file = file
        self._now_ns = now_ns
        self._unsaved: tuple[Stamp, Catalog] | None = None

    def load(self, folders: Sequence[Path], known_images: Collection[str] | None = None) -> Catalog:
        stamps = _Stamps()
        key = stamps.key(folders, known_images)
        if key is not None:
            kept = self._read(key)
            if kept is not None:
                return kept
        catalog = load_catalog(folders, known_images)
        settled = stamps.newest_ns < self._now_ns() - SETTLE_NS
        self._unsaved = (key, catalog) if key is not None and settled else None
        return catalog

    def save(self) -> None:
        """Keep the catalog the last load read from the files, if it read them and they had settled."""
        if self._unsaved is None:
            return
        key, catalog = self._unsaved
        self._unsaved = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self.file, pickle.dumps((key, catalog), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as error:
            log.warning(
                "routine cache %s not written (%s): routines are read at each start", self.file, error
            )

    def _read(self, key: Stamp) -> Catalog | None:
        try:
            content = self.file.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning("routine cache %s unreadable (%s): reading the routine files", self.file, error)
            return None
        try:
            kept_key, kept = pickle.loads(content)  # the person's own file (see above)
        except Exception as error:  # a damaged pickle can raise almost anything
            log.warning("routine cache %s damaged (%s): reading the routine files", self.file, error)
            return None
        if kept_key != key or not isinstance(kept, Catalog):
            return None  # made from other files or other code: read afresh (and keep the new one)
        return kept


class _Stamps:
    """Builds a cache key, noting the newest modification or change time it saw."""

    def __init__(self) -> None:
        self.newest_ns = 0

    def key(self, folders: Sequence[Path], known_images: Collection[str] | None) -> Stamp | None:
        """What a catalog is made from; None when some of it cannot be looked at (nothing is kept then)."""
        try:
            return (
                CACHE_FORMAT,
                __version__,
                sys.hexversion,
                self._code(),
                None if known_images is None else tuple(sorted(known_images)),
                tuple(self._folder(folder) for folder in folders),
            )
        except OSError as error:
            log.info("routine files read without the cache: %s", error)
            return None

    def _folder(self, folder: Path) -> Stamp:
        try:
            info = os.stat(folder)
        except (FileNotFoundError, NotADirectoryError):
            return (str(folder), None)
        # The folder's own times change as a file is added, removed or renamed; a file's as it is written.
        files = tuple(
            (entry.name, *self._file(os.stat(entry)))
            for entry in routine_files(folder)
            if isinstance(entry, Path)
        )
        return (str(folder), *self._file(info), files)

    def _code(self) -> Stamp:
        """The files of the code that reads routines, where it is in files (a checkout, an installed
        wheel); a bundle's code changes only with its version."""
        code = Path(catalog_module.__file__).parent
        return tuple((path.name, *self._file(path.stat())) for path in sorted(code.glob("*.py")))

    def _file(self, info: os.stat_result) -> tuple[int, int, int, int]:
        self.newest_ns = max(self.newest_ns, info.st_mtime_ns, info.st_ctime_ns)
        return (info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)
