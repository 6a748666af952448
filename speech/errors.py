"""Errors that reach the person running thinkaloud, each with its own exit code."""

from __future__ import annotations


class SpeechError(Exception):
    """A problem with an input file or a model, told to the user in one line."""

    exit_code = 1


class InputMissingError(SpeechError):
    """The path does not exist, is a directory, or cannot be opened."""

    exit_code = 3


class InputUnusableError(SpeechError):
    """The file is there but cannot be used as given: not UTF-8 text, or far larger
    than any answer."""

    exit_code = 3


class AudioDecodeError(SpeechError):
    """The file exists but holds no audio we can decode (not audio, empty, cut short)."""

    exit_code = 4


class AudioTooLongError(SpeechError):
    """The recording is longer than the configured limit; refused before decoding it all."""

    exit_code = 5


class ModelError(SpeechError):
    """The speech-to-text model cannot be found offline or fails to load."""

    exit_code = 6
