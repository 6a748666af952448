"""The composition root: settings resolved once per process from the injected
environment, and the only place real adapters (speech model, LLM, store) are built."""
