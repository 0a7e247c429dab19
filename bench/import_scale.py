"""A 50 MB JSON import, as the History page runs it: read and checked on a thread of its own, then merged
through a connection of the history's own on that thread (HistoryFiles.read_import, merge_import_apart).

While it runs, the main thread ticks every 5 ms, as Qt's loop would: the longest gap between two ticks is how
long the window could not paint (the import holds Python's GIL now and then, in json.loads above all).

Prints the figures and, as its LAST line, JSON with mb, entries, read_s, merge_s, total_s, longest_stall_ms,
peak_rss_mb.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relaxapp.storage.exchange import read_import
from relaxapp.storage.history import HistoryStore

TARGET_BYTES = 50 * 2**20
TICK_S = 0.005


def write_export(path: Path) -> None:
    """An export as relaxapp writes it (one entry a line), sessions then episodes, up to TARGET_BYTES."""
    start = datetime(2016, 1, 1, tzinfo=UTC)
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"format": "relaxapp-history", "version": 2, "sessions": [')
        written, n = 0, 0
        while written < TARGET_BYTES * 0.7:
            entry = {
                "started_at": (start + timedelta(minutes=17 * n)).isoformat(timespec="milliseconds"),
                "routine_id": "box", "routine_kind": "breathing", "routine_title": "Box breathing",
                "planned_seconds": 300.0, "actual_seconds": 290.5, "completed": True,
                "tension_before": 7, "twitch_before": 4, "tension_after": 3, "twitch_after": "skipped",
            }  # fmt: skip
            line = ("\n  " if n == 0 else ",\n  ") + json.dumps(entry)
            out.write(line)
            written, n = written + len(line), n + 1
        out.write('\n], "episodes": [')
        m = 0
        while written < TARGET_BYTES - 100:
            entry = {
                "occurred_at": (start + timedelta(minutes=23 * m)).isoformat(timespec="milliseconds"),
                "side": "left", "place": "eyelid", "intensity": 5, "duration": "seconds",
                "note": "after coffee",
            }  # fmt: skip
            line = ("\n  " if m == 0 else ",\n  ") + json.dumps(entry)
            out.write(line)
            written, m = written + len(line), m + 1
        out.write('\n], "check_ins": []}\n')


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        export = folder / "export.json"
        write_export(export)
        mb = export.stat().st_size / 2**20
        store = HistoryStore.open(folder / "history.sqlite3")
        figures: dict[str, float] = {}

        def work() -> None:
            started = time.perf_counter()
            entries = read_import(export, lambda _done: None)
            read = time.perf_counter()
            store.merge_apart(entries.sessions, entries.episodes, entries.check_ins, lambda: False)
            figures.update(entries=entries.total, read_s=read - started, merge_s=time.perf_counter() - read)

        worker = threading.Thread(target=work)
        started = time.perf_counter()
        worker.start()
        longest, last = 0.0, time.perf_counter()
        while worker.is_alive():
            time.sleep(TICK_S)
            now = time.perf_counter()
            longest, last = max(longest, now - last - TICK_S), now
        total = time.perf_counter() - started
        store.close()
    result = {
        "mb": round(mb, 1),
        "entries": int(figures["entries"]),
        "read_s": round(figures["read_s"], 2),
        "merge_s": round(figures["merge_s"], 2),
        "total_s": round(total, 2),
        "longest_stall_ms": round(longest * 1000),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(
        f"{mb:.1f} MB, {result['entries']:,} entries: read and checked in {result['read_s']} s, merged in "
        f"{result['merge_s']} s; the main thread stalled {result['longest_stall_ms']} ms at most"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
