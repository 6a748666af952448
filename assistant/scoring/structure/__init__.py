"""Think-aloud structure: which rubric stages an answer covers, when, and in what order.

Pure core: timed (or untimed) words and a rubric in, findings with evidence out.
"""
