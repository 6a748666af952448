"""Saved practice sessions (SQLite store, history, exports): not built yet."""
