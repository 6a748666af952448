"""What the tests (and the benchmarks) use to make their inputs: speech from espeak-ng,
WAV files, scripted answers. Not part of the installed package."""
