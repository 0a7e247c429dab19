"""Change a session's before and after ratings by hand."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from relaxapp.core.history_wording import describe
from relaxapp.core.record import Scale, Score, SessionRecord
from relaxapp.core.wording import SCALE_NAMES
from relaxapp.ui.ratings import RatingRow


class RatingsDialog(QDialog):
    """The four ratings of a session, each a row of buttons as asked around a session. What a taken-back
    answer becomes is the floor's rule (Ratings.revised): the dialog only says what the rows show."""

    def __init__(self, record: SessionRecord, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change the ratings")
        self.record = record
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        heading = QLabel(describe(record, today))
        heading.setObjectName("ratingsTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.rows: dict[str, RatingRow] = {}
        for name, score in record.ratings.scores().items():
            scale, _, moment = name.partition("_")
            scale_name = SCALE_NAMES[Scale(scale)]
            row = RatingRow(f"{scale_name} {moment} the session", scale_name)
            row.set_value(score)
            self.rows[name] = row
            layout.addWidget(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def scores(self) -> dict[str, Score]:
        """The answers as the rows now show them, by field name (None: no answer chosen)."""
        return {name: row.value() for name, row in self.rows.items()}
