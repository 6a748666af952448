"""thinkaloud: practise ML system-design interviews out loud, offline.

Importing this package stays cheap: speech models, PyAV and the UI load only
when a command needs them.
"""

__version__ = "0.1.0"
