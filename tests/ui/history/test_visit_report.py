"""The visit report as a person gets it: the PDF's words and pages (read back with poppler), the dialog on
the history page, the warning-signs answer carried into it, and `relaxapp --report` from a terminal."""

from __future__ import annotations

import errno
import html
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPageSize

from relaxapp import app, report_command
from relaxapp.core.journal import (
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    SafetyCheck,
    Side,
    Treatment,
    TreatmentKind,
)
from relaxapp.core.record import Ratings
from relaxapp.core.routine import RoutineKind
from relaxapp.core.safety import Checklist, VisitNotes
from relaxapp.core.stats import DayFacts
from relaxapp.core.urgency import Urgency
from relaxapp.core.visit_report import build_visit_report
from relaxapp.logic.visit_reports import VisitReports
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.report.document import page_size_for, save_report
from tests.helpers.fit import cut_off
from tests.ui.history.conftest import TODAY, FakeFiles, MakePage, episode, session

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) reads the PDFs back: apt-get install poppler-utils",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages_of(path: Path, tmp_path: Path) -> list[Path]:
    """The PDF rendered page by page, as a viewer shows it."""
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))


def history(store: HistoryStore) -> HistoryStore:
    """Three weeks up to TODAY: twitches on six days, two breathing sessions, three check-ins."""
    store.merge(
        [
            session(TODAY - timedelta(days=2), ratings=Ratings(7, 5, 3, 4)),
            session(TODAY - timedelta(days=9), ratings=Ratings(6, 6, 4, 4)),
            session(TODAY - timedelta(days=40), kind=RoutineKind.MASSAGE, title="Massage"),  # before
        ],
        [episode(TODAY - timedelta(days=n), intensity=n % 7 + 1) for n in (0, 1, 3, 8, 12, 19)],
        [CheckIn(TODAY - timedelta(days=n), sleep_hours=6.0 + n, stress=3) for n in (1, 2, 3)],
    )
    return store


def test_the_pdf_says_the_period_the_counts_and_leaves_room_for_questions(
    qapp, store: HistoryStore, tmp_path: Path
):
    reports = VisitReports(history(store), lambda: TODAY)
    report = reports.build(TODAY - timedelta(days=20), TODAY)
    pdf = tmp_path / "report.pdf"
    save_report(report, TODAY, pdf, page_size=page_size_for(QLocale("en_GB")))
    text = " ".join(pdf_text(pdf).split())
    assert "Covers 26 February to 18 March 2026 (21 days)" in text
    assert "6 twitches logged, 2.0 a week on average." in text  # 6 in 21 days
    assert "Where: eyelid 6." in text and "Side: left 6." in text
    # Thursday to Wednesday: the chart's first and last weeks are cut, and the note under it says so.
    assert (
        "bar counts 4 of its 7 days (the week of 23 February) and the last bar counts 3 of its 7 days "
        "(the week of 16 March): the period cuts those weeks" in text  # 'first' is printed with a ligature
    )
    assert "Strength (1 barely, 10 worst): typically 3, at most 6." in text  # 1, 2, 4, 6, 2, 6 → median 3
    assert "Daily check-ins on 3 of the 21 days" in text and "sleep 8.0 hours" in text
    assert "2 sessions on 2 days, 10 minutes in all" in text
    # Tension 7 → 3 and 6 → 4, twitching 5 → 4 and 6 → 4.
    assert "Breathing -3.0 (2 sessions) -1.5 (2 sessions)" in text
    assert "Questions for the doctor" in text
    pages = pages_of(pdf, tmp_path)
    assert 1 <= len(pages) <= 3
    assert all(page.stat().st_size > 1000 for page in pages)  # drawn, not blank


WORD = re.compile(r'<word xMin="[^"]*" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">([^<]*)</word>')


def words_by_page(path: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's words with their top and bottom, in points from the top of the sheet, as poppler reads
    them."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    return [
        [(float(top), float(bottom), html.unescape(word)) for top, bottom, word in WORD.findall(page)]
        for page in boxes.stdout.split("<page ")[1:]
    ]


