"""An LLM interviewer inside the app, offline: GGUF models run in-process by cyllama
(llama.cpp), reached through litellm as ``local/<model>`` (the ``thinkaloud[local]`` extra)."""
