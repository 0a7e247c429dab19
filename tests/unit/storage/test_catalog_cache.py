from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from relaxapp.core import catalog as catalog_module
from relaxapp.core.catalog import Catalog
from relaxapp.storage import catalog_cache
from relaxapp.storage.catalog_cache import CatalogCache
from tests.helpers.routines import CALM

LATER = 60 * 1_000_000_000  # the files' times are a minute old by this clock: settled


class Reads:
    """Counts the catalogs read from the routine files, as the cache's own load_catalog."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        monkeypatch.setattr(catalog_cache, "load_catalog", self._load)

    def _load(self, *args: object, **kwargs: object) -> Catalog:
        self.count += 1
        return catalog_module.load_catalog(*args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    return Reads(monkeypatch)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    routines = tmp_path / "routines"
    routines.mkdir()
    (routines / "calm.toml").write_text(CALM)
    (routines / "slow.toml").write_text(CALM.replace('title = "Calm"', 'title = "Slow"'))
    return routines


def settled_cache(tmp_path: Path) -> CatalogCache:
    return CatalogCache(tmp_path / "cache" / "routines.pickle", now_ns=lambda: time.time_ns() + LATER)


def titles(catalog: Catalog) -> list[str]:
    return [routine.title for routine in catalog.routines]


def load_and_save(cache: CatalogCache, folder: Path) -> Catalog:
    catalog = cache.load([folder], known_images=set())
    cache.save()
    return catalog


def test_unchanged_files_come_from_the_cache_as_they_were_read(tmp_path: Path, folder: Path, reads: Reads):
    first = load_and_save(settled_cache(tmp_path), folder)
    again = settled_cache(tmp_path).load([folder], known_images=set())
    assert reads.count == 1
    assert again == first and titles(again) == ["Calm", "Slow"]


def test_an_edited_file_is_read_again(tmp_path: Path, folder: Path, reads: Reads):
    load_and_save(settled_cache(tmp_path), folder)
    (folder / "slow.toml").write_text(CALM.replace('title = "Calm"', 'title = "Slower"'))
    assert titles(settled_cache(tmp_path).load([folder], known_images=set())) == ["Calm", "Slower"]
    assert reads.count == 2


def test_an_edit_that_keeps_size_and_time_is_still_seen(tmp_path: Path, folder: Path, reads: Reads):
    path = folder / "slow.toml"
    before = path.stat()
    load_and_save(settled_cache(tmp_path), folder)
    path.write_text(CALM.replace('title = "Calm"', 'title = "Fast"'))  # as long as "Slow"
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves on
    assert titles(settled_cache(tmp_path).load([folder], known_images=set())) == ["Calm", "Fast"]


def test_a_file_added_or_removed_is_seen(tmp_path: Path, folder: Path, reads: Reads):
    load_and_save(settled_cache(tmp_path), folder)
    (folder / "after.toml").write_text(CALM.replace('title = "Calm"', 'title = "After"'))
    assert titles(load_and_save(settled_cache(tmp_path), folder)) == ["After", "Calm", "Slow"]
    (folder / "calm.toml").unlink()
    assert titles(settled_cache(tmp_path).load([folder], known_images=set())) == ["After", "Slow"]
    assert reads.count == 3


def test_a_folder_made_later_is_read(tmp_path: Path, folder: Path, reads: Reads):
    missing = tmp_path / "mine"
    load_and_save(settled_cache(tmp_path), missing)
    missing.mkdir()
    (missing / "mine.toml").write_text(CALM)
    assert titles(settled_cache(tmp_path).load([missing], known_images=set())) == ["Calm"]


def test_other_illustrations_mean_another_catalog(tmp_path: Path, folder: Path, reads: Reads):
    load_and_save(settled_cache(tmp_path), folder)
    settled_cache(tmp_path).load([folder], known_images={"pmr/right-hand"})
    assert reads.count == 2


def test_files_changed_a_moment_ago_are_not_kept(tmp_path: Path, folder: Path, reads: Reads):
    # Within the same tick of a coarse clock (FAT keeps two seconds) a further edit could go unseen.
    just_now = CatalogCache(tmp_path / "cache" / "routines.pickle", now_ns=time.time_ns)
    load_and_save(just_now, folder)
    assert not just_now.file.exists()
    load_and_save(settled_cache(tmp_path), folder)
    assert just_now.file.exists()


def test_a_damaged_cache_is_logged_read_around_and_replaced(
    tmp_path: Path, folder: Path, reads: Reads, caplog: pytest.LogCaptureFixture
):
    cache = settled_cache(tmp_path)
    load_and_save(cache, folder)
    cache.file.write_bytes(cache.file.read_bytes()[:100])
    with caplog.at_level(logging.WARNING):
        assert titles(load_and_save(settled_cache(tmp_path), folder)) == ["Calm", "Slow"]
    assert f"routine cache {cache.file} damaged" in caplog.text
    assert titles(settled_cache(tmp_path).load([folder], known_images=set())) == ["Calm", "Slow"]
    assert reads.count == 2  # the damaged one replaced by a good one


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, folder: Path, reads: Reads, caplog: pytest.LogCaptureFixture
):
    (tmp_path / "cache").write_text("a file where the cache folder belongs")
    with caplog.at_level(logging.WARNING):
        assert titles(load_and_save(settled_cache(tmp_path), folder)) == ["Calm", "Slow"]
    assert "not written" in caplog.text


def test_problems_in_files_are_kept_with_the_routines(tmp_path: Path, folder: Path, reads: Reads):
    (folder / "broken.toml").write_text(CALM.replace("seconds = 4", "seconds = -4"))
    first = load_and_save(settled_cache(tmp_path), folder)
    again = settled_cache(tmp_path).load([folder], known_images=set())
    assert reads.count == 1
    assert [str(error) for error in again.errors] == [str(error) for error in first.errors] != []
