"""GGUF models run in this process by cyllama (llama.cpp), the ``thinkaloud[local]``
extra: the catalog of known weights, joining and checking chunked weights, the engine."""
