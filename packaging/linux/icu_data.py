"""Linux bundle: shrink the ICU data library that PySide6's Qt carries (libicudata.so.NN, ~31 MB) to ~5 MB.

Qt links ICU for collation (QCollator, the file dialog's sort order), legacy text encodings (QStringDecoder
for anything but UTF and Latin-1) and localised time-zone names. relaxapp is written in English, reads and
writes UTF-8 only and names no time zone, so it keeps ICU's core tables, the root and English locale data
of every tree (the root collation sorts every language by the Unicode default order) and the time-zone
rules, and drops the table-driven encodings (*.cnv), the break iterators (Qt breaks lines and words with
its own tables) and every other language's locale data. The result is the same package format, rebuilt
with ICU's own `icupkg` and linked as a library of the same soname that exports the same symbol.

Needs icupkg (Debian: icu-devtools) and binutils (as, ld, nm, readelf). spec calls `smaller_copy`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

TOOLS = ("icupkg", "as", "ld", "nm", "readelf")
_LOCALE = re.compile(r"^(?:[a-z]+/)?[a-z]{2,3}(?:_[A-Za-z0-9]*)*\.res$")  # af.res, coll/de__PHONEBOOK.res
_KEPT_LOCALE = re.compile(r"^(?:[a-z]+/)?(?:en(?:_US|_GB|_001)?|res_index)\.res$")
_INDEX = re.compile(r"^(?:[a-z]+/)?res_index\.res$")  # each tree's list of locales; ICU opens it first
_ASSEMBLY = """\
\t.section .rodata
\t.globl {symbol}
\t.type {symbol}, @object
\t.balign 16
{symbol}:
\t.incbin "{data}"
\t.size {symbol}, . - {symbol}
\t.section .note.GNU-stack,"",@progbits
"""


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def unwanted(items: list[str]) -> list[str]:
    """The package items relaxapp does without (see the module's docstring)."""
    return [
        item
        for item in items
        if item.endswith(".cnv")
        or (item.startswith("brkitr/") and not _INDEX.match(item))
        or (_LOCALE.match(item) and not _KEPT_LOCALE.match(item))
    ]


def _run(*command: str | Path, cwd: Path) -> str:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def _common_data(library: Path, symbol: str, work: Path) -> bytes:
    """The ICU package (an .dat file's bytes) that `library` exports as `symbol`."""
    address = size = None
    for line in _run("nm", "-D", "-S", "--defined-only", library, cwd=work).splitlines():
        fields = line.split()
        if fields[-1] == symbol:
            address, size = int(fields[0], 16), int(fields[1], 16)
    if address is None or size is None:
        raise RuntimeError(f"{library} does not export {symbol}")
    for line in _run("readelf", "-SW", library, cwd=work).splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            with library.open("rb") as file:
                file.seek(address - section_address + section_offset)
                return file.read(size)
    raise RuntimeError(f"{library} has no .rodata section")


def smaller_copy(library: Path, work: Path) -> Path:
    """A copy of libicudata.so.NN with only the data relaxapp uses, built in `work`; returns its path."""
    version = re.fullmatch(r"libicudata\.so\.(\d+)", library.name)
    if version is None:
        raise ValueError(f"not an ICU data library: {library}")
    symbol, package = f"icudt{version[1]}_dat", f"icudt{version[1]}l"  # l: little-endian
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    full, small = work / "full" / f"{package}.dat", work / f"{package}.dat"
    full.parent.mkdir()
    full.write_bytes(_common_data(library, symbol, work))
    items = _run("icupkg", "--list", full, cwd=work).split()
    (work / "unwanted.txt").write_text("\n".join(unwanted(items)) + "\n")
    _run("icupkg", "--remove", "unwanted.txt", full, small, cwd=work)  # the name inside must stay icudtNNl
    (work / "data.s").write_text(_ASSEMBLY.format(symbol=symbol, data=small.name))
    _run("as", "-o", "data.o", "data.s", cwd=work)
    _run("ld", "-shared", "--strip-all", "-soname", library.name, "-o", library.name, "data.o", cwd=work)
    return work / library.name
