"""Synthesise the cue sounds into assets/audio/*.ogg: soft chimes for the phases, bells for start and end.

Each cue must be told apart with closed eyes, by pitch, direction and colour: the breathing chimes rise
(inhale) or fall (exhale) by a fifth; the PMR `tense` is two quick reedy notes a step apart going up and
`release` three soft low notes falling; `step` is a single glassy tine, unlike any of the pure chimes.

Pure standard-library synthesis (sums of decaying sine partials), written as WAV and encoded to
OGG Vorbis with sox. Run from the repository root: python tools/make_cues.py [cue_id ...] (no ids: every cue)
"""

from __future__ import annotations

import array
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

RATE = 44100
OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "audio"


@dataclass(frozen=True)
class Note:
    start: float  # seconds
    hz: float
    decay: float  # seconds for the level to fall by 1/e
    level: float
    partials: tuple[tuple[float, float, float], ...]  # (frequency ratio, relative level, relative decay)


CHIME = ((1.0, 1.0, 1.0), (2.0, 0.18, 0.6), (3.0, 0.05, 0.4))
# Ratios of a struck bell's partials (hum, prime, tierce, quint, nominal) give it its colour.
BELL = (
    (0.5, 0.35, 1.4),
    (1.0, 1.0, 1.0),
    (1.19, 0.3, 0.8),
    (1.5, 0.25, 0.7),
    (2.0, 0.35, 0.6),
    (2.74, 0.12, 0.4),
)
# Odd harmonics sound reedy and clear: a prompt to act, set apart from the pure breathing chimes.
REED = ((1.0, 1.0, 1.0), (3.0, 0.22, 0.7), (5.0, 0.08, 0.5))
# A warm tone with a quiet octave below: the sound of letting go.
WARM = ((0.5, 0.25, 1.2), (1.0, 1.0, 1.0), (2.0, 0.08, 0.5))
# The inharmonic partials of a struck metal bar (glockenspiel): a small "ting", unlike any chime.
TINE = ((1.0, 1.0, 1.0), (2.76, 0.22, 0.45), (5.40, 0.07, 0.25))


def render(notes: list[Note], seconds: float) -> list[float]:
    samples = [0.0] * int(seconds * RATE)
    attack = int(0.008 * RATE)  # a few ms: soft, yet the cue lands on its moment
    for note in notes:
        first = int(note.start * RATE)
        for ratio, level, decay_ratio in note.partials:
            omega = 2 * math.pi * note.hz * ratio / RATE
            fall = math.exp(-1.0 / (note.decay * decay_ratio * RATE))
            amplitude = note.level * level
            for offset in range(len(samples) - first):
                ramp = offset / attack if offset < attack else 1.0
                samples[first + offset] += amplitude * ramp * math.sin(omega * offset)
                amplitude *= fall
                if amplitude < 1e-5:
                    break
    fade = int(0.05 * RATE)
    for index in range(fade):
        samples[-1 - index] *= index / fade
    return samples


SOUNDS: dict[str, tuple[list[Note], float]] = {
    "bell_start": ([Note(0.0, 528.0, 1.1, 0.32, BELL)], 4.0),
    "bell_end": ([Note(0.0, 396.0, 1.4, 0.32, BELL), Note(1.6, 396.0, 1.4, 0.22, BELL)], 6.0),
    "inhale": ([Note(0.0, 440.0, 0.35, 0.30, CHIME), Note(0.16, 659.3, 0.45, 0.26, CHIME)], 1.6),
    "exhale": ([Note(0.0, 659.3, 0.35, 0.26, CHIME), Note(0.16, 440.0, 0.5, 0.30, CHIME)], 1.7),
    "hold": ([Note(0.0, 523.3, 0.3, 0.22, CHIME)], 1.2),
    "topup": ([Note(0.0, 880.0, 0.2, 0.16, CHIME)], 0.8),
    "tense": ([Note(0.0, 587.3, 0.16, 0.30, REED), Note(0.11, 659.3, 0.28, 0.30, REED)], 0.9),
    "release": (
        [
            Note(0.0, 392.0, 0.5, 0.22, WARM),
            Note(0.24, 329.6, 0.6, 0.2, WARM),
            Note(0.48, 261.6, 0.9, 0.2, WARM),
        ],
        2.4,
    ),
    "step": ([Note(0.0, 740.0, 0.45, 0.30, TINE)], 1.1),
}


def write_ogg(samples: list[float], target: Path) -> None:
    peak = max(abs(s) for s in samples)
    if peak > 0.95:
        raise ValueError(f"{target.name} would clip (peak {peak:.2f})")
    frames = array.array("h", (int(s * 32767) for s in samples for _ in range(2)))
    with tempfile.TemporaryDirectory() as scratch:
        wav = Path(scratch) / "cue.wav"
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(2)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(frames.tobytes())
        subprocess.run(["sox", str(wav), "-C", "4", str(target)], check=True)


def main() -> int:
    if shutil.which("sox") is None:
        print("sox is needed to encode OGG: apt-get install sox libsox-fmt-all", file=sys.stderr)
        return 1
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    wanted = set(sys.argv[1:]) or set(SOUNDS)
    for name, (notes, seconds) in SOUNDS.items():
        if name not in wanted:
            continue
        write_ogg(render(notes, seconds), OUT_DIR / f"{name}.ogg")
        print(f"wrote {OUT_DIR / name}.ogg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
