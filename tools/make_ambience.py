"""Synthesise the ambience loops into assets/audio/ambience/{waves,rain,wind}.ogg: calm, soft and seamless.

Nothing is sampled: sox makes filtered noise (the texture), this script draws the slow envelopes that
shape it (each wave's swell, each gust) and the raindrops, sox multiplies and mixes them, and the end of
each loop is crossfaded into its start so that looping has no seam. Envelopes repeat exactly once per
loop, so the crossfade only blends noise with noise of the same level. The file holds the loop with
AMBIENCE_MARGIN seconds of its wrap-around at both ends, which the player cuts off: Vorbis is least
faithful at the ends of a stream (a step of 1.5 % of full scale there at -q 0, five times its error
elsewhere), and the player's seam then falls mid-stream instead. `sox -R` keeps the noise the same
from run to run, so a re-run rewrites the same files.

Run from the repository root: python tools/make_ambience.py [waves|rain|wind ...] (no ids: all three)
Needs sox with Vorbis (apt-get install sox libsox-fmt-all).
"""

from __future__ import annotations

import array
import math
import random
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from relaxapp.audio.pygame_player import AMBIENCE_MARGIN

RATE = 44100
OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "audio" / "ambience"
CROSSFADE = 4.0  # seconds of the loop's end blended into its start
TARGET_RMS = 0.055  # under the voice (about 0.1) and the cues, above a quiet room's hiss
PEAK_LIMIT = 0.45
QUALITY = "0"  # Vorbis -q 0 (about 64 kbit/s stereo): noise needs no more, and each loop stays near 0.4 MB

Envelope = Callable[[float], float]  # seconds into the loop → level 0..1, with the loop's period


@dataclass(frozen=True)
class Layer:
    noise: list[str]  # sox effects after `synth <seconds> pinknoise pinknoise` (independent left and right)
    left: Envelope
    right: Envelope
    level: float


@dataclass(frozen=True)
class Ambience:
    seconds: float
    layers: list[Layer]
    drops: int = 0  # raindrops per second


def swell(phase: float) -> float:
    """One wave, phase 0..1: a slow smooth rise to the crest at 40 %, then a longer draining away."""
    if phase < 0.4:
        return math.sin(phase / 0.4 * math.pi / 2) ** 2
    return math.exp(-(phase - 0.4) / 0.6 * 3.5) * (1 - (phase - 0.4) / 0.6) ** 0.5


def waves_envelope(lengths: list[float], shift: float, floor: float, power: float) -> Envelope:
    """Waves of the given lengths, one after another, each a swell; the sea never falls silent (floor)."""
    starts = [sum(lengths[:index]) for index in range(len(lengths))]
    period = sum(lengths)

    def level(t: float) -> float:
        t = (t - shift) % period
        index = max(i for i, start in enumerate(starts) if start <= t)
        return floor + (1 - floor) * swell((t - starts[index]) / lengths[index]) ** power

    return level


def gusts_envelope(period: float, partials: list[tuple[int, float, float]], power: float) -> Envelope:
    """Slow gusts: a sum of sines that each fit a whole number of times in the loop, raised to `power`."""
    total = sum(weight for _, weight, _ in partials)

    def level(t: float) -> float:
        value = sum(
            weight * math.sin(2 * math.pi * cycles * t / period + offset)
            for cycles, weight, offset in partials
        )
        return (0.5 + 0.5 * value / total) ** power

    return level


WAVE_LENGTHS = [9.5, 11.0, 8.5, 12.0, 10.0]  # seconds: uneven, as the sea is
WIND = [(2, 1.0, 0.0), (3, 0.6, 1.3), (5, 0.35, 2.1), (8, 0.2, 0.4)]  # (cycles per loop, weight, phase)


AMBIENCES = {
    "waves": Ambience(
        sum(WAVE_LENGTHS),
        [
            # The body of the water: deep and dark, swelling and draining.
            Layer(
                ["lowpass", "500", "lowpass", "500"],
                waves_envelope(WAVE_LENGTHS, 0.0, 0.3, 1.0),
                waves_envelope(WAVE_LENGTHS, 0.35, 0.3, 1.0),
                1.0,
            ),
            # The foam as each wave breaks: brighter, only near the crest, a little after it.
            Layer(
                ["sinc", "600-4000"],
                waves_envelope(WAVE_LENGTHS, 0.6, 0.03, 2.5),
                waves_envelope(WAVE_LENGTHS, 0.9, 0.03, 2.5),
                0.35,
            ),
        ],
    ),
    "rain": Ambience(
        40.0,
        [
            # The steady hush of rain on leaves, with a breath of change so it does not sound frozen.
            Layer(
                ["sinc", "400-6000", "lowpass", "3500"],
                gusts_envelope(40.0, [(2, 1.0, 0.0), (3, 0.5, 1.0)], 0.15),
                gusts_envelope(40.0, [(2, 1.0, 1.5), (3, 0.5, 2.5)], 0.15),
                1.0,
            ),
            Layer(
                ["lowpass", "400"],
                gusts_envelope(40.0, [(1, 1.0, 0.0)], 0.1),
                gusts_envelope(40.0, [(1, 1.0, 0.7)], 0.1),
                0.6,
            ),
        ],
        drops=14,
    ),
    "wind": Ambience(
        48.0,
        [
            Layer(
                ["sinc", "120-500"], gusts_envelope(48.0, WIND, 1.2), gusts_envelope(48.0, WIND[1:], 1.2), 1.0
            ),
            # Stronger gusts sound brighter: this band only rises with them.
            Layer(
                ["bandpass", "700", "300"],
                gusts_envelope(48.0, WIND, 2.5),
                gusts_envelope(48.0, WIND, 2.8),
                0.45,
            ),
            # A faint whistle at the height of a gust.
            Layer(
                ["bandpass", "1400", "60"],
                gusts_envelope(48.0, WIND, 5.0),
                gusts_envelope(48.0, WIND, 5.0),
                0.5,
            ),
        ],
    ),
}


