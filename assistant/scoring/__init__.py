"""Judging one answer: pacing, pauses and fillers from timed words and speech regions,
think-aloud structure against a rubric (:mod:`.structure`), evidence for every finding,
and live transcription while the answer is spoken. Pure core, apart from the adapters
:mod:`.analyse` wires in to transcribe a recording."""
