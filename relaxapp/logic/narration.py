"""What a screen reader is told while a session runs, for a person who cannot keep their eyes on it.

Some people with blepharospasm cannot keep their eyes open and follow the app with a screen reader. The
session tells it what a sighted person sees change: that the routine started and how long it lasts, each
new step once (never the countdowns that tick every second), a pause and a resume, and a stop too short to
keep (a session that is kept is summed up by the summary page as it appears).

The app's own voice comes first. A step whose words the voice is about to say aloud is not announced as
well: a screen reader and the recorded voice speaking at once drown each other out, and a person whose
eyes are closed then hears neither. So with eyes closed, or with voice guidance on and recorded, the
screen reader says only what the voice does not: the start, and a pause or a resume the voice does not
speak itself (it does with eyes closed). Words the voice has no recording of (a breathing pattern of one's
own, no sound device), or cannot be heard saying (muted, at volume 0), are announced.
"""

from __future__ import annotations

from collections.abc import Callable

from relaxapp.core.session import SessionState, Status
from relaxapp.core.sound import spoken_form
from relaxapp.core.timeline import Timeline
from relaxapp.core.wording import FALSE_START, duration_text
from relaxapp.logic.sessions import EndedSession

# A step shorter than this is not announced: it is over before a screen reader has said it, and fast
# breathing would queue one announcement behind another until they lag the breath they name. The
# shortest in- and out-breath a routine may have is 2 s (routine.MIN_BREATH_SECONDS), so every breath
# is announced; what falls under it is a quick top-up or a brief pause between breaths.
MIN_ANNOUNCED_STEP_SECONDS = 2.0

PAUSED = "Paused."
RESUMED = "Resumed."

# Whether the person will hear these words in the app's own voice (recorded, and the voice not silenced).
Voiced = Callable[[str], bool]


class SessionNarration:
    """What to announce, and when, for one session; the runner asks it at each change."""

    def __init__(self, plan: Timeline, voiced: Voiced) -> None:
        self._plan = plan
        self._voiced = voiced
        self._segment_index: int | None = None
        self._elapsed = 0.0

    def started(self) -> str:
        """The routine and how long it lasts, and the keys that control it: 'Box breathing started, 5 min.
        Space pauses, Escape stops.'"""
        keys = "Space pauses, the arrow keys move between steps, Escape stops."
        if not self._plan.can_skip:
            keys = "Space pauses, Escape stops."
        return f"{self._plan.routine.title} started, {duration_text(self._plan.total_seconds)}. {keys}"

    def show(self, state: SessionState) -> str | None:
        """The words of a step the session has just come to, once; None on every other frame.

        A step counts as new when the session moves into another segment, or back to the start of the
        same one (the Back key in a one-segment passage)."""
        moved = state.segment_index != self._segment_index or state.elapsed < self._elapsed
        self._segment_index, self._elapsed = state.segment_index, state.elapsed
        if not moved or state.status not in (Status.RUNNING, Status.PAUSED):
            return None  # the end's last frame names no step: the end is said by what follows it
        segment = state.segment
        if segment.seconds < MIN_ANNOUNCED_STEP_SECONDS or self._voiced(segment.step.text):
            return None
        return spoken_form(segment.step.text)

    def paused(self, voice_says: str | None) -> str | None:
        """'Paused.', unless the voice is saying `voice_says` for it (its own word on a pause)."""
        return None if voice_says and self._voiced(voice_says) else PAUSED

    def resumed(self, state: SessionState, *, voice_says_step: bool) -> str | None:
        """'Resumed.' and where the session is, so that after a long pause the person knows what to do;
        nothing when the voice says the step's words again as it resumes."""
        words = state.segment.step.text
        if voice_says_step and self._voiced(words):
            return None
        return f"{RESUMED} {spoken_form(words)}"

    def ended(self, ended: EndedSession) -> str | None:
        """A false start goes home, where the same words are shown: they are said here. A session kept in
        the history is summed up by the summary page, which announces itself as it appears."""
        return None if ended.is_practice else FALSE_START