def write_wav(path: Path, samples: array.array[int]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def read_wav(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as source:
        return array.array("h", source.readframes(source.getnframes()))


def envelope_wav(path: Path, layer: Layer, frames: int) -> None:
    # Drawn at 100 points a second and held in between: the envelopes change over seconds, not samples.
    step = RATE // 100
    samples = array.array("h")
    for start in range(0, frames, step):
        t = start / RATE
        left, right = int(layer.left(t) * 32767), int(layer.right(t) * 32767)
        samples.extend([left, right] * min(step, frames - start))
    write_wav(path, samples)


def raindrops(ambience: Ambience, level: float, rng: random.Random) -> list[float]:
    """Sparse drops, interleaved stereo: a few ms of a quickly decaying, falling tone each, panned at random.

    Each drop wraps around the loop's end, so the drops are seamless by themselves.
    """
    period = int(ambience.seconds * RATE)
    drops = [0.0] * (period * 2)
    for _ in range(int(ambience.drops * ambience.seconds)):
        at = rng.randrange(period)
        hz = rng.uniform(1800, 5000)
        decay = rng.uniform(0.002, 0.008) * RATE
        loudness = level * rng.random() ** 3  # mostly far-off taps, now and then a near one
        pan = rng.random()
        for offset in range(int(decay * 5)):
            glide = 1 - 8 * offset / RATE  # the pitch falls a little as the drop rings: a "plip", not a beep
            value = loudness * math.exp(-offset / decay) * math.sin(2 * math.pi * hz * glide * offset / RATE)
            frame = (at + offset) % period
            drops[frame * 2] += value * (1 - pan)
            drops[frame * 2 + 1] += value * pan
    return drops


def render(name: str, ambience: Ambience, scratch: Path) -> array.array[int]:
    """The loop, crossfaded and levelled, as interleaved stereo 16-bit samples."""
    total = ambience.seconds + CROSSFADE
    frames = int(total * RATE)
    layers = []
    for index, layer in enumerate(ambience.layers):
        noise, envelope, shaped = (
            scratch / f"{name}-{index}-{part}.wav" for part in ("noise", "env", "layer")
        )
        synth = ["synth", f"{total}", "pinknoise", "pinknoise"]
        sox_noise = [
            "sox",
            "-R",
            "-n",
            "-r",
            f"{RATE}",
            "-c",
            "2",
            "-b",
            "16",
            str(noise),
            *synth,
            *layer.noise,
        ]
        subprocess.run(sox_noise, check=True)
        envelope_wav(envelope, layer, frames)
        subprocess.run(
            ["sox", "-T", str(noise), str(envelope), str(shaped), "vol", f"{layer.level}"], check=True
        )
        layers += ["-v", "1", str(shaped)]
    mix = scratch / f"{name}-mix.wav"
    subprocess.run(
        ["sox", "-m", *layers, str(mix)] if len(layers) > 2 else ["sox", layers[-1], str(mix)], check=True
    )
    loop = seamless(read_wav(mix), int(ambience.seconds * RATE))
    if ambience.drops:
        bed = rms(loop)
        loop = [s + d for s, d in zip(loop, raindrops(ambience, 10 * bed, random.Random(name)), strict=True)]
    gain = min(TARGET_RMS * 32767 / rms(loop), PEAK_LIMIT * 32767 / max(abs(s) for s in loop))
    return array.array("h", (round(s * gain) for s in loop))


def seamless(samples: array.array[int], period: int) -> list[float]:
    """`period` frames, the start blended with what follows the end: the last frame leads into the first."""
    fade = len(samples) // 2 - period
    loop = [float(s) for s in samples[: period * 2]]
    for frame in range(fade):
        # Equal power: the two stretches of noise are unrelated, so their powers, not amplitudes, add.
        t = (frame + 0.5) / fade * math.pi / 2
        for side in (0, 1):
            i = frame * 2 + side
            loop[i] = samples[i] * math.sin(t) + samples[period * 2 + i] * math.cos(t)
    return loop


def rms(samples: list[float]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def main() -> int:
    if shutil.which("sox") is None:
        print("sox is needed: apt-get install sox libsox-fmt-all", file=sys.stderr)
        return 1
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    wanted = set(sys.argv[1:]) or set(AMBIENCES)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for name, ambience in AMBIENCES.items():
            if name not in wanted:
                continue
            loop = render(name, ambience, scratch)
            margin = int(AMBIENCE_MARGIN * RATE) * 2
            padded = scratch / f"{name}.wav"
            write_wav(padded, loop[-margin:] + loop + loop[:margin])
            target = OUT_DIR / f"{name}.ogg"
            subprocess.run(["sox", str(padded), "-C", QUALITY, str(target)], check=True)
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
