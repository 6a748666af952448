"""The interviewer: a session state machine, an offline planner, an LLM interviewer and
adaptation scoring. Pure core; models are reached through :mod:`assistant.llm.port`."""
