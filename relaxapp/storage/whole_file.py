"""Writing a file whole or not at all: to a temporary file in the same folder, then moved over the old
one in one step, so that a crash or a full disk never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

# Never a name any reader looks for (not .toml, not .ini): a temporary file left by a crash is ignored.
TEMP_SUFFIX = ".partial"


def write_whole(path: Path, content: bytes) -> None:
    """Replace `path` with `content`; raises OSError when the disk refuses (the old file is then intact)."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the move
        dir=path.parent, prefix=f".{path.stem}-", suffix=TEMP_SUFFIX, delete=False
    )
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())  # on the disk before the move, or a power cut could leave it empty
        os.replace(temporary, path)  # atomic on POSIX and Windows: the old file or the new, never half
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the move itself survive a power cut (POSIX); Windows cannot open a folder this way."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # the file is saved already; this only makes it last
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
