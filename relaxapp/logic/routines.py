"""The routines a person can choose, and the breathing patterns they make, change and delete."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from relaxapp.core.patterns import CustomPattern, is_custom, paced_routine, routine_id_for
from relaxapp.core.routine import Routine
from relaxapp.logic.events import Events
from relaxapp.storage import user_routines
from relaxapp.storage.user_routines import UserRoutineError

__all__ = ["FACE_BREAK_ROUTINE", "RoutineBook", "UserRoutineError"]

FACE_BREAK_ROUTINE = "extended_exhale"  # the one-minute break reminders offer: a long, slow out-breath


class RoutineBook:
    """Every routine loaded (shipped, the person's own files, patterns made here), by id.

    Patterns are saved as routine files in `patterns_dir`; without one (no writable data folder) the
    person can still use every routine but not make patterns.
    """

    def __init__(self, routines: Sequence[Routine], patterns_dir: Path | None, events: Events) -> None:
        self._routines = list(routines)
        self.patterns_dir = patterns_dir
        self._events = events

    @property
    def routines(self) -> tuple[Routine, ...]:
        return tuple(self._routines)

    def get(self, routine_id: str) -> Routine | None:
        return next((routine for routine in self._routines if routine.id == routine_id), None)

    @property
    def face_break(self) -> Routine | None:
        return self.get(FACE_BREAK_ROUTINE)

    @property
    def makes_patterns(self) -> bool:
        return self.patterns_dir is not None

    def set_pace(self, breaths_per_minute: float) -> Routine:
        """Paced breathing at the pace the person picked on the home page; every list shows it so."""
        routine = paced_routine(breaths_per_minute)
        self._routines = [routine if known.id == routine.id else known for known in self._routines]
        return routine

    def new_pattern_id(self, name: str) -> str:
        """An id no routine has, nor any file in the patterns folder (one with a mistake in it did not
        load, but is the person's and must never be overwritten)."""
        taken = [routine.id for routine in self._routines]
        if self.patterns_dir is not None:
            taken += [path.stem for path in self.patterns_dir.glob("*.toml")]
        return routine_id_for(name, taken)

    def save_pattern(self, pattern: CustomPattern, routine_id: str) -> Routine:
        """Write the pattern's file (new, or over its earlier version: an edited pattern keeps its id, so
        its sessions in the history stay linked to it). Raises UserRoutineError when the disk refuses."""
        if self.patterns_dir is None:
            raise RuntimeError("this copy of relaxapp has no folder for patterns")
        user_routines.save_pattern(self.patterns_dir, routine_id, pattern)
        routine = pattern.to_routine(routine_id)
        index = next((i for i, known in enumerate(self._routines) if known.id == routine_id), None)
        if index is None:
            self._routines.append(routine)
        else:
            self._routines[index] = routine
        self._events.routine_saved.emit(routine)
        return routine

    def delete_pattern(self, routine: Routine) -> bool:
        """Delete a pattern made in the app (sessions done with it stay in the history); False, and the
        reason announced, when the disk refuses. Other routines are never deleted."""
        if self.patterns_dir is None or not is_custom(routine):
            raise ValueError(f"{routine.id} is not a pattern made in relaxapp")
        try:
            user_routines.delete_pattern(self.patterns_dir, routine.id)
        except UserRoutineError as error:
            self._events.message.emit(error.message)
            return False
        self._routines = [known for known in self._routines if known.id != routine.id]
        self._events.routine_deleted.emit(routine.id)
        return True
