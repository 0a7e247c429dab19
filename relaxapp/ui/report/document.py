"""The visit report as a PDF: its words and tables laid out by QTextDocument, its charts drawn by QtCharts
into images in the document, and the whole printed page by page by QPdfWriter on A4 or Letter, as the locale
uses, each page with a foot that says the report's period and "Page 2 of 3".

Needs a QApplication (QtCharts draws through QGraphicsScene); no window is shown.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCharts import QChart
from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextDocument,
    QTransform,
)

from relaxapp.core import report_wording as words
from relaxapp.core.journal import Side
from relaxapp.core.safety import Checklist, VisitNotes
from relaxapp.core.visit_report import VisitReport
from relaxapp.core.wording import SIDE_NAMES
from relaxapp.storage.whole_file import write_whole
from relaxapp.ui.charts import Bars, Look, chart_image, draw_bars, mark_categories
from relaxapp.ui.theme import LIGHT

# Territories that print on US Letter (CLDR's paperSize data); everyone else uses A4.
LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.CostaRica,
        QLocale.Country.Guatemala,
        QLocale.Country.Panama,
        QLocale.Country.Philippines,
        QLocale.Country.PuertoRico,
        QLocale.Country.ElSalvador,
        QLocale.Country.Venezuela,
        QLocale.Country.Belize,
        QLocale.Country.Nicaragua,
    }
)
DOCUMENT_DPI = 96
PAGE_MARGINS_MM = (18, 16, 18, 10)  # left, top, right, bottom; the foot is inside, see FOOT_HEIGHT
FOOT_HEIGHT = 36.0  # pixels under each page's text for its foot: a rule, the period and the page's number
FOOT_RULE_GAP = 16.0  # pixels between the page's text and the rule, so that the two never seem to touch
FOOT_FONT_PT = 7.5
FOOT_COLOUR = "#4f6166"
FOOT_RULE_COLOUR = "#b9cdc9"
CHART_SIZE = QSize(640, 250)  # logical pixels: the text width of the page at the document's 96 dpi
BOX_LINES_LEAST = 6  # the questions box: never fewer lines than this on the page it starts
BOX_LINES_ON_OWN_PAGE = 24
PAGE_END_SLACK = 24.0  # pixels kept free under the box, so rounding never pushes its edge over
CHART_SCALE = 3.0  # image pixels per logical pixel: sharp on paper
FONT = "DejaVu Sans"  # shipped with every Linux desktop and with Qt's own fonts; a fallback is picked if not
STYLE = """
h1 { font-size: 16pt; font-weight: 600; color: #1f3036; margin-bottom: 2px; }
h2 { font-size: 12.5pt; font-weight: 600; color: #2f6f6c; margin-top: 14px; margin-bottom: 4px; }
p { margin-top: 2px; margin-bottom: 2px; }
.sub { color: #4f6166; }
.lead { font-weight: 600; margin-top: 6px; }
ul { margin-top: 0px; margin-bottom: 2px; }
.small { color: #4f6166; font-size: 8.5pt; }
th { text-align: left; color: #4f6166; font-weight: 600; }
"""
SIDE_COLOURS = (LIGHT.accent, LIGHT.hold, LIGHT.exhale)  # left, right, both: the light theme's


def page_size_for(locale: QLocale) -> QPageSize:
    """A4, or Letter where the locale's territory prints on it."""
    letter = locale.territory() in LETTER_TERRITORIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def page_layout(page_size: QPageSize) -> QPageLayout:
    margins = QMarginsF(*PAGE_MARGINS_MM)
    return QPageLayout(page_size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def report_document(
    report: VisitReport,
    made_on: date,
    page_size: QPageSize,
    notes: VisitNotes | None = None,
    checklist: Checklist | None = None,
) -> QTextDocument:
    """The report laid out on pages of `page_size`, charts included, ready to print."""
    document = QTextDocument()
    # At the screen's 96 dpi the document's pixels are the writer's (write_pdf): the layout made here for
    # the page is the one printed; a document without a page size would be laid out again, with margins
    # of its own.
    document.setDocumentMargin(0)
    printed = QSizeF(page_layout(page_size).paintRectPixels(DOCUMENT_DPI).size())
    document.setPageSize(QSizeF(printed.width(), printed.height() - FOOT_HEIGHT))
    document.setDefaultFont(QFont(FONT, 10))
    document.setDefaultStyleSheet(STYLE)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, words.REPORT_TITLE)
    parts = [
        f"<h1>{_e(words.REPORT_TITLE)}</h1>",
        _p(words.made_words(report, made_on), "sub"),
        _p(words.NOT_A_DIAGNOSIS, "small"),
    ]
    if notes is not None:
        parts += _visit_notes(notes)
    if report.empty:
        parts.append(_p(words.empty_words(report)))
    else:
        parts += [_h2("Twitches"), *(_p(line) for line in words.twitch_lines(report))]
        if report.twitches:
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl("chart:weeks"), _weeks_chart(report)
            )
            parts.append(f"<p><img src='chart:weeks' width='{CHART_SIZE.width()}'></p>")
            if note := words.cut_weeks_note(report):
                parts.append(_p(note, "small"))
        parts += [
            _h2("Daily check-ins and what they show"),
            *(_p(line) for line in words.check_in_lines(report)),
        ]
        parts.append(_h2("Treatments"))
        rows = words.treatment_rows(report)
        parts.append(_table(words.TREATMENT_HEADINGS, rows) if rows else _p(words.NO_TREATMENTS))
        parts += [_h2("Relaxation practice"), *(_p(line) for line in words.practice_lines(report))]
        rows = words.change_rows(report)
        if rows:
            parts.append(_table(words.CHANGE_HEADINGS, rows))
            parts.append(_p(words.CHANGE_NOTE, "small"))
        parts += [_h2("Warning-signs answers"), *(_p(line) for line in words.safety_lines(report, checklist))]
    _end_with_questions(document, "".join(parts))
    return document


def _end_with_questions(document: QTextDocument, body: str) -> None:
    """The box for questions fills what is left of the last page; where too little is left for a useful
    box, it starts a page of its own rather than being cut in two."""
    document.setHtml(body + _questions(BOX_LINES_LEAST))
    short = document.size().height()
    document.setHtml(body + _questions(BOX_LINES_LEAST + 1))
    line = document.size().height() - short  # what one more line adds to the box
    page = document.pageSize().height()
    heading = next(block for block in _blocks(document) if block.text() == words.QUESTIONS_TITLE)
    top = document.documentLayout().blockBoundingRect(heading).top()
    if top // page != (short - 1) // page:
        document.setHtml(body + _questions(BOX_LINES_ON_OWN_PAGE, new_page=True))
        return
    room = (top // page + 1) * page - short - PAGE_END_SLACK
    document.setHtml(body + _questions(BOX_LINES_LEAST + max(int(room // line), 0)))


def _blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def save_report(
    report: VisitReport,
    made_on: date,
    path: Path,
    *,
    notes: VisitNotes | None = None,
    checklist: Checklist | None = None,
    page_size: QPageSize | None = None,
) -> None:
    """The report as a PDF at `path`, on the locale's paper unless told; OSError (in words) if not written.
    `checklist` words the warning-signs answers (their ids, without it)."""
    paper = page_size or page_size_for(QLocale())
    document = report_document(report, made_on, paper, notes, checklist)
    write_pdf(document, path, paper, words.footer_words(report))


def write_pdf(document: QTextDocument, path: Path, page_size: QPageSize, foot: str) -> None:
    """Print `document` into `path` whole or not at all (a report there before stays as it was when this
    one fails), `foot` and the page's number at the foot of each page; OSError, saying why in words, when
    it cannot be written there."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(page_size))
    writer.setResolution(DOCUMENT_DPI)  # the document's pixels: see report_document
    writer.setTitle(words.REPORT_TITLE)
    writer.setCreator("relaxapp")
    _print_pages(document, writer, foot)
    del writer  # the PDF is complete once the writer is gone
    content = bytes(buffer.data().data())
    if not content:
        raise OSError(f"nothing could be written to {path}")
    try:
        write_whole(path, content)
    except OSError as error:
        raise OSError(f"cannot write {path}: {error.strerror or error}") from error


def _print_pages(document: QTextDocument, writer: QPdfWriter, foot: str) -> None:
    """Each page of `document` (laid out for the writer's page less the foot), then its foot.

    As QTextDocument.print_ does for a document with a page size, but it can only number pages, in the
    margin, with a bare number: a doctor gets "Page 2 of 3" and the period on every sheet.
    """
    page = document.pageSize()
    pages = document.pageCount()
    scale = writer.width() / page.width()  # 1 when the screen's dpi is the document's 96 (report_document)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
    painter = QPainter(writer)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            view = QRectF(QPointF(0, index * page.height()), page)
            painter.setTransform(QTransform.fromScale(scale, scale).translate(0, -view.top()))
            painter.setClipRect(view)
            # A line that pagination moved on to the next page can start a fraction of a pixel above the
            # break; drawn here too it is clipped out of sight yet stays in the PDF's text, which a search
            # or a copy would then find twice. Drawing only what is more than a pixel inside leaves it out.
            context.clip = view.adjusted(0, 1, 0, -1)
            document.documentLayout().draw(painter, context)
            painter.setClipping(False)
            painter.setTransform(QTransform.fromScale(scale, scale))
            _draw_foot(painter, QRectF(0, page.height(), page.width(), FOOT_HEIGHT), foot, index + 1, pages)
    finally:
        painter.end()  # also when drawing fails: the writer is then let go with no painter on it


def _draw_foot(painter: QPainter, room: QRectF, foot: str, page: int, pages: int) -> None:
    """A thin rule, then `foot` on the left and "Page n of N" on the right, both at the bottom of `room`."""
    painter.save()
    painter.setPen(QPen(QColor(FOOT_RULE_COLOUR), 0.75))
    rule = room.top() + FOOT_RULE_GAP
    painter.drawLine(QPointF(room.left(), rule), QPointF(room.right(), rule))
    font = QFont(FONT)
    font.setPointSizeF(FOOT_FONT_PT)
    painter.setFont(font)
    painter.setPen(QColor(FOOT_COLOUR))
    # The longest period's words take less than two thirds of the width at this size: the two never meet.
    text = QRectF(room.left(), rule, room.width(), room.bottom() - rule)
    bottom = Qt.AlignmentFlag.AlignBottom
    painter.drawText(text, bottom | Qt.AlignmentFlag.AlignLeft, foot)
    painter.drawText(text, bottom | Qt.AlignmentFlag.AlignRight, words.page_words(page, pages))
    painter.restore()


def _weeks_chart(report: VisitReport) -> QImage:
    chart = QChart()
    chart.layout().setContentsMargins(0, 0, 0, 0)
    look = Look(LIGHT, QFont(FONT, 10))
    draw_bars(
        chart,
        look,
        "Twitches a week, by side",
        [words.week_label(week) for week in report.weeks],
        [
            Bars(SIDE_NAMES[side], [float(dict(week.by_side)[side]) for week in report.weeks], colour)
            for side, colour in zip(Side, SIDE_COLOURS, strict=True)
        ],
        value_title="Twitches",
        value_format="%d",
        standing=True,
        stacked=True,
    )
    injected = [index for index, week in enumerate(report.weeks) if week.injected]
    mark_categories(chart, look, injected, "Injection")
    return chart_image(chart, CHART_SIZE, CHART_SCALE)


def _visit_notes(notes: VisitNotes) -> list[str]:
    parts = [_h2(notes.title)]
    for heading, entries in (
        ("What I have noticed", notes.noticed),
        ("Whom the check suggested", notes.whom),
    ):
        if entries:
            parts += [_p(heading, "lead"), _list(entries)]
    if notes.to_write_down:
        parts.append(_p("To write down before the visit", "lead"))
        parts += [_p(f"{prompt}:") + _writing_line() for prompt in notes.to_write_down]
    return parts


def _list(entries: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(entry)}</li>" for entry in entries) + "</ul>"


def _writing_line() -> str:
    return "<p>&nbsp;</p><hr>"  # room to write, above a rule


def _questions(lines: int, *, new_page: bool = False) -> str:
    heading = (
        f"<h2 style='page-break-before: always'>{_e(words.QUESTIONS_TITLE)}</h2>"
        if new_page
        else _h2(words.QUESTIONS_TITLE)
    )
    room = "".join("<p>&nbsp;</p>" for _ in range(lines))
    return heading + (
        "<table width='100%' border='1' cellspacing='0' cellpadding='8' style='border-color: #b9cdc9;"
        f" border-style: solid'><tr><td>{room}</td></tr></table>"
    )


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{_e(heading)}</th>" for heading in headings)
    body = "".join("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    table = "<table cellspacing='0' cellpadding='3' width='100%' style='margin-bottom: 8px'>"
    return f"{table}<tr>{head}</tr>{body}</table>"


def _h2(text: str) -> str:
    return f"<h2>{_e(text)}</h2>"


def _p(text: str, kind: str = "") -> str:
    return f"<p class='{kind}'>{_e(text)}</p>" if kind else f"<p>{_e(text)}</p>"


def _e(text: str) -> str:
    return html.escape(text, quote=False)
