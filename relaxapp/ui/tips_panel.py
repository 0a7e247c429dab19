"""Tips and advice: browse by section or type to search, and start a routine from a tip."""

from __future__ import annotations

import html
from string import Template

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.tips import SAFETY_CHECK, Span, Tip, TipBook, TipMatch
from relaxapp.ui.theme import LIGHT, Colours

READING_WIDTH = 680  # about 75 characters a line: comfortable to read
# The search box and the section list, at a text scale of 1. They grow with the text: the list measures
# an item's height as if its title had the item's padding to spare, so a title that wraps is cut off.
SIDE_WIDTH = 240
SIDE_SHARE = 0.4  # of the page's width at most, in a narrow window: the reader keeps room for whole words
# Round a section's name in the list: the item's padding and the list's own (style.qss), its frame, and
# the margin the style keeps round an item's words.
SECTION_CHROME = 2 * 10 + 2 * 4 + 2 * 1 + 2 * 4
DOCUMENT_STYLE = Template("""
p.page { font-size: ${page}px; font-weight: 600; color: $ink; margin-bottom: 2px; }
p.tip { font-size: ${tip}px; font-weight: 600; color: $ink; margin-top: 16px; margin-bottom: 2px; }
p { line-height: 145%; margin-top: 4px; margin-bottom: 6px; }
p.intro { color: $ink_soft; }
p.section { color: $ink_soft; font-size: ${small}px; margin-top: 14px; }
a { color: $accent; font-weight: 600; text-decoration: none; }
""")


