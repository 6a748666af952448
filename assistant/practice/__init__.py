"""A practice session as both fronts run it (:class:`.session.PracticeSession`), and what
happens to sessions afterwards: saving, rescoring, exports and trends."""
