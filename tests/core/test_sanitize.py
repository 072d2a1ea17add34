from __future__ import annotations

import re

import pytest

from sessionpad.core.sanitize import clean_text, one_line

ESC = "\x1b"
# Anything a terminal would act on: C0 (but TAB/LF), DEL, C1, ESC.
ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain words stay", "plain words stay"),
        (f"{ESC}[31mred{ESC}[0m", "red"),
        (f"{ESC}[2J{ESC}[Hwiped", "wiped"),
        (f"{ESC}[38;2;255;0;0mtrue colour{ESC}[m", "true colour"),
        (f"{ESC}[?1049hscreen", "screen"),
        (f"before{ESC}]52;c;aGVsbG8=\x07after", "beforeafter"),  # clipboard write, BEL
        (f"before{ESC}]0;title{ESC}\\after", "beforeafter"),  # window title, ST
        (f"{ESC}]8;;https://x.test{ESC}\\link{ESC}]8;;{ESC}\\", "link"),  # hyperlink
        (f"a{ESC}P1$qm{ESC}\\b", "ab"),  # DCS
        (f"a{ESC}_private{ESC}\\b", "ab"),  # APC
        (f"a{ESC}cb", "ab"),  # full reset
        (f"a{ESC}(Bb", "ab"),  # charset designation (intermediate + final)
        (f"a{ESC}7b{ESC}8c", "abc"),  # save/restore cursor
        ("a\x9b2Jb", "ab"),  # 8-bit CSI
        ("a\x9d52;c;eA==\x9cb", "ab"),  # 8-bit OSC with 8-bit ST
        ("a\x9d0;t\x07b", "ab"),  # 8-bit OSC with BEL
        ("a\x00b\x07c\x08d\x0be\x0cf\x7fg", "abcdefg"),  # C0 and DEL
        ("a\x80b\x85c\x99d", "abcd"),  # other C1
        ("a\x9fapc payload\x9cb", "ab"),  # 8-bit APC
        (f"trailing{ESC}", "trailing"),
        (f"half{ESC}[31", "half"),  # cut-off CSI: parameters go too
        ("tab\tstays", "tab\tstays"),
    ],
)
def test_escapes_and_controls_are_removed_whole(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_unterminated_osc_costs_at_most_the_rest_of_its_line() -> None:
    raw = f"keep{ESC}]52;c;payload\nnext line survives"
    assert clean_text(raw) == "keep\nnext line survives"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("one\r\n\r\ntwo", "one\n\ntwo"),
        ("one\u2028two\u2029three", "one\ntwo\nthree"),
        ("one\ntwo", "one\ntwo"),
    ],
)
def test_line_endings_become_newlines(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_newlines_become_spaces_when_not_kept() -> None:
    assert clean_text("one\r\ntwo\nthree\tfour", keep_newlines=False) == "one two three\tfour"


@pytest.mark.parametrize("point", [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
def test_bidi_overrides_and_isolates_are_shown_not_applied(point: int) -> None:
    cleaned = clean_text(f"invoice{chr(point)}fdp.exe")
    assert chr(point) not in cleaned
    assert cleaned == f"invoice⟨U+{point:04X}⟩fdp.exe"


def test_bidi_marks_and_right_to_left_text_are_kept() -> None:
    text = "שלום \u200fعالم\u200e مرحبا \u061c"
    assert clean_text(text) == text


def test_unicode_text_is_untouched() -> None:
    text = "Grüße, 日本語, emoji 🙂, combining e\u0301, zero width joiner 👩\u200d💻"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "raw",
    [
        f"{ESC}[31mred\x9b1m{ESC}]0;x\x07\u202e\r\n\x00",
        "\u202e" * 3 + "⟨U+202E⟩",
        f"{ESC}{ESC}[[31m",
    ],
)
def test_cleaning_twice_changes_nothing(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once
    assert not ACTIVE.search(once)


def test_a_megabyte_of_mixed_text_is_cleaned_whole() -> None:
    line = f"note {ESC}[1mbold{ESC}[0m \u202eflip {ESC}]52;c;Zm9v\x07end\r\n"
    cleaned = clean_text(line * 25_000)
    assert len(line) * 25_000 > 1_000_000
    assert cleaned == "note bold ⟨U+202E⟩flip end\n" * 25_000
    assert not ACTIVE.search(cleaned)


# ── one_line ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one line", "one line"),
        ("first\nsecond", "first ⏎ second"),
        ("first  \n\n   second\r\nthird", "first ⏎ second ⏎ third"),
        ("  \n padded \n  ", "padded"),
        ("tab\tinside", "tab inside"),
        (f"{ESC}[31mred{ESC}[0m\u202e", "red⟨U+202E⟩"),
    ],
)
def test_one_line_flattens_for_display(raw: str, expected: str) -> None:
    assert one_line(raw) == expected


@pytest.mark.parametrize(
    ("raw", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("exactly10!", 10, "exactly10!"),
        ("eleven chars", 10, "eleven ch…"),
        ("words then space", 11, "words then…"),
        ("日本語日本語", 7, "日本語…"),  # two cells each: 3 × 2 + 1
        ("日本語日本語", 12, "日本語日本語"),
        ("e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301e\u0301"),  # combining marks take no cell
        ("anything", 1, "…"),
        ("anything", 0, ""),
    ],
)
def test_one_line_fits_the_limit_in_cells(raw: str, limit: int, expected: str) -> None:
    assert one_line(raw, limit) == expected


def test_one_line_of_a_huge_text_is_cut_with_an_ellipsis() -> None:
    flat = one_line("word " * 300_000, 20)
    assert flat.endswith("…")
    assert flat.startswith("word word")
    assert len(flat) <= 20


def test_one_line_cut_after_a_long_run_of_escapes_still_marks_the_cut() -> None:
    flat = one_line(f"{ESC}[31m" * 1_000 + "hidden text", 10)
    assert flat.endswith("…")
    assert ESC not in flat


def test_one_line_rejects_a_negative_limit() -> None:
    with pytest.raises(ValueError):
        one_line("text", -1)
