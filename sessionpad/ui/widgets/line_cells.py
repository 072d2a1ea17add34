"""Terminal-cell offsets within one long line, cheap to find again after each keystroke.

Rich measures a string of 512 characters or more one character at a time in Python, and
Textual's Input measures its whole value several times per key (cursor offset, width, the
rendered line): per key, a 5,000-character line cost twice a 1,000-character one, and 20,000
characters typed froze the screen. Here the line is cut into short pieces at spaces; each
piece is measured through rich's cached measure, so after a key only the piece that changed
is measured afresh and the rest are cache hits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from rich.cells import cell_len

# A word with the spaces after it, or a run of spaces; long words and runs are cut at 64
# characters so every piece stays well inside rich's cached range (under 512).
_PIECE = re.compile(r"[^ ]{1,64} {0,64}| {1,64}")


class LineCells:
    def __init__(self, line: str) -> None:
        self.line = line
        pieces = _PIECE.findall(line)
        self._starts = [0, *accumulate(map(len, pieces))]
        self._cells = [0, *accumulate(map(cell_len, pieces))]

    @property
    def total(self) -> int:
        """The width of the whole line in cells."""
        return self._cells[-1]

    def cells_before(self, position: int) -> int:
        """The width of ``line[:position]``."""
        position = max(0, min(position, len(self.line)))
        piece = bisect_right(self._starts, position) - 1
        start = self._starts[piece]
        return self._cells[piece] + cell_len(self.line[start:position])

    def position_at(self, cell: int) -> int:
        """The last position whose ``cells_before`` is at most ``cell`` (0 for ``cell < 0``)."""
        if cell <= 0:
            return 0
        if cell >= self.total:
            return len(self.line)
        piece = bisect_right(self._cells, cell) - 1
        position, used = self._starts[piece], self._cells[piece]
        end = self._starts[piece + 1]
        while position < end:
            width = cell_len(self.line[position])
            if used + width > cell:
                break
            used += width
            position += 1
        return position


class EvenCells:
    """The same questions for a line drawn one cell per character (the bar's veil of dots)."""

    def __init__(self, length: int) -> None:
        self.length = length

    @property
    def total(self) -> int:
        return self.length

    def cells_before(self, position: int) -> int:
        return max(0, min(position, self.length))

    def position_at(self, cell: int) -> int:
        return max(0, min(cell, self.length))
