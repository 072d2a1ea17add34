"""A long line in the capture bar: measured piece by piece, drawn as Textual would draw it."""

from __future__ import annotations

from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.widgets import Input

from sessionpad.ui.widgets.capture_bar import LONG_LINE, CaptureBar
from sessionpad.ui.widgets.line_cells import LineCells

# Narrow and wide characters, a combining accent (no width of its own), spaces, the ↵ mark.
LETTERS = st.sampled_from(["a", "é", "e\u0301", "日", "本", " ", "  ", "↵", "x" * 70, " " * 70])


@settings(max_examples=60, deadline=None)
@given(st.lists(LETTERS, max_size=30).map("".join))
def test_line_cells_agree_with_measuring_the_whole_prefix(line: str) -> None:
    cells = LineCells(line)
    prefix = [cell_len(line[:position]) for position in range(len(line) + 1)]
    assert cells.total == cell_len(line)
    assert [cells.cells_before(p) for p in range(len(line) + 1)] == prefix
    for cell in range(-1, cells.total + 2):
        # the last position whose prefix fits in ``cell`` cells (prefix never shrinks)
        expected = max(0, bisect_right(prefix, cell) - 1)
        assert cells.position_at(cell) == expected


class BarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CaptureBar(id="capture")


VALUE = ("a note about café ↵ 日本 with e\u0301 marks " * 40)[:1500]


@pytest.mark.parametrize(
    ("cursor", "selection"),
    [
        (0, None),
        (7, None),
        (700, None),
        (701, (650, 720)),
        (len(VALUE), None),
        (1470, (0, len(VALUE))),
    ],
)
async def test_a_long_line_is_drawn_exactly_as_textual_draws_it(
    cursor: int, selection: tuple[int, int] | None
) -> None:
    assert len(VALUE) >= LONG_LINE
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(CaptureBar)
        bar.focus()
        bar.value = VALUE
        bar.cursor_position = 0  # the first value leaves the cursor at the end, unscrolled
        bar.cursor_position = cursor
        if selection is not None:
            from textual.widgets.input import Selection

            bar.selection = Selection(*selection)
        await pilot.pause()
        assert bar.scroll_offset.x > 0 or cursor < 80
        for visible in (True, False):
            bar._cursor_visible = visible
            ours = bar.render_line(0).simplify()
            textuals = Input.render_line(bar, 0).simplify()
            assert ours.text == textuals.text
            assert list(ours) == list(textuals)


async def test_a_key_in_a_long_line_measures_only_a_little_of_it(monkeypatch) -> None:
    """The work per key must not grow with the line (no clock: characters measured are
    counted). Before: every key measured the whole 5,000-character line several times."""
    import rich.cells

    measured = [0]
    measure = rich.cells._cell_len

    def counting(text: str, unicode_version: str) -> int:
        measured[0] += len(text)
        return measure(text, unicode_version)

    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(CaptureBar)
        bar.focus()
        bar.value = (VALUE * 4)[:5000]
        bar.cursor_position = 0
        bar.cursor_position = 5000
        await pilot.pause()
        monkeypatch.setattr(rich.cells, "_cell_len", counting)
        keys = "typing on"
        await pilot.press(*keys)
        await pilot.pause()
        assert bar.value.endswith(keys)
    assert measured[0] / len(keys) < 1000, measured[0] / len(keys)
