"""WCAG contrast of what is on screen, measured from the cells Textual renders."""

from __future__ import annotations

from dataclasses import dataclass

from rich.color import Color as RichColor
from rich.segment import Segment
from textual.app import App
from textual.geometry import Region

AA_TEXT = 4.5
#: Lines and blocks that draw frames and bars, not text to read.
DRAWING = set(range(0x2500, 0x25A0)) | {ord(" "), 0xA0}
#: How Textual (DimFilter) and most terminals show dim text: halfway to the background.
DIM_FACTOR = 0.5


@dataclass(frozen=True)
class LowContrast:
    text: str
    ratio: float
    foreground: str
    background: str


def relative_luminance(color: RichColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(first: RichColor, second: RichColor) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _blend(background: RichColor, color: RichColor, factor: float) -> RichColor:
    (r1, g1, b1), (r2, g2, b2) = background.get_truecolor(), color.get_truecolor()
    return RichColor.from_rgb(
        r1 + (r2 - r1) * factor, g1 + (g2 - g1) * factor, b1 + (b2 - b1) * factor
    )


def _is_text(text: str) -> bool:
    return any(ord(char) not in DRAWING for char in text)


def segment_contrast(segment: Segment) -> tuple[float, RichColor, RichColor] | None:
    style = segment.style
    if style is None or not _is_text(segment.text):
        return None
    foreground, background = style.color, style.bgcolor
    if foreground is None or background is None:
        return None
    if style.reverse:
        foreground, background = background, foreground
    if style.dim:
        foreground = _blend(background, foreground, DIM_FACTOR)
    return contrast_ratio(foreground, background), foreground, background


def _own_cells(app: App) -> list[Region]:
    """Where the top screen's own widgets are: a pop-up's faded backdrop is not for reading."""
    screen = app.screen
    if not screen.is_modal:
        return [screen.region]
    return [
        region.intersection(clip)
        for widget, (region, clip) in screen._compositor.visible_widgets.items()
        if widget.screen is screen and widget is not screen
    ]


def low_contrast(app: App, minimum: float = AA_TEXT) -> list[LowContrast]:
    """Every run of text on the current screen whose contrast is under ``minimum``."""
    found: list[LowContrast] = []
    regions = _own_cells(app)
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        previous = ""
        for segment in strip:
            start, x = x, x + segment.cell_length
            # A checkbox's ▐X▌: unticked, the X is faint on purpose; it is a state, not text.
            toggle_mark, previous = previous.endswith("▐") and segment.text == "X", segment.text
            if toggle_mark:
                continue
            if not any(r.y <= y < r.bottom and r.x < x and start < r.right for r in regions):
                continue
            measured = segment_contrast(segment)
            if measured is not None and measured[0] < minimum:
                ratio, foreground, background = measured
                found.append(
                    LowContrast(
                        segment.text.strip(),
                        round(ratio, 2),
                        foreground.get_truecolor().hex,
                        background.get_truecolor().hex,
                    )
                )
    return found
