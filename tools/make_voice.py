"""Record every sentence relaxapp speaks into assets/audio/voice/<key>.ogg and list them in prompts.toml.

The sentences are the app's own prompts (relaxapp/content/prompts.toml) and every text the shipped routines
speak (Routine.spoken_texts()); <key> is relaxapp.core.sound.prompt_key(text), so an edited sentence gets
a new recording and the old one is deleted. prompts.toml maps each key to { text, seconds }, so tests can
check that captions match recordings and recordings fit their steps.

Run from the repository root after changing any routine text (existing recordings are kept):
    .venv/bin/python tools/make_voice.py            # record what is new, delete what no text needs
    .venv/bin/python tools/make_voice.py --force    # record everything again
Needs: apt-get install festival festvox-us-slt-hts sox libsox-fmt-all

The engine. The same two sentences ("Let your shoulders drop. Notice the warmth spreading through your
hands.") from the three engines Debian packages, measured with sox:
    engine                          rate    length  words/min  RMS    peak   energy above 5 kHz
    festival, cmu_us_slt_arctic_hts 32 kHz  4.52 s  159        0.060  0.32   -21 dB
    flite -voice slt                16 kHz  3.99 s  181        0.157  0.50   -24 dB
    espeak-ng -s 140                22 kHz  5.08 s  142        0.083  0.73   -21 dB
espeak-ng is formant synthesis: its spectrogram shows rigid, evenly banded formants and it sounds robotic.
flite is the quickest and tightest (181 words a minute, short pauses), band-limited to 8 kHz, with bright
bursts of sibilance around 7 kHz. festival's HTS voice has the smoothest harmonics, gentle sibilants, a full
0.5 s pause between sentences, and is the most natural of the three, so it speaks. Slowed by the HTS
engine's own rate (-r 0.88: 141 words a minute, the pitch unchanged) it sounds unhurried without the
smearing of a time stretch afterwards. Each recording is trimmed of the engine's own silence, given 150 ms
of quiet before the first word and 300 ms after the last, brought to the same RMS (peaks kept under
-2 dBFS) and stored as 22050 Hz mono Vorbis.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This checkout's own code reads the routines it records: a venv installed in editable mode from another
# checkout (a git worktree's neighbour) would otherwise parse them with that checkout's rules.
sys.path.insert(0, str(ROOT))

from relaxapp.core import datafile, sound  # noqa: E402
from relaxapp.core.catalog import load_catalog  # noqa: E402

CONTENT = ROOT / "relaxapp" / "content"
OUT_DIR = ROOT / "assets" / "audio" / "voice"
MANIFEST = OUT_DIR / "prompts.toml"

VOICE = "(voice_cmu_us_slt_arctic_hts)"
RATE_SCHEME = '(set! hts_engine_params (append hts_engine_params (list (list "-r" 0.88))))'
TARGET_RMS = 0.1  # clearly above the ambience (about 0.05), level with the cues
PEAK_LIMIT = 0.79  # -2 dBFS
LEAD_IN = 0.15  # seconds of quiet before the first word, so the start is never clipped by the device
TAIL = 0.3
QUALITY = "3"  # Vorbis -q 3 (about 6 kB a second): below it, the sibilants of speech turn watery
# Festival reads plain ASCII; typographic marks would be spelled out or dropped mid-sentence.
PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": ", ", "–": ", ", "…": "..."})


def texts_to_speak() -> dict[str, str]:
    """Every sentence the app may speak, by its key."""
    prompts = datafile.load(CONTENT / "prompts.toml", sound.parse_prompts)
    catalog = load_catalog([CONTENT / "routines"])
    if catalog.errors:
        # A routine that fails to load would look like one with nothing to say, and lose its recordings.
        raise SystemExit("fix the routine files first:\n" + "\n".join(str(error) for error in catalog.errors))
    texts = [*prompts.values(), *(text for routine in catalog.routines for text in routine.spoken_texts())]
    return {sound.prompt_key(text): sound.spoken_form(text) for text in texts}


def festival_text(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.translate(PLAIN)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", plain).strip()


def record(key: str, text: str) -> None:
    """Speak `text` into OUT_DIR/<key>.ogg (written whole or not at all)."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        (scratch / "text.txt").write_text(festival_text(text) + "\n", encoding="ascii")
        raw, trimmed, encoded = scratch / "raw.wav", scratch / "trimmed.wav", scratch / f"{key}.ogg"
        text2wave = [
            "text2wave",
            "-eval",
            VOICE,
            "-eval",
            RATE_SCHEME,
            str(scratch / "text.txt"),
            "-o",
            str(raw),
        ]
        subprocess.run(text2wave, check=True, capture_output=True)
        # The engine's own lead-in and tail vary; trim both so every prompt starts and ends alike.
        trim = ["silence", "1", "0.01", "-50d", "reverse", "silence", "1", "0.01", "-50d", "reverse"]
        subprocess.run(["sox", str(raw), str(trimmed), "highpass", "70", *trim, "rate", "22050"], check=True)
        rms, peak = levels(trimmed)
        gain = min(TARGET_RMS / rms, PEAK_LIMIT / peak)
        pad = ["pad", f"{LEAD_IN}", f"{TAIL}"]
        subprocess.run(
            ["sox", str(trimmed), "-C", QUALITY, str(encoded), "vol", f"{gain:.4f}", *pad], check=True
        )
        shutil.move(encoded, OUT_DIR / f"{key}.ogg")


def levels(path: Path) -> tuple[float, float]:
    """RMS and peak amplitude, 0..1."""
    stat = subprocess.run(["sox", str(path), "-n", "stat"], check=True, capture_output=True, text=True).stderr
    found = dict(re.findall(r"^(RMS +amplitude|Maximum amplitude): +([0-9.]+)$", stat, re.MULTILINE))
    return float(found["RMS     amplitude"]), float(found["Maximum amplitude"])


def seconds(path: Path) -> float:
    return float(subprocess.run(["soxi", "-D", str(path)], check=True, capture_output=True, text=True).stdout)


def write_manifest(texts: dict[str, str]) -> None:
    lines = [
        "# Written by tools/make_voice.py: each recording in this folder, by",
        "# relaxapp.core.sound.prompt_key(text), with the words it speaks and its length in seconds.",
    ]
    for key in sorted(texts):
        # A JSON string is a valid TOML basic string.
        text = json.dumps(texts[key], ensure_ascii=False)
        lines += ["", f"[{key}]", f"text = {text}", f"seconds = {seconds(OUT_DIR / f'{key}.ogg'):.3f}"]
    MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="record every sentence again")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="recordings made at once")
    options = parser.parse_args()
    if shutil.which("text2wave") is None or shutil.which("sox") is None:
        print("needs: apt-get install festival festvox-us-slt-hts sox libsox-fmt-all", file=sys.stderr)
        return 1
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    texts = texts_to_speak()
    for stale in sorted(path for path in OUT_DIR.glob("*.ogg") if path.stem not in texts):
        stale.unlink()
        print(f"deleted {stale.name}: no text speaks it any more")
    todo = {
        key: text for key, text in texts.items() if options.force or not (OUT_DIR / f"{key}.ogg").is_file()
    }
    with ThreadPoolExecutor(max_workers=options.jobs) as pool:  # each recording is two subprocesses
        recorded = pool.map(record, todo, todo.values())
        for done, (key, _) in enumerate(zip(todo, recorded, strict=True), start=1):
            print(f"[{done}/{len(todo)}] {key}: {todo[key][:70]}")
    write_manifest(texts)
    print(f"{len(texts)} sentences, {len(todo)} recorded now; wrote {MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