@pytest.mark.parametrize("locale", ["en_GB", "en_US"])
def test_every_page_says_its_number_of_how_many_and_the_period_under_its_text(
    qapp, tmp_path: Path, locale: str
):
    first, last = date(2026, 1, 5), date(2026, 3, 29)
    days = [DayFacts(first + timedelta(days=n), 0.0, 0, None) for n in range((last - first).days + 1)]
    treatments = [
        Treatment(day, TreatmentKind.INJECTION, "Botox", Side.LEFT, (Place.EYELID,), "12.5 units")
        for day in days_every(first, last, 1)[:70]
    ]
    report = build_visit_report(first, last, days, [], [], treatments=treatments)
    pdf = tmp_path / "long.pdf"
    save_report(report, last, pdf, page_size=page_size_for(QLocale(locale)))
    pages = words_by_page(pdf)
    assert len(pages) == len(pages_of(pdf, tmp_path)) >= 3
    for number, words in enumerate(pages, start=1):
        foot_top = max(top for top, _, _ in words)
        foot = " ".join(word for top, _, word in words if top == foot_top)
        assert foot == (
            f"Visit report from relaxapp, 5 January to 29 March 2026 (84 days) Page {number} of {len(pages)}"
        )
        text_bottom = max(bottom for top, bottom, _ in words if top != foot_top)
        assert text_bottom < foot_top - 12  # clear of the page's last line, with room for the rule between


def test_letter_paper_where_the_locale_prints_on_it(qapp):
    assert page_size_for(QLocale("en_US")).id() == QPageSize.PageSizeId.Letter
    assert page_size_for(QLocale("de_DE")).id() == QPageSize.PageSizeId.A4


def test_an_empty_period_is_one_clear_page(qapp, store: HistoryStore, tmp_path: Path):
    report = VisitReports(store, lambda: TODAY).build(TODAY - timedelta(days=30), TODAY)
    pdf = tmp_path / "empty.pdf"
    save_report(report, TODAY, pdf, page_size=page_size_for(QLocale("en_GB")))
    text = " ".join(pdf_text(pdf).split())
    assert "Nothing was logged from 16 February 2026 to 18 March 2026" in text
    assert "Questions for the doctor" in text
    assert len(pages_of(pdf, tmp_path)) == 1


def test_a_report_that_fails_midway_leaves_the_one_before_intact(
    qapp, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    report = VisitReports(store, lambda: TODAY).build(TODAY - timedelta(days=30), TODAY)
    (tmp_path / "reports").mkdir()
    pdf = tmp_path / "reports" / "report.pdf"
    save_report(report, TODAY, pdf)
    before = pdf.read_bytes()

    def disk_full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match=f"cannot write {re.escape(str(pdf))}: No space left on device"):
        save_report(report, TODAY, pdf)
    monkeypatch.undo()

    def broken(_layout: QAbstractTextDocumentLayout, _painter: object, _context: object) -> None:
        raise RuntimeError("the printer broke")

    monkeypatch.setattr(QAbstractTextDocumentLayout, "draw", broken)
    with pytest.raises(RuntimeError):
        save_report(report, TODAY, pdf)
    assert pdf.read_bytes() == before  # not emptied, not half written
    assert [path.name for path in pdf.parent.iterdir()] == ["report.pdf"]  # no temporary file left


def test_the_history_page_saves_a_report_and_offers_its_folder(
    qtbot, store: HistoryStore, make_page: MakePage, tmp_path: Path
):
    target = tmp_path / "visit"
    target.mkdir()
    files = FakeFiles(target / "for-dr-lee")  # no .pdf typed: it is added
    page = make_page(history(store), files)
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    dialog = page.report_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.first.date() == QDate(2025, 12, 18) and dialog.last.date() == QDate(2026, 3, 18)
    dialog.first.setDate(QDate(2026, 3, 1))
    opened: list[Path] = []
    dialog.show_folder = opened.append
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = target / "for-dr-lee.pdf"
    assert files.asked == ["Save the report for your visit"]
    assert dialog.saved == saved and saved.read_bytes().startswith(b"%PDF")
    assert dialog.status.text() == f"Saved the report for 1 March to 18 March 2026 (18 days) to {saved}."
    assert "Covers 1 March to 18 March 2026" in pdf_text(saved)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [target]


def test_a_report_that_cannot_be_written_says_so_in_the_dialog(
    qtbot, store: HistoryStore, make_page: MakePage, tmp_path: Path
):
    page = make_page(store, FakeFiles(tmp_path / "no such folder" / "report.pdf"))
    dialog = page.open_visit_report()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None
    assert dialog.status.text().startswith("The report was not saved:")
    assert not dialog.open_folder_button.isVisible()


