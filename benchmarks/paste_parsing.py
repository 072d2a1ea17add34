"""Terminal input through the paste guard, against Textual's own parser (budget: ≤ 1.5×).

Two streams, each parsed in 4 KB reads as the driver reads them: a 1 MB bracketed paste
of plain text (which Textual's parser also keeps whole) and 20,000 typed keys with arrow
keys and mouse reports mixed in. Prints the medians and ratios; exit 1 when over budget.

    python benchmarks/paste_parsing.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from textual._xterm_parser import XTermParser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sessionpad.ui.paste_guard import PasteGuardParser

BUDGET = 1.5
PASTE = "\x1b[200~" + "a plain line of pasted notes, nothing odd in it\n" * 21_000 + "\x1b[201~"
TYPING = ("the deadline is self imposed\x1b[A\x1b[<35;12;7M" * 500)[:20_000]


def median_seconds(parser_class: type[XTermParser], stream: str, runs: int = 5) -> float:
    chunks = [stream[i : i + 4096] for i in range(0, len(stream), 4096)]
    timings = []
    for _ in range(runs):
        parser = parser_class()
        start = time.perf_counter()
        for chunk in chunks:
            for _event in parser.feed(chunk):
                pass
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> int:
    over = False
    for name, stream in (("1 MB paste", PASTE), ("20k typed keys", TYPING)):
        textual_s = median_seconds(XTermParser, stream)
        guarded_s = median_seconds(PasteGuardParser, stream)
        ratio = guarded_s / textual_s
        over |= ratio > BUDGET
        print(
            f"{name:>15}: textual {textual_s * 1000:7.1f} ms · "
            f"guarded {guarded_s * 1000:7.1f} ms · ratio {ratio:.2f}× (budget {BUDGET}×)"
        )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
