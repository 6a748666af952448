"""Tests that run the real bundled Whisper model on recordings with known truth."""
