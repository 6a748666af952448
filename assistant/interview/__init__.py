"""The interviewer: a session state machine, an offline planner, an LLM adapter, and
adaptation scoring. Pure core; talking to an LLM goes through :mod:`.chat`."""
