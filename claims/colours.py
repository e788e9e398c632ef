"""Colour arithmetic for rating badges: readable text on any badge colour (WCAG 2.2 AA)."""

WHITE, INK = "#ffffff", "#111111"


def _channels(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(hex_colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or near-black, whichever reads better; one of the two always passes 4.5:1."""
    return max((WHITE, INK), key=lambda text: contrast_ratio(text, background))


def tint(hex_colour: str, strength: float) -> str:
    """The colour mixed with white: ``strength`` 0 is white, 1 the colour itself."""
    mixed = (round(255 - (255 - c) * strength) for c in _channels(hex_colour))
    return "#" + "".join(f"{c:02x}" for c in mixed)
