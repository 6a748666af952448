"""The Textual app driven by its Pilot, and snapshots of every screen."""
