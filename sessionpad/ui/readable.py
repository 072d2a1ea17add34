"""Theme colours adjusted so every text reads at WCAG AA (4.5:1) in sessionpad's two themes.

Textual's own light theme draws the Footer's keys at about 2.9:1, muted and warning text
near 3–4:1, and both themes' placeholders and list highlights fall short as well. The
corrections are theme variables, so every widget and every ``$variable`` in our styles and
Content markup picks them up; ``tests/ui/test_contrast.py`` measures the result on screen.
"""

from __future__ import annotations

from rich.color_triplet import ColorTriplet
from rich.terminal_theme import TerminalTheme

#: Per theme name: variable → colour. Other themes (the palette offers them) are left as made.
READABLE: dict[str, dict[str, str]] = {
    "textual-dark": {
        "foreground-muted": "#E0E0E0AA",
        "text-muted": "auto 70%",
        "text-disabled": "auto 60%",
        # Dark enough that dim text on a highlighted row still reads.
        "block-cursor-background": "#0B3A63",
        "block-cursor-foreground": "#FFFFFF",
        "button-color-foreground": "#FFFFFF",
        "markdown-h1-color": "#57A5E2",
        "markdown-h2-color": "#57A5E2",
        "markdown-h3-color": "#57A5E2",
        "markdown-h4-color": "#57A5E2",
        "markdown-h5-color": "#57A5E2",
        "markdown-h6-color": "#57A5E2",
    },
    "textual-light": {
        "foreground-muted": "#1F1F1FCC",
        "text-muted": "auto 78%",
        "text-disabled": "auto 70%",
        "text-warning": "#7A4A0E",
        "text-accent": "#7A4A0E",
        "text-success": "#21603A",
        "footer-key-foreground": "#004F8B",
        "block-cursor-background": "#002A4A",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#00457833",
        "panel": "#DCDCDC",
    },
}


def readable_variables(theme_name: str) -> dict[str, str]:
    return READABLE.get(theme_name, {})


#: Red text (overdue, refused) on the dark theme: Textual's ANSI red reads at 4.47:1 there.
READABLE_DARK_RED = (255, 95, 135)


def with_readable_red(theme: TerminalTheme) -> TerminalTheme:
    """The dark ANSI palette with a red that reads at AA on the dark theme's background."""
    colours: list[tuple[int, int, int]] = [_rgb(theme.ansi_colors[i]) for i in range(16)]
    colours[1] = colours[9] = READABLE_DARK_RED
    return TerminalTheme(
        _rgb(theme.background_color), _rgb(theme.foreground_color), colours[:8], colours[8:]
    )


def _rgb(colour: ColorTriplet) -> tuple[int, int, int]:
    return (colour.red, colour.green, colour.blue)
