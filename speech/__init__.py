"""Audio in and out for thinkaloud: loading, voice activity, transcription, the interviewer's voice.

Nothing here imports the app or its UI; heavy libraries (faster-whisper, PyAV,
CTranslate2) are imported only when a function that needs them runs.
"""
