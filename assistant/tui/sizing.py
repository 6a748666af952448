"""Every screen is laid out for the terminal as it is now."""

from __future__ import annotations

from textual.geometry import Size


class SizedToTerminal:
    """A screen laid out at the terminal's size as it is now, whatever size the resize it
    is handling carries.

    A screen told of a size is laid out at it, and a layout at a new size tells the screen
    once more that it was resized (to that size). A screen busy opening a question on a
    loaded machine was handed a shrink (50x15) and the grow back (120x40) before it could
    handle the first: each layout at one size sent the screen a resize to that size behind
    the other, and the two answered each other for ever. The app froze with the 50-column
    layout pasted over the 120-column one, the question never shown, the countdown
    stopped, and no key (Ctrl+Q included) handled. Laid out at the terminal's size, a
    resize that is already out of date changes nothing and sends nothing on.
    """

    def _screen_resized(self, size: Size) -> None:
        super()._screen_resized(self.app.size)  # type: ignore[misc]
