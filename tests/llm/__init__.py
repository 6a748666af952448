"""Tests of the LLM paths: a real server on 127.0.0.1, a real in-process model."""
