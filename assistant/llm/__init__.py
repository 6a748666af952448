"""Language models behind one port (:mod:`.port`): a server through litellm, or a
GGUF file in this process (:mod:`.local`). Nothing here knows about interviews."""
