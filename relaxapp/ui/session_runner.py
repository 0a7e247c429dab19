"""The bridge between the engine and the screen and speakers; the session flow keeps the record."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from relaxapp.audio.player import AudioPlayer
from relaxapp.core.clock import Clock
from relaxapp.core.record import NOT_ASKED, Ratings
from relaxapp.core.session import SessionEngine, SessionOptions, SessionState, Status
from relaxapp.core.sound import SoundChannel, prompt_key
from relaxapp.logic.narration import SessionNarration
from relaxapp.logic.sessions import Choice, EndedSession, SessionFlow

AMBIENCE_FADE_IN_SECONDS = 4.0
AMBIENCE_FADE_OUT_SECONDS = 3.0
LAST_WORDS_MS = 8000  # the closing words of an eyes-closed session, spoken even when the voice is muted


class SessionRunner(QObject):
    """Runs one session at a time, between the engine, the screen and the speakers; the session flow
    below it plans the session and keeps its record.

    Two timers, each for its own job: a frame timer at the screen's refresh rate that only redraws,
    and a precise single-shot timer aimed at the next cue, so a sound lands within a millisecond or two
    of its moment instead of on the next frame.
    """

    started = Signal(object, object)  # Timeline, SessionOptions: before the session's first frame
    frame = Signal(object)  # SessionState, every frame while running and once on every change
    status_changed = Signal(object)  # Status
    ended = Signal(object)  # EndedSession
    announcement = Signal(str)  # what a screen reader should say of the session now (logic.narration)

    def __init__(
        self,
        player: AudioPlayer,
        flow: SessionFlow,
        clock: Clock,
        *,
        frame_rate: float = 60.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.player = player
        self._flow = flow
        self._voice_muted = False  # the person's choice; eyes-closed sessions speak regardless
        self._voice_volume = 1.0
        self._options = SessionOptions()
        self._clock = clock
        self._engine: SessionEngine | None = None
        self._narration: SessionNarration | None = None
        self._ending = False  # the running session has come to its end (its record follows at once)
        self._ended: EndedSession | None = None
        self._frame_timer = QTimer(self)
        self._frame_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._frame_interval_ms = max(1, math.floor(1000 / frame_rate))
        self._frame_timer.setInterval(self._frame_interval_ms)
        self._frame_timer.timeout.connect(self._on_frame)
        self._cue_timer = QTimer(self)
        self._cue_timer.setSingleShot(True)
        self._cue_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._cue_timer.timeout.connect(self._on_cue_due)

    @property
    def engine(self) -> SessionEngine | None:
        return self._engine

    @property
    def is_active(self) -> bool:
        """A session has started and has not been ended and recorded yet (it may be paused)."""
        return self._engine is not None and not self._ending

    def start(self, choice: Choice, before: Ratings = NOT_ASKED) -> None:
        """Run the chosen session; `before` holds the ratings given before it, if they were asked.
        Raises TimelineError (nothing started) for a length the routine cannot have."""
        if self.is_active:
            raise RuntimeError("a session is already running")
        timeline = self._flow.start(choice, before)
        self._options = choice.options
        # Decoded now, before the clock starts: the first bell rings on time and no cue waits on a file.
        self.player.prepare_cues({cue.cue for cue in timeline.cues if cue.cue})
        self._engine = SessionEngine(timeline, self._clock)
        self._narration = SessionNarration(timeline, self._heard)
        self._ending, self._ended = False, None
        self.started.emit(timeline, choice.options)
        self._apply_voice_mute()
        self._announce(self._narration.started())
        ambience = timeline.routine.ambience
        if ambience and self._options.ambience:
            self.player.start_ambience(ambience, AMBIENCE_FADE_IN_SECONDS)
        self._engine.start()
        self._resume_timers()
        self.status_changed.emit(Status.RUNNING)
        self._deliver_due_cues()  # the start bell
        self._show(self._engine.state_at_now())

    def toggle_pause(self, *, announce: bool = True) -> None:
        """Pause or resume; with eyes closed, a pause is said aloud and a resume says the step's words
        again. A screen reader is told what the voice does not say. Neither speaks when `announce` is off,
        as when a question about stopping is on screen (the question is what the person hears then)."""
        engine, narration = self._engine, self._narration
        if engine is None or narration is None or not self.is_active:
            return
        if engine.status is Status.FINISHED:  # the last breath ended since the last frame
            self._deliver_due_cues()
            return
        engine.toggle_pause()
        if engine.status is Status.PAUSED:
            self._frame_timer.stop()
            self._cue_timer.stop()
            self.player.pause()
            if announce:
                words = self._flow.prompts.get("paused") if self._options.eyes_closed else None
                if words:
                    self.say(words)
                self._announce(narration.paused(words))
        else:
            self.player.resume()
            # A step moved to while paused says its own words at once: no need to say them twice.
            moved_while_paused = engine.seconds_to_next_cue() == 0
            self._resume_timers()
            if announce:
                state = engine.state_at_now()
                says_again = self._options.eyes_closed and not moved_while_paused
                if says_again:
                    self.say(state.segment.step.text)
                self._announce(narration.resumed(state, voice_says_step=says_again or moved_while_paused))
        self._show(engine.state_at_now())
        self.status_changed.emit(engine.status)

    def stop(self) -> EndedSession | None:
        """End the session early; returns what became of it (its record is already kept)."""
        engine = self._engine
        if engine is None or not self.is_active:
            return None
        if engine.status is Status.FINISHED:
            # The session ran out since the last frame (a close or a signal can come in between):
            # it ends as a completed session, end bell and all.
            self._deliver_due_cues()
        else:
            engine.stop()
            self._end()
        return self._ended

    def set_voice_muted(self, muted: bool) -> None:
        self._voice_muted = muted
        self._apply_voice_mute()

    def set_voice_volume(self, level: float) -> None:
        # Kept here as well as on the player: a voice at volume 0 is not heard, so the screen reader
        # must say the steps it would have spoken.
        self._voice_volume = level
        self.player.set_volume(level, SoundChannel.VOICE)

    def _heard(self, words: str) -> bool:
        """Whether the person hears `words` in the app's own voice: recorded, and the voice not silenced."""
        speaking = not self._voice_muted or (self.is_active and self._options.eyes_closed)
        return speaking and self._voice_volume > 0 and self.player.has_voice(prompt_key(words))

    def _apply_voice_mute(self) -> None:
        # With eyes closed the voice is all there is to follow: it speaks even when muted otherwise,
        # until the session has ended and its last words are said.
        speaking = self.is_active and self._options.eyes_closed
        self.player.set_muted(self._voice_muted and not speaking, SoundChannel.VOICE)

    def skip(self, forward: bool) -> None:
        """To the next section (a muscle group, a massage step, a passage), or back to this one's start."""
        engine = self._engine
        if engine is None or not self.is_active or engine.status not in (Status.RUNNING, Status.PAUSED):
            return
        moved = engine.skip_forward() if forward else engine.skip_back()
        if not moved:
            return
        self.player.stop_voice()
        if engine.status is Status.RUNNING:
            self._cue_timer.stop()
            self._deliver_due_cues()  # the new step's own cue and words, at once
        self._show(engine.state_at_now())

    def say(self, words: str) -> bool:
        """Speak `words` if they were recorded; False when they can only be read."""
        return self.player.play_voice(prompt_key(words))

    def _show(self, state: SessionState) -> None:
        """One frame to the screen, and the new step's words to a screen reader when it has just begun."""
        self.frame.emit(state)
        if self._narration is not None:
            self._announce(self._narration.show(state))

    def _announce(self, words: str | None) -> None:
        if words:
            self.announcement.emit(words)

    def _resume_timers(self) -> None:
        self._frame_timer.start(self._frame_interval_ms)
        self._aim_cue_timer()

    def _aim_cue_timer(self) -> None:
        assert self._engine is not None
        wait = self._engine.seconds_to_next_cue()
        if wait is not None:
            self._cue_timer.start(math.floor(wait * 1000))

    def _on_cue_due(self) -> None:
        engine = self._engine
        if engine is None or self._ending:
            return
        wait = engine.seconds_to_next_cue()
        if wait is not None and wait > 0:
            # Qt timers may fire up to a millisecond early; wait out the rest rather than play early.
            self._cue_timer.start(math.ceil(wait * 1000))
            return
        self._deliver_due_cues()

    def _on_frame(self) -> None:
        if self._engine is None or self._ending:
            return
        # The cue timer is the punctual way to a cue; a frame that finds one due (the timer was held
        # up by a busy loop) plays it rather than let it wait.
        self._deliver_due_cues()
        if self._engine.status is not Status.RUNNING:
            return
        state = self._engine.state_at_now()
        self._show(state)
        # While a breath is held nothing moves: sleep until a counter ticks over instead of drawing
        # the same picture sixty times a second.
        if state.is_still:
            self._frame_timer.start(
                max(self._frame_interval_ms, math.ceil(state.seconds_until_counters_change() * 1000))
            )
        elif self._frame_timer.interval() != self._frame_interval_ms:
            self._frame_timer.start(self._frame_interval_ms)

    def _deliver_due_cues(self) -> None:
        engine = self._engine
        if engine is None or self._ending:
            return  # nothing running, or already ended: a late timer has nothing to do
        due = engine.take_due_cues()
        for cue in due:
            if cue.cue:
                self.player.play_cue(cue.cue)
            if cue.words:
                self.say(cue.words)
        if engine.status is Status.FINISHED:
            self._end()
        elif engine.status is Status.RUNNING and (due or not self._cue_timer.isActive()):
            self._aim_cue_timer()

    def _end(self) -> EndedSession:
        engine = self._engine
        assert engine is not None
        self._frame_timer.stop()
        self._cue_timer.stop()
        self._ending = True
        # Sound and screen first, as a person expects at once; the record is saved after them.
        self.player.stop_ambience(AMBIENCE_FADE_OUT_SECONDS)
        stopped = engine.status is Status.STOPPED
        if stopped:
            self.player.stop_voice()
            bell = engine.timeline.end_bell  # a finished session's end bell came with its cues
            if bell is not None and self._flow.is_practice(engine):
                self.player.play_cue(bell)
        words = self._flow.last_words(engine.timeline, stopped=stopped, eyes_closed=self._options.eyes_closed)
        if words:
            self.say(words)

        self._show(engine.state_at_now())
        self.status_changed.emit(engine.status)
        ended = self._ended = self._flow.finish(engine)
        self.ended.emit(ended)
        if self._narration is not None:
            self._announce(self._narration.ended(ended))
        if self._options.eyes_closed and self._voice_muted:
            QTimer.singleShot(LAST_WORDS_MS, self._apply_voice_mute)
        return ended