def test_the_dialog_says_at_once_why_the_days_are_no_period_and_holds_save_back(
    qtbot, store: HistoryStore, make_page: MakePage, tmp_path: Path
):
    dialog = make_page(store, FakeFiles(tmp_path / "r.pdf")).open_visit_report()
    assert dialog.save_button.isEnabled() and not dialog.status.isVisible()
    dialog.resize(dialog.width(), dialog.layout().totalHeightForWidth(dialog.width()))  # no room to spare
    dialog.first.setDate(QDate(2030, 1, 1))  # To is left at today: From is what is named
    assert dialog.status.isVisible()
    assert dialog.status.text() == "From: 1 January 2030 is after today (18 March 2026)."
    assert not dialog.save_button.isEnabled()
    assert cut_off(dialog) == []  # the window grew by the status's lines: the words above are whole
    assert not dialog.save(tmp_path / "r.pdf") and not (tmp_path / "r.pdf").exists()
    dialog.first.setDate(QDate(2026, 3, 10))
    assert dialog.save_button.isEnabled() and not dialog.status.isVisible()
    dialog.last.setDate(QDate(2026, 3, 1))
    assert dialog.status.text() == "To: 1 March 2026 is before From (10 March 2026)."
    assert not dialog.save_button.isEnabled()
    dialog.last.setDate(QDate(2026, 3, 18))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved == tmp_path / "r.pdf"


def test_the_warning_signs_answer_comes_first_in_the_report(
    qtbot, store: HistoryStore, make_page: MakePage, tmp_path: Path
):
    notes = VisitNotes(
        "Warning signs checked on 18 March 2026: please book a visit to a doctor",
        ("The spasms have gone on for more than a few weeks.",),
        ("A neurologist",),
        ("How often they come and how long each one lasts",),
    )
    page = make_page(store, FakeFiles(tmp_path / "notes.pdf"))
    dialog = page.open_visit_report(notes)
    assert dialog.save(tmp_path / "notes.pdf")
    text = " ".join(pdf_text(tmp_path / "notes.pdf").split())
    for words in (notes.title, *notes.noticed, *notes.whom, *notes.to_write_down):
        assert words in text
    assert text.index(notes.title) < text.index("Nothing was logged") < text.index("Questions for the doctor")


# -- relaxapp --report, without a window ------------------------------------------------------------------


def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    history(HistoryStore.open(folder / "history.sqlite3")).close()
    return folder


def test_the_command_line_writes_the_report_and_exits_0(qapp, tmp_path: Path, capsys):
    pdf = tmp_path / "out.pdf"
    argv = [
        "--report",
        str(pdf),
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-18",
        "--data-dir",
        str(data_dir(tmp_path)),
    ]
    assert app.run(argv) == 0
    assert (
        capsys.readouterr().out
        == f"relaxapp: the report for 1 March to 18 March 2026 (18 days) is saved in {pdf}\n"
    )
    assert "5 twitches logged" in pdf_text(pdf)  # the one of 27 February is before the period


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2026-02-30"], "relaxapp: --from: '2026-02-30' is not a date written as YYYY-MM-DD"),
        (["--to", "yesterday"], "relaxapp: --to: 'yesterday' is not a date written as YYYY-MM-DD"),
        (
            ["--from", "2026-03-10", "--to", "2026-03-01"],
            "relaxapp: --to: 2026-03-01 is before --from (2026-03-10)",
        ),
        # --to on its own is checked on its own: no blame on a --from never typed.
        (["--to", "9999-12-31"], "relaxapp: --to: 9999-12-31 is not a date from 1970 to 2100"),
    ],
)
def test_a_bad_date_is_named_and_exits_2(qapp, tmp_path: Path, capsys, extra: list[str], message: str):
    assert app.run(["--report", str(tmp_path / "r.pdf"), *extra]) == 2
    assert capsys.readouterr().err == message + "\n"
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        # --to not typed: it is today, and the --from after it is what is named.
        (["--from", "2030-01-01"], "relaxapp: --from: 2030-01-01 is after today (2026-03-18)"),
        (
            ["--from", "2026-03-19", "--to", "2026-03-25"],
            "relaxapp: --from: 2026-03-19 is after today (2026-03-18)",
        ),
        (
            ["--from", "2026-03-01", "--to", "2026-03-19"],
            "relaxapp: --to: 2026-03-19 is after today (2026-03-18)",
        ),
        (["--to", "2026-04-01"], "relaxapp: --to: 2026-04-01 is after today (2026-03-18)"),
    ],
)
def test_a_day_after_today_is_named_as_typed_and_exits_2(
    qapp, tmp_path: Path, capsys, extra: list[str], message: str
):
    pdf = tmp_path / "r.pdf"
    args = app.parse_args(["--report", str(pdf), "--data-dir", str(data_dir(tmp_path)), *extra])
    assert report_command.make_report(args, today=TODAY) == 2
    assert capsys.readouterr().err == message + "\n"
    assert not pdf.exists()


