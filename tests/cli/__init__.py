"""The thinkaloud command, run in-process and as a subprocess."""
