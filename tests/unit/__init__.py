"""Tests of the pure core: scoring, interviewer, sessions, settings, layering."""