class TipsPage(QWidget):
    routine_requested = Signal(str)  # a routine id
    safety_check_requested = Signal()

    def __init__(
        self,
        book: TipBook,
        routine_titles: dict[str, str],
        *,
        safety_check: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._safety_check = safety_check  # whether the check exists to link to
        self._routine_titles = routine_titles
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(20)

        side = QVBoxLayout()
        side.setSpacing(10)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search tips, e.g. caffeine")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search tips")
        self.sections = QListWidget()
        self.sections.setObjectName("sectionList")
        self.sections.setAccessibleName("Tip sections")
        for section in book.sections:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.sections.addItem(item)
        self.sections.setWordWrap(True)
        self.sections.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results = QLabel()
        self.results.setObjectName("note")
        self.results.setWordWrap(True)
        side.addWidget(self.search)
        side.addWidget(self.sections, 1)
        side.addWidget(self.results)

        self.reader = QTextBrowser()
        self.reader.setObjectName("reader")
        self.reader.setOpenLinks(False)
        self.reader.setAccessibleName("Tips")
        self._highlight = LIGHT.highlight
        self.set_look(LIGHT, 1.0)
        self.reader.document().setDocumentMargin(24)
        self.reader.setMaximumWidth(READING_WIDTH + 60)
        self.reader.anchorClicked.connect(self._on_link)

        layout.addLayout(side)
        layout.addWidget(self.reader, 1)

        self.sections.currentRowChanged.connect(self._show_section_row)
        self.sections.itemClicked.connect(lambda item: self._show_section_row(self.sections.row(item)))
        self.search.textChanged.connect(self._on_search)
        self.sections.setCurrentRow(0)

    def set_look(self, colours: Colours, scale: float) -> None:
        """Colours and text size for the reader's own (HTML) page, which the style sheet does not reach."""
        self._highlight = colours.highlight
        sizes = {"page": round(22 * scale), "tip": round(17 * scale), "small": round(13 * scale)}
        style = DOCUMENT_STYLE.substitute(
            ink=colours.ink, ink_soft=colours.ink_soft, accent=colours.accent, **sizes
        )
        self.reader.document().setDefaultStyleSheet(style)
        self._scale = scale
        self._fit_side()
        if self.sections.count():
            self._on_search(self.search.text())  # draw the page again in the new look

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_side()
        super().resizeEvent(event)

    def _fit_side(self) -> None:
        """The search and the sections at their width for the text size, or narrower in a narrow window
        (never narrower than the longest section name), so that the reader never breaks a word."""
        names = self.sections.fontMetrics()
        least = max((names.horizontalAdvance(section.title) for section in self._book.sections), default=0)
        wanted = max(least + SECTION_CHROME, round(self.width() * SIDE_SHARE))
        width = min(round(SIDE_WIDTH * self._scale), wanted)
        for side in (self.search, self.sections):
            side.setFixedWidth(width)

    def show_section(self, section_id: str) -> None:
        row = next(i for i, s in enumerate(self._book.sections) if s.id == section_id)
        self._show_section_row(row)

    def show_tip(self, tip: Tip) -> None:
        self.show_section(tip.section)
        self.reader.scrollToAnchor(tip.id)

    def _show_section_row(self, row: int) -> None:
        """Choosing a section (click, arrow keys, a link) ends any search and shows the whole section."""
        if row < 0:
            return
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        if self.sections.currentRow() != row:
            self.sections.setCurrentRow(row)  # comes back here through currentRowChanged
            return
        self.sections.item(row).setSelected(True)
        section = self._book.sections[row]
        parts = [
            f"<p class='page'>{html.escape(section.title)}</p>",
            f"<p class='intro'>{html.escape(section.intro)}</p>",
        ]
        parts += [self._tip_html(tip, None) for tip in self._book.in_section(section.id)]
        self.reader.setHtml("".join(parts))
        self.results.clear()

    def _on_search(self, query: str) -> None:
        if not query.strip():
            self._show_section_row(self.sections.currentRow())
            return
        # The results come from every section: none is shown as chosen. The current row stays, so
        # tabbing through the list does not pick one and throw the results away.
        self.sections.clearSelection()
        matches = self._book.search(query)
        self.results.setText(
            "No tip matches those words."
            if not matches
            else f"{len(matches)} tip{'s' * (len(matches) != 1)} found."
        )
        if not matches:
            words = html.escape(query.strip())
            self.reader.setHtml(
                f"<p class='page'>Nothing found</p><p class='intro'>No tip mentions “{words}”. "
                "Try a shorter or different word, or browse the sections.</p>"
            )
            return
        self.reader.setHtml("".join(self._tip_html(match.tip, match, show_section=True) for match in matches))

    def _tip_html(self, tip: Tip, match: TipMatch | None, *, show_section: bool = False) -> str:
        title_spans = match.title_spans if match else ()
        paragraphs = tip.paragraphs
        paragraph_spans = match.paragraph_spans if match else tuple(() for _ in paragraphs)
        parts = [f"<a name='{tip.id}'></a><p class='tip'>{self._highlighted(tip.title, title_spans)}</p>"]
        if show_section:
            parts.insert(0, f"<p class='section'>{html.escape(self._book.section(tip.section).title)}</p>")
        parts += [
            f"<p>{self._highlighted(p, s)}</p>" for p, s in zip(paragraphs, paragraph_spans, strict=True)
        ]
        links = []
        if tip.try_routine is not None:
            title = self._routine_titles.get(tip.try_routine, tip.try_routine)
            links.append(f"<a href='routine:{tip.try_routine}'>Try it now: {html.escape(title)} ›</a>")
        if tip.action == SAFETY_CHECK and self._safety_check:
            links.append("<a href='action:safety_check'>Should I see a doctor? Check your signs ›</a>")
        if links:
            parts.append("<p>" + " &nbsp;&nbsp; ".join(links) + "</p>")
        return "".join(parts)

    def _on_link(self, url: QUrl) -> None:
        scheme, _, target = url.toString().partition(":")
        if scheme == "routine":
            self.routine_requested.emit(target)
        elif scheme == "action" and target == SAFETY_CHECK:
            self.safety_check_requested.emit()

    def _highlighted(self, text: str, spans: tuple[Span, ...]) -> str:
        out, position = [], 0
        for start, end in spans:
            out.append(html.escape(text[position:start]))
            out.append(
                f"<span style='background-color:{self._highlight}'>{html.escape(text[start:end])}</span>"
            )
            position = end
        out.append(html.escape(text[position:]))
        return "".join(out)
