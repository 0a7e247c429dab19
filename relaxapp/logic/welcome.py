"""First start: after the wellbeing notice, the one optional question of what brings the person here,
and the routines suggested for the answer, which Settings can change."""

from __future__ import annotations

from relaxapp.core.preferences import Preferences
from relaxapp.core.routine import Routine
from relaxapp.core.welcome import Answer, WelcomeQuestion
from relaxapp.logic.preferences import PreferenceStore
from relaxapp.logic.routines import RoutineBook


class FirstRun:
    """The question, asked once; the answer kept in the preferences; the suggestions that follow it.

    Without the question (its file could not be read) nothing is asked or suggested, and the app starts
    as it always did.
    """

    def __init__(
        self, question: WelcomeQuestion | None, preferences: PreferenceStore, routines: RoutineBook
    ) -> None:
        self.question = question
        self._preferences = preferences
        self._routines = routines

    def due(self) -> bool:
        """Whether this is a first start that should ask: the notice is still to be read, and the question
        was never answered nor skipped. Asked before the notice is shown."""
        return (
            self.question is not None
            and not self._preferences.notice_read
            and not self._preferences.welcome_asked
        )

    def answer(self, answer_id: str) -> None:
        """The person answered: the home page starts on the answer's first routine, eyes-closed mode is
        switched on where it suits, and the suggestions show."""
        answer = self.question.answer(answer_id) if self.question else None
        if answer is None:
            raise ValueError(f"'{answer_id}' is not an answer to the welcome question")
        self._preferences.mark_welcome_asked()
        self._preferences.start_on(answer.start_with)
        self._preferences.use(answer.applied_to(self._preferences.current))

    def skip(self) -> None:
        """The person skipped the question: everything stays as it is, and it is not asked again."""
        self._preferences.mark_welcome_asked()

    def use_settings(self, chosen: Preferences) -> None:
        """The settings dialog's choices; a new answer there starts the home page on its first routine."""
        answer = self.answer_for(chosen)
        if answer is not None and chosen.reason != self._preferences.current.reason:
            self._preferences.start_on(answer.start_with)
        self._preferences.use(chosen)

    def answer_for(self, preferences: Preferences) -> Answer | None:
        """The answer `preferences` keep, if the question still has it."""
        return self.question.answer(preferences.reason) if self.question and preferences.reason else None

    def suggested(self) -> tuple[Answer | None, tuple[Routine, ...]]:
        """The answer given and the routines suggested for it, those that exist; (None, ()) without one."""
        answer = self.answer_for(self._preferences.current)
        if answer is None:
            return None, ()
        found = (self._routines.get(routine_id) for routine_id in answer.suggested)
        return answer, tuple(routine for routine in found if routine is not None)
