"""Saved practice sessions: the SQLite store and crash-safe audio files."""
