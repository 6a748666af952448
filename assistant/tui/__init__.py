"""The Textual app: the only place thinkaloud imports textual."""