@pytest.mark.parametrize(
    ("extra", "period"),
    [
        ([], "8 March to 18 March 2026 (11 days)"),  # since the last treatment, as the dialog
        (["--to", "2026-03-07"], "7 December 2025 to 7 March 2026 (91 days)"),  # none before it: 3 months
    ],
)
def test_without_from_the_command_line_starts_where_the_dialog_does(
    qapp, tmp_path: Path, capsys, extra: list[str], period: str
):
    folder = data_dir(tmp_path)
    store = HistoryStore.open(folder / "history.sqlite3")
    store.add_treatment(Treatment(TODAY - timedelta(days=10), TreatmentKind.INJECTION, "Botox"))
    store.close()
    pdf = tmp_path / "out.pdf"
    args = app.parse_args(["--report", str(pdf), "--data-dir", str(folder), *extra])
    assert report_command.make_report(args, today=TODAY) == 0
    assert capsys.readouterr().out == f"relaxapp: the report for {period} is saved in {pdf}\n"


def test_an_unwritable_place_or_unreadable_history_exits_2(qapp, tmp_path: Path, capsys):
    missing = tmp_path / "missing" / "r.pdf"
    assert app.run(["--report", str(missing), "--data-dir", str(data_dir(tmp_path))]) == 2
    assert capsys.readouterr().err == (
        f"relaxapp: --report: cannot write {missing}: the folder {missing.parent} does not exist\n"
    )
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "history.sqlite3").write_bytes(b"not a database at all" * 100)
    assert app.run(["--report", str(tmp_path / "r.pdf"), "--data-dir", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("relaxapp: the history cannot be read:") and err.count("\n") == 1


def test_the_command_line_needs_no_display(tmp_path: Path):
    # A fresh process with no screen and no platform chosen: the report is still drawn (offscreen).
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    pdf = tmp_path / "headless.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "relaxapp", "--report", str(pdf), "--data-dir", str(data_dir(tmp_path))],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert date.today().strftime("%Y") in pdf_text(pdf)


def test_treatments_and_warning_signs_answers_are_listed_with_their_dates(
    qapp, tmp_path: Path, checklist: Checklist
):
    first, last = date(2026, 2, 2), date(2026, 3, 29)
    days = [DayFacts(first + timedelta(days=n), 0.0, 0, None) for n in range((last - first).days + 1)]
    twitches = [
        (
            day,
            Episode(
                datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
                Side.LEFT,
                (Place.EYELID,),
                5,
                EpisodeDuration.SECONDS,
            ),
        )
        for day in days_every(first, last, 2)
    ]
    treatments = [
        Treatment(
            date(2026, 3, 10),
            TreatmentKind.INJECTION,
            "Botox",
            Side.LEFT,
            (Place.EYELID, Place.BROW),
            "12.5 units",
        ),
        Treatment(date(2026, 2, 20), TreatmentKind.MEDICINE_STOPPED, "Sertraline"),
    ]
    check = SafetyCheck(datetime(2026, 3, 12, 9, tzinfo=UTC), Urgency.SOON, ("persistent",))
    report = build_visit_report(
        first, last, days, twitches, [], treatments=treatments, safety_checks=[(date(2026, 3, 12), check)]
    )
    pdf = tmp_path / "treated.pdf"
    save_report(report, last, pdf, checklist=checklist, page_size=page_size_for(QLocale("en_GB")))
    text = " ".join(pdf_text(pdf).split())
    assert "20 February 2026 Medicine stopped: Sertraline" in text
    assert "10 March 2026 Injection: Botox, eyelid and brow, left side 12.5 units" in text
    assert "12 March 2026: Please book a visit to a doctor. Ticked: The spasms have gone on" in text
    assert 1 <= len(pages_of(pdf, tmp_path)) <= 3


def days_every(first: date, last: date, step: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(0, (last - first).days + 1, step)]


def test_the_report_words_answers_with_the_checklist_the_window_has(
    qtbot, window: MainWindow, store: HistoryStore, checklist: Checklist, tmp_path: Path
):
    today = window.use_cases.journal.today()
    moment = datetime(today.year, today.month, today.day, 9).astimezone()
    store.save_safety_check(SafetyCheck(moment, Urgency.SOON, ("persistent", "eyelid_closes")))
    # Not the file's words: the report must use the list the window was handed, not read the file again.
    reworded = replace(
        checklist,
        questions=tuple(
            replace(question, text="Twitching for weeks") if question.id == "persistent" else question
            for question in checklist.questions
        ),
    )
    window.use_guidance(None, reworded)
    pdf = tmp_path / "answers.pdf"
    assert window.history.open_visit_report().save(pdf)
    assert "Please book a visit to a doctor. Ticked: Twitching for weeks." in " ".join(pdf_text(pdf).split())
    # The list could not be read: the answer still says what it asked for, and the signs by their ids.
    window.use_guidance(None, None)
    assert window.history.open_visit_report().save(pdf)
    assert (
        "Book a visit to a doctor. Signs ticked (by their short names): persistent, eyelid closes."
        in " ".join(pdf_text(pdf).split())
    )
